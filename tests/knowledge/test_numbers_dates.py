"""Numbers written the Vietnamese way (knowledge.numbers) and time expressions (knowledge.dates):
due dates, quarters, half-years, years, recurrences and the next occurrence of a recurring duty."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.dates import find_due_dates, find_recurrences, next_occurrence
from knowledge.model import Recurrence
from knowledge.numbers import format_number, int_to_roman, parse_number, roman_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("13,5", 13.5),
        ("6.800", 6800),
        ("2.520", 2520),
        ("02", 2),
        ("1.234.567,5", 1234567.5),
        ("650.000", 650000),
        ("99,6", 99.6),
        ("180", 180),
        (" 54,1 ", 54.1),
    ],
)
def test_parse_number_reads_vietnamese_formats(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "-5", "1,2,3", "12.34.5", "1.234,5,6", "%", "III"])
def test_parse_number_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [(13.5, "13,5"), (6800, "6.800"), (2520.0, "2.520"), (1234567.5, "1.234.567,5"), (2, "2"), (0.25, "0,25")],
)
def test_format_number_writes_vietnamese_formats(value: float, text: str) -> None:
    assert format_number(value) == text


@given(st.integers(min_value=0, max_value=10**11))
def test_format_then_parse_number_round_trips(hundredths: int) -> None:
    value = hundredths / 100
    assert parse_number(format_number(value)) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("I", 1), ("III", 3), ("IV", 4), ("ix", 9), ("XIV", 14), ("XXV", 25), ("XIII", 13), ("MCMXCIV", 1994)],
)
def test_roman_to_int(text: str, value: int) -> None:
    assert roman_to_int(text) == value


@pytest.mark.parametrize("text", ["", "IIII", "IC", "ABC", "VV", "12"])
def test_roman_to_int_rejects_what_is_not_a_roman_numeral(text: str) -> None:
    assert roman_to_int(text) is None


@pytest.mark.parametrize(("value", "text"), [(1, "I"), (3, "III"), (4, "IV"), (9, "IX"), (40, "XL"), (2024, "MMXXIV")])
def test_int_to_roman(value: int, text: str) -> None:
    assert int_to_roman(value) == text


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_round_trip(value: int) -> None:
    assert roman_to_int(int_to_roman(value)) == value


def _dues(text: str, **kwargs: object) -> list[date | None]:
    return [mention.due for mention in find_due_dates(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("Hoàn thành và báo cáo Thường trực Thị ủy trước ngày 31/12/2021.", date(2021, 12, 31)),
        ("Phấn đấu đến 31/12/2022 giải ngân 100% kế hoạch vốn.", date(2022, 12, 31)),
        ("Phấn đấu đến hết Quý III/2024 giải ngân đạt tối thiểu 80% kế hoạch vốn.", date(2024, 9, 30)),
        ("Hoàn thành cải tạo chợ Hưng Phú trong quý II năm 2025.", date(2025, 6, 30)),
        ("Chỉ đạo tổ chức Diễn tập khu vực phòng thủ thị xã vào quý III năm 2022.", date(2022, 9, 30)),
        ("Gửi báo cáo về Văn phòng trước ngày 20 tháng 02 năm 2024.", date(2024, 2, 20)),
        ("Sơ kết 6 tháng đầu năm 2025 việc thực hiện Nghị quyết.", date(2025, 6, 30)),
        ("Sơ kết 9 tháng đầu năm 2023.", date(2023, 9, 30)),
        ("Tổng kết 6 tháng cuối năm 2025.", date(2025, 12, 31)),
        ("Hoàn thành dứt điểm hết năm 2024.", date(2024, 12, 31)),
        ("Chậm nhất hết Quý I/2024 hoàn thành dứt điểm.", date(2024, 3, 31)),
        ("Hoàn thành trong quý 4/2024.", date(2024, 12, 31)),
        ("Khởi công hạn chót là ngày 5/6/2024.", date(2024, 6, 5)),
        ("Hoàn thành trước năm 2025.", date(2024, 12, 31)),
    ],
)
def test_find_due_dates_reads_one_deadline(text: str, due: date) -> None:
    assert _dues(text) == [due]


def test_due_date_mention_points_at_its_words() -> None:
    text = "Các chi bộ nộp kế hoạch trước ngày 31/12/2021 về Văn phòng."
    [mention] = find_due_dates(text)
    assert text[mention.start : mention.end] == "trước ngày 31/12/2021"
    assert mention.recurrence is None


@pytest.mark.parametrize(
    ("reference", "plan_year", "due"),
    [
        (date(2025, 1, 10), None, date(2025, 3, 15)),
        (date(2025, 5, 20), None, date(2026, 3, 15)),
        (date(2025, 3, 15), None, date(2025, 3, 15)),
        (None, 2024, date(2024, 3, 15)),
    ],
)
def test_year_less_date_is_resolved_against_the_reference(
    reference: date | None, plan_year: int | None, due: date
) -> None:
    assert _dues("Nộp báo cáo trước ngày 15/3.", reference=reference, plan_year=plan_year) == [due]


def test_year_less_date_without_reference_or_plan_year_is_not_a_deadline() -> None:
    assert _dues("Nộp báo cáo trước ngày 15/3.") == []


def test_quarter_without_year_takes_the_plan_year() -> None:
    assert _dues("Hoàn thành trong quý II.", plan_year=2023) == [date(2023, 6, 30)]
    assert _dues("Hoàn thành trong quý II.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Tiếp tục quán triệt Kết luận số 20-KL/TW ngày 16/10/2021 của Hội nghị Trung ương 4.",
        "Thực hiện Nghị quyết số 20-KL/TW ngày 16/10/2021 của Bộ Chính trị.",
        "Căn cứ Kế hoạch số 48/KH-UBND ngày 20 tháng 02 năm 2024 của Ủy ban nhân dân thị xã.",
        "Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024).",
        "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXV, nhiệm kỳ 2020 - 2025.",
        "Quy hoạch chung thị xã đến năm 2030, tầm nhìn đến năm 2050.",
        "Hoàn thành trước ngày 31/02/2024.",
    ],
)
def test_dates_that_are_not_deadlines_are_ignored(text: str) -> None:
    assert find_due_dates(text, reference=date(2024, 1, 1), plan_year=2024) == []


def test_two_deadlines_in_one_sentence_are_both_found_in_order() -> None:
    text = "Phấn đấu đến 31/12/2022 giải ngân 100% kế hoạch vốn, trong đó đến hết Quý III/2022 đạt tối thiểu 80%."
    assert _dues(text) == [date(2022, 12, 31), date(2022, 9, 30)]


def _recurrences(text: str, **kwargs: bool) -> list[Recurrence | None]:
    return [mention.recurrence for mention in find_recurrences(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Định kỳ hằng quý rà soát, sơ kết, báo cáo Ban Thường vụ Thị ủy.", Recurrence("quarter", 31)),
        ("Hàng quý báo cáo kết quả về Đảng ủy phường.", Recurrence("quarter", 31)),
        ("Hằng tháng, trước ngày 20 báo cáo kết quả về Văn phòng.", Recurrence("month", 20)),
        ("Mỗi tháng họp giao ban vào ngày 5.", Recurrence("month", 5)),
        ("Báo cáo vào ngày cuối cùng của mỗi tháng.", Recurrence("month", 31)),
        ("Hằng tháng tổng hợp, báo cáo Thường trực.", Recurrence("month", 31)),
        ("Báo cáo hằng năm trước ngày 15/12.", Recurrence("year", 15, 12)),
        ("Tổ chức tổng kết hằng năm.", Recurrence("year", 31, 12)),
    ],
)
def test_find_recurrences_reads_one_duty(text: str, recurrence: Recurrence) -> None:
    assert _recurrences(text) == [recurrence]


@pytest.mark.parametrize(
    "text", ["Định kỳ 6 tháng báo cáo kết quả.", "Báo cáo 6 tháng một lần.", "Sơ kết định kỳ sáu tháng."]
)
def test_half_yearly_duty_is_two_yearly_dates(text: str) -> None:
    assert _recurrences(text) == [Recurrence("year", 30, 6), Recurrence("year", 31, 12)]


def test_period_words_without_a_duty_verb_are_not_a_recurrence() -> None:
    text = "Tỷ lệ hộ nghèo giảm dần qua hằng tháng."
    assert find_recurrences(text) == []
    assert _recurrences(text, require_action=False) == [Recurrence("month", 31)]


@pytest.mark.parametrize(
    ("recurrence", "today", "due"),
    [
        (Recurrence("month", 20), date(2024, 2, 10), date(2024, 2, 20)),
        (Recurrence("month", 20), date(2024, 2, 20), date(2024, 2, 20)),
        (Recurrence("month", 20), date(2024, 2, 21), date(2024, 3, 20)),
        (Recurrence("month", 20), date(2024, 12, 21), date(2025, 1, 20)),
        (Recurrence("month", 31), date(2024, 2, 10), date(2024, 2, 29)),
        (Recurrence("month", 31), date(2023, 2, 10), date(2023, 2, 28)),
        (Recurrence("month", 31), date(2024, 4, 1), date(2024, 4, 30)),
        (Recurrence("quarter", 31), date(2024, 2, 10), date(2024, 3, 31)),
        (Recurrence("quarter", 31), date(2024, 3, 31), date(2024, 3, 31)),
        (Recurrence("quarter", 31), date(2024, 4, 1), date(2024, 6, 30)),
        (Recurrence("quarter", 31), date(2024, 11, 30), date(2024, 12, 31)),
        (Recurrence("quarter", 20), date(2024, 3, 21), date(2024, 6, 20)),
        (Recurrence("quarter", 31), date(2024, 12, 31), date(2024, 12, 31)),
        (Recurrence("year", 15, 12), date(2024, 6, 1), date(2024, 12, 15)),
        (Recurrence("year", 15, 12), date(2024, 12, 16), date(2025, 12, 15)),
        (Recurrence("year", 31, 2), date(2024, 1, 1), date(2024, 2, 29)),
        (Recurrence("year", 31, 2), date(2023, 3, 1), date(2024, 2, 29)),
        (Recurrence("year", 30, 6), date(2024, 6, 30), date(2024, 6, 30)),
        (Recurrence("year", 31), date(2024, 5, 5), date(2024, 12, 31)),
    ],
)
def test_next_occurrence(recurrence: Recurrence, today: date, due: date) -> None:
    assert next_occurrence(recurrence, today) == due


@given(
    st.sampled_from(
        [Recurrence("month", 31), Recurrence("month", 5), Recurrence("quarter", 31), Recurrence("year", 29, 2)]
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
)
def test_next_occurrence_is_never_before_today_and_within_its_period(recurrence: Recurrence, today: date) -> None:
    due = next_occurrence(recurrence, today)
    assert due >= today
    limit = {"month": 31, "quarter": 92, "year": 366}[recurrence.every]
    assert (due - today).days <= limit
