"""What the time commands work with, handed over by the wiring as one bundle."""

from __future__ import annotations

from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from handlers.incoming import IncomingMessage
from handlers.permissions import Permissions
from handlers.typed import visible
from schedules.broadcasts import Broadcasts
from schedules.digests import Digests
from schedules.reminders import Reminders
from schedules.repository import ChatInfo, Repository
from schedules.themes import ThemeCalendar


@dataclass(frozen=True, slots=True)
class FairUse:
    """What one user may ask of the bot: characters per message, messages per minute, reminders made per hour."""

    max_message_chars: int = 4000
    messages_per_minute: int = 30
    reminders_per_hour: int = 20


@dataclass(frozen=True, slots=True)
class TimeServices:
    """Storage, reminders, broadcasts, the theme calendar, permissions and defaults."""

    repository: Repository
    reminders: Reminders
    broadcasts: Broadcasts
    calendar: ThemeCalendar
    permissions: Permissions
    zone: ZoneInfo
    lead_days: tuple[int, ...]
    limits: FairUse = field(default_factory=FairUse)
    digests: Digests | None = None

    def chat_of(self, message: IncomingMessage) -> ChatInfo:
        """The stored chat a message came from (created on first sight, reactivated when it writes again)."""
        chat = self.repository.chat(message.platform, message.chat_id, message.received_at,
                                    title=visible(message.chat_title), kind=message.chat_kind)
        if not chat.active:
            self.repository.set_active(chat.id, True)
        return chat
