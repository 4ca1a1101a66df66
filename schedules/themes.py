"""The year-agnostic calendar of monthly propaganda themes and anniversaries, read from an editable YAML file."""

from __future__ import annotations

import calendar
from collections.abc import Hashable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

DEFAULT_THEMES = Path(__file__).with_name("themes.yaml")

_TOP_KEYS = frozenset({"months"})
_MONTH_KEYS = frozenset({"focus", "events"})
_EVENT_KEYS = frozenset({"day", "name", "founded", "local"})
_FIRST_YEAR, _LAST_YEAR = 1000, 2999


class ThemeError(ValueError):
    """A themes file that cannot be used: names the file, the key (or line) and the reason, in Vietnamese."""

    def __init__(self, path: str, key: str | None, reason: str, line: int | None = None) -> None:
        self.path = path
        self.key = key
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(": ".join(part for part in (where, key, reason) if part))


@dataclass(frozen=True, slots=True)
class Event:
    """An anniversary as written in the file: day and month, name, founding year when known, local or national."""

    day: int
    month: int
    name: str
    founded: int | None = None
    local: bool = False

    def in_year(self, year: int) -> Anniversary:
        """This event as it falls in `year`."""
        return Anniversary(self.day, self.month, self.name, self.founded, self.local, year)


@dataclass(frozen=True, slots=True)
class Anniversary:
    """An event in a given year, with the number of years since it was founded."""

    day: int
    month: int
    name: str
    founded: int | None
    local: bool
    year: int

    @property
    def years(self) -> int | None:
        """Years since the founding (year - founded); None when the founding year is unknown or not before `year`."""
        if self.founded is None or self.year - self.founded <= 0:
            return None
        return self.year - self.founded

    @property
    def major(self) -> bool:
        """True for a round anniversary: a positive multiple of 5 years (multiples of 10 included)."""
        return self.years is not None and self.years % 5 == 0

    @property
    def when(self) -> date:
        """The day it falls on in its year (29/2 only exists in leap years; the calendar skips it otherwise)."""
        return date(self.year, self.month, self.day)

    def title(self) -> str:
        """The heading: 'Kỷ niệm 96 năm <name> (3/2/1930 – 3/2/2026)', or just the name when years are unknown."""
        if self.years is None:
            return self.name
        return (
            f"Kỷ niệm {self.years} năm {self.name} "
            f"({self.day}/{self.month}/{self.founded} – {self.day}/{self.month}/{self.year})"
        )


@dataclass(frozen=True, slots=True)
class MonthTheme:
    """One month of one year: its propaganda focus topics and its anniversaries sorted by day."""

    month: int
    year: int
    focus: tuple[str, ...]
    events: tuple[Anniversary, ...]


@dataclass(frozen=True, slots=True)
class ThemeCalendar:
    """Focus topics and events for months 1–12 (index 0 is January), the same every year."""

    focus: tuple[tuple[str, ...], ...]
    events: tuple[tuple[Event, ...], ...]

    @classmethod
    def load(cls, path: Path = DEFAULT_THEMES) -> ThemeCalendar:
        """Read and check a themes file; any mistake raises ThemeError naming the file and the key."""
        return _parse(str(path), _read(path))

    def month(self, month: int, year: int) -> MonthTheme:
        """The focus topics and anniversaries of `month` in `year` (29/2 events only in leap years)."""
        if not 1 <= month <= 12:
            raise ValueError(f"month must be 1–12, not {month}")
        last = calendar.monthrange(year, month)[1]
        events = sorted((event for event in self.events[month - 1] if event.day <= last), key=lambda e: e.day)
        return MonthTheme(month, year, self.focus[month - 1], tuple(event.in_year(year) for event in events))

    def upcoming(self, today: date, days: int) -> list[Anniversary]:
        """Anniversaries from `today` through `today + days` inclusive, in date order, across year ends."""
        if days < 0:
            raise ValueError(f"days must not be negative, not {days}")
        end = today + timedelta(days=days)
        found = [
            anniversary
            for year in range(today.year, end.year + 1)
            for month in range(1, 13)
            for anniversary in self.month(month, year).events
            if today <= anniversary.when <= end
        ]
        return sorted(found, key=lambda anniversary: anniversary.when)


