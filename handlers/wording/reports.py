"""Wording of what the bot reports about its own sending: messages missed or not delivered, a broadcast's result,
the outbox's state (/tinhtrang)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from handlers.wording.text import shorten

_REASONS = (  # the platforms' own words → why, for a reader
    ("blocked", "đã chặn bot"),
    ("kicked", "bot đã bị mời ra khỏi nhóm"),
    ("deactivated", "tài khoản đã ngừng hoạt động"),
    ("chat not found", "không tìm thấy cuộc trò chuyện"),
    ("not found", "không tìm thấy cuộc trò chuyện"),
    ("too long", "tin quá dài"),
    ("forbidden", "bot không còn quyền gửi tới đây"),
)


_KINDS = {  # an outbox row without text of its own (rendered when it goes), named by what it is
    "theme": "chủ đề tuyên truyền tháng",
    "digest": "bản tổng hợp nhắc việc hằng tuần",
    "broadcast": "thông báo",
    "lead": "tin nhắc việc",
    "overdue": "tin nhắc việc quá hạn",
    "escalation": "danh sách chưa xác nhận",
    "snooze": "tin nhắc lại",
    "report": "báo cáo gửi tin",
}


def _what(item: dict[str, Any], width: int) -> str:
    """The message's own text, else what kind of message it was, in Vietnamese."""
    return shorten(str(item.get("text") or _KINDS.get(str(item.get("kind")), "tin nhắn")), width)


def reason_text(status: str, detail: str) -> str:
    """Why a message did not go, in Vietnamese: the bot was down, the platform kept failing, or what it refused."""
    if status == "missed":
        return "bot ngừng chạy quá lâu"
    if status == "expired":
        return "nền tảng lỗi kéo dài, đã thử lại nhiều lần"
    folded = detail.lower()
    return next((words for found, words in _REASONS if found in folded), "nền tảng từ chối tin")


def missed_report(count: int, items: list[dict[str, Any]], zone: ZoneInfo) -> str:
    """To admins after downtime: what could not be sent in time."""
    lines = [f"⚠️ Trong lúc bot ngừng chạy, {count} tin không gửi kịp trong thời gian cho phép:"]
    for item in items:
        when = datetime.fromisoformat(item["when"]).astimezone(zone)
        lines.append(f"• {when:%H:%M %d/%m} → {item['chat']}: {_what(item, 80)}")
    if count > len(items):
        lines.append(f"… và {count - len(items)} tin khác.")
    return "\n".join(lines)


def failures_report(count: int, items: list[dict[str, Any]], zone: ZoneInfo) -> str:
    """To the creator or the admins: messages that ended unsent, each with where it was going and why."""
    if items and all(item.get("status") == "missed" for item in items):
        return missed_report(count, items, zone)
    lines = [f"⚠️ {count} tin không gửi được:"]
    for item in items:
        when = datetime.fromisoformat(item["when"]).astimezone(zone)
        why = reason_text(str(item.get("status", "failed")), str(item.get("detail", "")))
        lines.append(f"• {when:%H:%M %d/%m} → {item['chat']} ({why}): {_what(item, 70)}")
    if count > len(items):
        lines.append(f"… và {count - len(items)} tin khác.")
    return "\n".join(lines)


def broadcast_report(draft: int, sent: int, total: int, unreached: list[dict[str, str]]) -> str:
    """To the admin once a broadcast is over: how many got it, and which chats did not, and why."""
    lines = [f"📤 Đã gửi thông báo #{draft} tới {sent}/{total} cuộc trò chuyện."]
    if unreached:
        lines.append(f"Không gửi được ({len(unreached)}):")
        lines += [f"• {item['chat']}: {reason_text(item.get('status', 'failed'), item.get('detail', ''))}"
                  for item in unreached[:20]]
        if len(unreached) > 20:
            lines.append(f"… và {len(unreached) - 20} nơi khác.")
    return "\n".join(lines)


def outbox_status(pending: int, sending: int, oldest: datetime | None, now: datetime, recent: dict[str, int],
                  failed: list[dict[str, str]], retrying: int, zone: ZoneInfo) -> str:
    """/tinhtrang: what waits in the outbox, since when, what went and what failed in the last 24 hours."""
    lines = [f"📮 Hàng gửi: {pending} tin chờ gửi" + (f", {sending} đang gửi" if sending else "") + "."]
    if oldest is not None:
        waited = max(0, int((now - oldest).total_seconds() // 60))
        lines.append(f"Tin cũ nhất chờ từ {oldest.astimezone(zone):%H:%M %d/%m} ({waited} phút).")
    lines.append(f"24 giờ qua: {recent.get('sent', 0)} đã gửi, {recent.get('failed', 0)} không gửi được, "
                 f"{recent.get('missed', 0)} bỏ lỡ.")
    if retrying:
        lines.append(f"🔁 {retrying} tin đang chờ thử lại vì nền tảng báo lỗi; bot thử lại tới khi gửi được.")
    if failed:
        lines.append("Lỗi gần nhất:")
        lines += [f"• {item['chat']}: {reason_text(item['status'], item['detail'])}" for item in failed[:5]]
    return "\n".join(lines)
