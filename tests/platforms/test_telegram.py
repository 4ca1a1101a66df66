"""The bot on Telegram end to end: python-telegram-bot polling the fake Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from bot.config import Settings, WebhookSettings
from bot.platforms.telegram import TelegramPlatform
from bot.runner import StartError, build_service, serve
from handlers import wording
from knowledge.base import KnowledgeBase
from schedules.messages import ChatRef, Reply
from tests.clock import FakeClock, off_schedule
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram, post_telegram_update
from tests.platforms.conftest import (
    BOT_USERNAME,
    make_settings,
    running,
    subscribe,
    telegram_settings,
    until,
    wall_clock,
)

GROUP = -1001234567890
ADMIN, MEMBER = 500_000_001, 500_000_002


def texts_to(server: FakeTelegram, chat_id: int) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


@pytest.mark.asyncio
async def test_private_question_gets_the_cited_answer(tmp_path: Path, telegram: FakeTelegram, clock: FakeClock,
                                                      samples: KnowledgeBase) -> None:
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock):
        telegram.message(42, "chỉ tiêu ty le BHYT")
        await until(lambda: texts_to(telegram, 42), what="the answer")
    answer = telegram.sent[0]
    assert "99,6%" in answer["text"] and answer["parse_mode"] == "HTML"
    assert "\n<i>📄 " in answer["text"]  # the citation on its own line


@pytest.mark.asyncio
async def test_group_answers_command_mention_and_reply_but_not_chatter(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock):
        telegram.message(GROUP, "chào mọi người, chiều nay họp nhé", user_id=MEMBER, title="Chi bộ khu phố 3")
        telegram.message(GROUP, f"/hoi@{BOT_USERNAME} tỷ lệ khu phố văn minh", user_id=MEMBER)
        await until(lambda: len(texts_to(telegram, GROUP)) == 1, what="the answer to /hoi")
        telegram.message(GROUP, f"@{BOT_USERNAME} ty le lang khu pho van hoa", user_id=MEMBER)
        await until(lambda: len(texts_to(telegram, GROUP)) == 2, what="the answer to the mention")
        telegram.message(GROUP, "chat thai ran sinh hoat do thi", user_id=MEMBER, reply_to_bot=True)
        await until(lambda: len(texts_to(telegram, GROUP)) == 3, what="the answer to a reply")
        telegram.message(GROUP, "/hoi@other_bot tỷ lệ khu phố văn minh", user_id=MEMBER)
        telegram.message(GROUP, f"@{BOT_USERNAME} Hôm nay ăn gì?", user_id=MEMBER)
        await until(lambda: len(texts_to(telegram, GROUP)) == 4, what="the last answer")
    first, second, third, last = texts_to(telegram, GROUP)
    assert "90%" in first and "98,2%" in second and "96%" in third
    assert "99,6%" not in last and "chưa tìm thấy" in last.lower()  # the other bot's command was not ours


@pytest.mark.asyncio
async def test_alternatives_are_inline_buttons_and_a_press_answers(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock):
        telegram.message(42, "tỷ lệ cơ quan văn hóa đạt bao nhiêu")
        await until(lambda: texts_to(telegram, 42), what="the answer")
        markup = telegram.sent[0]["reply_markup"]
        assert markup and wording.CHOICES_HINT in telegram.sent[0]["text"]
        buttons = [button for row in markup["inline_keyboard"] for button in row]
        assert all(len(button["callback_data"].encode()) <= 64 for button in buttons)
        telegram.callback(42, 42, buttons[0]["callback_data"], telegram.sent[0]["message_id"])
        await until(lambda: len(texts_to(telegram, 42)) == 2, what="the chosen alternative")
        assert telegram.answers  # the button's spinner was stopped
    chosen = samples.ask("tỷ lệ cơ quan văn hóa đạt bao nhiêu").alternatives[0]
    shown = telegram.messages[42, telegram.sent[1]["message_id"]]["text"]
    assert shown.startswith(chosen.answer[:60]) and "📄" in shown


@pytest.mark.asyncio
async def test_html_is_escaped_and_long_answers_are_split(telegram: FakeTelegram) -> None:
    platform = TelegramPlatform(telegram_settings(telegram))
    await platform.start(polling=False)
    try:
        body = "Giá trị <b>không</b> phải thẻ & ký hiệu. " * 300
        result = await platform.send(ChatRef("telegram", "42"), Reply(body, "📄 Nghị quyết 09-NQ/TU — mục I"))
    finally:
        await platform.close()
    assert result.ok
    pieces = [sent for sent in telegram.sent if sent["chat_id"] == 42]
    shown = [telegram.messages[42, piece["message_id"]]["text"] for piece in pieces]  # text as users see it
    assert len(pieces) >= 3 and all(len(text) <= 4096 for text in shown)
    visible = " ".join(shown)
    assert "<b>không</b>" in visible and "& ký hiệu" in visible
    assert str(pieces[-1]["text"]).endswith("<i>📄 Nghị quyết 09-NQ/TU — mục I</i>")


@pytest.mark.asyncio
async def test_vietnamese_command_menu_for_private_and_group_chats(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock):
        pass
    for scope in ("all_private_chats", "all_group_chats"):
        names = [command["command"] for command in telegram.commands_for(scope, "vi")]
        assert {"hoi", "nhac", "xong", "hanchot", "dangky", "chude"} <= set(names)
        assert "xongky" not in names and "hoan" not in names  # buttons only
        descriptions = {command["command"]: command["description"] for command in telegram.commands_for(scope, "vi")}
        assert descriptions["nhac"] == "tạo nhắc việc"


@pytest.mark.asyncio
async def test_group_admins_manage_reminders_that_fire_with_buttons_and_record_confirmation(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    telegram.set_admin(GROUP, ADMIN)
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock) as service:
        telegram.message(GROUP, "/nhac 25/11 Nộp báo cáo tổng kết", user_id=MEMBER, title="Chi bộ khu phố 3")
        await until(lambda: texts_to(telegram, GROUP), what="the refusal")
        assert "quản trị viên" in texts_to(telegram, GROUP)[0]
        telegram.message(GROUP, f"/nhac@{BOT_USERNAME} 25/11 Nộp báo cáo tổng kết", user_id=ADMIN)
        await until(lambda: len(texts_to(telegram, GROUP)) == 2, what="the reminder to be created")
        assert texts_to(telegram, GROUP)[1].startswith("✅ Đã tạo nhắc việc #1")

        clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=VIETNAM))
        await service.runtime.scheduler.tick()
        await until(lambda: len(texts_to(telegram, GROUP)) == 3, what="the lead-time message")
        notice = [sent for sent in telegram.sent if sent["chat_id"] == GROUP][-1]
        assert str(notice["text"]).startswith("⏰ Còn 1 ngày (hạn là ngày mai): Nộp báo cáo tổng kết")
        labels = [button["text"] for row in notice["reply_markup"]["inline_keyboard"] for button in row]
        assert labels == [wording.DONE_LABEL, wording.SNOOZE_LABEL]
        done = notice["reply_markup"]["inline_keyboard"][0][0]["callback_data"]

        telegram.fail_next("answerCallbackQuery", 400, "Bad Request: query is too old and response timeout expired "
                           "or query id is invalid")
        telegram.callback(GROUP, MEMBER, done, int(notice["message_id"]))
        await until(lambda: len(texts_to(telegram, GROUP)) == 4, what="the confirmation")  # counted all the same
        assert texts_to(telegram, GROUP)[3].startswith("✅ Đã ghi nhận: Chi bộ khu phố 3 hoàn thành")
        occurrence = int(done.split(":")[1])
        [target] = service.runtime.services.repository.targets(occurrence)
        assert target.confirmed_by and target.chat.chat_id == str(GROUP)

        clock.set(datetime(2026, 11, 25, 7, 30, tzinfo=VIETNAM))  # confirmed: no morning-of message
        await service.runtime.scheduler.tick()
    assert len(texts_to(telegram, GROUP)) == 4


@pytest.mark.asyncio
async def test_broadcast_to_200_chats_with_429s_arrives_exactly_once(
    tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase
) -> None:
    telegram.enforce_limits()  # Telegram's own flood limits: 30/s, 1/s per chat, 20/min per group
    clock = wall_clock  # retries wait for real seconds
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram), admins=[f"telegram:{ADMIN}"],
                             schedules=off_schedule(wall_clock()))
    chats = [GROUP - number for number in range(120)] + [600_000_000 + number for number in range(80)]
    async with running(settings, samples, clock) as service:
        subscribe(service, "telegram", chats)
        telegram.message(ADMIN, "/phatthong Họp chi bộ định kỳ lúc 14:00 ngày 25/11")
        await until(lambda: texts_to(telegram, ADMIN), what="the preview")
        preview = telegram.sent[-1]
        assert "200 cuộc trò chuyện" in str(preview["text"])
        send = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        for chat_id in chats[::25]:
            telegram.fail_next("sendMessage", 429, retry_after=1, count=2, chat_id=chat_id)
        telegram.callback(ADMIN, ADMIN, send, int(preview["message_id"]))
        await until(lambda: sum(1 for sent in telegram.sent if sent["chat_id"] in set(chats)) >= 200, timeout=60,
                    what="the broadcast to reach 200 chats")
        await asyncio.sleep(0.5)  # nothing more may follow
    received = Counter(sent["chat_id"] for sent in telegram.sent if "Họp chi bộ định kỳ" in str(sent["text"])
                       and sent["chat_id"] != ADMIN)
    assert set(received) == set(chats) and set(received.values()) == {1}
    assert service.runtime.services.repository.delivery_counts() == {"sent": 200}
    flooded = [call for call in telegram.calls_to("sendMessage") if call.status == 429]
    assert len(flooded) >= 16  # the injected ones (8 chats × 2), plus any the limits caught


@pytest.mark.asyncio
async def test_blocked_chats_go_inactive_and_a_migrated_group_keeps_its_subscription(
    tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase
) -> None:
    clock = wall_clock  # retries wait for real seconds
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram), admins=[f"telegram:{ADMIN}"],
                             schedules=off_schedule(wall_clock()))
    blocked, moved, new_id = 600_000_001, GROUP - 1, GROUP - 999
    telegram.block(blocked)
    telegram.migrate(moved, new_id)
    async with running(settings, samples, clock) as service:
        subscribe(service, "telegram", [blocked, moved])
        telegram.message(ADMIN, "/phatthong Thông báo lịch trực Tết")
        await until(lambda: texts_to(telegram, ADMIN), what="the preview")
        preview = telegram.sent[-1]
        telegram.callback(ADMIN, ADMIN, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
                          int(preview["message_id"]))
        await until(lambda: texts_to(telegram, new_id), what="the message in the upgraded group")
        repository = service.runtime.services.repository
        await until(lambda: not repository.chat("telegram", str(blocked), clock()).active, what="blocked → inactive")
        assert repository.topics(repository.chat("telegram", str(new_id), clock()).id)
    assert not texts_to(telegram, blocked)


def webhook_settings(tmp_path: Path, telegram: FakeTelegram) -> Settings:
    """Telegram by webhook at a public address, served on a free local port."""
    return make_settings(tmp_path, telegram=telegram_settings(telegram, mode="webhook"),
                         webhook=WebhookSettings(public_url="https://bot.example.vn", listen="127.0.0.1", port=0))


@pytest.mark.asyncio
async def test_webhook_mode_checks_the_secret_and_answers(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = webhook_settings(tmp_path, telegram)
    async with running(settings, samples, clock) as service:
        assert telegram.webhook is not None and telegram.webhook["url"] == "https://bot.example.vn/telegram"
        secret = str(telegram.webhook["secret_token"])
        assert service.webhooks is not None
        url = f"http://127.0.0.1:{service.webhooks.port}/telegram"
        update = telegram.message(42, "chỉ tiêu ty le BHYT")
        telegram._updates.clear()  # delivered by webhook, not by getUpdates
        refused = await post_telegram_update(url, update, "wrong-secret")
        missing = await post_telegram_update(url, update, None)
        assert refused.status_code == 403 and missing.status_code == 403
        await asyncio.sleep(0.3)
        assert not texts_to(telegram, 42)
        accepted = await post_telegram_update(url, update, secret)
        assert accepted.status_code == 200
        await until(lambda: texts_to(telegram, 42), what="the answer to the webhook update")
        async with httpx.AsyncClient() as client:
            health = await client.get(f"http://127.0.0.1:{service.webhooks.port}/healthz")
            huge = await client.post(url, content=b"{" + b" " * 2_000_000 + b"}",
                                     headers={"X-Telegram-Bot-Api-Secret-Token": secret})
        assert health.status_code == 200
        report = health.json()
        assert report["ok"] and report["platforms"]["telegram"] == {"running": True, "mode": "webhook"}
        assert report["scheduler"]["running"]
        assert huge.status_code == 413
    assert "99,6%" in texts_to(telegram, 42)[0] and len(texts_to(telegram, 42)) == 1
    assert not telegram.calls_to("getUpdates")



@pytest.mark.asyncio
async def test_a_refused_webhook_address_stops_the_start_with_a_clear_message(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = webhook_settings(tmp_path, telegram)
    telegram.fail_next("setWebhook", 400, "Bad Request: bad webhook: Failed to resolve host")
    service = build_service(settings, clock, samples)
    with pytest.raises(StartError, match=r"Không đặt được webhook cho telegram \(BadRequest: .*resolve host"):
        await serve(service, asyncio.Event())
    assert service.webhooks is not None and service.webhooks._task is None  # the web server was stopped again
