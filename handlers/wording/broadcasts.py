"""Wording of subscriptions, monthly themes, broadcasts and the missed-messages report."""

from __future__ import annotations

from datetime import time

from handlers.wording.notices import LATE_PREFIX
from handlers.wording.text import WEEKDAYS
from schedules.themes import MonthTheme

ALREADY_SUBSCRIBED = "{chat} đã đăng ký nhận chủ đề, bản tổng hợp và thông báo rồi. Thôi nhận: /huydangky."


UNSUBSCRIBED = "Đã hủy đăng ký cho {chat}: thôi nhận chủ đề hằng tháng, bản tổng hợp hằng tuần và thông báo."


NOT_SUBSCRIBED = "{chat} chưa đăng ký nhận chủ đề, bản tổng hợp và thông báo."


def subscribed(chat: str, day: int, at: time, digest: tuple[int, time] | None) -> str:
    """/dangky done: everything the chat will now receive (the digest's weekday and time when there is one)."""
    weekly = f", bản tổng hợp nhắc việc {WEEKDAYS[digest[0]]} lúc {digest[1]:%H:%M} hằng tuần" if digest else ""
    return (f"Đã đăng ký cho {chat}: chủ đề tuyên truyền ngày {day} hằng tháng lúc {at:%H:%M}{weekly} và các thông "
            "báo của quản trị viên. Thôi nhận: /huydangky.")


BROADCAST_EMPTY = "Cần nội dung thông báo. Ví dụ: /phatthong Họp giao ban lúc 8h sáng thứ Hai."


BROADCAST_GONE = "Không còn bản nháp #{number} để gửi (đã gửi hoặc không phải của bạn)."


BROADCAST_QUEUED = "📤 Đã xếp thông báo vào hàng gửi cho {count} cuộc trò chuyện; gửi xong bot sẽ báo kết quả."


BROADCAST_DROPPED = "Đã bỏ bản nháp thông báo."


BROADCAST_NOBODY = ("Chưa có cuộc trò chuyện nào đăng ký nhận thông báo nên không có gì để gửi. "
                    "Các nhóm đăng ký bằng /dangky.")


BAD_MONTH = "Tháng phải từ 1 đến 12, ví dụ: /chude 5"


SEND_LABEL, DROP_LABEL = "📤 Gửi", "✖ Hủy"


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
