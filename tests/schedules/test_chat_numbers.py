"""Numbers were global: a deployment admin's /huynhac in one group cancelled another group's reminder, another chat's
number answered differently from a missing one, and a huge number raised OverflowError. Each chat now numbers its
own reminders and no command reaches another chat's."""

from __future__ import annotations

import pytest

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP
from handlers.notices import Notices
from schedules.planner import delivery
from tests.clock import FakeClock
from tests.schedules.test_reminder_flow import say


def group(runtime: Runtime, clock: FakeClock, chat: str, text: str, *, user: str = "boss") -> str:
    [reply] = say(runtime, clock, text, user=user, chat=chat, kind=GROUP, chat_admin=True)
    return reply.text


def test_numbers_are_global(runtime: Runtime, clock: FakeClock) -> None:
    assert group(runtime, clock, "g1", "/nhac 31/12 Báo cáo của nhóm một").startswith("✅ Đã tạo nhắc việc #1:")
    assert group(runtime, clock, "g2", "/nhac 30/12 Báo cáo của nhóm hai").startswith("✅ Đã tạo nhắc việc #1:")
    assert group(runtime, clock, "g2", "/nhac 29/12 Việc thứ hai").startswith("✅ Đã tạo nhắc việc #2:")
    # A deployment admin ("admin") acting in g1 reaches only g1's #1 and knows nothing of g2's #2.
    assert group(runtime, clock, "g1", "/huynhac 1", user="admin") == wording.REMINDER_CANCELLED.format(
        number=1, text="Báo cáo của nhóm một")
    assert "Báo cáo của nhóm hai" in group(runtime, clock, "g2", "/dsnhac")
    missing = wording.NO_REMINDER.format(number=2)
    for command in ("/huynhac 2", "/xong 2", "/hoanlai 2", "/tiendo 2", "/dong 2"):
        assert group(runtime, clock, "g1", command, user="admin") == missing, command
    assert group(runtime, clock, "g1", "/xong 7", user="admin") == wording.NO_REMINDER.format(number=7)


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "0"])
def test_a_number_out_of_range_is_not_found(runtime: Runtime, clock: FakeClock, number: str) -> None:
    for command in ("huynhac", "xong", "tiendo", "hoanlai"):
        assert group(runtime, clock, "g1", f"/{command} {number}") == wording.NO_REMINDER.format(number=number)


def test_a_button_of_another_chat_reaches_nothing(runtime: Runtime, clock: FakeClock) -> None:
    group(runtime, clock, "g1", "/nhac 31/12 Báo cáo của nhóm một")
    [reply] = say(runtime, clock, "", chat="g2", kind=GROUP, callback="xongky:1")
    [missing] = say(runtime, clock, "", chat="g2", kind=GROUP, callback="xongky:999")
    assert reply.text == missing.text


def test_a_message_queued_before_chats_had_numbers_shows_the_chats_number(runtime: Runtime, clock: FakeClock) -> None:
    group(runtime, clock, "g1", "/nhac 31/12 Việc của nhóm một")
    group(runtime, clock, "g2", "/nhac 30/12 Việc của nhóm hai")  # reminder id 2, number 1 in g2
    repository = runtime.services.repository
    chat = repository.chat("console", "g2", clock())
    [reminder] = repository.reminders_of(chat.id)
    assert (reminder.id, reminder.number) == (2, 1)
    payload = {"type": "lead", "reminder": 2, "occurrence": reminder.occurrence_id, "text": "Việc của nhóm hai",
               "due": clock().isoformat(), "lead": 7, "citation": None}  # as rows were written before 0003
    repository.enqueue([delivery("legacy", "lead", chat.id, payload, clock(), clock())])
    [item] = [row for row in repository.due(clock(), 10, ["console"]) if row.key == "legacy"]
    reply = Notices(repository, runtime.services.calendar, runtime.services.zone).render(item)
    assert reply is not None and reply.buttons[0][0].command == "/xong 1"
