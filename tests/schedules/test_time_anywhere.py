"""/nhac read its time only at the start: "nop bao cao quy IV truoc 17h ngay mai" was refused. The time is found
anywhere in the text (after a cue word first, the longest reading), the rest is the task, and numbers that belong
to the task (quý IV, Nghị quyết 57, 182/KH-UBND, 5 hộ nghèo, lần thứ 7) are not taken as times."""

from __future__ import annotations

from datetime import datetime

import pytest

from knowledge.model import Recurrence
from schedules.errors import WhenError
from schedules.timeparse import parse_when
from tests.conftest import VIETNAM

WEDNESDAY = datetime(2026, 11, 25, 9, 0, tzinfo=VIETNAM)


def at(day: int, month: int, year: int = 2026, hour: int = 23, minute: int = 59) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("typed", "text", "due", "recurrence", "clock"),
    [
        ("nop bao cao quy IV truoc 17h ngay mai", "nop bao cao quy IV", at(26, 11, hour=17, minute=0), None, None),
        ("nộp báo cáo quý IV trước 17h ngày mai", "nộp báo cáo quý IV", at(26, 11, hour=17, minute=0), None,
         None),
        ("họp chi bộ thứ Sáu hằng tuần lúc 8h", "họp chi bộ", None, Recurrence("week", None, None, 4), "08:00"),
        ("hop chi bo thu sau hang tuan luc 8h", "hop chi bo", None, Recurrence("week", None, None, 4), "08:00"),
        ("báo cáo tháng trước ngày 5 hằng tháng", "báo cáo tháng", None, Recurrence("month", 5), None),
        ("Nộp hồ sơ thi đua hạn 15/12", "Nộp hồ sơ thi đua", at(15, 12), None, None),
        ("Nộp hồ sơ thi đua (hạn 15/12).", "Nộp hồ sơ thi đua", at(15, 12), None, None),
        ("Nộp báo cáo, hạn chót là ngày 31/12", "Nộp báo cáo", at(31, 12), None, None),
        ("Họp chi bộ ngày mai trước 14h", "Họp chi bộ", at(26, 11, hour=14, minute=0), None, None),
        ("Họp chi bộ mai 14h", "Họp chi bộ", at(26, 11, hour=14, minute=0), None, None),
        ("Giao ban chiều mai 3 giờ", "Giao ban", at(26, 11, hour=15, minute=0), None, None),
        ("mai nộp báo cáo trước 17h", "nộp báo cáo", at(26, 11, hour=17, minute=0), None, None),
        ("8h họp chi bộ ngày mai", "họp chi bộ", at(26, 11, hour=8, minute=0), None, None),
        ("31/12 Họp tổng kết lúc 8h", "Họp tổng kết", at(31, 12, hour=8, minute=0), None, None),
        ("Họp chi bộ thứ 7", "Họp chi bộ", at(28, 11), None, None),
        ("Họp tổ vào thứ 6 tới", "Họp tổ", at(27, 11), None, None),
        ("Kiểm tra hồ sơ 3 ngày nữa", "Kiểm tra hồ sơ", at(28, 11), None, None),
        ("Báo cáo kết quả hằng quý", "Báo cáo kết quả", None, Recurrence("quarter", 31), None),
        ("hằng tháng Nộp báo cáo trước ngày 5", "Nộp báo cáo", None, Recurrence("month", 5), None),
        ("mỗi quý họp giao ban vào ngày 20 lúc 8h", "họp giao ban", None, Recurrence("quarter", 20), "08:00"),
    ],
)
def test_time_after_the_task_was_not_read(typed: str, text: str, due: datetime | None,
                                          recurrence: Recurrence | None, clock: str | None) -> None:
    when = parse_when(typed, WEDNESDAY, VIETNAM)
    assert (when.text, when.due, when.recurrence) == (text, due, recurrence)
    if clock is not None:
        assert when.at is not None and f"{when.at:%H:%M}" == clock


@pytest.mark.parametrize(
    ("typed", "text", "due"),
    [
        ("Triển khai Nghị quyết 57 trước 15/12", "Triển khai Nghị quyết 57", at(15, 12)),
        ("Báo cáo kế hoạch 182/KH-UBND trước ngày 20/12", "Báo cáo kế hoạch 182/KH-UBND", at(20, 12)),
        ("Rà soát 5 hộ nghèo vào thứ 6 tuần sau", "Rà soát 5 hộ nghèo", at(4, 12)),
        ("Chuẩn bị Hội nghị lần thứ 7 trước 10/12", "Chuẩn bị Hội nghị lần thứ 7", at(10, 12)),
        ("Kiểm tra lớp 10/3 vào thứ Hai", "Kiểm tra lớp 10/3", at(30, 11)),
        ("Gửi chị Mai danh sách 3 ngày nữa", "Gửi chị Mai danh sách", at(28, 11)),
        ("Hoàn thành 2-3 hồ sơ hạn 15/12", "Hoàn thành 2-3 hồ sơ", at(15, 12)),
        ("Ôn tập 2h hạn 15/12", "Ôn tập 2h", at(15, 12)),
        ("15/12 Học 2h", "Học 2h", at(15, 12)),
        ("Tổng kết công tác cuối năm 2025 trước 15/1", "Tổng kết công tác cuối năm 2025", at(15, 1, 2027)),
    ],
)
def test_numbers_of_the_task_taken_as_times(typed: str, text: str, due: datetime) -> None:
    when = parse_when(typed, WEDNESDAY, VIETNAM)
    assert (when.text, when.due, when.recurrence) == (text, due, None)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Nộp báo cáo quý IV", "no_date"),
        ("Triển khai Nghị quyết 57 về 5 hộ nghèo", "no_date"),
        ("Chuẩn bị Đại hội lần thứ 7", "no_date"),
        ("Gửi báo cáo cho Mai", "no_date"),
        ("Họp chi bộ lúc 8h", "no_day"),
        ("Nộp báo cáo trước 15/12 hạn 20/12", "ambiguous"),
    ],
)
def test_no_time_or_two_times_in_the_task_change_nothing(typed: str, code: str) -> None:
    with pytest.raises(WhenError) as raised:
        parse_when(typed, WEDNESDAY, VIETNAM)
    assert raised.value.code == code


def test_a_past_day_after_the_task_asks_for_the_year_in_the_same_order() -> None:
    with pytest.raises(WhenError) as raised:
        parse_when("Nộp báo cáo hạn 20/11", WEDNESDAY, VIETNAM)
    assert raised.value.code == "past_this_year"
    assert raised.value.example == "/nhac Nộp báo cáo hạn 20/11/2027"
