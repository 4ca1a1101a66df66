"""Nothing ends unsent without someone hearing of it: messages that failed, expired or were missed go, grouped, to
the chat that asked for them (the reminder's creator) or else to the admins; a finished broadcast's result goes to
the admin who sent it."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from schedules.planner import delivery
from schedules.repository import ChatInfo, OutboxItem, Repository

log = logging.getLogger(__name__)
SHOWN = 20  # items listed in one report (the count says how many there were)


class Reports:
    """Puts reports in the outbox for whatever ended unsent since the last look."""

    def __init__(self, repository: Repository, admins: Sequence[ChatInfo]) -> None:
        self.repository = repository
        self.admins = list(admins)

    def collect(self, now: datetime) -> int:
        """Queue the reports due now; returns how many report messages were queued."""
        rows = []
        for outcome in self.repository.finished_broadcasts():
            unreached = [{"chat": found.chat.name, "status": found.status, "detail": found.error}
                         for found in outcome.unreached]
            total = outcome.sent + len(outcome.unreached)
            if total:
                result = {"type": "broadcast_report", "draft": outcome.draft, "sent": outcome.sent, "total": total,
                          "unreached": unreached}
                rows.append(delivery(f"bcreport:{outcome.draft}", "report", outcome.chat_ref, result, now, now))
        ended = self.repository.unreported()
        by_recipient: dict[int, list[OutboxItem]] = {}
        for found in ended:
            for recipient in self._recipients(found):
                by_recipient.setdefault(recipient, []).append(found)
        for recipient, items in by_recipient.items():
            shown = [self._line(found) for found in items[:SHOWN]]
            payload: dict[str, Any] = {"type": "failures", "count": len(items), "items": shown}
            rows.append(delivery(f"report:{now.isoformat()}:{recipient}:{items[0].id}", "report", recipient, payload,
                                 now, now))
        if ended and not by_recipient:
            log.warning("%d messages ended unsent and no admin is configured to hear of it", len(ended))
        self.repository.enqueue(rows)
        self.repository.mark_reported([found.id for found in ended])
        return len(rows)

    def _recipients(self, found: OutboxItem) -> list[int]:
        """The chat that asked for the message when it is another, reachable chat; else the admins."""
        asked = found.payload.get("report_to")
        if isinstance(asked, int) and asked != found.chat.id and asked in self.repository.active_chats([asked]):
            return [asked]
        return [admin.id for admin in self.admins]

    @staticmethod
    def _line(found: OutboxItem) -> dict[str, Any]:
        return {"kind": found.kind, "text": str(found.payload.get("text", "")), "when": found.meant_for.isoformat(),
                "chat": found.chat.name, "status": found.status, "detail": found.error}
