"""Chats the bot knows and what they subscribe to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from schedules.database import Store
from schedules.models import (
    Chat,
    Delivery,
    Subscription,
)
from schedules.records import ChatInfo, chat_info


class ChatStore(Store):
    """Chats and subscriptions."""

    def chat(self, platform: str, chat_id: str, now: datetime, *, title: str = "", kind: str = "private") -> ChatInfo:
        """The chat row for (platform, chat_id), created on first sight; title and kind kept up to date."""
        with self.session() as session:
            chat = session.scalar(select(Chat).where(Chat.platform == platform, Chat.chat_id == chat_id))
            if chat is None:
                chat = Chat(platform=platform, chat_id=chat_id, title=title, kind=kind, active=True, created_at=now)
                session.add(chat)
                try:
                    session.flush()
                except IntegrityError:
                    session.rollback()
                    return self.chat(platform, chat_id, now, title=title, kind=kind)
            else:
                if title and chat.title != title:
                    chat.title = title
                if kind and chat.kind != kind:
                    chat.kind = kind
            return chat_info(chat)

    def chat_by_ref(self, chat_ref: int) -> ChatInfo | None:
        """A chat by its row id."""
        with self.session() as session:
            chat = session.get(Chat, chat_ref)
            return None if chat is None else chat_info(chat)

    def set_active(self, chat_ref: int, active: bool, reason: str = "") -> None:
        """Mark a chat (in)active: a blocked bot stops sending there; writing again reactivates it."""
        with self.session() as session:
            session.execute(update(Chat).where(Chat.id == chat_ref).values(active=active, inactive_reason=reason))
            if not active:
                session.execute(
                    update(Delivery)
                    .where(Delivery.chat_ref == chat_ref, Delivery.status == "pending")
                    .values(status="failed", last_error=reason)
                )

    def migrate_chat(self, chat_ref: int, new_chat_id: str) -> None:
        """A group became a supergroup with a new id: the same row (and its subscriptions) moves to it."""
        with self.session() as session:
            chat = session.get(Chat, chat_ref)
            if chat is None:
                return
            existing = session.scalar(
                select(Chat).where(Chat.platform == chat.platform, Chat.chat_id == new_chat_id)
            )
            if existing is not None and existing.id != chat.id:
                # The new id already wrote to us: keep one row, the old one with its history.
                session.execute(update(Subscription).where(Subscription.chat_ref == existing.id)
                                .values(chat_ref=chat.id))
                existing.chat_id = f"{existing.chat_id}#merged{existing.id}"
                existing.active = False
                session.flush()
            chat.chat_id = new_chat_id
            chat.active = True

    def subscribe(self, chat_ref: int, topic: str, now: datetime) -> bool:
        """Subscribe a chat to a topic; False when it already was."""
        with self.session() as session:
            if session.scalar(select(Subscription).where(Subscription.chat_ref == chat_ref,
                                                         Subscription.topic == topic)):
                return False
            session.add(Subscription(chat_ref=chat_ref, topic=topic, created_at=now))
            return True

    def unsubscribe(self, chat_ref: int, topic: str) -> bool:
        """Remove a subscription; False when there was none."""
        with self.session() as session:
            result = session.execute(
                delete(Subscription).where(Subscription.chat_ref == chat_ref, Subscription.topic == topic)
            )
            return bool(getattr(result, "rowcount", 0))

    def subscribers(self, topic: str, created_before: datetime | None = None) -> list[ChatInfo]:
        """Active chats subscribed to a topic (before a moment, when given)."""
        with self.session() as session:
            query = (
                select(Chat).join(Subscription, Subscription.chat_ref == Chat.id)
                .where(Subscription.topic == topic, Chat.active.is_(True)).order_by(Chat.id)
            )
            if created_before is not None:
                query = query.where(Subscription.created_at <= created_before)
            return [chat_info(chat) for chat in session.scalars(query)]

    def topics(self, chat_ref: int) -> list[str]:
        """What a chat is subscribed to."""
        with self.session() as session:
            return list(session.scalars(select(Subscription.topic).where(Subscription.chat_ref == chat_ref)))

