"""Reminders, their target chats, occurrences and confirmations."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from knowledge.model import Recurrence
from schedules.database import Store
from schedules.models import (
    Acknowledgement,
    Chat,
    Delivery,
    Occurrence,
    Reminder,
    ReminderTarget,
)
from schedules.records import ReminderInfo, TargetState, chat_info


class ReminderStore(Store):
    """Reminders and confirmations."""

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
            reminder.id, chat_info(reminder.chat), reminder.creator, reminder.text, recurrence,
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
                TargetState(chat_info(chat), (ack.user_name or ack.user_id) if ack else None, ack.at if ack else None)
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

