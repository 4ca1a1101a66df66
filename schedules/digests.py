"""The weekly digest: once a week (Monday 07:30 by default) each subscribed chat gets its deadlines of the coming
days and what is overdue and unconfirmed; rendered at send time, skipped when there is nothing to say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from schedules.broadcasts import THEMES
from schedules.planner import delivery
from schedules.repository import Repository


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """When the digest goes (weekday, Monday 0, and time), how many days ahead it looks, how late it may go."""

    weekday: int
    at: time
    days: int
    grace: timedelta
    horizon: timedelta = timedelta(minutes=10)


class Digests:
    """Queues the week's digest once per subscribed chat."""

    def __init__(self, repository: Repository, zone: ZoneInfo, settings: DigestSettings) -> None:
        self.repository = repository
        self.zone = zone
        self.settings = settings
        self._queued_week = ""  # the week whose digest is queued for everyone it can go to

    def moment(self, now: datetime) -> datetime:
        """When this week's digest goes."""
        local = now.astimezone(self.zone).date()
        day = local - timedelta(days=local.weekday()) + timedelta(days=self.settings.weekday)
        return datetime.combine(day, self.settings.at, self.zone)

    def plan(self, now: datetime) -> int:
        """Queue this week's digest when its time is near; one too late for the grace period is not sent (a digest
        of past days helps nobody). Returns how many were queued."""
        moment = self.moment(now)
        if now + self.settings.horizon < moment:
            return 0
        year, week, _ = moment.date().isocalendar()
        period = f"{year:04d}-W{week:02d}"
        if period == self._queued_week:
            return 0
        if now - moment > self.settings.grace:
            self._queued_week = period
            return 0
        queued = self.repository.keys_with_prefix(f"digest:{period}:")
        rows = [delivery(f"digest:{period}:{chat.id}", "digest", chat.id, {"type": "digest", "week": period},
                         moment, now, late=now - moment > timedelta(minutes=1))
                for chat in self.repository.subscribers(THEMES, created_before=moment)
                if f"digest:{period}:{chat.id}" not in queued]
        added = self.repository.enqueue(rows)
        if now >= moment:
            self._queued_week = period
        return added
