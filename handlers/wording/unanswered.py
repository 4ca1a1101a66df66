"""Wording of the questions the bot could not answer (/chuatraloi): the most frequent first, phone-sized."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.wording.text import shorten
from schedules.unanswered_store import UnansweredSummary

UNANSWERED_NONE = "👍 {days} ngày qua không có câu hỏi nào bot chưa trả lời được."
UNANSWERED_USAGE = "Gõ /chuatraloi (30 ngày qua) hoặc /chuatraloi SỐ_NGÀY từ 1 đến {most}, ví dụ /chuatraloi 7."
UNANSWERED_TIP = "Thêm từ đồng nghĩa (knowledge/synonyms.yaml) hoặc nạp văn bản có nội dung này để bot trả lời được."


def unanswered_list(summary: UnansweredSummary, days: int, zone: ZoneInfo) -> str:
    """/chuatraloi: how many questions were declined, then the most frequent, each with how often and when last,
    and the topics the bot found nearest."""
    if not summary.groups:
        return UNANSWERED_NONE.format(days=days)
    lines = [f"❓ {days} ngày qua: {summary.asked} câu hỏi bot chưa trả lời được ({summary.distinct} câu khác "
             "nhau). Hỏi nhiều nhất:"]
    for number, group in enumerate(summary.groups, start=1):
        lines.append(f"{number}. «{shorten(group.text, 80)}» — {group.count} lần, gần nhất "
                     f"{_when(group.last_asked, zone)}")
        if group.topics:
            lines.append(f"   Chủ đề gần: {shorten('; '.join(group.topics[:2]), 70)}")
    if summary.distinct > len(summary.groups):
        lines.append(f"… và {summary.distinct - len(summary.groups)} câu khác (python -m bot report).")
    lines.append(UNANSWERED_TIP)
    return "\n".join(lines)


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """"14:05 20/11"."""
    return f"{moment.astimezone(zone):%H:%M %d/%m}"
