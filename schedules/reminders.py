"""Reminders as the chat sees them: create, list, cancel, confirm, snooze, progress, follow a document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from knowledge.model import Deadline
from schedules.planner import Planner, delivery
from schedules.planning import clock, next_due, snooze_until
from schedules.repository import ChatInfo, ReminderInfo, Repository, TargetState
from schedules.timeparse import When


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a reminder stands: its current due moment and each target chat's confirmation."""

    reminder: ReminderInfo
    due: datetime | None
    targets: list[TargetState]


class Reminders:
    """Reminder operations; each change is planned at once so that due messages reach the outbox."""

    def __init__(
        self,
        repository: Repository,
        planner: Planner,
        zone: ZoneInfo,
        *,
        send_time: time,
        wake: Callable[[], None] = lambda: None,
    ) -> None:
        self.repository = repository
        self.planner = planner
        self.zone = zone
        self.send_time = send_time
        self.wake = wake

    def create(
        self,
        chat: ChatInfo,
        creator: str,
        when: When,
        now: datetime,
        *,
        source_document: str | None = None,
        source_section: str | None = None,
        targets: list[int] | None = None,
    ) -> ReminderInfo:
        """Store a reminder for `chat` (and other target chats) and plan it."""
        if when.due is not None:
            first_due = when.due
        else:
            assert when.recurrence is not None
            first_due = next_due(when.recurrence, now, when.at, self.zone)
        reminder_id = self.repository.add_reminder(
            chat_ref=chat.id, creator=creator, text=when.text, first_due=first_due, recurrence=when.recurrence,
            due_time=clock(when.at) if when.recurrence else None, send_time=clock(self.send_time) or "07:30",
            lead_days=when.lead_days, targets=targets or [chat.id], now=now,
            source_document=source_document, source_section=source_section,
        )
        self._changed(now)
        info = self.repository.reminder(reminder_id)
        assert info is not None
        return info

    def follow(self, chat: ChatInfo, deadline: Deadline, now: datetime) -> ReminderInfo | None:
        """A reminder for a document's deadline (text, date or recurrence, citation kept); None when it is past
        or has no date. Following the same deadline twice gives the same reminder."""
        if deadline.due is not None:
            first_due = datetime.combine(deadline.due, time(23, 59), self.zone)
            if first_due <= now:
                return None
        elif deadline.recurrence is not None:
            first_due = next_due(deadline.recurrence, now, None, self.zone)
        else:
            return None
        existing = self.repository.find_reminder(chat.id, deadline.text, deadline.document, deadline.section,
                                                 first_due)
        if existing is not None:
            return self.repository.reminder(existing)
        when = When(deadline.text, first_due if deadline.recurrence is None else None, deadline.recurrence, None, None)
        return self.create(chat, "document", when, now, source_document=deadline.document,
                           source_section=deadline.section)

    def of_chat(self, chat: ChatInfo) -> list[ReminderInfo]:
        """Active reminders of a chat, nearest first."""
        return self.repository.reminders_of(chat.id)

    def get(self, reminder_id: int) -> ReminderInfo | None:
        """One reminder."""
        return self.repository.reminder(reminder_id)

    def cancel(self, reminder_id: int, now: datetime) -> None:
        """Cancel a reminder and drop its pending messages."""
        self.repository.cancel_reminder(reminder_id)
        self._changed(now)

    def confirm(self, occurrence_id: int, chat: ChatInfo, user_id: str, user_name: str, now: datetime) -> bool:
        """Record that `chat` did it; False if it had already confirmed."""
        return self.repository.acknowledge(occurrence_id, chat.id, user_id, user_name, now)

    def snooze(self, occurrence_id: int, chat: ChatInfo, now: datetime) -> datetime | None:
        """Remind this chat again later; returns when, or None if the occurrence is closed."""
        found = self.repository.occurrence_reminder(occurrence_id)
        if found is None or found[2] != "open":
            return None
        reminder_id, due, _ = found
        reminder = self.repository.reminder(reminder_id)
        if reminder is None:
            return None
        at = snooze_until(now, due, self.send_time, self.zone)
        payload = {"type": "lead", "reminder": reminder_id, "occurrence": occurrence_id, "text": reminder.text,
                   "due": due.isoformat(), "lead": None, "snoozed": True,
                   "citation": ({"document": reminder.source_document, "section": reminder.source_section or ""}
                                if reminder.source_document else None)}
        self.repository.enqueue([delivery(f"snooze:{occurrence_id}:{chat.id}:{at.isoformat()}", "snooze", chat.id,
                                          payload, at, now, occurrence=occurrence_id)])
        self.wake()
        return at

    def progress(self, reminder_id: int) -> Progress | None:
        """Who confirmed the current occurrence and who has not."""
        reminder = self.repository.reminder(reminder_id)
        if reminder is None:
            return None
        targets = self.repository.targets(reminder.occurrence_id) if reminder.occurrence_id else []
        return Progress(reminder, reminder.next_due, targets)

    def _changed(self, now: datetime) -> None:
        self.planner.plan(now)
        self.wake()
