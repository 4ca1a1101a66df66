"""What the outbox sends, in words: reminders, overdue rounds, summaries, themes, broadcasts, digests, reports."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from handlers import wording
from schedules.messages import Button, Reply
from schedules.planning import days_left
from schedules.repository import ChatInfo, OutboxItem, Repository
from schedules.themes import ThemeCalendar

Digest = Callable[[ChatInfo, datetime], Reply | None]


class Notices:
    """Renders an outbox row at send time; None means there is nothing to say any more (skip it)."""

    def __init__(self, repository: Repository, calendar: ThemeCalendar, zone: ZoneInfo,
                 digest: Digest | None = None) -> None:
        self.repository = repository
        self.calendar = calendar
        self.zone = zone
        self.digest = digest

    def render(self, item: OutboxItem) -> Reply | None:
        """The message for one outbox row."""
        payload = item.payload
        kind = payload.get("type")
        if kind == "lead":
            return self._lead(item)
        if kind == "overdue":
            return self._overdue(item)
        if kind == "escalation":
            return self._escalation(item)
        if kind == "theme":
            return Reply(wording.theme(self.calendar.month(int(payload["month"]), int(payload["year"]))))
        if kind == "broadcast":
            return Reply(wording.broadcast(str(payload["text"]), late=item.late))
        if kind == "missed":
            return Reply(wording.missed_report(int(payload["count"]), list(payload["items"]), self.zone))
        if kind == "failures":
            return Reply(wording.failures_report(int(payload["count"]), list(payload["items"]), self.zone))
        if kind == "broadcast_report":
            return Reply(wording.broadcast_report(int(payload["draft"]), int(payload["sent"]), int(payload["total"]),
                                                  list(payload["unreached"])))
        if kind == "digest":
            return None if self.digest is None else self.digest(item.chat, item.meant_for)
        raise ValueError(f"unknown outbox payload type {kind!r}")

    def _still_owed(self, item: OutboxItem) -> bool:
        """Whether the chat still owes this occurrence (not confirmed, not closed or cancelled)."""
        state = self.repository.lead_state(int(item.payload["occurrence"]), item.chat.id)
        return state is not None and state[0] in ("open", "overdue") and not state[1]

    @staticmethod
    def _cite(payload: dict[str, Any]) -> str | None:
        citation = payload.get("citation")
        if not citation:
            return None
        return f"{citation['document']}, mục {citation['section']}" if citation.get("section") else str(
            citation["document"])

    def _buttons(self, item: OutboxItem, snooze: bool = True) -> tuple[tuple[Button, ...], ...]:
        payload = item.payload
        occurrence, number = int(payload["occurrence"]), payload.get("number")
        if not number:  # a row queued before reminders had a number in each chat
            number = self.repository.number_in(int(payload["reminder"]), item.chat.id) or payload["reminder"]
        done = Button(wording.DONE_LABEL, f"xongky:{occurrence}", f"/xong {number}")
        later = Button(wording.SNOOZE_LABEL, f"hoan:{occurrence}", f"/hoanlai {number}")
        return ((done, later),) if snooze else ((done,),)

    def _lead(self, item: OutboxItem) -> Reply | None:
        if not self._still_owed(item):
            return None  # gone, cancelled, closed, or this chat has confirmed it
        payload = item.payload
        due = datetime.fromisoformat(payload["due"])
        hours = payload.get("hours")
        text = wording.lead_notice(
            str(payload["text"]), due, due - item.meant_for, days_left(due, item.meant_for, self.zone), self.zone,
            hours=None if hours is None else int(hours), late=item.late, snoozed=bool(payload.get("snoozed")),
            cite=self._cite(payload),
        )
        return Reply(text, None, self._buttons(item))

    def _overdue(self, item: OutboxItem) -> Reply | None:
        if not self._still_owed(item):
            return None
        payload = item.payload
        due = datetime.fromisoformat(payload["due"])
        text = wording.overdue_notice(str(payload["text"]), due, -days_left(due, item.meant_for, self.zone),
                                      self.zone, late=item.late, cite=self._cite(payload))
        return Reply(text, None, self._buttons(item, snooze=False))

    def _escalation(self, item: OutboxItem) -> Reply | None:
        payload = item.payload
        occurrence = self.repository.occurrence(int(payload["occurrence"]))
        if occurrence is None or occurrence.status not in ("open", "overdue"):
            return None
        missing = [target.chat.name for target in occurrence.targets if not target.confirmed_by]
        if not missing:
            return None
        number = payload.get("number")
        return Reply(wording.escalation(str(payload["text"]), datetime.fromisoformat(payload["due"]), self.zone,
                                        missing, late=item.late, number=int(number) if number else None))
