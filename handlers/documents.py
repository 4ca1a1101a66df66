"""What the documents contain, as lists: the documents, their targets, their deadlines."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from knowledge.base import KnowledgeBase
from knowledge.model import Deadline
from knowledge.vietnamese import fold
from schedules.messages import Reply

_SESSIONS = 2048
DEADLINE_LIST_LIMIT = 20


class DocumentLists:
    """Lists of documents, targets and deadlines; remembers the numbered deadline list shown to each chat."""

    def __init__(self, knowledge: KnowledgeBase) -> None:
        self.knowledge = knowledge
        self._shown: OrderedDict[tuple[str, str], list[tuple[Deadline, date | None]]] = OrderedDict()

    def documents(self) -> list[Reply]:
        """/vanban: the documents loaded, with what was found in each."""
        documents = self.knowledge.documents
        if not documents:
            return [Reply(wording.NO_DOCUMENTS)]
        lines = [wording.documents_heading(len(documents))]
        for number, document in enumerate(documents, start=1):
            lines.append(
                wording.document_line(
                    number, document.info, len(document.targets), len(document.deadlines), len(document.assignments)
                )
            )
        return [Reply("\n".join(lines))]

    def targets(self, category: str) -> list[Reply]:
        """/chitieu [lĩnh vực]: targets grouped by document and category."""
        category = category.strip()
        targets = self.knowledge.targets(category or None)
        if not targets:
            known = sorted({t.category for t in self.knowledge.targets() if t.category}, key=fold)
            if category and known:
                raise UserError(wording.NO_TARGETS.format(category=category, categories=", ".join(known)))
            return [Reply(wording.NO_TARGETS_AT_ALL)]
        documents = list(dict.fromkeys(target.document for target in targets))
        lines = [wording.targets_heading(len(targets), len(documents), category or None)]
        for key in documents:
            document = self.knowledge.document(key)
            lines.append("")
            lines.append(f"📄 {document.info.display_name if document else key}")
            current: str | None = ""
            for target in (t for t in targets if t.document == key):
                if target.category != current:
                    current = target.category
                    lines.append(f"【{current or 'Khác'}】")
                lines.append(wording.target_line(target))
        return [Reply("\n".join(lines))]

    def deadlines(self, message: IncomingMessage, today: date) -> list[Reply]:
        """/hanchot: deadlines nearest first, then the past ones, numbered for /theodoi."""
        listed = self.knowledge.upcoming(today)
        if not listed:
            return [Reply(wording.NO_DEADLINES)]
        upcoming = [item for item in listed if item[1] is not None and item[1] >= today]
        past = [item for item in listed if item[1] is None or item[1] < today]
        shown = (upcoming + past)[:DEADLINE_LIST_LIMIT]
        self._shown[message.session_key] = shown
        self._shown.move_to_end(message.session_key)
        while len(self._shown) > _SESSIONS:
            self._shown.popitem(last=False)
        lines = [wording.deadlines_heading(today, len(upcoming), len(past))]
        for number, (deadline, due) in enumerate(shown, start=1):
            if number == len(upcoming) + 1:
                lines.append(wording.PAST_HEADING)
            lines.append(wording.deadline_line(number, deadline, due, today))
        return [Reply("\n".join(lines))]

    def shown_deadline(self, message: IncomingMessage, number: int) -> tuple[Deadline, date | None] | None:
        """Deadline number `number` of the list last shown in this chat."""
        shown = self._shown.get(message.session_key, [])
        return shown[number - 1] if 1 <= number <= len(shown) else None
