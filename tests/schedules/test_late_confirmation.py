"""No late confirmation: after the deadline /xong said "Không có nhắc việc" and /tiendo "Đã xong 0/0". Now a
confirmation after the deadline is recorded as late, /tiendo shows the last occurrence, the overdue message repeats
daily three times to whoever has not confirmed, and /quahan lists what is overdue."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers.incoming import GROUP
from schedules.repository import Repository
from schedules.timeparse import parse_when
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def test_no_late_confirmation(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    tick_at(runtime, clock, local(7, 12, hour=9))
    [late] = say(runtime, clock, "/xong 1")
    assert late.text.startswith("✅ Đã ghi nhận (trễ 2 ngày): Nhóm console hoàn thành «Nộp báo cáo quý»")
    [progress] = say(runtime, clock, "/tiendo 1")
    assert "hạn 05/12/2026" in progress.text and "Đã xong 1/1." in progress.text and "trễ 2 ngày" in progress.text


def test_a_late_confirmation_of_a_monthly_reminder_is_for_the_month_that_passed(runtime: Runtime,
                                                                                 clock: FakeClock) -> None:
    say(runtime, clock, "/nhac hằng tháng ngày 20 Báo cáo tiến độ")
    tick_at(runtime, clock, local(22, 12, hour=9))
    [progress] = say(runtime, clock, "/tiendo 1")
    assert "hạn 20/12/2026" in progress.text and "Đã xong 0/1." in progress.text
    [late] = say(runtime, clock, "/xong 1")
    assert late.text.startswith("✅ Đã ghi nhận (trễ 2 ngày)") and "hạn 20/12/2026" in late.text
    [on_time] = say(runtime, clock, "/xong 1")  # the next month's, early
    assert on_time.text.startswith("✅ Đã ghi nhận:") and "hạn 20/01/2027" in on_time.text


def test_progress_right_after_a_late_confirmation_showed_only_the_next_round_unconfirmed(
        runtime: Runtime, clock: FakeClock) -> None:
    """A weekly task confirmed a day late: /tiendo moved on to next week's round ("chưa xác nhận, 0/1") and the
    round just confirmed, with its lateness, was nowhere. It is now one line under the round shown."""
    clock.set(local(30, 11, hour=9))
    say(runtime, clock, "/nhac thứ Sáu hằng tuần Họp giao ban")
    tick_at(runtime, clock, local(5, 12, hour=7, minute=30))
    say(runtime, clock, "/xong 1")
    [progress] = say(runtime, clock, "/tiendo 1")
    lines = progress.text.splitlines()
    assert lines[0].startswith("Tiến độ #1 «Họp giao ban» — hạn 11/12/2026")
    assert "Đã xong 0/1." in lines
    assert lines[-1] == "Kỳ trước, hạn 04/12/2026: đã xong 1/1 (1 trễ)."
    clock.set(local(6, 12, hour=9))
    say(runtime, clock, "/xong 1")  # next week's, early: on time, and still the round shown
    [after] = say(runtime, clock, "/tiendo 1")
    assert "Đã xong 1/1." in after.text
    assert after.text.splitlines()[-1] == "Kỳ trước, hạn 04/12/2026: đã xong 1/1 (1 trễ)."


def test_a_one_off_reminder_has_no_previous_round(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    assert "Kỳ trước" not in say(runtime, clock, "/tiendo 1")[0].text


def test_the_overdue_message_repeats_to_whoever_has_not_confirmed(
        runtime: Runtime, clock: FakeClock, repository: Repository, sender: RecordingSender) -> None:
    office = repository.chat("console", "console", clock(), title="Văn phòng")
    school = repository.chat("console", "school", clock(), title="Trường", kind=GROUP)
    ward = repository.chat("console", "ward", clock(), title="Phường", kind=GROUP)
    when = parse_when("05/12 Nộp báo cáo quý", clock(), VIETNAM)
    runtime.services.reminders.create(office, "admin", when, clock(), targets=[school.id, ward.id])
    tick_at(runtime, clock, local(5, 12, hour=9))
    say(runtime, clock, "/xong 1", chat="school", kind=GROUP)  # on time
    for day in (6, 7, 8, 9, 10):
        tick_at(runtime, clock, local(day, 12, hour=7, minute=30))
    overdue = [(chat.chat_id, reply.text) for chat, reply in sender.sent if reply.text.startswith("📋")]
    assert [chat for chat, _ in overdue if chat == "ward"] == ["ward"] * 3  # daily, three times
    assert not [chat for chat, _ in overdue if chat == "school"]
    summary = [text for chat, text in overdue if chat == "console"]
    assert len(summary) == 1 and "Phường" in summary[0] and "Trường" not in summary[0]
    [listed] = say(runtime, clock, "/quahan", chat="ward", kind=GROUP)
    assert "Nộp báo cáo quý" in listed.text and "05/12/2026" in listed.text
    say(runtime, clock, "/xong 1", chat="ward", kind=GROUP)
    [nothing] = say(runtime, clock, "/quahan", chat="ward", kind=GROUP)
    assert "Nộp báo cáo quý" not in nothing.text
    [progress] = say(runtime, clock, "/tiendo 1")
    assert "Đã xong 2/2." in progress.text and "trễ 5 ngày" in progress.text


def test_the_creator_closes_an_overdue_item(runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    tick_at(runtime, clock, local(6, 12, hour=7, minute=30))
    [closed] = say(runtime, clock, "/dong 1")
    assert closed.text.startswith("Đã đóng")
    count = len(sender.sent)
    for day in (7, 8, 9):
        tick_at(runtime, clock, local(day, 12, hour=7, minute=30))
    assert len(sender.sent) == count
    assert "Nộp báo cáo quý" not in say(runtime, clock, "/quahan")[0].text
