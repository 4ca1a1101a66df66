"""Vietnamese time expressions: dates, months, quarters, half-years and years with the word that introduces them
("trước", "chậm nhất", "trong", "đến hết" …), day first; the next occurrence of a recurring duty."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from knowledge.model import Deadline, Recurrence
from knowledge.numbers import roman_to_int
from knowledge.vietnamese import fold


def fold_aligned(text: str) -> str:
    """Fold NFC `text` so that positions in the result are positions in `text`; "quí" is written "quý"."""
    folded = fold(text)
    return _QUI_RE.sub("quy", folded if len(folded) == len(text) else text.lower())


_QUI_RE = re.compile(r"\bqui\b")
_TIME_HINT_RE = re.compile(r"\d|\bquy\b")  # no time without a figure or a quarter ("quý II")


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


# What introduces a time, folded, and the kind of limit it sets: "before" (a limit), "by" (up to), "within" (during
# a month, quarter or year), "on" (that day), "label" ("Thời hạn:", "Thời gian hoàn thành:").
_MARKERS = {
    "before": r"cham nhat(?: la)?(?: vao)?|han chot(?: la)?|han(?: nop| gui| bao cao)?(?: la)?|xong truoc|"
    r"hoan thanh truoc|ket thuc truoc|khong muon hon|truoc",
    "label": r"thoi han(?: du kien)?(?: hoan thanh| thuc hien| nop| gui| bao cao)?(?: la)?\s*:?|"
    r"thoi gian (?:du kien )?(?:hoan thanh|thuc hien|nop|gui|bao cao|trinh|pho bien|cong bo|phat hanh|ban hanh)"
    r"(?: la)?\s*:|"
    r"tien do(?: hoan thanh)?\s*:",
    "within": r"hoan thanh trong|xong trong|trong ca|trong",
    "by": r"den het|den|toi|het|cuoi|xong|hoan thanh",
    "on": r"hoan thanh vao|vao",
}
_LABEL_END_RE = re.compile(rf"(?:{_MARKERS['label']})\s*$")
_MARKER = "|".join(f"(?P<{kind}>{words})" for kind, words in _MARKERS.items())
_WEEKDAY = r"(?:(?:sang|chieu)\s+)?(?:thu\s+(?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat)\s*,?\s+"
_DAY_DATE = (
    r"(?:ngay\s+(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?"
    r"|(?P<d3>\d{1,2})\s*[/.\-]\s*(?P<m3>\d{1,2})\s*[/.\-]\s*(?P<y3>\d{4})"
    r"|(?:ngay\s+)?(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})(?:\s*(?:nam\s+|/\s*)(?P<y2>\d{4}))?)(?![\d/])"
    # "ngày 30 tháng 11 năm trước của năm kế hoạch", "… của năm cuối kỳ", "(trước ngày 30/6 của năm)": a date that
    # comes back, not one date.
    r"(?!\s*(?:cua\s+)?nam\b(?!\s*(?:\d|nay\b)))"
)
# "(gửi trước: 31/5/2026)", "(hạn: 31/5/2026)": a colon may stand between the word and the date.
_DAY_RE = re.compile(rf"\b(?:{_MARKER})(?:\s*:\s*|\s+)(?:het\s+)?(?:{_WEEKDAY})?{_DAY_DATE}")
_MONTH_RE = re.compile(
    # "tháng 11 - 12/2025" ends with December.
    rf"\b(?:{_MARKER})\s+(?:het\s+)?thang\s+(?:\d{{1,2}}\s*(?:-|–|den)\s*(?:thang\s+)?)?(?P<mm>\d{{1,2}})"
    r"(?:\s*(?:/|nam)\s*(?P<my>\d{4}))?\b(?!\s*[/.]\s*\d)(?!\s+(?:hang|moi)\s+nam)"
)
_QUARTER_RE = re.compile(
    rf"\b(?:{_MARKER})\s+(?:het\s+)?quy\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:/|-|nam)\s*(?P<qy>\d{{4}}))?"
)
_PART_YEAR_RE = re.compile(
    rf"\b(?:{_MARKER})\s+(?:het\s+)?(?P<n>6|sau|9|chin)\s+thang\s+(?P<part>dau|cuoi)\s+nam(?:\s+(?P<py>\d{{4}}))?"
)
# "đến năm 2030", "vào năm 2025" are horizons of a goal, never a time limit: a year counts only after these.
_YEAR_RE = re.compile(
    # ("6 tháng cuối năm 2025" is the second half of the year, not "by the end of 2025")
    r"\b(?:(?P<before>truoc)|(?P<by>den het|het|(?<!thang )cuoi|xong)|(?P<within>hoan thanh trong|trong ca|trong)|"
    # "Thời gian hoàn thành: Năm 2026" (not "Năm 2025 - 2026", a stretch of years)
    rf"(?P<label>{_MARKERS['label']}))\s+"
    r"nam\s+(?P<yy>\d{4})\b(?!\s*[-–]\s*\d{4})"
    # "Thời hạn hoàn thành: 2030" in a table row: the year alone after its label
    rf"|(?P<label2>{_MARKERS['label']})\s+(?P<yy2>(?:19|20)\d{{2}})\b(?!\s*[-–/.]\s*\d)"
)
# "từ ngày 20/8 đến ngày 29/8/2025": the end of a stretch of time, not a limit set on its own.
_RANGE_START_RE = re.compile(
    # "kể từ ngày ký đến hết ngày 28/02/2027": a span of validity
    r"\bke tu\s+(?:ngay|khi|thoi diem)\b[^;,]{0,80}?\s(?:(?:den|toi)\s+)?$|"
    r"\btu\s+(?:ngay\s+)?(?:\d{1,2}(?:\s*[/.\-]\s*\d{1,2}|\s+thang\s+\d{1,2})?(?:\s*[/.\-]\s*\d{4}|\s+nam\s+\w+)?|thang\s+\d{1,2}(?:\s*/\s*\d{4})?|"
    r"quy\s+[iv1-4]+(?:\s*/\s*\d{4})?)\s*(?:(?:den|toi)\s+|-\s*)?$"
)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A due date or a recurrence found in a text: where, what, the word that introduced it and how precise it is."""

    start: int
    end: int
    due: date | None
    recurrence: Recurrence | None
    marker: str = ""  # before, label, within, by, on, range (the end of "từ … đến …"); "" for recurrences
    precision: str = "day"  # day, month, quarter, year
    year_given: bool = True  # False when the year was taken from the plan ("trước ngày 15/3")


