"""Monthly themes and ad-hoc broadcasts: on demand, subscriptions, the monthly send, preview and confirmation."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP
from tests.clock import FakeClock
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def test_theme_of_may_shows_computed_anniversaries(runtime: Runtime, clock: FakeClock) -> None:
    [reply] = say(runtime, clock, "/chude 5")
    text = reply.text
    assert text.startswith("📢 Chủ đề tuyên truyền tháng 5/2027:")  # May has passed in 2026: the next May
    assert "• 19/5: Kỷ niệm 137 năm" in text and "Hồ Chí Minh" in text
    assert "• 7/5: Kỷ niệm 73 năm" in text
    [this_month] = say(runtime, clock, "/theme")
    assert this_month.text.startswith("📢 Chủ đề tuyên truyền tháng 11/2026:")
    [round_year] = say(runtime, clock, "/chude 2/2030")
    assert "Kỷ niệm 100 năm Ngày thành lập Đảng Cộng sản Việt Nam" in round_year.text and "★" in round_year.text
    assert say(runtime, clock, "/chude 13")[0].text == wording.BAD_MONTH


def test_subscribed_chats_get_the_theme_on_the_first_of_the_month(runtime: Runtime, clock: FakeClock,
                                                                  sender: RecordingSender) -> None:
    [subscribed] = say(runtime, clock, "/dangky", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    assert subscribed.text.startswith("Đã đăng ký cho Nhóm g1: chủ đề tuyên truyền ngày 1 hằng tháng lúc 08:00")
    assert say(runtime, clock, "/subscribe", user="boss", chat="g1", kind=GROUP, chat_admin=True)[0].text == (
        wording.ALREADY_SUBSCRIBED.format(chat="Nhóm g1"))
    assert say(runtime, clock, "/dangky", user="member", chat="g2", kind=GROUP)[0].text.startswith("Chỉ quản trị")
    say(runtime, clock, "/dangky", user="me", chat="private-1")
    assert tick_at(runtime, clock, local(1, 12, hour=7, minute=59)) == 0
    assert tick_at(runtime, clock, local(1, 12, hour=8)) == 2
    assert {chat.chat_id for chat, _ in sender.sent} == {"g1", "private-1"}
    assert all(text.startswith("📢 Chủ đề tuyên truyền tháng 12/2026:") for text in sender.texts())
    assert tick_at(runtime, clock, local(2, 12, hour=8)) == 0  # once a month per chat
    say(runtime, clock, "/huydangky", user="me", chat="private-1")
    assert tick_at(runtime, clock, local(1, 1, 2027, hour=8)) == 1
    assert sender.sent[-1][0].chat_id == "g1"


def test_an_adhoc_broadcast_needs_a_preview_and_a_confirmation(runtime: Runtime, clock: FakeClock,
                                                               sender: RecordingSender) -> None:
    for chat in ("g1", "g2"):
        say(runtime, clock, "/dangky", user="boss", chat=chat, kind=GROUP, chat_admin=True)
    [preview] = say(runtime, clock, "/phatthong Họp giao ban lúc 8h sáng thứ Hai")
    assert preview.text == wording.broadcast_preview("Họp giao ban lúc 8h sáng thứ Hai", 2, 1)
    assert tick_at(runtime, clock, clock()) == 0  # nothing is sent before confirmation
    [queued] = say(runtime, clock, "", callback=preview.buttons[0][0].data)
    assert queued.text == wording.BROADCAST_QUEUED.format(count=2)
    assert tick_at(runtime, clock, clock()) == 2
    assert sender.texts() == ["📢 Thông báo: Họp giao ban lúc 8h sáng thứ Hai"] * 2
    [twice] = say(runtime, clock, "/phatthong gui 1")
    assert twice.text == wording.BROADCAST_GONE.format(number=1)
    [second] = say(runtime, clock, "/broadcast Nghỉ lễ")
    say(runtime, clock, "", callback=second.buttons[0][1].data)
    assert say(runtime, clock, "/phatthong gui 2")[0].text == wording.BROADCAST_GONE.format(number=2)
    assert say(runtime, clock, "/phatthong")[0].text == wording.BROADCAST_EMPTY
    assert say(runtime, clock, "", callback="phat:x")[0].text == wording.NEED_NUMBER.format(
        example="/phatthong gui 3")  # a malformed button: an example, not an apology


def test_a_broadcast_still_being_sent_at_the_minute_tick_is_not_late(runtime: Runtime, clock: FakeClock,
                                                                      sender: RecordingSender) -> None:
    for chat in ("g1", "g2", "g3"):
        say(runtime, clock, "/dangky", user="boss", chat=chat, kind=GROUP, chat_admin=True)
    [preview] = say(runtime, clock, "/phatthong Họp giao ban")
    say(runtime, clock, "", callback=preview.buttons[0][0].data)
    clock.advance(minutes=2)  # the rows waited their turn past their time (a long broadcast, a busy group)
    tick_at(runtime, clock, clock())
    broadcasts = [text for text in sender.texts() if "Họp giao ban" in text]
    assert broadcasts == ["📢 Thông báo: Họp giao ban"] * 3


def test_subscribing_named_only_the_monthly_theme(runtime: Runtime, clock: FakeClock) -> None:
    """/dangky also brings the Monday digest and the admins' broadcasts: the reply said only "chủ đề hằng tháng",
    so a group admin did not know what the group had signed up for, nor how to stop it."""
    [subscribed] = say(runtime, clock, "/dangky", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    text = subscribed.text
    assert text.startswith("Đã đăng ký cho Nhóm g1:")
    assert "chủ đề tuyên truyền ngày 1 hằng tháng lúc 08:00" in text
    assert "bản tổng hợp nhắc việc thứ Hai lúc 07:30" in text and "thông báo" in text and "/huydangky" in text
    [again] = say(runtime, clock, "/dangky", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    assert again.text == wording.ALREADY_SUBSCRIBED.format(chat="Nhóm g1")
    [left] = say(runtime, clock, "/huydangky", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    assert left.text == wording.UNSUBSCRIBED.format(chat="Nhóm g1")
    assert "tổng hợp" in left.text and "thông báo" in left.text
