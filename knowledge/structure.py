"""The section tree of a document body (I / 1 / 1.1 / a / (1), markdown headings) and its passages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.layout import Paragraph, is_caps
from knowledge.model import Passage, Section
from knowledge.sentences import passages_of, split_sentences
from knowledge.vietnamese import UPPER

_HEADING_RES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+(?P<label>[IVX]+|\d+)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    ("article", re.compile(r"^(?:Điều)\s+(?P<label>\d+)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    ("roman", re.compile(r"^(?!V/v\b|V/V\b)(?P<label>[IVX]{1,5})\s*[.\-–)/]\s*(?P<rest>.+)$")),
    (
        "arabic",
        re.compile(rf"^(?P<label>\d{{1,2}}(?:\.\d{{1,2}}){{0,4}})(?:\.|\))(?:\s+|(?=[{UPPER}]))(?P<rest>\S.*)$"),
    ),
    ("arabic", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,4})\s+(?P<rest>\S.*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*[.)]\s+(?P<rest>\S.*)$")),
    ("paren", re.compile(r"^\((?P<label>\d{1,2})\)\s*(?P<rest>\S.*)$")),
]
_BULLET_RE = re.compile(r"^[-+•●▪◦*–]\s*")
_CATEGORY_RE = re.compile(r"(?:^|(?<=[.;:]\s))Về\s+(?P<name>[^\s:.;()\d]+(?:\s+[^\s:.;()\d]+){0,4}):\s*")
_HEADING_CATEGORY_RE = re.compile(r"^(?:Về|Lĩnh vực|Chỉ tiêu về)\s+(?P<name>\S+(?:\s+\S+){0,4}?):?$")
_INLINE_ITEM_RE = re.compile(r"(?:^|(?<=[\s:;.]))\((?P<number>\d{1,2})\)\s")
_TITLE_LIMIT = 160
_PURE_HEADING_LIMIT = 260


def _rank(kind: str, label: str) -> int:
    """Depth of a heading kind: part < roman < article/1 < 1.1 < 1.1.1 < a < (1)."""
    if kind == "part":
        return 0
    if kind == "roman":
        return 1
    if kind == "article":
        return 2
    if kind == "arabic":
        return 1 + label.count(".") + 1
    if kind == "letter":
        return 8
    if kind == "paren":
        return 9
    return 1


def match_heading(text: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) when `text` starts with a section number, else None."""
    for kind, pattern in _HEADING_RES:
        match = pattern.match(text)
        if match:
            return kind, match.group("label"), match.group("rest").strip()
    return None


def short_title(text: str) -> str:
    """A heading-sized version of `text`: up to its first ":" or sentence end, at most _TITLE_LIMIT chars."""
    head = re.split(r":\s|:$|(?<=[.!?])\s", text, maxsplit=1)[0].strip().rstrip(":.")
    if len(head) <= _TITLE_LIMIT:
        return head
    cut = head.rfind(" ", 0, _TITLE_LIMIT)
    return head[: cut if cut > 0 else _TITLE_LIMIT] + "…"


def _sentence_case(text: str) -> str:
    """ "MỤC ĐÍCH, YÊU CẦU" → "Mục đích, yêu cầu" (headings in capitals read badly in chat)."""
    return text[:1] + text[1:].lower() if is_caps(text) else text


def _category_name(name: str) -> str:
    name = name.strip()
    return name[:1].upper() + name[1:]


@dataclass
class _Open:
    rank: int
    section: int


