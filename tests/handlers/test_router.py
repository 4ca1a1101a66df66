"""The router: commands and aliases, free-text questions, choices, and errors turned into replies."""

from __future__ import annotations

from datetime import datetime

import pytest

from handlers import wording
from handlers.incoming import GROUP, IncomingMessage
from handlers.router import Command, Router
from knowledge.base import KnowledgeBase
from schedules.messages import Reply
from tests.conftest import VIETNAM


@pytest.fixture
def router(samples: KnowledgeBase) -> Router:
    return Router(samples, VIETNAM)


def message(text: str, now: datetime, *, chat: str = "c1", callback: str | None = None) -> IncomingMessage:
    return IncomingMessage("test", chat, "u1", text, now, callback=callback)


def test_free_text_is_a_question_with_citation_and_choices(router: Router, now: datetime) -> None:
    [reply] = router.dispatch(message("chi tieu tang truong kinh te 2022", now))
    assert "13,5%" in reply.text
    assert reply.citation is not None and "09-NQ/TU" in reply.citation and "I › 2 › (3)" in reply.citation
    assert 1 <= len(reply.buttons) <= 3
    assert all(len(button.data.encode()) <= 64 for row in reply.buttons for button in row)


@pytest.mark.parametrize(
    "text", ["/hoi ty le BHYT", "/ask ty le BHYT", "/hỏi ty le BHYT", "/hoi@DirectiveBot ty le BHYT"]
)
def test_question_command_and_its_aliases(router: Router, now: datetime, text: str) -> None:
    [reply] = router.dispatch(message(text, now))
    assert "99,6%" in reply.text


def test_a_digit_picks_an_offered_choice_and_a_button_does_too(router: Router, now: datetime) -> None:
    [first] = router.dispatch(message("ty le BHYT", now))
    offered = first.buttons[0][0]
    [typed] = router.dispatch(message("1", now))
    [pressed] = router.dispatch(message("", now, callback=offered.data))
    assert typed.text == pressed.text
    assert typed.text != first.text
    assert typed.citation is not None


def test_choices_belong_to_their_chat(router: Router, now: datetime) -> None:
    router.dispatch(message("ty le BHYT", now, chat="a"))
    [reply] = router.dispatch(message("9", now, chat="b"))
    assert "99,6%" not in reply.text  # "9" in another chat is just a question, not a choice


def test_out_of_scope_question_is_answered_honestly_with_topics(router: Router, now: datetime) -> None:
    [reply] = router.dispatch(message("cách đổi mật khẩu email", now))
    assert reply.text.startswith(wording.NOT_FOUND)
    assert reply.buttons and reply.choices_hint == wording.TOPICS_HINT
    [topic] = router.dispatch(message("1", now))
    assert topic.text  # picking a topic asks about it


def test_targets_by_category_and_unknown_category(router: Router, now: datetime) -> None:
    [reply] = router.dispatch(message("/chitieu kinh te", now))
    assert "13,5%" in reply.text and reply.text.startswith("Chỉ tiêu lĩnh vực «kinh te»:")
    assert "99,6%" not in reply.text  # a Xã hội target
    [unknown] = router.dispatch(message("/targets vu tru", now))
    assert "vu tru" in unknown.text and "Kinh tế" in unknown.text


def test_deadlines_nearest_first_and_the_past_ones_on_request(router: Router, now: datetime) -> None:
    [reply] = router.dispatch(message("/hanchot", now))
    lines = reply.text.splitlines()
    assert lines[0].startswith("Hạn chót sắp tới (tính từ 22/11/2026)")
    assert "1. hằng quý" in reply.text and "31/12/2026 (còn 39 ngày)" in reply.text
    assert "(đã qua)" not in reply.text and lines[-1] == wording.PAST_DEADLINES_HINT
    [past] = router.dispatch(message("/hanchot tatca", now))
    assert "(đã qua)" in past.text and "(còn" not in past.text
    assert past.text.splitlines()[1].startswith("2. ")  # numbered after the coming one, as /theodoi takes them


def test_deadlines_list_is_remembered_per_chat(router: Router, now: datetime) -> None:
    router.dispatch(message("/deadlines", now, chat="x"))
    shown = router.lists.shown_deadline(message("", now, chat="x"), 1)
    assert shown is not None and shown[0].recurrence is not None
    assert router.lists.shown_deadline(message("", now, chat="y"), 1) is None


def test_documents_and_help(router: Router, now: datetime) -> None:
    [documents] = router.dispatch(message("/vanban", now))
    assert "Nghị quyết 09-NQ/TU" in documents.text and "Trường Mầm non Hoa Phượng" in documents.text
    [help_reply] = router.dispatch(message("/help", now))
    lines = help_reply.text.splitlines()
    assert lines[0] == wording.HELP_HEAD
    assert "/hoi — hỏi về nội dung văn bản (/ask)" in lines and "/trogiup — trợ giúp (/help)" in lines
    assert not any(line.startswith(("/xongky", "/phat ")) for line in lines)  # buttons only: not listed


def test_unknown_command_and_empty_question_get_a_vietnamese_message(router: Router, now: datetime) -> None:
    [unknown] = router.dispatch(message("/xyz", now))
    assert unknown.text == wording.UNKNOWN_COMMAND.format(command="/xyz")
    [empty] = router.dispatch(message("/hoi", now))
    assert empty.text == wording.EMPTY_QUESTION


def test_a_command_name_typed_without_its_slash_gets_a_hint_not_a_search(router: Router, now: datetime) -> None:
    [hint] = router.dispatch(message("hanchot", now))
    assert hint.text == wording.COMMAND_WITHOUT_SLASH.format(command="/hanchot")
    [emoji] = router.dispatch(message("👍😀", now))  # nothing to search for
    assert emoji.text == wording.EMPTY_QUESTION


def test_a_failing_handler_is_logged_and_answered_with_an_apology(
    router: Router, now: datetime, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_message: IncomingMessage, _args: str) -> list[Reply]:
        raise RuntimeError("boom")

    router.register(Command(("hong",), broken, "a broken command"))
    [reply] = router.dispatch(message("/hong", now))
    assert reply.text == wording.APOLOGY
    assert "boom" in caplog.text


def test_today_comes_from_the_message_in_the_deployment_timezone(router: Router) -> None:
    late_utc = datetime.fromisoformat("2026-12-31T18:30:00+00:00")  # already 01/01/2027 in Vietnam
    assert router.today(IncomingMessage("test", "c", "u", "", late_utc, chat_kind=GROUP)).isoformat() == "2027-01-01"
