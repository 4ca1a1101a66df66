"""A typed number answers the last menu the chat was shown (fields of /chitieu, alternatives, /hanchot), never an
older one, and never one gone stale; a number with no menu gets a hint."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from handlers import wording
from handlers.documents import TARGET_PAGE
from handlers.incoming import IncomingMessage
from handlers.offers import FRESH_FOR
from handlers.router import Router
from knowledge.base import KnowledgeBase
from schedules.messages import Reply
from tests.conftest import VIETNAM

QUESTION = "ty le BHYT"  # answered with alternatives in the samples


@pytest.fixture
def router(samples: KnowledgeBase) -> Router:
    return Router(samples, VIETNAM)


def say(router: Router, text: str, at: datetime, chat: str = "c1") -> Reply:
    [reply] = router.dispatch(IncomingMessage("test", chat, "u1", text, at))
    return reply


def field_names(menu: Reply) -> list[str]:
    """The fields a /chitieu menu numbers, in the order of its numbers (their button labels without the count)."""
    return [button.label.rsplit(" (", 1)[0] for row in menu.buttons for button in row]


def test_a_number_typed_after_the_targets_menu_answered_an_older_question(router: Router, now: datetime) -> None:
    assert say(router, QUESTION, now).buttons  # alternatives offered first
    menu = say(router, "/chitieu", now)
    second = field_names(menu)[1]
    picked = say(router, "2", now)
    assert picked.text.startswith(f"Chỉ tiêu lĩnh vực «{second}»:")
    assert picked.citation is None  # a list of targets, not an alternative answer


def test_targets_with_a_number_said_no_field_2_right_after_the_menu(router: Router, now: datetime) -> None:
    second = field_names(say(router, "/chitieu", now))[1]
    picked = say(router, "/chitieu 2", now)
    assert picked.text.startswith(f"Chỉ tiêu lĩnh vực «{second}»:")
    assert "«2»" not in picked.text
    alone = say(router, "/chitieu 2", now, chat="fresh")  # no menu shown in this chat: a hint, not "no field «2»"
    assert alone.text == wording.TARGETS_NUMBER_WITHOUT_MENU.format(number=2)


def test_a_field_picked_by_number_beyond_the_menu_names_the_range(router: Router, now: datetime) -> None:
    menu = say(router, "/chitieu", now)
    fields = len({target.category for target in router.knowledge.targets()})
    assert len(field_names(menu)) <= fields
    assert say(router, "99", now).text == wording.NO_SUCH_NUMBER.format(number=99, count=fields)


def test_a_number_typed_after_the_deadline_list_answered_an_older_question(router: Router, now: datetime) -> None:
    say(router, QUESTION, now)
    listed = say(router, "/hanchot", now)
    first = listed.text.splitlines()[1]
    assert first.startswith("1. ")
    picked = say(router, "1", now)
    assert "/theodoi 1" in picked.text  # how to be reminded of it
    assert first[3:40] in picked.text  # that deadline, not an alternative of the question
    assert picked.citation is not None and "09-NQ/TU" in picked.citation


def test_a_number_typed_after_the_document_list_answered_an_older_question(router: Router, now: datetime) -> None:
    say(router, QUESTION, now)
    say(router, "/vanban", now)
    assert say(router, "2", now).text == wording.NO_OPEN_CHOICES


def test_an_old_list_was_still_picked_from_hours_later(router: Router, now: datetime) -> None:
    say(router, QUESTION, now)
    later = now + timedelta(seconds=FRESH_FOR + 1)
    stale = say(router, "1", later)
    assert stale.text == wording.STALE_CHOICES.format(at=now)
    assert say(router, "/chitieu 2", later, chat="c1").text == wording.TARGETS_NUMBER_WITHOUT_MENU.format(number=2)


def test_the_latest_list_wins_whichever_it_is(router: Router, now: datetime) -> None:
    say(router, "/chitieu", now)
    answer = say(router, QUESTION, now)  # alternatives after the menu: now a number picks among these
    picked = say(router, "1", now)
    assert picked.citation is not None and picked.text != answer.text
    assert not picked.text.startswith("Chỉ tiêu")


def test_a_number_with_nothing_offered_in_the_chat_gets_a_hint(router: Router, now: datetime) -> None:
    assert say(router, "3", now, chat="nobody").text == wording.NO_OPEN_CHOICES



def test_a_number_typed_under_a_fields_next_page_choice_opened_something_else(router: Router, now: datetime) -> None:
    """A field longer than a message ends with one choice, "Xem tiếp ›" (Zalo and the console show "1. Xem tiếp ›"):
    "1" is that next page."""
    say(router, QUESTION, now)
    field = next(target.category for target in router.knowledge.targets() if target.category)
    router.lists.offers.offer("test", "c1", TARGET_PAGE, [{"category": field, "page": 2}], now)  # as _field keeps it
    assert say(router, "1", now).text.startswith(f"Chỉ tiêu lĩnh vực «{field}»:")
