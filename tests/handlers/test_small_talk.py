"""What is no question about the documents: a greeting or thanks gets a friendly word, not "không tìm thấy" with
unrelated topics; an unknown command close to a known one gets the command meant."""

from __future__ import annotations

from datetime import datetime

import pytest

from handlers import wording
from handlers.incoming import GROUP, IncomingMessage
from handlers.router import Command, Router
from knowledge.base import KnowledgeBase
from schedules.messages import Reply
from tests.conftest import VIETNAM


def _unused(_message: IncomingMessage, _args: str) -> list[Reply]:
    raise AssertionError("a suggested command must not run")


@pytest.fixture
def router(samples: KnowledgeBase) -> Router:
    router = Router(samples, VIETNAM)
    router.register(Command(("xong", "done"), _unused, "xác nhận đã xong"))  # as the reminder commands are
    router.register(Command(("nhac", "remind"), _unused, "tạo nhắc việc"))
    return router


def say(router: Router, text: str, now: datetime, kind: str = "private") -> Reply:
    [reply] = router.dispatch(IncomingMessage("test", "c1", "u1", text, now, chat_kind=kind))
    return reply


@pytest.mark.parametrize("text", ["chao ban", "xin chào", "hello", "chào bot", "Chào bạn!", "Hi bot", "alo",
                                  "/hoi xin chao", "chào buổi sáng"])
def test_a_greeting_got_not_found_and_unrelated_topics(router: Router, now: datetime, text: str) -> None:
    declined: list[str] = []
    router.questions.declined = lambda _message, question, _topics: declined.append(question)
    reply = say(router, text, now)
    assert reply.text.startswith("Chào bạn!") and NOT_FOUND not in reply.text
    assert "2 văn bản" in reply.text  # what the bot has to answer from
    examples = [line for line in reply.text.splitlines() if line.startswith("• ")]
    assert 2 <= len(examples) <= 3
    assert not reply.buttons and not declined  # no topics offered, no "unanswered question" recorded


def test_a_greeting_in_a_group_says_how_to_ask_there(router: Router, now: datetime) -> None:
    assert "/hoi" in say(router, "chào bot", now, kind=GROUP).text


@pytest.mark.parametrize("text", ["cảm ơn", "cam on ban nhieu", "thanks", "Cảm ơn bot nhé!"])
def test_thanks_got_not_found_and_unrelated_topics(router: Router, now: datetime, text: str) -> None:
    assert say(router, text, now).text == wording.THANKS_REPLY


@pytest.mark.parametrize("text", ["chào bạn, tỷ lệ BHYT đạt bao nhiêu", "le chao co", "chao mung ngay thanh lap"])
def test_a_question_with_a_greeting_word_is_still_a_question(router: Router, now: datetime, text: str) -> None:
    assert not say(router, text, now).text.startswith("Chào bạn!")


@pytest.mark.parametrize(("typed", "meant"), [
    ("/xacnhan 1", "/xong 1"),
    ("/hoanthanh 2", "/xong 2"),
    ("/huongdan", "/trogiup"),
    ("/menu", "/trogiup"),
    ("/nhacviec 31/12 Nộp báo cáo", "/nhac 31/12 Nộp báo cáo"),
    ("/deadline", "/hanchot"),
    ("/hanchott", "/hanchot"),
    ("/chitieuu", "/chitieu"),
    ("/tailieu", "/vanban"),
])
def test_an_unknown_command_close_to_a_known_one_got_no_suggestion(router: Router, now: datetime, typed: str,
                                                                   meant: str) -> None:
    reply = say(router, typed, now)
    assert f"Ý bạn là lệnh {meant}?" in reply.text
    assert typed.split()[0] in reply.text  # what was typed is named


def test_an_unknown_command_near_nothing_gets_the_plain_message(router: Router, now: datetime) -> None:
    assert say(router, "/xyz", now).text == wording.UNKNOWN_COMMAND.format(command="/xyz")
    assert say(router, "/abc", now).text == wording.UNKNOWN_COMMAND.format(command="/abc")


def test_a_known_word_for_a_command_typed_alone_gets_the_slash_hint(router: Router, now: datetime) -> None:
    assert say(router, "huongdan", now).text == wording.COMMAND_WITHOUT_SLASH.format(command="/trogiup")
    assert say(router, "menu", now).text == wording.COMMAND_WITHOUT_SLASH.format(command="/trogiup")


NOT_FOUND = wording.NOT_FOUND
