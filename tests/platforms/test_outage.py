"""An outage lost messages for good: after eight attempts (about four minutes of 502s) every due reminder and
broadcast was marked failed, nothing was delivered when the platform came back, and nobody was told."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from handlers.incoming import IncomingMessage
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram
from tests.platforms.conftest import make_settings, running, subscribe, telegram_settings, until
from tests.platforms.test_telegram import ADMIN, GROUP, texts_to

FOREVER = 10**9


@pytest.mark.asyncio
async def test_an_outage_loses_messages_for_good(tmp_path: Path, telegram: FakeTelegram, clock: FakeClock,
                                                  samples: KnowledgeBase) -> None:
    telegram.set_admin(GROUP, ADMIN)
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram), admins=[f"telegram:{ADMIN}"])
    chats = [600_000_100 + number for number in range(5)] + [GROUP]
    async with running(settings, samples, clock) as service:
        scheduler, repository = service.runtime.scheduler, service.runtime.services.repository
        subscribe(service, "telegram", chats)
        telegram.message(GROUP, "/nhac 22/11 09:05 Kiểm tra phòng cháy", user_id=ADMIN, title="Chi bộ 3")
        await until(lambda: texts_to(telegram, GROUP), what="the reminder")
        telegram.message(ADMIN, "/phatthong Lịch trực Tết")
        await until(lambda: texts_to(telegram, ADMIN), what="the preview")
        preview = telegram.sent[-1]
        telegram.fail_next("sendMessage", 502, "Bad Gateway", count=FOREVER)  # the platform goes down
        telegram.callback(ADMIN, ADMIN, preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"],
                          int(preview["message_id"]))
        await until(lambda: repository.delivery_counts().get("pending", 0) + repository.delivery_counts().get(
            "sending", 0) >= 6, what="the broadcast queued")
        for _ in range(20):  # ten minutes of 502s
            clock.advance(seconds=30)
            await scheduler.tick()
        counts = repository.delivery_counts()
        assert not counts.get("failed") and not counts.get("sent"), counts
        [status] = service.runtime.router.dispatch(IncomingMessage("telegram", str(ADMIN), str(ADMIN),
                                                                   "/tinhtrang", clock()))
        assert "7 tin chờ gửi" in status.text and "cũ nhất" in status.text
        telegram.recover()  # the platform is back
        for _ in range(12):
            clock.advance(seconds=30)
            await scheduler.tick()
        await until(lambda: not repository.delivery_counts().get("pending"), what="the outbox to empty")
    broadcast = Counter(sent["chat_id"] for sent in telegram.sent if "Lịch trực Tết" in str(sent["text"])
                        and sent["chat_id"] != ADMIN)
    assert broadcast == Counter(chats)  # every chat, once
    due = [sent for sent in telegram.sent if str(sent["text"]).startswith("⏰ Đến hạn: Kiểm tra phòng cháy")]
    assert len(due) == 1 and due[0]["chat_id"] == GROUP
    assert not repository.delivery_counts().get("failed")
    assert any(str(text).startswith("📤 Đã gửi thông báo #1 tới 6/6") for text in texts_to(telegram, ADMIN))
    assert clock() < datetime(2026, 11, 22, 9, 17, tzinfo=VIETNAM)
