"""Errors of the handlers layer: a user's mistake that becomes the reply."""

from __future__ import annotations


class HandlerError(Exception):
    """Base class for errors raised while handling a message."""


class UserError(HandlerError):
    """Bad input from the user: `reason` (Vietnamese) is sent back as is, and nothing changes."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
