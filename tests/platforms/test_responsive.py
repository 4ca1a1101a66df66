"""One slow message held everything: handling ran on the event loop (a 100,000-character message blocked every
chat and the outbox), and one user could create 500 reminders in 11 seconds."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from handlers import wording
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.fakes import FakeZalo
from tests.platforms.conftest import make_settings, running, until, zalo_settings

SLOW, QUICK = "a1b2c3d4e5f60718293a", "6ede9afa66b88fe6d6a9"


def texts_to(server: FakeZalo, chat_id: str) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


@pytest.mark.asyncio
async def test_one_slow_message_holds_everything(tmp_path: Path, zalo: FakeZalo, clock: FakeClock,
                                                 samples: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    ask = samples.ask

    def slow_for_one(question: str) -> object:
        """One question takes three seconds of blocking work (as a huge message did)."""
        if "chậm" in question:
            time.sleep(3)
        return ask(question)

    monkeypatch.setattr(samples, "ask", slow_for_one)
    zalo.message(SLOW, "câu hỏi chậm về tỷ lệ BHYT")
    zalo.message(QUICK, "tỷ lệ khu phố văn minh")  # arrives right after the slow one
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        await until(lambda: texts_to(zalo, QUICK) and texts_to(zalo, SLOW), what="both answers")
    answered = {sent["chat_id"]: float(sent["at"]) for sent in zalo.sent}
    assert answered[QUICK] < answered[SLOW] - 1.0  # answered while the slow one was still being worked out


@pytest.mark.asyncio
async def test_one_slow_message_a_message_over_the_limit_is_refused(
        tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message(SLOW, "tỷ lệ " * 17_000)
        await until(lambda: texts_to(zalo, SLOW), what="the refusal")
    [refusal] = texts_to(zalo, SLOW)
    assert refusal == wording.TOO_LONG.format(length="101.999", limit="4.000")
