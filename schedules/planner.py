"""From reminders to the outbox: each lead-time message, the escalation at the deadline, the next occurrence."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from knowledge.model import Recurrence
from schedules.planning import lead_send_at, next_due, parse_clock
from schedules.repository import PlanRow, Repository


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """Defaults and windows of planning."""

    lead_days: list[int]
    send_time: time
    grace: timedelta
    horizon: timedelta = timedelta(minutes=10)


@dataclass
class PlanResult:
    """What one planning pass did."""

    added: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    closed: int = 0


def delivery(key: str, kind: str, chat_ref: int, payload: dict[str, Any], not_before: datetime, now: datetime, *,
             occurrence: int | None = None, status: str = "pending", late: bool = False) -> dict[str, Any]:
    """The column values of one outbox row."""
    return {
        "key": key, "kind": kind, "chat_ref": chat_ref, "occurrence_ref": occurrence, "payload": payload,
        "not_before": not_before, "status": status, "attempts": 0, "late": late, "last_error": "",
        "created_at": now,
    }


class Planner:
    """Puts reminder messages in the outbox ahead of time; the database says what is already planned."""

    def __init__(self, repository: Repository, zone: ZoneInfo, settings: PlanSettings) -> None:
        self.repository = repository
        self.zone = zone
        self.settings = settings
        self.batch = 5000  # occurrences read, planned and saved together
        self.stopping = False  # set on shutdown: a long pass ends after its current batch
        self._planning = threading.Lock()  # one pass at a time (the catch-up runs in a worker thread)

    def plan(self, now: datetime, *, wait: bool = False, saved: Callable[[], None] | None = None) -> PlanResult:
        """Plan everything due before now + horizon. Overdue sends within the grace period go late; older
        ones are recorded as missed (and returned, for the report to admins). While another pass is under way
        this one waits for it if `wait`, else leaves the work to it and to the next pass. `saved` is called after
        each batch is stored (a long pass lets the outbox start on what it queued)."""
        result = PlanResult()
        if not self._planning.acquire(blocking=wait):
            return result
        try:
            return self._plan(now, result, saved)
        finally:
            self._planning.release()

    def _plan(self, now: datetime, result: PlanResult, saved: Callable[[], None] | None) -> PlanResult:
        while True:
            occurrences = self.repository.occurrences_to_plan(now + self.settings.horizon, self.batch)
            if not occurrences:
                return result
            acknowledged = self.repository.acknowledged_chats(occurrence.id for occurrence in occurrences)
            active = self.repository.active_chats(chat for occurrence in occurrences for chat in occurrence.targets)
            updates: list[dict[str, Any]] = []
            following: list[dict[str, Any]] = []
            deliveries: list[dict[str, Any]] = []
            for occurrence in occurrences:
                update, next_one = self._plan_one(occurrence, now, acknowledged[occurrence.id], active,
                                                  deliveries, result)
                updates.append(update)
                if next_one is not None:
                    following.append(next_one)
            result.added += self.repository.save_plan(updates, following, deliveries)
            result.missed += [item for item in deliveries if item["status"] == "missed"]
            result.closed += sum(1 for update in updates if update.get("status") == "closed")
            if saved is not None:
                saved()
            if len(occurrences) < self.batch or self.stopping:
                return result

    def _plan_one(self, occurrence: PlanRow, now: datetime, confirmed: set[int], active: set[int],
                  deliveries: list[dict[str, Any]], result: PlanResult) -> tuple[dict[str, Any], dict[str, Any] | None]:
        horizon = now + self.settings.horizon
        send_time = parse_clock(occurrence.send_time) or self.settings.send_time
        leads = occurrence.lead_days if occurrence.lead_days is not None else self.settings.lead_days
        planned = list(occurrence.planned_leads or [])
        waiting: list[datetime] = []
        targets = [chat_ref for chat_ref in occurrence.targets if chat_ref in active]
        citation = ({"document": occurrence.source_document, "section": occurrence.source_section or ""}
                    if occurrence.source_document else None)
        base = {"reminder": occurrence.reminder_id, "occurrence": occurrence.id, "text": occurrence.text,
                "due": occurrence.due_at.isoformat(), "citation": citation}
        for lead in leads:
            if lead in planned:
                continue
            at = lead_send_at(occurrence.due_at, lead, send_time, self.zone)
            if at < occurrence.created_at - timedelta(minutes=1):
                planned.append(lead)  # this lead time had passed before the reminder existed
                continue
            if at > horizon:
                waiting.append(at)
                continue
            status, late = self._timing(at, now)
            for chat_ref in targets:
                if chat_ref not in confirmed:
                    deliveries.append(delivery(f"lead:{occurrence.id}:{lead}:{chat_ref}", "lead", chat_ref,
                                               {**base, "type": "lead", "lead": lead}, at, now,
                                               occurrence=occurrence.id, status=status, late=late))
            planned.append(lead)
        escalated = occurrence.escalated
        if not escalated:
            if occurrence.due_at <= horizon:
                status, late = self._timing(occurrence.due_at, now)
                chat_ref = occurrence.supervisor_ref or occurrence.chat_ref
                deliveries.append(delivery(f"esc:{occurrence.id}:{chat_ref}", "escalation", chat_ref,
                                           {**base, "type": "escalation"}, occurrence.due_at, now,
                                           occurrence=occurrence.id, status=status, late=late))
                escalated = True
            else:
                waiting.append(occurrence.due_at)
        update: dict[str, Any] = {"id": occurrence.id, "planned_leads": planned, "escalated": escalated}
        next_one: dict[str, Any] | None = None
        if occurrence.due_at <= now and escalated:
            update.update(status="closed", next_plan_at=None)
            if not occurrence.every:
                update["finished_reminder"] = occurrence.reminder_id
            else:
                recurrence = Recurrence(occurrence.every, occurrence.day or 31, occurrence.month)
                due = next_due(recurrence, occurrence.due_at, parse_clock(occurrence.due_time), self.zone)
                next_one = {"reminder_ref": occurrence.reminder_id, "due_at": due, "status": "open",
                            "next_plan_at": now, "planned_leads": [], "escalated": False, "created_at": now}
        else:
            update["next_plan_at"] = min(waiting) if waiting else occurrence.due_at
        return update, next_one

    def _timing(self, at: datetime, now: datetime) -> tuple[str, bool]:
        """(status, late) of a message meant for `at`: on time, late within the grace period, or missed."""
        if at >= now - timedelta(minutes=1):
            return "pending", False
        if now - at <= self.settings.grace:
            return "pending", True
        return "missed", True
