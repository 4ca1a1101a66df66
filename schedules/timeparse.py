"""What a user typed after /nhac: when (a day, a time, a recurrence, in any order), lead times, and the task."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from knowledge.model import Recurrence
from knowledge.vietnamese import fold
from schedules.errors import WhenError
from schedules.when_words import Day, day_at, recurrence_at, time_at

_LEADS_RE = re.compile(r"\bnhac\s+truoc\s+(?P<days>\d{1,3}(?:\s*,\s*\d{1,3})*)\s*ngay\b")
_SEPARATORS = " ,;:-–"


@dataclass(frozen=True, slots=True)
class When:
    """A parsed /nhac: a one-off due moment or a recurrence, the time of day, lead days, the task, and how a day
    was understood when that needs saying (`note`)."""

    text: str
    due: datetime | None
    recurrence: Recurrence | None
    at: time | None
    lead_days: list[int] | None
    note: str = ""


def _skip(folded: str, position: int) -> int:
    while position < len(folded) and folded[position] in _SEPARATORS:
        position += 1
    return position


def parse_when(raw: str, now: datetime, zone: ZoneInfo) -> When:
    """Read "31/12 Nộp báo cáo", "mai 8h Họp", "thứ Sáu hằng tuần Báo cáo tuần", "25/01/2027 08:00 …", "ngày 5 hằng
    tháng …", "3 ngày nữa …" with optional "nhắc trước 7,1 ngày". Dates are day first. Raises WhenError."""
    local = now.astimezone(zone)
    text = " ".join(raw.split())
    if not text:
        raise WhenError("empty", "")
    folded = fold(text)
    if len(folded) != len(text):
        folded = text.lower()
    leads: list[int] | None = None
    if lead_match := _LEADS_RE.search(folded):
        leads = sorted({int(day) for day in re.findall(r"\d+", lead_match["days"])}, reverse=True)
        if any(day > 365 for day in leads):
            raise WhenError("bad_leads", lead_match.group(0))
        text = " ".join((text[: lead_match.start()] + text[lead_match.end():]).split())
        folded = " ".join((folded[: lead_match.start()] + folded[lead_match.end():]).split())
    recurrence: Recurrence | None = None
    day: Day | None = None
    at: time | None = None
    problem: WhenError | None = None
    position = 0
    while True:
        rest = folded[position:]
        if recurrence is None and day is None and (found_recurrence := recurrence_at(rest)):
            recurrence, length = found_recurrence
        elif recurrence is None and day is None and (found_day := _day_or_problem(rest, local)):
            found, length = found_day
            if isinstance(found, WhenError):
                problem = found
            else:
                day = found
        elif at is None and (day is None or day.moment is None) and (found_time := time_at(rest)):
            at, length = found_time
        else:
            break
        position = _skip(folded, position + length)
    if recurrence is None and day is None and problem is None:
        raise WhenError("no_date", text.split(" ", 1)[0])
    task = text[position:].strip(_SEPARATORS)
    if problem is not None:
        when_typed = text[:position].strip(_SEPARATORS)
        problem.example = f"/nhac {_with_year(when_typed, problem)} {task or '…'}"
        raise problem
    if not task:
        raise WhenError("no_text", "")
    if recurrence is not None:
        return When(task, None, recurrence, at, leads)
    assert day is not None
    if day.moment is not None:
        due = day.moment.astimezone(zone)
        at = due.timetz().replace(tzinfo=None)
    else:
        due = datetime.combine(day.day, at or time(23, 59), zone)  # a day alone means "by the end of that day"
    if due <= now:
        raise WhenError("past", f"{due:%H:%M %d/%m/%Y}" if at else f"{day.day:%d/%m/%Y}")
    return When(task, due, None, at, leads, day.note)


def _day_or_problem(folded: str, now: datetime) -> tuple[Day | WhenError, int] | None:
    """A day at the start of the text, or the problem with it (a year to ask for) and where it ends."""
    try:
        return day_at(folded, now)
    except WhenError as error:
        if error.code not in ("past_this_year", "not_this_year"):
            raise
        match = re.match(r"(?:ngay\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}", folded)
        return error, match.end() if match else len(error.value)


def _with_year(typed: str, problem: WhenError) -> str:
    """The typed time with the year that would make it valid: "28/11 14h" → "28/11/2027 14h"."""
    year = problem.year if problem.code == "past_this_year" else _next_leap(problem.year or 2000)
    return re.sub(r"(\d{1,2}\s*[/.\-]\s*\d{1,2})", lambda match: f"{problem.value}/{year}", typed, count=1)


def _next_leap(year: int) -> int:
    year += 1
    while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        year += 1
    return year
