"""A message as every platform hands it to the router."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from schedules.messages import ChatRef

PRIVATE, GROUP = "private", "group"


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One message (or a pressed button) from a user, already addressed to the bot.

    `received_at` is timezone-aware; handlers take today's date from it and never read the clock.
    `is_chat_admin` is what the platform says of the sender in this group (group admins manage the group).
    """

    platform: str
    chat_id: str
    user_id: str
    text: str
    received_at: datetime
    chat_kind: str = PRIVATE
    user_name: str = ""
    chat_title: str = ""
    message_id: str | None = None
    callback: str | None = None
    is_chat_admin: bool = False

    @property
    def chat(self) -> ChatRef:
        """Where replies to this message go."""
        return ChatRef(self.platform, self.chat_id)

    @property
    def session_key(self) -> tuple[str, str]:
        """Key of this chat's short-lived conversation state (last choices offered)."""
        return (self.platform, self.chat_id)
