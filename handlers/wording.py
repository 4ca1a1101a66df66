"""Every sentence the bot says, in one place: Vietnamese first, short, readable on a phone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from knowledge.answering import Candidate, Source
from knowledge.model import Deadline, DocumentInfo, Recurrence, Target
from knowledge.numbers import format_number
from schedules.repository import ReminderInfo
from schedules.themes import MonthTheme

CHOICES_HINT = "Có phải bạn muốn hỏi:"
TOPICS_HINT = "Các chủ đề gần nhất trong văn bản:"
APOLOGY = "Xin lỗi, đã có lỗi khi xử lý tin nhắn này. Bạn thử lại sau ít phút nhé."
UNKNOWN_COMMAND = "Mình không hiểu lệnh «{command}». Gõ /trogiup để xem các lệnh."
EMPTY_QUESTION = "Bạn muốn hỏi gì? Ví dụ: /hoi chỉ tiêu tỷ lệ tham gia BHYT"
NO_DOCUMENTS = "Chưa có văn bản nào được nạp. Quản trị viên cần thêm văn bản vào thư mục nguồn."
NOT_FOUND = "Mình chưa tìm thấy nội dung này trong các văn bản đã nạp."
NOT_FOUND_TIP = "Bạn thử hỏi cụ thể hơn (tên chỉ tiêu, đơn vị, năm), hoặc gõ /vanban để xem các văn bản."
NO_CHOICE = "Không có lựa chọn số {number}. Hãy gửi lại câu hỏi nhé."
NO_TARGETS = "Không có chỉ tiêu nào thuộc lĩnh vực «{category}». Các lĩnh vực có: {categories}."
NO_TARGETS_AT_ALL = "Các văn bản đã nạp không có chỉ tiêu định lượng nào."
NO_DEADLINES = "Các văn bản đã nạp không nêu hạn chót nào."
SHORT_TEXT = 140

HELP_HEAD = "Trợ lý văn bản chỉ đạo — các lệnh:"
HELP_TAIL = """Gõ thẳng câu hỏi cũng được (trong nhóm: /hoi … hoặc nhắc tên bot), không dấu cũng hiểu:
«chi tieu BHYT», «ai chu tri bao cao quy», «han nop ke hoach»."""


def help_text(commands: list[tuple[str, str, str]]) -> str:
    """/trogiup: one line per command (Vietnamese name, English alias, what it does)."""
    lines = [HELP_HEAD]
    lines += [f"/{name} — {summary}" + (f" (/{alias})" if alias else "") for name, alias, summary in commands]
    return "\n".join([*lines, HELP_TAIL])


_COMPARATOR_WORDS = {"≥": "từ {value} trở lên", "≤": "không quá {value}", "=": "{value}"}


def shorten(text: str, limit: int = SHORT_TEXT) -> str:
    """Cut a text at a word boundary so it fits in `limit` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:") + "…"


def citation(source: Source) -> str:
    """The line that says where an answer stands: "📄 Nghị quyết 09-NQ/TU — mục I › 2 › (3)"."""
    where = f"mục {source.section}" if source.section else "phần đầu văn bản"
    return f"📄 {source.title} — {where}"


def short_citation(document: str, section: str) -> str:
    """A compact "[09-NQ/TU, I › 2]" for list items."""
    return f"[{document}, {section}]" if section else f"[{document}]"


def choice_label(candidate: Candidate, best: Candidate | None = None) -> str:
    """A button label for an alternative answer; one from another document says which ("KH 48/KH-UBND (2024): …")."""
    if best is not None and candidate.source.document != best.source.document:
        return shorten(f"{candidate.source.label}: {candidate.answer}", 60)
    return shorten(candidate.answer, 60)


def not_found() -> str:
    """The honest "no answer"; the nearest topics follow as choices."""
    return f"{NOT_FOUND}\n{NOT_FOUND_TIP}"


def target_line(target: Target) -> str:
    """One target: its text, then the figure it sets ("→ từ 13,5% trở lên"), and its year when the text does not
    already say it ("→ 30.000 ha (năm 2030)")."""
    value = format_number(target.value) + ("%" if target.unit == "%" else f" {target.unit}" if target.unit else "")
    goal = _COMPARATOR_WORDS.get(target.comparator, "{value}").format(value=value)
    label = target.section.rsplit(" › ", 1)[-1] if target.section else ""
    prefix = f"{label} " if label.startswith("(") else ""
    text = shorten(target.text)
    year = f" (năm {target.year})" if target.year and str(target.year) not in text else ""
    return f"• {prefix}{text} → {goal}{year}"


