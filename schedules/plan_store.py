"""What planning reads and writes: open occurrences, confirmations, new outbox rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from schedules.database import Store
from schedules.models import (
    Acknowledgement,
    Chat,
    Occurrence,
    Reminder,
    ReminderTarget,
)
from schedules.records import PlanRow
from schedules.reminder_store import LIVE


class PlanStore(Store):
    """Planning passes and outbox rows put in."""

    def occurrences_to_plan(self, until: datetime, limit: int = 5000) -> list[PlanRow]:
        """Open and overdue occurrences with something to put in the outbox before `until`, with their reminder,
        targets and numbers."""
        return self._plan_rows((Occurrence.status.in_(LIVE), Occurrence.next_plan_at <= until), limit)

    def occurrences_by_id(self, ids: list[int]) -> list[PlanRow]:
        """These occurrences (when still open or overdue), for planning them at once."""
        return self._plan_rows((Occurrence.status.in_(LIVE), Occurrence.id.in_(ids)), len(ids)) if ids else []

    def _plan_rows(self, where: tuple[Any, ...], limit: int) -> list[PlanRow]:
        with self.session() as session:
            rows = session.execute(
                select(Occurrence.id, Occurrence.due_at, Occurrence.created_at, Occurrence.planned_leads,
                       Occurrence.escalated, Reminder.id.label("reminder_id"), Reminder.chat_ref,
                       Reminder.number.label("creator_number"), Reminder.supervisor_ref, Reminder.text,
                       Reminder.every, Reminder.day, Reminder.month, Reminder.weekday, Reminder.send_time,
                       Reminder.due_time, Reminder.lead_days, Reminder.source_document, Reminder.source_section)
                .join(Reminder, Reminder.id == Occurrence.reminder_ref)
                .where(*where, Reminder.status == "active")
                .order_by(Occurrence.next_plan_at, Occurrence.due_at).limit(limit)
            ).all()
            reminder_ids = sorted({row.reminder_id for row in rows})
            targets: dict[int, list[tuple[int, int | None]]] = {}
            for start in range(0, len(reminder_ids), 500):
                for reminder, chat, number in session.execute(
                    select(ReminderTarget.reminder_ref, ReminderTarget.chat_ref, ReminderTarget.number)
                    .where(ReminderTarget.reminder_ref.in_(reminder_ids[start : start + 500]))
                    .order_by(ReminderTarget.id)
                ):
                    targets.setdefault(reminder, []).append((chat, number))
        plans = []
        for row in rows:
            values = dict(row._mapping)
            creator_number = values.pop("creator_number")
            chats = targets.get(row.reminder_id, [])
            numbers = {row.chat_ref: creator_number} if creator_number else {}
            numbers.update({chat: number for chat, number in chats if number})
            plans.append(PlanRow(**{**values, "planned_leads": list(row.planned_leads or [])},
                                 targets=[chat for chat, _ in chats], numbers=numbers))
        return plans

    def acknowledged_chats(self, occurrence_ids: Iterable[int]) -> dict[int, set[int]]:
        """For each occurrence, the chats that confirmed it."""
        ids = list(occurrence_ids)
        found: dict[int, set[int]] = {occurrence: set() for occurrence in ids}
        with self.session() as session:
            for start in range(0, len(ids), 500):
                rows = session.execute(select(Acknowledgement.occurrence_ref, Acknowledgement.chat_ref)
                                       .where(Acknowledgement.occurrence_ref.in_(ids[start : start + 500])))
                for occurrence, chat in rows:
                    found[occurrence].add(chat)
        return found

    def active_chats(self, chat_refs: Iterable[int]) -> set[int]:
        """Which of these chats are active."""
        refs = list(set(chat_refs))
        active: set[int] = set()
        with self.session() as session:
            for start in range(0, len(refs), 500):
                active.update(session.scalars(select(Chat.id).where(Chat.id.in_(refs[start : start + 500]),
                                                                    Chat.active.is_(True))))
        return active

    def save_plan(self, occurrence_updates: list[dict[str, Any]], new_occurrences: list[dict[str, Any]],
                  deliveries: list[dict[str, Any]]) -> int:
        """Store one planning pass atomically: occurrence progress, next occurrences, new outbox rows.

        Outbox rows whose key exists already are left as they are (the key makes each send happen once).
        Returns how many outbox rows were added.
        """
        with self.session() as session:
            if occurrence_updates:
                occurrence_updates, new_occurrences, deliveries = self._still_open(
                    session, occurrence_updates, new_occurrences, deliveries)
            finished = [values["finished_reminder"] for values in occurrence_updates if "finished_reminder" in values]
            # Bulk UPDATE by primary key, grouped by the columns each row sets (one executemany per group).
            groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
            for values in occurrence_updates:
                row = {key: value for key, value in values.items() if key != "finished_reminder"}
                groups.setdefault(tuple(sorted(row)), []).append(row)
            for rows in groups.values():
                session.execute(update(Occurrence), rows)
            for start in range(0, len(finished), 500):
                session.execute(update(Reminder).where(Reminder.id.in_(finished[start : start + 500]))
                                .values(status="finished"))
            known: set[tuple[int, datetime]] = set()
            refs = sorted({values["reminder_ref"] for values in new_occurrences})
            for start in range(0, len(refs), 500):
                known.update((ref, due) for ref, due in session.execute(
                    select(Occurrence.reminder_ref, Occurrence.due_at)
                    .where(Occurrence.reminder_ref.in_(refs[start : start + 500]))))
            fresh = [values for values in new_occurrences if (values["reminder_ref"], values["due_at"]) not in known]
            if fresh:
                session.execute(insert(Occurrence), fresh)
            return self._insert_deliveries(session, deliveries)

    @staticmethod
    def _still_open(session: Session, updates: list[dict[str, Any]], new_occurrences: list[dict[str, Any]],
                    deliveries: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], ...]:
        """A plan without what was cancelled or confirmed since it was read (a pass may run in a worker thread
        while users act): those rows are locked where the database can, and left as the user made them."""
        ids = [values["id"] for values in updates]
        reminder_of: dict[int, int] = {}
        still_open: set[int] = set()
        for start in range(0, len(ids), 500):
            for ident, reminder, status in session.execute(
                select(Occurrence.id, Occurrence.reminder_ref, Occurrence.status)
                .where(Occurrence.id.in_(ids[start : start + 500])).with_for_update()
            ):
                reminder_of[ident] = reminder
                if status in LIVE:
                    still_open.add(ident)
        gone = set(ids) - still_open
        if not gone:
            return updates, new_occurrences, deliveries
        left_alone = {reminder_of[ident] for ident in gone if ident in reminder_of}
        return ([values for values in updates if values["id"] in still_open],
                [values for values in new_occurrences if values["reminder_ref"] not in left_alone],
                [values for values in deliveries if values.get("occurrence_ref") not in gone])

    def enqueue(self, deliveries: list[dict[str, Any]]) -> int:
        """Add outbox rows (keys already present are skipped); returns how many were added."""
        return self.save_plan([], [], deliveries)

