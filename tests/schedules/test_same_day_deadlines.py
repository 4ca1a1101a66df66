"""Same-day deadlines never reminded: a deadline with a time of day gets its messages before it and at the time,
with the confirm button; lead times already past at creation are said so at creation."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from tests.clock import FakeClock
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def test_same_day_deadlines_never_remind(runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    clock.set(local(22, 11, hour=9))
    [created] = say(runtime, clock, "/nhac 22/11 09:02 Kiểm tra")
    assert "Sẽ nhắc: lúc đến hạn." in created.text  # none of the others can come any more
    assert "Mốc nhắc trước 7 ngày, trước 1 ngày và trước 2 giờ đã qua nên bỏ qua." in created.text
    assert tick_at(runtime, clock, local(22, 11, hour=9, minute=1)) == 0
    assert tick_at(runtime, clock, local(22, 11, hour=9, minute=2)) == 1
    [(_chat, reply)] = sender.sent
    assert reply.text.startswith("⏰ Đến hạn: Kiểm tra — hạn 09:02 22/11/2026")
    commands = [button.command for row in reply.buttons for button in row]
    assert "/xong 1" in commands  # the deadline's own message can be confirmed from


def test_a_deadline_with_a_time_is_reminded_two_hours_before_and_at_the_time(
        runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    [created] = say(runtime, clock, "/nhac 25/11 14:00 Họp giao ban")
    assert "trước 2 giờ và lúc đến hạn" in created.text
    for moment in (local(24, 11, hour=7, minute=30),
                   local(25, 11, hour=7, minute=30), local(25, 11, hour=12), local(25, 11, hour=14)):
        tick_at(runtime, clock, moment)
    texts = sender.texts()
    assert texts[0].startswith("⏰ Còn 1 ngày (hạn là ngày mai): Họp giao ban")
    assert texts[1].startswith("⏰ Hôm nay là hạn chót: Họp giao ban")
    assert texts[2].startswith("⏰ Còn 2 giờ: Họp giao ban — hạn 14:00 25/11/2026")
    assert texts[3].startswith("⏰ Đến hạn: Họp giao ban")
    assert len(texts) == 4 and all(reply.buttons for _, reply in sender.sent)


def test_a_lead_time_already_past_is_said_at_creation(runtime: Runtime, clock: FakeClock) -> None:
    [created] = say(runtime, clock, "/nhac 13/12 nhắc trước 30,7 ngày Nộp báo cáo")  # 21 days away
    assert "Sẽ nhắc: trước 7 ngày." in created.text
    assert "Mốc nhắc trước 30 ngày đã qua nên bỏ qua." in created.text


def test_the_deadline_day_and_overdue_messages_carry_the_confirm_button(
        runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    tick_at(runtime, clock, local(5, 12, hour=7, minute=30))
    tick_at(runtime, clock, local(6, 12, hour=7, minute=30))
    day, overdue = [reply for chat, reply in sender.sent if chat.chat_id == "console"][-2:]
    assert day.text.startswith("⏰ Hôm nay là hạn chót: Nộp báo cáo quý")
    assert overdue.text.startswith("📋 Quá hạn 1 ngày: Nộp báo cáo quý")
    for reply in (day, overdue):
        assert reply.buttons[0][0].label == wording.DONE_LABEL and reply.buttons[0][0].command == "/xong 1"
