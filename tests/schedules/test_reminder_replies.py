"""What a cadre reads back from /nhac, /xong and /tiendo: the time found after the task, past lead times said in
words that cannot be read as "7 days passed", and a person who confirmed for themselves named once."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP, PRIVATE, IncomingMessage
from schedules.messages import Reply
from tests.clock import FakeClock
from tests.schedules.test_reminder_flow import local, say, tick_at


def in_private(runtime: Runtime, clock: FakeClock, text: str, name: str = "Nguyễn Văn A") -> list[Reply]:
    """A private chat as the platforms see it: the chat is named after its one person."""
    message = IncomingMessage("telegram", "42", "42", text, clock(), chat_kind=PRIVATE, user_name=name,
                              chat_title=name)
    return runtime.router.dispatch(message)


def test_time_after_the_task_was_not_read(runtime: Runtime, clock: FakeClock) -> None:
    clock.set(local(25, 11, hour=9))
    [created] = say(runtime, clock, "/nhac nop bao cao quy IV truoc 17h ngay mai")
    assert created.text.startswith("✅ Đã tạo nhắc việc #1: «nop bao cao quy IV»")
    assert "Hạn: 17:00 26/11/2026 (thứ Năm)." in created.text
    [weekly] = say(runtime, clock, "/nhac họp chi bộ thứ Sáu hằng tuần lúc 8h")
    assert "«họp chi bộ»" in weekly.text and "Lặp lại: hằng tuần, thứ Sáu." in weekly.text
    assert "08:00 27/11/2026" in weekly.text


def test_no_time_in_the_task_shows_the_examples_and_creates_nothing(runtime: Runtime, clock: FakeClock) -> None:
    [reply] = say(runtime, clock, "/nhac Nộp báo cáo quý IV")
    assert "ở đầu lệnh" not in reply.text and "«Nộp báo cáo quý IV»" in reply.text
    assert wording.WHEN_EXAMPLES in reply.text
    [two] = say(runtime, clock, "/nhac Nộp báo cáo trước 15/12 hạn 20/12")
    assert "«trước 15/12»" in two.text and "«hạn 20/12»" in two.text and wording.WHEN_EXAMPLES in two.text
    [hour] = say(runtime, clock, "/nhac Họp chi bộ lúc 8h")
    assert "«lúc 8h»" in hour.text and "chưa có ngày" in hour.text
    assert say(runtime, clock, "/dsnhac")[0].text == wording.NO_REMINDERS


def test_past_lead_times_read_as_days_passed(runtime: Runtime, clock: FakeClock) -> None:
    [created] = say(runtime, clock, "/nhac 29/11 14h Nộp báo cáo")  # the 7-day reminder would have been today
    assert "Sẽ nhắc: trước 1 ngày, sáng ngày đến hạn, trước 2 giờ và lúc đến hạn." in created.text
    assert "Mốc nhắc trước 7 ngày đã qua nên bỏ qua." in created.text
    assert "Đã qua khi tạo" not in created.text


def test_done_named_the_confirmer_twice(runtime: Runtime, clock: FakeClock) -> None:
    in_private(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    [done] = in_private(runtime, clock, "/xong 1")
    assert done.text == "✅ Đã ghi nhận: Nguyễn Văn A hoàn thành «Nộp báo cáo tổng kết» (hạn 31/12/2026)."
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo", chat="g1", kind=GROUP, chat_admin=True)
    [group] = say(runtime, clock, "/xong 1", user="member", chat="g1", kind=GROUP)
    assert group.text.endswith("Người xác nhận: Người member.")


def test_progress_named_the_confirmer_twice(runtime: Runtime, clock: FakeClock) -> None:
    in_private(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    in_private(runtime, clock, "/xong 1")
    [progress] = in_private(runtime, clock, "/tiendo 1")
    assert "✅ Nguyễn Văn A — 09:00 22/11" in progress.text and progress.text.count("Nguyễn Văn A") == 1
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo", chat="g1", kind=GROUP, chat_admin=True)
    say(runtime, clock, "/xong 1", user="member", chat="g1", kind=GROUP)
    [group] = say(runtime, clock, "/tiendo 1", chat="g1", kind=GROUP)
    assert "✅ Nhóm g1 — 09:00 22/11, xác nhận hộ bởi Người member" in group.text


def test_done_without_a_number_only_asked_for_one(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    say(runtime, clock, "/nhac 15/12 Nộp hồ sơ thi đua")
    [pick] = say(runtime, clock, "/xong")
    assert pick.text.startswith("Xác nhận xong việc nào?")
    buttons = [button for row in pick.buttons for button in row]
    assert [(button.label, button.command) for button in buttons] == [
        ("#2 Nộp hồ sơ thi đua", "/xong 2"), ("#1 Nộp báo cáo tổng kết", "/xong 1")]
    [done] = say(runtime, clock, "", callback=buttons[0].data)
    assert done.text.startswith("✅ Đã ghi nhận: Nhóm console hoàn thành «Nộp hồ sơ thi đua»")
    [left] = say(runtime, clock, "/done")
    assert [button.command for row in left.buttons for button in row] == ["/xong 1"]
    say(runtime, clock, "/xong 1")
    assert say(runtime, clock, "/xong")[0].text == wording.NOTHING_WAITING
    [progress] = say(runtime, clock, "/tiendo")
    assert progress.text.startswith("Xem tiến độ việc nào?") and len(progress.buttons) == 2


def test_list_hid_the_time_of_day(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac Nộp báo cáo quý IV trước 17h ngày mai")
    [listed] = say(runtime, clock, "/dsnhac")
    assert "#1 · 17:00 23/11/2026 (ngày mai) · Nộp báo cáo quý IV — 0/1 đã xong" in listed.text


def test_snooze_did_not_say_which_reminder(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 20/12 Kiểm kê tài sản")
    [snoozed] = say(runtime, clock, "/hoanlai 1")
    assert snoozed.text == "⏰ Sẽ nhắc lại #1 «Kiểm kê tài sản» lúc 07:30 ngày 23/11."
    say(runtime, clock, "/xong 1")
    assert say(runtime, clock, "/hoanlai 1")[0].text == wording.DONE_NO_SNOOZE.format(number=1)


def test_overdue_the_same_day_said_zero_days(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac Nộp báo cáo quý IV trước 17h hôm nay")
    tick_at(runtime, clock, local(22, 11, hour=17))
    clock.set(local(22, 11, hour=18, minute=30))
    [overdue] = say(runtime, clock, "/quahan")
    assert "• #1 Nộp báo cáo quý IV — hạn 17:00 22/11/2026, quá 1 giờ · /xong 1" in overdue.text
    [progress] = say(runtime, clock, "/tiendo 1")
    assert progress.text.startswith("Tiến độ #1 «Nộp báo cáo quý IV» — hạn 17:00 22/11/2026, quá hạn 1 giờ:")
    [done] = say(runtime, clock, "/xong 1")
    assert done.text.startswith("✅ Đã ghi nhận (trễ 1 giờ): Nhóm console hoàn thành «Nộp báo cáo quý IV» (hạn 17:00 "
                                "22/11/2026).")


def test_a_command_without_its_number_did_not_say_where_numbers_are(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    for typed, example in (("/huynhac", "/huynhac 12"), ("/dong abc", "/dong 12"), ("/xong hai", "/xong 12")):
        assert say(runtime, clock, typed)[0].text == wording.NEED_REMINDER_NUMBER.format(example=example)
    [listed] = say(runtime, clock, "/dsnhac")
    assert listed.text.endswith(wording.REMINDERS_FOOTER)


def test_a_number_typed_after_the_reminder_picker_answered_an_earlier_question(runtime: Runtime,
                                                                                 clock: FakeClock) -> None:
    """Zalo shows the picker as lines "#2 …: gõ /xong 2": a cadre who types "2" means that reminder, not the
    alternatives of a question asked before, and not "no list is open"."""
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    say(runtime, clock, "/nhac 15/12 Nộp hồ sơ thi đua")
    [answer] = say(runtime, clock, "chi tieu BHYT")
    assert answer.buttons  # alternatives offered: a typed number used to pick among these
    say(runtime, clock, "/xong")
    [done] = say(runtime, clock, "2")
    assert done.text.startswith("✅ Đã ghi nhận: Nhóm console hoàn thành «Nộp hồ sơ thi đua»")
    say(runtime, clock, "/tiendo")
    [progress] = say(runtime, clock, "1")
    assert progress.text.startswith("Tiến độ #1 «Nộp báo cáo tổng kết»")
    say(runtime, clock, "/hoanlai")
    [snoozed] = say(runtime, clock, "1")
    assert snoozed.text.startswith("⏰ Sẽ nhắc lại #1 «Nộp báo cáo tổng kết»")
    say(runtime, clock, "/xong")
    assert say(runtime, clock, "7")[0].text == wording.NO_REMINDER.format(number=7)  # like /xong 7
    say(runtime, clock, "chi tieu BHYT")  # a later question's list is the one a number picks from
    [alternative] = say(runtime, clock, "1")
    assert alternative.citation and not alternative.text.startswith(("✅", "Tiến độ", "⏰"))


def test_a_number_typed_after_the_picker_in_a_group_carried_no_admin_check(runtime: Runtime) -> None:
    """Platforms ask whether the sender administers the group only for messages that may need it: a bare number
    may stand for /hoanlai N picked from a list."""
    assert runtime.router.manages("2") and runtime.router.manages("/hoanlai 2")
    assert not runtime.router.manages("chi tieu BHYT 2025")


def test_a_number_typed_after_the_reminder_list_confirmed_or_answered_something_else(runtime: Runtime,
                                                                                   clock: FakeClock) -> None:
    """After /dsnhac, or a picker left for an hour, a bare number acts on nothing: the cadre is asked which
    command, and no reminder is confirmed behind their back."""
    say(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    say(runtime, clock, "chi tieu BHYT")
    say(runtime, clock, "/dsnhac")
    assert say(runtime, clock, "1")[0].text == wording.TYPED_REMINDER_NUMBER.format(number=1)
    say(runtime, clock, "/xong")
    clock.advance(hours=1)
    assert say(runtime, clock, "1")[0].text == wording.TYPED_REMINDER_NUMBER.format(number=1)
    [progress] = say(runtime, clock, "/tiendo 1")
    assert "Đã xong 0/1." in progress.text
