"""A message as every platform hands it to the router."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from schedules.messages import ChatRef

PRIVATE, GROUP = "private", "group"


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent with a message: its name, its size as the platform states it (None when unknown), and its
    bytes once the platform has downloaded it (None before: the handler first says whether it wants the file)."""

    name: str
    size: int | None
    content: bytes | None = None


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    """One message (or a pressed button) from a user, already addressed to the bot.

    `received_at` is timezone-aware; handlers take today's date from it and never read the clock.
    `is_chat_admin` is what the platform says of the sender in this group (group admins manage the group).
    `attachment` is the file the message carries (a document sent to the bot), if any.
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
    attachment: Attachment | None = None

    @property
    def chat(self) -> ChatRef:
        """Where replies to this message go."""
        return ChatRef(self.platform, self.chat_id)

    @property
    def session_key(self) -> tuple[str, str]:
        """Key of this chat's short-lived conversation state (last choices offered)."""
        return (self.platform, self.chat_id)
