"""Targets: a figure with a goal (đạt, phấn đấu, tăng/giảm, ít nhất, trở lên, dưới …) → value, unit, comparator,
the horizon year where stated and the category the document's own headings give it; rows of target tables too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.assignments import TASK_VERBS, heading_subject
from knowledge.dates import fold_aligned
from knowledge.model import Document, Passage, Target
from knowledge.numbers import parse_number
from knowledge.target_rows import row_targets
from knowledge.vietnamese import LOWER, UPPER, fold

# Count nouns a figure can be measured in (longest first so "tỷ đồng" wins over "đồng").
_UNITS = sorted(
    [
        "%", "USD", "triệu USD", "tỷ USD", "nghìn USD", "tỷ đồng", "triệu đồng", "nghìn tỷ đồng", "nghìn đồng",
        "đồng", "ha", "km", "m2", "m²", "m3", "tấn", "tạ/ha", "tấn/ha", "người", "lượt người", "lượt khách", "lượt",
        "khách", "hộ", "lao động", "xã", "phường", "thôn", "khu", "doanh nghiệp", "hợp tác xã", "sản phẩm", "mô hình",
        "trường", "lớp", "học sinh", "đảng viên", "hội viên", "đoàn viên", "chi bộ", "tổ chức", "sao", "dự án",
        "công trình", "cơ sở", "câu lạc bộ", "cuộc", "buổi", "tin", "bài", "tuyến", "điểm", "căn", "nhà", "giường",
        "bác sĩ", "chỉ tiêu", "con số", "thủ tục", "hồ sơ", "cán bộ", "giáo viên", "trẻ", "cháu", "gia đình",
        "khu dân cư", "tổ dân phố", "con", "thuê bao", "sự kiện", "hội nghị", "đợt", "MW",
    ],
    key=len,
    reverse=True,
)
# A unit that is also the first word of another noun counts only alone ("khu vực",
# "xã hội", "con người", "điểm trường", "trường hợp", "nhà nước" are other words.
_NOT_UNIT = {
    "khu": r"(?!\s+(?:vực|công nghiệp|kinh tế|đô thị))", "xã": r"(?!\s+hội)",
    "con": r"(?!\s+(?:người|số|đường|em))", "điểm": r"(?!\s+(?:trường|đến|nóng))", "trường": r"(?!\s+hợp)",
    "nhà": r"(?!\s+(?:nước|máy|văn hóa|đầu tư|ở))", "tin": r"(?!\s+(?:học|tức|nhắn))",
}
_FIGURE_RE = re.compile(
    r"(?=\d)(?<![\d/.,\-:])(?P<number>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s?(?P<unit>"
    + "|".join(re.escape(unit) + _NOT_UNIT.get(unit, "") for unit in _UNITS)
    + r")(?![\w])"
)
_GOAL_RE = re.compile(
    r"\b(?:dat|tang|giam|phan dau|duy tri|giu vung|tro len|tro xuong|toi thieu|it nhat|khong duoi|toi da|tren|duoi|"
    r"khong qua|thanh lap moi|tao viec lam|xuong duoi|con duoi|giai ngan|thu hut|hoan thanh|nang (?:cao|len|ty le)|"
    r"don (?:tiep|khach)|vuot)\b"
)
# A goal's verb, beyond a bound ("trở lên", "dưới", "ít nhất" …), which in brackets defines a term.
_AIM_RE = re.compile(
    r"\b(?:dat|tang|giam|phan dau|duy tri|giu vung|thanh lap moi|tao viec lam|giai ngan|thu hut|hoan thanh|"
    r"nang (?:cao|len|ty le)|don (?:tiep|khach)|vuot)\b"
)
_LAND_RE = re.compile(r"đất", re.IGNORECASE)
# What was done ("ước đạt 140.000 tấn, đạt 100% kế hoạch, tăng 4,9% so cùng kỳ") and scoring rules ("được tính 30
# điểm") state figures, not goals.
_RESULT_RE = re.compile(
    r"\b(?:uoc (?:dat|thuc hien|tinh|vuot)|da (?:dat|thuc hien|thu hut|hoan thanh)|so (?:voi )?cung ky|luy ke|"
    r"(?:dat|bang|vuot) [\d.,]+\s?% (?:ke hoach|du toan|chi tieu|muc tieu)|(?:\d+|sau|chin) thang (?:dau )?nam \d{4}|"
    r"duoc tinh|them [\d.,]+ diem|tong so diem|xep loai|thang diem)\b"
)
_NOT_BELOW_BEFORE = re.compile(r"không (?:dưới|thấp hơn|ít hơn)\s+(?:mức\s+)?$", re.IGNORECASE)
_AT_LEAST_BEFORE = re.compile(
    r"(?:tối thiểu|ít nhất|không dưới|không thấp hơn|trên|vượt|hơn|từ)\s+(?:mức\s+)?$", re.IGNORECASE
)
_AT_MOST_BEFORE = re.compile(r"(?:dưới|tối đa|không quá|không vượt quá|thấp hơn|còn dưới)\s+(?:mức\s+)?$",
                             re.IGNORECASE)
_AT_LEAST_AFTER = re.compile(r"^[^,;.()]{0,20}?\btrở lên\b")
_AT_MOST_AFTER = re.compile(r"^[^,;.()]{0,20}?\btrở xuống\b")
_RANGE_LOW_RE = re.compile(r"(?<![\d.,])(?P<low>\d+(?:,\d+)?)\s*(?:-|–|đến)\s*$")
_CLAUSE_SPLIT_RE = re.compile(r"[;()]|(?<=[.!?])\s|,\s*(?=trong đó\b)|:\s+")
# The horizon of a goal, folded: "đến năm 2030", "năm 2025", "giai đoạn 2026 - 2030" (its end); not a baseline.
_YEAR_RE = re.compile(
    r"\b(?P<base>so voi (?:cung ky )?)?nam\s+(?P<y>\d{4})\b|\bgiai doan\s+\d{4}\s*[-–]\s*(?P<end>\d{4})\b"
)
_TASK_START_RE = re.compile(rf"^(?:{TASK_VERBS}|lựa chọn|đẩy mạnh|tăng cường|nâng cao|hỗ trợ)\b", re.IGNORECASE)
_CATEGORY_PREFIX_RE = re.compile(r"^(?:(?:nhóm )?chỉ tiêu về|về|lĩnh vực|nhóm chỉ tiêu)\s+", re.IGNORECASE)
_CATEGORY_HORIZON_RE = re.compile(r"\s*(?:,\s*)?(?:đến|tới|trong|đến hết)?\s*(?:năm|giai đoạn)\s+\d{4}.*$",
                                  re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a text: the clause it stands in, its value, unit and comparator."""

    clause: str
    value: float
    unit: str
    comparator: str
    year: int | None = None  # the horizon written nearest to the figure in its clause


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
    """Figures that state a goal in `text`; in a numbered target item every figure counts. A range ("10 - 13%")
    is its lower bound, reached at least."""
    found: list[Figure] = []
    several = len(list(_FIGURE_RE.finditer(text))) > 1
    for offset, clause in _clauses(text):
        folded = fold(_LAND_RE.sub("land", clause))  # "nhà đất" is land, not "đạt" (reach)
        goal = _GOAL_RE.search(folded)
        if offset and text[offset - 1] == "(" and not _AIM_RE.search(folded) and not folded.startswith("trong do"):
            continue  # "Diện tích mất trắng (bị thiệt hại từ 70% trở lên)": a bound in brackets defines a term
        if (not numbered_goal and not goal) or _RESULT_RE.search(folded):
            continue
        for match in _FIGURE_RE.finditer(clause):
            value = parse_number(match["number"])
            unit = match["unit"]
            if value is None:
                continue
            before = text[max(0, offset + match.start() - 30) : offset + match.start()]
            comparator = _comparator(before, clause[match.end() :])
            low = _RANGE_LOW_RE.search(before)
            if low and (lower := parse_number(low["low"])) is not None and lower < value:
                value, comparator = lower, "≥"
            year = _nearest_year(clause, match.start(), match.end())
            found.append(Figure(_tidy(clause) if several else _tidy(text), value, unit, comparator, year))
    return found


