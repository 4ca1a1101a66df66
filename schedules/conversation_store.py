"""What a conversation needs beyond one message: broadcast drafts and the updates already handled."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import select

from schedules.database import Store
from schedules.models import (
    Draft,
    SeenUpdate,
)


class ConversationStore(Store):
    """Drafts and seen updates."""

    def add_draft(self, chat_ref: int, author: str, text: str, now: datetime) -> int:
        """Store a broadcast awaiting confirmation."""
        with self.session() as session:
            draft = Draft(chat_ref=chat_ref, author=author, text=text, status="draft", created_at=now)
            session.add(draft)
            session.flush()
            return draft.id

    def drop_draft(self, draft_id: int, author: str) -> str | None:
        """Drop the author's waiting draft; returns its text, None if there is none."""
        with self.session() as session:
            draft = session.get(Draft, draft_id)
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "dropped"
            return draft.text

    def send_draft(self, draft_id: int, author: str, rows_for: Callable[[str], list[dict[str, Any]]]) -> int | None:
        """Confirm the author's draft and queue `rows_for(its text)` in one transaction (a crash in between can
        neither lose the broadcast nor send it twice); None if there is no such draft waiting."""
        with self.session() as session:
            draft = session.get(Draft, draft_id, with_for_update=True)
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "confirmed"
            return self._insert_deliveries(session, rows_for(draft.text))

    def seen(self, platform: str, chat_id: str, message_id: str, now: datetime) -> bool:
        """Record an incoming update; True if it had been seen before (a redelivery to ignore)."""
        with self.session() as session:
            if session.scalar(select(SeenUpdate.id).where(SeenUpdate.platform == platform,
                                                          SeenUpdate.chat_id == chat_id,
                                                          SeenUpdate.message_id == message_id)):
                return True
            session.add(SeenUpdate(platform=platform, chat_id=chat_id, message_id=message_id, at=now))
            return False
