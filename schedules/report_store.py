"""What the reports read: messages that ended unsent and were not reported yet, finished broadcasts, the outbox's
state for /tinhtrang."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from schedules.database import Store
from schedules.models import Chat, Delivery, Draft
from schedules.outbox_store import item
from schedules.records import OutboxItem

UNSENT = ("failed", "expired", "missed")
DONE = ("sent", "skipped", "cancelled", *UNSENT)


@dataclass(frozen=True, slots=True)
class BroadcastOutcome:
    """A confirmed broadcast whose every message has ended: who made it, where it reached, where not."""

    draft: int
    chat_ref: int
    sent: int
    unreached: list[OutboxItem]


@dataclass(frozen=True, slots=True)
class OutboxState:
    """/tinhtrang: rows waiting and in flight, the oldest wait, the last day's outcomes, recent failures."""

    pending: int
    sending: int
    oldest: datetime | None
    recent: dict[str, int]
    failures: list[OutboxItem]
    retrying: int


class ReportStore(Store):
    """Reads for the reports, and marking what was reported."""

    def unreported(self, limit: int = 500) -> list[OutboxItem]:
        """Messages that ended unsent (failed, expired, missed) and were not reported yet, oldest first."""
        with self.session() as session:
            rows = session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.reported.is_(False), Delivery.status.in_(UNSENT),
                       # a failed report is only logged; a broadcast's rows are told in its own report
                       Delivery.kind != "report", Delivery.key.not_like("bc:%"))
                .order_by(Delivery.id).limit(limit))
            return [item(delivery, chat) for delivery, chat in rows]

    def mark_reported(self, ids: list[int]) -> None:
        """These rows' ends have been told."""
        with self.session() as session:
            for start in range(0, len(ids), 500):
                session.execute(update(Delivery).where(Delivery.id.in_(ids[start : start + 500]))
                                .values(reported=True))

    def finished_broadcasts(self) -> list[BroadcastOutcome]:
        """Confirmed broadcasts none of whose messages is still waiting; each is marked finished (reported once)."""
        outcomes = []
        with self.session() as session:
            for draft in session.scalars(select(Draft).where(Draft.status == "confirmed").with_for_update()):
                rows = list(session.execute(select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                                            .where(Delivery.key.like(f"bc:{draft.id}:%"))))
                if any(delivery.status not in DONE for delivery, _ in rows):
                    continue
                draft.status = "finished"
                outcomes.append(BroadcastOutcome(
                    draft.id, draft.chat_ref, sum(1 for delivery, _ in rows if delivery.status == "sent"),
                    [item(delivery, chat) for delivery, chat in rows if delivery.status in UNSENT]))
                session.execute(update(Delivery).where(Delivery.key.like(f"bc:{draft.id}:%"))
                                .values(reported=True))
        return outcomes

    def outbox_state(self, now: datetime) -> OutboxState:
        """What /tinhtrang shows."""
        since = now - timedelta(days=1)
        with self.session() as session:
            counts = {status: count for status, count in session.execute(select(Delivery.status, func.count()).where(
                Delivery.status.in_(("pending", "sending"))).group_by(Delivery.status))}
            meant = func.coalesce(Delivery.due_at, Delivery.not_before)
            oldest = session.scalar(select(func.min(meant)).where(Delivery.status.in_(("pending", "sending")),
                                                                  meant <= now))
            recent = {status: count for status, count in session.execute(
                select(Delivery.status, func.count())
                .where(func.coalesce(Delivery.due_at, Delivery.not_before) >= since,
                       Delivery.status.in_(("sent", *UNSENT))).group_by(Delivery.status))}
            retrying = int(session.scalar(select(func.count()).where(Delivery.status == "pending",
                                                                     Delivery.attempts > 0)) or 0)
            failures = [item(delivery, chat) for delivery, chat in session.execute(
                select(Delivery, Chat).join(Chat, Chat.id == Delivery.chat_ref)
                .where(Delivery.status.in_(("failed", "expired")), Delivery.created_at >= since)
                .order_by(Delivery.id.desc()).limit(5))]
        recent["failed"] = recent.get("failed", 0) + recent.pop("expired", 0)
        return OutboxState(int(counts.get("pending", 0)), int(counts.get("sending", 0)), oldest,
                           {key: int(value) for key, value in recent.items()}, failures, retrying)
