"""What people type after /nhac, and the time arithmetic of lead times and snoozes."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from knowledge.model import Recurrence
from schedules.errors import WhenError
from schedules.planning import ESCALATION, lead_send_at, next_due, snooze_until
from schedules.timeparse import parse_when
from tests.conftest import VIETNAM

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM)


def at(day: int, month: int, year: int = 2026, hour: int = 23, minute: int = 59) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("typed", "text", "due", "recurrence", "leads"),
    [
        ("31/12 Nộp báo cáo tổng kết", "Nộp báo cáo tổng kết", at(31, 12), None, None),
        ("31/12/2026 Nộp báo cáo", "Nộp báo cáo", at(31, 12), None, None),
        ("15/3 Họp chi bộ", "Họp chi bộ", at(15, 3, 2027), None, None),  # day-first, next such day
        ("25/01/2027 08:00 Họp giao ban", "Họp giao ban", at(25, 1, 2027, 8, 0), None, None),
        ("25/01/27 8h30 Họp", "Họp", at(25, 1, 2027, 8, 30), None, None),
        ("ngày 15/3 lúc 14:00 Họp chi bộ", "Họp chi bộ", at(15, 3, 2027, 14, 0), None, None),
        ("22/11 10h Họp ngay", "Họp ngay", at(22, 11, 2026, 10, 0), None, None),
        ("hằng tháng ngày 20 Báo cáo tiến độ", "Báo cáo tiến độ", None, Recurrence("month", 20), None),
        ("hang thang, truoc ngay 25 bao cao", "bao cao", None, Recurrence("month", 25), None),
        ("hằng quý Báo cáo quý", "Báo cáo quý", None, Recurrence("quarter", 31), None),
        ("hằng quý ngày 20 Báo cáo", "Báo cáo", None, Recurrence("quarter", 20), None),
        ("ngày cuối tháng Nộp bảng chấm công", "Nộp bảng chấm công", None, Recurrence("month", 31), None),
        ("hằng tháng ngày cuối tháng Đối soát", "Đối soát", None, Recurrence("month", 31), None),
        ("hằng năm 15/12 Tổng kết năm", "Tổng kết năm", None, Recurrence("year", 15, 12), None),
        ("31/12 nhắc trước 10, 3 ngày Nộp báo cáo", "Nộp báo cáo", at(31, 12), None, [10, 3]),
        ("31/12 Nộp báo cáo nhắc trước 2 ngày", "Nộp báo cáo", at(31, 12), None, [2]),
    ],
)
def test_readable_times(typed: str, text: str, due: datetime | None, recurrence: Recurrence | None,
                        leads: list[int] | None) -> None:
    when = parse_when(typed, NOW, VIETNAM)
    assert (when.text, when.due, when.recurrence, when.lead_days) == (text, due, recurrence, leads)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("", "no_date"),
        ("mai họp", "no_date"),
        ("32/12 Họp", "bad_date"),
        ("31/02/2027 Họp", "bad_date"),
        ("31/12 25:00 Họp", "bad_time"),
        ("21/11/2026 Họp", "past"),
        ("22/11 08:00 Họp", "past"),
        ("31/12", "no_text"),
        ("hằng tháng ngày 40 Họp", "bad_date"),
        ("31/12 nhắc trước 400 ngày Họp", "bad_leads"),
    ],
)
def test_unreadable_times_say_why(typed: str, code: str) -> None:
    with pytest.raises(WhenError) as raised:
        parse_when(typed, NOW, VIETNAM)
    assert raised.value.code == code


def test_lead_times_fall_at_the_send_time_and_before_the_deadline() -> None:
    due = at(31, 12)
    assert lead_send_at(due, 7, time(7, 30), VIETNAM) == at(24, 12, hour=7, minute=30)
    assert lead_send_at(due, 0, time(7, 30), VIETNAM) == at(31, 12, hour=7, minute=30)
    assert lead_send_at(due, ESCALATION, time(7, 30), VIETNAM) == due
    early = at(31, 12, hour=7, minute=0)  # a deadline before the usual send time
    assert lead_send_at(early, 0, time(7, 30), VIETNAM) == at(31, 12, hour=6, minute=0)


def test_next_due_of_recurrences() -> None:
    assert next_due(Recurrence("month", 31), NOW, None, VIETNAM) == at(30, 11)
    assert next_due(Recurrence("month", 31), at(30, 11), None, VIETNAM) == at(31, 12)
    assert next_due(Recurrence("month", 31), at(31, 1, 2027), None, VIETNAM) == at(28, 2, 2027)
    assert next_due(Recurrence("quarter", 31), NOW, None, VIETNAM) == at(31, 12)
    assert next_due(Recurrence("year", 15, 12), at(15, 12), None, VIETNAM) == at(15, 12, 2027)
    assert next_due(Recurrence("month", 20), NOW, time(14, 0), VIETNAM) == at(20, 12, hour=14, minute=0)


def test_snooze_is_next_morning_or_two_hours_on_the_last_day() -> None:
    assert snooze_until(NOW, at(31, 12), time(7, 30), VIETNAM) == at(23, 11, hour=7, minute=30)
    assert snooze_until(NOW, at(22, 11), time(7, 30), VIETNAM) == at(22, 11, hour=11, minute=0)
