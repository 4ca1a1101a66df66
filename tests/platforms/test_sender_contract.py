"""One contract for every Sender (console, Telegram, Zalo): what the outbox and the handlers rely on."""

from __future__ import annotations

import contextlib
import io
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
import pytest_asyncio

from bot.platforms.console import ConsoleSender
from bot.platforms.telegram import TelegramPlatform
from bot.platforms.zalo import ZaloPlatform
from schedules.messages import Button, ChatRef, Reply, Sender
from schedules.repository import Repository, make_engine
from schedules.schema import upgrade
from tests.fakes import FakeTelegram, FakeZalo
from tests.platforms.conftest import telegram_settings, zalo_settings

PRIVATE_CHAT = {"console": "console", "telegram": "42", "zalo": "6ede9afa66b88fe6d6a9"}


@dataclass
class Harness:
    """A Sender and a way to read back what its user saw, as visible text, one entry per message."""

    sender: Sender
    received: Callable[[str], list[str]]
    limit: int
    has_buttons: bool
    keyboards: Callable[[str], list[list[dict[str, str]]]] = lambda _chat: []


@contextlib.asynccontextmanager
async def zalo_platform(server: FakeZalo, folders: pytest.TempPathFactory) -> AsyncIterator[ZaloPlatform]:
    """The Zalo platform on the fake, with the database it keeps seen updates in."""
    repository = Repository(make_engine(f"sqlite:///{folders.mktemp('zalo') / 'bot.db'}"))
    upgrade(repository.engine)
    platform = ZaloPlatform(zalo_settings(server), repository)
    try:
        yield platform
    finally:
        await platform.close()
        repository.engine.dispose()


def _console_messages(stream: io.StringIO, chat_id: str) -> list[str]:
    blocks = stream.getvalue().split("→ [")
    return [block.split("]\n", 1)[1].rstrip("\n") for block in blocks[1:] if block.startswith(f"console:{chat_id}]")]


