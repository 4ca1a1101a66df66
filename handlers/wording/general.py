"""What the bot says about itself and about commands: help, welcome, refusals, apologies."""

from __future__ import annotations

APOLOGY = "Xin lỗi, đã có lỗi khi xử lý tin nhắn này. Bạn thử lại sau ít phút nhé."


COMMAND_WITHOUT_SLASH = "Ý bạn là lệnh {command}? Lệnh gõ có dấu / ở đầu, ví dụ {command}."
UNKNOWN_COMMAND = "Mình không hiểu lệnh «{command}». Gõ /trogiup để xem các lệnh."


def did_you_mean(typed: str, meant: str, args: str, summary: str) -> str:
    """An unknown command near a known one: the one meant (with what was typed after it) and what it does."""
    lines = [f"Mình không hiểu lệnh «{typed}». Ý bạn là lệnh {' '.join(['/' + meant, args]).strip()}?",
             f"/{meant} — {summary}"]
    if meant != "trogiup":
        lines.append("Các lệnh khác: /trogiup")
    return "\n".join(lines)


GREETING_EXAMPLES = ("hạn nộp báo cáo là ngày nào", "ai chủ trì thực hiện kế hoạch", "nhiệm vụ của UBND xã")
THANKS_REPLY = "Không có gì ạ! Cần gì về văn bản, bạn cứ hỏi nhé."


def greeting(documents: int, in_group: bool) -> str:
    """The reply to "chào bạn": what the bot does, from how many documents, and questions to try."""
    lines = ["Chào bạn! Mình là trợ lý văn bản chỉ đạo: trả lời câu hỏi về nội dung văn bản (kèm trích dẫn), "
             "liệt kê hạn chót, chỉ tiêu và nhắc việc."]
    if documents:
        how = "gõ /hoi rồi câu hỏi, hoặc nhắc tên bot" if in_group else "không dấu cũng được"
        lines.append(f"Đang có {documents} văn bản (xem /vanban). Bạn thử hỏi ({how}):")
        lines += [f"• {example}" for example in GREETING_EXAMPLES]
    else:
        lines.append("Chưa có văn bản nào được nạp: quản trị viên gửi tệp văn bản cho bot để bắt đầu.")
    lines.append("Các lệnh: /trogiup")
    return "\n".join(lines)


HELP_HEAD = "Trợ lý văn bản chỉ đạo — các lệnh:"


HELP_TAIL = """Gõ thẳng câu hỏi cũng được (trong nhóm: /hoi … hoặc nhắc tên bot), không dấu cũng hiểu:
«chi tieu BHYT», «ai chu tri bao cao quy», «han nop ke hoach»."""


def help_text(commands: list[tuple[str, str, str]]) -> str:
    """/trogiup: one line per command (Vietnamese name, English alias, what it does)."""
    lines = [HELP_HEAD]
    lines += [f"/{name} — {summary}" + (f" (/{alias})" if alias else "") for name, alias, summary in commands]
    return "\n".join([*lines, HELP_TAIL])


CONSOLE_WELCOME = """Trợ lý văn bản chỉ đạo — trò chuyện trên máy này ({documents} văn bản).
Gõ câu hỏi rồi Enter, /trogiup để xem lệnh, /thoat để thoát."""


CONSOLE_BYE = "Tạm biệt!"


GROUP_WELCOME = (
    "Chào cả nhóm! Mình là trợ lý văn bản chỉ đạo: trả lời về nội dung văn bản (có trích dẫn), nhắc hạn chót "
    "và gửi chủ đề tuyên truyền hằng tháng.\n"
    "Hỏi: /hoi <câu hỏi> hoặc nhắc {bot} trong tin nhắn. Quản trị viên nhóm: /dangky để nhận chủ đề hằng tháng, "
    "/nhac để tạo nhắc việc. Xem lệnh: /trogiup"
)


NOT_ALLOWED = ("Chỉ quản trị viên (hoặc quản trị viên của nhóm này) mới được {action}. "
               "Mọi người vẫn xem, hỏi và xác nhận hoàn thành được.")


ADMIN_ONLY = "Chỉ quản trị viên hệ thống mới được {action}."


NEED_NUMBER = "Cần số thứ tự. Ví dụ: {example}"


TOO_LONG = "Tin nhắn dài {length} ký tự, quá giới hạn {limit} ký tự bot nhận. Bạn gửi ngắn lại giúp nhé."
SLOW_DOWN = "Bạn gửi nhanh quá, bot xin nghỉ một chút: thử lại sau một phút nhé."


def thousands(number: int) -> str:
    """"101.999": a count written the Vietnamese way."""
    return f"{number:,}".replace(",", ".")
