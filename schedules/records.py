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
    """A reminder with its current occurrence (the earliest open or overdue one) and its number in the chat it was
    looked up from (the creating chat's number otherwise)."""

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
    number: int = 0
    occurrence_status: str | None = None
    supervisor_ref: int | None = None


@dataclass(frozen=True, slots=True)
class PlanRow:
    """What planning needs of an open occurrence and its reminder (plain values: planning reads thousands)."""

    id: int
    due_at: datetime
    created_at: datetime
    planned_leads: list[int | str]
    escalated: bool
    reminder_id: int
    chat_ref: int
    supervisor_ref: int | None
    text: str
    every: str | None
    day: int | None
    month: int | None
    weekday: int | None
    send_time: str | None
    due_time: str | None
    lead_days: list[int] | None
    source_document: str | None
    source_section: str | None
    targets: list[int]
    numbers: dict[int, int]  # the reminder's number in each target chat (and in the creator's)


@dataclass(frozen=True, slots=True)
class TargetState:
    """One target chat of an occurrence and its confirmation, if any."""

    chat: ChatInfo
    confirmed_by: str | None
    confirmed_at: datetime | None


@dataclass(frozen=True, slots=True)
class OccurrenceInfo:
    """One due date of a reminder: its status ("open", "overdue", "closed", "cancelled") and who confirmed it."""

    id: int
    reminder_id: int
    due: datetime
    status: str
    targets: list[TargetState]

    def confirmed(self, chat_ref: int) -> bool:
        """Whether this chat confirmed the occurrence."""
        return any(target.chat.id == chat_ref and target.confirmed_by for target in self.targets)


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
    due_at: datetime | None = None  # when it was meant to go (not_before moves on after a failure)
    status: str = "pending"
    error: str = ""  # the platform's last answer, when it failed

    @property
    def meant_for(self) -> datetime:
        """When the message was meant to go."""
        return self.due_at or self.not_before


def chat_info(chat: Chat) -> ChatInfo:
    """A chat row as a record."""
    return ChatInfo(chat.id, chat.platform, chat.chat_id, chat.title, chat.kind, chat.active)

