"""Errors of the schedules layer: a time the user wrote that cannot be read, a row that is not there."""

from __future__ import annotations


class ScheduleError(Exception):
    """Base class for errors raised by the schedules package."""


class WhenError(ScheduleError):
    """A /nhac time that cannot be used: `code` says why (empty, no_date, no_day, ambiguous, bad_date, bad_time,
    past, no_text, bad_leads, past_this_year, not_this_year); `year` is the year to suggest, `example` the command
    that would work."""

    def __init__(self, code: str, value: str, *, year: int | None = None, example: str = "") -> None:
        super().__init__(f"{code}: {value}")
        self.code = code
        self.value = value
        self.year = year
        self.example = example


class SchemaError(ScheduleError):
    """The database schema is missing or older than this version of the bot: run `python -m bot db upgrade`."""
