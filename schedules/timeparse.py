"""What a user typed after /nhac: when (a date, a time, or "hằng tháng ngày 20"), lead times, and the task."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from knowledge.dates import safe_date
from knowledge.model import Recurrence
from knowledge.vietnamese import fold
from schedules.errors import WhenError

_DATE_RE = re.compile(r"^(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{2,4}))?(?=\s|$)")
_TIME_RE = re.compile(
    r"^(?:luc\s+)?(?P<h>\d{1,2})\s*(?::|h|g|gio)\s*(?P<mi>\d{2})?(?:\s*(?:phut|p))?(?=\s|$)"
)
_DAY_OF_PERIOD = r"(?:\s*,?\s*(?:vao\s+|truoc\s+)?ngay\s+(?P<d>\d{1,2}|cuoi(?:\s+thang|\s+quy)?))?"
_MONTHLY_RE = re.compile(r"^(?:hang|moi)\s+thang" + _DAY_OF_PERIOD)
_QUARTERLY_RE = re.compile(r"^(?:hang|moi)\s+quy" + _DAY_OF_PERIOD)
_YEARLY_RE = re.compile(
    r"^(?:hang|moi)\s+nam(?:\s*,?\s*(?:vao\s+|truoc\s+)?(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2}))?"
)
_MONTH_END_RE = re.compile(r"^(?:vao\s+)?ngay\s+cuoi\s+(?:cung\s+cua\s+)?(?:moi\s+|hang\s+)?thang")
_LEADS_RE = re.compile(r"\bnhac\s+truoc\s+(?P<days>\d{1,3}(?:\s*,\s*\d{1,3})*)\s*ngay\b")


@dataclass(frozen=True, slots=True)
class When:
    """A parsed /nhac: a one-off due moment or a recurrence, the time of day, lead days, and the task."""

    text: str
    due: datetime | None
    recurrence: Recurrence | None
    at: time | None
    lead_days: list[int] | None


def _consume(pattern: re.Pattern[str], folded: str, position: int) -> re.Match[str] | None:
    return pattern.match(folded[position:])


def _skip_spaces(folded: str, position: int) -> int:
    while position < len(folded) and folded[position] in " ,;:-–":
        position += 1
    return position


def parse_when(raw: str, now: datetime, zone: ZoneInfo) -> When:
    """Read "31/12 Nộp báo cáo", "25/01/2025 08:00 …", "hằng tháng ngày 20 …", "hằng quý …", "ngày cuối tháng …".

    Dates are day first; a date without a year is the next such day from today. Raises WhenError.
    """
    today = now.astimezone(zone).date()
    text = " ".join(raw.split())
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()
    leads: list[int] | None = None
    lead_match = _LEADS_RE.search(folded)
    if lead_match:
        leads = sorted({int(day) for day in re.findall(r"\d+", lead_match["days"])}, reverse=True)
        if any(day > 365 for day in leads):
            raise WhenError("bad_leads", lead_match.group(0))
        text = (text[: lead_match.start()] + text[lead_match.end() :]).strip()
        folded = (folded[: lead_match.start()] + folded[lead_match.end() :]).strip()
        text, folded = " ".join(text.split()), " ".join(folded.split())
    recurrence, position = _recurrence(folded)
    due_date: date | None = None
    if recurrence is None:
        match = _consume(_DATE_RE, folded, 0)
        if match is None:
            raise WhenError("no_date", text.split(" ", 1)[0] if text else "")
        due_date = _date_of(match, today)
        position = match.end()
    position = _skip_spaces(folded, position)
    at: time | None = None
    time_match = _consume(_TIME_RE, folded, position)
    if time_match:
        hour, minute = int(time_match["h"]), int(time_match["mi"] or 0)
        if hour > 23 or minute > 59:
            raise WhenError("bad_time", time_match.group(0).strip())
        at = time(hour, minute)
        position = _skip_spaces(folded, position + time_match.end())
    task = text[position:].strip(" ,;:-–")
    if not task:
        raise WhenError("no_text", "")
    due: datetime | None = None
    if due_date is not None:
        # A date alone means "by the end of that day".
        due = datetime.combine(due_date, at or time(23, 59), zone)
        if due <= now:
            raise WhenError("past", f"{due:%H:%M %d/%m/%Y}" if at else f"{due_date:%d/%m/%Y}")
    return When(task, due, recurrence, at, leads)


def _date_of(match: re.Match[str], today: date) -> date:
    day, month = int(match["d"]), int(match["m"])
    year_text = match["y"]
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        found = safe_date(year, month, day)
        if found is None:
            raise WhenError("bad_date", match.group(0).strip())
        return found
    found = safe_date(today.year, month, day)
    if found is None and not (month == 2 and day == 29):
        raise WhenError("bad_date", match.group(0).strip())
    if found is None or found < today:
        for year in range(today.year + 1, today.year + 9):
            found = safe_date(year, month, day)
            if found is not None:
                break
    assert found is not None
    return found


def _recurrence(folded: str) -> tuple[Recurrence | None, int]:
    """A recurrence at the start of the text, and where it ends."""
    if match := _MONTH_END_RE.match(folded):
        return Recurrence("month", 31), match.end()
    if match := _MONTHLY_RE.match(folded):
        return Recurrence("month", _day(match["d"], match.group(0))), match.end()
    if match := _QUARTERLY_RE.match(folded):
        return Recurrence("quarter", _day(match["d"], match.group(0))), match.end()
    if match := _YEARLY_RE.match(folded):
        if match["d"] is None:
            return Recurrence("year", 31, 12), match.end()
        day, month = int(match["d"]), int(match["m"])
        if safe_date(2024, month, day) is None:
            raise WhenError("bad_date", match.group(0))
        return Recurrence("year", day, month), match.end()
    return None, 0


def _day(value: str | None, shown: str) -> int:
    if value is None or value.startswith("cuoi"):
        return 31
    day = int(value)
    if not 1 <= day <= 31:
        raise WhenError("bad_date", shown)
    return day
