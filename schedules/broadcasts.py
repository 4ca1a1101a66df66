"""Subscriptions, the monthly theme broadcast and ad-hoc broadcasts, all through the outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from schedules.planner import delivery
from schedules.repository import ChatInfo, Repository

THEMES = "themes"


@dataclass(frozen=True, slots=True)
class ThemeSettings:
    """When the month's theme goes out, and how late it may still go after downtime."""

    day: int
    at: time
    grace: timedelta
    horizon: timedelta = timedelta(minutes=10)


class Broadcasts:
    """Who receives broadcasts, and putting them in the outbox once per chat."""

    def __init__(self, repository: Repository, zone: ZoneInfo, settings: ThemeSettings,
                 wake: Callable[[], None] = lambda: None) -> None:
        self.repository = repository
        self.zone = zone
        self.settings = settings
        self.wake = wake  # tells the scheduler the outbox has something to send now
        self._queued_period = ""  # the month whose theme is queued for everyone it can go to

    def subscribe(self, chat: ChatInfo, now: datetime) -> bool:
        """Subscribe a chat to the monthly themes; False if it already is."""
        return self.repository.subscribe(chat.id, THEMES, now)

    def unsubscribe(self, chat: ChatInfo) -> bool:
        """Stop the monthly themes for a chat; False if it was not subscribed."""
        return self.repository.unsubscribe(chat.id, THEMES)

    def subscribed(self, chat: ChatInfo) -> bool:
        """Whether a chat receives the monthly themes."""
        return THEMES in self.repository.topics(chat.id)

    def theme_moment(self, year: int, month: int) -> datetime:
        """When the theme of a month is broadcast."""
        return datetime(year, month, self.settings.day, self.settings.at.hour, self.settings.at.minute,
                        tzinfo=self.zone)

    def plan_themes(self, now: datetime) -> list[dict[str, Any]]:
        """Queue this month's theme for every subscriber once its time is near; after downtime it goes late
        within the grace period, otherwise it is recorded as missed (returned for the report to admins)."""
        local = now.astimezone(self.zone)
        moment = self.theme_moment(local.year, local.month)
        if now + self.settings.horizon < moment:
            return []
        period = f"{local.year:04d}-{local.month:02d}"
        if period == self._queued_period:
            return []
        late = now - moment > timedelta(minutes=1)
        missed = now - moment > self.settings.grace
        queued = self.repository.keys_with_prefix(f"theme:{period}:")
        rows = []
        for chat in self.repository.subscribers(THEMES, created_before=moment):
            key = f"theme:{period}:{chat.id}"
            if key in queued:
                continue
            rows.append(delivery(key, "theme", chat.id, {"type": "theme", "year": local.year, "month": local.month},
                                 moment, now, status="missed" if missed else "pending", late=late))
        self.repository.enqueue(rows)
        if now >= moment:  # who subscribes later waits for next month: nothing more to look for this month
            self._queued_period = period
        return [row for row in rows if row["status"] == "missed"]

    def audience(self) -> int:
        """How many chats a broadcast would reach now."""
        return len(self.repository.subscribers(THEMES))

    def draft(self, chat: ChatInfo, author: str, text: str, now: datetime) -> tuple[int, int]:
        """Store an ad-hoc broadcast for confirmation; returns (draft id, how many chats would receive it)."""
        return self.repository.add_draft(chat.id, author, text, now), self.audience()

    def confirm(self, draft_id: int, author: str, now: datetime) -> int | None:
        """Queue a confirmed draft for every subscribed chat; None if there is no such draft of this author."""
        subscribers = self.repository.subscribers(THEMES)
        queued = self.repository.send_draft(draft_id, author, lambda text: [
            delivery(f"bc:{draft_id}:{chat.id}", "broadcast", chat.id, {"type": "broadcast", "text": text}, now, now)
            for chat in subscribers
        ])
        if queued is not None:
            self.wake()
        return queued