class StructureBuilder:
    """Feeds body paragraphs in order; builds sections, passages and each passage's target category."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.passages: list[Passage] = []
        self.fragments: list[tuple[int, str]] = []
        self._headings: dict[int, tuple[str, int]] = {}
        self._filled: set[int] = set()
        self._stack: list[_Open] = []
        self._section_category: dict[int, str | None] = {}
        self._marker_category: str | None = None
        self._marker_scope: int | None = None

    @property
    def current(self) -> int | None:
        """The innermost open section, or None before the first heading."""
        return self._stack[-1].section if self._stack else None

    def _open(self, kind: str, label: str, title: str, heading: tuple[str, int] | None = None) -> int:
        rank = _rank(kind, label)
        while self._stack and self._stack[-1].rank >= rank:
            self._close(self._stack.pop().section)
        parent = self.current
        labels = (self.sections[parent].labels if parent is not None else ()) + (
            f"({label})" if kind == "paren" else label,
        )
        section = Section(len(self.sections), labels[-1], title, parent, labels, len(labels))
        self.sections.append(section)
        self._stack.append(_Open(rank, section.id))
        if heading is not None:
            self._headings[section.id] = heading
        heading_category = _HEADING_CATEGORY_RE.match(title)
        inherited = self._section_category.get(parent) if parent is not None else None
        if heading_category:
            inherited = _category_name(heading_category.group("name"))
        elif self._marker_scope is not None and parent == self._marker_scope:
            inherited = self._marker_category
        self._section_category[section.id] = inherited
        return section.id

    def add(self, paragraph: Paragraph) -> None:
        """Place one body paragraph: a heading opens a section, text becomes passages."""
        text = paragraph.text
        heading = match_heading(text)
        if heading is None and paragraph.heading:
            title = _sentence_case(short_title(text))
            self._open("markdown", title, title, (text, paragraph.line))
            return
        if heading is None:
            self._add_body(_BULLET_RE.sub("", text), paragraph.line)
            return
        kind, label, rest = heading
        rest = _sentence_case(rest)
        if (
            len(rest) <= _PURE_HEADING_LIMIT
            and not re.search(r"[.!?]['\"”’)]?$", rest)
            and (rest.endswith(":") or ": " not in rest)
        ):
            self._open(kind, label, short_title(rest) or label, (rest.rstrip(":").strip(), paragraph.line))
            return
        title_part, colon, body = rest.partition(": ")
        following = int(label) + 1 if kind == "paren" else None
        if colon and len(title_part) <= _TITLE_LIMIT and body:
            self._open(kind, label, title_part.strip())
            self._add_body(body, paragraph.line, lead=title_part.strip(), following=following)
        else:
            self._open(kind, label, short_title(rest))
            self._add_body(rest, paragraph.line, following=following)

    def _add_body(self, text: str, line: int, lead: str = "", following: int | None = None) -> None:
        """Add running text, splitting inline numbered items "(1) … (2) …" into their own sections.

        `lead` is the heading the text followed ("Phó Hiệu trưởng - bà X: Phụ trách …"): it stays in front of
        the first sentence, which would not make sense alone. `following` is set inside item (n): then the
        items "(n+1) … (n+2) …" of the same paragraph are its siblings.
        """
        items = self._inline_items(text, first=following or 1)
        if not items:
            self._add_sentences(f"{lead}: {text}" if lead else text, line)
            return
        intro = text[: items[0][1]].strip()
        if intro:
            self._add_sentences(f"{lead}: {intro}" if lead and following else intro, line)
        if following is not None and self._stack:
            self._close(self._stack.pop().section)
        scope = self.current
        for index, (number, start) in enumerate(items):
            end = items[index + 1][1] if index + 1 < len(items) else len(text)
            item_text = re.sub(r"^\(\d{1,2}\)\s*", "", text[start:end].strip())
            self._open("paren", number, short_title(item_text))
            self._add_sentences(item_text, line)
            while self._stack and self._stack[-1].section != scope:
                self._close(self._stack.pop().section)

    @staticmethod
    def _inline_items(text: str, first: int = 1) -> list[tuple[str, int]]:
        """Positions of "(1) … (2) … (3)" numbered in sequence inside one paragraph, from item `first`
        (at least two of them, or one when they continue an item the paragraph started with)."""
        found: list[tuple[str, int]] = []
        expected = first
        for match in _INLINE_ITEM_RE.finditer(text):
            number = int(match.group("number"))
            if match.start() == 0:
                continue  # a paragraph that starts with "(1)" is itself the item
            if number == expected:
                found.append((match.group("number"), match.start()))
                expected = number + 1
        return found if len(found) >= (2 if first == 1 else 1) else []

    def _add_sentences(self, text: str, line: int) -> None:
        """Cut text at category markers ("Về kinh tế:"), which set the category of the items that follow."""
        position = 0
        for match in _CATEGORY_RE.finditer(text):
            self._emit(text[position : match.start()], line)
            self._marker_category = _category_name(match.group("name"))
            current = self.current
            inside_item = current is not None and self.sections[current].label.startswith("(")
            # A marker at the end of item (2) speaks of items (3), (4)…: siblings, not item (2) itself.
            self._marker_scope = self.sections[current].parent if inside_item and current is not None else current
            position = match.end()
        self._emit(text[position:], line)

    def _emit(self, text: str, line: int) -> None:
        text = text.strip()
        if not text:
            return
        if len(text.split()) < 3 and not re.search(r"\d", text):
            self.fragments.append((line, text))
            return
        section = self.current
        category = self._section_category.get(section) if section is not None else None
        self._emit_in(section, text, line, category)

    def _emit_in(self, section: int | None, text: str, line: int, category: str | None) -> None:
        for sentence in split_sentences(text):
            for piece in passages_of(sentence):
                self.passages.append(Passage(len(self.passages), section, piece, line, category))
        while section is not None and section not in self._filled:
            self._filled.add(section)
            section = self.sections[section].parent

    def _close(self, section: int) -> None:
        """A heading with nothing under it is content itself ("e. … Giải Búa liềm vàng lần thứ V…")."""
        heading = self._headings.pop(section, None)
        if section not in self._filled and heading is not None and len(heading[0].split()) >= 4:
            self._emit_in(section, heading[0], heading[1], self._section_category.get(section))

    def finish(self) -> None:
        """Close the sections still open at the end of the body."""
        while self._stack:
            self._close(self._stack.pop().section)
