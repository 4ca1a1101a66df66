"""The send pace shared by every worker on PostgreSQL: one GCRA limiter per key (a platform overall, or one of its
chats) whose state is a row, so that the leader's outbox and every worker's answers keep one platform's limits
together."""

from __future__ import annotations

from sqlalchemy import delete, text

from schedules.database import Store
from schedules.worker_models import SendPace

_NOW = "extract(epoch from clock_timestamp())"
_RESERVE = text(
    f"INSERT INTO send_pace (key, tat) VALUES (:key, {_NOW} + :interval) "
    f"ON CONFLICT (key) DO UPDATE SET tat = greatest(send_pace.tat, {_NOW}) + :interval "
    f"RETURNING tat - :interval - {_NOW}"
)
_HOLD = text(
    f"INSERT INTO send_pace (key, tat) VALUES (:key, {_NOW} + :seconds) "
    f"ON CONFLICT (key) DO UPDATE SET tat = greatest(send_pace.tat, {_NOW} + :seconds)"
)


class PaceStore(Store):
    """Reservations of send slots on the database server's clock (PostgreSQL only)."""

    def reserve(self, key: str, interval: float) -> float:
        """Take the next slot of `key`, one every `interval` seconds; returns how many seconds from now it begins
        (0 or less: at once). Slots are handed out in the order asked, across every worker."""
        with self.session() as session:
            wait = session.scalar(_RESERVE, {"key": key, "interval": interval})
            return float(wait or 0.0)

    def hold(self, key: str, seconds: float) -> None:
        """No slot of `key` begins within `seconds` from now (the platform asked to wait)."""
        with self.session() as session:
            session.execute(_HOLD, {"key": key, "seconds": seconds})

    def forget_paces(self, idle_seconds: float) -> None:
        """Drop the rows of keys unused for this long (a chat not written to for an hour needs no row)."""
        with self.session() as session:
            session.execute(delete(SendPace).where(SendPace.tat < text(f"{_NOW} - :idle").bindparams(
                idle=idle_seconds)))