def resolve_year(make: Callable[[int], date | None], reference: date | None, plan_year: int | None) -> date | None:
    """A year-less date: in the plan's year, else the document's, else the next; never before the document's date
    ("trước ngày 15/1" in a plan signed in November is next January)."""
    years = ([plan_year] if plan_year else []) + ([reference.year, reference.year + 1] if reference else [])
    for year in dict.fromkeys(years):
        found = make(year)
        if found is not None and (reference is None or found >= reference):
            return found
    return None


def labelled(folded_before: str) -> bool:
    """Whether a folded text ends with a time label ("Thời gian hoàn thành:", "Thời hạn"), as in a timetable."""
    return bool(_LABEL_END_RE.search(folded_before))


def _marker(match: re.Match[str]) -> str:
    return next((kind for kind in _MARKERS if match.groupdict().get(kind)), "")


def _with_range(folded: str, match: re.Match[str], marker: str) -> str:
    """The marker, or "range" when the time ends a stretch that starts with "từ …"."""
    if marker in ("by", "before") and _RANGE_START_RE.search(folded[max(0, match.start() - 100) : match.start()]):
        return "range"
    return marker


def _day_maker(day: int, month: int) -> Callable[[int], date | None]:
    return lambda year: safe_date(year, month, day)


def _month_maker(month: int, quarter: bool = False) -> Callable[[int], date | None]:
    return lambda year: quarter_end(year, month) if quarter else last_day(year, month)


