"""The plain records the repository hands to the layers above: chats, reminders, planning rows, outbox items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from knowledge.model import Recurrence
from schedules.models import (
    Chat,
)


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """A chat as the layers above see it."""

    id: int
    platform: str
    chat_id: str
    title: str
    kind: str
    active: bool

    @property
    def name(self) -> str:
        """How to name the chat in a message: its title, else its kind, platform and the end of its id."""
        if self.title:
            return self.title
        kind = "Nhóm" if self.kind == "group" else "Người dùng"
        return f"{kind} {self.platform.capitalize()} …{self.chat_id[-4:]}"


@dataclass(frozen=True, slots=True)
class ReminderInfo:
    """A reminder with its current (open) occurrence."""

    id: int
    chat: ChatInfo
    creator: str
    text: str
    recurrence: Recurrence | None
    lead_days: list[int] | None
    source_document: str | None
    source_section: str | None
    status: str
    occurrence_id: int | None
    next_due: datetime | None


@dataclass(frozen=True, slots=True)
class PlanRow:
    """What planning needs of an open occurrence and its reminder (plain values: planning reads thousands)."""

    id: int
    due_at: datetime
    created_at: datetime
    planned_leads: list[int]
    escalated: bool
    reminder_id: int
    chat_ref: int
    supervisor_ref: int | None
    text: str
    every: str | None
    day: int | None
    month: int | None
    send_time: str | None
    due_time: str | None
    lead_days: list[int] | None
    source_document: str | None
    source_section: str | None
    targets: list[int]


@dataclass(frozen=True, slots=True)
class TargetState:
    """One target chat of an occurrence and its confirmation, if any."""

    chat: ChatInfo
    confirmed_by: str | None
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A delivery ready to send."""

    id: int
    key: str
    kind: str
    chat: ChatInfo
    payload: dict[str, Any]
    not_before: datetime
    attempts: int
    late: bool


def chat_info(chat: Chat) -> ChatInfo:
    """A chat row as a record."""
    return ChatInfo(chat.id, chat.platform, chat.chat_id, chat.title, chat.kind, chat.active)