def _nearest_year(clause: str, start: int, end: int) -> int | None:
    """The horizon year written closest to a figure in its clause ("đạt 20% năm 2025, đến năm 2030 đạt 50%")."""
    best: tuple[int, int] | None = None
    for match in _YEAR_RE.finditer(fold_aligned(clause)):
        if match["base"]:
            continue
        gap = start - match.end() if match.end() <= start else match.start() - end
        year = int(match["y"] or match["end"])
        if best is None or abs(gap) < best[0]:
            best = (abs(gap), year)
    return best[1] if best else None


_ORDINAL_RE = re.compile(r"\b(?:lần thứ|thứ|khóa|khoá|nhiệm kỳ)\s+(?:[IVXLC]+\b|\d)")


def has_figure(text: str) -> bool:
    """Whether a text states a quantity or an ordinal: "86%", "2.520 lao động", "lần thứ IX", "nhiệm kỳ 2022-2027"."""
    return bool(_FIGURE_RE.search(text) or _ORDINAL_RE.search(text))


# A count of anything: a number and the word it counts ("35 trạm", "02 trường hợp", "04 đợt/tháng"), or a least or
# most in words ("ít nhất một sự kiện"); not a day, month or year, nor the number of an article or a document.
_COUNT_RE = re.compile(
    rf"(?:(?P<before>[{UPPER}{LOWER}]+)\s+)?(?<![\d/.,\-:])\b\d{{1,3}}(?:\.\d{{3}})*(?:,\d+)?\s+(?P<noun>[{LOWER}]+)"
)
_NOT_COUNTED = {"năm", "tháng", "ngày", "giờ", "của", "và", "về", "đến", "tại", "theo", "quý"}
_NOT_COUNTING = {"điều", "khoản", "mục", "điểm", "số", "lục", "chương", "phần", "ngày", "tháng", "năm", "quý"}
_LEAST_RE = re.compile(
    r"\b(?:ít nhất|tối thiểu|tối đa|không quá|không dưới)\s+(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b",
    re.IGNORECASE,
)


