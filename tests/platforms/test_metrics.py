"""/metrics and /healthz of the running bot, scraped over HTTP after it handled messages from the fake Telegram and
Zalo servers: polling serves them on metrics.port, webhook mode on the webhook server; declined questions reach
/chuatraloi."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.config import MetricsSettings, Settings, WebhookSettings
from bot.runner import StartError, build_service, serve
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram, FakeZalo, post_telegram_update
from tests.platforms.conftest import make_settings, running, telegram_settings, until, zalo_settings

ADMIN = 500_000_001
ZALO_USER = "6ede9afa66b88fe6d6a9"
Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse(body: str) -> Samples:
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body) for sample in family.samples}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


async def get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient() as client:
        return await client.get(f"http://127.0.0.1:{port}{path}")


def texts_to(server: FakeTelegram, chat_id: int) -> list[str]:
    return [str(sent["text"]) for sent in server.sent if sent["chat_id"] == chat_id]


def with_metrics_port(settings: Settings) -> Settings:
    settings.metrics = MetricsSettings(listen="127.0.0.1", port=0)  # a free port
    return settings


@pytest.mark.asyncio
async def test_polling_bot_serves_metrics_that_hold_what_it_did(
    tmp_path: Path, telegram: FakeTelegram, zalo: FakeZalo, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = with_metrics_port(make_settings(tmp_path, telegram=telegram_settings(telegram),
                                               zalo=zalo_settings(zalo), admins=[f"telegram:{ADMIN}"]))
    async with running(settings, samples, clock) as service:
        assert service.status is not None and service.webhooks is None
        telegram.message(42, "chỉ tiêu ty le BHYT")
        await until(lambda: len(texts_to(telegram, 42)) == 1, what="the answer")
        telegram.message(42, "Hôm nay ăn gì?")
        await until(lambda: len(texts_to(telegram, 42)) == 2, what="the decline")
        telegram.fail_next("sendMessage", 429, retry_after=1, chat_id=42)  # the answer waits a second, then goes
        telegram.message(42, "/nhac 25/11 Nộp báo cáo tổng kết")
        await until(lambda: len(texts_to(telegram, 42)) == 3, what="the reminder made after flood control")
        zalo.fail_next("sendMessage", 429, chat_id=ZALO_USER)  # Zalo says "Quota exceeded", with no retry_after
        zalo.message(ZALO_USER, "giá vé xe buýt")
        await until(lambda: [sent for sent in zalo.sent if sent["chat_id"] == ZALO_USER], what="the Zalo decline")
        clock.set(datetime(2026, 11, 24, 7, 31, 30, tzinfo=VIETNAM))  # the 1-day lead time, 90 s late
        await service.runtime.scheduler.tick()
        await until(lambda: len(texts_to(telegram, 42)) == 4, what="the reminder")
        telegram.message(ADMIN, "/chuatraloi")
        await until(lambda: texts_to(telegram, ADMIN), what="the admin's list")

        metrics = await get(service.status.port, "/metrics")
        health = await get(service.status.port, "/healthz")
    assert metrics.status_code == 200 and metrics.headers["content-type"].startswith("text/plain")
    scraped = parse(metrics.text)
    assert value(scraped, "directive_bot_updates_total", platform="telegram") == 4  # three to 42, one from ADMIN
    assert value(scraped, "directive_bot_updates_total", platform="zalo") == 1
    assert value(scraped, "directive_bot_replies_total", platform="telegram", outcome="sent") == 4  # the reminder:
    assert value(scraped, "directive_bot_outbox_sends_total", platform="telegram", kind="lead", outcome="sent") == 1
    assert value(scraped, "directive_bot_replies_total", platform="zalo", outcome="sent") == 1
    assert value(scraped, "directive_bot_answer_seconds_count", platform="telegram") == 4
    slow = value(scraped, "directive_bot_answer_seconds_count", platform="telegram") - value(
        scraped, "directive_bot_answer_seconds_bucket", platform="telegram", le="0.5")
    assert slow >= 1  # the answer held a second by flood control
    assert value(scraped, "directive_bot_questions_declined_total", platform="telegram", chat_kind="private") == 1
    assert value(scraped, "directive_bot_questions_declined_total", platform="zalo", chat_kind="private") == 1
    assert value(scraped, "directive_bot_rate_limited_total", platform="telegram") == 1
    assert value(scraped, "directive_bot_rate_limited_total", platform="zalo") == 1
    assert value(scraped, "directive_bot_reminders_sent_total", kind="lead") == 1
    assert value(scraped, "directive_bot_reminder_lateness_seconds_sum") == 90
    assert value(scraped, "directive_bot_outbox_messages", state="sent") == 1
    assert value(scraped, "directive_bot_outbox_messages", state="pending") == 0
    assert value(scraped, "directive_bot_outbox_messages", state="failed") == 0
    assert value(scraped, "directive_bot_outbox_oldest_waiting_seconds") == 0
    assert value(scraped, "directive_bot_leader") == 1 and value(scraped, "directive_bot_database_up") == 1
    assert health.status_code == 200 and health.json()["ok"]
    [listed] = texts_to(telegram, ADMIN)
    assert "«Hôm nay ăn gì?» — 1 lần" in listed and "«giá vé xe buýt» — 1 lần" in listed


@pytest.mark.asyncio
async def test_webhook_bot_serves_metrics_beside_the_updates(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram, mode="webhook"),
                             webhook=WebhookSettings(public_url="https://bot.example.vn", listen="127.0.0.1", port=0))
    async with running(settings, samples, clock) as service:
        assert service.webhooks is not None and service.status is None
        update = telegram.message(42, "Hôm nay ăn gì?")
        telegram._updates.clear()  # delivered by webhook, not by getUpdates
        await post_telegram_update(f"http://127.0.0.1:{service.webhooks.port}/telegram", update,
                                   str((telegram.webhook or {})["secret_token"]))
        await until(lambda: texts_to(telegram, 42), what="the answer to the webhook update")
        scraped = parse((await get(service.webhooks.port, "/metrics")).text)
    assert value(scraped, "directive_bot_updates_total", platform="telegram") == 1
    assert value(scraped, "directive_bot_questions_declined_total", platform="telegram", chat_kind="private") == 1


@pytest.mark.asyncio
async def test_metrics_on_their_own_port_stay_off_the_public_webhook_port(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    settings = with_metrics_port(make_settings(
        tmp_path, telegram=telegram_settings(telegram, mode="webhook"),
        webhook=WebhookSettings(public_url="https://bot.example.vn", listen="127.0.0.1", port=0)))
    async with running(settings, samples, clock) as service:
        assert service.webhooks is not None and service.status is not None
        public = await get(service.webhooks.port, "/metrics")
        private = await get(service.status.port, "/metrics")
    assert public.status_code == 405 and private.status_code == 200
    assert "directive_bot_updates_total" in private.text or "directive_bot_updates " in private.text


@pytest.mark.asyncio
async def test_polling_without_a_metrics_port_opens_no_server(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    async with running(make_settings(tmp_path, telegram=telegram_settings(telegram)), samples, clock) as service:
        assert service.status is None and service.webhooks is None


@pytest.mark.asyncio
async def test_a_metrics_port_in_use_stops_the_start_naming_the_key(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    first = with_metrics_port(make_settings(tmp_path / "a", telegram=telegram_settings(telegram)))
    async with running(first, samples, clock) as service:
        assert service.status is not None
        second = make_settings(tmp_path / "b", telegram=telegram_settings(telegram))
        second.metrics = MetricsSettings(listen="127.0.0.1", port=service.status.port)
        with pytest.raises(StartError, match=r"không mở được cổng 127\.0\.0\.1:\d+ cho /metrics .*metrics\.port"):
            await serve(build_service(second, clock, samples), asyncio.Event())


@pytest.mark.asyncio
async def test_metrics_turned_off_took_healthz_off_their_port_too(
    tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase
) -> None:
    """`metrics.enabled: false` turns off /metrics: a polling bot with metrics.port kept no /healthz either, so a
    container's health check failed on a healthy bot."""
    settings = make_settings(tmp_path, telegram=telegram_settings(telegram))
    settings.metrics = MetricsSettings(enabled=False, listen="127.0.0.1", port=0)
    async with running(settings, samples, clock) as service:
        assert service.status is not None
        health = await get(service.status.port, "/healthz")
        assert health.status_code == 200 and health.json()["ok"]
        assert (await get(service.status.port, "/metrics")).status_code in (404, 405)  # not served
