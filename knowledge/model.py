"""What a parsed directive is made of: identity, sections, passages, targets, deadlines, assignments."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

SECTION_SEPARATOR = " › "


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document's identity as printed on it: number, type, date, issuer, title, signer."""

    path: str
    number: str | None
    kind: str | None
    issued: date | None
    issuer: str | None
    title: str
    signer: str | None
    signer_role: str | None = None
    issued_text: str | None = None
    place: str | None = None
    issuer_parent: str | None = None
    addressees: tuple[str, ...] = ()
    authority: str | None = None

    @property
    def key(self) -> str:
        """How answers name the document: its number, else its title (never its file name)."""
        if self.number:
            return self.number
        title = self.title or (self.kind or "Văn bản không rõ tên")
        return title if len(title) <= 80 else title[:79].rsplit(" ", 1)[0] + "…"

    def missing(self) -> list[str]:
        """What the document's identity lacks, in Vietnamese ("số hiệu", "ngày ban hành", …), for `ingest`."""
        wanted = [
            (self.number, "số hiệu"),
            (self.kind, "loại văn bản"),
            (self.issued, "ngày ban hành"),
            (self.issuer, "cơ quan ban hành"),
            (self.signer, "người ký"),
            (self.title, "trích yếu"),
        ]
        return [name for value, name in wanted if not value]

    @property
    def display_name(self) -> str:
        """A short human name: "Nghị quyết 09-NQ/TU" or the kind and title."""
        if self.number:
            return f"{self.kind} {self.number}" if self.kind else self.number
        kind = self.kind or "Văn bản"
        title = self.title
        if title.lower().startswith(kind.lower()):
            return title
        return f"{kind} {title[:1].lower()}{title[1:]}" if title else kind


@dataclass(slots=True)
class Section:
    """A numbered or headed part of a document ("II", "3.2", "(3)") with its place in the tree."""

    id: int
    label: str
    title: str
    parent: int | None
    labels: tuple[str, ...]
    level: int

    @property
    def path(self) -> str:
        """The citation path, e.g. "II › 3.2 › (3)"."""
        return SECTION_SEPARATOR.join(self.labels)


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_EVERY_WORDS = {"week": "hằng tuần", "month": "hằng tháng", "quarter": "hằng quý", "year": "hằng năm"}
_QUARTER_MONTHS = {1: "tháng đầu quý", 2: "tháng thứ hai của quý"}


@dataclass(frozen=True, slots=True)
class Recurrence:
    """A repeating deadline: every week, month, quarter or year; `day` of the period (31 = its last day, None = the
    document names no day), `month` for yearly duties, for quarterly ones the month of each quarter it falls in (1 =
    January, April, July, October; None = the quarter's last month), `weekday` (Monday 0) for weekly ones."""

    every: str
    day: int | None = None
    month: int | None = None
    weekday: int | None = None

    def to_json(self) -> dict[str, object]:
        """The `recurrence` object of the command-line contract (`month` for yearly, `weekday` for weekly duties,
        `month_of_quarter` for a quarterly one that falls before the quarter's last month)."""
        data: dict[str, object] = {"every": self.every, "day": self.day}
        if self.every == "year" and self.month:
            data["month"] = self.month
        if self.every == "quarter" and self.month in _QUARTER_MONTHS:
            data["month_of_quarter"] = self.month
        if self.every == "week":
            data["weekday"] = self.weekday
        return data

    def describe(self) -> str:
        """Vietnamese wording: "hằng quý", "hằng tháng, ngày 20", "hằng năm, ngày 15/12", "hằng tuần, thứ Sáu"."""
        words = _EVERY_WORDS.get(self.every, self.every)
        if self.every == "week":
            return f"{words}, {WEEKDAYS[self.weekday]}" if self.weekday is not None else words
        if self.every == "year" and self.month:
            if self.day is None:
                return f"{words}, tháng {self.month}"
            return f"{words}, ngày {min(self.day, calendar.monthrange(2024, self.month)[1])}/{self.month}"
        if self.every == "quarter" and self.month in _QUARTER_MONTHS:
            in_month = _QUARTER_MONTHS[self.month]
            if self.day is None or self.day >= 31:
                return f"{words}, ngày cuối {in_month}"
            return f"{words}, ngày {self.day} {in_month}"
        if self.day is None:
            return words
        if self.day >= 31:
            return f"{words}, ngày cuối " + {"month": "tháng", "quarter": "quý"}.get(self.every, "năm")
        return f"{words}, ngày {self.day}"


@dataclass(frozen=True, slots=True)
class Target:
    """A measurable goal: "từ 13,5% trở lên" → value 13.5, unit "%", comparator "≥"; `year` is its horizon
    ("đến năm 2030") where the document states one."""

    text: str
    value: float
    unit: str | None
    comparator: str
    category: str | None
    document: str
    section: str
    passage: int
    year: int | None = None

    def to_json(self) -> dict[str, object]:
        """One line of `targets --json`."""
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "comparator": self.comparator,
            "category": self.category,
            "year": self.year,
            "document": self.document,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class Deadline:
    """A date or a recurrence by which something must be done, and who does it for whom where stated."""

    text: str
    due: date | None
    recurrence: Recurrence | None
    document: str
    section: str
    passage: int
    who: str | None = None
    report_to: str | None = None

    def to_json(self) -> dict[str, object]:
        """One line of `deadlines --json`."""
        return {
            "due": self.due.isoformat() if self.due else None,
            "recurrence": self.recurrence.to_json() if self.recurrence else None,
            "text": self.text,
            "document": self.document,
            "section": self.section,
        }


@dataclass(frozen=True, slots=True)
class Assignment:
    """Who is given a task, what the task is, with whom, and to whom they report."""

    text: str
    who: str
    what: str
    partners: str | None
    report_to: str | None
    document: str
    section: str
    passage: int


@dataclass(slots=True)
class Passage:
    """The unit of answering: a sentence or a short group of clauses, with where it stands."""

    id: int
    section: int | None
    text: str
    line: int
    category: str | None = None
    kinds: set[str] = field(default_factory=set)
    lead: str = ""  # the short heading the text stands under ("Sở Nội vụ"), shown in front of it
    role: str = "text"  # "text", "row" (a table row), "recipient", "identity"
    follows: bool = False  # goes on from the passage before it, in the same paragraph

    @property
    def shown(self) -> str:
        """The passage as an answer shows it and the index reads it: "Sở Nội vụ: Chủ trì, phối hợp …"."""
        return f"{self.lead}: {self.text}" if self.lead else self.text


@dataclass(slots=True)
class Document:
    """One parsed directive: identity, section tree, passages and the items extracted from them."""

    info: DocumentInfo
    sections: list[Section] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)  # ("NTTS", "nuôi trồng thủy sản")

    def heading_titles(self, passage: Passage) -> list[str]:
        """Titles of the passage's section and every section above it, innermost first."""
        titles: list[str] = []
        section = passage.section
        while section is not None:
            titles.append(self.sections[section].title)
            section = self.sections[section].parent
        return titles

    def section_path(self, section: int | None) -> str:
        """Citation path of a section id ("" for text before the first heading)."""
        return "" if section is None else self.sections[section].path
