"""Shared pieces of wording: shortening a text at a word, weekdays, due dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SHORT_TEXT = 140


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """Cut a text at a word boundary so it fits in `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def weekday(day: date) -> str:
    """"thứ Năm" for a Thursday."""
    return WEEKDAYS[day.weekday()]


def due_short(due: datetime, zone: ZoneInfo) -> str:
    """"24/11/2026", or "17:00 24/11/2026" for a deadline with a time of day."""
    local = due.astimezone(zone)
    return f"{local:%H:%M} {local:%d/%m/%Y}" if (local.hour, local.minute) != (23, 59) else f"{local:%d/%m/%Y}"


def past_by(due: datetime, at: datetime, zone: ZoneInfo) -> str:
    """How long after a deadline a moment is: "2 ngày" (calendar days after the deadline's day), on the day itself
    "3 giờ" or "10 phút"."""
    days = (at.astimezone(zone).date() - due.astimezone(zone).date()).days
    if days >= 1:
        return f"{days} ngày"
    late_by = max(at - due, timedelta(0))
    if late_by >= timedelta(hours=1):
        return f"{late_by.seconds // 3600} giờ"
    return f"{max(1, late_by.seconds // 60)} phút"


def due_text(due: datetime, zone: ZoneInfo, with_time: bool) -> str:
    """"31/12/2026 (thứ Năm)" or "08:00 25/01/2027 (thứ Hai)"."""
    local = due.astimezone(zone)
    clock_part = f"{local:%H:%M} " if with_time and (local.hour, local.minute) != (23, 59) else ""
    return f"{clock_part}{local:%d/%m/%Y} ({weekday(local.date())})"