@pytest_asyncio.fixture(params=["console", "telegram", "zalo"])
async def harness(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> AsyncIterator[Harness]:
    """Each platform's Sender wired to something that records what arrived."""
    if request.param == "console":
        stream = io.StringIO()
        yield Harness(ConsoleSender(stream), lambda chat: _console_messages(stream, chat), 10**9, False)
    elif request.param == "telegram":
        async with FakeTelegram() as server:
            platform = TelegramPlatform(telegram_settings(server))
            await platform.start(polling=False)

            def shown(chat: str) -> list[str]:
                return [server.messages[int(chat), sent["message_id"]]["text"] for sent in server.sent
                        if str(sent["chat_id"]) == chat]

            def keyboards(chat: str) -> list[list[dict[str, str]]]:
                return [[button for row in sent["reply_markup"]["inline_keyboard"] for button in row]
                        for sent in server.sent if str(sent["chat_id"]) == chat and sent["reply_markup"]]

            yield Harness(platform, shown, 4096, True, keyboards)
            await platform.close()
    else:
        async with FakeZalo() as zalo, zalo_platform(zalo, tmp_path_factory) as zalo_sender:
            yield Harness(zalo_sender, lambda chat: [str(sent["text"]) for sent in zalo.sent
                                                     if sent["chat_id"] == chat], 2000, False)


def chat_of(harness: Harness) -> ChatRef:
    return ChatRef(harness.sender.platform, PRIVATE_CHAT[harness.sender.platform])


@pytest.mark.asyncio
async def test_a_reply_arrives_as_written_with_its_citation_on_the_last_line(harness: Harness) -> None:
    chat = chat_of(harness)
    result = await harness.sender.send(chat, Reply("Tỷ lệ tham gia BHYT đạt 99,6% <dân số> & hơn.",
                                                   "📄 Nghị quyết 09-NQ/TU — mục II › 1"))
    assert result.ok
    [message] = harness.received(chat.chat_id)
    body, citation = message.rsplit("\n", 1)
    assert body == "Tỷ lệ tham gia BHYT đạt 99,6% <dân số> & hơn." and citation == "📄 Nghị quyết 09-NQ/TU — mục II › 1"


@pytest.mark.asyncio
async def test_a_long_reply_is_split_under_the_limit_without_losing_a_word(harness: Harness) -> None:
    chat = chat_of(harness)
    paragraphs = [f"Đoạn {number}: " + " ".join(f"từ{number}_{word}" for word in range(60)) for number in range(40)]
    assert (await harness.sender.send(chat, Reply("\n\n".join(paragraphs)))).ok
    messages = harness.received(chat.chat_id)
    assert all(len(message) <= harness.limit for message in messages)
    assert " ".join(" ".join(messages).split()) == " ".join(" ".join(paragraphs).split())


@pytest.mark.asyncio
async def test_every_button_can_be_acted_on(harness: Harness) -> None:
    chat = chat_of(harness)
    reply = Reply("⏰ Còn 7 ngày: Nộp báo cáo quý — hạn 31/12/2026.", None,
                  ((Button("✅ Đã xong", "xongky:12", "/xong 3"), Button("⏰ Nhắc lại sau", "hoan:12", "/hoanlai 3")),))
    choices = Reply("Chưa tìm thấy.", None, ((Button("Chỉ tiêu BHYT", "alt:1"),), (Button("Hạn báo cáo", "alt:2"),)),
                    "Có phải bạn muốn hỏi:")
    assert (await harness.sender.send(chat, reply)).ok and (await harness.sender.send(chat, choices)).ok
    first, second = harness.received(chat.chat_id)
    if harness.has_buttons:
        pressed = [[button["callback_data"] for button in keyboard] for keyboard in harness.keyboards(chat.chat_id)]
        assert pressed == [["xongky:12", "hoan:12"], ["alt:1", "alt:2"]]
        assert "Có phải bạn muốn hỏi:" in second
    else:
        assert "✅ Đã xong: gõ /xong 3" in first and "⏰ Nhắc lại sau: gõ /hoanlai 3" in first
        assert "Có phải bạn muốn hỏi:\n1. Chỉ tiêu BHYT\n2. Hạn báo cáo\n(Trả lời 1 hoặc 2.)" in second


@pytest_asyncio.fixture(params=["telegram", "zalo"])
async def failing(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
                  ) -> AsyncIterator[tuple[Sender, FakeTelegram | FakeZalo]]:
    """A messenger Sender and its fake, to make sends fail."""
    if request.param == "telegram":
        async with FakeTelegram() as telegram:
            platform = TelegramPlatform(telegram_settings(telegram))
            await platform.start(polling=False)
            yield platform, telegram
            await platform.close()
    else:
        async with FakeZalo() as zalo, zalo_platform(zalo, tmp_path_factory) as zalo_sender:
            yield zalo_sender, zalo


@pytest.mark.asyncio
async def test_failures_are_reported_not_raised_and_say_whether_to_retry(
    failing: tuple[Sender, FakeTelegram | FakeZalo]
) -> None:
    sender, server = failing
    chat = ChatRef(sender.platform, "42" if sender.platform == "telegram" else "6ede9afa66b88fe6d6a9")
    reply = Reply("Thông báo lịch trực")
    if isinstance(server, FakeTelegram):
        server.fail_next("sendMessage", 429, retry_after=3)
    else:
        server.fail_next("sendMessage", 429)
    flooded = await sender.send(chat, reply)
    assert not flooded.ok and not flooded.permanent and not flooded.rejected
    assert flooded.retry_after == (3 if isinstance(server, FakeTelegram) else None)
    server.fail_next("sendMessage", 502)
    broken = await sender.send(chat, reply)
    assert not broken.ok and not broken.permanent and not broken.rejected and broken.detail
    if isinstance(server, FakeTelegram):
        server.block(42)
    else:
        server.fail_next("sendMessage", 404, "Not Found: chat")
    gone = await sender.send(chat, reply)
    assert not gone.ok and gone.permanent
    assert (await sender.send(ChatRef(sender.platform, "123"), reply)).ok is True  # other chats still work


@pytest.mark.asyncio
async def test_an_unreachable_server_is_a_retryable_failure(failing: tuple[Sender, FakeTelegram | FakeZalo]) -> None:
    sender, server = failing
    await server.stop()
    result = await sender.send(ChatRef(sender.platform, "42"), Reply("Thông báo lịch trực"))
    assert not result.ok and not result.permanent and not result.rejected and result.detail
