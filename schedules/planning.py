"""Time arithmetic of reminders: due moments, the next occurrence, and every message of an occurrence (lead days,
lead hours, the deadline itself, the overdue rounds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from knowledge.dates import next_occurrence
from knowledge.model import Recurrence

END_OF_DAY = time(23, 59)
ESCALATION = -1  # the "lead" of the message sent at the deadline itself


@dataclass(frozen=True, slots=True)
class Cadence:
    """How a deployment reminds: lead days, lead hours (deadlines with a time of day), the time messages go out, and
    the overdue rounds (every `overdue_every` days, `overdue_times` times)."""

    lead_days: tuple[int, ...] = (7, 1, 0)
    lead_hours: tuple[int, ...] = (2,)
    send_time: time = time(7, 30)
    overdue_every: int = 1
    overdue_times: int = 3


@dataclass(frozen=True, slots=True)
class Step:
    """One message of an occurrence: its key in `planned_leads` ("d7", "h2", "h0", "e", "o1"), when it goes, and to
    whom ("targets": each chat that must act; "creator": the summary of who has not confirmed)."""

    key: str
    at: datetime
    audience: str = "targets"


def parse_clock(value: str | None) -> time | None:
    """"07:30" → time(7, 30); None stays None."""
    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def clock(value: time | None) -> str | None:
    """time(7, 30) → "07:30"."""
    return None if value is None else f"{value.hour:02d}:{value.minute:02d}"


def due_moment(day: date, due_time: time | None, zone: ZoneInfo) -> datetime:
    """The moment a deadline falls: the given time that day, or the end of the day."""
    return datetime.combine(day, due_time or END_OF_DAY, zone)


def has_time(due: datetime, zone: ZoneInfo) -> bool:
    """Whether a deadline names a time of day (anything but the end of the day)."""
    local = due.astimezone(zone)
    return (local.hour, local.minute) != (END_OF_DAY.hour, END_OF_DAY.minute)


def next_due(recurrence: Recurrence, after: datetime, due_time: time | None, zone: ZoneInfo) -> datetime:
    """The first due moment of a recurrence strictly after `after`."""
    day = next_occurrence(recurrence, after.astimezone(zone).date())
    moment = due_moment(day, due_time, zone)
    while moment <= after:
        day = next_occurrence(recurrence, day + timedelta(days=1))
        moment = due_moment(day, due_time, zone)
    return moment


def lead_send_at(due: datetime, lead: int, send_time: time, zone: ZoneInfo) -> datetime:
    """When the message `lead` days before `due` goes: at `send_time` that day, and always before the deadline."""
    if lead == ESCALATION:
        return due
    day = due.astimezone(zone).date() - timedelta(days=lead)
    moment = datetime.combine(day, send_time, zone)
    if moment >= due:
        moment = due - timedelta(hours=1)
    return moment


def steps(due: datetime, zone: ZoneInfo, cadence: Cadence, lead_days: list[int] | None = None) -> list[Step]:
    """Every message of one occurrence, in time order. A deadline with a time of day gets its lead hours and a
    message at the time; a lead day falling among those hours is left out. The summary for the creator goes at the
    deadline (the next morning for a deadline that is a whole day), the overdue rounds on the following days."""
    timed = has_time(due, zone)
    hours = sorted((hour for hour in cadence.lead_hours if hour > 0), reverse=True) if timed else []
    found: list[Step] = []
    for lead in lead_days if lead_days is not None else cadence.lead_days:
        at = lead_send_at(due, lead, cadence.send_time, zone)
        if hours and at > due - timedelta(hours=hours[0] + 1):
            continue  # the lead hours say it closer to the time
        found.append(Step(f"d{lead}", at))
    found += [Step(f"h{hour}", due - timedelta(hours=hour)) for hour in hours]
    if timed:
        found.append(Step("h0", due))
    day = due.astimezone(zone).date()
    next_morning = datetime.combine(day + timedelta(days=1), cadence.send_time, zone)
    found.append(Step("e", due if timed else next_morning, "creator"))
    for round_number in range(1, cadence.overdue_times + 1):
        at = datetime.combine(day + timedelta(days=round_number * cadence.overdue_every), cadence.send_time, zone)
        found.append(Step(f"o{round_number}", at))
    return sorted(found, key=lambda step: step.at)


def step_key(legacy: int | str) -> str:
    """A `planned_leads` entry as a step key: rows written before steps had names hold lead days as numbers."""
    return legacy if isinstance(legacy, str) else f"d{legacy}"


def days_left(due: datetime, at: datetime, zone: ZoneInfo) -> int:
    """Whole calendar days from `at` to `due` in the deployment's timezone."""
    return (due.astimezone(zone).date() - at.astimezone(zone).date()).days


def snooze_until(now: datetime, due: datetime, send_time: time, zone: ZoneInfo) -> datetime:
    """When "Nhắc lại sau" reminds again: in two hours on the last day, else (and once the deadline has passed)
    the next morning."""
    if now < due and due - now <= timedelta(hours=24):
        return min(now + timedelta(hours=2), due - timedelta(minutes=30)) if due - now > timedelta(hours=1) else now
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, send_time, zone)
