"""Tables however they arrive — pipe rows, a crawl's cell breaks, or one cell per line — as rows with headers.

A flattened table (one cell per line, cells wrapped over several lines) is read from its numbering column: a
header that starts with "TT"/"STT", then rows that start with the next number, Roman numeral, letter or dash.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass, field

from knowledge.lines import Line
from knowledge.numbers import roman_to_int
from knowledge.vietnamese import fold, is_caps

_NUMBERING_HEADS = {"tt", "stt", "so tt", "so thu tu", "tt.", "stt."}
_MARKER_RE = re.compile(r"^(?:(?P<num>\d{1,3})|(?P<sub>\d{1,2}(?:\.\d{1,2}){1,3})|(?P<roman>[IVXL]{1,6})|"
                        r"(?P<letter>[A-ZĐ]|[a-zđ])|(?P<dash>[-+*•–]))[.)]?$")
_TOTAL_RE = re.compile(r"^(?:Tổng cộng|Tổng số|Tổng|Cộng|TỔNG CỘNG|TỔNG SỐ|TỔNG|CỘNG)\b")
_NUMERIC_RE = re.compile(r"^[\d.,%/+\-–x×()\s]+$|^\d[\d.,]*\s*(?:%|ha|tấn|người|đồng|tỷ|triệu|km|m2|m³|m3)$")
_CONNECTOR_END_RE = re.compile(
    r"(?:[,(\-–/&]|\b(?:và|của|các|với|về|cho|tại|theo|trong|đến|từ|là|được|có|số|ngày|tháng|năm|hoặc|hay|để|"
    r"những|thuộc|trên|dưới|đối với|bằng|qua|như|do|vào|hợp|cấp))$"
)
_GROUP_HEADER_RE = re.compile(r"giai đoạn|trong đó|\d{4}\s*[-–]\s*\d{4}|:$", re.IGNORECASE)
# A flattened table goes on while its lines look like cells: short, or numbered, or wrapped text.
_END_RE = re.compile(r"^(?:PHỤ LỤC|Phụ lục|Nơi nhận|NƠI NHẬN|Ghi chú|GHI CHÚ|Chú thích|Lưu ý|Điều \d+\s*[.:]|"
                     r"Chương [IVXLC]+\b)")
_HEADING_WITH_TEXT_RE = re.compile(r"^(?:[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+\S{2,}")
_MAX_HEADER_CELLS = 24


@dataclass
class Row:
    """One row: its numbering marker ("1", "II", "-"), its cells, the line where it starts, its group labels."""

    marker: str
    cells: list[str]
    line: int
    groups: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A table's column headers (without the numbering column) and its rows."""

    header: list[str]
    rows: list[Row]
    line: int


def is_numbering_head(text: str) -> bool:
    """Whether a line is the numbering column's header ("TT", "STT", "Số TT")."""
    return fold(text).strip() in _NUMBERING_HEADS


def _marker_kind(text: str) -> str | None:
    match = _MARKER_RE.match(text.strip())
    if not match:
        return None
    return match.lastgroup


def _numeric(text: str) -> bool:
    return bool(_NUMERIC_RE.match(text.strip()))


def _standalone(text: str) -> bool:
    """Whether a line is a cell by itself: a row number, a figure, the numbering column's header."""
    return _marker_kind(text) is not None or _numeric(text) or is_numbering_head(text)


def _first_word_breaks(lines: list[Line]) -> bool:
    """Whether this table's source broke every cell after its first word ("Quan" / "trắc tác động")."""
    broken = sum(
        1
        for line, following in itertools.pairwise(lines)
        if len(line.text.split()) == 1 and not _standalone(line.text) and following.text[:1].islower()
    )
    return broken >= 3 and broken >= 0.1 * len(lines)


def cells_from_lines(lines: list[Line]) -> list[tuple[str, int]]:
    """Cells of a table written one per line, each cell possibly wrapped over several lines: (text, line)."""
    cells: list[tuple[list[str], int]] = []
    first_word = _first_word_breaks(lines)
    # A crawl marks every cell with a "|" line: then only those marks cut cells.
    marked = sum(1 for line in lines if line.cell_break) >= 0.5 * len(lines)
    for line in lines:
        text = line.text
        if marked:
            if cells and not line.cell_break:
                cells[-1][0].append(text)
            else:
                cells.extend(([""], line.number) for _ in range(line.empty_cells if cells else 0))
                cells.append(([text], line.number))
            continue
        if cells and not _standalone(text) and not line.cell_break and _continues_cell(cells[-1][0], text, first_word):
            cells[-1][0].append(text)
        else:
            cells.append(([text], line.number))
    return [(_glue(parts), number) for parts, number in cells]


