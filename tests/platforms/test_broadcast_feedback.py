"""Broadcast feedback: the admin never learnt which chats were unreachable, a broadcast to nobody was "queued for 0
chats", and the "Đã xếp …" reply was sent outside the pacing and drew a 429."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers import wording
from knowledge.base import KnowledgeBase
from tests.clock import off_schedule
from tests.fakes import FakeTelegram
from tests.platforms.conftest import (
    make_settings,
    running,
    subscribe,
    telegram_settings,
    until,
    wall_clock,
)
from tests.platforms.test_telegram import ADMIN, GROUP, texts_to


@pytest.mark.asyncio
async def test_broadcast_feedback(tmp_path: Path, telegram: FakeTelegram, samples: KnowledgeBase) -> None:
    telegram.enforce_limits()  # Telegram's own flood limits: 30/s, 1/s per chat, 20/min per group
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram), admins=[f"telegram:{ADMIN}"],
                             schedules=off_schedule(wall_clock()))
    blocked, gone = 600_000_001, 600_000_002
    telegram.block(blocked)
    telegram.fail_next("sendMessage", 400, "Bad Request: chat not found", count=10**9, chat_id=gone)
    chats = [GROUP - number for number in range(20)] + [600_000_100 + number for number in range(40)]
    async with running(settings, samples, wall_clock) as service:
        telegram.message(ADMIN, "/phatthong Thử gửi khi chưa ai đăng ký")
        await until(lambda: texts_to(telegram, ADMIN), what="the refusal")
        assert texts_to(telegram, ADMIN)[0] == wording.BROADCAST_NOBODY
        subscribe(service, "telegram", [*chats, blocked, gone])
        repository = service.runtime.services.repository
        names = {chat: repository.chat("telegram", str(chat), wall_clock()).name for chat in (blocked, gone)}
        telegram.message(ADMIN, "/phatthong Họp chi bộ định kỳ lúc 14:00")
        await until(lambda: len(texts_to(telegram, ADMIN)) == 2, what="the preview")
        preview = telegram.sent[-1]
        assert "62 cuộc trò chuyện" in str(preview["text"])
        send = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        telegram.callback(ADMIN, ADMIN, send, int(preview["message_id"]))
        await until(lambda: any(text.startswith("📤 Đã gửi") for text in texts_to(telegram, ADMIN)), timeout=60,
                    what="the report of the broadcast")
    queued, report = texts_to(telegram, ADMIN)[2], texts_to(telegram, ADMIN)[-1]
    assert queued == wording.BROADCAST_QUEUED.format(count=62)
    assert report.startswith("📤 Đã gửi thông báo #1 tới 60/62 cuộc trò chuyện.")
    assert f"{names[blocked]}: đã chặn bot" in report and f"{names[gone]}: không tìm thấy cuộc trò chuyện" in report
    assert telegram.rejected == 0  # the replies to the admin kept to the same pace as the broadcast
