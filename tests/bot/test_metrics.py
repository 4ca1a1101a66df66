"""The metrics of one runtime: counters fed by the questions and the outbox, gauges read from the database at each
scrape, leadership from the runtime; one registry per runtime, nothing in prometheus-client's global one."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families

from bot.config import Settings
from bot.wiring import Runtime, build_runtime
from handlers.incoming import GROUP, IncomingMessage
from knowledge.base import KnowledgeBase
from schedules.messages import SendResult
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.schedules.conftest import UNLIMITED, RecordingSender


def scrape(runtime: Runtime) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of the runtime's /metrics text, by name and labels."""
    body, content_type = runtime.metrics.exposition()
    assert content_type.startswith("text/plain")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body.decode()) for sample in family.samples}


def value(samples: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM))


def make_runtime(tmp_path: Path, name: str, samples: KnowledgeBase, clock: FakeClock,
                 sender: RecordingSender) -> Runtime:
    settings = Settings(database_url=f"sqlite:///{tmp_path / name}", admins=["console:admin"])
    return build_runtime(settings, samples, {"console": sender}, clock, limits={"console": UNLIMITED})


@pytest.fixture
def runtime(tmp_path: Path, samples: KnowledgeBase, clock: FakeClock) -> Iterator[Runtime]:
    runtime = make_runtime(tmp_path, "bot.db", samples, clock, RecordingSender())
    yield runtime
    runtime.services.repository.engine.dispose()


def say(runtime: Runtime, clock: FakeClock, text: str, kind: str = "private") -> None:
    runtime.router.dispatch(IncomingMessage("console", "c1", "admin", text, clock(), chat_kind=kind))


def test_declined_questions_are_counted_by_platform_and_kind_of_chat(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "Hôm nay ăn gì?")
    say(runtime, clock, "giá vé xe buýt", kind=GROUP)
    say(runtime, clock, "chỉ tiêu ty le BHYT")  # answered: not counted
    samples = scrape(runtime)
    assert value(samples, "directive_bot_questions_declined_total", platform="console", chat_kind="private") == 1
    assert value(samples, "directive_bot_questions_declined_total", platform="console", chat_kind="group") == 1


def test_reminders_sent_and_their_lateness_and_the_outbox_gauges(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 25/11 Nộp báo cáo tổng kết")
    samples = scrape(runtime)
    assert value(samples, "directive_bot_outbox_messages", state="pending") == 0
    assert value(samples, "directive_bot_outbox_oldest_waiting_seconds") == 0
    clock.set(datetime(2026, 11, 24, 7, 31, 30, tzinfo=VIETNAM))  # the 1-day lead time was due at 07:30
    runtime.scheduler.planner.plan(clock())
    samples = scrape(runtime)
    assert value(samples, "directive_bot_outbox_messages", state="pending") == 1  # the 7-day lead was past at once
    assert value(samples, "directive_bot_outbox_oldest_waiting_seconds") == 90
    asyncio.run(runtime.scheduler.outbox.run_due())
    samples = scrape(runtime)
    assert value(samples, "directive_bot_reminders_sent_total", kind="lead") == 1
    assert value(samples, "directive_bot_outbox_sends_total", platform="console", kind="lead", outcome="sent") == 1
    assert value(samples, "directive_bot_reminder_lateness_seconds_count") == 1
    assert value(samples, "directive_bot_reminder_lateness_seconds_sum") == 90
    assert value(samples, "directive_bot_reminder_lateness_seconds_bucket", le="60.0") == 0
    assert value(samples, "directive_bot_reminder_lateness_seconds_bucket", le="300.0") == 1
    assert value(samples, "directive_bot_outbox_messages", state="pending") == 0
    assert value(samples, "directive_bot_outbox_messages", state="sent") == 1


def test_flood_control_in_the_outbox_is_counted(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 25/11 Nộp báo cáo tổng kết")
    clock.set(datetime(2026, 11, 24, 7, 30, tzinfo=VIETNAM))
    runtime.scheduler.planner.plan(clock())
    [item, *_] = runtime.services.repository.due(clock(), 10, ["console"])
    runtime.metrics.delivered(item, SendResult(False, retry_after=3), clock())
    runtime.metrics.delivered(item, SendResult(False, permanent=True), clock())
    samples = scrape(runtime)
    assert value(samples, "directive_bot_outbox_sends_total", platform="console", kind="lead",
                 outcome="rate_limited") == 1
    assert value(samples, "directive_bot_outbox_sends_total", platform="console", kind="lead", outcome="failed") == 1
    assert value(samples, "directive_bot_reminders_sent_total", kind="lead") == 0


def test_each_runtime_counts_apart_and_nothing_goes_to_the_global_registry(
    tmp_path: Path, samples: KnowledgeBase, clock: FakeClock
) -> None:
    first = make_runtime(tmp_path, "a.db", samples, clock, RecordingSender())
    second = make_runtime(tmp_path, "b.db", samples, clock, RecordingSender())
    first.metrics.update("telegram")
    first.metrics.rate_limited("zalo")
    assert value(scrape(first), "directive_bot_updates_total", platform="telegram") == 1
    assert value(scrape(first), "directive_bot_rate_limited_total", platform="zalo") == 1
    assert value(scrape(second), "directive_bot_updates_total", platform="telegram") == 0
    assert not [name for name in REGISTRY._names_to_collectors if name.startswith("directive_bot")]
    for runtime in (first, second):
        runtime.services.repository.engine.dispose()


def test_leadership_comes_from_the_runtime(runtime: Runtime) -> None:
    assert value(scrape(runtime), "directive_bot_leader") == 1  # one process: it leads
    runtime.leads = lambda: False
    assert value(scrape(runtime), "directive_bot_leader") == 0


def test_a_database_that_does_not_answer_is_a_gauge_not_a_failed_scrape(runtime: Runtime,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    assert value(scrape(runtime), "directive_bot_database_up") == 1

    def down() -> dict[str, int]:
        raise ConnectionError("database gone")

    monkeypatch.setattr(runtime.services.repository, "delivery_counts", down)
    samples = scrape(runtime)
    assert value(samples, "directive_bot_database_up") == 0
    assert ("directive_bot_outbox_messages", (("state", "pending"),)) not in samples


def test_counters_missing_from_a_fresh_scrape_until_their_first_event(runtime: Runtime) -> None:
    """Every series issue 11 names is scraped at 0 from the start for the runtime's platforms (an absent series
    looks like a broken exporter and makes rate() alerts silent), before any update, decline, 429 or reminder."""
    samples = scrape(runtime)
    for name, labels in [
        ("directive_bot_updates_total", {"platform": "console"}),
        ("directive_bot_replies_total", {"platform": "console", "outcome": "sent"}),
        ("directive_bot_replies_total", {"platform": "console", "outcome": "failed"}),
        ("directive_bot_answer_seconds_count", {"platform": "console"}),
        ("directive_bot_questions_declined_total", {"platform": "console", "chat_kind": "private"}),
        ("directive_bot_questions_declined_total", {"platform": "console", "chat_kind": "group"}),
        ("directive_bot_rate_limited_total", {"platform": "console"}),
        *[("directive_bot_reminders_sent_total", {"kind": kind}) for kind in ("lead", "overdue", "escalation",
                                                                             "snooze")],
    ]:
        key = (name, tuple(sorted(labels.items())))
        assert key in samples, f"{name}{labels} is not scraped"
        assert samples[key] == 0
