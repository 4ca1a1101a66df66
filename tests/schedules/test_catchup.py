"""After downtime: late within the grace period, missed (and reported) beyond it; jobs rebuilt from the rows."""

from __future__ import annotations

import asyncio
import threading
from datetime import datetime, timedelta
from typing import Any

import pytest

from bot.config import Settings
from bot.wiring import Runtime, build_runtime
from handlers import wording
from knowledge.base import KnowledgeBase
from schedules.planner import PlanResult
from schedules.repository import PlanRow, Repository
from schedules.scheduler import OUTBOX_JOB, PLAN_JOB, THEMES_JOB
from tests.clock import FakeClock
from tests.schedules.conftest import UNLIMITED, RecordingSender
from tests.schedules.test_reminder_flow import local, say, tick_at


def restart(repository: Repository, clock: FakeClock, samples: KnowledgeBase) -> tuple[Runtime, RecordingSender]:
    """A new process on the same database: fresh objects, only the rows survive."""
    sender = RecordingSender()
    settings = Settings(admins=["console:admin"], database_url="sqlite://")
    runtime = build_runtime(settings, samples, {"console": sender}, clock, repository=repository,
                            limits={"console": UNLIMITED})
    return runtime, sender


def test_a_reminder_missed_by_hours_is_sent_late(runtime: Runtime, clock: FakeClock, repository: Repository,
                                                 samples: KnowledgeBase) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    clock.set(local(28, 11, hour=10, minute=30))  # the 7-day message was due at 07:30 while the bot was down
    later, sender = restart(repository, clock, samples)
    report = later.scheduler.catch_up(clock())
    assert report.missed == []
    asyncio.run(later.scheduler.tick())
    [text] = sender.texts()
    assert text.startswith("⏰ (Gửi muộn) Còn 7 ngày: Nộp báo cáo quý")


def test_older_misses_are_recorded_and_reported_to_admins(runtime: Runtime, clock: FakeClock,
                                                          repository: Repository, samples: KnowledgeBase) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    clock.set(local(30, 11, hour=9))  # two days after the 7-day message
    later, sender = restart(repository, clock, samples)
    report = later.scheduler.catch_up(clock())
    assert len(report.missed) == 1
    asyncio.run(later.scheduler.tick())
    [(chat, message)] = sender.sent
    assert chat.chat_id == "admin"
    assert message.text.startswith("⚠️ Trong lúc bot ngừng chạy, 1 tin không gửi kịp")
    assert "Nộp báo cáo quý" in message.text
    assert repository.delivery_counts().get("missed") == 1
    clock.set(local(4, 12, hour=7, minute=30))
    asyncio.run(later.scheduler.tick())
    assert sender.texts()[-1].startswith("⏰ Còn 1 ngày")  # the later lead times still come on time


def test_the_monthly_theme_after_downtime(runtime: Runtime, clock: FakeClock, repository: Repository,
                                          samples: KnowledgeBase) -> None:
    say(runtime, clock, "/dangky")
    clock.set(local(1, 12, hour=15))
    later, sender = restart(repository, clock, samples)
    later.scheduler.catch_up(clock())
    asyncio.run(later.scheduler.tick())
    [text] = sender.texts()
    assert text.startswith("📢 Chủ đề tuyên truyền tháng 12/2026:")  # seven hours late, within the grace period
    clock.set(local(2, 1, 2027, hour=9))  # January's theme was due 25 hours ago
    again, sender = restart(repository, clock, samples)
    report = again.scheduler.catch_up(clock())
    assert [row["kind"] for row in report.missed] == ["theme"]


def test_messages_in_flight_at_a_crash_are_sent_again(runtime: Runtime, clock: FakeClock, repository: Repository,
                                                      samples: KnowledgeBase) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    clock.set(local(28, 11, hour=7, minute=30))
    runtime.scheduler.planner.plan(clock())
    [item] = repository.due(clock(), 10, ["console"])
    assert repository.claim(item.id)  # the process is killed right after marking it "sending"
    later, sender = restart(repository, clock, samples)
    assert later.scheduler.catch_up(clock()).in_flight == 1
    asyncio.run(later.scheduler.tick())
    assert len(sender.sent) == 1