def _continues_cell(parts: list[str], text: str, first_word: bool) -> bool:
    """Whether a line goes on with the cell before it (a wrap inside the cell) rather than starting a new one."""
    last = parts[-1]
    if _standalone(last):
        return False
    if text[:1].islower() or text[:1] in ")],;:%":
        return True
    if _CONNECTOR_END_RE.search(last):
        return True
    # "kinh tế" / "- xã hội": a wrapped dash; "dữ liệu" / "IoT. Tổ chức …": a word in mixed case goes on.
    if text[:1] in "-–" and text.lstrip("-– ")[:1].islower():
        return True
    first = text.split(" ", 1)[0]
    if len(first) > 1 and any(char.isupper() for char in first[1:]) and any(char.islower() for char in first):
        return not re.search(r"[.;:!?]$", last)
    # Some crawled tables put a break after the first word of every cell ("Xuân" / "Lộc (xã Xuân Lộc)").
    return first_word and len(parts) == 1 and len(last.split()) == 1 and not last.isupper()


def _glue(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out = out + part if re.search(r"\w-$", out) and not re.search(r"\s-$", out) else f"{out} {part}"
    return out


def looks_like_flat_table(lines: list[Line], index: int) -> bool:
    """Whether a flattened table starts at `index`: "TT"/"STT" alone, short header cells, then a first row "1"/"I"."""
    if not is_numbering_head(lines[index].text):
        return False
    for line in lines[index + 1 : index + 1 + 3 * _MAX_HEADER_CELLS]:
        kind = _marker_kind(line.text)
        if kind in ("num", "roman", "letter") and line.text.strip().rstrip(".)") in ("1", "I", "A", "a"):
            return True
        if len(line.text) > 160:
            return False
    return False


def _is_end(line: Line, row_cells: int, width: int) -> bool:
    """Whether a line ends a flattened table: a new part, the recipients, a heading with text, a long sentence."""
    text = line.text
    if _END_RE.match(text) or _HEADING_WITH_TEXT_RE.match(text):
        return True
    if line.gap >= 2:
        return True
    return len(text) > 180 and bool(re.search(r"[.:;]$", text)) and row_cells >= width


def read_flat_table(lines: list[Line], index: int) -> tuple[Table | None, int]:
    """Read a flattened table starting at `index` ("TT"); returns the table (None if no row) and the next index."""
    end = index + 1
    width_guess = 0
    header_done = False
    row_cells = 0
    while end < len(lines):
        line = lines[end]
        kind = _marker_kind(line.text)
        if not header_done:
            if kind in ("num", "roman", "letter"):
                header_done = True
                width_guess = max(2, end - index)
            elif end - index > 3 * _MAX_HEADER_CELLS:
                break
        elif _is_end(line, row_cells, width_guess) and end > index + 2:
            break
        row_cells = 0 if kind else row_cells + 1
        end += 1
    cells = cells_from_lines(lines[index:end])
    table = build_table(cells)
    return table, end


def build_table(cells: list[tuple[str, int]]) -> Table | None:
    """Rows from a stream of cells that starts with the header ("TT", names…) and goes on row by row."""
    if _first_row(cells) is None:
        return None
    periodic = _periodic_rows(cells)
    if periodic is not None:
        return periodic
    cells = [cell for cell in cells if cell[0]]  # empty cells kept only for the rows' period
    first_row = _first_row(cells)
    if first_row is None:
        return None
    header = two_level_header([text for text, _ in cells[1:first_row]])
    body = cells[first_row:]
    body = _skip_column_numbers(body, len(header))
    rows = _split_rows(body, len(header))
    if not rows:
        return None
    widths = sorted(len(row.cells) for row in rows if len(row.cells) >= 2)
    modal = widths[len(widths) // 2] if widths else len(header)
    header = leaf_header(header, modal)
    assign_groups(rows)
    return Table(header, rows, cells[0][1])


def _first_row(cells: list[tuple[str, int]]) -> int | None:
    """Where the first row starts: the first "1", "I", "A" or "a" after the header."""
    return next(
        (position for position, (text, _) in enumerate(cells[1:], start=1)
         if _marker_kind(text) in ("num", "roman", "letter") and text.strip().rstrip(".)") in ("1", "I", "A", "a")),
        None,
    )


def _periodic_rows(cells: list[tuple[str, int]]) -> Table | None:
    """A crawl's table with its empty cells kept ("|" / "|" / "|"): the header's cells, then rows of as many cells,
    each row closed by one empty cell. Read by position, so rows without a number ("Tiểu học" under "Giáo dục phổ
    thông") stay rows; a row short of a merged cell ends where the next row's number follows the empty cell. None
    when most rows do not have the header's width."""
    width = next((position for position, (text, _) in enumerate(cells) if not text), 0)
    if width < 2:
        return None
    chunks: list[list[tuple[str, int]]] = [[]]
    for position in range(width + 1, len(cells)):
        text = cells[position][0]
        current = chunks[-1]
        following = cells[position + 1][0] if position + 1 < len(cells) else ""
        if not text and (len(current) >= width or (current and _marker_kind(following) == "num")):
            chunks.append([])
        else:
            current.append(cells[position])
    chunks = [chunk for chunk in chunks if chunk]
    if not chunks or sum(len(chunk) == width for chunk in chunks) < 0.8 * len(chunks):
        return None
    rows = []
    for chunk in chunks:
        values = [text.strip() for text, _ in chunk[1:]]
        while values and not values[-1]:
            values.pop()
        if values:
            rows.append(Row(chunk[0][0].strip(), values, chunk[0][1]))
    if not rows:
        return None
    assign_groups(rows)
    return Table([text for text, _ in cells[1:width]], rows, cells[0][1])


def positional_table(cells: list[tuple[str, int]]) -> Table | None:
    """A crawl's table without a numbering column ("Địa bàn | Mầm non | Tiểu học" over "Đô thị | 190 | 190"): the
    header's cells up to the first empty cell, then rows of as many cells, each closed by one empty cell. None
    unless two rows or more have the header's width."""
    width = next((position for position, (text, _) in enumerate(cells) if not text), 0)
    if width < 2 or any("|" in text for text, _ in cells[:width]):
        return None
    # A first row that cannot name columns (long text, a list item) is a row of data under no header.
    named = all(_column_name(text) for text, _ in cells[:width])
    first = [(text.strip(), line) for text, line in cells[:width]]
    chunks: list[list[tuple[str, int]]] = [[]] if named else [first, []]
    for text, line in cells[width + 1 :]:
        if _END_RE.match(text):
            break
        if not text and len(chunks[-1]) >= width:
            chunks.append([])
        elif text or chunks[-1]:
            chunks[-1].append((text.strip(), line))
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) < 2 or sum(len(chunk) == width for chunk in chunks) < max(2, 0.8 * len(chunks)):
        return None
    rows = [Row("", [text for text, _ in chunk], chunk[0][1]) for chunk in chunks if any(text for text, _ in chunk)]
    return Table([text.strip() for text, _ in cells[:width]] if named else [""] * width, rows, cells[0][1])


def _column_name(text: str) -> bool:
    """Whether a cell can name a column: short, not a list item."""
    text = text.strip()
    return 0 < len(text) <= 80 and text[:1] not in "-+•*"


def two_level_header(header: list[str]) -> list[str]:
    """Group names over repeated sub-columns, flattened: [Sản phẩm, KH 2026, KH 2027, Lượng, Giá trị, Lượng,
    Giá trị] → [Sản phẩm, KH 2026 Lượng, KH 2026 Giá trị, KH 2027 Lượng, KH 2027 Giá trị]."""
    for size in range(1, 5):
        for groups in range(len(header) // (size + 1), 1, -1):
            span = groups * size
            start = len(header) - span - groups
            if start < 0:
                continue
            pattern = header[len(header) - size :]
            tail = header[len(header) - span :]
            repeated = all(tail[position] == pattern[position % size] for position in range(span))
            names = header[start : start + groups]
            if repeated and len(set(names)) == groups and not set(names) & set(pattern):
                leaves = [f"{name} {sub}" for name in names for sub in pattern]
                return header[:start] + leaves
    return header


def _skip_column_numbers(body: list[tuple[str, int]], header_width: int) -> list[tuple[str, int]]:
    """Drop a row of column numbers ("1 2 3 4 5" or "(1) (2) (3)") printed under the header."""
    count = 0
    while count < len(body) and body[count][0].strip("() ") == str(count + 1):
        count += 1
    return body[count:] if count >= 3 and count >= header_width - 1 else body


def _split_rows(body: list[tuple[str, int]], header_width: int) -> list[Row]:
    """Cut the cells into rows at numbering markers that follow their sequence."""
    rows: list[Row] = []
    expected_number = 1
    expected_roman = 1
    minimum = max(1, math.ceil(0.5 * header_width) - 1)
    for text, line in body:
        stripped = text.strip()
        kind = _marker_kind(stripped)
        value = stripped.rstrip(".)")
        current = rows[-1] if rows else None
        group_row = current is not None and _marker_kind(current.marker) in ("roman", "letter") and \
            len(current.cells) <= 1
        starts = False
        if kind == "num":
            number = int(value)
            full = current is None or group_row or len(current.cells) >= minimum
            # Numbering sometimes skips one or two (a row deleted when the plan was revised).
            in_sequence = number == expected_number or (number == 1 and current is not None) or (
                expected_number < number <= expected_number + 2 and current is not None
                and len(current.cells) >= max(minimum, 2)
            )
            starts = in_sequence and full
            if starts:
                expected_number = number + 1
        elif kind == "sub" or kind == "dash":
            starts = current is not None and (len(current.cells) >= 1)
        elif kind == "roman":
            number = roman_to_int(value) or 0
            starts = number == expected_roman and (current is None or len(current.cells) >= 1)
            if starts:
                expected_roman = number + 1
                expected_number = 1
        elif kind == "letter":
            starts = current is None or len(current.cells) >= 1
            if starts and value.isupper():
                expected_number = 1
        elif _TOTAL_RE.match(stripped) and current is not None and len(current.cells) >= 1:
            rows.append(Row("", [stripped], line))
            continue
        if starts:
            rows.append(Row(stripped, [], line))
        elif current is not None:
            current.cells.append(stripped)
        else:
            rows.append(Row("", [stripped], line))
    return [row for row in rows if row.cells]


def leaf_header(header: list[str], width: int) -> list[str]:
    """The column names the values fall under: group headers ("Giai đoạn 2026 - 2030") dropped when too many."""
    leaves = list(header)
    position = len(leaves) - 1
    while len(leaves) > width and position >= 0:
        if _GROUP_HEADER_RE.search(leaves[position]):
            del leaves[position]
        position -= 1
    return leaves


def _level(marker: str) -> int:
    kind = _marker_kind(marker)
    return {"roman": 0, "letter": 0, "num": 1, "sub": 2, "dash": 3}.get(kind or "", 4)


def assign_groups(rows: list[Row]) -> None:
    """Rows that only name a group ("I. CÂY CÔNG NGHIỆP", "1. Cà phê" over "- Diện tích") label the rows below."""
    stack: list[tuple[int, str]] = []
    for position, row in enumerate(rows):
        level = _level(row.marker)
        while stack and stack[-1][0] >= level:
            stack.pop()
        row.groups = [label for _, label in stack]
        following = rows[position + 1] if position + 1 < len(rows) else None
        if is_group_row(row, following):
            stack.append((level, _label(row)))


def _label(row: Row) -> str:
    """The one text of a row that only names something ("Trường Mầm non B" | "", or a name merged across cells)."""
    texts = {cell.strip() for cell in row.cells if cell.strip()}
    return texts.pop() if len(texts) == 1 else ""


def is_group_row(row: Row, following: Row | None) -> bool:
    """Whether a row only names the group of the rows under it ("1. Trường Mầm non B" over "1.1 Nhà trẻ | …")."""
    return bool(_label(row)) and following is not None and _level(following.marker) > _level(row.marker)


def _title(text: str) -> str:
    return text[:1] + text[1:].lower() if is_caps(text) and len(text) > 3 else text


def row_text(table: Table, row: Row) -> str:
    """A row as a sentence: "Cà Phê — Chỉ tiêu: Diện tích; ĐVT: Ha; …; Năm 2030: 30.000"."""
    header = table.header
    cells = row.cells
    if header and len(cells) <= len(header):
        names = header[: len(cells)]
        if len(cells) < len(header) and cells and _numeric(cells[-1]):
            # Figures fill the last columns: the label keeps the first column's name, the values the last ones'.
            values = sum(1 for cell in cells if _numeric(cell))
            labels = len(cells) - values
            names = [*header[:labels], *header[len(header) - values :]]
        parts = [f"{name}: {cell}" if name else cell for name, cell in zip(names, cells, strict=True) if cell]
        body = "; ".join(parts)
    else:
        # Cells that do not line up with the columns (merged cells): the column names, then the cells.
        columns = " / ".join(name for name in header if name)
        body = (f"{columns}: " if columns else "") + " | ".join(cell for cell in cells if cell)
    groups = " — ".join(_title(group) for group in row.groups)
    return f"{groups} — {body}" if groups else body
