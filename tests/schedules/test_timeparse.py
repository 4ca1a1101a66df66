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
        ("15/1 Họp chi bộ", "Họp chi bộ", at(15, 1, 2027), None, None),  # day-first; early next year
        ("25/01/2027 08:00 Họp giao ban", "Họp giao ban", at(25, 1, 2027, 8, 0), None, None),
        ("25/01/27 8h30 Họp", "Họp", at(25, 1, 2027, 8, 30), None, None),
        ("ngày 15/12 lúc 14:00 Họp chi bộ", "Họp chi bộ", at(15, 12, 2026, 14, 0), None, None),
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
        ("", "empty"),
        ("   ", "empty"),
        ("sáng nay họp", "no_date"),
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


WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("typed", "text", "due", "recurrence"),
    [
        ("mai Họp chi bộ", "Họp chi bộ", at(26, 11), None),
        ("ngày mai 8h Họp", "Họp", at(26, 11, hour=8, minute=0), None),
        ("ngay mai luc 14:30 hop", "hop", at(26, 11, hour=14, minute=30), None),
        ("ngày kia Nộp báo cáo", "Nộp báo cáo", at(27, 11), None),
        ("hôm nay 17h Họp", "Họp", at(25, 11, hour=17, minute=0), None),
        ("thứ Hai Họp giao ban", "Họp giao ban", at(30, 11), None),
        ("thứ 6 Nộp báo cáo tuần", "Nộp báo cáo tuần", at(27, 11), None),
        ("thứ Sáu tuần sau Nộp báo cáo", "Nộp báo cáo", at(4, 12), None),
        ("thu hai tuan sau 8h Hop", "Hop", at(30, 11, hour=8, minute=0), None),
        ("chủ nhật Trực", "Trực", at(29, 11), None),
        ("cuối tuần Tổng vệ sinh", "Tổng vệ sinh", at(29, 11), None),
        ("cuối tháng Nộp bảng lương", "Nộp bảng lương", at(30, 11), None),
        ("3 ngày nữa Nộp hồ sơ", "Nộp hồ sơ", at(28, 11), None),
        ("2 tuần nữa Kiểm tra", "Kiểm tra", at(9, 12), None),
        ("2 giờ nữa Gọi điện", "Gọi điện", at(25, 11, hour=11, minute=0), None),
        ("30 phút nữa Họp", "Họp", at(25, 11, hour=9, minute=30), None),
        ("thứ Sáu hằng tuần Báo cáo tuần", "Báo cáo tuần", None, Recurrence("week", None, None, 4)),
        ("hằng tuần vào thứ 2 lúc 8h Giao ban", "Giao ban", None, Recurrence("week", None, None, 0)),
        ("ngày 5 hằng tháng Nộp báo cáo", "Nộp báo cáo", None, Recurrence("month", 5)),
        ("15/3 hằng năm Tổng kết", "Tổng kết", None, Recurrence("year", 15, 3)),
        ("mai 3 giờ chiều Họp", "Họp", at(26, 11, hour=15, minute=0), None),
    ],
)
def test_dates_people_type(typed: str, text: str, due: datetime | None, recurrence: Recurrence | None) -> None:
    when = parse_when(typed, WEDNESDAY, VIETNAM)
    assert (when.text, when.due, when.recurrence) == (text, due, recurrence)


def test_dates_a_day_and_month_already_past_is_not_moved_to_next_year_silently() -> None:
    with pytest.raises(WhenError) as raised:
        parse_when("28/11 Họp", datetime(2026, 11, 29, 9, 0, tzinfo=VIETNAM), VIETNAM)
    assert (raised.value.code, raised.value.value) == ("past_this_year", "28/11")
    soon = parse_when("05/01 Họp", datetime(2026, 12, 28, 9, 0, tzinfo=VIETNAM), VIETNAM)
    assert soon.due == at(5, 1, 2027) and soon.note == "05/01 đã qua trong năm 2026 nên hiểu là 05/01/2027."


def test_dates_29_february_is_not_moved_to_a_leap_year_silently() -> None:
    with pytest.raises(WhenError) as raised:
        parse_when("29/02 Họp", NOW, VIETNAM)
    assert (raised.value.code, raised.value.value) == ("not_this_year", "29/02")
    assert parse_when("29/02/2028 Họp", NOW, VIETNAM).due == at(29, 2, 2028)
