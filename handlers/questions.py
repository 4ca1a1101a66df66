"""Questions about the documents: the answer with its citation, alternatives offered as choices."""

from __future__ import annotations

from collections import OrderedDict

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from knowledge.answering import Candidate
from knowledge.base import KnowledgeBase
from schedules.messages import Button, Reply

_SESSIONS = 2048


class Questions:
    """Answers questions and remembers, per chat, the choices it just offered ("1", "2" or a button)."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        # Per chat, what was just offered: alternative answers, or topics to ask about after a "no answer".
        self._offered: OrderedDict[tuple[str, str], list[Candidate | str]] = OrderedDict()

    def ask(self, message: IncomingMessage, question: str) -> list[Reply]:
        """Answer `question`; below the threshold say so and list the nearest topics."""
        question = question.strip()
        if not question:
            raise UserError(wording.EMPTY_QUESTION)
        if not self.knowledge.documents:
            return [Reply(wording.NO_DOCUMENTS)]
        answer = self.knowledge.ask(question)
        if not answer.found or answer.best is None:
            self._remember(message, list(answer.topics))
            buttons = tuple(
                (Button(wording.shorten(topic, 60), f"alt:{number}"),)
                for number, topic in enumerate(answer.topics, start=1)
            )
            return [Reply(wording.not_found(), None, buttons, wording.TOPICS_HINT if buttons else None)]
        self._remember(message, list(answer.alternatives))
        return [self._answer_reply(answer.best, answer.alternatives)]

    def choose(self, message: IncomingMessage, number: int) -> list[Reply]:
        """Show offered choice `number` (1-based), from a typed digit or a pressed button."""
        offered = self._offered.get(message.session_key, [])
        if not 1 <= number <= len(offered):
            raise UserError(wording.NO_CHOICE.format(number=number))
        chosen = offered[number - 1]
        if isinstance(chosen, str):
            return self.ask(message, chosen)
        return [self._answer_reply(chosen, [])]

    def has_choices(self, message: IncomingMessage) -> bool:
        """Whether this chat was just offered choices (so that a bare "2" means choice 2)."""
        return bool(self._offered.get(message.session_key))

    def _remember(self, message: IncomingMessage, offered: list[Candidate | str]) -> None:
        self._offered[message.session_key] = offered
        self._offered.move_to_end(message.session_key)
        while len(self._offered) > _SESSIONS:
            self._offered.popitem(last=False)

    @staticmethod
    def _answer_reply(best: Candidate, alternatives: list[Candidate]) -> Reply:
        buttons = tuple(
            (Button(wording.choice_label(candidate, best), f"alt:{number}"),)
            for number, candidate in enumerate(alternatives, start=1)
        )
        return Reply(best.answer, wording.citation(best.source), buttons, wording.CHOICES_HINT if buttons else None)
