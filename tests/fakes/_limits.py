"""Telegram's flood limits as sliding windows: overall per second, per chat per second, per group per minute."""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field


@dataclass
class _Window:
    """At most `limit` events in any `seconds`-long interval."""

    limit: int
    seconds: float
    stamps: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0 if it fits now)."""
        while self.stamps and self.stamps[0] <= now - self.seconds:
            self.stamps.popleft()
        if len(self.stamps) < self.limit:
            return 0.0
        return self.stamps[-self.limit] + self.seconds - now


@dataclass
class SendLimiter:
    """Decides whether a send fits Telegram's limits; `None` disables a window. Only accepted sends count."""

    per_second: int | None = 30
    per_chat_per_second: int | None = 1
    per_group_per_minute: int | None = 20
    _overall: _Window | None = None
    _chats: dict[str, _Window] = field(default_factory=dict)
    _groups: dict[str, _Window] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.per_second is not None:
            self._overall = _Window(self.per_second, 1.0)

    def retry_after(self, chat_id: str, is_group: bool, now: float) -> int | None:
        """Whole seconds to wait if a send to `chat_id` now would exceed a limit, else None (and the send counts)."""
        windows = self._windows(chat_id, is_group)
        wait = max((window.wait(now) for window in windows), default=0.0)
        if wait > 0:
            return max(1, math.ceil(wait))
        for window in windows:
            window.stamps.append(now)
        return None

    def _windows(self, chat_id: str, is_group: bool) -> list[_Window]:
        windows = [self._overall] if self._overall else []
        if self.per_chat_per_second is not None:
            windows.append(_get(self._chats, chat_id, self.per_chat_per_second, 1.0))
        if is_group and self.per_group_per_minute is not None:
            windows.append(_get(self._groups, chat_id, self.per_group_per_minute, 60.0))
        return windows


def _get(table: dict[str, _Window], key: str, limit: int, seconds: float) -> _Window:
    if key not in table:
        table[key] = _Window(limit, seconds)
    return table[key]
