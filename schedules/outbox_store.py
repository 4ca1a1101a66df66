"""The outbox rows: due, claimed, finished, expired."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from schedules.database import Store
from schedules.models import Chat, Delivery
from schedules.records import OutboxItem, chat_info


class OutboxStore(Store):
    """The outbox."""

    def due(self, now: datetime, limit: int, platforms: Iterable[str]) -> list[OutboxItem]:
        """Pending deliveries to these platforms whose time has come, oldest first."""
        with self.session() as session:
            rows = session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Delivery.not_before <= now, Chat.platform.in_(list(platforms)),
                       Chat.active.is_(True))
                .order_by(Delivery.not_before, Delivery.id).limit(limit)
            )
            return [item(delivery, chat) for delivery, chat in rows]

    def claim(self, delivery_id: int) -> bool:
        """Mark a pending delivery as being sent (committed before the send); False if it is no longer pending, or
        (PostgreSQL) if another transaction holds the row: it is skipped, not waited for, and never sent twice."""
        with self.session() as session:
            wanted = Delivery.id == delivery_id
            if session.get_bind().dialect.name == "postgresql":
                wanted = Delivery.id == (select(Delivery.id).where(Delivery.id == delivery_id,
                                                                   Delivery.status == "pending")
                                         .with_for_update(skip_locked=True).scalar_subquery())
            result = session.execute(update(Delivery).where(wanted, Delivery.status == "pending")
                                     .values(status="sending", attempts=Delivery.attempts + 1))
            return bool(getattr(result, "rowcount", 0))

    def defer(self, delivery_id: int, until: datetime) -> None:
        """Put off a pending delivery without trying it (its platform is failing): not an attempt."""
        with self.session() as session:
            session.execute(update(Delivery).where(Delivery.id == delivery_id, Delivery.status == "pending")
                            .values(not_before=until))

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

    def reset_in_flight(self, until: datetime | None = None) -> int:
        """At start: messages being sent when the process stopped go back to pending (they may repeat), not before
        `until` when given (a worker taking over from one just killed: the chat may have the message already, and
        the platform counts it against the chat's pace)."""
        values: dict[str, Any] = {"status": "pending"}
        if until is not None:
            values["not_before"] = until  # (a row in flight was due already)
        with self.session() as session:
            result = session.execute(update(Delivery).where(Delivery.status == "sending").values(values))
            return int(getattr(result, "rowcount", 0) or 0)

    def expire_overdue(self, now: datetime, grace: timedelta, *, after_downtime: bool = True) -> list[OutboxItem]:
        """Pending messages meant for longer ago than the grace period end: "missed" when never tried (the bot was
        down), "expired" when the platform kept failing (returned, for the report). After downtime, younger overdue
        ones that were never tried are marked late (while running, a message waiting its turn is not late)."""
        cutoff = now - grace
        meant = func.coalesce(Delivery.due_at, Delivery.not_before)
        with self.session() as session:
            rows = list(session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Delivery.not_before < now, meant < cutoff)
            ))
            ended = [item(delivery, chat, late=True) for delivery, chat in rows]
            for status in ("missed", "expired"):
                ids = [found.id for found in ended if (found.attempts == 0) == (status == "missed")]
                for start in range(0, len(ids), 500):
                    session.execute(update(Delivery).where(Delivery.id.in_(ids[start : start + 500]))
                                    .values(status=status))
            if after_downtime:
                session.execute(update(Delivery).where(Delivery.status == "pending", Delivery.not_before < now,
                                                       Delivery.attempts == 0).values(late=True))
            return ended

    def next_due_time(self, platforms: Iterable[str]) -> datetime | None:
        """When the next pending delivery to one of these platforms may go."""
        with self.session() as session:
            return session.scalar(
                select(func.min(Delivery.not_before)).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status == "pending", Chat.platform.in_(list(platforms)), Chat.active.is_(True))
            )

    def delivery_time(self, key: str) -> datetime | None:
        """When the outbox row with this key was meant to go (None when there is none)."""
        with self.session() as session:
            return session.scalar(select(func.coalesce(Delivery.due_at, Delivery.not_before))
                                  .where(Delivery.key == key))

    def delivery_counts(self) -> dict[str, int]:
        """How many deliveries are in each state."""
        with self.session() as session:
            rows = session.execute(select(Delivery.status, func.count()).group_by(Delivery.status))
            return {status: int(count) for status, count in rows}

    def keys_with_prefix(self, prefix: str) -> set[str]:
        """Outbox keys starting with `prefix` (has this month's theme been queued?)."""
        with self.session() as session:
            return set(session.scalars(select(Delivery.key).where(Delivery.key.like(f"{prefix}%"))))



def item(delivery: Delivery, chat: Chat, *, late: bool | None = None) -> OutboxItem:
    """An outbox row as a record."""
    return OutboxItem(delivery.id, delivery.key, delivery.kind, chat_info(chat), delivery.payload,
                      delivery.not_before, delivery.attempts, delivery.late if late is None else late,
                      delivery.due_at, delivery.status, delivery.last_error)
