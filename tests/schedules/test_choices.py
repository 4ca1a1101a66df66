"""Choices went stale: an old "Có phải bạn muốn hỏi" button answered the latest question's alternatives, the list
lived in one process's memory, and a bare "2" with no list was searched as a question."""

from __future__ import annotations

from bot.config import Settings
from bot.wiring import Runtime, build_runtime
from handlers import wording
from knowledge.base import KnowledgeBase
from schedules.repository import Repository
from tests.clock import FakeClock
from tests.schedules.conftest import UNLIMITED, RecordingSender
from tests.schedules.test_reminder_flow import say

FIRST, SECOND = "ty le BHYT", "chi tieu tang truong kinh te 2022"


def test_choices_go_stale(runtime: Runtime, clock: FakeClock, repository: Repository, samples: KnowledgeBase) -> None:
    [first] = say(runtime, clock, FIRST)
    [second] = say(runtime, clock, SECOND)
    offered = samples.ask(FIRST).alternatives
    old_button = first.buttons[0][0]
    [pressed] = say(runtime, clock, "", callback=old_button.data)
    assert pressed.text == offered[0].answer  # its own question's choice, not the latest one's
    assert pressed.citation is not None
    [typed] = say(runtime, clock, "1")
    assert typed.text == samples.ask(SECOND).alternatives[0].answer  # a typed number: the latest list
    restarted = build_runtime(Settings(admins=["console:admin"], database_url="sqlite://"), samples,
                              {"console": RecordingSender()}, clock, repository=repository,
                              limits={"console": UNLIMITED})
    [after_restart] = say(restarted, clock, "", callback=old_button.data)
    assert after_restart.text == offered[0].answer
    [typed_after] = say(restarted, clock, "2")
    assert typed_after.text == samples.ask(SECOND).alternatives[1].answer
    assert second.buttons  # (the second question offered choices too)


def test_a_bare_number_without_a_list_gets_a_hint(runtime: Runtime, clock: FakeClock) -> None:
    [reply] = say(runtime, clock, "2", chat="fresh")
    assert reply.text == wording.NO_OPEN_CHOICES
    [late] = say(runtime, clock, "5")  # nothing offered here either
    assert late.text == wording.NO_OPEN_CHOICES