def targets_heading(count: int, documents: int, category: str | None) -> str:
    """First line of a targets list."""
    scope = f" lĩnh vực «{category}»" if category else ""
    return f"Chỉ tiêu{scope}: {count} chỉ tiêu trong {documents} văn bản."


def deadline_when(deadline: Deadline, due: date | None, today: date) -> str:
    """ "31/12/2024 (đã qua)", "31/03/2027 (còn 129 ngày)", "hằng quý — kỳ tới 31/12/2026 (còn 39 ngày)"."""
    if due is None:
        return deadline.recurrence.describe() if deadline.recurrence else "chưa rõ ngày"
    days = (due - today).days
    if days < 0:
        state = "đã qua"
    elif days == 0:
        state = "hôm nay"
    else:
        state = f"còn {days} ngày"
    when = f"{due:%d/%m/%Y} ({state})"
    if deadline.recurrence is not None:
        return f"{deadline.recurrence.describe()} — kỳ tới {when}"
    return when


def deadline_line(number: int, deadline: Deadline, due: date | None, today: date) -> str:
    """One numbered deadline: when, what is due, who owes it to whom, and where it is written."""
    parts = [f"{number}. {deadline_when(deadline, due, today)}: {shorten(deadline.text)}"]
    if deadline.who and deadline.report_to:
        parts.append(f"   {shorten(deadline.who, 60)} → báo cáo {deadline.report_to}")
    elif deadline.who:
        parts.append(f"   Thực hiện: {shorten(deadline.who, 60)}")
    elif deadline.report_to:
        parts.append(f"   Báo cáo: {deadline.report_to}")
    parts.append(f"   {short_citation(deadline.document, deadline.section)}")
    return "\n".join(parts)


def follow_period_end(recurrence: Recurrence) -> str:
    """Why a followed duty that names no day is reminded on the last day of its period."""
    period = {"month": "mỗi tháng", "quarter": "mỗi quý"}.get(recurrence.every, "mỗi năm")
    if recurrence.every == "year" and recurrence.month:
        period = f"tháng {recurrence.month} hằng năm"
    return f"ℹ️ Văn bản không nêu ngày cụ thể nên bot nhắc vào ngày cuối {period}."


def deadlines_heading(today: date, upcoming: int, past: int) -> str:
    """First line of the deadlines list."""
    return f"Hạn chót trong văn bản (tính từ {today:%d/%m/%Y}): {upcoming} sắp tới, {past} đã qua."


PAST_HEADING = "Đã qua:"


def document_line(number: int, info: DocumentInfo, targets: int, deadlines: int, assignments: int) -> str:
    """One loaded document with what was found in it."""
    issued = f" ngày {info.issued:%d/%m/%Y}" if info.issued else ""
    issuer = f" ({info.issuer})" if info.issuer else ""
    title = f" — {shorten(info.title, 90)}" if info.title and info.number else ""
    return (
        f"{number}. {info.display_name}{issued}{title}{issuer}: "
        f"{targets} chỉ tiêu, {deadlines} mốc thời hạn, {assignments} phân công."
    )


def documents_heading(count: int) -> str:
    """First line of the documents list."""
    return f"Đang có {count} văn bản:"


CONSOLE_WELCOME = """Trợ lý văn bản chỉ đạo — trò chuyện trên máy này ({documents} văn bản).
Gõ câu hỏi rồi Enter, /trogiup để xem lệnh, /thoat để thoát."""
CONSOLE_BYE = "Tạm biệt!"
GROUP_WELCOME = (
    "Chào cả nhóm! Mình là trợ lý văn bản chỉ đạo: trả lời về nội dung văn bản (có trích dẫn), nhắc hạn chót "
    "và gửi chủ đề tuyên truyền hằng tháng.\n"
    "Hỏi: /hoi <câu hỏi> hoặc nhắc {bot} trong tin nhắn. Quản trị viên nhóm: /dangky để nhận chủ đề hằng tháng, "
    "/nhac để tạo nhắc việc. Xem lệnh: /trogiup"
)


