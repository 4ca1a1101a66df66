"""Body lines → blocks: paragraphs mended from hard-wrapped lines, tables, signatures and recipient lists.

Lines are joined into one paragraph unless the next line starts a new item (a heading, a numbered or lettered item,
a dash item, a table row). A line that starts with a lower-case word, a figure or a date goes on with the sentence.
One pass over the lines: linear in the size of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.closing import Recipients, Signature, match_recipients, match_signature
from knowledge.lines import Line, clean_lines
from knowledge.tables import (
    Row,
    Table,
    assign_groups,
    build_table,
    cells_from_lines,
    is_numbering_head,
    looks_like_flat_table,
    positional_table,
    read_flat_table,
)
from knowledge.vietnamese import UPPER, is_caps

_ITEM_RE = re.compile(
    rf"""^(?:
        [-+•●▪◦*–]\s*\S                            # bullets
      | \(\d{{1,2}}\)                               # (1)
      | \d{{1,2}}(?:\.\d{{1,2}})*[.)](?:\s|(?=[{UPPER}]))  # 1.  1.1.  2)  (not "46.200 tấn")
      | \d{{1,2}}(?:\.\d{{1,2}})+\s                   # 1.1 without the last dot
      | [IVXL]{{1,5}}\s*[.\-–)/]\s*\S                # II.  III-
      | [a-zđ][.)]\s                              # a)  đ.
      | (?:Điều|ĐIỀU|Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+[\dIVXL]+\b
      | (?:PHỤ\s+LỤC|Phụ\s+lục)\b
      | (?:Căn\s+cứ|Nơi\s+nhận|Kính\s+gửi)\b
    )""",
    re.VERBOSE,
)
_LABEL_ONLY_RE = re.compile(r"^(?:[-+•●▪◦*–]|\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*[.)]?|[IVXL]{1,5}[.)]|[a-zđ][.)])$")
_SENTENCE_END_RE = re.compile(r"[.;:!?…]['\"”’)]*$")
_CONNECTOR_END_RE = re.compile(
    r"(?:[,(\-–/&]|\b(?:và|của|các|với|về|cho|tại|theo|trong|đến|từ|là|được|có|số|ngày|tháng|năm|hoặc|hay|để|"
    r"những|thuộc|trên|dưới|đối với|bằng|qua|như|do|vào|nhằm|gồm|cùng|tới|khi|mà|thì|nếu|sẽ|đã|đang|phải|cần|"
    r"ban hành|việc))$"
)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the document, with the 1-based source line where it starts."""

    text: str
    line: int
    heading: bool = False

    @property
    def is_caps(self) -> bool:
        """Whether the paragraph is written in capitals (document type, issuer, part titles)."""
        return is_caps(self.text)


Block = Paragraph | Table | Signature | Recipients


_FULL_LINE = 0.95  # a line this close to the page's width ended where the page did, not where the author did


@dataclass(frozen=True, slots=True)
class _Shape:
    """What the whole text is like: wrapped at a page width or one paragraph per line, and that width."""

    wrapped: bool
    width: float
    gap: int


def _shape(lines: list[Line]) -> _Shape:
    texts = [line.text for line in lines if len(line.text) >= 20 and not is_caps(line.text) and not line.is_row]
    lengths = sorted(len(text) for text in texts)
    width = float(lengths[int(len(lengths) * 0.8)]) if lengths else 80.0
    open_ended = sum(1 for text in texts if not _SENTENCE_END_RE.search(text))
    wrapped = len(texts) >= 3 and open_ended >= 0.4 * len(texts)
    # Some extractors put a blank line after every printed line: then only two blank lines break a paragraph.
    gaps = [line.gap for line in lines[1:]]
    single = sum(1 for gap in gaps if gap == 1)
    return _Shape(wrapped, width, 2 if gaps and single >= 0.7 * len(gaps) else 1)


def is_item(text: str) -> bool:
    """Whether a line starts a structural item: a heading number, a lettered item, a bullet, "Căn cứ" …"""
    return bool(_ITEM_RE.match(text))


def _acronym(text: str, previous: str) -> bool:
    """A short capitals word that a wrap put on a line of its own ("… Chương trình" / "MTQG."): not a heading."""
    return len(text.split()) <= 2 and not _SENTENCE_END_RE.search(previous) and not is_caps(previous)


