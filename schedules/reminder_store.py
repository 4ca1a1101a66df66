"""Reminders and their target chats: made (numbered in each chat), found by a chat's number, listed, cancelled."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload

from knowledge.model import Recurrence
from schedules.database import Store
from schedules.models import Chat, Delivery, Occurrence, Reminder, ReminderTarget
from schedules.records import ReminderInfo, chat_info

LIVE = ("open", "overdue")  # occurrences still waiting for someone
MAX_NUMBER = 2**31 - 1  # numbers beyond an integer column are nobody's


class ReminderStore(Store):
    """Reminders, numbered #1, #2 … in each chat that makes or receives one."""

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
        """Store a reminder, its target chats (each with the reminder's number there) and its first occurrence;
        returns the reminder id."""
        with self.session() as session:
            number = self._next_number(session, chat_ref)
            reminder = Reminder(
                chat_ref=chat_ref, creator=creator, text=text, number=number,
                due_at=first_due if recurrence is None else None,
                every=recurrence.every if recurrence else None,
                day=recurrence.day if recurrence else None,
                month=recurrence.month if recurrence else None,
                weekday=recurrence.weekday if recurrence else None,
                due_time=due_time, send_time=send_time, lead_days=lead_days,
                source_document=source_document, source_section=source_section,
                supervisor_ref=supervisor_ref, status="active", created_at=now,
            )
            reminder.targets = [
                ReminderTarget(chat_ref=target, number=number if target == chat_ref else
                               self._next_number(session, target))
                for target in dict.fromkeys(targets)
            ]
            session.add(reminder)
            session.flush()
            session.add(Occurrence(reminder_ref=reminder.id, due_at=first_due, status="open",
                                   next_plan_at=now, planned_leads=[], created_at=now))
            return reminder.id

    @staticmethod
    def _next_number(session: Session, chat_ref: int) -> int:
        """The chat's next reminder number (the row update locks the chat until the reminder is stored)."""
        session.execute(update(Chat).where(Chat.id == chat_ref).values(last_number=Chat.last_number + 1))
        return int(session.scalar(select(Chat.last_number).where(Chat.id == chat_ref)) or 1)

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
        """A reminder with its current occurrence, numbered as in the chat that made it."""
        with self.session() as session:
            reminder = session.get(Reminder, reminder_id, options=[selectinload(Reminder.chat)])
            return None if reminder is None else self._reminder_info(session, reminder, reminder.number or 0)

    def reminder_by_number(self, chat_ref: int, number: int) -> ReminderInfo | None:
        """The reminder that has `number` in this chat (made there, or sent to it); None for any other number."""
        if not 1 <= number <= MAX_NUMBER:
            return None
        with self.session() as session:
            found = session.scalar(select(ReminderTarget.reminder_ref)
                                   .where(ReminderTarget.chat_ref == chat_ref, ReminderTarget.number == number))
            if found is None:
                found = session.scalar(select(Reminder.id).where(Reminder.chat_ref == chat_ref,
                                                                 Reminder.number == number))
            reminder = None if found is None else session.get(Reminder, found, options=[selectinload(Reminder.chat)])
            return None if reminder is None else self._reminder_info(session, reminder, number)

    def number_in(self, reminder_id: int, chat_ref: int) -> int | None:
        """The reminder's number in a chat (None when the chat neither made nor received it)."""
        with self.session() as session:
            number = session.scalar(select(ReminderTarget.number).where(ReminderTarget.reminder_ref == reminder_id,
                                                                        ReminderTarget.chat_ref == chat_ref))
            if number is None:
                number = session.scalar(select(Reminder.number).where(Reminder.id == reminder_id,
                                                                      Reminder.chat_ref == chat_ref))
            return number

    def reminders_of(self, chat_ref: int) -> list[ReminderInfo]:
        """Active reminders a chat made or must act on, with its numbers, nearest due first."""
        with self.session() as session:
            targeted = {reminder: number for reminder, number in session.execute(
                select(ReminderTarget.reminder_ref, ReminderTarget.number).where(ReminderTarget.chat_ref == chat_ref))}
            reminders = session.scalars(
                select(Reminder).options(selectinload(Reminder.chat))
                .where(Reminder.status == "active",
                       (Reminder.chat_ref == chat_ref) | Reminder.id.in_(list(targeted)))
            )
            infos = [self._reminder_info(session, reminder,
                                         targeted.get(reminder.id) or reminder.number or 0) for reminder in reminders]
        far = datetime.max.replace(tzinfo=None)
        return sorted(infos, key=lambda info: (info.next_due.replace(tzinfo=None) if info.next_due else far,
                                               info.number))

    def reminders_made_since(self, platform: str, creator: str, since: datetime) -> int:
        """How many reminders a user made since a moment (fair use)."""
        with self.session() as session:
            return int(session.scalar(
                select(func.count(Reminder.id)).join(Chat, Chat.id == Reminder.chat_ref)
                .where(Chat.platform == platform, Reminder.creator == creator, Reminder.created_at >= since)
            ) or 0)

    @staticmethod
    def _reminder_info(session: Session, reminder: Reminder, number: int) -> ReminderInfo:
        occurrence = session.scalar(
            select(Occurrence).where(Occurrence.reminder_ref == reminder.id, Occurrence.status.in_(LIVE))
            .order_by(Occurrence.due_at).limit(1)
        )
        recurrence = (Recurrence(reminder.every, reminder.day or (None if reminder.every == "week" else 31),
                                 reminder.month, reminder.weekday) if reminder.every else None)
        return ReminderInfo(
            reminder.id, chat_info(reminder.chat), reminder.creator, reminder.text, recurrence,
            reminder.lead_days, reminder.source_document, reminder.source_section, reminder.status,
            occurrence.id if occurrence else None, occurrence.due_at if occurrence else None, number,
            occurrence.status if occurrence else None, reminder.supervisor_ref,
        )

    def cancel_reminder(self, reminder_id: int) -> None:
        """Cancel a reminder: its open and overdue occurrences close and its pending messages are dropped."""
        with self.session() as session:
            session.execute(update(Reminder).where(Reminder.id == reminder_id).values(status="cancelled"))
            occurrences = select(Occurrence.id).where(Occurrence.reminder_ref == reminder_id)
            session.execute(update(Occurrence).where(Occurrence.reminder_ref == reminder_id,
                                                     Occurrence.status.in_(LIVE))
                            .values(status="cancelled", next_plan_at=None))
            session.execute(update(Delivery).where(Delivery.occurrence_ref.in_(occurrences),
                                                   Delivery.status == "pending").values(status="cancelled"))
