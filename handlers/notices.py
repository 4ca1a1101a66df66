"""What the outbox sends, in words: reminders, escalations, themes, broadcasts, the missed report."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers import wording
from schedules.messages import Button, Reply
from schedules.planning import days_left
from schedules.repository import OutboxItem, Repository
from schedules.themes import ThemeCalendar


class Notices:
    """Renders an outbox row at send time; None means there is nothing to say any more (skip it)."""

    def __init__(self, repository: Repository, calendar: ThemeCalendar, zone: ZoneInfo) -> None:
        self.repository = repository
        self.calendar = calendar
        self.zone = zone

    def render(self, item: OutboxItem) -> Reply | None:
        """The message for one outbox row."""
        payload = item.payload
        kind = payload.get("type")
        if kind == "lead":
            return self._lead(item)
        if kind == "escalation":
            return self._escalation(item)
        if kind == "theme":
            return Reply(wording.theme(self.calendar.month(int(payload["month"]), int(payload["year"]))))
        if kind == "broadcast":
            return Reply(wording.broadcast(str(payload["text"]), late=item.late))
        if kind == "missed":
            return Reply(wording.missed_report(int(payload["count"]), list(payload["items"]), self.zone))
        raise ValueError(f"unknown outbox payload type {kind!r}")

    def _lead(self, item: OutboxItem) -> Reply | None:
        payload = item.payload
        occurrence = int(payload["occurrence"])
        state = self.repository.lead_state(occurrence, item.chat.id)
        if state is None or state[0] != "open" or state[1]:
            return None  # gone, cancelled, past its deadline, or this chat has confirmed it
        due = datetime.fromisoformat(payload["due"])
        citation = payload.get("citation")
        cite = f"{citation['document']}, mục {citation['section']}" if citation and citation.get("section") else (
            citation["document"] if citation else None)
        text = wording.lead_notice(
            str(payload["text"]), due, days_left(due, item.not_before, self.zone), self.zone,
            late=item.late, snoozed=bool(payload.get("snoozed")), cite=cite,
        )
        number = int(payload["reminder"])
        buttons = ((Button(wording.DONE_LABEL, f"xongky:{occurrence}", f"/xong {number}"),
                    Button(wording.SNOOZE_LABEL, f"hoan:{occurrence}", f"/hoanlai {number}")),)
        return Reply(text, None, buttons)

    def _escalation(self, item: OutboxItem) -> Reply | None:
        payload = item.payload
        targets = self.repository.targets(int(payload["occurrence"]))
        missing = [target.chat.name for target in targets if not target.confirmed_by]
        if not missing:
            return None
        due = datetime.fromisoformat(payload["due"])
        return Reply(wording.escalation(str(payload["text"]), due, self.zone, missing, late=item.late))
