"""Vietnamese time expressions: dates, quarters, half-years, years and recurrences, day first."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from knowledge.model import Deadline, Recurrence
from knowledge.numbers import roman_to_int
from knowledge.vietnamese import fold


def fold_aligned(text: str) -> str:
    """Fold NFC `text` so that positions in the result are positions in `text`."""
    folded = fold(text)
    return folded if len(folded) == len(text) else text.lower()


def last_day(year: int, month: int) -> date:
    """The last day of a month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    """The last day of quarter 1–4."""
    return last_day(year, quarter * 3)


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the numbers do not make one (31/02)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


_DATE = (
    r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})(?:\s+nam\s+(?P<y2>\d{4}))?)"
)
_DATE_MARKERS = (
    r"truoc|den|toi|cham nhat(?: la)?|han(?: chot)?(?: la)?|xong truoc|trong|vao|ket thuc(?: truoc)?|"
    r"hoan thanh(?: truoc| trong| vao)?|gui ve .{0,40}? truoc|bao cao .{0,60}? truoc"
)
_DATE_RE = re.compile(rf"\b(?:{_DATE_MARKERS})\s+(?:het\s+)?(?:ngay\s+)?{_DATE}")
_QUARTER_RE = re.compile(
    r"\b(?:het|den het|den|trong|vao|cuoi|truoc|cham nhat(?: la)?(?: het)?|ket thuc|hoan thanh(?: trong| truoc)?)"
    r"\s+quy\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:/|nam)\s*(?P<y>\d{4}))?"
)
_PART_YEAR_RE = re.compile(r"\b(?P<n>6|sau|9|chin)\s+thang\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?P<y>\d{4}))?")
_YEAR_RE = re.compile(r"\b(?P<marker>het|den het|cuoi|vao|truoc|trong ca)\s+nam\s+(?P<y>\d{4})\b")
_MONTHLY_RE = re.compile(r"\b(?:hang|moi)\s+thang\b")
_QUARTERLY_RE = re.compile(r"\b(?:hang|moi)\s+quy\b")
_YEARLY_RE = re.compile(r"\b(?:hang|moi)\s+nam\b")
_HALF_YEARLY_RE = re.compile(r"\b(?:dinh ky|hang)\s+(?:6|sau)\s+thang\b|\b(?:6|sau)\s+thang\s+(?:mot|1)\s+lan\b")
_DAY_IN_PERIOD_RE = re.compile(r"\b(?:truoc|vao|trong)?\s*ngay\s+(?P<day>\d{1,2})\b(?!\s*[/.\-]\s*\d)(?!\s+thang\s+\d)")
_DAY_MONTH_RE = re.compile(r"\bngay\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\b(?!\s*[/.\-]\s*\d)")
_LAST_DAY_RE = re.compile(r"\b(?:ngay\s+)?cuoi\s+(?:cung\s+cua\s+)?(?:moi\s+|hang\s+)?thang\b")
_ACTION_RE = re.compile(
    r"\b(?:dinh ky|bao cao|ra soat|so ket|tong ket|kiem tra|hop|giao ban|gui|nop|tong hop|danh gia|cap nhat|"
    r"thong ke|sinh hoat|tu kiem tra|giam sat)\b"
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A due date or a recurrence found in a text, with where it was found."""

    start: int
    end: int
    due: date | None
    recurrence: Recurrence | None


def _year_of(explicit: str | None, plan_year: int | None) -> int | None:
    return int(explicit) if explicit else plan_year


def _next_on_or_after(day: int, month: int, reference: date | None, plan_year: int | None) -> date | None:
    """A year-less day/month: the first occurrence on or after the document's date, else in the plan year."""
    if reference is not None:
        candidate = safe_date(reference.year, month, day)
        if candidate is not None and candidate < reference:
            candidate = safe_date(reference.year + 1, month, day)
        return candidate
    return safe_date(plan_year, month, day) if plan_year else None


def find_due_dates(text: str, *, reference: date | None = None, plan_year: int | None = None) -> list[TimeMention]:
    """Deadlines with a date: "trước ngày 31/12/2021", "đến hết Quý III/2024", "6 tháng đầu năm", "hết năm 2024"."""
    folded = fold_aligned(text)
    found: list[TimeMention] = []
    for match in _DATE_RE.finditer(folded):
        day = int(match["d"] or match["d2"])
        month = int(match["m"] or match["m2"])
        year_text = match["y"] or match["y2"]
        due = (
            safe_date(int(year_text), month, day) if year_text else _next_on_or_after(day, month, reference, plan_year)
        )
        if due is not None and 1 <= month <= 12:
            found.append(TimeMention(match.start(), match.end(), due, None))
    for match in _QUARTER_RE.finditer(folded):
        quarter = roman_to_int(match["q"]) if not match["q"].isdigit() else int(match["q"])
        year = _year_of(match["y"], plan_year)
        if quarter and 1 <= quarter <= 4 and year:
            found.append(TimeMention(match.start(), match.end(), quarter_end(year, quarter), None))
    for match in _PART_YEAR_RE.finditer(folded):
        year = _year_of(match["y"], plan_year)
        months = 6 if match["n"] in ("6", "sau") else 9
        if year:
            due = last_day(year, 12) if match["part"] == "cuoi" else last_day(year, months)
            found.append(TimeMention(match.start(), match.end(), due, None))
    for match in _YEAR_RE.finditer(folded):
        year = int(match["y"]) - (1 if match["marker"] == "truoc" else 0)
        found.append(TimeMention(match.start(), match.end(), date(year, 12, 31), None))
    return _without_overlaps(found)


def find_recurrences(text: str, *, require_action: bool = True) -> list[TimeMention]:
    """Recurring duties: "hằng tháng, trước ngày 20", "định kỳ hằng quý", "hằng năm", "định kỳ 6 tháng"."""
    folded = fold_aligned(text)
    if require_action and not _ACTION_RE.search(folded):
        return []
    found: list[TimeMention] = []
    for match in _MONTHLY_RE.finditer(folded):
        found.append(TimeMention(match.start(), match.end(), None, Recurrence("month", _day_near(folded, match))))
    for match in _QUARTERLY_RE.finditer(folded):
        found.append(TimeMention(match.start(), match.end(), None, Recurrence("quarter", _day_near(folded, match))))
    for match in _YEARLY_RE.finditer(folded):
        day_month = _DAY_MONTH_RE.search(folded)
        day, month = (int(day_month["d"]), int(day_month["m"])) if day_month else (31, 12)
        found.append(TimeMention(match.start(), match.end(), None, Recurrence("year", day, month)))
    for match in _HALF_YEARLY_RE.finditer(folded):
        found.append(TimeMention(match.start(), match.end(), None, Recurrence("year", 30, 6)))
        found.append(TimeMention(match.start(), match.end(), None, Recurrence("year", 31, 12)))
    return found


def _day_near(folded: str, match: re.Match[str]) -> int:
    """The day of the month a monthly/quarterly duty falls on ("trước ngày 20"); 31 (the last day) if unsaid."""
    window = folded[max(0, match.start() - 40) : match.end() + 40]
    if _LAST_DAY_RE.search(window):
        return 31
    day = _DAY_IN_PERIOD_RE.search(window)
    if day and 1 <= int(day["day"]) <= 31:
        return int(day["day"])
    return 31


def _without_overlaps(found: list[TimeMention]) -> list[TimeMention]:
    """Keep the first of overlapping mentions (a date pattern and a quarter pattern on the same words)."""
    kept: list[TimeMention] = []
    for mention in sorted(found, key=lambda item: (item.start, -item.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def next_occurrence(recurrence: Recurrence, today: date) -> date:
    """The first date on or after `today` when a recurring duty falls due (day 31 = the last day)."""
    if recurrence.every == "year":
        month = recurrence.month or 12
        for year in (today.year, today.year + 1):
            candidate = _clamped(year, month, recurrence.day)
            if candidate >= today:
                return candidate
    step = 1 if recurrence.every == "month" else 3
    year, month = today.year, today.month
    if step == 3:
        month = ((month - 1) // 3) * 3 + 3
    while True:
        candidate = _clamped(year, month, recurrence.day)
        if candidate >= today:
            return candidate
        month += step
        if month > 12:
            year, month = year + 1, month - 12


def _clamped(year: int, month: int, day: int) -> date:
    """Day `day` of a month, or its last day when the month is shorter."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def next_due(deadline: Deadline, today: date) -> date | None:
    """When a document deadline is next due: its date, or the next occurrence of its recurrence."""
    if deadline.recurrence is not None:
        return next_occurrence(deadline.recurrence, today)
    return deadline.due
