"""Reminders as the chat sees them: create, list, cancel, confirm (late too), snooze, close, follow a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from knowledge.model import Deadline, Recurrence
from schedules.planner import Planner, delivery
from schedules.planning import Cadence, Step, clock, next_due, snooze_until, steps
from schedules.repository import ChatInfo, OccurrenceInfo, ReminderInfo, Repository
from schedules.timeparse import When


@dataclass(frozen=True, slots=True)
class Created:
    """A new reminder, and which of its first occurrence's messages will come and which had already passed."""

    reminder: ReminderInfo
    coming: list[Step]
    passed: list[Step]


@dataclass(frozen=True, slots=True)
class Confirmation:
    """A /xong: the occurrence it was for, whether it was new, and when it came."""

    occurrence: OccurrenceInfo
    recorded: bool
    at: datetime

    @property
    def late(self) -> bool:
        """Whether it came after the deadline."""
        return self.at > self.occurrence.due


@dataclass(frozen=True, slots=True)
class Snooze:
    """A "remind me later": when, and whether it was already asked for in this stretch of reminders."""

    at: datetime
    new: bool


class Reminders:
    """Reminder operations; each change is planned at once so that due messages reach the outbox."""

    def __init__(self, repository: Repository, planner: Planner, zone: ZoneInfo, *, cadence: Cadence,
                 wake: Callable[[], None] = lambda: None) -> None:
        self.repository = repository
        self.planner = planner
        self.zone = zone
        self.cadence = cadence
        self.wake = wake

    @property
    def send_time(self) -> time:
        """The time of day reminders go out."""
        return self.cadence.send_time

    def create(self, chat: ChatInfo, creator: str, when: When, now: datetime, *, source_document: str | None = None,
               source_section: str | None = None, targets: list[int] | None = None) -> Created:
        """Store a reminder for `chat` (and other target chats) and plan it."""
        first_due = when.due if when.due is not None else next_due(self._recurrence(when), now, when.at, self.zone)
        reminder_id = self.repository.add_reminder(
            chat_ref=chat.id, creator=creator, text=when.text, first_due=first_due, recurrence=when.recurrence,
            due_time=clock(when.at), send_time=clock(self.send_time) or "07:30", lead_days=when.lead_days,
            targets=targets or [chat.id], now=now, source_document=source_document, source_section=source_section,
        )
        info = self.repository.reminder(reminder_id)
        assert info is not None and info.occurrence_id is not None
        self._changed(now, info.occurrence_id)
        leads = [step for step in steps(first_due, self.zone, self.cadence, when.lead_days)
                 if step.key[0] in "dh"]
        return Created(info, [step for step in leads if step.at >= now - timedelta(minutes=1)],
                       [step for step in leads if step.at < now - timedelta(minutes=1)])

    @staticmethod
    def _recurrence(when: When) -> Recurrence:
        assert when.recurrence is not None
        return when.recurrence

    def follow(self, chat: ChatInfo, deadline: Deadline, now: datetime) -> Created | None:
        """A reminder for a document's deadline (text, date or recurrence, citation kept); None when it is past
        or has no date. A duty that names no day falls on its period's last day (a weekly one on its weekday, or
        Sunday). Following the same deadline twice gives the same reminder."""
        recurrence = deadline.recurrence
        if recurrence is not None and recurrence.every != "week" and recurrence.day is None:
            recurrence = Recurrence(recurrence.every, 31, recurrence.month)
        if deadline.due is not None and recurrence is None:
            first_due = datetime.combine(deadline.due, time(23, 59), self.zone)
            if first_due <= now:
                return None
        elif recurrence is not None:
            first_due = next_due(recurrence, now, None, self.zone)
        else:
            return None
        existing = self.repository.find_reminder(chat.id, deadline.text, deadline.document, deadline.section,
                                                 first_due)
        if existing is not None:
            info = self.repository.reminder(existing)
            return None if info is None else Created(info, [], [])
        when = When(deadline.text, first_due if recurrence is None else None, recurrence, None, None)
        return self.create(chat, "document", when, now, source_document=deadline.document,
                           source_section=deadline.section)

    def of_chat(self, chat: ChatInfo) -> list[ReminderInfo]:
        """Active reminders of a chat, nearest first, with the chat's numbers."""
        return self.repository.reminders_of(chat.id)

    def numbered(self, chat: ChatInfo, number: int) -> ReminderInfo | None:
        """The reminder with this number in this chat (never another chat's), unless it was cancelled."""
        found = self.repository.reminder_by_number(chat.id, number)
        return None if found is None or found.status == "cancelled" else found

    def cancel(self, reminder: ReminderInfo, now: datetime) -> None:
        """Cancel a reminder and drop its pending messages."""
        self.repository.cancel_reminder(reminder.id)
        self.wake()

    def close(self, reminder: ReminderInfo) -> int:
        """Close what is overdue of a reminder (no more overdue messages); returns how many occurrences."""
        closed = self.repository.close_overdue(reminder.id)
        self.wake()
        return closed

    def confirm(self, reminder: ReminderInfo, chat: ChatInfo, user_id: str, user_name: str,
                now: datetime) -> Confirmation | None:
        """Record that `chat` did the oldest occurrence it has not confirmed (late when past its deadline); None when
        the chat is not one that must do it."""
        occurrence = self.repository.occurrence_to_confirm(reminder.id, chat.id)
        if occurrence is None or chat.id not in {target.chat.id for target in occurrence.targets}:
            return None
        return self.confirm_occurrence(occurrence, chat, user_id, user_name, now)

    def confirm_occurrence(self, occurrence: OccurrenceInfo, chat: ChatInfo, user_id: str, user_name: str,
                           now: datetime) -> Confirmation:
        """Record that `chat` did this occurrence."""
        recorded = self.repository.acknowledge(occurrence.id, chat.id, user_id, user_name, now)
        if recorded:
            occurrence = self.repository.occurrence(occurrence.id) or occurrence
        return Confirmation(occurrence, recorded, now)

    def snooze(self, occurrence: OccurrenceInfo, reminder: ReminderInfo, chat: ChatInfo, now: datetime) -> Snooze:
        """Remind this chat again later, once per stretch between two of the occurrence's messages."""
        window = sum(1 for step in steps(occurrence.due, self.zone, self.cadence, reminder.lead_days)
                     if step.audience == "targets" and step.at <= now)
        key = f"snooze:{occurrence.id}:{chat.id}:{window}"
        asked = self.repository.delivery_time(key)
        if asked is not None:
            return Snooze(asked, False)
        at = snooze_until(now, occurrence.due, self.send_time, self.zone)
        payload = {"type": "lead", "reminder": reminder.id, "occurrence": occurrence.id, "text": reminder.text,
                   "due": occurrence.due.isoformat(), "lead": None, "snoozed": True, "report_to": reminder.chat.id,
                   "number": reminder.number,
                   "citation": ({"document": reminder.source_document, "section": reminder.source_section or ""}
                                if reminder.source_document else None)}
        self.repository.enqueue([delivery(key, "snooze", chat.id, payload, at, now, occurrence=occurrence.id)])
        self.wake()
        return Snooze(at, True)

    def progress(self, reminder: ReminderInfo) -> OccurrenceInfo | None:
        """The occurrence /tiendo shows: the oldest overdue, else the open one, else the last one."""
        return self.repository.occurrence_for_progress(reminder.id)

    def previous(self, occurrence: OccurrenceInfo) -> OccurrenceInfo | None:
        """The round before an open one (a recurring reminder's last week or month), None for the first."""
        if occurrence.status != "open":
            return None
        return self.repository.previous_occurrence(occurrence.reminder_id, occurrence.due)

    def _changed(self, now: datetime, occurrence_id: int) -> None:
        self.planner.plan(now, only=[occurrence_id])
        self.wake()
