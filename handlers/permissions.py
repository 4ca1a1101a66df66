"""Who may do what: deployment admins everywhere, a group's admins in their group, anyone in a private chat."""

from __future__ import annotations

from collections.abc import Iterable

from handlers.incoming import GROUP, IncomingMessage


class Permissions:
    """Admin checks for commands that change things (create, cancel, subscribe, broadcast)."""

    def __init__(self, admins: Iterable[str]) -> None:
        self.admins = set(admins)

    def is_admin(self, message: IncomingMessage) -> bool:
        """A deployment-wide admin ("telegram:123", or "console:*" for everyone on a platform)."""
        return f"{message.platform}:{message.user_id}" in self.admins or f"{message.platform}:*" in self.admins

    def can_manage(self, message: IncomingMessage) -> bool:
        """May change this chat's reminders and subscriptions: an admin, the group's own admin, or the user
        of a private chat (their own reminders)."""
        if self.is_admin(message):
            return True
        return message.is_chat_admin if message.chat_kind == GROUP else True