@pytest.mark.asyncio
async def test_jobs_are_derived_from_the_rows_at_start(runtime: Runtime, clock: FakeClock) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    await runtime.scheduler.start()
    try:
        jobs = dict(runtime.scheduler.jobs())
        assert {PLAN_JOB, THEMES_JOB} <= set(jobs) and OUTBOX_JOB not in jobs  # nothing is due soon
        assert jobs[THEMES_JOB] == local(1, 12, hour=8)
        clock.set(local(28, 11, hour=7, minute=25))
        await runtime.scheduler.tick()  # what the planning job does every minute
        assert dict(runtime.scheduler.jobs())[OUTBOX_JOB] == local(28, 11, hour=7, minute=30)
    finally:
        await runtime.scheduler.stop()


@pytest.mark.asyncio
async def test_start_leaves_the_backlog_to_the_background(runtime: Runtime, clock: FakeClock,
                                                          repository: Repository, samples: KnowledgeBase) -> None:
    say(runtime, clock, "/nhac 05/12 Nộp báo cáo quý")
    clock.set(local(30, 11, hour=9))  # the 7-day message was missed while the bot was down
    later, sender = restart(repository, clock, samples)
    gate, plan = threading.Event(), later.scheduler.planner.plan

    def slow_plan(now: datetime, **options: Any) -> PlanResult:
        """A planning pass that waits for the test to let it go."""
        gate.wait(5)
        return plan(now, **options)

    later.scheduler.planner.plan = slow_plan  # type: ignore[method-assign]
    await later.scheduler.start()
    try:
        waiting = asyncio.ensure_future(later.scheduler.ready())
        done, _ = await asyncio.wait([waiting], timeout=0.1)
        assert not done  # start returned while the planning still waits
        gate.set()
        await waiting
        assert repository.delivery_counts().get("missed") == 1
        await later.scheduler.tick()
        [(chat, message)] = sender.sent
        assert chat.chat_id == "admin" and "Nộp báo cáo quý" in message.text
    finally:
        gate.set()
        await later.scheduler.stop()


def test_a_planning_pass_told_to_stop_ends_after_its_batch(runtime: Runtime, clock: FakeClock,
                                                           repository: Repository) -> None:
    for day in (5, 6, 7):
        say(runtime, clock, f"/nhac {day:02d}/12 Nộp báo cáo ngày {day}")
    planner, batches = runtime.scheduler.planner, []
    planner.batch, planner.stopping = 1, True
    horizon = clock() + planner.settings.horizon + timedelta(days=30)
    assert len(repository.occurrences_to_plan(horizon)) == 3
    planner.plan(horizon, saved=lambda: batches.append(len(repository.occurrences_to_plan(horizon))))
    assert batches == [2]  # one batch, then it stopped
    planner.stopping = False
    planner.plan(horizon, saved=lambda: batches.append(len(repository.occurrences_to_plan(horizon))))
    assert batches == [2, 1, 0]  # each batch is stored (and announced) before the next is read


def test_a_reminder_cancelled_while_a_pass_plans_it_stays_cancelled(
        runtime: Runtime, clock: FakeClock, repository: Repository, sender: RecordingSender,
        monkeypatch: pytest.MonkeyPatch) -> None:
    say(runtime, clock, "/nhac hằng tháng ngày 20 Báo cáo tháng")
    clock.set(local(21, 12, hour=9))  # December's is past due: a pass closes it and opens January's
    read = repository.occurrences_to_plan

    def read_then_cancel(until: datetime, limit: int = 5000) -> list[PlanRow]:
        """The pass has read its batch when a user cancels the reminder."""
        rows = read(until, limit)
        say(runtime, clock, "/huynhac 1")
        return rows

    monkeypatch.setattr(repository, "occurrences_to_plan", read_then_cancel)
    runtime.scheduler.planner.plan(clock())
    monkeypatch.undo()
    assert say(runtime, clock, "/dsnhac")[0].text == wording.NO_REMINDERS
    assert repository.occurrences_to_plan(clock() + timedelta(days=400)) == []
    assert tick_at(runtime, clock, local(13, 1, 2027, hour=7, minute=30)) == 0
    assert sender.sent == []
