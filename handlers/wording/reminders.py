"""Wording of reminders: /nhac and its problems, lists, confirmations, progress, lead-time messages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.wording.text import due_text, shorten
from knowledge.model import Recurrence
from schedules.repository import ReminderInfo


def follow_period_end(recurrence: Recurrence) -> str:
    """Why a followed duty that names no day is reminded on the last day of its period."""
    period = {"month": "mỗi tháng", "quarter": "mỗi quý"}.get(recurrence.every, "mỗi năm")
    if recurrence.every == "year" and recurrence.month:
        period = f"tháng {recurrence.month} hằng năm"
    return f"ℹ️ Văn bản không nêu ngày cụ thể nên bot nhắc vào ngày cuối {period}."


WHEN_EXAMPLES = """Ví dụ:
/nhac 31/12 Nộp báo cáo tổng kết
/nhac 25/01/2027 08:00 Họp giao ban
/nhac hằng tháng ngày 20 Báo cáo tiến độ
/nhac hằng quý Báo cáo kết quả quý
/nhac ngày cuối tháng Nộp bảng chấm công
/nhac 31/12 nhắc trước 10,3 ngày Nộp báo cáo năm"""


WHEN_PROBLEMS = {
    "no_date": "Chưa đọc được ngày ở đầu lệnh «{value}».",
    "bad_date": "Ngày «{value}» không có thật.",
    "bad_time": "Giờ «{value}» không hợp lệ.",
    "past": "Thời điểm {value} đã qua.",
    "no_text": "Thiếu nội dung công việc cần nhắc.",
    "bad_leads": "Số ngày nhắc trước «{value}» quá lớn (tối đa 365).",
}


NO_REMINDER = "Không có nhắc việc #{number}. Xem danh sách bằng /dsnhac."


NO_REMINDERS = "Chưa có nhắc việc nào ở đây. Tạo bằng: /nhac 31/12 Nộp báo cáo tổng kết"


REMINDER_CANCELLED = "Đã hủy nhắc việc #{number}: «{text}»."


ALREADY_CONFIRMED = "{chat} đã xác nhận hoàn thành «{text}» rồi."


NOT_A_TARGET = "Nhắc việc #{number} không giao cho cuộc trò chuyện này."


NOTHING_OPEN = "Nhắc việc #{number} không còn kỳ nào đang chờ."


SNOOZED = "⏰ Sẽ nhắc lại lúc {at:%H:%M} ngày {at:%d/%m}."


FOLLOW_FIRST = "Hãy xem danh sách bằng /hanchot trước, rồi gõ /theodoi <số thứ tự>."


FOLLOW_PAST = "Hạn này đã qua ({due}), không tạo nhắc việc."


FOLLOW_UNDATED = "Mục này không có ngày cụ thể để nhắc."


FOLLOW_WEEKLY = ("Mục này lặp lại {every}: bot chưa nhắc được việc hằng tuần. "
                 "Bạn tạo nhắc cho từng lần bằng /nhac <ngày> <việc>, ví dụ: /nhac 05/12 Báo cáo tuần.")


LATE_PREFIX = "(Gửi muộn) "


DONE_LABEL, SNOOZE_LABEL = "✅ Đã xong", "⏰ Nhắc lại sau"


def when_problem(code: str, value: str) -> str:
    """Why a /nhac time could not be used, with examples of the right form."""
    return WHEN_PROBLEMS.get(code, "Chưa đọc được thời gian.").format(value=value) + "\n" + WHEN_EXAMPLES


def leads_text(leads: list[int]) -> str:
    """"7 ngày, 1 ngày và sáng ngày đến hạn"."""
    parts = [f"{lead} ngày" if lead > 0 else "sáng ngày đến hạn" for lead in sorted(leads, reverse=True)]
    return " và ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else (parts[0] if parts else "không")


def reminder_created(number: int, text: str, due: datetime | None, recurrence: Recurrence | None, leads: list[int],
                     zone: ZoneInfo) -> str:
    """Confirmation of a new reminder."""
    lines = [f"✅ Đã tạo nhắc việc #{number}: «{shorten(text, 200)}»"]
    if recurrence is not None:
        lines.append(f"Lặp lại: {recurrence.describe()}.")
    if due is not None:
        label = "Hạn kỳ đầu" if recurrence else "Hạn"
        lines.append(f"{label}: {due_text(due, zone, True)}.")
    lines.append(f"Nhắc trước: {leads_text(leads)}. Xác nhận xong bằng /xong {number}.")
    return "\n".join(lines)


def reminder_line(reminder: ReminderInfo, today: date, zone: ZoneInfo, done: int, total: int) -> str:
    """One reminder in /dsnhac."""
    if reminder.next_due is None:
        when = "không còn kỳ nào"
    else:
        days = (reminder.next_due.astimezone(zone).date() - today).days
        left = "hôm nay" if days == 0 else f"còn {days} ngày" if days > 0 else "quá hạn"
        when = f"{reminder.next_due.astimezone(zone):%d/%m/%Y} ({left})"
    repeat = f" · {reminder.recurrence.describe()}" if reminder.recurrence else ""
    return f"#{reminder.id} · {when}{repeat} · {shorten(reminder.text, 90)} — {done}/{total} đã xong"


def reminders_heading(count: int) -> str:
    """First line of /dsnhac."""
    return f"Nhắc việc đang theo dõi ({count}):"


def confirmed(chat: str, text: str, due: datetime, zone: ZoneInfo, who: str) -> str:
    """Acknowledgement of /xong."""
    return f"✅ Đã ghi nhận: {chat} hoàn thành «{text}» (hạn {due.astimezone(zone):%d/%m/%Y}). Người xác nhận: {who}."


def progress(number: int, text: str, due: datetime | None, zone: ZoneInfo, rows: list[tuple[str, str | None,
             datetime | None]]) -> str:
    """/tiendo: who confirmed and who has not."""
    head = f"Tiến độ #{number} «{shorten(text, 80)}»"
    if due is not None:
        head += f" — hạn {due.astimezone(zone):%d/%m/%Y}"
    lines = [head + ":"]
    for chat, who, at in rows:
        if who and at:
            lines.append(f"✅ {chat} — {who}, {at.astimezone(zone):%H:%M %d/%m}")
        else:
            lines.append(f"⏳ {chat} — chưa xác nhận")
    done = sum(1 for _, who, _ in rows if who)
    lines.append(f"Đã xong {done}/{len(rows)}.")
    return "\n".join(lines)


def lead_notice(text: str, due: datetime, days: int, zone: ZoneInfo, *, late: bool, snoozed: bool,
                cite: str | None) -> str:
    """The reminder message: how long is left, what, by when."""
    if days <= 0:
        left = "Hôm nay là hạn chót"
    elif days == 1:
        left = "Còn 1 ngày (hạn là ngày mai)"
    else:
        left = f"Còn {days} ngày"
    prefix = (LATE_PREFIX if late else "") + ("Nhắc lại — " if snoozed else "")
    lines = [f"⏰ {prefix}{left}: {text} — hạn {due_text(due, zone, True)}."]
    if cite:
        lines.append(f"📄 {cite}")
    return "\n".join(lines)


def escalation(text: str, due: datetime, zone: ZoneInfo, missing: list[str], *, late: bool) -> str:
    """At the deadline: who has not confirmed."""
    prefix = LATE_PREFIX if late else ""
    return (f"📋 {prefix}Đến hạn «{text}» ({due.astimezone(zone):%d/%m/%Y}). "
            f"Chưa xác nhận hoàn thành ({len(missing)}): " + ", ".join(missing) + ".")
