"""Wording of reminder commands: created, listed, confirmed (late too), progress, snoozed, closed, refused."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from handlers.wording.text import due_short, due_text, past_by, shorten
from handlers.wording.when import step_words
from knowledge.model import Recurrence
from schedules.repository import ReminderInfo

NO_REMINDER = "Không có nhắc việc #{number} ở đây. Xem danh sách bằng /dsnhac."
NO_REMINDERS = "Chưa có nhắc việc nào ở đây. Tạo bằng: /nhac 31/12 Nộp báo cáo tổng kết"
NEED_REMINDER_NUMBER = "Cần số của nhắc việc, ví dụ: {example}. Xem số ở /dsnhac."
TYPED_REMINDER_NUMBER = ("Số {number} để làm gì? Gõ lệnh kèm số: /xong {number} (đã xong), /tiendo {number} (ai đã "
                         "xong), /hoanlai {number} (nhắc lại sau).")
REMINDERS_FOOTER = "Báo xong: /xong <số> · ai đã xong: /tiendo <số>"
REMINDER_CANCELLED = "Đã hủy nhắc việc #{number}: «{text}»."
ALREADY_CONFIRMED = "{chat} đã xác nhận hoàn thành «{text}» rồi."
NOT_A_TARGET = "Nhắc việc #{number} không giao cho cuộc trò chuyện này."
NOT_YOURS = "Nhắc việc #{number} do {chat} tạo: chỉ nơi đó hủy hoặc đóng được."
NOTHING_OPEN = "Nhắc việc #{number} không còn kỳ nào đang chờ."
DONE_NO_SNOOZE = "Nhắc việc #{number} đã xác nhận xong, không cần nhắc lại."
NOTHING_WAITING = "Không có việc nào đang chờ xác nhận ở đây. Xem danh sách bằng /dsnhac."
NOTHING_OVERDUE = "Nhắc việc #{number} không có kỳ nào đang quá hạn."
CLOSED = "Đã đóng kỳ quá hạn của nhắc việc #{number}: «{text}». Bot thôi nhắc kỳ đó."
GONE_BUTTON = "Nút này không còn dùng được ở đây. Xem các nhắc việc bằng /dsnhac."
SNOOZED = "⏰ Sẽ nhắc lại #{number} «{text}» lúc {at:%H:%M} ngày {at:%d/%m}."
ALREADY_SNOOZED = "Đã hẹn nhắc lại #{number} lúc {at:%H:%M} ngày {at:%d/%m} rồi."
_PICK = {"xong": "Xác nhận xong việc nào?", "tiendo": "Xem tiến độ việc nào?", "hoanlai": "Nhắc lại sau việc nào?"}
TOO_MANY_REMINDERS = "Bạn đã tạo {limit} nhắc việc trong một giờ qua, mức tối đa. Xin thử lại sau ít phút."
FOLLOW_FIRST = "Hãy xem danh sách bằng /hanchot trước, rồi gõ /theodoi <số thứ tự>."
FOLLOW_NO_SUCH = "Không có hạn số {number}: danh sách /hanchot vừa xem đánh số từ 1 đến {count}."
FOLLOW_PAST = "Hạn này đã qua ({due}), không tạo nhắc việc."
FOLLOW_UNDATED = "Mục này không có ngày cụ thể để nhắc."


def follow_period_end(recurrence: Recurrence) -> str:
    """Why a followed duty that names no day is reminded on the last day of its period."""
    period = {"month": "mỗi tháng", "quarter": "mỗi quý"}.get(recurrence.every, "mỗi năm")
    if recurrence.every == "year" and recurrence.month:
        period = f"tháng {recurrence.month} hằng năm"
    if recurrence.every == "quarter" and recurrence.month in (1, 2):
        period = "tháng đầu mỗi quý" if recurrence.month == 1 else "tháng thứ hai mỗi quý"
    return f"ℹ️ Văn bản không nêu ngày cụ thể nên bot nhắc vào ngày cuối {period}."


def late_text(due: datetime, at: datetime, zone: ZoneInfo) -> str:
    """"trễ 2 ngày" (calendar days after the deadline's day), on the day itself "trễ 3 giờ", "trễ 10 phút"."""
    return f"trễ {past_by(due, at, zone)}"


def previous_round(due: datetime, zone: ZoneInfo, confirmed_at: list[datetime | None]) -> str:
    """Under /tiendo of a recurring reminder: how the round before went ("đã xong 1/1 (1 trễ)")."""
    done = [at for at in confirmed_at if at is not None]
    late = sum(1 for at in done if at > due)
    return (f"Kỳ trước, hạn {due_short(due, zone)}: đã xong {len(done)}/{len(confirmed_at)}"
            f"{f' ({late} trễ)' if late else ''}.")


def reminder_created(number: int, text: str, due: datetime | None, recurrence: Recurrence | None, coming: list[str],
                     passed: list[str], zone: ZoneInfo, note: str = "") -> str:
    """Confirmation of a new reminder: its deadline, the moments it will remind, those already past."""
    lines = [f"✅ Đã tạo nhắc việc #{number}: «{shorten(text, 200)}»"]
    if recurrence is not None:
        lines.append(f"Lặp lại: {recurrence.describe()}.")
    if due is not None:
        label = "Hạn kỳ đầu" if recurrence else "Hạn"
        lines.append(f"{label}: {due_text(due, zone, True)}.")
    if note:
        lines.append(f"ℹ️ {note}")
    lines.append(f"Sẽ nhắc: {step_words(coming)}." if coming else "Không còn mốc nhắc nào trước hạn.")
    if passed:  # said as moments skipped, so "7 ngày" cannot be read as "7 days have passed"
        lines.append(f"{'Kỳ đầu: m' if recurrence else 'M'}ốc nhắc {step_words(passed)} đã qua nên bỏ qua.")
    lines.append(f"Xác nhận xong bằng /xong {number}.")
    return "\n".join(lines)


def pick_heading(command: str, more: int) -> str:
    """A command typed without its number: which reminder, and how to name it."""
    rest = f"\nCòn {more} việc khác: xem số ở /dsnhac." if more else ""
    return f"{_PICK.get(command, 'Việc nào?')} Chọn một việc dưới đây hoặc gõ /{command} kèm số.{rest}"


def pick_label(number: int, text: str) -> str:
    """A reminder offered as a button: its number and the start of its text."""
    return f"#{number} {shorten(text, 40)}"


def reminder_line(reminder: ReminderInfo, today: date, zone: ZoneInfo, done: int, total: int) -> str:
    """One reminder in /dsnhac."""
    if reminder.next_due is None:
        when = "không còn kỳ nào"
    else:
        days = (reminder.next_due.astimezone(zone).date() - today).days
        left = ("hôm nay" if days == 0 else "ngày mai" if days == 1 else f"còn {days} ngày" if days > 0
                else f"quá hạn {-days} ngày")
        local = reminder.next_due.astimezone(zone)
        clock = f"{local:%H:%M} " if (local.hour, local.minute) != (23, 59) else ""  # a time of day is part of it
        when = f"{clock}{local:%d/%m/%Y} ({left})"
    repeat = f" · {reminder.recurrence.describe()}" if reminder.recurrence else ""
    return f"#{reminder.number} · {when}{repeat} · {shorten(reminder.text, 90)} — {done}/{total} đã xong"


def reminders_heading(count: int) -> str:
    """First line of /dsnhac."""
    return f"Nhắc việc đang theo dõi ({count}):"


def confirmed(chat: str, text: str, due: datetime, zone: ZoneInfo, who: str, at: datetime | None = None) -> str:
    """Acknowledgement of /xong, saying how late it came (`at`: when, if after the deadline); the person is named
    only when it is not the chat itself (a private chat is named after its person)."""
    late = f" ({late_text(due, at, zone)})" if at is not None and at > due else ""
    by = f" Người xác nhận: {who}." if who != chat else ""
    return f"✅ Đã ghi nhận{late}: {chat} hoàn thành «{text}» (hạn {due_short(due, zone)}).{by}"


def progress(number: int, text: str, due: datetime | None, zone: ZoneInfo,
             rows: list[tuple[str, str | None, datetime | None]], now: datetime) -> str:
    """/tiendo: who confirmed (and how late) and who has not."""
    head = f"Tiến độ #{number} «{shorten(text, 80)}»"
    if due is not None:
        overdue = f", quá hạn {past_by(due, now, zone)}" if now > due and any(not who for _, who, _ in rows) else ""
        head += f" — hạn {due_short(due, zone)}{overdue}"
    lines = [head + ":"]
    for chat, who, at in rows:
        if who and at:
            late = f" ({late_text(due, at, zone)})" if due is not None and at > due else ""
            by = f", xác nhận hộ bởi {who}" if who != chat else ""
            lines.append(f"✅ {chat} — {at.astimezone(zone):%H:%M %d/%m}{late}{by}")
        else:
            lines.append(f"⏳ {chat} — chưa xác nhận")
    done = sum(1 for _, who, _ in rows if who)
    lines.append(f"Đã xong {done}/{len(rows)}.")
    return "\n".join(lines)
