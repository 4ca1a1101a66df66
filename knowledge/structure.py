"""The section tree of a document body (parts, I / 1 / 1.1 / a / (1), markdown headings) and its answer units.

Every unit stands on its own: a sentence carries the short heading it sits under ("Sở Nội vụ: Chủ trì, phối hợp …"),
a table row carries its group and column names ("Cà phê — Chỉ tiêu: Diện tích; …; Năm 2030: 30.000").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.closing import Recipients, Signature
from knowledge.header import kind_of
from knowledge.layout import Block, Paragraph
from knowledge.model import Passage, Section
from knowledge.sentences import passages_of, split_sentences
from knowledge.tables import Table, is_group_row, row_text
from knowledge.vietnamese import UPPER, fold, is_caps

_HEADING_RES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(
        r"^(?P<label>(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+(?:[IVXL]+|\d+))\s*[.:\-–]?\s*(?P<rest>.*)$"
    )),
    ("article", re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<label>\d+)\s*[.:\-–]?\s*(?P<rest>.*)$")),
    ("roman", re.compile(r"^(?!V/v\b|V/V\b)(?P<label>[IVXL]{1,5})\s*[.\-–)/]\s*(?P<rest>.+)$")),
    ("upper", re.compile(rf"^(?P<label>[A-HĐ])\s*[.)]\s+(?P<rest>[{UPPER}].+)$")),
    (
        "arabic",
        re.compile(rf"^(?P<label>\d{{1,2}}(?:\.\d{{1,2}}){{0,4}})(?:\.|\))(?:\s+|(?=[{UPPER}]))(?P<rest>\S.*)$"),
    ),
    ("arabic", re.compile(r"^(?P<label>\d{1,2}(?:\.\d{1,2}){1,4})\s+(?P<rest>\S.*)$")),
    ("letter", re.compile(r"^(?P<label>[a-zđ])\s*[.)]\s+(?P<rest>\S.*)$")),
    ("paren", re.compile(r"^\((?P<label>\d{1,2})\)[.:]?\s*(?P<rest>\S.*)$")),  # "(1)", "(1)." or "(1):"
]
_APPENDIX_RE = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)\b\s*(?P<label>[\dIVXL]+[a-z]?)?\s*[.:\-–]?\s*(?P<rest>.*)$")
_ATTACHED_RE = re.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm|Kèm)\s+theo\b", re.IGNORECASE)
_BULLET_RE = re.compile(r"^[-+•●▪◦*–]\s*")
# "Đơn vị tính: Nghìn đồng/người học/tháng." above a table: the unit of every figure in its rows.
_UNIT_LINE_RE = re.compile(r"^\(?\s*(?P<label>Đơn vị tính|ĐVT)\s*:\s*(?P<unit>[^()]{1,60}?)\s*\.?\s*\)?\.?$",
                           re.IGNORECASE)
_CATEGORY_RE = re.compile(r"(?:^|(?<=[.;:]\s))Về\s+(?P<name>[^\s:.;()\d]+(?:\s+[^\s:.;()\d]+){0,4}):\s*")
_HEADING_CATEGORY_RE = re.compile(r"^(?:Về|Lĩnh vực|Chỉ tiêu về)\s+(?P<name>\S+(?:\s+\S+){0,4}?):?$")
_INLINE_ITEM_RE = re.compile(r"(?:^|(?<=[\s:;.]))\((?P<number>\d{1,2})\)\s")
# A heading that names a body: its items are that body's tasks.
_ORG_RE = re.compile(
    r"^(?:Đề nghị\s+)?(?:Các\s+)?(?:Sở|Ban|Bộ|Cục|Vụ|Văn phòng|Phòng|Trung tâm|Công an|Ủy ban|Uỷ ban|UBND|Hội|"
    r"Liên đoàn|Liên minh|Đoàn|Tỉnh|Thành|Huyện|Đảng|Chi bộ|Trường|Bệnh viện|Viện|Tòa án|Báo|Đài|Cổng|"
    r"Kho bạc|Ngân hàng|Bộ Chỉ huy|Bộ đội|Mặt trận|Hiệu trưởng|Giám đốc|Chủ tịch|Thủ trưởng|Doanh nghiệp|"
    r"Các doanh nghiệp|Cơ quan|Các cơ quan|Đơn vị|Các đơn vị|Ủy ban nhân dân|UBMTTQ|MTTQ)\b"
)
_TITLE_LIMIT = 160
_PURE_HEADING_LIMIT = 260
_LEAD_LIMIT = 90
RECIPIENTS_TITLE = "Nơi nhận"
PREFACE_TITLE = "Tóm tắt"
# A document number with a space after its dash, typed so or wrapped there ("số 10- CTr/TU" is "10-CTr/TU").
_BROKEN_NUMBER_RE = re.compile(r"\b(\d{1,5}) ?- (?=[A-ZĐ][A-Za-zĐđ]{0,5}/[A-ZĐ])")
# A field of a record: "Thời gian: …", "Địa điểm: …", "Thành phần: …" (a label of a few words, then its value).
_FIELD_RE = re.compile(
    r"^(?:Thời gian|Thời hạn|Thời điểm|Địa điểm|Thành phần|Nội dung|Hình thức|Kinh phí|Số lượng|Đối tượng|Phương thức|"
    r"Đơn vị (?:chủ trì|thực hiện|phối hợp)|Cơ quan (?:chủ trì|thực hiện|phối hợp)|Chủ trì|Phối hợp|Sản phẩm|"
    r"Thời gian hoàn thành|Thời hạn hoàn thành|Tiến độ|Quy mô|Chỉ tiêu|Kết quả|Lưu ý|Ghi chú)(?: [^:]{0,30})?\s*:\s*\S"
)
_FIELD_LIMIT = 450


def _rank(kind: str, label: str) -> int:
    """Depth of a heading kind: part < A. < roman < article/1 < 1.1 < 1.1.1 < a < (1)."""
    if kind == "part":
        return 0
    if kind == "upper":
        return 1
    if kind in ("roman", "markdown"):
        return 2
    if kind == "article":
        return 3
    if kind == "arabic":
        return 4 + label.count(".")
    if kind == "letter":
        return 9
    if kind == "paren":
        return 10
    return 2


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


def sentence_case(text: str) -> str:
    """ "MỤC ĐÍCH, YÊU CẦU" → "Mục đích, yêu cầu" (headings in capitals read badly in chat)."""
    return text[:1] + text[1:].lower() if is_caps(text) else text


def _leading_kind(text: str) -> str | None:
    """The document type a line starts with ("KẾ HOẠCH XUẤT KHẨU …" → "Kế hoạch"), if any."""
    words = text.split()
    for count in (3, 2, 1):
        kind = kind_of(" ".join(words[:count])) if len(words) >= count else None
        if kind is not None:
            return kind
    return None


def _category_name(name: str) -> str:
    name = name.strip()
    return name[:1].upper() + name[1:]


@dataclass
class _Open:
    rank: int
    section: int


class StructureBuilder:
    """Feeds body blocks in order; builds sections, answer units, and keeps signatures and recipients."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.passages: list[Passage] = []
        self.fragments: list[tuple[int, str]] = []
        self.signatures: list[Signature] = []
        self.recipients: list[Recipients] = []
        self.attachments: list[str] = []
        self.preface_title: str | None = None  # a page's own title over its summary ("## Lịch tập huấn …")
        self._headings: dict[int, tuple[str, int]] = {}
        self._filled: set[int] = set()
        self._leads: dict[int, str] = {}
        self._stack: list[_Open] = []
        self._section_category: dict[int, str | None] = {}
        self._marker_category: str | None = None
        self._marker_scope: int | None = None
        self._part_open: int | None = None
        self._seen_body = False
        self._intro: tuple[str, str] | None = None  # (bullet of the introduction, its words)
        self._role = "text"
        self._last_item_line = 0
        self._titled: list[int] = []

    @property
    def current(self) -> int | None:
        """The innermost open section, or None before the first heading."""
        return self._stack[-1].section if self._stack else None

    def _open(
        self, kind: str, label: str, title: str, heading: tuple[str, int] | None = None, lead: bool = True
    ) -> int:
        rank = _rank(kind, label)
        while self._stack and self._stack[-1].rank >= rank:
            self._close(self._stack.pop().section)
        parent = self.current
        shown = f"({label})" if kind == "paren" else f"Điều {label}" if kind == "article" else label
        labels = (self.sections[parent].labels if parent is not None else ()) + (shown,)
        section = Section(len(self.sections), labels[-1], title, parent, labels, len(labels))
        self.sections.append(section)
        self._stack.append(_Open(rank, section.id))
        if heading is not None:
            self._headings[section.id] = heading
        if lead and title and len(title) <= _LEAD_LIMIT:
            self._leads[section.id] = title
        heading_category = _HEADING_CATEGORY_RE.match(title)
        inherited = self._section_category.get(parent) if parent is not None else None
        if heading_category:
            inherited = _category_name(heading_category.group("name"))
        elif self._marker_scope is not None and parent == self._marker_scope:
            inherited = self._marker_category
        self._section_category[section.id] = inherited
        return section.id

    def add_block(self, block: Block) -> None:
        """Place one block of the body."""
        if isinstance(block, Paragraph):
            self.add(block)
        elif isinstance(block, Table):
            self._part_open = None
            self._add_table(block)
        elif isinstance(block, Signature):
            self._part_open = None
            self.signatures.append(block)
        else:
            self._part_open = None
            self.recipients.append(block)
            self._add_recipients(block)

    def add_preface(self, blocks: list[Block]) -> None:
        """Text a page puts before the document: a part of its own ("Tóm tắt"), closed before the document."""
        self._open("part", PREFACE_TITLE, PREFACE_TITLE, lead=False)
        self._role = "preface"
        for block in blocks:
            if isinstance(block, Paragraph) and block.heading and self.preface_title is None \
                    and len(block.text) <= _TITLE_LIMIT:
                self.preface_title = block.text.strip()
            if isinstance(block, Paragraph) and match_heading(block.text) is None:
                self._add_body(_BULLET_RE.sub("", block.text), block.line)
            else:
                self.add_block(block)
        while self._stack:
            self._close(self._stack.pop().section)
        self._role = "text"

    def _extend_part(self, paragraph: Paragraph) -> bool:
        """Capitals and "(Kèm theo …)" lines right under a part heading belong to its title."""
        part = self._part_open
        if part is None:
            return False
        section = self.sections[part]
        if section.title == section.label and is_caps(paragraph.text) and match_heading(paragraph.text) is None:
            # "KẾ HOẠCH" / "XUẤT KHẨU …" is "Kế hoạch xuất khẩu …"; "Chương I" / "QUY ĐỊNH CHUNG" is "Quy định chung".
            words = sentence_case(paragraph.text)
            kind = kind_of(section.label) is not None
            section.title = f"{section.label} {words[:1].lower()}{words[1:]}" if kind else words
            if section.label.startswith("Phụ lục"):
                section.title = f"{section.label}: {words}"  # "phụ lục … là gì" names the appendix by its label
            self._leads.pop(part, None)
            return True
        text = paragraph.text
        attached = _ATTACHED_RE.match(text)
        if attached or (is_caps(text) and match_heading(text) is None and len(text) <= _PURE_HEADING_LIMIT):
            section = self.sections[part]
            joiner = " " if attached else (": " if section.title == section.label else " ")
            section.title = f"{section.title}{joiner}{sentence_case(text) if not attached else text}".strip()
            if attached:
                self.attachments.append(text)
            return True
        self._part_open = None
        return False

    def _open_part(self, label: str, title: str, line: int) -> None:
        while self._stack:
            self._close(self._stack.pop().section)
        self._part_open = self._open("part", label, title or label, (title, line), lead=False)
        self._titled.append(self._part_open)

    def add(self, paragraph: Paragraph) -> None:
        """Place one body paragraph: a heading opens a section, text becomes passages."""
        text = paragraph.text
        if self._extend_part(paragraph):
            return
        appendix = _APPENDIX_RE.match(text)
        if appendix and (is_caps(text) or len(text) < 80):
            label = f"Phụ lục {appendix['label']}" if appendix["label"] else "Phụ lục"
            rest = appendix["rest"].strip()
            self._open_part(label, f"{label}: {sentence_case(rest)}" if rest else label, paragraph.line)
            return
        kind = _leading_kind(text) if is_caps(text) and not text.endswith(":") else None
        if kind is not None and (self.signatures or kind_of(text) is not None) and self._seen_body:
            # After a signature, "KẾ HOẠCH …" starts the document that the decision issues.
            self._open_part(kind, sentence_case(text), paragraph.line)
            return
        self._seen_body = True
        heading = match_heading(text)
        if heading is None and (paragraph.heading or (is_caps(text) and len(text) <= _TITLE_LIMIT)):
            title = sentence_case(short_title(text))
            if title:
                self._open("markdown", title, title, (text, paragraph.line))
            return
        if heading is None:
            if self._attach_field(paragraph):
                return
            bullet = text[:1] if _BULLET_RE.match(text) else ""
            # An introduction leads the items that follow with another bullet: "- Mẫu nước nguồn cấp:" over
            # "+ Thủy lý …: tần suất 2 đợt/tháng", and an item's plain lines ("- Hội nghị 4: Gồm các tỉnh:" over
            # "Gia Lai, Đắk Lắk."); a paragraph with its own bullet (or none, after a plain one) ends it.
            if self._intro is not None and bullet == self._intro[0]:
                self._intro = None
            lead = self._intro[1] if self._intro is not None else None
            self._add_body(_BULLET_RE.sub("", text), paragraph.line, intro=lead)
            body = _BULLET_RE.sub("", text)
            if self._intro is None and body.endswith(":") and len(body.split()) > 2 and len(body) <= _LEAD_LIMIT:
                self._intro = (bullet, body.rstrip(":").strip())
            return
        self._intro = None
        kind_name, label, rest = heading
        rest = sentence_case(rest)
        if not rest:
            # "Chương I" / "QUY ĐỊNH CHUNG", "PHẦN THỨ NHẤT": the title is the next capitals paragraph.
            self._open(kind_name, label, label, lead=False)
            self._part_open = self.current
            return
        if (
            len(rest) <= _PURE_HEADING_LIMIT
            and not re.search(r"[.!?;]['\"”’)]?$", rest)
            and ": " not in rest.rstrip(":")
        ):
            self._open(kind_name, label, short_title(rest) or label, (rest.rstrip(":").strip(), paragraph.line))
            if len(rest) > _LEAD_LIMIT and rest.endswith(":"):
                # "5. … thông báo … chậm nhất 1 ngày … những nội dung sau:" says something before its list.
                self._emit(rest, paragraph.line)
            return
        title_part, colon, body = rest.partition(": ")
        following = int(label) + 1 if kind_name == "paren" else None
        if colon and len(title_part) <= _TITLE_LIMIT and body:
            # "1. Dự toán …: 1.500.000.000 đồng. Trong đó:" — the items below are shown under the heading too.
            self._open(kind_name, label, title_part.strip(), lead=body.rstrip().endswith(":"))
            self._add_body(body, paragraph.line, lead=title_part.strip(), following=following)
        else:
            self._open(kind_name, label, short_title(rest), lead=False)
            self._add_body(rest, paragraph.line, following=following)

    def _attach_field(self, paragraph: Paragraph) -> bool:
        """A "Thời gian: …", "Địa điểm: …" line right after an item belongs to that item's unit (one record):
        "Hội nghị 1: Gồm các tỉnh: … Thời gian: 01 buổi sáng, ngày 26/11/2025"."""
        field = _FIELD_RE.match(paragraph.text)
        if field is None or not self.passages or len(paragraph.text) > _FIELD_LIMIT:
            return False
        last = self.passages[-1]
        if last.section != self.current or last.role != self._role or len(last.text) > _FIELD_LIMIT \
                or last.line < self._last_item_line:
            return False
        last.text = f"{last.text.rstrip()} {paragraph.text}"
        return True

    def _add_body(
        self, text: str, line: int, lead: str = "", following: int | None = None, intro: str | None = None
    ) -> None:
        """Add running text, splitting inline numbered items "(1) … (2) …" into their own sections.

        `lead` is the heading the text followed ("Phó Hiệu trưởng - bà X: Phụ trách …"): it stays in front of
        the first sentence, which would not make sense alone. `following` is set inside item (n): then the
        items "(n+1) … (n+2) …" of the same paragraph are its siblings.
        """
        items = self._inline_items(text, first=following or 1)
        if not items:
            self._add_sentences(f"{lead}: {text}" if lead else text, line, intro)
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
            self._open("paren", number, short_title(item_text), lead=False)
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

    def _add_sentences(self, text: str, line: int, intro: str | None = None) -> None:
        """Cut text at category markers ("Về kinh tế:"), which set the category of the items that follow."""
        position = 0
        for match in _CATEGORY_RE.finditer(text):
            self._emit(text[position : match.start()], line, intro)
            self._marker_category = _category_name(match.group("name"))
            current = self.current
            inside_item = current is not None and self.sections[current].label.startswith("(")
            # A marker at the end of item (2) speaks of items (3), (4)…: siblings, not item (2) itself.
            self._marker_scope = self.sections[current].parent if inside_item and current is not None else current
            position = match.end()
        self._emit(text[position:], line, intro)

    def _emit(self, text: str, line: int, intro: str | None = None) -> None:
        text = text.strip()
        if not text:
            return
        if len(text.split()) < 3 and not re.search(r"\d", text):
            self.fragments.append((line, text))
            return
        section = self.current
        category = self._section_category.get(section) if section is not None else None
        lead = self._lead(section, text)
        if intro:
            lead = f"{lead} — {intro}" if lead else intro
        self._emit_in(section, text, line, category, lead, self._role)

    def _lead(self, section: int | None, text: str) -> str:
        """The short heading a sentence is shown under, unless the sentence already says it.

        An item "a) Chủ trì, phối hợp …" under "2.3. Công an tỉnh" is shown under both: the body is the subject.
        """
        if section is None:
            return ""
        lead = self._leads.get(section, "")
        parent = self.sections[section].parent
        label = self.sections[section].label
        if parent is not None and (label[:1].islower() or label.startswith("(")):
            above = self._leads.get(parent, "")
            if above and _ORG_RE.match(above):
                lead = f"{above} — {lead}" if lead else above
        if not lead or fold(text).startswith(fold(lead)[:40]):
            return ""
        return lead

    def _emit_in(
        self, section: int | None, text: str, line: int, category: str | None, lead: str = "", role: str = "text"
    ) -> None:
        self._last_item_line = line
        text = _BROKEN_NUMBER_RE.sub(r"\1-", text)
        pieces = [piece for sentence in split_sentences(text) for piece in passages_of(sentence)]
        for number, piece in enumerate(pieces):
            # A sentence after the first of its paragraph may lean on the one before ("Thị trường định hướng …").
            self.passages.append(Passage(len(self.passages), section, piece, line, category, lead=lead, role=role,
                                         follows=number > 0))
        while section is not None and section not in self._filled:
            self._filled.add(section)
            section = self.sections[section].parent

    def _add_table(self, table: Table) -> None:
        """Each row of a table is a unit of its own (group rows only label the rows under them); a table with no
        rows (a form to fill in) is one unit naming its columns."""
        section = self.current
        category = self._section_category.get(section) if section is not None else None
        above = self.passages[-1] if self.passages and self.passages[-1].section == section else None
        unit = _UNIT_LINE_RE.match(above.text) if above is not None and above.role == "text" else None
        stated = f" ({unit['label']}: {unit['unit']})" if unit else ""
        if unit and table.rows:
            self.passages.pop()  # the unit goes with every row; alone it answers nothing ("1.000 đồng" of what?)
        if not table.rows and table.header:
            columns = "; ".join(name for name in table.header if name)
            self.passages.append(Passage(len(self.passages), section, f"Các cột: {columns}", table.line, category,
                                         role="row"))
        for position, row in enumerate(table.rows):
            following = table.rows[position + 1] if position + 1 < len(table.rows) else None
            if is_group_row(row, following):
                continue
            text = row_text(table, row)
            if len(text.split()) < 2:
                continue
            self.passages.append(Passage(len(self.passages), section, text + stated, row.line, category, role="row"))
        while section is not None and section not in self._filled:
            self._filled.add(section)
            section = self.sections[section].parent

    def _add_recipients(self, recipients: Recipients) -> None:
        """The recipients list is a section of its own, each recipient a unit ("Phó Thủ tướng X, Trưởng Ban …")."""
        while self._stack:
            self._close(self._stack.pop().section)
        section = self._open("part", RECIPIENTS_TITLE, RECIPIENTS_TITLE, lead=False)
        for item in recipients.items:
            if len(item.split()) >= 2:
                self.passages.append(Passage(len(self.passages), section, item, recipients.line, None,
                                             role="recipient"))
        self._filled.add(section)
        self._close(self._stack.pop().section)

    def _close(self, section: int) -> None:
        """A heading with nothing under it is content itself ("e. … Giải Búa liềm vàng lần thứ V…")."""
        heading = self._headings.pop(section, None)
        if section not in self._filled and heading is not None and len(heading[0].split()) >= 4:
            self._emit_in(section, heading[0], heading[1], self._section_category.get(section))

    def finish(self) -> None:
        """Close the sections still open at the end of the body; each part's title ("Phụ lục 01: Định hướng …",
        "Kế hoạch: Xuất khẩu …") is a unit too, for "phụ lục … là gì"."""
        while self._stack:
            self._close(self._stack.pop().section)
        for section in self._titled:
            title = self.sections[section].title
            if len(title.split()) >= 3:
                self.passages.append(Passage(len(self.passages), section, title, 0, None, role="title"))
