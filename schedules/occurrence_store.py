"""Occurrences as people act on them: who confirmed (on time or late), which one a confirmation is for, what is
overdue in a chat, what falls due soon, closing an overdue one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from schedules.database import Store
from schedules.models import Acknowledgement, Chat, Delivery, Occurrence, Reminder, ReminderTarget
from schedules.records import OccurrenceInfo, TargetState, chat_info
from schedules.reminder_store import LIVE

UNSENT_AFTER_CONFIRMING = ("lead", "snooze", "overdue")


class OccurrenceStore(Store):
    """Confirmations and the occurrences they are for."""

    def targets(self, occurrence_id: int) -> list[TargetState]:
        """The target chats of an occurrence and who confirmed for each."""
        with self.session() as session:
            occurrence = session.get(Occurrence, occurrence_id)
            return [] if occurrence is None else self._targets(session, occurrence)

    @staticmethod
    def _targets(session: Session, occurrence: Occurrence) -> list[TargetState]:
        rows = session.execute(
            select(Chat, Acknowledgement)
            .join(ReminderTarget, ReminderTarget.chat_ref == Chat.id)
            .outerjoin(Acknowledgement, (Acknowledgement.chat_ref == Chat.id)
                       & (Acknowledgement.occurrence_ref == occurrence.id))
            .where(ReminderTarget.reminder_ref == occurrence.reminder_ref).order_by(Chat.id)
        )
        return [TargetState(chat_info(chat), (ack.user_name or ack.user_id) if ack else None, ack.at if ack else None)
                for chat, ack in rows]

    def occurrence(self, occurrence_id: int) -> OccurrenceInfo | None:
        """One occurrence with its targets' confirmations."""
        with self.session() as session:
            occurrence = session.get(Occurrence, occurrence_id)
            return None if occurrence is None else self._info(session, occurrence)

    def _info(self, session: Session, occurrence: Occurrence) -> OccurrenceInfo:
        return OccurrenceInfo(occurrence.id, occurrence.reminder_ref, occurrence.due_at, occurrence.status,
                              self._targets(session, occurrence))

    def occurrence_to_confirm(self, reminder_id: int, chat_ref: int) -> OccurrenceInfo | None:
        """What a chat's /xong is for: its oldest open or overdue occurrence not confirmed yet, else the latest one
        (already confirmed, or past and closed)."""
        with self.session() as session:
            confirmed = select(Acknowledgement.occurrence_ref).where(Acknowledgement.chat_ref == chat_ref)
            occurrence = session.scalar(
                select(Occurrence).where(Occurrence.reminder_ref == reminder_id, Occurrence.status.in_(LIVE),
                                         Occurrence.id.not_in(confirmed)).order_by(Occurrence.due_at).limit(1))
            if occurrence is None:
                occurrence = self._latest(session, reminder_id)
            return None if occurrence is None else self._info(session, occurrence)

    def occurrence_for_progress(self, reminder_id: int) -> OccurrenceInfo | None:
        """What /tiendo shows: the oldest overdue occurrence, else the open one, else the last one there was."""
        with self.session() as session:
            occurrence = session.scalar(
                select(Occurrence).where(Occurrence.reminder_ref == reminder_id, Occurrence.status.in_(LIVE))
                .order_by(Occurrence.due_at).limit(1))
            if occurrence is None:
                occurrence = self._latest(session, reminder_id)
            return None if occurrence is None else self._info(session, occurrence)

    def previous_occurrence(self, reminder_id: int, before: datetime) -> OccurrenceInfo | None:
        """The round due last before `before` (not cancelled): what /tiendo recalls under the round it shows."""
        with self.session() as session:
            occurrence = session.scalar(select(Occurrence).where(Occurrence.reminder_ref == reminder_id,
                                                                 Occurrence.status != "cancelled",
                                                                 Occurrence.due_at < before)
                                        .order_by(Occurrence.due_at.desc()).limit(1))
            return None if occurrence is None else self._info(session, occurrence)

    @staticmethod
    def _latest(session: Session, reminder_id: int) -> Occurrence | None:
        return session.scalar(select(Occurrence).where(Occurrence.reminder_ref == reminder_id,
                                                       Occurrence.status != "cancelled")
                              .order_by(Occurrence.due_at.desc()).limit(1))

    def acknowledge(self, occurrence_id: int, chat_ref: int, user_id: str, user_name: str, now: datetime) -> bool:
        """Record that a chat did it (late too); drops its remaining messages about it; an overdue occurrence
        everyone has confirmed is closed (and a one-off reminder finished). False if already recorded."""
        with self.session() as session:
            occurrence = session.get(Occurrence, occurrence_id, with_for_update=True)
            if occurrence is None or session.scalar(
                    select(Acknowledgement.id).where(Acknowledgement.occurrence_ref == occurrence_id,
                                                     Acknowledgement.chat_ref == chat_ref)):
                return False
            session.add(Acknowledgement(occurrence_ref=occurrence_id, chat_ref=chat_ref, user_id=user_id,
                                        user_name=user_name, at=now))
            session.execute(update(Delivery).where(
                Delivery.occurrence_ref == occurrence_id, Delivery.chat_ref == chat_ref,
                Delivery.kind.in_(UNSENT_AFTER_CONFIRMING), Delivery.status == "pending").values(status="skipped"))
            session.flush()
            if occurrence.status == "overdue" and all(target.confirmed_by
                                                      for target in self._targets(session, occurrence)):
                self._close(session, occurrence)
            return True

    def close_overdue(self, reminder_id: int) -> int:
        """The creator closes what is overdue of a reminder: no more overdue messages; returns how many closed."""
        with self.session() as session:
            overdue = list(session.scalars(select(Occurrence).where(Occurrence.reminder_ref == reminder_id,
                                                                    Occurrence.status == "overdue")))
            for occurrence in overdue:
                self._close(session, occurrence)
            return len(overdue)

    @staticmethod
    def _close(session: Session, occurrence: Occurrence) -> None:
        occurrence.status, occurrence.next_plan_at = "closed", None
        session.execute(update(Delivery).where(Delivery.occurrence_ref == occurrence.id,
                                               Delivery.status == "pending").values(status="skipped"))
        reminder = session.get(Reminder, occurrence.reminder_ref)
        if reminder is not None and reminder.every is None and reminder.status == "active":
            reminder.status = "finished"

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

    def occurrences_of_chat(self, chat_ref: int, *, until: datetime, overdue: bool) -> list[tuple[int, OccurrenceInfo]]:
        """(reminder id, occurrence) for what a chat made or must do: open ones due before `until`, or the
        overdue ones; for a chat that must act, only what it has not confirmed. Nearest due first."""
        with self.session() as session:
            targeted = select(ReminderTarget.reminder_ref).where(ReminderTarget.chat_ref == chat_ref)
            mine = or_(Reminder.chat_ref == chat_ref, Reminder.supervisor_ref == chat_ref, Reminder.id.in_(targeted))
            when = (Occurrence.status == "overdue") if overdue else and_(Occurrence.status == "open",
                                                                        Occurrence.due_at <= until)
            rows = session.scalars(select(Occurrence).join(Reminder, Reminder.id == Occurrence.reminder_ref)
                                   .where(mine, when, Reminder.status == "active")
                                   .order_by(Occurrence.due_at).limit(200))
            found = []
            for occurrence in rows:
                info = self._info(session, occurrence)
                if any(target.chat.id == chat_ref for target in info.targets) and info.confirmed(chat_ref):
                    continue
                found.append((occurrence.reminder_ref, info))
            return found
