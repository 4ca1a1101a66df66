"""What the documents contain, as lists that fit a phone: the documents, the targets by field (more on request),
the coming deadlines (the past ones on request), numbered for /theodoi."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from datetime import date, timedelta
from typing import Any

from handlers import wording
from handlers.errors import UserError
from handlers.incoming import IncomingMessage
from handlers.offers import CLEARED, FRESH_FOR, MemoryOffers, Offers
from knowledge.answering import Source
from knowledge.base import KnowledgeBase
from knowledge.model import Deadline, Target
from knowledge.vietnamese import fold
from schedules.conversation_store import OfferInfo
from schedules.messages import Button, Reply

_SESSIONS = 2048
DEADLINE_LIST_LIMIT = 60  # deadlines numbered for /theodoi in one list
PHONE = 3300  # characters of one list message: one screenful or two, well under every platform's limit
TARGETS, DEADLINES = "targets", "deadlines"
TARGET_PAGE = "targetpage"  # the next page of one field (its "Xem tiếp" button, or 1 typed)
BUTTONS = 8  # the largest fields get a button (two a row); every field can be typed
_PAGE_RE = re.compile(r"^(?P<what>.*?)(?:\s*\b(?:trang\s*)?(?P<page>\d{1,3}))?$", re.IGNORECASE)


class DocumentLists:
    """Lists of documents, targets and deadlines; remembers the numbered deadline list shown to each chat."""

    def __init__(self, knowledge: KnowledgeBase, offers: Offers | None = None) -> None:
        self.knowledge = knowledge
        self.offers: Offers = offers or MemoryOffers()
        # The lists this process showed, by the id of their offered list (the database's, which other workers see)
        self._shown: OrderedDict[int, list[tuple[Deadline, date | None]]] = OrderedDict()
        self._lock = threading.Lock()

    def name_of(self, key: str) -> str:
        """How a document is named in a list: its kind and number, or its title (never a file name)."""
        document = self.knowledge.document(key)
        return document.info.display_name if document else key

    def documents(self, message: IncomingMessage | None = None) -> list[Reply]:
        """/vanban: the documents loaded, with what was found in each (numbered to be read: a number typed after
        it picks nothing, not an older list's choice)."""
        documents = self.knowledge.documents
        if not documents:
            return [Reply(wording.NO_DOCUMENTS)]
        if message is not None:
            self.offers.offer(message.platform, message.chat_id, CLEARED, [], message.received_at)
        lines = [wording.documents_heading(len(documents))]
        for number, document in enumerate(documents, start=1):
            lines.append(wording.document_line(number, document.info, len(document.targets), len(document.deadlines),
                                               len(document.assignments)))
        return [Reply(_fit(lines))]

    def targets(self, message: IncomingMessage, args: str) -> list[Reply]:
        """/chitieu: the fields with their counts and first items; /chitieu <lĩnh vực> [trang]: one field."""
        found = _PAGE_RE.match(args.strip())
        category, page = (found["what"].strip(), int(found["page"] or 1)) if found else (args.strip(), 1)
        if not category and found and found["page"]:  # "/chitieu 2": field 2 of the menu just shown
            return self._numbered_field(message, int(found["page"]))
        if not category:
            return self._overview(message)
        targets = self.knowledge.targets(category)
        if not targets:
            known = sorted({t.category for t in self.knowledge.targets() if t.category}, key=fold)
            if known:
                raise UserError(wording.NO_TARGETS.format(category=category, categories=", ".join(known)))
            return [Reply(wording.NO_TARGETS_AT_ALL)]
        return [self._field(message, category, targets, page)]

    def target_button(self, message: IncomingMessage, args: str) -> list[Reply]:
        """A field's button ("xemct:LIST:N[:PAGE]"): that field, that page."""
        parts = [int(part) for part in args.split(":") if part.isascii() and part.isdigit()]
        offer = self.offers.offered(parts[0]) if len(parts) >= 2 else None
        if offer is None or not 1 <= parts[1] <= len(offer.items):
            raise UserError(wording.CHOICES_GONE)
        return self._open_field(message, offer.items[parts[1] - 1], parts[2] if len(parts) > 2 else None)

    def pick_field(self, message: IncomingMessage, offer: OfferInfo, number: int) -> list[Reply]:
        """A number typed after the fields menu (or after a field's "Xem tiếp"): that field, that page."""
        if not 1 <= number <= len(offer.items):
            raise UserError(wording.NO_SUCH_NUMBER.format(number=number, count=len(offer.items)))
        return self._open_field(message, offer.items[number - 1], None)

    def _numbered_field(self, message: IncomingMessage, number: int) -> list[Reply]:
        """/chitieu N: field N of the fields menu this chat was shown last, while it is fresh."""
        offer = self.offers.last_offer(message.platform, message.chat_id, (TARGETS,))
        if offer is None or message.received_at - offer.created_at > timedelta(seconds=FRESH_FOR):
            raise UserError(wording.TARGETS_NUMBER_WITHOUT_MENU.format(number=number))
        return self.pick_field(message, offer, number)

    def _open_field(self, message: IncomingMessage, item: dict[str, Any], page: int | None) -> list[Reply]:
        category = str(item["category"])
        targets = [target for target in self.knowledge.targets() if (target.category or "") == category]
        if not targets:
            raise UserError(wording.CHOICES_GONE)
        return [self._field(message, category or wording.OTHER_CATEGORY, targets,
                            page if page is not None else int(item.get("page", 1)), exact=category)]

    def _overview(self, message: IncomingMessage) -> list[Reply]:
        targets = self.knowledge.targets()
        if not targets:
            return [Reply(wording.NO_TARGETS_AT_ALL)]
        groups: dict[str, list[Target]] = {}
        for target in targets:
            groups.setdefault(target.category or "", []).append(target)
        order = sorted(groups, key=lambda name: (name == "", -len(groups[name]), fold(name)))
        offer = self.offers.offer(message.platform, message.chat_id, TARGETS,
                                  [{"category": name} for name in order], message.received_at)
        documents = len({target.document for target in targets})
        head = wording.targets_overview_heading(len(targets), documents, len(groups))
        for shown in (2, 1, 0):
            lines = [head]
            for name in order:
                lines += [""] if shown else []
                lines.append(wording.category_line(name or wording.OTHER_CATEGORY, len(groups[name])))
                lines += [wording.target_line(target, 90) for target in groups[name][:shown]]
            if len("\n".join(lines)) <= PHONE:
                break
        labels = [Button(wording.category_button(name or wording.OTHER_CATEGORY, len(groups[name])),
                         f"xemct:{offer}:{number}") for number, name in enumerate(order, start=1)][:BUTTONS]
        buttons = tuple(tuple(labels[start:start + 2]) for start in range(0, len(labels), 2))
        return [Reply(_fit(lines), None, buttons)]

    def _field(self, message: IncomingMessage, category: str, targets: list[Target], page: int,
               exact: str | None = None) -> Reply:
        """One field's targets grouped by document, as many as fit, with the way to the next page."""
        documents = list(dict.fromkeys(target.document for target in targets))
        head = wording.targets_heading(len(targets), len(documents), category)
        pages = _pages([self._target_lines(targets, key) for key in documents], PHONE - len(head) - 80)
        page = min(max(page, 1), len(pages))
        lines = [head, *pages[page - 1]]
        buttons: tuple[tuple[Button, ...], ...] = ()
        if page < len(pages):
            left = sum(1 for line in (line for later in pages[page:] for line in later) if line.startswith("•"))
            lines += ["", wording.MORE_TARGETS.format(left=left, category=category, page=page + 1)]
            if exact is not None:
                offer = self.offers.offer(message.platform, message.chat_id, TARGET_PAGE,
                                          [{"category": exact, "page": page + 1}], message.received_at)
                buttons = ((Button(wording.MORE_TARGETS_LABEL, f"xemct:{offer}:1:{page + 1}"),),)
        return Reply("\n".join(lines), None, buttons)

    def _target_lines(self, targets: list[Target], key: str) -> list[str]:
        lines = ["", f"📄 {self.name_of(key)}"]
        return lines + [wording.target_line(target, 120) for target in targets if target.document == key]

    def deadlines(self, message: IncomingMessage, today: date, args: str = "") -> list[Reply]:
        """/hanchot: the coming deadlines, nearest first; "tatca" adds the past ones; numbered for /theodoi."""
        listed = self.knowledge.upcoming(today)
        if not listed:
            return [Reply(wording.NO_DEADLINES)]
        words = fold(args).split()
        everything = bool(words) and words[0] in ("tatca", "all", "daqua")
        if words[:2] in (["tat", "ca"], ["da", "qua"]):
            everything, words = True, ["tatca", *words[2:]]
        page = int(words[-1]) if words and words[-1].isascii() and words[-1].isdigit() else 1
        upcoming = [item for item in listed if item[1] is not None and item[1] >= today]
        past = [item for item in listed if item[1] is None or item[1] < today]
        remembered = (upcoming + past)[:DEADLINE_LIST_LIMIT]
        self._remember(message, remembered)
        first = len(upcoming) + 1 if everything else 1
        shown = remembered[len(upcoming):] if everything else remembered[: len(upcoming)]
        entries = [[wording.deadline_line(number, deadline, due, today)]
                   for number, (deadline, due) in enumerate(shown, start=first)]
        pages = _pages(entries, PHONE - 200) if entries else [[]]
        page = min(max(page, 1), len(pages))
        lines = [wording.upcoming_heading(today, len(upcoming), len(past), everything), *pages[page - 1]]
        if page < len(pages):
            left = sum(1 for line in (line for later in pages[page:] for line in later) if line[:1].isdigit())
            more = f"tatca {page + 1}" if everything else str(page + 1)
            lines.append(wording.MORE_DEADLINES.format(left=left, page=more))
        if not everything and past:
            lines.append(wording.PAST_DEADLINES_HINT)
        elif everything and upcoming:
            lines.append(wording.COMING_DEADLINES_HINT)
        return [Reply("\n".join(lines))]

    def _remember(self, message: IncomingMessage, shown: list[tuple[Deadline, date | None]]) -> None:
        """Keep the numbered list for /theodoi in the offered lists (every worker sees the chat's latest), and its
        deadlines themselves in this process."""
        items: list[dict[str, Any]] = [{"document": deadline.document, "section": deadline.section,
                                        "text": deadline.text} for deadline, _ in shown]
        offer_id = self.offers.offer(message.platform, message.chat_id, DEADLINES, items, message.received_at)
        with self._lock:
            self._shown[offer_id] = shown
            while len(self._shown) > _SESSIONS:
                self._shown.popitem(last=False)

    def shown_count(self, message: IncomingMessage) -> int | None:
        """How many deadlines the list last shown in this chat numbered (None when none was shown)."""
        offer = self.offers.last_offer(message.platform, message.chat_id, (DEADLINES,))
        return None if offer is None else len(offer.items)

    def pick_deadline(self, message: IncomingMessage, offer: OfferInfo, number: int, today: date) -> list[Reply]:
        """A number typed after /hanchot: that deadline in full, and how to be reminded of it."""
        shown = self.shown_deadline(message, number, offer)
        if shown is None:
            raise UserError(wording.NO_SUCH_NUMBER.format(number=number, count=len(offer.items)))
        deadline, due = shown
        source = Source(deadline.document, self.name_of(deadline.document), deadline.section, None)
        return [Reply(wording.deadline_picked(number, deadline, due, today), wording.citation(source))]

    def shown_deadline(self, message: IncomingMessage, number: int,
                       offer: OfferInfo | None = None) -> tuple[Deadline, date | None] | None:
        """Deadline number `number` of the list last shown in this chat, or of `offer` (by any worker, after a
        restart too)."""
        offer = offer or self.offers.last_offer(message.platform, message.chat_id, (DEADLINES,))
        if offer is None or not 1 <= number <= len(offer.items):
            return None
        with self._lock:
            shown = self._shown.get(offer.id)
        if shown is not None and len(shown) == len(offer.items):
            return shown[number - 1]
        wanted = offer.items[number - 1]
        today = message.received_at.date()
        return next(((deadline, due) for deadline, due in self.knowledge.upcoming(today)
                     if (deadline.document, deadline.section, deadline.text)
                     == (wanted["document"], wanted["section"], wanted["text"])), None)


def _pages(entries: list[list[str]], budget: int) -> list[list[str]]:
    """Entries (each a few lines kept together) in pages of at most `budget` characters."""
    pages: list[list[str]] = [[]]
    size = 0
    for entry in entries:
        length = sum(len(line) + 1 for line in entry)
        if pages[-1] and size + length > budget:
            pages.append([])
            size = 0
        pages[-1] += entry
        size += length
    return pages


def _fit(lines: list[str]) -> str:
    """Lines up to what a phone shows in one message; the rest counted."""
    kept: list[str] = []
    size = 0
    for number, line in enumerate(lines):
        if size + len(line) > PHONE and kept:
            kept.append(f"… và {len(lines) - number} dòng nữa.")
            break
        kept.append(line)
        size += len(line) + 1
    return "\n".join(kept)
