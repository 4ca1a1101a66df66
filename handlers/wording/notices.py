"""Wording of what the outbox sends about reminders: lead-time messages, the deadline, the overdue rounds, the
creator's summary of who has not confirmed."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.wording.text import due_text, shorten

LATE_PREFIX = "(Gửi muộn) "
DONE_LABEL, SNOOZE_LABEL = "✅ Đã xong", "⏰ Nhắc lại sau"


def lead_notice(text: str, due: datetime, left: timedelta, days: int, zone: ZoneInfo, *, hours: int | None,
                late: bool, snoozed: bool, cite: str | None) -> str:
    """The reminder message: how long is left ("Còn 7 ngày", "Còn 2 giờ", "Đến hạn"), what, by when."""
    if hours == 0 or left <= timedelta(0):
        when = "Đến hạn"
    elif hours is not None:
        when = f"Còn {max(1, round(left.total_seconds() / 3600))} giờ"
    elif days <= 0:
        when = "Hôm nay là hạn chót"
    elif days == 1:
        when = "Còn 1 ngày (hạn là ngày mai)"
    else:
        when = f"Còn {days} ngày"
    prefix = (LATE_PREFIX if late else "") + ("Nhắc lại — " if snoozed else "")
    lines = [f"⏰ {prefix}{when}: {text} — hạn {due_text(due, zone, True)}."]
    if cite:
        lines.append(f"📄 {cite}")
    return "\n".join(lines)


def overdue_notice(text: str, due: datetime, days: int, zone: ZoneInfo, *, late: bool, cite: str | None) -> str:
    """An overdue round to a chat that has not confirmed."""
    lines = [f"📋 {LATE_PREFIX if late else ''}Quá hạn {max(days, 1)} ngày: {text} — hạn {due_text(due, zone, True)}. "
             "Chưa xác nhận hoàn thành."]
    if cite:
        lines.append(f"📄 {cite}")
    return "\n".join(lines)


def escalation(text: str, due: datetime, zone: ZoneInfo, missing: list[str], *, late: bool,
               number: int | None = None) -> str:
    """For the creator at the deadline: who has not confirmed, and how to stop the overdue messages."""
    prefix = LATE_PREFIX if late else ""
    lines = [f"📋 {prefix}Đến hạn «{shorten(text, 200)}» ({due.astimezone(zone):%d/%m/%Y}). "
             f"Chưa xác nhận hoàn thành ({len(missing)}): " + ", ".join(missing) + "."]
    if number:
        lines.append(f"Xem tiến độ: /tiendo {number} · thôi nhắc: /dong {number}")
    return "\n".join(lines)
