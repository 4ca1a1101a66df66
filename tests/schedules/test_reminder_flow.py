"""Reminders from the chat, driven by a fake clock: create, list, lead times, confirm, snooze, recurrence, cancel."""

from __future__ import annotations

import asyncio
from datetime import datetime

from bot.config import Settings
from bot.wiring import Runtime, follow_documents
from handlers import wording
from handlers.incoming import GROUP, PRIVATE, IncomingMessage
from knowledge.base import KnowledgeBase
from schedules.messages import Reply
from schedules.repository import Repository
from schedules.timeparse import parse_when
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.schedules.conftest import RecordingSender


def say(runtime: Runtime, clock: FakeClock, text: str, *, user: str = "admin", chat: str = "console",
        kind: str = PRIVATE, chat_admin: bool = False, callback: str | None = None) -> list[Reply]:
    message = IncomingMessage("console", chat, user, text, clock(), chat_kind=kind, user_name=f"Người {user}",
                              chat_title=f"Nhóm {chat}", is_chat_admin=chat_admin, callback=callback)
    return runtime.router.dispatch(message)


def tick_at(runtime: Runtime, clock: FakeClock, moment: datetime) -> int:
    clock.set(moment)
    return asyncio.run(runtime.scheduler.tick())


def local(day: int, month: int, year: int = 2026, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=VIETNAM)


def test_create_list_confirm_and_cancel(runtime: Runtime, clock: FakeClock) -> None:
    [created] = say(runtime, clock, "/nhac 31/12 Nộp báo cáo tổng kết")
    assert created.text.startswith("✅ Đã tạo nhắc việc #1: «Nộp báo cáo tổng kết»")
    assert "31/12/2026 (thứ Năm)" in created.text and "trước 7 ngày, trước 1 ngày và sáng ngày đến hạn" in created.text
    [listed] = say(runtime, clock, "/dsnhac")
    assert "#1 · 31/12/2026 (còn 39 ngày) · Nộp báo cáo tổng kết — 0/1 đã xong" in listed.text
    [done] = say(runtime, clock, "/xong 1")
    assert done.text.startswith("✅ Đã ghi nhận: Nhóm console hoàn thành «Nộp báo cáo tổng kết»")
    [again] = say(runtime, clock, "/done 1")
    assert again.text == wording.ALREADY_CONFIRMED.format(chat="Nhóm console", text="Nộp báo cáo tổng kết")
    [progress] = say(runtime, clock, "/tiendo 1")
    assert "✅ Nhóm console — 09:00 22/11, xác nhận hộ bởi Người admin" in progress.text
    assert "Đã xong 1/1." in progress.text
    [cancelled] = say(runtime, clock, "/huynhac 1")
    assert cancelled.text == wording.REMINDER_CANCELLED.format(number=1, text="Nộp báo cáo tổng kết")
    [empty] = say(runtime, clock, "/dsnhac")
    assert empty.text == wording.NO_REMINDERS


def test_an_unreadable_date_shows_examples_and_creates_nothing(runtime: Runtime, clock: FakeClock) -> None:
    for text in ("/nhac 32/13 Nộp báo cáo", "/nhac sáng nay họp", "/nhac 31/12", "/nhac 01/01/2020 Họp"):
        [reply] = say(runtime, clock, text)
        assert wording.WHEN_EXAMPLES in reply.text
    assert say(runtime, clock, "/dsnhac")[0].text == wording.NO_REMINDERS


def test_lead_time_messages_come_at_the_right_times(runtime: Runtime, clock: FakeClock,
                                                     sender: RecordingSender) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    assert tick_at(runtime, clock, local(28, 11, hour=7, minute=29)) == 0
    assert tick_at(runtime, clock, local(28, 11, hour=7, minute=30)) == 1
    assert sender.texts()[-1].startswith("⏰ Còn 7 ngày: Nộp báo cáo quý — hạn 05/12/2026 (thứ Bảy).")
    assert sender.sent[-1][1].buttons[0][0].label == wording.DONE_LABEL
    assert tick_at(runtime, clock, local(3, 12, hour=23)) == 0
    assert tick_at(runtime, clock, local(4, 12, hour=7, minute=30)) == 1
    assert sender.texts()[-1].startswith("⏰ Còn 1 ngày (hạn là ngày mai): Nộp báo cáo quý")
    assert tick_at(runtime, clock, local(5, 12, hour=7, minute=30)) == 1
    assert sender.texts()[-1].startswith("⏰ Hôm nay là hạn chót: Nộp báo cáo quý")
    assert tick_at(runtime, clock, local(5, 12, hour=23, minute=59)) == 0  # nobody is woken at midnight
    for day in (6, 7, 8):  # not confirmed: the overdue message, each morning, three times
        assert tick_at(runtime, clock, local(day, 12, hour=7, minute=30)) == 1
        assert sender.texts()[-1].startswith(f"📋 Quá hạn {day - 5} ngày: Nộp báo cáo quý")
    assert tick_at(runtime, clock, local(9, 12, hour=7, minute=30)) == 0
    say(runtime, clock, "/xong 1")  # done at last: recorded late, and the reminder is over
    assert say(runtime, clock, "/dsnhac")[0].text == wording.NO_REMINDERS


