"""What an operator reads when a messenger refuses the bot at start: a wrong token, a server that cannot be
reached. One Vietnamese line naming the setting to fix, never the library's English alone, never the token."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.runner import StartError, build_service, serve
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.fakes import FakeTelegram, FakeZalo
from tests.platforms.conftest import make_settings, telegram_settings, zalo_settings

WRONG = "999999:WRONG-token-never-shown"


async def start_error(service_settings: object, clock: FakeClock, samples: KnowledgeBase) -> str:
    service = build_service(service_settings, clock, samples)  # type: ignore[arg-type]
    with pytest.raises(StartError) as caught:
        await serve(service, asyncio.Event())
    return str(caught.value)


@pytest.mark.asyncio
async def test_a_refused_telegram_token_read_as_a_connection_failure_in_english(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram, token=SecretStr(WRONG)))
    message = await start_error(settings, clock, samples)
    assert message.startswith("Telegram từ chối token") and "platforms.telegram.token" in message
    assert "TELEGRAM_BOT_TOKEN" in message and "BotFather" in message
    assert "InvalidToken" not in message and "WRONG" not in message


@pytest.mark.asyncio
async def test_a_refused_zalo_token_read_as_a_connection_failure_in_english(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = make_settings(tmp_path, zalo=zalo_settings(zalo, token=SecretStr(WRONG)))
    message = await start_error(settings, clock, samples)
    assert message.startswith("Zalo từ chối token") and "platforms.zalo.token" in message
    assert "ZALO_BOT_TOKEN" in message and "Zalo Bot Creator" in message and "WRONG" not in message


@pytest.mark.asyncio
@pytest.mark.parametrize("platform", ["telegram", "zalo"])
async def test_an_unreachable_server_was_blamed_on_the_token(
    tmp_path: Path, telegram: FakeTelegram, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase,
    platform: str
) -> None:
    closed = "http://127.0.0.1:9/bot"  # the discard port: nothing listens there
    if platform == "telegram":
        settings = make_settings(tmp_path, telegram=telegram_settings(telegram, base_url=closed))
    else:
        settings = make_settings(tmp_path, zalo=zalo_settings(zalo, base_url=closed))
    message = await start_error(settings, clock, samples)
    name = platform.capitalize()
    assert message.startswith(f"Không tới được máy chủ {name} tại http://127.0.0.1:9/bot")
    assert f"platforms.{platform}.base_url" in message and "token" not in message
