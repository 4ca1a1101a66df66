"""On Zalo (no buttons) a typed number answers the menu shown last: the fields of /chitieu after an answer's
alternatives, then the alternatives of a later question."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.fakes import FakeZalo
from tests.platforms.conftest import make_settings, running, until, zalo_settings

USER = "6ede9afa66b88fe6d6a9"


def texts_to(server: FakeZalo, chat_id: str) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


async def exchange(zalo: FakeZalo, text: str) -> str:
    """Send `text`, return the whole reply (a long one comes in several messages: wait until none follows)."""
    before = len(texts_to(zalo, USER))
    zalo.message(USER, text)
    await until(lambda: len(texts_to(zalo, USER)) > before, what=f"the reply to {text!r}")
    count = 0
    while count != len(texts_to(zalo, USER)):
        count = len(texts_to(zalo, USER))
        await asyncio.sleep(0.3)
    return "\n".join(texts_to(zalo, USER)[before:])


@pytest.mark.asyncio
async def test_a_number_typed_after_the_targets_menu_on_zalo_answered_an_older_question(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    question = "tỷ lệ cơ quan văn hóa đạt bao nhiêu"
    offered = samples.ask(question).alternatives
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        assert "(Trả lời 1" in await exchange(zalo, question)
        menu = await exchange(zalo, "/chitieu")
        field = await exchange(zalo, "2")
        by_argument = await exchange(zalo, "/chitieu 3")
        await exchange(zalo, question)
        alternative = await exchange(zalo, "1")
    numbered = {line[:2]: line[3:].rsplit(" (", 1)[0] for line in menu.splitlines() if line[:1].isdigit()}
    assert field.startswith(f"Chỉ tiêu lĩnh vực «{numbered['2.']}»:")
    assert by_argument.startswith(f"Chỉ tiêu lĩnh vực «{numbered['3.']}»:")
    assert alternative.startswith(offered[0].answer[:60])
