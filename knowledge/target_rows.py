"""Rows of target tables, as the layout writes them ("Cây công nghiệp — Cà Phê — Chỉ tiêu: Diện tích; ĐVT: Ha;
ƯTH Năm 2025: 26.120; …; Năm 2030: 30.000"): for each measure, the figure planned for its furthest year."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from knowledge.numbers import parse_number

_GROUP_SEPARATOR = " — "
_UNIT_HEADER_RE = re.compile(r"^(?:đvt|đơn vị tính|đơn vị|đv tính)$", re.IGNORECASE)
_LABEL_HEADER_RE = re.compile(
    r"^(?:chỉ tiêu|tên chỉ tiêu|nội dung|sản phẩm|danh mục|hạng mục|mục tiêu|lĩnh vực|tiêu chí|loại)", re.IGNORECASE
)
_YEAR_RE = re.compile(r"(?<!\d)(?P<year>20\d{2})(?!\d)")
# "ƯTH năm 2025", "Thực hiện 2024", "Ước đạt": what was done, not what is aimed at.
_PAST_HEADER_RE = re.compile(r"(?:ưth|ước|thực hiện|kết quả|đã đạt|lũy kế|so sánh|tăng/giảm)", re.IGNORECASE)
_YEAR_WORDS_RE = re.compile(r"\b(?:kế hoạch|kh|mục tiêu|dự kiến|phấn đấu|năm)\b\s*|(?<!\d)20\d{2}(?!\d)",
                            re.IGNORECASE)
_HEADER_UNIT_RE = re.compile(r"\((?P<unit>[^()]{1,30})\)\s*$")
# Money set aside is a budget, not a goal.
_BUDGET_RE = re.compile(r"\b(?:kinh phí|dự toán)\b", re.IGNORECASE)
_NUMERIC_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")

RowTarget = tuple[str, float, str | None, int | None, str | None]  # text, value, unit, year, group


def _cells(body: str) -> list[tuple[str, str]]:
    """("Header", "value") pairs of a row's body."""
    pairs: list[tuple[str, str]] = []
    for part in body.split("; "):
        header, colon, value = part.partition(": ")
        if colon:
            pairs.append((header.strip(), value.strip()))
    return pairs


def _unit(written: str | None) -> str | None:
    """A unit column's value as a unit: "Ha" → "ha", "Nghìn USD" → "nghìn USD"."""
    if not written:
        return None
    return written if written.isupper() else written[:1].lower() + written[1:]


def row_targets(text: str, issued: date | None, titles: Sequence[str] = ()) -> list[RowTarget]:
    """The targets of one table row: per measure, its furthest planned year (not before the document's year);
    none in a budget (the row or the headings above it speak of "kinh phí", "dự toán")."""
    *groups, body = text.split(_GROUP_SEPARATOR)
    cells = _cells(body)
    if not cells or _BUDGET_RE.search(text) or any(_BUDGET_RE.search(title) for title in titles[:2]):
        return []
    unit = next((value for header, value in cells if _UNIT_HEADER_RE.match(header)), None)
    label = next((value for header, value in cells if _LABEL_HEADER_RE.match(header) and not _NUMERIC_RE.match(value)),
                 None)
    furthest: dict[str, tuple[int, float, str, str]] = {}
    for header, value in cells:
        year_match = _YEAR_RE.search(header)
        number = parse_number(value) if _NUMERIC_RE.match(value) else None
        if year_match is None or number is None or _PAST_HEADER_RE.search(header):
            continue
        year = int(year_match["year"])
        if issued is not None and year < issued.year:
            continue
        measure = _YEAR_WORDS_RE.sub("", header).strip(" :-–")
        if measure not in furthest or year > furthest[measure][0]:
            furthest[measure] = (year, number, value, header)
    found: list[RowTarget] = []
    for measure, (year, number, shown, header) in furthest.items():
        in_header = _HEADER_UNIT_RE.search(header)
        measure_unit = in_header["unit"] if in_header else unit
        name = _HEADER_UNIT_RE.sub("", measure).strip()
        parts = [*groups, *(part for part in (label, name) if part)]
        unit_text = f" ({measure_unit})" if measure_unit else ""
        found.append((f"{' — '.join(parts)}{unit_text} — năm {year}: {shown}", number,
                      _unit(measure_unit), year, groups[0] if groups else None))
    return found
