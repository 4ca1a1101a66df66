"""Time arithmetic of reminders: due moments, the next occurrence, and when each lead-time message goes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from knowledge.dates import next_occurrence
from knowledge.model import Recurrence

END_OF_DAY = time(23, 59)
ESCALATION = -1  # the "lead" of the message sent at the deadline itself


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


def days_left(due: datetime, at: datetime, zone: ZoneInfo) -> int:
    """Whole calendar days from `at` to `due` in the deployment's timezone."""
    return (due.astimezone(zone).date() - at.astimezone(zone).date()).days


def snooze_until(now: datetime, due: datetime, send_time: time, zone: ZoneInfo) -> datetime:
    """When "Nhắc lại sau" reminds again: in two hours on the last day, else the next morning."""
    if due - now <= timedelta(hours=24):
        return min(now + timedelta(hours=2), due - timedelta(minutes=30)) if due - now > timedelta(hours=1) else now
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, send_time, zone)
