"""The one repository: every read and write of the bot's state, in short transactions."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import DisconnectionError, IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from knowledge.model import Recurrence
from schedules.models import (
    Acknowledgement,
    Base,
    Chat,
    Delivery,
    Draft,
    Occurrence,
    Reminder,
    ReminderTarget,
    SeenUpdate,
    Subscription,
)


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """A chat as the layers above see it."""

    id: int
    platform: str
    chat_id: str
    title: str
    kind: str
    active: bool

    @property
    def name(self) -> str:
        """How to name the chat in a message: its title, else its kind, platform and the end of its id."""
        if self.title:
            return self.title
        kind = "Nhóm" if self.kind == "group" else "Người dùng"
        return f"{kind} {self.platform.capitalize()} …{self.chat_id[-4:]}"


@dataclass(frozen=True, slots=True)
class ReminderInfo:
    """A reminder with its current (open) occurrence."""

    id: int
    chat: ChatInfo
    creator: str
    text: str
    recurrence: Recurrence | None
    lead_days: list[int] | None
    source_document: str | None
    source_section: str | None
    status: str
    occurrence_id: int | None
    next_due: datetime | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    """What planning needs of an open occurrence and its reminder (plain values: planning reads thousands)."""

    id: int
    due_at: datetime
    created_at: datetime
    planned_leads: list[int]
    escalated: bool
    reminder_id: int
    chat_ref: int
    supervisor_ref: int | None
    text: str
    every: str | None
    day: int | None
    month: int | None
    send_time: str | None
    due_time: str | None
    lead_days: list[int] | None
    source_document: str | None
    source_section: str | None
    targets: list[int]


@dataclass(frozen=True, slots=True)
class TargetState:
    """One target chat of an occurrence and its confirmation, if any."""

    chat: ChatInfo
    confirmed_by: str | None
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A delivery ready to send."""

    id: int
    key: str
    kind: str
    chat: ChatInfo
    payload: dict[str, Any]
    not_before: datetime
    attempts: int
    late: bool


def _chat_info(chat: Chat) -> ChatInfo:
    return ChatInfo(chat.id, chat.platform, chat.chat_id, chat.title, chat.kind, chat.active)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets its folder created, foreign keys and a busy timeout."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    _ping_when_idle(engine)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL survives any crash of the process (a power cut may lose the last commits):
            # one disk sync per commit less, which keeps the outbox's claim/finish off the event loop's back.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


