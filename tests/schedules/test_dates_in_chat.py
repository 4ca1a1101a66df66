"""Dates as people type them, in the chat: an empty /nhac echoed «», a past day and month silently meant next year,
weekly duties could be neither typed nor followed from a document."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from tests.clock import FakeClock
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def test_dates_an_empty_remind_shows_the_examples(runtime: Runtime, clock: FakeClock) -> None:
    for typed in ("/nhac", "/nhac   ", "/remind"):
        [reply] = say(runtime, clock, typed)
        assert "«»" not in reply.text and wording.WHEN_EXAMPLES in reply.text


def test_dates_a_past_day_and_month_asks_for_the_year(runtime: Runtime, clock: FakeClock) -> None:
    clock.set(local(29, 11, hour=9))
    [reply] = say(runtime, clock, "/nhac 28/11 Họp tổng kết")
    assert "28/11 năm nay đã qua" in reply.text and "/nhac 28/11/2027 Họp tổng kết" in reply.text
    [leap] = say(runtime, clock, "/nhac 29/02 Kiểm kê")
    assert "2026 không có ngày 29/02" in leap.text and "/nhac 29/02/2028 Kiểm kê" in leap.text
    assert say(runtime, clock, "/dsnhac")[0].text == wording.NO_REMINDERS


def test_dates_a_weekly_reminder_comes_every_week(runtime: Runtime, clock: FakeClock,
                                                  sender: RecordingSender) -> None:
    [created] = say(runtime, clock, "/nhac thứ Sáu hằng tuần 16h Báo cáo tuần")
    assert "Lặp lại: hằng tuần, thứ Sáu." in created.text and "16:00 27/11/2026 (thứ Sáu)" in created.text
    for moment in (local(26, 11, hour=7, minute=30), local(27, 11, hour=7, minute=30), local(27, 11, hour=14)):
        tick_at(runtime, clock, moment)
    assert sender.texts()[-1].startswith("⏰ Còn 2 giờ: Báo cáo tuần")
    say(runtime, clock, "/xong 1")
    tick_at(runtime, clock, local(28, 11, hour=9))
    [listed] = say(runtime, clock, "/dsnhac")
    assert "04/12/2026" in listed.text and "hằng tuần, thứ Sáu" in listed.text
