"""Numbers written the Vietnamese way (knowledge.numbers) and time expressions (knowledge.dates,
knowledge.recurrences): due dates, months, quarters, half-years, years, recurrences and the next occurrence of a
recurring duty."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.dates import find_due_dates, next_occurrence
from knowledge.model import Recurrence
from knowledge.numbers import format_number, int_to_roman, parse_number, roman_to_int
from knowledge.recurrences import find_recurrences


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
        ("Hoàn thành sơ kết trong 6 tháng đầu năm 2025.", date(2025, 6, 30)),
        ("Xong trong 9 tháng đầu năm 2023.", date(2023, 9, 30)),
        ("Hoàn thành trong 6 tháng cuối năm 2025.", date(2025, 12, 31)),
        ("Hoàn thành dứt điểm hết năm 2024.", date(2024, 12, 31)),
        ("Chậm nhất hết Quý I/2024 hoàn thành dứt điểm.", date(2024, 3, 31)),
        ("Hoàn thành trong quý 4/2024.", date(2024, 12, 31)),
        ("Khởi công hạn chót là ngày 5/6/2024.", date(2024, 6, 5)),
        ("Hoàn thành trước năm 2025.", date(2024, 12, 31)),
        ("Báo cáo kết quả về Công an tỉnh trong tháng 12/2025.", date(2025, 12, 31)),
        ("Xây dựng kế hoạch, hoàn thành trong tháng 02 năm 2026.", date(2026, 2, 28)),
        ("Thời gian thực hiện: Từ nay đến hết năm 2025.", date(2025, 12, 31)),
        ("Báo cáo về Bộ Nội vụ trước Thứ Tư ngày 03/12/2025.", date(2025, 12, 3)),
        ("Thời hạn hoàn thành chậm nhất ngày 25/12/2025.", date(2025, 12, 25)),
        ("Thời hạn: 15/01/2026.", date(2026, 1, 15)),
        ("Cơ quan chủ trì: Sở Nội vụ; Thời gian hoàn thành: Quí IV-2025", date(2025, 12, 31)),
        ("Thời gian hoàn thành: Tháng 11 - 12/2025.", date(2025, 12, 31)),
    ],
)
def test_find_due_dates_reads_one_deadline(text: str, due: date) -> None:
    assert _dues(text) == [due]


@pytest.mark.parametrize(
    ("text", "marker", "precision"),
    [
        ("Các chi bộ nộp kế hoạch trước ngày 31/12/2021 về Văn phòng.", "before", "day"),
        ("Thời hạn hoàn thành chậm nhất ngày 25/12/2025.", "before", "day"),
        ("Thời gian hoàn thành: 30/6/2026.", "label", "day"),
        ("Báo cáo trong tháng 11/2025.", "within", "month"),
        ("Giải ngân đến hết Quý III/2024.", "by", "quarter"),
        ("Tổ chức hội nghị vào ngày 20/11/2025.", "on", "day"),
        ("Thời gian thực hiện: từ ngày 20/8/2025 đến ngày 29/8/2025.", "range", "day"),
        ("Mầm non: Từ ngày 24 đến ngày 30 tháng 5 năm 2025.", "range", "day"),
        ("Hoàn thành trong năm 2025.", "within", "year"),
        ("Thời gian ủy quyền: Kể từ ngày Quyết định được ban hành đến hết ngày 28/02/2027.", "range", "day"),
    ],
)
def test_due_date_carries_its_marker_and_precision(text: str, marker: str, precision: str) -> None:
    [mention] = find_due_dates(text)
    assert (mention.marker, mention.precision) == (marker, precision)


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
        (date(2025, 11, 20), 2026, date(2026, 3, 15)),  # a plan for 2026 signed in November 2025
        (date(2025, 2, 10), 2024, date(2025, 3, 15)),  # a review of 2024 signed in 2025: not before its date
    ],
)
def test_year_less_date_is_resolved_against_the_reference(
    reference: date | None, plan_year: int | None, due: date
) -> None:
    assert _dues("Nộp báo cáo trước ngày 15/3.", reference=reference, plan_year=plan_year) == [due]


def test_year_less_date_without_reference_or_plan_year_is_not_a_deadline() -> None:
    assert _dues("Nộp báo cáo trước ngày 15/3.") == []


def test_quarter_and_month_without_year_take_the_plan_year() -> None:
    assert _dues("Hoàn thành trong quý II.", plan_year=2023) == [date(2023, 6, 30)]
    assert _dues("Hoàn thành trong quý II.") == []
    assert _dues("Hoàn thành trong tháng 12.", reference=date(2025, 3, 2)) == [date(2025, 12, 31)]
    assert _dues("Hoàn thành trong quý I.", reference=date(2025, 11, 20)) == [date(2026, 3, 31)]


@pytest.mark.parametrize(
    "text",
    [
        "Tiếp tục quán triệt Kết luận số 20-KL/TW ngày 16/10/2021 của Hội nghị Trung ương 4.",
        "Thực hiện Nghị quyết số 20-KL/TW ngày 16/10/2021 của Bộ Chính trị.",
        "Căn cứ Kế hoạch số 48/KH-UBND ngày 20 tháng 02 năm 2024 của Ủy ban nhân dân thị xã.",
        "Kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2024).",
        "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXV, nhiệm kỳ 2020 - 2025.",
        "Quy hoạch chung thị xã đến năm 2030, tầm nhìn đến năm 2050.",
        "Phấn đấu vào năm 2025 có 80% hộ dân sử dụng nước sạch.",
        "Hoàn thành trước ngày 31/02/2024.",
        "Báo cáo trong 2-3 tháng tới.",
        "Trong 6 tháng, các đơn vị rà soát hồ sơ.",
        "Quan trắc từ tháng 3 đến tháng 11 hằng năm.",
    ],
)
def test_dates_that_are_not_due_dates_are_ignored(text: str) -> None:
    assert find_due_dates(text, reference=date(2024, 1, 1), plan_year=2024) == []


def test_two_deadlines_in_one_sentence_are_both_found_in_order() -> None:
    text = "Phấn đấu đến 31/12/2022 giải ngân 100% kế hoạch vốn, trong đó đến hết Quý III/2022 đạt tối thiểu 80%."
    assert _dues(text) == [date(2022, 12, 31), date(2022, 9, 30)]


def _recurrences(text: str, **kwargs: bool) -> list[Recurrence | None]:
    return [mention.recurrence for mention in find_recurrences(text, **kwargs)]


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("Định kỳ hằng quý rà soát, sơ kết, báo cáo Ban Thường vụ Thị ủy.", Recurrence("quarter")),
        ("Hàng quý báo cáo kết quả về Đảng ủy phường.", Recurrence("quarter")),
        ("Hằng tháng, trước ngày 20 báo cáo kết quả về Văn phòng.", Recurrence("month", 20)),
        ("Các chi bộ báo cáo kết quả trước ngày 15 hằng tháng.", Recurrence("month", 15)),
        ("Mỗi tháng họp giao ban vào ngày 5.", Recurrence("month", 5)),
        ("Báo cáo vào ngày cuối cùng của mỗi tháng.", Recurrence("month", 31)),
        ("Hằng tháng tổng hợp, báo cáo Thường trực.", Recurrence("month")),
        ("Báo cáo hằng năm trước ngày 15/12.", Recurrence("year", 15, 12)),
        ("Trước ngày 15/12 hàng năm tổng hợp, báo cáo Sở.", Recurrence("year", 15, 12)),
        ("Ngày 20/11 hằng năm tổ chức tổng kết phong trào thi đua.", Recurrence("year", 20, 11)),
        ("Định kỳ hằng năm (trước ngày 25/12 trong năm) gửi báo cáo về Văn phòng.", Recurrence("year", 25, 12)),
        ("Tổ chức tổng kết hằng năm.", Recurrence("year")),
        ("Hằng tuần vào thứ Sáu, các tổ báo cáo tiến độ về Văn phòng.", Recurrence("week", weekday=4)),
        ("Họp giao ban vào sáng thứ Hai hằng tuần.", Recurrence("week", weekday=0)),
        ("Báo cáo định kỳ hằng tuần về Ban Chỉ đạo.", Recurrence("week")),
        ("Báo cáo kết quả hằng quý (trước ngày 10 của tháng cuối quý).", Recurrence("quarter", 10)),
        ("Báo cáo kết quả về Sở chậm nhất ngày 17 tháng 12, định kỳ hàng năm.", Recurrence("year", 17, 12)),
        ("Bản tin được phát hành vào ngày 15 của tháng trước đó.", Recurrence("month", 15)),
        ("Các đơn vị gửi báo cáo trước ngày 05 của tháng sau.", Recurrence("month", 5)),
        ("Phát hành kịp thời để các chi bộ sinh hoạt đúng ngày mồng 3 hằng tháng.", Recurrence("month", 3)),
        ("Bản tin chuyên đề được phát hành vào tuần cuối cùng của tháng thứ 3 trong quý.", Recurrence("quarter")),
        ("Hàng quí báo cáo kết quả về Đảng ủy.", Recurrence("quarter")),
        ("Hằng năm trích quỹ phúc lợi và báo cáo.", Recurrence("year")),
    ],
)
def test_find_recurrences_reads_one_duty(text: str, recurrence: Recurrence) -> None:
    assert _recurrences(text) == [recurrence]


def test_a_list_of_periods_gives_one_duty_per_period_with_its_own_day() -> None:
    text = (
        "Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11 "
        "hàng năm) hoặc khi có yêu cầu, báo cáo tình hình thực hiện Kế hoạch."
    )
    assert _recurrences(text) == [Recurrence("month", 16), Recurrence("year", 16, 6), Recurrence("year", 20, 11)]
    assert _recurrences("Thực hiện báo cáo định kỳ quý, năm gửi Sở Nội vụ.") == [
        Recurrence("quarter"), Recurrence("year")
    ]
    assert _recurrences("Kết quả, báo cáo tổng hợp hàng quý và hàng năm được lưu trữ.") == [
        Recurrence("quarter"), Recurrence("year")
    ]


def test_two_days_of_one_yearly_duty_are_two_recurrences() -> None:
    text = "Định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo kết quả thực hiện về Sở."
    assert _recurrences(text) == [Recurrence("year", 1, 6), Recurrence("year", 15, 11)]


@pytest.mark.parametrize("text", ["Định kỳ 6 tháng báo cáo kết quả.", "Báo cáo 6 tháng một lần."])
def test_half_yearly_duty_without_a_day_is_june_and_december_without_a_day(text: str) -> None:
    assert _recurrences(text) == [Recurrence("year", None, 6), Recurrence("year", None, 12)]


@pytest.mark.parametrize(
    "text",
    [
        "Tỷ lệ hộ nghèo giảm dần qua hằng tháng.",
        "Hàng năm, xây dựng kế hoạch xúc tiến thương mại của tỉnh.",
        "Chủ trì rà soát, cập nhật dữ liệu theo định kỳ hằng năm hoặc đột xuất, ban hành theo hình thức phù hợp.",
        "Đến ngày 30 tháng 6 hàng năm chưa phân bổ thì thu hồi kinh phí để thực hiện nhiệm vụ khác.",
        "Thời gian báo cáo định kỳ hằng năm tính từ ngày 15 tháng 12 năm trước đến ngày 14 tháng 12.",
        "Chế độ thông tin, báo cáo theo định kỳ của Chương trình.",
        "Người đang hưởng lương hưu, trợ cấp hằng tháng nếu có nguyện vọng thì gửi văn bản đề nghị cơ quan.",
        "Trường hợp chưa nộp hồ sơ hằng năm thì gửi cơ quan thuế văn bản giải trình.",
        "Mức chi viết báo cáo quy hoạch khảo cổ thực hiện theo quy định.",
        "Mỗi quỹ báo cáo tình hình thu chi.",
        "Giá trị quỹ đất xác định tại báo cáo nghiên cứu tiền khả thi, phù hợp với bảng giá đất hằng năm được duyệt.",
    ],
)
def test_period_words_without_a_duty_are_not_a_recurrence(text: str) -> None:
    assert find_recurrences(text) == []


def test_without_requiring_a_duty_every_period_word_counts() -> None:
    assert _recurrences("Tỷ lệ hộ nghèo giảm dần qua hằng tháng.", require_action=False) == [Recurrence("month")]


def test_weekday_of_a_dated_deadline_is_not_a_weekly_day() -> None:
    text = "Báo cáo trước Thứ Tư ngày 03/12/2025 và tại các báo cáo định kỳ hằng tuần."
    assert _recurrences(text) == [Recurrence("week")]


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
        (Recurrence("month"), date(2024, 4, 1), date(2024, 4, 30)),
        (Recurrence("quarter", 31), date(2024, 2, 10), date(2024, 3, 31)),
        (Recurrence("quarter", 31), date(2024, 3, 31), date(2024, 3, 31)),
        (Recurrence("quarter", 31), date(2024, 4, 1), date(2024, 6, 30)),
        (Recurrence("quarter", 31), date(2024, 11, 30), date(2024, 12, 31)),
        (Recurrence("quarter", 20), date(2024, 3, 21), date(2024, 6, 20)),
        (Recurrence("quarter", 31), date(2024, 12, 31), date(2024, 12, 31)),
        (Recurrence("quarter"), date(2024, 5, 2), date(2024, 6, 30)),
        (Recurrence("quarter", 3, 1), date(2024, 5, 2), date(2024, 7, 3)),  # the 3rd of each quarter's first month
        (Recurrence("quarter", 3, 1), date(2024, 12, 31), date(2025, 1, 3)),
        (Recurrence("quarter", 10, 1), date(2024, 4, 10), date(2024, 4, 10)),
        (Recurrence("quarter", 15, 2), date(2024, 1, 20), date(2024, 2, 15)),
        (Recurrence("year", 15, 12), date(2024, 6, 1), date(2024, 12, 15)),
        (Recurrence("year", 15, 12), date(2024, 12, 16), date(2025, 12, 15)),
        (Recurrence("year", 31, 2), date(2024, 1, 1), date(2024, 2, 29)),
        (Recurrence("year", 31, 2), date(2023, 3, 1), date(2024, 2, 29)),
        (Recurrence("year", 30, 6), date(2024, 6, 30), date(2024, 6, 30)),
        (Recurrence("year", 31), date(2024, 5, 5), date(2024, 12, 31)),
        (Recurrence("year"), date(2024, 5, 5), date(2024, 12, 31)),
        (Recurrence("year", None, 6), date(2024, 5, 5), date(2024, 6, 30)),
        (Recurrence("week", weekday=4), date(2025, 12, 1), date(2025, 12, 5)),  # Monday → Friday
        (Recurrence("week", weekday=0), date(2025, 12, 1), date(2025, 12, 1)),
        (Recurrence("week"), date(2025, 12, 1), date(2025, 12, 7)),  # no weekday: the week's last day
    ],
)
def test_next_occurrence(recurrence: Recurrence, today: date, due: date) -> None:
    assert next_occurrence(recurrence, today) == due


@given(
    st.sampled_from(
        [Recurrence("month", 31), Recurrence("month", 5), Recurrence("quarter", 31), Recurrence("year", 29, 2),
         Recurrence("month"), Recurrence("quarter"), Recurrence("year"), Recurrence("week", weekday=3),
         Recurrence("quarter", 3, 1), Recurrence("quarter", 31, 2)]
    ),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
)
def test_next_occurrence_is_never_before_today_and_within_its_period(recurrence: Recurrence, today: date) -> None:
    due = next_occurrence(recurrence, today)
    assert due >= today
    limit = {"week": 6, "month": 31, "quarter": 92, "year": 366}[recurrence.every]
    assert (due - today).days <= limit


@pytest.mark.parametrize(
    ("recurrence", "json", "words"),
    [
        (Recurrence("month"), {"every": "month", "day": None}, "hằng tháng"),
        (Recurrence("month", 20), {"every": "month", "day": 20}, "hằng tháng, ngày 20"),
        (Recurrence("quarter", 31), {"every": "quarter", "day": 31}, "hằng quý, ngày cuối quý"),
        (Recurrence("quarter", 3, 1), {"every": "quarter", "day": 3, "month_of_quarter": 1},
         "hằng quý, ngày 3 tháng đầu quý"),
        (Recurrence("quarter", 15, 2), {"every": "quarter", "day": 15, "month_of_quarter": 2},
         "hằng quý, ngày 15 tháng thứ hai của quý"),
        (Recurrence("year", 20, 11), {"every": "year", "day": 20, "month": 11}, "hằng năm, ngày 20/11"),
        (Recurrence("year", 31, 6), {"every": "year", "day": 31, "month": 6}, "hằng năm, ngày 30/6"),
        (Recurrence("year", None, 6), {"every": "year", "day": None, "month": 6}, "hằng năm, tháng 6"),
        (Recurrence("year"), {"every": "year", "day": None}, "hằng năm"),
        (Recurrence("week", weekday=4), {"every": "week", "day": None, "weekday": 4}, "hằng tuần, thứ Sáu"),
        (Recurrence("week"), {"every": "week", "day": None, "weekday": None}, "hằng tuần"),
    ],
)
def test_recurrence_json_and_wording(recurrence: Recurrence, json: dict[str, object], words: str) -> None:
    assert recurrence.to_json() == json
    assert recurrence.describe() == words


def test_a_date_written_out_in_words_is_indexed_as_the_date() -> None:
    from knowledge.synonyms import Lexicon
    from knowledge.terms import text_terms

    terms = text_terms("Giải ngân tính đến hết ngày 31 tháng 10 năm 2025 đạt 72,4%; họp ngày 5 tháng 12.", Lexicon())
    assert {"d:2025-10-31", "dm:10-31", "dm:12-05"} <= terms