def states_count(text: str) -> bool:
    """Whether a text counts something, whatever it counts: "Đầu tư mới 35 trạm", "chọn 02 trường hợp"."""
    for match in _COUNT_RE.finditer(text):
        before = (match["before"] or "").lower()
        if match["noun"] not in _NOT_COUNTED and before not in _NOT_COUNTING:
            return True
    return bool(_LEAST_RE.search(text))


def horizon_year(*texts: str, issued: date | None = None) -> int | None:
    """The year a goal is set for, from the first text that states one ("đến năm 2030", "năm 2025", "giai đoạn
    2026 - 2030"); a baseline ("so với năm 2020") or a year before the document's is not a horizon."""
    for text in texts:
        for match in _YEAR_RE.finditer(fold(text)):
            if match["base"]:
                continue
            year = int(match["y"] or match["end"])
            if 1990 <= year <= 2100 and (issued is None or year >= issued.year):
                return year
    return None


def _is_heading_title(title: str, passage: Passage) -> bool:
    """A heading that names a part of the document: not an item whose title is the passage's own sentence, a task
    ("Chủ trì, phối hợp …") or a body ("Sở Tài chính")."""
    text = title.strip()
    if not text or len(text) > 90 or text.endswith(".") or passage.text.startswith(text[:40]):
        return False
    return not _TASK_START_RE.match(text) and heading_subject([text]) is None


def category(document: Document, passage: Passage) -> str | None:
    """The category of a passage's targets: the one its headings set ("Về kinh tế:", "Chỉ tiêu về xã hội"), else
    the nearest heading above it, without "Chỉ tiêu về" and the horizon ("Chỉ tiêu chủ yếu đến năm 2030")."""
    if passage.category:
        return passage.category
    for title in document.heading_titles(passage):
        title = re.sub(r"\s*\([^()]*\)\s*$", "", title)  # "Danh mục … (Ban hành kèm theo Quyết định …)"
        if not _is_heading_title(title, passage):
            continue
        name = _CATEGORY_HORIZON_RE.sub("", _CATEGORY_PREFIX_RE.sub("", title.strip().rstrip(":"))).strip(" ,:-")
        if name:
            return name[:1].upper() + name[1:]
    return None


def _in_target_list(document: Document, passage: Passage, titles: list[str]) -> bool:
    """Whether a passage is an item of a list of targets, where every figure is one: an item under a "Chỉ tiêu"
    heading, or a "(1)" item under a "Mục tiêu" heading."""
    if passage.section is None:
        return False
    above = " ".join(fold(title) for title in titles[1:])
    return "chi tieu" in above or ("muc tieu" in above and document.sections[passage.section].label.startswith("("))


def extract_targets(document: Document) -> list[Target]:
    """Every target stated in the document's passages and target tables; marks those passages "target"."""
    issued = document.info.issued
    found: list[Target] = []
    for passage in document.passages:
        titles = document.heading_titles(passage)
        items = row_targets(passage.text, issued, titles) if passage.role == "row" else []
        for text, value, unit, year, group in items:
            found.append(Target(text, value, unit, "=", group or category(document, passage), document.info.key,
                                document.section_path(passage.section), passage.id, year))
            passage.kinds.add("target")
        if items:
            continue  # a row of a target table; other rows read as sentences
        for figure in figures(passage.text, numbered_goal=_in_target_list(document, passage, titles)):
            year = figure.year if figure.year and (issued is None or figure.year >= issued.year) else None
            year = year or horizon_year(passage.text, *titles, document.info.title, issued=issued)
            found.append(
                Target(
                    text=figure.clause,
                    value=figure.value,
                    unit=figure.unit,
                    comparator=figure.comparator,
                    category=category(document, passage),
                    document=document.info.key,
                    section=document.section_path(passage.section),
                    passage=passage.id,
                    year=year,
                )
            )
            passage.kinds.add("target")
    return found
