"""`python -m bot report`: the questions the bot could not answer, most frequent first, so that someone can add
synonyms or documents; `--json` gives one object per question."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta
from typing import TextIO
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.database_check import check_url, open_database, sqlite_file
from handlers import wording
from schedules.unanswered_store import UnansweredGroup, UnansweredSummary

DEFAULT_DAYS, DEFAULT_LIMIT = 30, 20
_KINDS = {"private": "riêng", "group": "nhóm"}


def report(settings: Settings, days: int, limit: int, as_json: bool, out: TextIO,
           now: datetime | None = None, err: TextIO | None = None) -> int:
    """Print the `limit` most frequent questions declined in the last `days` days; 0 whether or not there are any.
    A SQLite file that does not exist is not created: nothing was asked there, and the operator is told where the
    report looked (the wrong folder or config, most likely)."""
    now = now or datetime.now(settings.zone)
    check_url(settings.database_url, settings.where("database_url"))
    path = sqlite_file(settings.database_url)
    if path is not None and not path.exists():
        (err or sys.stderr).write(f"Chưa có cơ sở dữ liệu {path}: bot chưa chạy với cấu hình này. Nếu bot chạy nơi "
                                  "khác, chỉ tới cấu hình của nó bằng --config hoặc DIRECTIVE_BOT_CONFIG.\n")
        summary = UnansweredSummary(now - timedelta(days=days), 0, 0, [])
    else:
        repository = open_database(settings)
        try:
            summary = repository.unanswered(now - timedelta(days=days), limit)
        finally:
            repository.engine.dispose()
    if as_json:
        for group in summary.groups:
            out.write(json.dumps(_json(group, settings.zone), ensure_ascii=False) + "\n")
        return 0
    if not summary.groups:
        out.write(wording.UNANSWERED_NONE.format(days=days) + "\n")
        return 0
    shown = f" (in {len(summary.groups)} câu hỏi nhiều nhất)" if summary.distinct > len(summary.groups) else ""
    out.write(f"Câu hỏi bot chưa trả lời được, {days} ngày qua: {summary.asked} lần hỏi, {summary.distinct} câu "
              f"khác nhau{shown}.\n")
    zone = settings.zone
    for group in summary.groups:
        out.write(f"\n{group.count:>5} lần  {group.text}\n")
        out.write(f"       gần nhất {group.last_asked.astimezone(zone):%H:%M %d/%m/%Y}, đầu tiên "
                  f"{group.first_asked.astimezone(zone):%H:%M %d/%m/%Y}; {_places(group)}\n")
        if group.topics:
            out.write("       chủ đề gần nhất:\n")
            out.writelines(f"         • {wording.shorten(topic, 100)}\n" for topic in group.topics[:3])
    out.write(f"\n{wording.UNANSWERED_TIP}\n")
    return 0


def _places(group: UnansweredGroup) -> str:
    """"telegram 3, zalo 1; riêng 3, nhóm 1"."""
    platforms = ", ".join(f"{name} {count}" for name, count in sorted(group.platforms.items()))
    kinds = ", ".join(f"{_KINDS.get(kind, kind)} {count}" for kind, count in sorted(group.chat_kinds.items(),
                                                                                   key=lambda item: -item[1]))
    return f"{platforms}; {kinds}"


def _json(group: UnansweredGroup, zone: ZoneInfo) -> dict[str, object]:
    """One question as `report --json` prints it (times in the deployment's timezone, with their offset)."""
    return {"question": group.text, "folded": group.folded, "count": group.count,
            "first_asked": group.first_asked.astimezone(zone).isoformat(),
            "last_asked": group.last_asked.astimezone(zone).isoformat(),
            "platforms": group.platforms, "chat_kinds": group.chat_kinds, "topics": group.topics}
