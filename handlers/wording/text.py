"""Shared pieces of wording: shortening a text at a word, weekdays, due dates."""

from __future__ import annotations

from datetime import date, datetime
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


def due_text(due: datetime, zone: ZoneInfo, with_time: bool) -> str:
    """"31/12/2026 (thứ Năm)" or "08:00 25/01/2027 (thứ Hai)"."""
    local = due.astimezone(zone)
    clock_part = f"{local:%H:%M} " if with_time and (local.hour, local.minute) != (23, 59) else ""
    return f"{clock_part}{local:%d/%m/%Y} ({weekday(local.date())})"
