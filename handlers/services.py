"""What the time commands work with, handed over by the wiring as one bundle."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from handlers.incoming import IncomingMessage
from handlers.permissions import Permissions
from schedules.broadcasts import Broadcasts
from schedules.reminders import Reminders
from schedules.repository import ChatInfo, Repository
from schedules.themes import ThemeCalendar


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

    def chat_of(self, message: IncomingMessage) -> ChatInfo:
        """The stored chat a message came from (created on first sight, reactivated when it writes again)."""
        chat = self.repository.chat(message.platform, message.chat_id, message.received_at,
                                    title=message.chat_title, kind=message.chat_kind)
        if not chat.active:
            self.repository.set_active(chat.id, True)
        return chat
