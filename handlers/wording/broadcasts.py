"""Wording of subscriptions, monthly themes, broadcasts and the missed-messages report."""

from __future__ import annotations

from handlers.wording.notices import LATE_PREFIX
from schedules.themes import MonthTheme

SUBSCRIBED = "Đã đăng ký nhận chủ đề tuyên truyền hằng tháng cho {chat} (gửi ngày {day} lúc {at:%H:%M})."


ALREADY_SUBSCRIBED = "{chat} đã đăng ký nhận chủ đề hằng tháng rồi."


UNSUBSCRIBED = "Đã hủy đăng ký nhận chủ đề hằng tháng cho {chat}."


NOT_SUBSCRIBED = "{chat} chưa đăng ký nhận chủ đề hằng tháng."


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
