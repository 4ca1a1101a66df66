"""What a user typed after /nhac: when (a day, a time, a recurrence — at the start or anywhere in the text), lead
times, and the task (the rest)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from knowledge.model import Recurrence
from knowledge.vietnamese import fold
from schedules.errors import WhenError
from schedules.time_spans import SEPARATORS, Span, choose, find_spans, period_day
from schedules.when_words import time_at

_LEADS_RE = re.compile(r"\bnhac\s+truoc\s+(?P<days>\d{1,3}(?:\s*,\s*\d{1,3})*)\s*ngay\b")
_TRAILING_PUNCTUATION = " ,;:-–"


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


def parse_when(raw: str, now: datetime, zone: ZoneInfo) -> When:
    """Read "31/12 Nộp báo cáo", "mai 8h Họp", "Nộp báo cáo quý IV trước 17h ngày mai", "họp chi bộ thứ Sáu hằng
    tuần lúc 8h", "ngày 5 hằng tháng …", "3 ngày nữa …" with optional "nhắc trước 7,1 ngày": the time anywhere, the
    rest is the task. Dates are day first. Raises WhenError (no time, two times, a time that cannot be used)."""
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
    main, extra, rivals = choose(find_spans(folded, text, local))
    if main is None:
        if extra is not None:
            raise WhenError("no_day", _typed(text, extra))
        raise WhenError("no_date", _shortened(text))
    if rivals:
        raise WhenError("ambiguous", " và ".join(f"«{_typed(text, span)}»" for span in (main, *rivals[:2])))
    if main.problem is not None and main.problem.code not in ("past_this_year", "not_this_year"):
        raise main.problem
    taken = [(span.start, span.end) for span in (main, extra) if span is not None]
    recurrence = main.recurrence
    if recurrence is not None and (typed_day := period_day(folded, main, taken)):
        recurrence = replace(recurrence, day=typed_day[0])  # "hằng tháng … trước ngày 5"
        taken.append(typed_day[1:])
    task = _task(text, taken)
    if main.problem is not None:
        with_year = text[: main.start] + _with_year(text[main.start:main.end], main.problem) + text[main.end:]
        main.problem.example = f"/nhac {with_year}" + ("" if task else " …")
        raise main.problem
    if not task:
        raise WhenError("no_text", "")
    at = main.at
    if extra is not None:  # a time of day typed apart from its day, read in the day's part ("chiều mai … 3 giờ")
        found = time_at(folded[extra.time_start:], main.day.part if main.day else None)
        at = found[0] if found else extra.at
    if recurrence is not None:
        return When(task, None, recurrence, at, leads)
    day = main.day
    assert day is not None
    if day.moment is not None:
        due = day.moment.astimezone(zone)
        at = due.timetz().replace(tzinfo=None)
    else:
        due = datetime.combine(day.day, at or time(23, 59), zone)  # a day alone means "by the end of that day"
    if due <= now:
        raise WhenError("past", f"{due:%H:%M %d/%m/%Y}" if at else f"{day.day:%d/%m/%Y}")
    return When(task, due, None, at, leads, day.note)


def _typed(text: str, span: Span) -> str:
    """The time as the user typed it."""
    return text[span.start:span.end].strip(SEPARATORS)


def _shortened(text: str, limit: int = 60) -> str:
    """What the user typed, cut at a word to fit one line of a phone."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1] + "…"


def _task(text: str, taken: list[tuple[int, int]]) -> str:
    """The text without the time (the [start, end) pieces, cue words included), its punctuation tidied."""
    kept, position = [], 0
    for start, end in sorted(taken):
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    task = " ".join(" ".join(kept).split())
    task = re.sub(r"\(\s*\)|\[\s*\]", "", task)  # "(hạn 15/12)" leaves nothing in its brackets
    task = re.sub(r"\s+([,;:.!?)])", r"\1", task)
    task = re.sub(r"([,;:])(?:\s*[,;:.])+", r"\1", task)
    task = " ".join(task.split()).strip(_TRAILING_PUNCTUATION)
    if not text[position:].strip(" .!?)"):  # the time ended the sentence: its full stop goes with it
        task = task.rstrip(".!?").rstrip(_TRAILING_PUNCTUATION)
    return task


def _with_year(typed: str, problem: WhenError) -> str:
    """The typed time with the year that would make it valid: "28/11 14h" → "28/11/2027 14h"."""
    year = problem.year if problem.code == "past_this_year" else _next_leap(problem.year or 2000)
    return re.sub(r"(\d{1,2}\s*[/.\-]\s*\d{1,2})", lambda match: f"{problem.value}/{year}", typed, count=1)


def _next_leap(year: int) -> int:
    year += 1
    while not (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)):
        year += 1
    return year
