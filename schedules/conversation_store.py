"""What a conversation needs beyond one message: broadcast drafts, the lists a chat was offered, and the updates
already handled (so that one delivered twice is handled once)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from schedules.database import Store
from schedules.models import Draft, Offer, SeenUpdate


@dataclass(frozen=True, slots=True)
class OfferInfo:
    """A numbered list offered to a chat: what each number (or button) stands for."""

    id: int
    platform: str
    chat_id: str
    kind: str
    items: list[dict[str, Any]]
    created_at: datetime


class ConversationStore(Store):
    """Drafts, offered lists and seen updates."""

    def add_draft(self, chat_ref: int, author: str, text: str, now: datetime) -> int:
        """Store a broadcast awaiting confirmation by its author ("platform:user id")."""
        with self.session() as session:
            draft = Draft(chat_ref=chat_ref, author=author, text=text, status="draft", created_at=now)
            session.add(draft)
            session.flush()
            return draft.id

    def drop_draft(self, draft_id: int, author: str) -> str | None:
        """Drop the author's waiting draft; returns its text, None if this author has no such draft waiting."""
        with self.session() as session:
            draft = session.get(Draft, draft_id, with_for_update=True) if 0 < draft_id < 2**31 else None
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "dropped"
            return draft.text

    def send_draft(self, draft_id: int, author: str, rows_for: Callable[[str], list[dict[str, Any]]]) -> int | None:
        """Confirm the author's draft and queue `rows_for(its text)` in one transaction (a crash in between can
        neither lose the broadcast nor send it twice); None if there is no such draft waiting."""
        with self.session() as session:
            draft = session.get(Draft, draft_id, with_for_update=True) if 0 < draft_id < 2**31 else None
            if draft is None or draft.author != author or draft.status != "draft":
                return None
            draft.status = "confirmed"
            return self._insert_deliveries(session, rows_for(draft.text))

    def offer(self, platform: str, chat_id: str, kind: str, items: list[dict[str, Any]], now: datetime) -> int:
        """Keep a list offered to a chat; returns its id (buttons carry it)."""
        with self.session() as session:
            offer = Offer(platform=platform, chat_id=chat_id, kind=kind, items=items, created_at=now)
            session.add(offer)
            session.flush()
            return offer.id

    def offered(self, offer_id: int) -> OfferInfo | None:
        """An offered list by its id."""
        with self.session() as session:
            offer = session.get(Offer, offer_id) if 0 < offer_id < 2**31 else None
            return None if offer is None else _offer(offer)

    def last_offer(self, platform: str, chat_id: str, kinds: tuple[str, ...]) -> OfferInfo | None:
        """The latest list of one of these kinds offered to a chat."""
        with self.session() as session:
            offer = session.scalar(select(Offer).where(Offer.platform == platform, Offer.chat_id == chat_id,
                                                       Offer.kind.in_(kinds)).order_by(Offer.id.desc()).limit(1))
            return None if offer is None else _offer(offer)

    def seen(self, platform: str, chat_id: str, message_id: str, now: datetime) -> bool:
        """Record an incoming update; True if it had been seen before (a redelivery to ignore). Two workers
        handed the same update at once: the unique key lets one of them through."""
        try:
            with self.session() as session:
                if session.scalar(select(SeenUpdate.id).where(SeenUpdate.platform == platform,
                                                              SeenUpdate.chat_id == chat_id,
                                                              SeenUpdate.message_id == message_id)):
                    return True
                session.add(SeenUpdate(platform=platform, chat_id=chat_id, message_id=message_id, at=now))
        except IntegrityError:
            return True
        return False

    def prune(self, seen_before: datetime, offered_before: datetime) -> None:
        """Forget updates seen (no platform redelivers that late) and lists offered before these moments."""
        with self.session() as session:
            session.execute(delete(SeenUpdate).where(SeenUpdate.at < seen_before))
            session.execute(delete(Offer).where(Offer.created_at < offered_before))


def _offer(offer: Offer) -> OfferInfo:
    return OfferInfo(offer.id, offer.platform, offer.chat_id, offer.kind, list(offer.items), offer.created_at)