class _DuplicateKey(Exception):
    """A mapping key written twice; raised while reading, turned into a ThemeError with the line."""

    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key = key
        self.line = line


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that refuses a repeated key, which plain YAML would let silently replace the first one."""


def _construct_unique_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """Build a mapping like SafeLoader does, but fail on a key seen twice in it."""
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if isinstance(key, Hashable):
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def _read(path: Path) -> object:
    """The YAML content of `path`; unreadable files, bad syntax and repeated keys become ThemeError."""
    try:
        # _UniqueKeyLoader is a SafeLoader: no arbitrary Python objects are built.
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)
    except _DuplicateKey as error:
        raise ThemeError(str(path), str(error.key), "khóa bị viết hai lần, hãy gộp vào một chỗ", error.line) from error
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ThemeError(str(path), None, f"không đọc được tệp lịch chủ đề: {error}") from error


def _check_keys(file: str, key: str, data: dict[Any, Any], allowed: frozenset[str]) -> None:
    """Reject a key not in `allowed`, naming it and the ones that are."""
    for name in data:
        if name not in allowed:
            known = ", ".join(sorted(allowed))
            raise ThemeError(file, f"{key}.{name}" if key else str(name), f"khóa không hợp lệ (chỉ dùng: {known})")


def _parse(file: str, data: object) -> ThemeCalendar:
    """The calendar described by `data`, the content of `file`."""
    if not isinstance(data, dict) or "months" not in data:
        raise ThemeError(file, "months", "tệp lịch chủ đề phải có khóa 'months' chứa các tháng 1 đến 12")
    _check_keys(file, "", data, _TOP_KEYS)
    months = data["months"]
    if not isinstance(months, dict):
        raise ThemeError(file, "months", "phải là bảng số tháng: nội dung tháng")
    focus: list[tuple[str, ...]] = [()] * 12
    events: list[tuple[Event, ...]] = [()] * 12
    for month, body in months.items():
        key = f"months.{month}"
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise ThemeError(file, key, f"tháng {month} không hợp lệ, tháng phải là số từ 1 đến 12")
        if body is None:
            continue
        if not isinstance(body, dict):
            raise ThemeError(file, key, "nội dung tháng phải có các khóa 'focus' và 'events'")
        _check_keys(file, key, body, _MONTH_KEYS)
        focus[month - 1] = _parse_focus(file, f"{key}.focus", body.get("focus"))
        events[month - 1] = _parse_events(file, f"{key}.events", month, body.get("events"))
    return ThemeCalendar(tuple(focus), tuple(events))


def _parse_focus(file: str, key: str, data: object) -> tuple[str, ...]:
    """The focus topics of a month: a list of non-empty strings."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ThemeError(file, key, "phải là danh sách chủ đề, mỗi dòng bắt đầu bằng '- '")
    for position, topic in enumerate(data):
        if not isinstance(topic, str) or not topic.strip():
            raise ThemeError(file, f"{key}[{position}]", "mỗi chủ đề phải là một dòng chữ không trống")
    return tuple(topic.strip() for topic in data)


def _parse_events(file: str, key: str, month: int, data: object) -> tuple[Event, ...]:
    """The events of a month: a list of {day, name, founded?, local?}."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise ThemeError(file, key, "phải là danh sách sự kiện, mỗi sự kiện bắt đầu bằng '- day:'")
    return tuple(_parse_event(file, f"{key}[{position}]", month, item) for position, item in enumerate(data))


def _parse_event(file: str, key: str, month: int, data: object) -> Event:
    """One event, its day checked against the month (29/2 allowed) and its founding year within 1000–2999."""
    if not isinstance(data, dict):
        raise ThemeError(file, key, "mỗi sự kiện phải có các khóa 'day' và 'name'")
    _check_keys(file, key, data, _EVENT_KEYS)
    day = data.get("day")
    if isinstance(day, bool) or not isinstance(day, int):
        raise ThemeError(file, f"{key}.day", f"cần ngày trong tháng là một số, không phải {day!r}")
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:  # 2000 is a leap year: 29/2 is allowed
        raise ThemeError(file, f"{key}.day", f"ngày {day} không có trong tháng {month}")
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ThemeError(file, f"{key}.name", "cần tên sự kiện là một dòng chữ không trống")
    founded = data.get("founded")
    if founded is not None:
        if isinstance(founded, bool) or not isinstance(founded, int):
            raise ThemeError(file, f"{key}.founded", f"năm phải là một số bốn chữ số, không phải {founded!r}")
        if not _FIRST_YEAR <= founded <= _LAST_YEAR:
            raise ThemeError(file, f"{key}.founded", f"năm {founded} không hợp lệ (từ {_FIRST_YEAR} đến {_LAST_YEAR})")
    local = data.get("local") or False  # "local:" left empty means national, like leaving it out
    if not isinstance(local, bool):
        raise ThemeError(file, f"{key}.local", f"chỉ nhận true hoặc false, không phải {local!r}")
    return Event(day, month, name.strip(), founded, local)
