"""One user could create 500 reminders in 11 seconds; invisible and control characters went into stored text."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import IncomingMessage
from schedules.messages import Reply
from tests.clock import FakeClock
from tests.schedules.test_reminder_flow import say as on_console


def say(runtime: Runtime, clock: FakeClock, text: str, *, user: str, chat: str) -> list[Reply]:
    """A message on a messenger (the console, the operator's own terminal, is not counted)."""
    return runtime.router.dispatch(IncomingMessage("zalo", chat, user, text, clock(), user_name=user))


def test_one_slow_message_one_user_cannot_create_hundreds_of_reminders(runtime: Runtime, clock: FakeClock) -> None:
    replies = [say(runtime, clock, f"/nhac 31/12 Việc số {number}", user="someone", chat="p1")[0].text
               for number in range(25)]
    created = [reply for reply in replies if reply.startswith("✅ Đã tạo")]
    assert len(created) == 20 and replies[20] == wording.TOO_MANY_REMINDERS.format(limit=20)
    clock.advance(hours=1, minutes=1)
    assert say(runtime, clock, "/nhac 31/12 Việc sau một giờ", user="someone", chat="p1")[0].text.startswith(
        "✅ Đã tạo")


def test_one_slow_message_commands_per_minute_are_limited(runtime: Runtime, clock: FakeClock) -> None:
    replies = [say(runtime, clock, "/chude", user="u2", chat="p2") for _ in range(32)]
    assert replies[29][0].text.startswith("📢") and replies[30][0].text == wording.SLOW_DOWN
    assert replies[31] == []  # told once: no answer at all until the minute is over
    clock.advance(minutes=1, seconds=1)
    assert say(runtime, clock, "/chude", user="u2", chat="p2")[0].text.startswith("📢")


def test_the_console_and_admins_are_not_counted(runtime: Runtime, clock: FakeClock) -> None:
    assert all(on_console(runtime, clock, "/chude", user="someone") for _ in range(40))
    runtime.services.permissions.admins.add("zalo:boss")
    assert all(say(runtime, clock, "/chude", user="boss", chat="p3") for _ in range(40))


def test_one_slow_message_invisible_characters_are_not_stored(runtime: Runtime, clock: FakeClock) -> None:
    on_console(runtime, clock, "/nhac 31/12 Nộp\u202e báo cáo\u200b quý\x07\u2066")
    [listed] = on_console(runtime, clock, "/dsnhac")
    assert "Nộp báo cáo quý — 0/1" in listed.text
