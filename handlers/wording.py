"""Every sentence the bot says, in one place: Vietnamese first, short, readable on a phone."""

from __future__ import annotations

from datetime import date

from knowledge.answering import Candidate, Source
from knowledge.model import Deadline, DocumentInfo, Target
from knowledge.numbers import format_number

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

HELP = """Trợ lý văn bản chỉ đạo — các lệnh:
/hoi <câu hỏi> — hỏi về nội dung văn bản (gõ thẳng câu hỏi cũng được)
/chitieu [lĩnh vực] — các chỉ tiêu, ví dụ: /chitieu kinh tế
/hanchot — các hạn chót trong văn bản, gần nhất trước
/vanban — các văn bản đang có
/trogiup — trợ giúp này
Lệnh tiếng Anh: /ask, /targets, /deadlines, /docs, /help
Hỏi tự nhiên, không dấu cũng được: «chi tieu BHYT», «ai chu tri bao cao quy», «han nop ke hoach»."""

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


def choice_label(candidate: Candidate) -> str:
    """A button label for an alternative answer."""
    return shorten(candidate.answer, 60)


def not_found() -> str:
    """The honest "no answer"; the nearest topics follow as choices."""
    return f"{NOT_FOUND}\n{NOT_FOUND_TIP}"


def target_line(target: Target) -> str:
    """One target: its text, then the figure it sets ("≥ 13,5 %")."""
    value = format_number(target.value) + ("%" if target.unit == "%" else f" {target.unit}" if target.unit else "")
    goal = _COMPARATOR_WORDS.get(target.comparator, "{value}").format(value=value)
    label = target.section.rsplit(" › ", 1)[-1] if target.section else ""
    prefix = f"{label} " if label.startswith("(") else ""
    return f"• {prefix}{shorten(target.text)} → {goal}"


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
    """One numbered deadline with what is due and where it is written."""
    parts = [f"{number}. {deadline_when(deadline, due, today)}: {shorten(deadline.text)}"]
    if deadline.report_to:
        parts.append(f"   Báo cáo: {deadline.report_to}")
    parts.append(f"   {short_citation(deadline.document, deadline.section)}")
    return "\n".join(parts)


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
