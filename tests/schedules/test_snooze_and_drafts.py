"""Snooze spam (each /hoanlai by any member queued one more message) and drafts (a non-author pressing «Hủy» was
told the draft was dropped although it was not)."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP, IncomingMessage
from schedules.repository import Repository
from tests.clock import FakeClock
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def test_snooze_spam(runtime: Runtime, clock: FakeClock, sender: RecordingSender, repository: Repository) -> None:
    clock.set(local(28, 11, hour=10))
    say(runtime, clock, "/nhac 30/11 Kiểm kê tài sản", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    tick_at(runtime, clock, local(29, 11, hour=7, minute=30))
    snooze = sender.sent[-1][1].buttons[0][1]
    refused = say(runtime, clock, "", user="member", chat="g1", kind=GROUP, callback=snooze.data)
    assert refused[0].text == wording.NOT_ALLOWED.format(action="hẹn nhắc lại")
    replies = [say(runtime, clock, "/hoanlai 1", user=f"boss{press % 6}", chat="g1", kind=GROUP,
                   chat_admin=True)[0].text for press in range(60)]  # six of the group's admins, ten times each
    assert replies[0] == wording.SNOOZED.format(at=local(30, 11, hour=7, minute=30), number=1, text="Kiểm kê tài sản")
    assert all(reply.startswith("Đã hẹn nhắc lại") for reply in replies[1:])
    snoozes = [key for key in repository.keys_with_prefix("snooze:")]
    assert len(snoozes) == 1  # once per lead window, however often it is pressed
    tick_at(runtime, clock, local(30, 11, hour=7, minute=30))
    assert sum(1 for text in sender.texts("g1") if text.startswith("⏰ Nhắc lại")) == 1
    [again] = say(runtime, clock, "/hoanlai 1", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    assert again.text.startswith("⏰ Sẽ nhắc lại")  # a new lead window (the morning of) allows one more


def test_drafts(runtime: Runtime, clock: FakeClock, repository: Repository) -> None:
    runtime.services.permissions.admins.add("telegram:admin")  # another platform's admin, same user id as the author
    say(runtime, clock, "/dangky", user="boss", chat="g5", kind=GROUP, chat_admin=True)
    [preview] = say(runtime, clock, "/phatthong Lịch trực Tết")  # by console:admin
    drop = preview.buttons[0][1]
    [stranger] = say(runtime, clock, "", user="someone", chat="private-9", callback=drop.data)
    assert stranger.text == wording.BROADCAST_GONE.format(number=1)
    [other] = runtime.router.dispatch(IncomingMessage("telegram", "admin", "admin", "", clock(), callback=drop.data))
    assert other.text == wording.BROADCAST_GONE.format(number=1)
    [dropped] = say(runtime, clock, "", callback=drop.data)
    assert dropped.text == wording.BROADCAST_DROPPED
    [gone] = say(runtime, clock, "", callback=preview.buttons[0][0].data)
    assert gone.text == wording.BROADCAST_GONE.format(number=1)



def test_a_draft_number_beyond_an_integer_column_was_an_apology(runtime: Runtime, clock: FakeClock) -> None:
    """`/phatthong huy 99999999999999999999` (or a forged «Gửi» button) reached the database and raised
    OverflowError; like a missing draft, it is "no such draft"."""
    huge = "99999999999999999999"
    for typed in (f"/phatthong huy {huge}", f"/phatthong gui {huge}"):
        assert say(runtime, clock, typed)[0].text == wording.BROADCAST_GONE.format(number=int(huge))
    for data in (f"phat:{huge}", f"huyphat:{huge}"):
        assert say(runtime, clock, "", callback=data)[0].text == wording.BROADCAST_GONE.format(number=int(huge))