def _continues(current: list[Line], line: Line, shape: _Shape) -> bool:
    """Whether `line` goes on with the paragraph whose lines are `current` (a hard wrap, not the author's break)."""
    previous = current[-1].text
    text = line.text
    if line.cell_break or line.is_row or current[-1].is_row or current[-1].heading or line.heading:
        return False
    if line.gap >= shape.gap:
        return text[:1].islower() and not is_item(text) and not _SENTENCE_END_RE.search(previous)
    if _LABEL_ONLY_RE.match(previous):
        return True  # "3." / "Tăng cường …", "-" / "Nghiên cứu …"
    if is_item(text):
        # "nhiệm kỳ 2020" / "- 2025", "kinh tế" / "- xã hội": a wrapped dash, not a bullet (bullets start upper-case).
        rest = text.lstrip("-– ")[:1]
        return text[0] in "-–" and (rest.isdigit() or rest.islower()) and not _SENTENCE_END_RE.search(previous)
    if text[:1].islower():
        return True
    if is_caps(text) != is_caps(previous) and not _acronym(text, previous):
        return False
    if text[:1].isdigit() or text[:1] in "(“\"'%,;)…":
        return not re.search(r"[.;!?…]['\"”’)]*$", previous)
    if previous.endswith(";") and shape.wrapped and len(current) > 1 and len(previous) >= _FULL_LINE * shape.width:
        return True  # "yêu cầu các Bộ: Nông nghiệp và Môi trường; Xây dựng;" / "Khoa học …": a full line wraps on
    if _SENTENCE_END_RE.search(previous):
        return False
    if _CONNECTOR_END_RE.search(previous):
        return True
    if not shape.wrapped:
        return False
    if len(current) == 1:
        return True  # the first line of a paragraph is often cut short by the source's indentation
    return len(previous) >= 0.6 * shape.width


def _glue(lines: list[Line]) -> str:
    """Join wrapped lines: "34-" + "NQ/TW" → "34-NQ/TW", otherwise with one space."""
    out = lines[0].text
    for line in lines[1:]:
        if re.search(r"\w-$", out) and not re.search(r"\s-$", out):
            out += line.text
        else:
            out += " " + line.text
    return out


def _header_like(cells: list[str]) -> bool:
    """Whether a pipe row names columns: no figures in its first cells and no row number in front."""
    first = cells[0].strip() if cells else ""
    return not any(re.search(r"\d", cell) for cell in cells[:2]) and not re.fullmatch(r"\d{1,3}[.)]?|[IVX]{1,5}", first)


def _column_numbers(cells: list[str]) -> bool:
    """Whether a row only numbers the columns: "A", "B", "1", "2" or "(1)", "(2)" in three cells or more."""
    marks = [cell.strip() for cell in cells if cell.strip()]
    return len(marks) >= 3 and all(re.fullmatch(r"\(?(?:[A-Z]|\d{1,2})\)?", mark) for mark in marks)


def _pipe_table(rows: list[Line]) -> Table | None:
    """A table written as pipe rows; the leading rows without figures are its header (merged column-wise)."""
    if not rows:
        return None
    # A row of column numbers under the header ("A | B | 1 | 2 | 3", "(1) | (2) | (3)") names nothing.
    numbering = [position for position, row in enumerate(rows[:4]) if _column_numbers(list(row.cells or ()))]
    rows = [row for position, row in enumerate(rows) if position not in numbering]
    if not rows:
        return None
    cells = [list(row.cells or ()) for row in rows]
    width = max(len(row) for row in cells)
    cells = [row + [""] * (width - len(row)) for row in cells]
    header_rows = 0
    while header_rows < min(3, len(cells) - 1) and _header_like(cells[header_rows]):
        header_rows += 1
    header_rows = max(1, header_rows)
    header = ["" for _ in range(width)]
    for row in cells[:header_rows]:
        for column, cell in enumerate(row):
            if cell:
                header[column] = cell
    numbered = is_numbering_head(header[0])
    body_rows: list[Row] = []
    for row, line in zip(cells[header_rows:], rows[header_rows:], strict=True):
        marker = row[0] if numbered else ""
        values = row[1:] if numbered else row
        if any(value.strip() for value in values):
            body_rows.append(Row(marker, values, line.number))
    assign_groups(body_rows)
    return Table(header[1:] if numbered else header, body_rows, rows[0].number)


def _layout_table(rows: list[Line]) -> bool:
    """Whether pipe rows are a page layout (a header or signature set side by side), not a table of data."""
    text = " ".join(row.text for row in rows[:3])
    return len(rows) <= 3 and bool(
        re.search(r"CỘNG H[OÒ]A|Độc lập|ĐẢNG CỘNG SẢN|Nơi nhận|\b(?:TM|KT|T/M)\.?\s|CHỦ TỊCH|BÍ THƯ|Số\s*:", text)
    )