# Reminders, confirmations, themes and broadcasts

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
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
NOT_ALLOWED = ("Chỉ quản trị viên (hoặc quản trị viên của nhóm này) mới được {action}. "
               "Mọi người vẫn xem, hỏi và xác nhận hoàn thành được.")
ADMIN_ONLY = "Chỉ quản trị viên hệ thống mới được {action}."
NEED_NUMBER = "Cần số thứ tự. Ví dụ: {example}"
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
SUBSCRIBED = "Đã đăng ký nhận chủ đề tuyên truyền hằng tháng cho {chat} (gửi ngày {day} lúc {at:%H:%M})."
ALREADY_SUBSCRIBED = "{chat} đã đăng ký nhận chủ đề hằng tháng rồi."
UNSUBSCRIBED = "Đã hủy đăng ký nhận chủ đề hằng tháng cho {chat}."
NOT_SUBSCRIBED = "{chat} chưa đăng ký nhận chủ đề hằng tháng."
BROADCAST_EMPTY = "Cần nội dung thông báo. Ví dụ: /phatthong Họp giao ban lúc 8h sáng thứ Hai."
BROADCAST_GONE = "Không còn bản nháp #{number} để gửi (đã gửi hoặc không phải của bạn)."
BROADCAST_QUEUED = "📤 Đã xếp thông báo vào hàng gửi cho {count} cuộc trò chuyện."
BROADCAST_DROPPED = "Đã bỏ bản nháp thông báo."
BAD_MONTH = "Tháng phải từ 1 đến 12, ví dụ: /chude 5"
LATE_PREFIX = "(Gửi muộn) "
DONE_LABEL, SNOOZE_LABEL, SEND_LABEL, DROP_LABEL = "✅ Đã xong", "⏰ Nhắc lại sau", "📤 Gửi", "✖ Hủy"


def when_problem(code: str, value: str) -> str:
    """Why a /nhac time could not be used, with examples of the right form."""
    return WHEN_PROBLEMS.get(code, "Chưa đọc được thời gian.").format(value=value) + "\n" + WHEN_EXAMPLES


def weekday(day: date) -> str:
    """"thứ Năm" for a Thursday."""
    return WEEKDAYS[day.weekday()]


def due_text(due: datetime, zone: ZoneInfo, with_time: bool) -> str:
    """"31/12/2026 (thứ Năm)" or "08:00 25/01/2027 (thứ Hai)"."""
    local = due.astimezone(zone)
    clock_part = f"{local:%H:%M} " if with_time and (local.hour, local.minute) != (23, 59) else ""
    return f"{clock_part}{local:%d/%m/%Y} ({weekday(local.date())})"


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


def theme(month_theme: MonthTheme) -> str:
    """The month's propaganda theme and its anniversaries."""
    lines = [f"📢 Chủ đề tuyên truyền tháng {month_theme.month}/{month_theme.year}:"]
    lines += [f"• {topic}" for topic in month_theme.focus]
    if month_theme.events:
        lines.append("Ngày kỷ niệm:")
        for event in month_theme.events:
            mark = " ★ (năm tròn)" if event.major else ""
            local = " (địa phương)" if event.local else ""
            lines.append(f"• {event.day}/{event.month}: {event.title()}{local}{mark}")
    return "\n".join(lines)


def broadcast(text: str, *, late: bool) -> str:
    """An ad-hoc broadcast as it arrives."""
    return f"📢 {LATE_PREFIX if late else ''}Thông báo: {text}"


def broadcast_preview(text: str, count: int, number: int) -> str:
    """The preview before an ad-hoc broadcast is sent."""
    return (f"Xem trước thông báo sẽ gửi tới {count} cuộc trò chuyện đã đăng ký:\n———\n{text}\n———\n"
            f"Phát thông báo này? (mã nháp {number})")


def missed_report(count: int, items: list[dict[str, str]], zone: ZoneInfo) -> str:
    """To admins after downtime: what could not be sent in time."""
    lines = [f"⚠️ Trong lúc bot ngừng chạy, {count} tin không gửi kịp trong thời gian cho phép:"]
    for item in items:
        when = datetime.fromisoformat(item["when"]).astimezone(zone)
        lines.append(f"• {when:%H:%M %d/%m} → {item['chat']}: {shorten(item['text'] or item['kind'], 80)}")
    if count > len(items):
        lines.append(f"… và {count - len(items)} tin khác.")
    return "\n".join(lines)


