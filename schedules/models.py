"""The database tables (SQLAlchemy 2): chats, subscriptions, reminders, occurrences, acknowledgements, outbox."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, stored as UTC on every database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; pass an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names (for migrations)."""

    metadata = MetaData(naming_convention=NAMING)


class Chat(Base):
    """A private chat or group on a platform that the bot knows."""

    __tablename__ = "chats"
    __table_args__ = (UniqueConstraint("platform", "chat_id", name="uq_chats_platform_chat"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(255), default="")
    kind: Mapped[str] = mapped_column(String(16), default="private")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    inactive_reason: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The last reminder number given in this chat: each chat numbers its reminders #1, #2 … on its own.
    last_number: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Subscription(Base):
    """A chat follows a topic: "themes" (monthly theme broadcasts) or "deadlines:<document>"."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("chat_ref", "topic", name="uq_subscriptions_chat_topic"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    topic: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    chat: Mapped[Chat] = relationship()


class Reminder(Base):
    """A deadline to remind of: once (due_at) or recurring (every/day/month/weekday), with lead times and targets;
    `number` is its number in the chat that created it."""

    __tablename__ = "reminders"
    __table_args__ = (Index("uq_reminders_chat_number", "chat_ref", "number", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id"), index=True)
    creator: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    every: Mapped[str | None] = mapped_column(String(16), nullable=True)
    day: Mapped[int | None] = mapped_column(Integer, nullable=True)
    month: Mapped[int | None] = mapped_column(Integer, nullable=True)
    weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # weekly reminders: Monday 0
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    send_time: Mapped[str] = mapped_column(String(5), default="07:30")
    due_time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    lead_days: Mapped[list[int] | None] = mapped_column(JSON, nullable=True)
    source_document: Mapped[str | None] = mapped_column(String(128), nullable=True)
    source_section: Mapped[str | None] = mapped_column(String(255), nullable=True)
    supervisor_ref: Mapped[int | None] = mapped_column(ForeignKey("chats.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    chat: Mapped[Chat] = relationship(foreign_keys=[chat_ref])
    targets: Mapped[list[ReminderTarget]] = relationship(cascade="all, delete-orphan", back_populates="reminder")


class ReminderTarget(Base):
    """A chat that must do what a reminder says (and confirm it), and the reminder's number in that chat."""

    __tablename__ = "reminder_targets"
    __table_args__ = (
        UniqueConstraint("reminder_ref", "chat_ref", name="uq_reminder_targets_reminder_chat"),
        Index("uq_reminder_targets_chat_number", "chat_ref", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_ref: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"), index=True)
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)

    reminder: Mapped[Reminder] = relationship(back_populates="targets")
    chat: Mapped[Chat] = relationship()


class Occurrence(Base):
    """One due date of a reminder: "open" before it, "overdue" after it while a target has not confirmed, "closed"
    when everyone has (or the creator closed it), "cancelled". A recurring reminder gets its next one at the due
    moment. `planned_leads` holds what was put in the outbox: lead days (7, "d7"), hours ("h2"), overdue rounds
    ("o0", "o1"…)."""

    __tablename__ = "occurrences"
    __table_args__ = (
        UniqueConstraint("reminder_ref", "due_at", name="uq_occurrences_reminder_due"),
        Index("ix_occurrences_open_next", "status", "next_plan_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_ref: Mapped[int] = mapped_column(ForeignKey("reminders.id", ondelete="CASCADE"), index=True)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # The next moment something must be put in the outbox for this occurrence (a lead time, the escalation).
    next_plan_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    planned_leads: Mapped[list[int | str]] = mapped_column(JSON, default=list)
    escalated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    reminder: Mapped[Reminder] = relationship()


class Acknowledgement(Base):
    """A chat confirmed an occurrence done (in a group, any member confirms for the group)."""

    __tablename__ = "acknowledgements"
    __table_args__ = (UniqueConstraint("occurrence_ref", "chat_ref", name="uq_acknowledgements_occurrence_chat"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurrence_ref: Mapped[int] = mapped_column(ForeignKey("occurrences.id", ondelete="CASCADE"), index=True)
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(64))
    user_name: Mapped[str] = mapped_column(String(255), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Delivery(Base):
    """The outbox: one row per (what, occurrence, chat), written before sending, with its delivery state."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("key", name="uq_deliveries_key"),
        Index("ix_deliveries_due", "status", "not_before"),
        Index("ix_deliveries_unreported", "reported", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32))
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    occurrence_ref: Mapped[int | None] = mapped_column(ForeignKey("occurrences.id", ondelete="CASCADE"), nullable=True,
                                                       index=True)  # cancelling a reminder finds its rows
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    not_before: Mapped[datetime] = mapped_column(UtcDateTime)  # the next attempt (later after a failure)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)  # when it was meant to go
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    last_error: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # Ended unsent (failed, missed, expired) and already told to whoever must know.
    reported: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    chat: Mapped[Chat] = relationship()


class Draft(Base):
    """An ad-hoc broadcast: "draft" waiting for its author ("platform:user id"), "confirmed" while it is sent,
    "finished" once its author got the report, or "dropped"."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_ref: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SeenUpdate(Base):
    """Updates already processed (messengers may deliver one twice): platform, chat and message (or update) id."""

    __tablename__ = "seen_updates"
    __table_args__ = (
        UniqueConstraint("platform", "chat_id", "message_id", name="uq_seen_updates_message"),
        Index("ix_seen_updates_at", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class Offer(Base):
    """A numbered list a chat was offered (alternative answers, topics, deadlines): what its buttons and typed
    numbers refer to, kept so that an old button still answers its own list, after a restart too."""

    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_chat", "platform", "chat_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class UnansweredQuestion(Base):
    """A question the bot declined: what was asked (and its folded form, to group the same question typed with or
    without marks), where (platform and kind of chat, never who or which chat), when, and the nearest topics."""

    __tablename__ = "unanswered_questions"
    __table_args__ = (Index("ix_unanswered_questions_folded", "folded"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    folded: Mapped[str] = mapped_column(String(255))
    platform: Mapped[str] = mapped_column(String(16))
    chat_kind: Mapped[str] = mapped_column(String(16))
    topics: Mapped[list[str]] = mapped_column(JSON)
    asked_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
