"""Numbered targets and sentences with a figure → value, unit and comparator."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.model import Document, Target
from knowledge.numbers import parse_number
from knowledge.vietnamese import fold

# Count nouns a figure can be measured in (longest first so "tỷ đồng" wins over "đồng").
_UNITS = sorted(
    [
        "%",
        "USD",
        "tỷ đồng",
        "triệu đồng",
        "nghìn tỷ đồng",
        "nghìn đồng",
        "đồng",
        "ha",
        "km",
        "m2",
        "m²",
        "tấn",
        "người",
        "lượt người",
        "lượt khách",
        "lượt",
        "khách",
        "hộ",
        "lao động",
        "xã",
        "phường",
        "thôn",
        "khu",
        "doanh nghiệp",
        "hợp tác xã",
        "sản phẩm",
        "mô hình",
        "trường",
        "lớp",
        "học sinh",
        "đảng viên",
        "hội viên",
        "đoàn viên",
        "chi bộ",
        "tổ chức",
        "sao",
        "dự án",
        "công trình",
        "cơ sở",
        "câu lạc bộ",
        "cuộc",
        "buổi",
        "tin",
        "bài",
        "tuyến",
        "điểm",
        "căn",
        "nhà",
        "giường",
        "bác sĩ",
        "chỉ tiêu",
        "con số",
        "thủ tục",
        "hồ sơ",
        "cán bộ",
        "giáo viên",
        "trẻ",
        "cháu",
        "gia đình",
        "khu dân cư",
        "tổ dân phố",
        "năm",
    ],
    key=len,
    reverse=True,
)
_FIGURE_RE = re.compile(
    r"(?=\d)(?<![\d/.,\-])(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s?(?P<unit>"
    # "01 năm 2025" is a date, not one year: "năm" counts as a unit only when no year follows.
    + "|".join(r"năm(?!\s*\d{4})" if unit == "năm" else re.escape(unit) for unit in _UNITS)
    + r")(?![\w])"
)
_GOAL_RE = re.compile(
    r"\b(?:dat|tang|giam|phan dau|duy tri|giu vung|tro len|toi thieu|it nhat|khong duoi|toi da|"
    r"khong qua|thanh lap moi|tao viec lam|xuong duoi|con duoi|giai ngan|thu hut|hoan thanh|nang|don|vuot)\b"
)
_NOT_BELOW_BEFORE = re.compile(r"không (?:dưới|thấp hơn|ít hơn)\s+(?:mức\s+)?$")
_AT_LEAST_BEFORE = re.compile(r"(?:tối thiểu|ít nhất|không dưới|không thấp hơn|trên|vượt|hơn|từ)\s+(?:mức\s+)?$")
_AT_MOST_BEFORE = re.compile(r"(?:dưới|tối đa|không quá|không vượt quá|thấp hơn|còn dưới)\s+(?:mức\s+)?$")
_AT_LEAST_AFTER = re.compile(r"^[^,;.()]{0,20}?\btrở lên\b")
_AT_MOST_AFTER = re.compile(r"^[^,;.()]{0,20}?\btrở xuống\b")
_CLAUSE_SPLIT_RE = re.compile(r"[;()]|(?<=[.!?])\s|,\s*(?=trong đó\b)|:\s+")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text: the clause it stands in, its value, unit and comparator."""

    clause: str
    value: float
    unit: str
    comparator: str


def _comparator(before: str, after: str) -> str:
    if _NOT_BELOW_BEFORE.search(before):
        return "≥"
    if _AT_MOST_BEFORE.search(before) or _AT_MOST_AFTER.search(after):
        return "≤"
    if _AT_LEAST_BEFORE.search(before) or _AT_LEAST_AFTER.search(after):
        return "≥"
    return "="


def _clauses(text: str) -> list[tuple[int, str]]:
    """(start, clause) pieces of a sentence, cut at ; ( ) ": " and ", trong đó"."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for match in _CLAUSE_SPLIT_RE.finditer(text):
        pieces.append((start, text[start : match.start()]))
        start = match.end()
    pieces.append((start, text[start:]))
    return [(offset, piece) for offset, piece in pieces if piece.strip()]


def _tidy(clause: str) -> str:
    clause = re.sub(r"^\s*(?:\(\d{1,2}\)\s*)?(?:trong đó\s*:?\s*)?", "", clause).strip(" ,;.")
    return clause[:1].upper() + clause[1:]


def figures(text: str, *, numbered_goal: bool) -> list[Figure]:
    """Figures that state a goal in `text`; in a numbered target item every figure counts."""
    found: list[Figure] = []
    clauses = _clauses(text)
    several = len(list(_FIGURE_RE.finditer(text))) > 1
    for offset, clause in clauses:
        folded = fold(clause)
        if not numbered_goal and not _GOAL_RE.search(folded):
            continue
        for match in _FIGURE_RE.finditer(clause):
            value = parse_number(match["number"])
            unit = match["unit"]
            if value is None or (unit == "năm" and value > 1900):
                continue
            before = text[max(0, offset + match.start() - 30) : offset + match.start()]
            after = clause[match.end() :]
            shown = _tidy(clause) if several else _tidy(text)
            found.append(Figure(shown, value, unit, _comparator(before, after)))
    return found


_ORDINAL_RE = re.compile(r"\b(?:lần thứ|thứ|khóa|khoá|nhiệm kỳ)\s+(?:[IVXLC]+\b|\d)")


def has_figure(text: str) -> bool:
    """Whether a text states a quantity or an ordinal: "86%", "2.520 lao động", "lần thứ IX", "nhiệm kỳ 2022-2027"."""
    return bool(_FIGURE_RE.search(text) or _ORDINAL_RE.search(text))


def extract_targets(document: Document) -> list[Target]:
    """Every target stated in the document's passages; marks those passages with the kind "target"."""
    found: list[Target] = []
    for passage in document.passages:
        section = document.sections[passage.section] if passage.section is not None else None
        titles = [fold(title) for title in document.heading_titles(passage)]
        numbered = section is not None and section.label.startswith("(") and any("chi tieu" in t for t in titles[1:])
        for figure in figures(passage.text, numbered_goal=numbered):
            found.append(
                Target(
                    text=figure.clause,
                    value=figure.value,
                    unit=figure.unit,
                    comparator=figure.comparator,
                    category=passage.category,
                    document=document.info.key,
                    section=document.section_path(passage.section),
                    passage=passage.id,
                )
            )
            passage.kinds.add("target")
    return found
