"""Fair use: a message over the length limit is refused with the limit named, and a user sending faster than the
per-minute limit is asked to wait (counted in the database when the bot runs, so every worker counts together;
in this process otherwise). The console (the operator's own terminal, often fed from a pipe) and the deployment's
admins are not counted."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.services import FairUse

WINDOW = timedelta(minutes=1)
# (platform, user id, now, window, limit) → "ok", "tell" or "ignore": schedules.rate_store.RateStore.count_message
Count = Callable[[str, str, datetime, timedelta, int], str]


class Ignored(Exception):
    """A message from a user already told to slow down: no answer at all (an answer would be one more send)."""


class Throttle:
    """Checks each message against the fair-use limits before it is handled."""

    def __init__(self, limits: FairUse, trusted: Callable[[IncomingMessage], bool] = lambda _message: False,
                 count: Count | None = None) -> None:
        self.limits = limits
        self.trusted = trusted
        self.count = count
        self._sent: dict[tuple[str, str], deque[datetime]] = {}
        self._told: dict[tuple[str, str], datetime] = {}
        self._lock = threading.Lock()  # messages are handled in worker threads

    def check(self, message: IncomingMessage) -> None:
        """Raise a UserError (nothing else happens) when the message is too long or its sender too fast; Ignored
        when that sender was already told within the minute."""
        if len(message.text) > self.limits.max_message_chars:
            raise UserError(wording.TOO_LONG.format(length=wording.thousands(len(message.text)),
                                                    limit=wording.thousands(self.limits.max_message_chars)))
        if self.trusted(message):
            return
        now = message.received_at
        if self.count is not None:
            with self._lock:  # (SQLite: one writer at a time in this process, rather than a busy database)
                verdict = self.count(message.platform, message.user_id, now, WINDOW,
                                     self.limits.messages_per_minute)
            if verdict == "ignore":
                raise Ignored
            if verdict == "tell":
                raise UserError(wording.SLOW_DOWN)
            return
        with self._lock:
            sent = self._sent.setdefault((message.platform, message.user_id), deque())
            while sent and now - sent[0] >= WINDOW:
                sent.popleft()
            if len(sent) >= self.limits.messages_per_minute:
                key = (message.platform, message.user_id)
                told = self._told.get(key)
                if told is not None and now - told < WINDOW:
                    raise Ignored
                self._told[key] = now
                raise UserError(wording.SLOW_DOWN)
            sent.append(now)
            if len(self._sent) > 50_000:  # users who went quiet
                for key in [key for key, times in self._sent.items() if not times or now - times[-1] >= WINDOW]:
                    del self._sent[key]
                    self._told.pop(key, None)


def trusted_by(is_admin: Callable[[IncomingMessage], bool]) -> Callable[[IncomingMessage], bool]:
    """Who is not counted: the console, and the deployment's admins."""
    return lambda message: message.platform == "console" or is_admin(message)