def _expand(rows: list[Line]) -> list[Line]:
    """The cells of layout rows as lines of their own, in reading order (column by column)."""
    out: list[Line] = []
    for row in rows:
        for cell in row.cells or ():
            for part in cell.split("\n"):
                if part.strip():
                    out.append(Line(part.strip(), row.number, gap=1))
    return out


def _crawl_cells(lines: list[Line], index: int) -> tuple[list[tuple[str, int]], int]:
    """Cells of a crawl's table (cells separated by lone "|" lines) from `index`; with the next index."""
    cells: list[list[Line]] = []
    position = index
    while position < len(lines):
        line = lines[position]
        if position > index and line.gap and not line.cell_break:
            break
        if line.cell_break or not cells:
            cells.append([line])
        else:
            cells[-1].append(line)
        position += 1
    merged: list[tuple[str, int]] = []
    for cell in cells:
        paragraphs = _paragraphs(cell, _Shape(True, 80.0, 1))
        merged.append((" ".join(paragraph.text for paragraph in paragraphs), cell[0].number))
    return merged, position


def _crawl_run_end(lines: list[Line], index: int) -> int:
    """The index after a run of crawl cells from `index`: it ends at a blank line or a pipe row."""
    end = index + 1
    while end < len(lines) and not lines[end].gap and not lines[end].is_row:
        end += 1
    return end


def _paragraphs(lines: list[Line], shape: _Shape) -> list[Paragraph]:
    out: list[Paragraph] = []
    current: list[Line] = []
    for line in lines:
        if current and _continues(current, line, shape):
            current.append(line)
            continue
        if current:
            out.append(Paragraph(_glue(current), current[0].number, current[0].heading))
        current = [line]
    if current:
        out.append(Paragraph(_glue(current), current[0].number, current[0].heading))
    return out


def blocks(lines: list[Line]) -> list[Block]:
    """The body's blocks in order: paragraphs, tables, signatures and recipient lists."""
    shape = _shape(lines)
    out: list[Block] = []
    pending: list[Line] = []

    def flush() -> None:
        out.extend(_paragraphs(pending, shape))
        pending.clear()

    index = 0
    while index < len(lines):
        line = lines[index]
        closing = match_recipients(lines, index) or match_signature(lines, index)
        if closing is not None:
            flush()
            out.append(closing[0])
            index = max(closing[1], index + 1)
            continue
        if line.is_row:
            flush()
            end = index
            while end < len(lines) and lines[end].is_row:
                end += 1
            rows = lines[index:end]
            if _layout_table(rows):
                out.extend(blocks(_expand(rows)))
            else:
                table = _pipe_table(rows)
                if table is not None:
                    out.append(table)
                else:
                    out.extend(_paragraphs(rows, shape))
            index = end
            continue
        if looks_like_flat_table(lines, index):
            flush()
            table, index = read_flat_table(lines, index)
            if table is not None:
                out.append(table)
            continue
        if line.cell_break and is_numbering_head(line.text):
            flush()
            cells, end = _crawl_cells(lines, index)
            table = build_table(cells)
            if table is not None:
                out.append(table)
                index = end
                continue
        if line.cell_break and not line.is_row:
            # A crawl's table without a numbering column: its cells each after a lone "|" line.
            end = _crawl_run_end(lines, index)
            table = positional_table(cells_from_lines(lines[index:end])) if end - index >= 6 else None
            if table is not None and not _layout_table([Line(" ".join(table.header), line.number)]):
                flush()
                out.append(table)
                index = end
                continue
        if _page_number(lines, index):
            index += 1
            continue
        pending.append(line)
        index += 1
    flush()
    return out


def _page_number(lines: list[Line], index: int) -> bool:
    """A bare number between two halves of a sentence, or at a page break: the page's number, not text."""
    text = lines[index].text
    if not text.isdigit() or len(text) > 3:
        return False
    previous = lines[index - 1].text if index else ""
    following = lines[index + 1] if index + 1 < len(lines) else None
    if lines[index].page or (following is not None and following.page):
        return True
    return following is not None and following.text[:1].islower() and not _SENTENCE_END_RE.search(previous)


def paragraphs(raw: str) -> list[Paragraph]:
    """The paragraphs of a whole text (tables, signatures and recipients left out): for tests and tools."""
    return [block for block in blocks(clean_lines(raw)) if isinstance(block, Paragraph)]
