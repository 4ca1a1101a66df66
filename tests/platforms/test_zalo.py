"""The bot on Zalo end to end: our httpx client polling the fake Zalo Bot API server over real HTTP."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from bot.config import WebhookSettings
from bot.logs import setup_logging
from bot.platforms.zalo import ZaloApiError, ZaloClient, strip_mention
from bot.runner import StartError, build_service, serve
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock, off_schedule
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram, FakeZalo, post_zalo_update
from tests.platforms.conftest import (
    ZALO_ACCOUNT,
    ZALO_TOKEN,
    make_settings,
    running,
    subscribe,
    telegram_settings,
    until,
    wall_clock,
    zalo_settings,
)

USER, OTHER, ADMIN = "6ede9afa66b88fe6d6a9", "a1b2c3d4e5f60718293a", "ad000000000000000001"
GROUP = "9f8e7d6c5b4a39281706"


def texts_to(server: FakeZalo, chat_id: str) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


@pytest.mark.asyncio
async def test_private_question_gets_a_plain_text_answer_with_its_citation(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message(USER, "chỉ tiêu ty le BHYT")
        await until(lambda: texts_to(zalo, USER), what="the answer")
    [answer] = texts_to(zalo, USER)
    assert "99,6%" in answer and "\n📄 " in answer and "<i>" not in answer
    assert [call.content_type for call in zalo.calls_to("sendMessage")] == ["application/json"]


@pytest.mark.asyncio
async def test_alternatives_are_numbered_and_a_typed_number_picks_one(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    question = "tỷ lệ cơ quan văn hóa đạt bao nhiêu"
    offered = samples.ask(question).alternatives
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message(USER, question)
        await until(lambda: texts_to(zalo, USER), what="the answer")
        zalo.message(USER, "1")
        await until(lambda: len(texts_to(zalo, USER)) == 2, what="the chosen alternative")
    first, chosen = texts_to(zalo, USER)
    numbers = " hoặc ".join(str(number) for number in range(1, len(offered) + 1))
    assert "Có phải bạn muốn hỏi:\n1. " in first and f"(Trả lời {numbers.replace(' hoặc ', ', ', len(offered) - 2)}.)" \
        in first
    assert chosen.startswith(offered[0].answer[:60])


@pytest.mark.asyncio
async def test_a_redelivered_update_is_answered_once(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message(USER, "tỷ lệ khu phố văn minh")
        await until(lambda: texts_to(zalo, USER), what="the answer")
        zalo.redeliver_last()
        zalo.message(USER, "chat thai ran sinh hoat do thi")
        await until(lambda: len(texts_to(zalo, USER)) >= 2, what="the next answer")
        await asyncio.sleep(0.3)
    answers = texts_to(zalo, USER)
    assert len(answers) == 2 and "90%" in answers[0] and "96%" in answers[1]


@pytest.mark.asyncio
async def test_group_questions_by_mention_and_command(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
        zalo.message(GROUP, f"@{ZALO_ACCOUNT} tỷ lệ khu phố văn minh", user_id=USER, chat_type="GROUP")
        await until(lambda: texts_to(zalo, GROUP), what="the answer to the mention")
        zalo.message(GROUP, "@Trợ lý /hoi ty le lang khu pho van hoa", user_id=OTHER, chat_type="GROUP")
        await until(lambda: len(texts_to(zalo, GROUP)) == 2, what="the answer to /hoi")
        zalo.message(GROUP, "@Trợ lý văn bản /chude 5", user_id=OTHER, chat_type="GROUP")
        await until(lambda: len(texts_to(zalo, GROUP)) == 3, what="the answer to /chude")
    mention, command, theme = texts_to(zalo, GROUP)
    assert "90%" in mention and "98,2%" in command
    assert theme.startswith("📢 Chủ đề tuyên truyền tháng 5/")  # a command after a name with spaces


@pytest.mark.parametrize(("text", "left"), [
    ("@bot.tro_ly_van_ban tỷ lệ BHYT", "tỷ lệ BHYT"),  # the account name, as getMe gives it
    ("@Trợ lý văn bản /nhac 31/12 Họp", "/nhac 31/12 Họp"),  # a display name with spaces, then a command
    ("@Trợ lý chỉ tiêu 2022/2023", "lý chỉ tiêu 2022/2023"),  # no command: only the first word is known
    ("hỏi @Trợ lý", "hỏi @Trợ lý"),  # not a leading mention
])
def test_the_leading_mention_is_taken_off(text: str, left: str) -> None:
    assert strip_mention(text, "bot.tro_ly_van_ban") == left


@pytest.mark.asyncio
async def test_without_group_support_group_messages_are_ignored(
    tmp_path: Path, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with FakeZalo(ZALO_TOKEN, can_join_groups=False) as zalo:
        async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock):
            zalo.message(GROUP, "@bot tỷ lệ khu phố văn minh", user_id=USER, chat_type="GROUP")
            zalo.message(USER, "tỷ lệ khu phố văn minh")
            await until(lambda: texts_to(zalo, USER), what="the private answer")
            await asyncio.sleep(0.2)
        assert not texts_to(zalo, GROUP)


@pytest.mark.asyncio
async def test_group_reminder_fires_with_typed_commands_and_confirmation_is_recorded(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = make_settings(tmp_path, zalo=zalo_settings(zalo), admins=[f"zalo:{ADMIN}"])
    async with running(settings, samples, clock) as service:
        zalo.message(GROUP, "@bot /nhac 25/11 Nộp báo cáo tổng kết", user_id=OTHER, chat_type="GROUP")
        await until(lambda: texts_to(zalo, GROUP), what="the refusal")
        assert "quản trị viên" in texts_to(zalo, GROUP)[0]
        zalo.message(GROUP, "@bot /nhac 25/11 Nộp báo cáo tổng kết", user_id=ADMIN, chat_type="GROUP")
        await until(lambda: len(texts_to(zalo, GROUP)) == 2, what="the reminder to be created")
        assert texts_to(zalo, GROUP)[1].startswith("✅ Đã tạo nhắc việc #1")

        clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=VIETNAM))
        await service.runtime.scheduler.tick()
        await until(lambda: len(texts_to(zalo, GROUP)) == 3, what="the lead-time message")
        notice = texts_to(zalo, GROUP)[2]
        assert notice.startswith("⏰ Còn 1 ngày (hạn là ngày mai): Nộp báo cáo tổng kết")
        assert "✅ Đã xong: gõ /xong 1" in notice and "⏰ Nhắc lại sau: gõ /hoanlai 1" in notice

        zalo.message(GROUP, "@bot /xong 1", user_id=OTHER, chat_type="GROUP")
        await until(lambda: len(texts_to(zalo, GROUP)) == 4, what="the confirmation")
        assert texts_to(zalo, GROUP)[3].startswith("✅ Đã ghi nhận:")
        repository = service.runtime.services.repository
        [reminder] = repository.reminders_of(repository.chat("zalo", GROUP, clock()).id)
        [target] = repository.targets(reminder.occurrence_id or 0)
        assert target.confirmed_by == "Nguyễn Văn A"  # the display name of the member who confirmed


@pytest.mark.asyncio
async def test_broadcast_to_200_chats_with_429s_arrives_exactly_once(
    tmp_path: Path, zalo: FakeZalo, samples: KnowledgeBase
) -> None:
    clock = wall_clock  # retries wait for real seconds
    settings = make_settings(tmp_path, zalo=zalo_settings(zalo), admins=[f"zalo:{ADMIN}"],
                             schedules=off_schedule(wall_clock()))
    chats = [f"{number:020x}" for number in range(1, 201)]
    async with running(settings, samples, clock) as service:
        subscribe(service, "zalo", chats)
        zalo.message(ADMIN, "/phatthong Họp chi bộ định kỳ lúc 14:00 ngày 25/11")
        await until(lambda: texts_to(zalo, ADMIN), what="the preview")
        preview = texts_to(zalo, ADMIN)[0]
        assert "200 cuộc trò chuyện" in preview and "📤 Gửi: gõ /phatthong gui 1" in preview
        for chat_id in chats[::20]:
            zalo.fail_next("sendMessage", 429, count=2, chat_id=chat_id)
        zalo.fail_next("sendMessage", 503, chat_id=chats[7])
        zalo.message(ADMIN, "/phatthong gui 1")
        # Paced by the platform's rate and the 429 back-offs: ~30 s alone, longer on a busy machine (60 s ran out once).
        await until(lambda: sum(1 for sent in zalo.sent if sent["chat_id"] in set(chats)) >= 200, timeout=150,
                    what="the broadcast to reach 200 chats")
        await asyncio.sleep(0.5)
    received = Counter(sent["chat_id"] for sent in zalo.sent if "Họp chi bộ định kỳ" in str(sent["text"])
                       and sent["chat_id"] != ADMIN)
    assert set(received) == set(chats) and set(received.values()) == {1}
    assert len([call for call in zalo.calls_to("sendMessage") if call.status in (429, 503)]) == 21
    assert service.runtime.services.repository.delivery_counts() == {"sent": 200}


@pytest.mark.asyncio
async def test_polling_is_refused_while_a_webhook_is_set(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    zalo.webhook = {"url": "https://bot.example.vn/zalo", "secret_token": "s" * 16, "updated_at": 0}
    service = build_service(make_settings(tmp_path, zalo=zalo_settings(zalo)), clock, samples)
    with pytest.raises(StartError, match="webhook"):
        await serve(service, asyncio.Event())
    assert not zalo.calls_to("getUpdates")


@pytest.fixture
def production_logging(capsys: pytest.CaptureFixture[str]) -> Iterator[pytest.CaptureFixture[str]]:
    """Logging as `run` sets it up (the token registered as a secret), but at DEBUG everywhere, httpx included."""
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    setup_logging([ZALO_TOKEN], logging.DEBUG)
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    yield capsys
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


@pytest.mark.asyncio
async def test_poll_errors_back_off_and_recover_without_showing_the_token(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase,
    production_logging: pytest.CaptureFixture[str],
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock) as service:
        service.platforms["zalo"].backoff = 0.05  # type: ignore[attr-defined]
        zalo.fail_next("getUpdates", 500, count=2)
        zalo.fail_next("getUpdates", 401, "Unauthorized")
        zalo.message(USER, "xin chào")  # ends the poll under way, so that the next three fail
        await until(lambda: sum(1 for call in zalo.calls_to("getUpdates") if call.status >= 400) == 3,
                    what="three failed polls")
        zalo.message(USER, "tỷ lệ khu phố văn minh")
        await until(lambda: any("90%" in text for text in texts_to(zalo, USER)), what="the answer after the errors")
    assert sum(1 for call in zalo.calls_to("getUpdates") if call.status >= 400) == 3
    logged = production_logging.readouterr().err
    assert "Zalo getUpdates failed (Zalo getUpdates: 401 Unauthorized)" in logged
    assert "/bot***/getUpdates" in logged and ZALO_TOKEN not in logged  # httpx's own request lines, redacted


@pytest.mark.asyncio
async def test_the_poller_outlives_an_unexpected_error(
    tmp_path: Path, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase,
    production_logging: pytest.CaptureFixture[str],
) -> None:
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo)), samples, clock) as service:
        platform = service.platforms["zalo"]
        platform.backoff = 0.05  # type: ignore[attr-defined]
        client = platform.client  # type: ignore[attr-defined]
        get_updates, failures = client.get_updates, [ValueError("a reply the client did not expect")]

        async def flaky(timeout: float) -> object:
            """The first poll fails the way no Zalo error does; the next ones reach the fake server."""
            if failures:
                raise failures.pop()
            return await get_updates(timeout)

        client.get_updates = flaky
        zalo.message(USER, "tỷ lệ khu phố văn minh")  # ends the poll under way; the next one fails
        await until(lambda: not failures, what="the failing poll")
        zalo.message(USER, "tỷ lệ khu phố văn minh")
        await until(lambda: len(texts_to(zalo, USER)) == 2, what="the answer after the error")
        assert service.health()["platforms"]["zalo"]["running"]
    assert "Zalo getUpdates raised ValueError" in production_logging.readouterr().err


@pytest.mark.asyncio
async def test_polls_keep_a_minimum_gap(tmp_path: Path, zalo: FakeZalo, clock: FakeClock,
                                        samples: KnowledgeBase) -> None:
    for number in range(5):
        zalo.message(f"{number + 1:020x}", "tỷ lệ khu phố văn minh")
    async with running(make_settings(tmp_path, zalo=zalo_settings(zalo, poll_gap=0.3)), samples, clock):
        await until(lambda: len(zalo.sent) == 5, what="five answers")
    starts = [call.at for call in zalo.calls_to("getUpdates")][1:5]  # the first one shares the start-up's loop
    gaps = [later - earlier for earlier, later in itertools.pairwise(starts)]
    assert min(gaps) >= 0.25, gaps  # 0.3 s apart as the bot sends them; the server sees them with some jitter


@pytest.mark.asyncio
async def test_client_errors_never_contain_the_token() -> None:
    client = ZaloClient("http://127.0.0.1:9/bot", ZALO_TOKEN, timeout=2)  # nothing listens on port 9
    with pytest.raises(ZaloApiError) as raised:
        await client.get_me()
    await client.close()
    assert ZALO_TOKEN not in str(raised.value) and "network" in str(raised.value)
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


@pytest.mark.asyncio
async def test_one_webhook_server_serves_both_platforms_and_checks_each_secret(
    tmp_path: Path, zalo: FakeZalo, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = make_settings(
        tmp_path, zalo=zalo_settings(zalo, mode="webhook", webhook_secret="zalo-secret-123"),
        telegram=telegram_settings(telegram, mode="webhook"),
        webhook=WebhookSettings(public_url="https://bot.example.vn", listen="127.0.0.1", port=0))
    async with running(settings, samples, clock) as service:
        assert zalo.webhook is not None and zalo.webhook["url"] == "https://bot.example.vn/zalo"
        assert zalo.webhook["secret_token"] == "zalo-secret-123"
        assert telegram.webhook is not None and telegram.webhook["url"] == "https://bot.example.vn/telegram"
        assert service.webhooks is not None
        base = f"http://127.0.0.1:{service.webhooks.port}"
        update = {"event_name": "message.text.received", "message": {
            "from": {"id": USER, "display_name": "Lan", "is_bot": False}, "chat": {"id": USER, "chat_type": "PRIVATE"},
            "text": "chỉ tiêu ty le BHYT", "message_id": "m0000000000000000001", "date": 1750316131602}}
        assert (await post_zalo_update(f"{base}/zalo", update, "wrong")).status_code == 403
        assert (await post_zalo_update(f"{base}/zalo", update, str(telegram.webhook["secret_token"]))).status_code \
            == 403  # the other platform's secret does not open this door
        assert (await post_zalo_update(f"{base}/zalo", update, "zalo-secret-123")).status_code == 200
        assert (await post_zalo_update(f"{base}/zalo", update, "zalo-secret-123")).status_code == 200  # again
        await until(lambda: texts_to(zalo, USER), what="the answer to the webhook update")
        async with httpx.AsyncClient() as client:
            bad = await client.post(f"{base}/zalo", content=b"not json", headers={"X-Bot-Api-Secret-Token":
                                                                                  "zalo-secret-123"})
            health = (await client.get(f"{base}/healthz")).json()
        assert bad.status_code == 400
        assert health["ok"] and set(health["platforms"]) == {"telegram", "zalo"}
        await asyncio.sleep(0.2)
    assert len(texts_to(zalo, USER)) == 1 and not zalo.calls_to("getUpdates")


@pytest.mark.asyncio
async def test_without_group_support_broadcasts_reach_each_subscribed_private_chat(
    tmp_path: Path, clock: FakeClock, samples: KnowledgeBase
) -> None:
    members = [f"{number:020x}" for number in range(1, 4)]
    async with FakeZalo(ZALO_TOKEN, can_join_groups=False) as zalo:
        settings = make_settings(tmp_path, zalo=zalo_settings(zalo), admins=[f"zalo:{ADMIN}"])
        async with running(settings, samples, clock):
            zalo.message(GROUP, "@bot /dangky", user_id=ADMIN, chat_type="GROUP")  # never reaches the bot
            for member in members:
                zalo.message(member, "/dangky")
            await until(lambda: all(texts_to(zalo, member) for member in members), what="three subscriptions")
            zalo.message(ADMIN, "/phatthong Lịch tiếp dân tháng 12")
            await until(lambda: texts_to(zalo, ADMIN), what="the preview")
            assert "3 cuộc trò chuyện" in texts_to(zalo, ADMIN)[0]
            zalo.message(ADMIN, "/phatthong gui 1")
            await until(lambda: all(len(texts_to(zalo, member)) == 2 for member in members), what="the broadcast")
        assert all(texts_to(zalo, member)[1] == "📢 Thông báo: Lịch tiếp dân tháng 12" for member in members)
        assert not texts_to(zalo, GROUP)