def test_a_confirmed_occurrence_sends_nothing_more(runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    tick_at(runtime, clock, local(28, 11, hour=7, minute=30))
    button = sender.sent[-1][1].buttons[0][0]
    [reply] = say(runtime, clock, "", callback=button.data)
    assert reply.text.startswith("✅ Đã ghi nhận")
    for moment in (local(4, 12, hour=7, minute=30), local(5, 12, hour=7, minute=30), local(5, 12, hour=23, minute=59)):
        assert tick_at(runtime, clock, moment) == 0
    assert len(sender.sent) == 1


def test_snooze_reminds_again_next_morning(runtime: Runtime, clock: FakeClock, sender: RecordingSender) -> None:
    say(runtime, clock, "/nhac 20/12 Kiểm kê tài sản")
    tick_at(runtime, clock, local(13, 12, hour=7, minute=30))
    snooze = sender.sent[-1][1].buttons[0][1]
    [reply] = say(runtime, clock, "", callback=snooze.data)
    assert reply.text == wording.SNOOZED.format(at=local(14, 12, hour=7, minute=30), number=1, text="Kiểm kê tài sản")
    assert tick_at(runtime, clock, local(14, 12, hour=7, minute=30)) == 1
    assert sender.texts()[-1].startswith("⏰ Nhắc lại — Còn 6 ngày: Kiểm kê tài sản")


def test_a_monthly_reminder_moves_on_to_the_next_month(runtime: Runtime, clock: FakeClock,
                                                        sender: RecordingSender) -> None:
    [created] = say(runtime, clock, "/nhac hằng tháng ngày 20 Báo cáo tiến độ")
    assert "Lặp lại: hằng tháng, ngày 20." in created.text and "20/12/2026" in created.text
    tick_at(runtime, clock, local(20, 12, hour=7, minute=30))
    say(runtime, clock, "/xong 1")
    tick_at(runtime, clock, local(21, 12, hour=9))
    [listed] = say(runtime, clock, "/dsnhac")
    assert "#1 · 20/01/2027 (còn 30 ngày) · hằng tháng, ngày 20 · Báo cáo tiến độ — 0/1 đã xong" in listed.text
    assert tick_at(runtime, clock, local(13, 1, 2027, hour=7, minute=30)) == 1
    assert sender.texts()[-1].startswith("⏰ Còn 7 ngày: Báo cáo tiến độ — hạn 20/01/2027")


def test_last_day_of_month_and_quarter(runtime: Runtime, clock: FakeClock) -> None:
    [month_end] = say(runtime, clock, "/nhac ngày cuối tháng Nộp bảng chấm công")
    assert "30/11/2026" in month_end.text
    [quarterly] = say(runtime, clock, "/nhac hằng quý Báo cáo kết quả quý")
    assert "31/12/2026" in quarterly.text and "hằng quý, ngày cuối quý" in quarterly.text


def test_follow_a_document_deadline_keeps_its_citation(runtime: Runtime, clock: FakeClock,
                                                       sender: RecordingSender) -> None:
    [listing] = say(runtime, clock, "/hanchot")
    assert listing.text.splitlines()[1].startswith("1. hằng quý")
    [followed] = say(runtime, clock, "/theodoi 1")
    assert followed.text.startswith("✅ Đã tạo nhắc việc #1: «Định kỳ hằng quý rà soát, sơ kết")
    assert followed.citation == "[09-NQ/TU, III › 2]"
    [past] = say(runtime, clock, "/theodoi 3")
    assert past.text.startswith("Hạn này đã qua")
    [again] = say(runtime, clock, "/theodoi 1")
    assert "#1" in again.text  # the same deadline is not followed twice
    tick_at(runtime, clock, local(24, 12, hour=7, minute=30))
    assert "📄 09-NQ/TU, mục III › 2" in sender.texts()[-1]


def test_follow_needs_a_list_first(runtime: Runtime, clock: FakeClock) -> None:
    assert say(runtime, clock, "/theodoi 1")[0].text == wording.FOLLOW_FIRST


def test_follow_after_a_list_with_no_deadline_says_there_is_none_to_follow(repository: Repository, clock: FakeClock,
                                                                           sender: RecordingSender) -> None:
    from bot.wiring import build_runtime
    from knowledge.parsing import parse_text
    from tests.schedules.conftest import UNLIMITED

    note = KnowledgeBase.from_documents([parse_text("Tuyên truyền về phòng cháy chữa cháy trong khu dân cư.\n",
                                                    "tb.txt")])
    settings = Settings(admins=["console:admin"], database_url="sqlite://")
    bare = build_runtime(settings, note, {"console": sender}, clock, repository=repository,
                         limits={"console": UNLIMITED})
    say(bare, clock, "/hanchot")
    assert say(bare, clock, "/theodoi 1")[0].text == wording.NO_DEADLINES


def test_follow_a_number_past_the_end_of_the_list_says_how_long_the_list_is(runtime: Runtime,
                                                                            clock: FakeClock) -> None:
    say(runtime, clock, "/hanchot tatca")
    refused = say(runtime, clock, "/theodoi 99")[0].text
    assert refused.startswith("Không có hạn số 99: danh sách /hanchot vừa xem đánh số từ 1 đến ")
    count = int(refused.rsplit(" ", 1)[1].rstrip("."))
    last = say(runtime, clock, f"/theodoi {count}")[0].text  # the last number is there: followed, or past
    assert count > 1 and last.startswith(("✅ Đã tạo nhắc việc", "Hạn này đã qua")), last


def test_only_admins_and_group_admins_change_things_and_refusals_say_why(runtime: Runtime, clock: FakeClock) -> None:
    refused = say(runtime, clock, "/nhac 31/12 Họp", user="member", chat="g1", kind=GROUP)[0].text
    assert refused == wording.NOT_ALLOWED.format(action="tạo nhắc việc")
    allowed = say(runtime, clock, "/nhac 31/12 Họp", user="boss", chat="g1", kind=GROUP, chat_admin=True)[0].text
    assert allowed.startswith("✅ Đã tạo nhắc việc")
    assert say(runtime, clock, "/huynhac 1", user="member", chat="g1", kind=GROUP)[0].text.startswith("Chỉ quản trị")
    listed = say(runtime, clock, "/dsnhac", user="member", chat="g1", kind=GROUP)[0].text
    assert "#1" in listed  # everyone can list
    assert say(runtime, clock, "/xong 1", user="member", chat="g1", kind=GROUP)[0].text.startswith("✅ Đã ghi nhận")
    mine = say(runtime, clock, "/nhac 31/12 Việc riêng", user="someone", chat="private-1")[0].text
    assert mine.startswith("✅ Đã tạo nhắc việc")  # a private chat manages its own reminders
    denied = say(runtime, clock, "/phatthong Họp toàn thể", user="boss", chat="g1", kind=GROUP, chat_admin=True)
    assert denied[0].text == wording.ADMIN_ONLY.format(action="phát thông báo")
    for command in ("/xong 2", "/hoanlai 2", "/tiendo 2"):  # g1's reminder is #1 there, nothing here
        assert say(runtime, clock, command, user="someone", chat="private-1")[0].text == (
            wording.NO_REMINDER.format(number=2))
    assert "Việc riêng" in say(runtime, clock, "/tiendo 1", user="someone", chat="private-1")[0].text
    assert "Đã xong 1/1" in say(runtime, clock, "/tiendo 1", user="member", chat="g1", kind=GROUP)[0].text


def test_a_configured_group_follows_every_deadline_of_chosen_documents(runtime: Runtime, clock: FakeClock,
                                                                        samples: KnowledgeBase) -> None:
    settings = Settings(schedules={"follow": [{"chat": "console:g1", "documents": ["09-NQ/TU"]}]})
    assert follow_documents(runtime, settings, clock()) == 1  # the quarterly review; the dated ones are past
    assert follow_documents(runtime, settings, clock()) == 1  # again at the next start: nothing new
    [listed] = say(runtime, clock, "/dsnhac", chat="g1", kind=GROUP)
    assert listed.text.startswith("Nhắc việc đang theo dõi (1):") and "hằng quý" in listed.text
    everything = Settings(schedules={"follow": [{"chat": "console:g2", "documents": ["*"]}]})
    assert follow_documents(runtime, everything, clock()) == 1


def test_queued_lead_messages_are_dropped_once_the_chat_confirmed_or_the_reminder_was_cancelled(
        runtime: Runtime, clock: FakeClock, repository: Repository, sender: RecordingSender) -> None:
    office = repository.chat("console", "console", clock(), title="Văn phòng")
    school = repository.chat("console", "school", clock(), title="Trường", kind=GROUP)
    when = parse_when("05/12 Nộp báo cáo quý", clock(), VIETNAM)
    created = runtime.services.reminders.create(office, "admin", when, clock(),
                                                targets=[office.id, school.id]).reminder
    assert created.occurrence_id is not None
    clock.set(local(28, 11, hour=7, minute=25))
    runtime.scheduler.planner.plan(clock())  # both 7-day messages wait in the outbox
    repository.acknowledge(created.occurrence_id, school.id, "u1", "Cô Lan", clock())
    assert repository.lead_state(created.occurrence_id, school.id) == ("open", True)
    assert repository.lead_state(created.occurrence_id, office.id) == ("open", False)
    assert tick_at(runtime, clock, local(28, 11, hour=7, minute=30)) == 1
    assert [chat.chat_id for chat, _ in sender.sent] == ["console"]
    clock.set(local(4, 12, hour=7, minute=25))
    runtime.scheduler.planner.plan(clock())  # the 1-day message, for the office only
    repository.cancel_reminder(created.id)
    assert repository.lead_state(created.occurrence_id, office.id) == ("cancelled", False)
    assert repository.lead_state(created.occurrence_id + 1000, office.id) is None
    assert tick_at(runtime, clock, local(4, 12, hour=7, minute=30)) == 0
    assert len(sender.sent) == 1
