"""The words of a /nhac time, read on tone-folded text: days (31/12, mai, thứ Hai tuần sau, cuối tháng, 3 ngày nữa),
times of day (8h, 14:30, 3 giờ chiều) and recurrences (hằng tháng ngày 20, thứ Sáu hằng tuần, 15/3 hằng năm)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from knowledge.dates import safe_date
from knowledge.model import Recurrence
from schedules.errors import WhenError

_EVERY = r"(?:hang|moi)"
_END = r"(?=[\s,;.!?)]|$)"  # a time ends at a space, a punctuation mark or the end of the text
_PART = r"(?:(?P<part>sang|trua|chieu|toi)\s+)?"  # "chiều mai", "sáng thứ Hai": the part of the day
_WEEKDAY = (r"(?:thu\s*(?P<wd>hai|ba|tu|nam|sau|bay|[2-7])|(?P<sun>chu\s*nhat|cn)|t(?P<wdn>[2-7]))")
_WEEKDAY_NUMBERS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
_DAY_OF_PERIOD = r"(?:\s*,?\s*(?:vao\s+|truoc\s+)?ngay\s+(?P<d>\d{1,2}|cuoi(?:\s+thang|\s+quy)?))?"

DATE_RE = re.compile(r"(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{2,4}))?" + _END)
_CLOCK = r"\d{1,2}\s*(?::|h|g|gio)\s*(?:\d{2}|ruoi)?(?:\s*(?:phut|p))?(?:\s+(?:sang|trua|chieu|toi|dem))?"
TIME_RE = re.compile(
    r"(?:(?:luc|vao\s+luc|vao|tu)\s+)?(?P<h>\d{1,2})\s*(?::|h|g|gio)\s*(?P<mi>\d{2}|ruoi)?(?:\s*(?:phut|p))?"
    r"(?:\s+(?P<part>sang|trua|chieu|toi|dem))?"
    r"(?:\s*(?:den|toi|-|–)\s*" + _CLOCK + ")?" + _END  # "từ 8h đến 11h": from its start
)
_TODAY_RE = re.compile(r"(?:hom\s+nay|ngay\s+hom\s+nay)" + _END)
_TOMORROW_RE = re.compile(_PART + r"(?P<day>ngay\s+)?mai" + _END)
_AFTER_TOMORROW_RE = re.compile(_PART + r"(?:ngay\s+kia|ngay\s+mot)" + _END)
_WEEKDAY_RE = re.compile(r"(?:vao\s+)?" + _PART + _WEEKDAY
                         + r"(?:\s+(?P<week>tuan\s+(?:sau|toi)|tuan\s+nay|nay|toi))?" + _END)
_MONTH_OF_RE = re.compile(r"(?:trong|cuoi|het)\s+thang\s+(?P<m>\d{1,2})(?:\s*(?:/|nam)\s*(?P<y>\d{4}))?" + _END)
_END_OF_RE = re.compile(r"cuoi\s+(?P<unit>tuan|thang|nam)(?:\s+(?P<which>nay|sau|toi))?" + _END)
_IN_RE = re.compile(r"(?:sau\s+)?(?P<n>\d{1,3})\s+(?P<unit>phut|gio|tieng|ngay|tuan|thang)\s+(?:nua|toi)" + _END
                    + r"|sau\s+(?P<n2>\d{1,3})\s+(?P<unit2>phut|gio|tieng|ngay|tuan|thang)" + _END)

_MONTH_END_RE = re.compile(r"(?:vao\s+)?ngay\s+cuoi\s+(?:cung\s+cua\s+)?(?:moi\s+|hang\s+)?thang" + _END)
_MONTHLY_RE = re.compile(_EVERY + r"\s+thang" + _DAY_OF_PERIOD + _END)
_DAY_MONTHLY_RE = re.compile(r"(?:vao\s+)?ngay\s+(?P<d>\d{1,2}|cuoi)\s+" + _EVERY + r"\s+thang" + _END)
_QUARTERLY_RE = re.compile(_EVERY + r"\s+quy" + _DAY_OF_PERIOD + _END)
_DAY_QUARTERLY_RE = re.compile(r"(?:vao\s+)?ngay\s+(?P<d>\d{1,2}|cuoi)\s+" + _EVERY + r"\s+quy" + _END)
_YEARLY_RE = re.compile(
    _EVERY + r"\s+nam(?:\s*,?\s*(?:vao\s+|truoc\s+)?(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2}))?" + _END
)
_DAY_YEARLY_RE = re.compile(
    r"(?:ngay\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*,?\s+" + _EVERY + r"\s+nam" + _END
)
_WEEKLY_RE = re.compile(_EVERY + r"\s+tuan(?:\s*,?\s*(?:vao\s+)?" + _WEEKDAY + r")?" + _END)
_WEEKDAY_WEEKLY_RE = re.compile(r"(?:vao\s+)?" + _WEEKDAY + r"\s+" + _EVERY + r"\s+tuan" + _END)


@dataclass(frozen=True, slots=True)
class Day:
    """A one-off day read from the text, or an exact moment ("2 giờ nữa"); `note` says how it was understood,
    `part` the part of the day typed before it ("chiều mai"), `weak` whether the words could mean something else
    ("mai" is also a name, "thứ 7" also "the seventh")."""

    day: date
    moment: datetime | None = None
    note: str = ""
    part: str | None = None
    weak: bool = False


def weekday_of(match: re.Match[str]) -> int:
    """Monday 0 … Sunday 6 from a match of the weekday words."""
    if match["sun"]:
        return 6
    value = match["wd"] or match["wdn"]
    if value.isdigit():
        return int(value) - 2
    return _WEEKDAY_NUMBERS[value]


def recurrence_at(folded: str) -> tuple[Recurrence, int] | None:
    """A recurrence at the start of `folded`, and where it ends; None when there is none."""
    if match := _MONTH_END_RE.match(folded):
        return Recurrence("month", 31), match.end()
    for pattern, every in ((_MONTHLY_RE, "month"), (_DAY_MONTHLY_RE, "month"), (_QUARTERLY_RE, "quarter"),
                           (_DAY_QUARTERLY_RE, "quarter")):
        if match := pattern.match(folded):
            return Recurrence(every, _day(match["d"], match.group(0))), match.end()
    for pattern in (_DAY_YEARLY_RE, _YEARLY_RE):
        if match := pattern.match(folded):
            if match["d"] is None:
                return Recurrence("year", 31, 12), match.end()
            day, month = int(match["d"]), int(match["m"])
            if safe_date(2024, month, day) is None:
                raise WhenError("bad_date", match.group(0))
            return Recurrence("year", day, month), match.end()
    for pattern in (_WEEKDAY_WEEKLY_RE, _WEEKLY_RE):
        if match := pattern.match(folded):
            weekday = weekday_of(match) if (match["wd"] or match["wdn"] or match["sun"]) else None
            return Recurrence("week", None, None, weekday), match.end()
    return None


def _day(value: str | None, shown: str) -> int:
    if value is None or value.startswith("cuoi"):
        return 31
    day = int(value)
    if not 1 <= day <= 31:
        raise WhenError("bad_date", shown)
    return day


def day_at(folded: str, now: datetime) -> tuple[Day, int] | None:
    """A one-off day at the start of `folded` (`now` is local), and where it ends; None when there is none."""
    today = now.date()
    if match := DATE_RE.match(folded):
        return dated(match, today), match.end()
    if match := _TODAY_RE.match(folded):
        return Day(today), match.end()
    if match := _TOMORROW_RE.match(folded):
        weak = not match["part"] and not match["day"]
        return Day(today + timedelta(days=1), part=match["part"], weak=weak), match.end()
    if match := _AFTER_TOMORROW_RE.match(folded):
        return Day(today + timedelta(days=2), part=match["part"]), match.end()
    if match := _WEEKDAY_RE.match(folded):
        weekday, week, part = weekday_of(match), match["week"] or "", match["part"]
        if week.startswith("tuan") and not week.endswith("nay"):  # "tuần sau": that day of next week
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return Day(monday + timedelta(days=weekday), part=part), match.end()
        weak = not week and not part and not match.group(0).startswith("vao")
        return Day(today + timedelta(days=(weekday - today.weekday()) % 7), part=part, weak=weak), match.end()
    if match := _MONTH_OF_RE.match(folded):
        return _month_end(int(match["m"]), int(match["y"]) if match["y"] else None, today, match.group(0)), match.end()
    if match := _END_OF_RE.match(folded):
        return Day(_end_of(match["unit"], match["which"] in ("sau", "toi"), today)), match.end()
    if match := _IN_RE.match(folded):
        count, unit = int(match["n"] or match["n2"]), match["unit"] or match["unit2"]
        if unit in ("phut", "gio", "tieng"):
            moment = now + timedelta(minutes=count if unit == "phut" else 60 * count)
            moment = moment.replace(second=0, microsecond=0)
            return Day(moment.date(), moment), match.end()
        if unit == "thang":
            return Day(_months_later(today, count)), match.end()
        return Day(today + timedelta(days=count * (7 if unit == "tuan" else 1))), match.end()
    return None


def _end_of(unit: str, following: bool, today: date) -> date:
    """The last day of this (or the next) week, month or year."""
    if unit == "tuan":
        return today + timedelta(days=6 - today.weekday() + (7 if following else 0))
    if unit == "thang":
        month = _months_later(today.replace(day=1), 1 if following else 0)
        return month.replace(day=calendar.monthrange(month.year, month.month)[1])
    return date(today.year + (1 if following else 0), 12, 31)


def _month_end(month: int, year: int | None, today: date, shown: str) -> Day:
    """The last day of a month named by its number ("cuối tháng 12"): this year's, or next year's once it has
    passed, and then the note says so."""
    if not 1 <= month <= 12:
        raise WhenError("bad_date", shown)
    found = date(year or today.year, month, calendar.monthrange(year or today.year, month)[1])
    if year is not None or found >= today:
        return Day(found)
    following = date(today.year + 1, month, calendar.monthrange(today.year + 1, month)[1])
    return Day(following, note=f"Tháng {month} năm {today.year} đã qua nên hiểu là {following:%d/%m/%Y}.")


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def dated(match: re.Match[str], today: date) -> Day:
    """A typed day and month (and year): without a year, this year's; one already past is next year's only when
    it is near (the first weeks of next year), and then the note says so; otherwise the user is asked."""
    day, month = int(match["d"]), int(match["m"])
    shown = f"{day:02d}/{month:02d}"
    if match["y"]:
        year = int(match["y"]) + (2000 if len(match["y"]) == 2 else 0)
        found = safe_date(year, month, day)
        if found is None:
            raise WhenError("bad_date", match.group(0).strip())
        return Day(found)
    if safe_date(2024, month, day) is None:
        raise WhenError("bad_date", match.group(0).strip())
    found = safe_date(today.year, month, day)
    if found is None:
        raise WhenError("not_this_year", shown, year=today.year)
    if found >= today:
        return Day(found)
    following = safe_date(today.year + 1, month, day)
    if following is not None and (following - today).days <= 62:
        return Day(following, note=f"{shown} đã qua trong năm {today.year} nên hiểu là {following:%d/%m/%Y}.")
    raise WhenError("past_this_year", shown, year=today.year + 1)


def time_at(folded: str, part: str | None = None) -> tuple[time, int] | None:
    """A time of day at the start of `folded` ("8h", "14:30", "3 giờ chiều", "8h rưỡi"), and where it ends;
    `part` is the part of the day already typed before the day ("chiều mai 3 giờ"), used when none follows."""
    match = TIME_RE.match(folded)
    if match is None:
        return None
    hour = int(match["h"])
    minute = 30 if match["mi"] == "ruoi" else int(match["mi"] or 0)
    part = match["part"] or part
    if (part in ("chieu", "toi") and hour < 12) or (part == "dem" and 6 <= hour < 12):
        hour += 12  # "3 giờ chiều" is 15:00, "11 giờ đêm" 23:00
    elif part == "dem" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        raise WhenError("bad_time", match.group(0).strip())
    return time(hour, minute), match.end()
