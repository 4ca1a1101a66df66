"""The calendar of monthly propaganda themes (schedules.themes): the shipped file, anniversary arithmetic,
upcoming events across the year end, and errors that name the file and the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from schedules.themes import DEFAULT_THEMES, Anniversary, ThemeCalendar, ThemeError


@pytest.fixture(scope="module")
def themes() -> ThemeCalendar:
    """The calendar shipped with the bot."""
    return ThemeCalendar.load()


def _event(theme_month: tuple[Anniversary, ...], day: int, name_part: str) -> Anniversary:
    """The one event on `day` whose name contains `name_part`."""
    found = [event for event in theme_month if event.day == day and name_part in event.name]
    assert len(found) == 1, found
    return found[0]


def test_shipped_file_has_focus_and_events_for_every_month(themes: ThemeCalendar) -> None:
    assert DEFAULT_THEMES.name == "themes.yaml"
    for month in range(1, 13):
        theme = themes.month(month, 2026)
        assert (theme.month, theme.year) == (month, 2026)
        assert 2 <= len(theme.focus) <= 4
        assert all(topic.strip() == topic and topic for topic in theme.focus)
        assert theme.events
        assert all(event.month == month and event.year == 2026 for event in theme.events)


def test_shipped_file_has_the_national_anniversaries(themes: ThemeCalendar) -> None:
    expected = {
        (6, 1, 1946),
        (9, 1, 1950),
        (3, 2, 1930),
        (27, 2, 1955),
        (8, 3, 1910),
        (26, 3, 1931),
        (27, 3, 1946),
        (30, 4, 1975),
        (1, 5, 1886),
        (7, 5, 1954),
        (19, 5, 1890),
        (5, 6, 1911),
        (21, 6, 1925),
        (28, 6, 2001),
        (27, 7, 1947),
        (28, 7, 1929),
        (19, 8, 1945),
        (2, 9, 1945),
        (10, 10, 1954),
        (13, 10, 2004),
        (14, 10, 1930),
        (15, 10, 1956),
        (20, 10, 1930),
        (30, 10, 1963),
        (18, 11, 1930),
        (20, 11, 1982),
        (6, 12, 1989),
        (19, 12, 1946),
        (22, 12, 1944),
        (22, 12, 1989),
    }
    present = {
        (event.day, event.month, event.founded) for month in range(1, 13) for event in themes.month(month, 2026).events
    }
    assert expected <= present
    assert _event(themes.month(6, 2026).events, 1, "Thiếu nhi").founded is None
    august = themes.month(8, 2026).events
    assert _event(august, 19, "Cách mạng Tháng Tám").founded == 1945
    assert _event(august, 19, "Công an nhân dân").founded == 1945


def test_may_2026_birthday_of_president_ho_chi_minh_is_136_years_not_major(themes: ThemeCalendar) -> None:
    birthday = _event(themes.month(5, 2026).events, 19, "Hồ Chí Minh")
    assert birthday.founded == 1890
    assert birthday.years == 136
    assert birthday.major is False
    assert birthday.title() == "Kỷ niệm 136 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 – 19/5/2026)"


def test_may_2025_birthday_of_president_ho_chi_minh_is_135_years_major(themes: ThemeCalendar) -> None:
    birthday = _event(themes.month(5, 2025).events, 19, "Hồ Chí Minh")
    assert birthday.years == 135
    assert birthday.major is True


def test_party_founding_title_and_centenary(themes: ThemeCalendar) -> None:
    party_2026 = _event(themes.month(2, 2026).events, 3, "Đảng Cộng sản")
    assert party_2026.title() == "Kỷ niệm 96 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 – 3/2/2026)"
    assert party_2026.major is False
    party_2030 = _event(themes.month(2, 2030).events, 3, "Đảng Cộng sản")
    assert party_2030.years == 100
    assert party_2030.major is True


def test_event_without_founding_year_has_no_years_and_title_is_the_name(themes: ThemeCalendar) -> None:
    children = _event(themes.month(6, 2026).events, 1, "Thiếu nhi")
    assert children.years is None
    assert children.major is False
    assert children.title() == children.name


@pytest.mark.parametrize(
    ("year", "years", "major"),
    [(1999, None, False), (2000, None, False), (2001, 1, False), (2005, 5, True), (2010, 10, True), (2013, 13, False)],
)
def test_years_are_counted_from_founding_and_only_positive(year: int, years: int | None, major: bool) -> None:
    anniversary = Anniversary(day=1, month=1, name="Sự kiện", founded=2000, local=False, year=year)
    assert anniversary.years == years
    assert anniversary.major is major
    if years is None:
        assert anniversary.title() == "Sự kiện"


def test_events_are_sorted_by_day(themes: ThemeCalendar, tmp_path: Path) -> None:
    for month in range(1, 13):
        days = [event.day for event in themes.month(month, 2026).events]
        assert days == sorted(days)
    path = tmp_path / "themes.yaml"
    path.write_text(
        "months:\n  4:\n    events:\n"
        "      - {day: 30, name: Ba mươi}\n      - {day: 2, name: Hai}\n      - {day: 15, name: Mười lăm}\n",
        encoding="utf-8",
    )
    assert [event.name for event in ThemeCalendar.load(path).month(4, 2026).events] == ["Hai", "Mười lăm", "Ba mươi"]


def test_local_events_are_flagged(themes: ThemeCalendar) -> None:
    quang_ninh = _event(themes.month(10, 2026).events, 30, "Quảng Ninh")
    assert quang_ninh.local is True
    assert quang_ninh.founded == 1963
    assert quang_ninh.years == 63
    assert _event(themes.month(9, 2026).events, 2, "Quốc khánh").local is False


def test_upcoming_crosses_the_year_end(themes: ThemeCalendar) -> None:
    upcoming = themes.upcoming(date(2026, 12, 25), 20)
    assert [(event.day, event.month, event.year) for event in upcoming] == [(6, 1, 2027), (9, 1, 2027)]
    assert upcoming[0].years == 81
    assert all("Toàn quốc kháng chiến" not in event.name for event in upcoming)  # 19/12 is already past
    assert themes.upcoming(date(2026, 12, 25), 10) == []


def test_upcoming_includes_today_and_the_last_day_in_date_order(themes: ThemeCalendar) -> None:
    upcoming = themes.upcoming(date(2026, 12, 19), 3)
    assert [(event.day, event.founded) for event in upcoming] == [(19, 1946), (22, 1944), (22, 1989)]
    assert themes.upcoming(date(2026, 12, 20), 1) == []
    across = themes.upcoming(date(2026, 4, 30), 7)
    assert [(event.day, event.month) for event in across] == [(30, 4), (1, 5), (7, 5)]


def test_february_29_is_allowed_and_only_falls_in_leap_years(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(
        "months:\n  2:\n    events:\n      - {day: 29, name: Ngày nhuận, founded: 2000}\n", encoding="utf-8"
    )
    calendar = ThemeCalendar.load(path)
    assert [event.years for event in calendar.month(2, 2028).events] == [28]
    assert calendar.month(2, 2027).events == ()
    assert [event.year for event in calendar.upcoming(date(2027, 2, 1), 400)] == [2028]


def test_month_outside_1_to_12_is_refused(themes: ThemeCalendar) -> None:
    with pytest.raises(ValueError):
        themes.month(13, 2026)


EVENT = "      - day: 3\n        name: Ngày thành lập\n        founded: 1930\n"


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("", "months", "months"),
        ("- 1\n- 2\n", "months", "months"),
        (
            "months:\n  5:\n    events:\n" + EVENT * 2 + "      - {day: 32, name: X}\n",
            "months.5.events[2].day",
            "ngày 32 không có trong tháng 5",
        ),
        ("months:\n  4:\n    events:\n      - {day: 31, name: X}\n", "months.4.events[0].day", "ngày 31"),
        ("months:\n  2:\n    events:\n      - {day: 30, name: X}\n", "months.2.events[0].day", "tháng 2"),
        ("months:\n  2:\n    events:\n      - {day: 0, name: X}\n", "months.2.events[0].day", "ngày 0"),
        ("months:\n  2:\n    events:\n      - {day: '3/2', name: X}\n", "months.2.events[0].day", "3/2"),
        ("months:\n  13:\n    focus: [A]\n", "months.13", "tháng 13"),
        ("months:\n  0:\n    focus: [A]\n", "months.0", "tháng 0"),
        ("months:\n  tháng 5:\n    focus: [A]\n", "months.tháng 5", "1 đến 12"),
        ("months: {}\nyears: {}\n", "years", "khóa không hợp lệ"),
        ("months:\n  5:\n    topics: [A]\n", "months.5.topics", "khóa không hợp lệ"),
        (
            "months:\n  5:\n    events:\n      - {day: 1, name: X, year: 1930}\n",
            "months.5.events[0].year",
            "khóa không hợp lệ",
        ),
        ("months:\n  5:\n    events:\n      - {day: 1, name: X, founded: 999}\n", "months.5.events[0].founded", "999"),
        (
            "months:\n  5:\n    events:\n      - {day: 1, name: X, founded: 3000}\n",
            "months.5.events[0].founded",
            "3000",
        ),
        (
            "months:\n  5:\n    events:\n      - {day: 1, name: X, founded: năm 1930}\n",
            "months.5.events[0].founded",
            "năm 1930",
        ),
        ("months:\n  5:\n    events:\n      - {day: 1}\n", "months.5.events[0].name", "tên sự kiện"),
        ("months:\n  5:\n    events:\n      - {day: 1, name: '  '}\n", "months.5.events[0].name", "tên sự kiện"),
        (
            "months:\n  5:\n    events:\n      - {day: 1, name: X, local: có}\n",
            "months.5.events[0].local",
            "true hoặc false",
        ),
        ("months:\n  5:\n    events:\n      - Ngày sinh Bác\n", "months.5.events[0]", "'day'"),
        ("months:\n  5:\n    events: {day: 1, name: X}\n", "months.5.events", "danh sách"),
        ("months:\n  5:\n    focus: Học tập và làm theo Bác\n", "months.5.focus", "danh sách"),
        ("months:\n  5:\n    focus: [A, 7]\n", "months.5.focus[1]", "chủ đề"),
        ("months:\n  5: Tháng Bác\n", "months.5", "'focus'"),
        ("months: [1, 2]\n", "months", "bảng"),
    ],
)
def test_invalid_file_names_file_and_key(tmp_path: Path, text: str, key: str, reason: str) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        ThemeCalendar.load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {key}: "), message
    assert reason in message
    assert caught.value.key == key
    assert isinstance(caught.value, ValueError)


def test_month_written_twice_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(
        "months:\n  10:\n    focus: [A]\n  5:\n    focus: [B]\n  10:\n    events:\n      - {day: 30, name: X}\n",
        encoding="utf-8",
    )
    with pytest.raises(ThemeError) as caught:
        ThemeCalendar.load(path)
    assert str(caught.value).startswith(f"{path}:6: 10: ")
    assert "hai lần" in str(caught.value)


def test_unreadable_or_malformed_file_names_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "khong-co.yaml"
    with pytest.raises(ThemeError) as caught:
        ThemeCalendar.load(missing)
    assert str(caught.value).startswith(f"{missing}: không đọc được tệp lịch chủ đề")
    broken = tmp_path / "themes.yaml"
    broken.write_text("months:\n  5: [unclosed\n", encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        ThemeCalendar.load(broken)
    assert str(caught.value).startswith(f"{broken}: không đọc được tệp lịch chủ đề")


def test_empty_month_and_optional_fields_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "themes.yaml"
    path.write_text(
        "months:\n  1:\n  7:\n    focus: [' Uống nước nhớ nguồn ']\n    events:\n"
        "      - {day: 27, name: Ngày Thương binh - Liệt sĩ, founded: 1947, local:}\n",
        encoding="utf-8",
    )
    calendar = ThemeCalendar.load(path)
    assert calendar.month(1, 2026).focus == ()
    assert calendar.month(1, 2026).events == ()
    july = calendar.month(7, 2027)
    assert july.focus == ("Uống nước nhớ nguồn",)
    assert july.events[0].local is False
    assert july.events[0].major is True
