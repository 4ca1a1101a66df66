"""The bot as `python -m bot run` starts it, pointed at the fake Telegram and Zalo servers, with a clock the test
moves; helpers to wait for what the fakes receive."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pydantic import SecretStr

from bot.config import PlatformSettings, PlatformsSettings, ScheduleSettings, Settings, WebhookSettings
from bot.runner import Service, build_service, serve
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram, FakeZalo

TELEGRAM_TOKEN = "123456:TEST-token"
ZALO_TOKEN = "1234567890:zalo-TEST-token"
BOT_USERNAME = "tro_ly_bot"
ZALO_ACCOUNT = "bot.tro_ly_van_ban"


async def until(predicate: Callable[[], Any], timeout: float = 15.0, what: str = "condition") -> Any:
    """Wait (real time) until `predicate()` is truthy; returns its value or fails naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)


def telegram_settings(server: FakeTelegram, **overrides: Any) -> PlatformSettings:
    """The Telegram platform pointed at the fake (python-telegram-bot appends the token to base_url)."""
    values: dict[str, Any] = {"enabled": True, "token": SecretStr(server.token), "base_url": f"{server.base_url}/bot",
                              "poll_gap": 0, "messages_per_second": 29}
    return PlatformSettings(**(values | overrides))


def zalo_settings(server: FakeZalo, **overrides: Any) -> PlatformSettings:
    """The Zalo platform pointed at the fake."""
    values: dict[str, Any] = {"enabled": True, "token": SecretStr(server.token), "base_url": f"{server.base_url}/bot",
                              "poll_gap": 0.05, "messages_per_second": 50}
    return PlatformSettings(**(values | overrides))


def make_settings(tmp_path: Path, *, telegram: PlatformSettings | None = None, zalo: PlatformSettings | None = None,
                  admins: list[str] | None = None, webhook: WebhookSettings | None = None,
                  schedules: ScheduleSettings | None = None) -> Settings:
    """A deployment with the given platforms (the others disabled) and a fresh SQLite database."""
    platforms = PlatformsSettings()
    if telegram is not None:
        platforms.telegram = telegram
    if zalo is not None:
        platforms.zalo = zalo
    return Settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}", admins=admins or [], platforms=platforms,
                    webhook=webhook or WebhookSettings(), schedules=schedules or ScheduleSettings())


@contextlib.asynccontextmanager
async def running(settings: Settings, samples: KnowledgeBase, clock: Callable[[], datetime], *,
                  service: Service | None = None) -> AsyncIterator[Service]:
    """The service started exactly as `run` starts it (or `service`, built by the test); stopped (as on SIGTERM)
    when the block ends."""
    service = service or build_service(settings, clock, samples)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(service, stop))
    await until(lambda: task.done() or service.runtime.scheduler.running, what="the bot to start")
    if task.done():
        task.result()
    try:
        yield service
    finally:
        stop.set()
        await asyncio.wait_for(task, 30)


def wall_clock() -> datetime:
    """The real time in Vietnam, for tests where retries wait real seconds."""
    return datetime.now(VIETNAM)


@pytest.fixture
def clock() -> FakeClock:
    """22/11/2026 09:00 in Vietnam, moved by the test."""
    return FakeClock(datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM))


@pytest_asyncio.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """A fake Telegram Bot API server on 127.0.0.1."""
    async with FakeTelegram(TELEGRAM_TOKEN, username=BOT_USERNAME) as server:
        yield server


@pytest_asyncio.fixture
async def zalo() -> AsyncIterator[FakeZalo]:
    """A fake Zalo Bot API server on 127.0.0.1 (groups allowed)."""
    async with FakeZalo(ZALO_TOKEN, account_name=ZALO_ACCOUNT, can_join_groups=True) as server:
        yield server


def subscribe(service: Service, platform: str, chat_ids: list[int] | list[str]) -> None:
    """Chats that have subscribed to broadcasts (as /dangky leaves them); negative ids are groups."""
    services = service.runtime.services
    now = service.runtime.scheduler.clock()
    for chat_id in chat_ids:
        group = str(chat_id).startswith("-")
        chat = services.repository.chat(platform, str(chat_id), now, kind="group" if group else "private")
        services.broadcasts.subscribe(chat, now)