def _periods(folded: str) -> Iterator[tuple[re.Match[str], Callable[[int], date | None], str | None, str]]:
    """(match, the date it names in a given year, its year if written, precision) of every time below a year."""
    for match in _DAY_RE.finditer(folded):
        month = int(match["m"] or match["m2"] or match["m3"])
        if 1 <= month <= 12:
            day = int(match["d"] or match["d2"] or match["d3"])
            yield match, _day_maker(day, month), match["y"] or match["y2"] or match["y3"], "day"
    for match in _MONTH_RE.finditer(folded):
        if 1 <= int(match["mm"]) <= 12:
            yield match, _month_maker(int(match["mm"])), match["my"], "month"
    for match in _QUARTER_RE.finditer(folded):
        quarter = int(match["q"]) if match["q"].isdigit() else roman_to_int(match["q"])
        if quarter and 1 <= quarter <= 4:
            yield match, _month_maker(quarter, quarter=True), match["qy"], "quarter"
    for match in _PART_YEAR_RE.finditer(folded):
        months = 12 if match["part"] == "cuoi" else 6 if match["n"] in ("6", "sau") else 9
        yield match, _month_maker(months), match["py"], "month"


def find_due_dates(text: str, *, reference: date | None = None, plan_year: int | None = None,
                   folded: str | None = None) -> list[TimeMention]:
    """Times a duty can be due by, with the word before them: "trước ngày 31/12/2021", "trong tháng 11/2025",
    "đến hết Quý III/2024", "trong 6 tháng đầu năm", "hết năm 2024". Year-less ones take the plan's year.
    `folded` is `fold_aligned(text)` when the caller has it."""
    folded = fold_aligned(text) if folded is None else folded
    found: list[TimeMention] = []
    if not _TIME_HINT_RE.search(folded):
        return found
    for match, make, year, precision in _periods(folded):
        due = make(int(year)) if year else resolve_year(make, reference, plan_year)
        if due is not None:
            marker = _marker(match) if match.re is _PART_YEAR_RE else _with_range(folded, match, _marker(match))
            found.append(TimeMention(match.start(), match.end(), due, None, marker, precision, bool(year)))
    for match in _YEAR_RE.finditer(folded):
        year_end = date(int(match["yy"] or match["yy2"]) - (1 if match["before"] else 0), 12, 31)
        marker = "label" if match["label2"] else _marker(match)
        found.append(TimeMention(match.start(), match.end(), year_end, None, marker, "year"))
    return _without_overlaps([_through(folded, mention) for mention in found])


# "Thời gian thực hiện: Quý IV/2025 - Quý II/2026": a stretch of time in a timetable ends at its second time.
_THROUGH_RE = re.compile(r"\s*(?:-|–|den|toi)\s*(?=(?:het\s+)?(?:quy|thang|ngay|\d))")


def _through(folded: str, mention: TimeMention) -> TimeMention:
    """A labelled time, or a time "trong …", that opens a stretch ("… - Quý II/2026") is due when the stretch ends,
    if the end states its year."""
    through = _THROUGH_RE.match(folded, mention.end) if mention.marker in ("label", "within") else None
    if through is None or mention.due is None:
        return mention
    rest = "den " + folded[through.end() : through.end() + 40]
    for match, make, year, precision in _periods(rest):
        due = make(int(year)) if match.start() == 0 and year else None
        if due is not None and due > mention.due:
            end = through.end() + match.end() - len("den ")
            return TimeMention(mention.start, end, due, None, mention.marker, precision, True)
    return mention


def _without_overlaps(found: list[TimeMention]) -> list[TimeMention]:
    """Keep the first of overlapping mentions (a date pattern and a quarter pattern on the same words)."""
    kept: list[TimeMention] = []
    for mention in sorted(found, key=lambda item: (item.start, -item.end)):
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def next_occurrence(recurrence: Recurrence, today: date) -> date:
    """The first date on or after `today` when a recurring duty falls due. Day 31, or no day named, is the
    period's last day; a quarterly duty falls in the month of the quarter it names (its last month when none); a
    weekly duty falls on its weekday (Sunday when none is named)."""
    if recurrence.every == "week":
        weekday = 6 if recurrence.weekday is None else recurrence.weekday
        return today + timedelta(days=(weekday - today.weekday()) % 7)
    day = 31 if recurrence.day is None else recurrence.day
    if recurrence.every == "year":
        month = recurrence.month or 12
        for year in (today.year, today.year + 1):
            candidate = _clamped(year, month, day)
            if candidate >= today:
                return candidate
    step = 1 if recurrence.every == "month" else 3
    year, month = today.year, today.month
    if step == 3:
        month = ((month - 1) // 3) * 3 + (recurrence.month if recurrence.month in (1, 2, 3) else 3)
    while True:
        candidate = _clamped(year, month, day)
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
