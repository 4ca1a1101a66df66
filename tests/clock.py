"""A clock the test moves: the bot reads `now` from it instead of the wall clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.config import ScheduleSettings


class FakeClock:
    """Time that moves only when the test says so."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def set(self, moment: datetime) -> datetime:
        self.now = moment
        return self.now


def off_schedule(now: datetime) -> ScheduleSettings:
    """The schedule of a deployment a test runs on the real clock: the weekly digest and the month's theme days away
    from `now` (in the deployment's zone), so a run on a Monday morning or on the 1st sends neither to the chats the
    test subscribed."""
    return ScheduleSettings(digest_weekday=(now.weekday() + 3) % 7, theme_day=(now.day + 13) % 28 + 1)
