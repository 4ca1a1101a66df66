"""Questions about the documents: the answer with its citation, alternatives offered as choices that stay right
(each button carries its own list; a typed number means the chat's last list)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import GROUP, IncomingMessage
from handlers.offers import FRESH_FOR, MemoryOffers, Offers
from handlers.small_talk import is_greeting, is_thanks
from knowledge.answering import Candidate, Source
from knowledge.base import KnowledgeBase
from schedules.messages import Button, Reply

ANSWERS, TOPICS = "answers", "topics"
Declined = Callable[[IncomingMessage, str, list[str]], None]  # (message, question, nearest topics offered)


class Questions:
    """Answers questions and keeps, per chat, the choices it offered (in the database when the bot runs)."""

    def __init__(self, knowledge: KnowledgeBase, offers: Offers | None = None) -> None:
        self.knowledge = knowledge
        self.offers: Offers = offers or MemoryOffers()
        self.declined: Declined | None = None  # told of each question it could not answer (the bot records them)

    def ask(self, message: IncomingMessage, question: str) -> list[Reply]:
        """Answer `question`; below the threshold say so and list the nearest topics."""
        question = question.strip()
        if not question:
            raise UserError(wording.EMPTY_QUESTION)
        if is_greeting(question):  # "chào bạn": what the bot does, not "không tìm thấy" with unrelated topics
            return [Reply(wording.greeting(len(self.knowledge.documents), message.chat_kind == GROUP))]
        if is_thanks(question):
            return [Reply(wording.THANKS_REPLY)]
        if not self.knowledge.documents:
            return [Reply(wording.NO_DOCUMENTS)]
        answer = self.knowledge.ask(question)
        if not answer.found or answer.best is None:
            if self.declined is not None:
                self.declined(message, question, list(answer.topics))
            offer = self._remember(message, TOPICS, [{"topic": topic} for topic in answer.topics])
            buttons = tuple(
                (Button(wording.shorten(topic, 60), f"alt:{offer}:{number}"),)
                for number, topic in enumerate(answer.topics, start=1)
            )
            return [Reply(wording.not_found(), None, buttons, wording.TOPICS_HINT if buttons else None)]
        offer = self._remember(message, ANSWERS, [_stored(candidate) for candidate in answer.alternatives])
        return [self._answer_reply(answer.best, answer.alternatives, offer)]

    def choose(self, message: IncomingMessage, number: int, offer_id: int | None = None) -> list[Reply]:
        """Show choice `number` (1-based) of list `offer_id` (a pressed button), or of the chat's last list (a typed
        number); a number with no list open gets a short hint."""
        if offer_id is not None:
            offer = self.offers.offered(offer_id)
            if offer is None or (offer.platform, offer.chat_id) != message.session_key:
                raise UserError(wording.CHOICES_GONE)
        else:
            offer = self.offers.last_offer(message.platform, message.chat_id, (ANSWERS, TOPICS))
            if offer is None or not offer.items or message.received_at - offer.created_at > timedelta(
                    seconds=FRESH_FOR):
                raise UserError(wording.NO_OPEN_CHOICES)
        if not 1 <= number <= len(offer.items):
            raise UserError(wording.NO_CHOICE.format(number=number))
        chosen = offer.items[number - 1]
        if "topic" in chosen:
            return self.ask(message, str(chosen["topic"]))
        return [self._answer_reply(_candidate(chosen), [], None)]

    def _remember(self, message: IncomingMessage, kind: str, items: list[dict[str, Any]]) -> int:
        """Keep what was offered (an empty list too: a number typed after it refers to nothing)."""
        return self.offers.offer(message.platform, message.chat_id, kind, items, message.received_at)

    @staticmethod
    def _answer_reply(best: Candidate, alternatives: list[Candidate], offer: int | None) -> Reply:
        buttons = tuple(
            (Button(label, f"alt:{offer}:{number}"),)
            for number, label in enumerate(wording.choice_labels(alternatives, best), start=1)
        )
        return Reply(best.answer, wording.citation(best.source), buttons, wording.CHOICES_HINT if buttons else None)


def _stored(candidate: Candidate) -> dict[str, Any]:
    """An offered answer as kept: what it says and where it stands."""
    source = candidate.source
    return {"answer": candidate.answer, "score": candidate.score, "document": source.document,
            "title": source.title, "section": source.section, "year": source.year}


def _candidate(item: dict[str, Any]) -> Candidate:
    """An offered answer back from where it was kept."""
    year = item.get("year")
    return Candidate(str(item["answer"]), float(item.get("score", 0.0)),
                     Source(str(item["document"]), str(item["title"]), str(item["section"]),
                            int(year) if year else None))
