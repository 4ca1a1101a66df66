"""Questions the bot could not answer, through the whole bot: each decline is recorded without who asked or where,
a failure to record still answers, and /chuatraloi shows admins the most frequent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.wiring import Runtime
from handlers import wording
from handlers.incoming import GROUP, IncomingMessage
from handlers.unanswered import UnansweredLog, folded_key
from schedules.unanswered_store import Retention
from tests.clock import FakeClock
from tests.schedules.test_reminder_flow import say

OUT_OF_SCOPE = "Hôm nay ăn gì?"


def stored_rows(runtime: Runtime) -> list[tuple[object, ...]]:
    with runtime.services.repository.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text("SELECT * FROM unanswered_questions"))]


def test_a_declined_question_is_recorded_without_who_asked_or_where(runtime: Runtime, clock: FakeClock) -> None:
    [reply] = say(runtime, clock, OUT_OF_SCOPE, user="nguoi-hoi-123", chat="nhom-456", kind=GROUP)
    assert reply.text.startswith(wording.not_found()[:20])
    [group] = runtime.services.repository.unanswered(clock() - timedelta(days=1), 10).groups
    topics = runtime.knowledge.ask(OUT_OF_SCOPE).topics
    assert (group.text, group.folded, group.count) == (OUT_OF_SCOPE, "hom nay an gi", 1)
    assert group.platforms == {"console": 1} and group.chat_kinds == {"group": 1}
    assert group.topics == topics and topics  # the nearest topics the reply offered
    assert group.last_asked == clock()
    [row] = stored_rows(runtime)
    assert not any("123" in str(value) or "456" in str(value) for value in row)  # no user id, no chat id


def test_an_answered_question_or_a_command_is_not_recorded(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "chỉ tiêu ty le BHYT")
    say(runtime, clock, "/hanchot")
    assert stored_rows(runtime) == []


def test_a_failure_to_record_still_answers(runtime: Runtime, clock: FakeClock,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("database gone")

    monkeypatch.setattr(runtime.services.repository, "record_unanswered", broken)
    [reply] = say(runtime, clock, OUT_OF_SCOPE)
    assert reply.text.startswith(wording.not_found()[:20])


def test_the_most_frequent_questions_are_for_admins(runtime: Runtime, clock: FakeClock) -> None:
    for question in ("Hôm nay ăn gì?", "hom nay an gi", "giá vé xe buýt", "HÔM NAY ĂN GÌ"):
        say(runtime, clock, question, user="member", chat="p1")
        clock.advance(minutes=5)
    refused = say(runtime, clock, "/chuatraloi", user="member", chat="p1")[0].text
    assert refused == wording.ADMIN_ONLY.format(action="xem câu hỏi bot chưa trả lời được")
    [shown] = say(runtime, clock, "/chuatraloi")
    lines = shown.text.splitlines()
    assert lines[0] == "❓ 30 ngày qua: 4 câu hỏi bot chưa trả lời được (2 câu khác nhau). Hỏi nhiều nhất:"
    assert lines[1] == "1. «HÔM NAY ĂN GÌ» — 3 lần, gần nhất 09:15 22/11"
    assert any(line.startswith("2. «giá vé xe buýt» — 1 lần") for line in lines)
    assert lines[-1] == wording.UNANSWERED_TIP
    assert all(len(line) <= 120 for line in lines)  # phone-sized


def test_the_days_shown_can_be_chosen(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, OUT_OF_SCOPE)
    clock.advance(days=10)
    assert say(runtime, clock, "/chuatraloi 7")[0].text == wording.UNANSWERED_NONE.format(days=7)
    assert "1 lần" in say(runtime, clock, "/chuatraloi")[0].text
    for wrong in ("/chuatraloi abc", "/chuatraloi 0", "/chuatraloi 400", "/chuatraloi 7 8"):
        assert say(runtime, clock, wrong)[0].text == wording.UNANSWERED_USAGE.format(most=365)


def test_with_recording_off_declines_are_counted_but_not_kept(runtime: Runtime, clock: FakeClock) -> None:
    counted: list[str] = []
    log = UnansweredLog(runtime.services.repository, Retention(), keep=False,
                        declined=lambda message: counted.append(message.chat_kind))
    message = IncomingMessage("zalo", "c1", "u1", OUT_OF_SCOPE, clock())
    log.record(message, OUT_OF_SCOPE, ["Chủ đề"])
    assert counted == ["private"] and stored_rows(runtime) == []


def test_the_folded_key_groups_however_the_question_is_typed() -> None:
    assert folded_key("  Chỉ tiêu BHYT, năm 2025?? ") == folded_key("chi tieu bhyt nam 2025") == \
        "chi tieu bhyt nam 2025"
    assert folded_key("Đường") == "duong"


def test_a_superscript_digit_after_a_command_was_an_apology(runtime: Runtime, clock: FakeClock) -> None:
    """'²' passes str.isdigit() but not int(): the command answered "Xin lỗi, đã có lỗi…" instead of its usage."""
    assert say(runtime, clock, "/chuatraloi ²")[0].text == wording.UNANSWERED_USAGE.format(most=365)
    [deadlines] = say(runtime, clock, "/hanchot ²")
    assert deadlines.text != wording.APOLOGY and deadlines.text.startswith("Hạn chót")


def test_days_typed_with_their_unit_were_refused(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, OUT_OF_SCOPE)
    for typed in ("/chuatraloi 7 ngày", "/chuatraloi 7 ngay", "/chuatraloi 7ngày"):
        assert say(runtime, clock, typed)[0].text.startswith("❓ 7 ngày qua: 1 câu hỏi")
