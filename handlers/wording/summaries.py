"""Wording of the summaries: what is overdue in a chat (/quahan) and the weekly digest (/tonghop)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.wording.text import due_short, past_by, shorten, weekday

NO_OVERDUE = "Không có việc nào quá hạn mà chưa xác nhận ở đây. 👍"
NOTHING_THIS_WEEK = "Không có hạn nào trong {days} ngày tới và không có việc quá hạn ở đây."


def overdue_line(number: int, text: str, due: datetime, now: datetime, zone: ZoneInfo, missing: list[str]) -> str:
    """One overdue item: its number here, what, since when ("quá 2 ngày", the same day "quá 3 giờ"), who has not
    confirmed."""
    who = f" — chưa xác nhận: {', '.join(missing[:5])}" + (f" và {len(missing) - 5} nơi khác" if len(missing) > 5
                                                        else "") if missing else ""
    late = past_by(due, now, zone)
    return f"• #{number} {shorten(text, 90)} — hạn {due_short(due, zone)}, quá {late}{who} · /xong {number}"


def overdue_heading(count: int) -> str:
    """First line of /quahan."""
    return f"Quá hạn, chưa xác nhận ({count}):"


def coming_line(number: int, text: str, due: datetime, zone: ZoneInfo, done: int, total: int) -> str:
    """One coming deadline of the digest."""
    local = due.astimezone(zone)
    clock = f" {local:%H:%M}" if (local.hour, local.minute) != (23, 59) else ""
    return f"• {local:%d/%m} ({weekday(local.date())}){clock} #{number} {shorten(text, 90)} — {done}/{total} đã xong"


def digest(start: date, end: date, coming: list[str], overdue: list[str]) -> str:
    """The weekly digest: the coming deadlines, then what is overdue."""
    lines = [f"🗓 Tổng hợp nhắc việc {start:%d/%m} – {end:%d/%m/%Y}:"]
    lines.append(f"Sắp đến hạn ({len(coming)}):" if coming else "Không có hạn nào sắp tới.")
    lines += coming
    if overdue:
        lines += [overdue_heading(len(overdue)), *overdue]
    lines.append("Xác nhận xong: /xong <số> · danh sách: /dsnhac")
    return "\n".join(lines)
