"""The weekly digest (every Monday at 07:30 each subscribed chat gets its deadlines of the next 14 days and what is
overdue and unconfirmed; /tonghop on demand) and /tinhtrang for admins."""

from __future__ import annotations

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP
from tests.clock import FakeClock
from tests.schedules.conftest import RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def admin_of(chat: str, text: str, runtime: Runtime, clock: FakeClock) -> str:
    [reply] = say(runtime, clock, text, user="boss", chat=chat, kind=GROUP, chat_admin=True)
    return reply.text


def test_the_weekly_digest_goes_on_monday_morning_to_subscribed_chats(runtime: Runtime, clock: FakeClock,
                                                                       sender: RecordingSender) -> None:
    admin_of("g1", "/dangky", runtime, clock)
    admin_of("g1", "/nhac 25/11 Nộp báo cáo tuần", runtime, clock)
    admin_of("g1", "/nhac 02/12 Họp tổng kết", runtime, clock)
    admin_of("g1", "/nhac 31/12 Báo cáo năm", runtime, clock)  # beyond the next 14 days
    admin_of("g2", "/dangky", runtime, clock)  # subscribed, with nothing to say: no digest
    tick_at(runtime, clock, local(23, 11, hour=7, minute=29))
    assert not [text for text in sender.texts("g1") if text.startswith("🗓")]
    tick_at(runtime, clock, local(23, 11, hour=7, minute=30))
    [digest] = [text for text in sender.texts("g1") if text.startswith("🗓")]
    assert digest.startswith("🗓 Tổng hợp nhắc việc 23/11 – 07/12/2026:")
    assert "#1 Nộp báo cáo tuần" in digest and "#2 Họp tổng kết" in digest and "Báo cáo năm" not in digest
    assert not [text for text in sender.texts("g2") if text.startswith("🗓")]
    tick_at(runtime, clock, local(23, 11, hour=9))
    assert len([text for text in sender.texts("g1") if text.startswith("🗓")]) == 1  # once a week
    tick_at(runtime, clock, local(30, 11, hour=7, minute=30))
    [_, second] = [text for text in sender.texts("g1") if text.startswith("🗓")]
    assert "Quá hạn, chưa xác nhận (1):" in second and "Nộp báo cáo tuần" in second


def test_the_digest_on_demand(runtime: Runtime, clock: FakeClock) -> None:
    assert admin_of("g1", "/tonghop", runtime, clock) == wording.NOTHING_THIS_WEEK.format(days=14)
    admin_of("g1", "/nhac 25/11 Nộp báo cáo tuần", runtime, clock)
    assert "#1 Nộp báo cáo tuần" in admin_of("g1", "/tonghop", runtime, clock)


def test_the_outbox_state_is_for_admins(runtime: Runtime, clock: FakeClock) -> None:
    refused = say(runtime, clock, "/tinhtrang", user="member", chat="p1")[0].text
    assert refused == wording.ADMIN_ONLY.format(action="xem tình trạng gửi tin")
    [state] = say(runtime, clock, "/tinhtrang")
    assert state.text.startswith("📮 Hàng gửi: 0 tin chờ gửi.")
