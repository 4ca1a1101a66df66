"""The fake Bot API servers speak what the real clients expect: python-telegram-bot for Telegram, httpx for Zalo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest
import pytest_asyncio
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    ChatMemberAdministrator,
    ChatMemberMember,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, NetworkError, RetryAfter, TelegramError

from tests.fakes import FakeTelegram, FakeZalo, post_telegram_update, post_zalo_update

TOKEN = "123456:TEST-token"
GROUP = -1001234567890


@pytest_asyncio.fixture
async def server() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(TOKEN, username="tro_ly_bot") as fake:
        yield fake


@pytest_asyncio.fixture
async def bot(server: FakeTelegram) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=f"{server.base_url}/bot") as client:  # PTB appends the token itself
        yield client


@pytest.mark.asyncio
async def test_ptb_gets_me_and_sends_inline_keyboard(server: FakeTelegram, bot: Bot) -> None:
    assert bot.username == "tro_ly_bot" and bot.can_join_groups and not bot.supports_inline_queries
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Đã xong", callback_data="ack:r1")]])

    sent = await bot.send_message(42, "<b>Hạn nộp</b> 31/12 &amp; báo cáo", parse_mode="HTML", reply_markup=keyboard)

    assert sent.text == "Hạn nộp 31/12 & báo cáo" and sent.chat.type == "private" and sent.reply_markup == keyboard
    record = server.sent[-1]
    assert record["chat_id"] == 42 and record["parse_mode"] == "HTML"
    assert record["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "ack:r1"
    assert server.calls_to("sendMessage")[0].content_type == "application/x-www-form-urlencoded"


@pytest.mark.asyncio
async def test_ptb_long_polls_pushed_updates_with_offset(server: FakeTelegram, bot: Bot) -> None:
    server.message(GROUP, "/hoi@tro_ly_bot hạn báo cáo quý?", title="Đảng ủy phường")
    first = await bot.get_updates(timeout=0)
    message = first[0].message
    assert message is not None and message.chat.type == "supergroup" and message.entities[0].type == "bot_command"

    waiting = asyncio.create_task(bot.get_updates(offset=first[-1].update_id + 1, timeout=5))
    await asyncio.sleep(0.1)
    server.callback(GROUP, 7, "ack:r1", message_id=1)
    woke = await asyncio.wait_for(waiting, 2)
    query = woke[0].callback_query
    assert len(woke) == 1 and query is not None and query.data == "ack:r1"
    assert await bot.answer_callback_query(query.id, text="Đã ghi nhận")
    assert await bot.get_updates(offset=woke[-1].update_id + 1, timeout=1) == ()


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        ({"status": 429, "retry_after": 3}, RetryAfter),
        ({"status": 403, "description": "Forbidden: bot was blocked by the user"}, Forbidden),
        ({"status": 400, "migrate_to_chat_id": GROUP}, ChatMigrated),
        ({"status": 502, "description": "Bad Gateway"}, NetworkError),
    ],
)
@pytest.mark.asyncio
async def test_ptb_raises_its_exception_for_each_injected_error(
    server: FakeTelegram, bot: Bot, fault: dict[str, int | str], expected: type[TelegramError]
) -> None:
    server.fail_next("sendMessage", **fault)  # type: ignore[arg-type]
    with pytest.raises(expected) as caught:
        await bot.send_message(-4242, "Nhắc hạn")
    if isinstance(caught.value, RetryAfter):
        assert caught.value.retry_after == timedelta(seconds=3)  # PTB 23's type, opted into (PTB_TIMEDELTA)
    if isinstance(caught.value, ChatMigrated):
        assert caught.value.new_chat_id == GROUP
    assert (await bot.send_message(-4242, "Nhắc hạn")).text == "Nhắc hạn"  # the fault was used up


@pytest.mark.asyncio
async def test_ptb_gets_telegram_validation_errors(server: FakeTelegram, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(42, "a" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        too_long_data = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
        await bot.send_message(42, "x", reply_markup=too_long_data)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(42, "GRDP < 13,5%", parse_mode="HTML")
    assert server.sent == []


@pytest.mark.asyncio
async def test_limit_enforcer_rejects_the_31st_message_within_one_second(server: FakeTelegram, bot: Bot) -> None:
    server.enforce_limits()
    await bot.send_message(1, "một")
    with pytest.raises(RetryAfter):
        await bot.send_message(1, "hai")  # one message per second to one chat
    for chat_id in range(2, 31):
        await bot.send_message(chat_id, "tin")
    with pytest.raises(RetryAfter):
        await bot.send_message(31, "tin thứ 31")
    assert len(server.sent) == 30 and server.rejected == 2


@pytest.mark.asyncio
async def test_ptb_reads_members_chats_commands_and_webhook_state(server: FakeTelegram, bot: Bot) -> None:
    server.set_admin(GROUP, 7)
    assert isinstance(await bot.get_chat_member(GROUP, 7), ChatMemberAdministrator)
    assert isinstance(await bot.get_chat_member(GROUP, 8), ChatMemberMember)
    assert (await bot.get_chat(GROUP)).type == "supergroup"
    scope = BotCommandScopeAllGroupChats()
    await bot.set_my_commands([BotCommand("hoi", "Hỏi về văn bản")], scope=scope, language_code="vi")
    assert server.commands_for("all_group_chats", "vi") == [{"command": "hoi", "description": "Hỏi về văn bản"}]

    assert await bot.set_webhook("https://bot.example.vn/tg", secret_token="s3cret")
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    assert (await bot.get_webhook_info()).url == "https://bot.example.vn/tg"
    assert await bot.delete_webhook() and await bot.get_updates(timeout=0) == ()


@pytest.mark.asyncio
async def test_webhook_helpers_send_each_platform_s_secret_header() -> None:
    seen: list[tuple[str | None, str | None, dict[str, object]]] = []

    async def hook(request: web.Request) -> web.Response:
        headers = request.headers
        seen.append((headers.get("X-Telegram-Bot-Api-Secret-Token"), headers.get("X-Bot-Api-Secret-Token"),
                     await request.json()))  # fmt: skip
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    try:
        assert (await post_telegram_update(url, {"update_id": 1}, secret_token="tg-secret")).status_code == 200
        assert (await post_zalo_update(url, {"event_name": "message.text.received"}, "zalo-secret")).status_code == 200
    finally:
        await runner.cleanup()
    assert seen[0] == ("tg-secret", None, {"update_id": 1})
    assert seen[1] == (None, "zalo-secret", {"ok": True, "result": {"event_name": "message.text.received"}})


@pytest.mark.asyncio
async def test_zalo_one_update_then_408_then_errors() -> None:
    async with FakeZalo() as zalo, httpx.AsyncClient(base_url=zalo.api_url) as client:
        chat_id = zalo.new_id()
        pushed = zalo.message(chat_id, "Xin chào")

        answer = await client.post("/getUpdates", json={"timeout": 5})
        assert answer.status_code == 200 and answer.json() == {"ok": True, "result": pushed}
        zalo.redeliver_last()
        assert (await client.post("/getUpdates", json={"timeout": 5})).json()["result"] == pushed
        idle = await client.post("/getUpdates", json={"timeout": 0.2})
        assert idle.status_code == 408
        assert idle.json() == {"ok": False, "error_code": 408, "description": "Request timeout"}

        too_long = await client.post("/sendMessage", json={"chat_id": chat_id, "text": "a" * 2001})
        assert too_long.status_code == 400 and too_long.json()["ok"] is False
        sent = await client.post("/sendMessage", json={"chat_id": chat_id, "text": "a" * 2000})
        assert sent.json()["result"]["message_id"] == zalo.sent[-1]["message_id"]
        bad_token = await client.post(f"{zalo.base_url}/bot1:wrong/getMe", json={})
        assert bad_token.status_code == 401 and bad_token.json()["error_code"] == 401


def test_zalo_runs_in_a_thread_for_synchronous_tests() -> None:
    with FakeZalo(can_join_groups=True).in_thread() as zalo:
        zalo.fail_next("sendMessage", 429)
        with httpx.Client(base_url=zalo.api_url) as client:
            assert client.post("/getMe", json={}).json()["result"]["can_join_groups"] is True
            assert client.post("/sendMessage", json={"chat_id": "a", "text": "b"}).json()["error_code"] == 429
            zalo.message("6ede9afa66b88fe6d6a9", "Xin chào")
            assert client.post("/getUpdates", json={"timeout": 2}).json()["result"]["message"]["text"] == "Xin chào"


@pytest.mark.asyncio
async def test_ptb_receives_a_document_and_downloads_it_through_get_file(server: FakeTelegram) -> None:
    async with Bot(TOKEN, base_url=f"{server.base_url}/bot", base_file_url=f"{server.base_url}/file/bot") as bot:
        server.document(GROUP, "Kế hoạch 12.docx", b"PK\x03\x04 word", caption="/nap@tro_ly_bot", user_id=7)
        [update] = await bot.get_updates(timeout=0)
        document = update.message.document
        assert (document.file_name, document.file_size, update.message.caption) == (
            "Kế hoạch 12.docx", 9, "/nap@tro_ly_bot")
        assert update.message.caption_entities[0].type == "bot_command" and update.message.text is None
        found = await bot.get_file(document.file_id)
        assert found.file_path == f"{server.base_url}/file/bot{TOKEN}/documents/file_1.docx"
        assert bytes(await found.download_as_bytearray()) == b"PK\x03\x04 word"
        assert server.downloads == ["documents/file_1.docx"]
        server.document(42, "lon.pdf", b"%PDF", file_size=25 * 1024 * 1024)
        big = (await bot.get_updates(offset=update.update_id + 1, timeout=0))[0].message.document
        with pytest.raises(BadRequest, match=r"(?i)file is too big"):
            await bot.get_file(big.file_id)
        with pytest.raises(BadRequest, match=r"(?i)invalid file_id"):
            await bot.get_file("no-such-file")
