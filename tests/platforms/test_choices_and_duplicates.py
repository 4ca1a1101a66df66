"""On Telegram the citation was printed under "Có phải bạn muốn hỏi:" as if it were a choice; a Telegram update
posted twice to the webhook was handled twice; a Zalo sendMessage slower than the client timeout was retried and the
user got the answer twice."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.platforms.telegram import render
from bot.platforms.zalo import ZaloClient, ZaloPlatform
from knowledge.base import KnowledgeBase
from schedules.messages import Button, Reply
from tests.clock import FakeClock
from tests.fakes import FakeTelegram, FakeZalo, post_telegram_update
from tests.platforms.conftest import running, until, zalo_settings
from tests.platforms.test_telegram import texts_to, webhook_settings


def test_choices_go_stale_citation_printed_under_the_choices() -> None:
    reply = Reply("Tỷ lệ tham gia BHYT đạt 99,6%.", "📄 Nghị quyết 09-NQ/TU — mục II › 1",
                  ((Button("Tỷ lệ thu gom rác", "alt:1"),),), "Có phải bạn muốn hỏi:")
    [(text, _markup)] = render(reply)
    assert text.startswith("Tỷ lệ tham gia BHYT đạt 99,6%.\n<i>📄 Nghị quyết 09-NQ/TU — mục II › 1</i>\n")
    assert text.endswith("Có phải bạn muốn hỏi:")
    assert reply.plain().index("📄") < reply.plain().index("Có phải")  # the other platforms' text too


@pytest.mark.asyncio
async def test_duplicates_on_the_way_in_a_telegram_update_posted_twice(
        tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase) -> None:
    async with running(webhook_settings(tmp_path, telegram), samples, clock) as service:
        assert telegram.webhook is not None and service.webhooks is not None
        url = f"http://127.0.0.1:{service.webhooks.port}/telegram"
        update = telegram.message(42, "chỉ tiêu ty le BHYT")
        telegram._updates.clear()
        for _ in range(2):
            assert (await post_telegram_update(url, update, str(telegram.webhook["secret_token"]))).status_code == 200
        await until(lambda: texts_to(telegram, 42), what="the answer")
        await asyncio.sleep(0.5)
    assert len(texts_to(telegram, 42)) == 1


@pytest.mark.asyncio
async def test_duplicates_on_the_way_out_a_slow_zalo_send_is_not_sent_again(
        tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase) -> None:
    from bot.runner import build_service
    from tests.platforms.conftest import make_settings

    settings = make_settings(tmp_path, zalo=zalo_settings(zalo))
    service = build_service(settings, clock, samples)
    platform = service.platforms["zalo"]
    assert isinstance(platform, ZaloPlatform)
    token = settings.platforms.zalo.token
    assert isinstance(token, SecretStr)
    platform.client = ZaloClient(settings.platforms.zalo.base_url, token.get_secret_value(), timeout=0.5)
    zalo.delay("sendMessage", 1.0)  # the message is delivered, the answer comes after the client gave up
    async with running(settings, samples, clock, service=service):
        zalo.message("6ede9afa66b88fe6d6a9", "chỉ tiêu ty le BHYT")
        await until(lambda: zalo.sent, what="the answer")
        await asyncio.sleep(3)
    assert len(zalo.sent) == 1
