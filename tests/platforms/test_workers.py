"""Several workers on one PostgreSQL, in one test process (two Services as two `run` processes would build them,
each with its own webhook server and its own leadership connection): one leads, a follower's queued messages wake
it, the other takes over when it stops, an ingested document reaches the other worker's knowledge, a chat's lists
and fair-use count are the same on every worker. Skipped only without a PostgreSQL server (TEST_POSTGRES_URL)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from bot.config import KnowledgeSettings, Settings, WebhookSettings
from bot.runner import Service, build_service, serve
from handlers import wording
from knowledge.base import KnowledgeBase
from schedules.repository import Repository, make_engine
from tests.clock import off_schedule
from tests.directives import directive, docx_bytes
from tests.fakes import FakeTelegram, post_telegram_update
from tests.platforms.conftest import (
    make_settings,
    subscribe,
    telegram_settings,
    until,
    wall_clock,
)
from tests.platforms.test_telegram import texts_to
from tests.schedules.conftest import POSTGRES_ENV, wipe

pytestmark = pytest.mark.skipif(not os.environ.get(POSTGRES_ENV),
                                reason=f"needs a PostgreSQL server: set {POSTGRES_ENV}")
ADMIN = 42
PLAN = directive("12/KH-UBND", "05/11/2026", report_by="31/12/2026")


def shared_settings(tmp_path: Path, telegram: FakeTelegram) -> Settings:
    """Telegram by webhook, every worker on the test's PostgreSQL (emptied) and one knowledge folder."""
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram, mode="webhook", messages_per_second=200),
                             admins=[f"telegram:{ADMIN}"],
                             webhook=WebhookSettings(public_url="https://bot.example.vn", listen="127.0.0.1", port=0),
                             schedules=off_schedule(wall_clock()))
    settings.database_url = os.environ[POSTGRES_ENV]
    settings.knowledge = KnowledgeSettings(sources=[], ingest_dir=tmp_path / "kho", cache_dir=tmp_path / "index")
    repository = Repository(make_engine(settings.database_url))
    wipe(repository)
    repository.engine.dispose()
    return settings


@contextlib.asynccontextmanager
async def worker(settings: Settings, samples: KnowledgeBase) -> AsyncIterator[tuple[Service, asyncio.Event]]:
    """One worker started as `run` starts it; stopped (as on SIGTERM) when the block ends or its event is set."""
    service = build_service(settings, wall_clock, samples)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(service, stop))
    await until(lambda: task.done() or (service.webhooks is not None and service.platforms["telegram"].running),
                what="the worker to start")
    try:
        yield service, stop
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


async def post(service: Service, telegram: FakeTelegram, update: dict[str, object]) -> None:
    """Deliver an update to this worker's webhook, as a load balancer would."""
    assert service.webhooks is not None and telegram.webhook is not None
    url = f"http://127.0.0.1:{service.webhooks.port}/telegram"
    response = await post_telegram_update(url, update, str(telegram.webhook["secret_token"]))
    assert response.status_code == 200, response.text


async def health(service: Service) -> dict[str, object]:
    assert service.webhooks is not None
    async with httpx.AsyncClient() as client:
        response = await client.get(f"http://127.0.0.1:{service.webhooks.port}/healthz")
    report: dict[str, object] = response.json()
    report["status"] = response.status_code
    return report


def said(telegram: FakeTelegram, chat_id: int, words: str) -> int:
    return sum(words in text for text in texts_to(telegram, chat_id))