IDLE_PING = 30.0  # seconds a pooled connection may rest before it is checked at checkout


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection that rested (the server may have closed it) before handing it out; one in
    steady use is not checked each time, which would cost a round trip per outbox step."""

    @event.listens_for(engine, "checkin")
    def _rested_since(_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("checked_in", 0.0) < IDLE_PING:
            return
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except Exception as error:  # the pool drops this connection and checks out a fresh one
            raise DisconnectionError(str(error)) from error


class Repository:
    """All database access of the bot. Methods take aware datetimes and return plain records."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create_schema(self) -> None:
        """Create every table directly (tests and benchmarks; deployments use the migrations)."""
        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

    # Chats and subscriptions

    def chat(self, platform: str, chat_id: str, now: datetime, *, title: str = "", kind: str = "private") -> ChatInfo:
        """The chat row for (platform, chat_id), created on first sight; title and kind kept up to date."""
        with self.session() as session:
            chat = session.scalar(select(Chat).where(Chat.platform == platform, Chat.chat_id == chat_id))
            if chat is None:
                chat = Chat(platform=platform, chat_id=chat_id, title=title, kind=kind, active=True, created_at=now)
                session.add(chat)
                try:
                    session.flush()
                except IntegrityError:
                    session.rollback()
                    return self.chat(platform, chat_id, now, title=title, kind=kind)
            else:
                if title and chat.title != title:
                    chat.title = title
                if kind and chat.kind != kind:
                    chat.kind = kind
            return _chat_info(chat)

    def chat_by_ref(self, chat_ref: int) -> ChatInfo | None:
        """A chat by its row id."""
        with self.session() as session:
            chat = session.get(Chat, chat_ref)
            return None if chat is None else _chat_info(chat)

    def set_active(self, chat_ref: int, active: bool, reason: str = "") -> None:
        """Mark a chat (in)active: a blocked bot stops sending there; writing again reactivates it."""
        with self.session() as session:
            session.execute(update(Chat).where(Chat.id == chat_ref).values(active=active, inactive_reason=reason))
            if not active:
                session.execute(
                    update(Delivery)
                    .where(Delivery.chat_ref == chat_ref, Delivery.status == "pending")
                    .values(status="failed", last_error=reason)
                )

    def migrate_chat(self, chat_ref: int, new_chat_id: str) -> None:
        """A group became a supergroup with a new id: the same row (and its subscriptions) moves to it."""
        with self.session() as session:
            chat = session.get(Chat, chat_ref)
            if chat is None:
                return
            existing = session.scalar(
                select(Chat).where(Chat.platform == chat.platform, Chat.chat_id == new_chat_id)
            )
            if existing is not None and existing.id != chat.id:
                # The new id already wrote to us: keep one row, the old one with its history.
                session.execute(update(Subscription).where(Subscription.chat_ref == existing.id)
                                .values(chat_ref=chat.id))
                existing.chat_id = f"{existing.chat_id}#merged{existing.id}"
                existing.active = False
                session.flush()
            chat.chat_id = new_chat_id
            chat.active = True

    def subscribe(self, chat_ref: int, topic: str, now: datetime) -> bool:
        """Subscribe a chat to a topic; False when it already was."""
        with self.session() as session:
            if session.scalar(select(Subscription).where(Subscription.chat_ref == chat_ref,
                                                         Subscription.topic == topic)):
                return False
            session.add(Subscription(chat_ref=chat_ref, topic=topic, created_at=now))
            return True

    def unsubscribe(self, chat_ref: int, topic: str) -> bool:
        """Remove a subscription; False when there was none."""
        with self.session() as session:
            result = session.execute(
                delete(Subscription).where(Subscription.chat_ref == chat_ref, Subscription.topic == topic)
            )
            return bool(getattr(result, "rowcount", 0))

    def subscribers(self, topic: str, created_before: datetime | None = None) -> list[ChatInfo]:
        """Active chats subscribed to a topic (before a moment, when given)."""
        with self.session() as session:
            query = (
                select(Chat).join(Subscription, Subscription.chat_ref == Chat.id)
                .where(Subscription.topic == topic, Chat.active.is_(True)).order_by(Chat.id)
            )
            if created_before is not None:
                query = query.where(Subscription.created_at <= created_before)
            return [_chat_info(chat) for chat in session.scalars(query)]

    def topics(self, chat_ref: int) -> list[str]:
        """What a chat is subscribed to."""
        with self.session() as session:
            return list(session.scalars(select(Subscription.topic).where(Subscription.chat_ref == chat_ref)))

    # Reminders

    def add_reminder(
        self,
        *,
        chat_ref: int,
        creator: str,
        text: str,
        first_due: datetime,
        recurrence: Recurrence | None,
        due_time: str | None,
        send_time: str,
        lead_days: list[int] | None,
        targets: Iterable[int],
        now: datetime,
        source_document: str | None = None,
        source_section: str | None = None,
        supervisor_ref: int | None = None,
    ) -> int:
        """Store a reminder, its target chats and its first occurrence; returns the reminder id."""
        with self.session() as session:
            reminder = Reminder(
                chat_ref=chat_ref, creator=creator, text=text,
                due_at=first_due if recurrence is None else None,
                every=recurrence.every if recurrence else None,
                day=recurrence.day if recurrence else None,
                month=recurrence.month if recurrence else None,
                due_time=due_time, send_time=send_time, lead_days=lead_days,
                source_document=source_document, source_section=source_section,
                supervisor_ref=supervisor_ref, status="active", created_at=now,
            )
            reminder.targets = [ReminderTarget(chat_ref=target) for target in dict.fromkeys(targets)]
            session.add(reminder)
            session.flush()
            session.add(Occurrence(reminder_ref=reminder.id, due_at=first_due, status="open",
                                   next_plan_at=now, planned_leads=[], created_at=now))
            return reminder.id

    def find_reminder(self, chat_ref: int, text: str, source_document: str | None, source_section: str | None,
                      first_due: datetime) -> int | None:
        """An active reminder of a chat for the same document item (so following a document twice is harmless)."""
        with self.session() as session:
            return session.scalar(
                select(Reminder.id)
                .join(Occurrence, Occurrence.reminder_ref == Reminder.id)
                .where(Reminder.chat_ref == chat_ref, Reminder.text == text, Reminder.status == "active",
                       Reminder.source_document == source_document, Reminder.source_section == source_section,
                       Occurrence.due_at == first_due)
                .limit(1)
            )

    def reminder(self, reminder_id: int) -> ReminderInfo | None:
        """A reminder with its open occurrence."""
        with self.session() as session:
            reminder = session.get(Reminder, reminder_id, options=[selectinload(Reminder.chat)])
            return None if reminder is None else self._reminder_info(session, reminder)

    def reminders_of(self, chat_ref: int) -> list[ReminderInfo]:
        """Active reminders a chat created or must act on, nearest due first."""
        with self.session() as session:
            targeted = select(ReminderTarget.reminder_ref).where(ReminderTarget.chat_ref == chat_ref)
            reminders = session.scalars(
                select(Reminder).options(selectinload(Reminder.chat))
                .where(Reminder.status == "active", (Reminder.chat_ref == chat_ref) | Reminder.id.in_(targeted))
            )
            infos = [self._reminder_info(session, reminder) for reminder in reminders]
        far = datetime.max.replace(tzinfo=None)
        return sorted(infos, key=lambda info: (info.next_due.replace(tzinfo=None) if info.next_due else far, info.id))

    def _reminder_info(self, session: Session, reminder: Reminder) -> ReminderInfo:
        occurrence = session.scalar(
            select(Occurrence).where(Occurrence.reminder_ref == reminder.id, Occurrence.status == "open")
            .order_by(Occurrence.due_at).limit(1)
        )
        recurrence = Recurrence(reminder.every, reminder.day or 31, reminder.month) if reminder.every else None
        return ReminderInfo(
            reminder.id, _chat_info(reminder.chat), reminder.creator, reminder.text, recurrence,
            reminder.lead_days, reminder.source_document, reminder.source_section, reminder.status,
            occurrence.id if occurrence else None, occurrence.due_at if occurrence else None,
        )

    def cancel_reminder(self, reminder_id: int) -> None:
        """Cancel a reminder: its open occurrences close and its pending messages are dropped."""
        with self.session() as session:
            session.execute(update(Reminder).where(Reminder.id == reminder_id).values(status="cancelled"))
            occurrences = select(Occurrence.id).where(Occurrence.reminder_ref == reminder_id)
            session.execute(update(Occurrence).where(Occurrence.reminder_ref == reminder_id,
                                                     Occurrence.status == "open")
                            .values(status="cancelled", next_plan_at=None))
            session.execute(update(Delivery).where(Delivery.occurrence_ref.in_(occurrences),
                                                   Delivery.status == "pending").values(status="cancelled"))

    def targets(self, occurrence_id: int) -> list[TargetState]:
        """The target chats of an occurrence and who confirmed for each."""
        with self.session() as session:
            occurrence = session.get(Occurrence, occurrence_id)
            if occurrence is None:
                return []
            rows = session.execute(
                select(Chat, Acknowledgement)
                .join(ReminderTarget, ReminderTarget.chat_ref == Chat.id)
                .outerjoin(Acknowledgement, (Acknowledgement.chat_ref == Chat.id)
                           & (Acknowledgement.occurrence_ref == occurrence_id))
                .where(ReminderTarget.reminder_ref == occurrence.reminder_ref).order_by(Chat.id)
            )
            return [
                TargetState(_chat_info(chat), (ack.user_name or ack.user_id) if ack else None, ack.at if ack else None)
                for chat, ack in rows
            ]

    def acknowledge(self, occurrence_id: int, chat_ref: int, user_id: str, user_name: str, now: datetime) -> bool:
        """Record that a chat did it; drops its remaining lead-time messages. False if already recorded."""
        with self.session() as session:
            if session.scalar(select(Acknowledgement.id).where(Acknowledgement.occurrence_ref == occurrence_id,
                                                               Acknowledgement.chat_ref == chat_ref)):
                return False
            session.add(Acknowledgement(occurrence_ref=occurrence_id, chat_ref=chat_ref, user_id=user_id,
                                        user_name=user_name, at=now))
            session.execute(
                update(Delivery)
                .where(Delivery.occurrence_ref == occurrence_id, Delivery.chat_ref == chat_ref,
                       Delivery.kind.in_(("lead", "snooze")), Delivery.status == "pending")
                .values(status="skipped")
            )
            return True

    def occurrence_reminder(self, occurrence_id: int) -> tuple[int, datetime, str] | None:
        """(reminder id, due moment, status) of an occurrence."""
        with self.session() as session:
            occurrence = session.get(Occurrence, occurrence_id)
            return None if occurrence is None else (occurrence.reminder_ref, occurrence.due_at, occurrence.status)

    def lead_state(self, occurrence_id: int, chat_ref: int) -> tuple[str, bool] | None:
        """(status of an occurrence, whether this chat confirmed it) in one light query; None if it is gone."""
        confirmed = (select(Acknowledgement.id)
                     .where(Acknowledgement.occurrence_ref == occurrence_id, Acknowledgement.chat_ref == chat_ref)
                     .exists())
        with self.engine.connect() as connection:
            row = connection.execute(select(Occurrence.status, confirmed).where(Occurrence.id == occurrence_id)).first()
        return None if row is None else (str(row[0]), bool(row[1]))

    # Planning

    def occurrences_to_plan(self, until: datetime, limit: int = 5000) -> list[PlanRow]:
        """Open occurrences with something to put in the outbox before `until`, with their reminder and targets."""
        with self.session() as session:
            rows = session.execute(
                select(Occurrence.id, Occurrence.due_at, Occurrence.created_at, Occurrence.planned_leads,
                       Occurrence.escalated, Reminder.id.label("reminder_id"), Reminder.chat_ref,
                       Reminder.supervisor_ref, Reminder.text, Reminder.every, Reminder.day, Reminder.month,
                       Reminder.send_time, Reminder.due_time, Reminder.lead_days, Reminder.source_document,
                       Reminder.source_section)
                .join(Reminder, Reminder.id == Occurrence.reminder_ref)
                .where(Occurrence.status == "open", Occurrence.next_plan_at <= until, Reminder.status == "active")
                .order_by(Occurrence.next_plan_at, Occurrence.due_at).limit(limit)
            ).all()
            reminder_ids = sorted({row.reminder_id for row in rows})
            targets: dict[int, list[int]] = {}
            for start in range(0, len(reminder_ids), 500):
                for reminder, chat in session.execute(
                    select(ReminderTarget.reminder_ref, ReminderTarget.chat_ref)
                    .where(ReminderTarget.reminder_ref.in_(reminder_ids[start : start + 500]))
                    .order_by(ReminderTarget.id)
                ):
                    targets.setdefault(reminder, []).append(chat)
        return [PlanRow(**{**row._mapping, "planned_leads": list(row.planned_leads or [])},
                        targets=targets.get(row.reminder_id, [])) for row in rows]

    def acknowledged_chats(self, occurrence_ids: Iterable[int]) -> dict[int, set[int]]:
        """For each occurrence, the chats that confirmed it."""
        ids = list(occurrence_ids)
        found: dict[int, set[int]] = {occurrence: set() for occurrence in ids}
        with self.session() as session:
            for start in range(0, len(ids), 500):
                rows = session.execute(select(Acknowledgement.occurrence_ref, Acknowledgement.chat_ref)
                                       .where(Acknowledgement.occurrence_ref.in_(ids[start : start + 500])))
                for occurrence, chat in rows:
                    found[occurrence].add(chat)
        return found

    def active_chats(self, chat_refs: Iterable[int]) -> set[int]:
        """Which of these chats are active."""
        refs = list(set(chat_refs))
        active: set[int] = set()
        with self.session() as session:
            for start in range(0, len(refs), 500):
                active.update(session.scalars(select(Chat.id).where(Chat.id.in_(refs[start : start + 500]),
                                                                    Chat.active.is_(True))))
        return active

    def save_plan(self, occurrence_updates: list[dict[str, Any]], new_occurrences: list[dict[str, Any]],
                  deliveries: list[dict[str, Any]]) -> int:
        """Store one planning pass atomically: occurrence progress, next occurrences, new outbox rows.

        Outbox rows whose key exists already are left as they are (the key makes each send happen once).
        Returns how many outbox rows were added.
        """
        with self.session() as session:
            if occurrence_updates:
                occurrence_updates, new_occurrences, deliveries = self._still_open(
                    session, occurrence_updates, new_occurrences, deliveries)
            finished = [values["finished_reminder"] for values in occurrence_updates if "finished_reminder" in values]
            # Bulk UPDATE by primary key, grouped by the columns each row sets (one executemany per group).
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for values in occurrence_updates:
                row = {key: value for key, value in values.items() if key != "finished_reminder"}
                groups.setdefault(tuple(sorted(row)), []).append(row)
            for rows in groups.values():
                session.execute(update(Occurrence), rows)
            for start in range(0, len(finished), 500):
                session.execute(update(Reminder).where(Reminder.id.in_(finished[start : start + 500]))
                                .values(status="finished"))
            known: set[tuple[int, datetime]] = set()
            refs = sorted({values["reminder_ref"] for values in new_occurrences})
            for start in range(0, len(refs), 500):
                known.update((ref, due) for ref, due in session.execute(
                    select(Occurrence.reminder_ref, Occurrence.due_at)
                    .where(Occurrence.reminder_ref.in_(refs[start : start + 500]))))
            fresh = [values for values in new_occurrences if (values["reminder_ref"], values["due_at"]) not in known]
            if fresh:
                session.execute(insert(Occurrence), fresh)
            return self._insert_deliveries(session, deliveries)

    @staticmethod
    def _insert_deliveries(session: Session, deliveries: list[dict[str, Any]]) -> int:
        """Insert the outbox rows whose key is new; returns how many."""
        keys = [values["key"] for values in deliveries]
        existing: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing.update(session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk))))
        rows = []
        for values in deliveries:
            if values["key"] not in existing:
                existing.add(values["key"])
                rows.append(values)
        if rows:
            session.execute(insert(Delivery), rows)
        return len(rows)

    @staticmethod
    def _still_open(session: Session, updates: list[dict[str, Any]], new_occurrences: list[dict[str, Any]],
                    deliveries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], ...]:
        """A plan without what was cancelled or confirmed since it was read (a pass may run in a worker thread
        while users act): those rows are locked where the database can, and left as the user made them."""
        ids = [values["id"] for values in updates]
        reminder_of: dict[int, int] = {}
        still_open: set[int] = set()
        for start in range(0, len(ids), 500):
            for ident, reminder, status in session.execute(
                select(Occurrence.id, Occurrence.reminder_ref, Occurrence.status)
                .where(Occurrence.id.in_(ids[start : start + 500])).with_for_update()
            ):
                reminder_of[ident] = reminder
                if status == "open":
                    still_open.add(ident)
        gone = set(ids) - still_open
        if not gone:
            return updates, new_occurrences, deliveries
        left_alone = {reminder_of[ident] for ident in gone if ident in reminder_of}
        return ([values for values in updates if values["id"] in still_open],
                [values for values in new_occurrences if values["reminder_ref"] not in left_alone],
                [values for values in deliveries if values.get("occurrence_ref") not in gone])

    def enqueue(self, deliveries: list[dict[str, Any]]) -> int:
        """Add outbox rows (keys already present are skipped); returns how many were added."""
        return self.save_plan([], [], deliveries)

    # Outbox

    def due(self, now: datetime, limit: int, platforms: Iterable[str]) -> list[OutboxItem]:
        """Pending deliveries to these platforms whose time has come, oldest first."""
        with self.session() as session:
            rows = session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Delivery.not_before <= now, Chat.platform.in_(list(platforms)),
                       Chat.active.is_(True))
                .order_by(Delivery.not_before, Delivery.id).limit(limit)
            )
            return [
                OutboxItem(delivery.id, delivery.key, delivery.kind, _chat_info(chat), delivery.payload,
                           delivery.not_before, delivery.attempts, delivery.late)
                for delivery, chat in rows
            ]

    def claim(self, delivery_id: int) -> bool:
        """Mark a pending delivery as being sent (committed before the send); False if it is no longer pending."""
        with self.session() as session:
            result = session.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "pending")
                                     .values(status="sending", attempts=Delivery.attempts + 1))
            return bool(getattr(result, "rowcount", 0))

    def release(self, delivery_id: int) -> None:
        """Put back a claimed delivery that was not sent after all (shutdown came first)."""
        with self.session() as session:
            session.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "sending")
                            .values(status="pending", attempts=Delivery.attempts - 1))

    def finish(self, delivery_id: int, status: str, now: datetime, *, message_id: str | None = None,
               error: str = "", retry_at: datetime | None = None, not_an_attempt: bool = False) -> None:
        """Record the outcome of a send: sent, skipped, failed, or pending again at `retry_at` (`not_an_attempt`:
        the platform asked to wait, which does not count against the message's attempts)."""
        values: dict[str, Any] = {"status": status, "last_error": error[:500]}
        if not_an_attempt:
            values["attempts"] = Delivery.attempts - 1
        if status == "sent":
            values.update(sent_at=now, message_id=message_id)
        if retry_at is not None:
            values.update(status="pending", not_before=retry_at)
        with self.session() as session:
            session.execute(update(Delivery).where(Delivery.id == delivery_id).values(values))

    def reset_in_flight(self) -> int:
        """At start: messages being sent when the process stopped go back to pending (they may repeat)."""
        with self.session() as session:
            result = session.execute(update(Delivery).where(Delivery.status == "sending").values(status="pending"))
            return int(getattr(result, "rowcount", 0) or 0)

    def expire_overdue(self, now: datetime, grace: timedelta) -> list[OutboxItem]:
        """After downtime: pending messages older than the grace period become missed (returned for a report);
        younger overdue ones are marked late."""
        cutoff = now - grace
        with self.session() as session:
            rows = list(session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Delivery.not_before < cutoff)
            ))
            missed = [OutboxItem(d.id, d.key, d.kind, _chat_info(c), d.payload, d.not_before, d.attempts, True)
                      for d, c in rows]
            ids = [item.id for item in missed]
            for start in range(0, len(ids), 500):
                session.execute(update(Delivery).where(Delivery.id.in_(ids[start : start + 500]))
                                .values(status="missed"))
            session.execute(update(Delivery).where(Delivery.status == "pending", Delivery.not_before < now,
                                                   Delivery.attempts == 0).values(late=True))
            return missed

    def next_due_time(self, platforms: Iterable[str]) -> datetime | None:
        """When the next pending delivery to one of these platforms may go."""
        with self.session() as session:
            return session.scalar(
                select(func.min(Delivery.not_before)).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Chat.platform.in_(list(platforms)), Chat.active.is_(True))
            )

    def delivery_counts(self) -> dict[str, int]:
        """How many deliveries are in each state."""
        with self.session() as session:
            rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
            return {status: int(count) for status, count in rows}

    def keys_with_prefix(self, prefix: str) -> set[str]:
        """Outbox keys starting with `prefix` (has this month's theme been queued?)."""
        with self.session() as session:
            return set(session.scalars(select(Delivery.key).where(Delivery.key.like(f"{prefix}%"))))

    # Drafts and seen updates

    def add_draft(self, chat_ref: int, author: str, text: str, now: datetime) -> int:
        """Store a broadcast awaiting confirmation."""
        with self.session() as session:
            draft = Draft(chat_ref=chat_ref, author=author, text=text, status="draft", created_at=now)
            session.add(draft)
            session.flush()
            return draft.id

    def drop_draft(self, draft_id: int, author: str) -> str | None:
        """Drop the author's waiting draft; returns its text, None if there is none."""
        with self.session() as session:
            draft = session.get(Draft, draft_id)
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "dropped"
            return draft.text

    def send_draft(self, draft_id: int, author: str, rows_for: Callable[[str], list[dict[str, Any]]]) -> int | None:
        """Confirm the author's draft and queue `rows_for(its text)` in one transaction (a crash in between can
        neither lose the broadcast nor send it twice); None if there is no such draft waiting."""
        with self.session() as session:
            draft = session.get(Draft, draft_id, with_for_update=True)
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "confirmed"
            return self._insert_deliveries(session, rows_for(draft.text))

    def seen(self, platform: str, chat_id: str, message_id: str, now: datetime) -> bool:
        """Record an incoming update; True if it had been seen before (a redelivery to ignore)."""
        with self.session() as session:
            if session.scalar(select(SeenUpdate.id).where(SeenUpdate.platform == platform,
                                                          SeenUpdate.chat_id == chat_id,
                                                          SeenUpdate.message_id == message_id)):
                return True
            session.add(SeenUpdate(platform=platform, chat_id=chat_id, message_id=message_id, at=now))
            return False
