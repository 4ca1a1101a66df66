"""What admins read about messages that could not be sent: every line in Vietnamese, a message rendered only when
it goes (the month's theme, the weekly digest) named by what it is, never by the outbox's internal kind."""

from __future__ import annotations

from handlers import wording
from tests.conftest import VIETNAM


def test_a_missed_theme_or_digest_was_named_by_its_english_kind() -> None:
    items = [{"kind": kind, "text": "", "when": "2026-12-01T08:00:00+07:00", "chat": "Nhóm A"}
             for kind in ("theme", "digest", "lead", "overdue", "escalation", "snooze", "broadcast")]
    missed = wording.missed_report(len(items), items, VIETNAM)
    failed = wording.failures_report(len(items), [dict(item, status="failed") for item in items], VIETNAM)
    for text in (missed, failed):
        for kind in ("theme", "digest", "lead", "overdue", "escalation", "snooze", "broadcast"):
            assert f": {kind}" not in text, text
        assert "chủ đề tuyên truyền tháng" in text and "bản tổng hợp nhắc việc hằng tuần" in text
    reminder = [{"kind": "lead", "text": "Nộp báo cáo", "when": "2026-12-01T07:30:00+07:00", "chat": "Nhóm A"}]
    assert "→ Nhóm A: Nộp báo cáo" in wording.missed_report(1, reminder, VIETNAM)  # its own text when it has one