@pytest.mark.asyncio
async def test_one_worker_leads_a_follower_wakes_it_and_the_other_takes_over(
        tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase) -> None:
    settings = shared_settings(tmp_path, telegram)
    chats = [-1001_800_000_000 - n for n in range(20)]
    async with worker(settings, samples) as (first, stop_first), worker(settings, samples) as (second, _):
        await until(lambda: first.workers.leading, what="the first worker to lead")
        await asyncio.sleep(1.5)  # the second campaigns meanwhile, in vain
        assert not second.workers.leading and not second.runtime.scheduler.running
        reports = [await health(first), await health(second)]
        assert [report["status"] for report in reports] == [200, 200]  # a follower without a scheduler is up
        assert [report["workers"]["leading"] for report in reports] == [True, False]  # type: ignore[index]
        assert reports[1]["workers"]["leader"] == first.workers.name  # type: ignore[index]

        subscribe(second, "telegram", [*chats, ADMIN])
        await post(second, telegram, telegram.message(ADMIN, "/phatthong Họp giao ban lúc 8h"))
        await until(lambda: telegram.sent and telegram.sent[-1].get("reply_markup"), what="the preview")
        pressed = telegram.sent[-1]
        data = pressed["reply_markup"]["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
        await post(second, telegram, telegram.callback(ADMIN, ADMIN, str(data), int(pressed["message_id"])))
        queued = time.monotonic()
        # Queued on the follower, sent by the leader at once (woken through NOTIFY, not at its next minute).
        await until(lambda: all(said(telegram, chat, "Họp giao ban") for chat in chats), timeout=10,
                    what="the broadcast from the leader")
        assert time.monotonic() - queued < 10

        stop_first.set()  # the leader stops (SIGTERM): the follower takes over
        stopped = time.monotonic()
        await until(lambda: second.workers.leading, timeout=15, what="the takeover")
        took = time.monotonic() - stopped
        await post(second, telegram, telegram.message(ADMIN, "/phatthong Lần hai"))
        await until(lambda: said(telegram, ADMIN, "Lần hai") and telegram.sent[-1].get("reply_markup"),
                    what="the second preview")
        pressed = telegram.sent[-1]
        data = pressed["reply_markup"]["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
        await post(second, telegram, telegram.callback(ADMIN, ADMIN, str(data), int(pressed["message_id"])))
        await until(lambda: all(said(telegram, chat, "Lần hai") for chat in chats), timeout=10,
                    what="the broadcast from the new leader")
    assert took < 15
    assert all(said(telegram, chat, "Họp giao ban") == 1 and said(telegram, chat, "Lần hai") == 1 for chat in chats)


@pytest.mark.asyncio
async def test_a_document_ingested_on_one_worker_is_answered_by_the_other(
        tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase) -> None:
    settings = shared_settings(tmp_path, telegram)
    async with worker(settings, samples) as (first, _), worker(settings, samples) as (second, _):
        await post(first, telegram, telegram.document(ADMIN, "Kế hoạch thu gom rác.docx", docx_bytes(PLAN)))
        [reply] = await until(lambda: texts_to(telegram, ADMIN), timeout=30, what="the ingest reply")
        assert reply.startswith("📥 Đã nạp"), reply
        await until(lambda: second.runtime.knowledge_watch is not None and second.runtime.knowledge_watch.reloads,
                    timeout=30, what="the other worker to reload its knowledge")
        await post(second, telegram, telegram.message(ADMIN, "tỷ lệ hộ gia đình phân loại rác tại nguồn là bao nhiêu"))
        await until(lambda: len(texts_to(telegram, ADMIN)) == 2, what="the answer from the other worker")
        number = re.search(r"— /theodoi (\d+)$", reply, re.MULTILINE)
        assert number, reply
        await post(second, telegram, telegram.message(ADMIN, f"/theodoi {number.group(1)}"))
        await until(lambda: len(texts_to(telegram, ADMIN)) == 3, what="the reminder")
        assert first.runtime.knowledge_watch is not None and first.runtime.knowledge_watch.reloads == 0
    answer, followed = texts_to(telegram, ADMIN)[1:]
    assert "60%" in answer and "12/KH-UBND" in answer  # the second worker answers from the new document
    assert "✅ Đã tạo nhắc việc" in followed and "Trưởng các thôn báo cáo" in followed  # the first worker's list


@pytest.mark.asyncio
async def test_fair_use_is_counted_once_for_every_worker(
        tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase) -> None:
    settings = shared_settings(tmp_path, telegram)
    user = 77
    limit = settings.conversation.messages_per_minute = 5  # (each answer to one chat waits its second)
    async with worker(settings, samples) as (first, _), worker(settings, samples) as (second, _):
        for number in range(limit + 2):  # alternately to each worker, as a load balancer spreads them
            await post((first, second)[number % 2], telegram, telegram.message(user, "/trogiup"))
        await until(lambda: said(telegram, user, wording.SLOW_DOWN), what="the request to slow down")
        await asyncio.sleep(1)
    assert len(texts_to(telegram, user)) == limit + 1  # the limit's answers, then told once, then nothing
    assert said(telegram, user, wording.SLOW_DOWN) == 1
