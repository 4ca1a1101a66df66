"""From reminders to the outbox: each lead-time message, the deadline, the overdue rounds, the next occurrence."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from knowledge.model import Recurrence
from schedules.planning import Cadence, Step, next_due, parse_clock, step_key, steps
from schedules.repository import PlanRow, Repository

PASSED = "passed"  # in planned_leads: the deadline was reached (next occurrence made, status settled)


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """How reminders are paced (the cadence), how late a message may still go, and how far ahead planning looks."""

    cadence: Cadence
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
    """The column values of one outbox row (`not_before` is also when it was meant to go)."""
    return {
        "key": key, "kind": kind, "chat_ref": chat_ref, "occurrence_ref": occurrence, "payload": payload,
        "not_before": not_before, "due_at": not_before, "status": status, "attempts": 0, "late": late,
        "last_error": "", "created_at": now,
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

    def plan(self, now: datetime, *, wait: bool = False, saved: Callable[[], None] | None = None,
             only: Iterable[int] | None = None) -> PlanResult:
        """Plan everything due before now + horizon (or only these occurrences, at once, beside any pass under way).
        Overdue sends within the grace period go late; older ones are recorded as missed (and returned, for the
        report). While another pass is under way this one waits for it if `wait`, else leaves the work to it and to
        the next pass. `saved` is called after each batch is stored (the outbox can start on what it queued)."""
        result = PlanResult()
        if only is not None:
            return self._plan_rows(self.repository.occurrences_by_id(list(only)), now, result)
        if not self._planning.acquire(blocking=wait):
            return result
        try:
            while True:
                occurrences = self.repository.occurrences_to_plan(now + self.settings.horizon, self.batch)
                if not occurrences:
                    return result
                self._plan_rows(occurrences, now, result)
                if saved is not None:
                    saved()
                if len(occurrences) < self.batch or self.stopping:
                    return result
        finally:
            self._planning.release()

    def _plan_rows(self, occurrences: list[PlanRow], now: datetime, result: PlanResult) -> PlanResult:
        if not occurrences:
            return result
        acknowledged = self.repository.acknowledged_chats(occurrence.id for occurrence in occurrences)
        active = self.repository.active_chats(chat for occurrence in occurrences for chat in occurrence.targets)
        updates: list[dict[str, Any]] = []
        following: list[dict[str, Any]] = []
        deliveries: list[dict[str, Any]] = []
        for occurrence in occurrences:
            update, next_one = self._plan_one(occurrence, now, acknowledged[occurrence.id], active, deliveries)
            updates.append(update)
            if next_one is not None:
                following.append(next_one)
        result.added += self.repository.save_plan(updates, following, deliveries)
        result.missed += [item for item in deliveries if item["status"] == "missed"]
        result.closed += sum(1 for update in updates if update.get("status") == "closed")
        return result

    def _plan_one(self, occurrence: PlanRow, now: datetime, confirmed: set[int], active: set[int],
                  deliveries: list[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        horizon = now + self.settings.horizon
        cadence = self.settings.cadence
        cadence = replace(cadence, send_time=parse_clock(occurrence.send_time) or cadence.send_time)
        planned = {step_key(entry) for entry in occurrence.planned_leads}
        if occurrence.escalated:
            planned.add("e")  # (rows planned before the steps had names)
        waiting: list[datetime] = []
        waiting_for = [chat for chat in occurrence.targets if chat in active and chat not in confirmed]
        for step in steps(occurrence.due_at, self.zone, cadence, occurrence.lead_days):
            if step.key in planned:
                continue
            if step.at < occurrence.created_at - timedelta(minutes=1):
                planned.add(step.key)  # this moment had passed before the occurrence existed
                continue
            if step.at > horizon:
                waiting.append(step.at)
                continue
            deliveries += self._messages(occurrence, step, now, waiting_for)
            planned.add(step.key)
        update: dict[str, Any] = {"id": occurrence.id, "escalated": "e" in planned}
        next_one: dict[str, Any] | None = None
        if PASSED not in planned and occurrence.due_at <= now:
            planned.add(PASSED)
            update["status"] = "overdue" if waiting_for else "closed"
            if occurrence.every:
                recurrence = Recurrence(occurrence.every, occurrence.day or 31, occurrence.month, occurrence.weekday)
                due = next_due(recurrence, occurrence.due_at, parse_clock(occurrence.due_time), self.zone)
                next_one = {"reminder_ref": occurrence.reminder_id, "due_at": due, "status": "open",
                            "next_plan_at": now, "planned_leads": [], "escalated": False, "created_at": now}
            elif not waiting_for:
                update["finished_reminder"] = occurrence.reminder_id
        if update.get("status") == "closed":
            update["next_plan_at"] = None
        elif PASSED in planned:
            update["next_plan_at"] = min(waiting) if waiting else None
        else:
            update["next_plan_at"] = min([*waiting, occurrence.due_at])
        update["planned_leads"] = sorted(planned)
        return update, next_one

    def _messages(self, occurrence: PlanRow, step: Step, now: datetime, waiting_for: list[int]) -> list[dict[str, Any]]:
        """The outbox rows of one step: one per chat that has not confirmed, or the summary for the creator."""
        if not waiting_for:
            return []
        status, late = self._timing(step.at, now)
        citation = ({"document": occurrence.source_document, "section": occurrence.source_section or ""}
                    if occurrence.source_document else None)
        base = {"reminder": occurrence.reminder_id, "occurrence": occurrence.id, "text": occurrence.text,
                "due": occurrence.due_at.isoformat(), "citation": citation, "report_to": occurrence.chat_ref}
        if step.audience == "creator":
            creator = occurrence.supervisor_ref or occurrence.chat_ref
            if occurrence.supervisor_ref is None and occurrence.targets == [creator]:
                return []  # the creator is the one who must act: its own overdue message says it all
            return [delivery(f"esc:{occurrence.id}:{creator}", "escalation", creator,
                             {**base, "type": "escalation", "number": occurrence.numbers.get(creator)}, step.at,
                             now, occurrence=occurrence.id, status=status, late=late)]
        rows = []
        for chat in waiting_for:
            payload = {**base, "number": occurrence.numbers.get(chat)}
            if step.key.startswith("o"):
                key, kind = f"over:{occurrence.id}:{step.key[1:]}:{chat}", "overdue"
                payload.update(type="overdue", round=int(step.key[1:]))
            elif step.key.startswith("h"):
                key, kind = f"lead:{occurrence.id}:{step.key}:{chat}", "lead"
                payload.update(type="lead", lead=None, hours=int(step.key[1:]))
            else:
                key, kind = f"lead:{occurrence.id}:{step.key[1:]}:{chat}", "lead"
                payload.update(type="lead", lead=int(step.key[1:]))
            rows.append(delivery(key, kind, chat, payload, step.at, now, occurrence=occurrence.id, status=status,
                                 late=late))
        return rows

    def _timing(self, at: datetime, now: datetime) -> tuple[str, bool]:
        """(status, late) of a message meant for `at`: on time, late within the grace period, or missed."""
        if at >= now - timedelta(minutes=1):
            return "pending", False
        if now - at <= self.settings.grace:
            return "pending", True
        return "missed", True