# Documents sent to the bot (ingest)

INGEST_HINT = ("Để nạp văn bản: gửi tệp .docx, .pdf hoặc .txt cho bot trên Telegram (trong nhóm: kèm chú thích "
               "/nap hoặc trả lời tin của bot). Chỉ quản trị viên được nạp.")
INGEST_NOT_ALLOWED = ("Chỉ quản trị viên (hoặc quản trị viên của nhóm này) mới được nạp văn bản. "
                      "Tệp «{name}» chưa được lưu.")
INGEST_TOO_LARGE = "Tệp «{name}» nặng {size}, quá giới hạn {limit} bot tải được. Chưa lưu gì."
INGEST_UNSUPPORTED = "Chưa nhận tệp «{name}»: bot đọc được {formats}. Chưa lưu gì."
INGEST_UNREADABLE = "Không đọc được «{name}»: {reason}. Chưa lưu gì."
INGEST_NOT_DOWNLOADED = "Không tải được tệp «{name}» ({reason}). Bạn gửi lại sau ít phút nhé."
INGEST_PRESENT = "Văn bản này đã có: {document} (tệp {file}). Không lưu thêm."
INGEST_OLDER = "Đã có bản mới hơn: {document} (tệp {file}). Không thay bản đang dùng."
ZALO_NO_FILES = ("Trên Zalo bot chỉ đọc được tin nhắn chữ. Muốn nạp văn bản, hãy gửi tệp cho bot trên Telegram "
                 "hoặc nhờ quản trị viên chép vào thư mục văn bản.")


def file_size(size: int) -> str:
    """"850 KB", "20 MB"."""
    return f"{size / 1_048_576:.3g} MB".replace(".", ",") if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


def document_counts(sections: int, passages: int, targets: int, deadlines: int, assignments: int) -> str:
    """"12 mục, 85 đoạn, 5 chỉ tiêu, 7 mốc thời hạn, 9 phân công"."""
    return (f"{sections} mục, {passages} đoạn, {targets} chỉ tiêu, {deadlines} mốc thời hạn, "
            f"{assignments} phân công")


def document_identity(info: DocumentInfo) -> str:
    """"Kế hoạch 159/KH-UBND ngày 19/11/2025 (UBND thành phố Cần Thơ)"."""
    issued = f" ngày {info.issued:%d/%m/%Y}" if info.issued else ""
    return f"{info.display_name}{issued}" + (f" ({info.issuer})" if info.issuer else "")


def stored_note(outcome: str, file: str, other: str, other_name: str, removed: bool) -> str:
    """What was done with an ingested file: added, kept under a free name, or put in place of an older version."""
    if outcome == "renamed":
        return f"Đã có tệp khác cùng tên nên lưu với tên «{file}»."
    if outcome == "replaced":
        gone = "bản cũ đã gỡ khỏi thư mục" if removed else "bot dùng bản mới"
        return f"Thay cho bản trước: {other_name} (tệp {other}); {gone}."
    return f"Đã lưu vào thư mục văn bản: «{file}»."


def ingested(name: str, info: DocumentInfo, counts: str, missing: list[str], notes: list[str], stored: str,
             deadlines: list[str], more: bool) -> str:
    """The reply to an ingested file: what the document is, what was found in it, the nearest deadlines."""
    lines = [f"📥 Đã nạp «{name}»: {document_identity(info)}"]
    if info.title and info.number:
        lines.append(f"Trích yếu: {shorten(info.title, 160)}")
    lines.append(f"Đọc được: {counts}.")
    if missing:
        lines.append(f"Chưa tìm thấy: {', '.join(missing)}.")
    if notes:
        lines.append(f"Ghi chú: {'; '.join(notes)}.")
    lines.append(stored)
    if deadlines:
        lines.append("Hạn gần nhất (gõ lệnh kèm số để được nhắc):")
        lines += deadlines
    if more:
        lines.append("Xem đủ các hạn bằng /hanchot.")
    return "\n".join(lines)


def ingested_deadline(number: int, deadline: Deadline, due: date | None, today: date) -> str:
    """One deadline of a just-ingested document, with the /theodoi number it has in /hanchot."""
    return f"• {deadline_when(deadline, due, today)}: {shorten(deadline.text, 90)} — /theodoi {number}"
