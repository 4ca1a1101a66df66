"""How fast each user writes, counted in the database so that every worker applies one fair-use limit: the times
of a user's messages within the window, and when they were last told to slow down."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from schedules.database import Store
from schedules.worker_models import MessageRate


class RateStore(Store):
    """Per-user message counts over a sliding window."""

    def count_message(self, platform: str, user_id: str, now: datetime, window: timedelta, limit: int) -> str:
        """Record a message unless the user already sent `limit` within `window`: "ok" (counted), "tell" (over the
        limit: say so, once per window) or "ignore" (over the limit and already told)."""
        try:
            return self._count(platform, user_id, now, window, limit)
        except IntegrityError:  # the user's first message, counted by two workers at once: the row is there now
            return self._count(platform, user_id, now, window, limit)

    def _count(self, platform: str, user_id: str, now: datetime, window: timedelta, limit: int) -> str:
        moment, span = now.timestamp(), window.total_seconds()
        with self.session() as session:
            row = session.scalar(select(MessageRate).where(MessageRate.platform == platform,
                                                           MessageRate.user_id == user_id).with_for_update())
            if row is None:
                session.add(MessageRate(platform=platform, user_id=user_id, stamps=[moment], told_at=None,
                                        last_at=now))
                return "ok"
            stamps = [stamp for stamp in row.stamps if moment - stamp < span]
            row.last_at = now
            if len(stamps) >= limit:
                row.stamps = stamps
                if row.told_at is not None and now - row.told_at < window:
                    return "ignore"
                row.told_at = now
                return "tell"
            row.stamps = [*stamps, moment]
            return "ok"

    def forget_rates(self, before: datetime) -> None:
        """Drop the counts of users silent since before this moment."""
        with self.session() as session:
            session.execute(delete(MessageRate).where(MessageRate.last_at < before))
