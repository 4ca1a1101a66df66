"""Keeping time: APScheduler jobs derived from the database rows, catch-up after downtime, the missed report."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, JobEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from schedules.broadcasts import Broadcasts
from schedules.digests import Digests
from schedules.outbox import Outbox
from schedules.planner import Planner
from schedules.reports import Reports
from schedules.repository import Repository

log = logging.getLogger(__name__)
OUTBOX_JOB, PLAN_JOB, THEMES_JOB, DIGEST_JOB = "outbox", "plan", "themes", "digest"
SEEN_FOR = timedelta(days=7)  # updates seen this long ago cannot come again
OFFERED_FOR = timedelta(days=30)  # an answer's buttons keep working this long


@dataclass
class Catchup:
    """What starting after downtime found: messages put back, sent late, or missed."""

    in_flight: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)


class Scheduler:
    """Drives planning and sending. The rows are the truth: jobs are rebuilt from them at every start."""

    def __init__(
        self,
        repository: Repository,
        planner: Planner,
        broadcasts: Broadcasts,
        outbox: Outbox,
        clock: Callable[[], datetime],
        zone: ZoneInfo,
        *,
        grace: timedelta,
        reports: Reports | None = None,
        digests: Digests | None = None,
        plan_every: timedelta = timedelta(minutes=1),
    ) -> None:
        self.repository = repository
        self.planner = planner
        self.broadcasts = broadcasts
        self.outbox = outbox
        self.clock = clock
        self.zone = zone
        self.grace = grace
        self.reports = reports or Reports(repository, [])
        self.digests = digests
        self.plan_every = plan_every
        self._jobs: AsyncIOScheduler | None = None
        self._sending: asyncio.Task[object] | None = None
        self._backlog: asyncio.Task[None] | None = None
        self._woken = False
        self._stopping = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pruned: datetime | None = None
        # Several workers on one database: while another worker leads, a wake-up (messages queued here) is sent
        # to it instead (schedules.leader.wake_leader); None in a single process.
        self.elsewhere: Callable[[], None] | None = None

    def catch_up(self, now: datetime) -> Catchup:
        """After a stop: resend what was in flight, send late what is within the grace period, report the rest."""
        report = self._recover(now)
        report.missed += self._plan_backlog(now)
        self.reports.collect(now)
        return report

    def _recover(self, now: datetime) -> Catchup:
        """The outbox after a stop: what was in flight goes back, what waited past the grace period is missed."""
        report = Catchup(in_flight=self.repository.reset_in_flight())
        report.missed += [
            {"kind": item.kind, "payload": item.payload, "chat_ref": item.chat.id, "not_before": item.meant_for}
            for item in self.repository.expire_overdue(now, self.grace)
        ]
        return report

    def _plan_backlog(self, now: datetime, saved: Callable[[], None] | None = None) -> list[dict[str, Any]]:
        """Plan what fell due while the bot was down (or was never planned); returns what was missed."""
        return self.planner.plan(now, wait=True, saved=saved).missed + self._plan_periodic(now)

    def _plan_due(self, now: datetime) -> list[dict[str, Any]]:
        """The minute's planning (left to a pass already under way); ends what waited past the grace period and
        reports whatever ended unsent; returns what was missed."""
        missed = self.planner.plan(now).missed + self._plan_periodic(now)
        self.repository.expire_overdue(now, self.grace, after_downtime=False)
        self.reports.collect(now)
        if self._pruned is None or now - self._pruned > timedelta(hours=1):
            self.repository.prune(now - SEEN_FOR, now - OFFERED_FOR)
            self.repository.forget_rates(now - timedelta(hours=1))  # fair use counts one minute
            if self.outbox.shared_pace is not None:
                self.outbox.shared_pace.forget_paces(3600)
            self._pruned = now
        return missed

    def _plan_periodic(self, now: datetime) -> list[dict[str, Any]]:
        """The month's theme and the week's digest, when their time is near."""
        missed = self.broadcasts.plan_themes(now)
        if self.digests is not None:
            self.digests.plan(now)
        return missed

    async def _catch_up_in_background(self, report: Catchup, now: datetime) -> None:
        """The planning part of the catch-up, in a worker thread: the bot answers and sends meanwhile."""
        try:
            loop = asyncio.get_running_loop()

            def batch_saved() -> None:
                """(From the worker thread) let the outbox send what the batch queued, without waiting for the rest."""
                loop.call_soon_threadsafe(self.wake)

            report.missed += await asyncio.to_thread(self._plan_backlog, now, batch_saved)
            await asyncio.to_thread(self.reports.collect, now)
        except Exception:
            log.exception("planning after start failed; the planning job tries again every minute")
        finally:
            self.wake()

    async def ready(self) -> None:
        """Wait until the planning begun at start is done."""
        if self._backlog is not None:
            await asyncio.wait([self._backlog])

    async def tick(self) -> int:
        """Plan and send what is due now (the jobs call this; tests and the console may too); a worker that does
        not lead only wakes the one that does."""
        if self.elsewhere is not None and self._jobs is None:
            await asyncio.to_thread(self.elsewhere)
            return 0
        await self.ready()
        if self._stopping:
            return 0  # shutdown began while this run waited
        now = self.clock()
        await asyncio.to_thread(self._plan_due, now)  # thousands of rows at times: off the event loop
        sent = await self.outbox.run_due()
        self.wake()
        return sent

    async def start(self) -> Catchup:
        """Start the jobs (planning every minute, the monthly theme, the outbox wake-up) after putting the outbox
        right; what fell due while the bot was down is planned in the background (`ready` waits for it)."""
        self.outbox.stopping = self._stopping = False
        self._loop = asyncio.get_running_loop()
        now = self.clock()
        report = await asyncio.to_thread(self._recover, now)  # (after a long downtime it may touch many rows)
        jobs = AsyncIOScheduler(timezone=self.zone)
        jobs.add_job(self.tick, IntervalTrigger(seconds=self.plan_every.total_seconds()), id=PLAN_JOB,
                     coalesce=True, max_instances=1, misfire_grace_time=None)
        moment = self.broadcasts.settings
        jobs.add_job(self.tick, CronTrigger(day=moment.day, hour=moment.at.hour, minute=moment.at.minute,
                                            timezone=self.zone),
                     id=THEMES_JOB, coalesce=True, max_instances=1, misfire_grace_time=None)
        if self.digests is not None:
            digest = self.digests.settings
            jobs.add_job(self.tick, CronTrigger(day_of_week=digest.weekday, hour=digest.at.hour,
                                                minute=digest.at.minute, timezone=self.zone),
                         id=DIGEST_JOB, coalesce=True, max_instances=1, misfire_grace_time=None)
        jobs.add_listener(self._skipped, EVENT_JOB_MAX_INSTANCES)
        jobs.start()
        self._jobs = jobs
        self.wake()
        self._backlog = asyncio.create_task(self._catch_up_in_background(report, now), name="catch-up")
        return report

    def wake(self) -> None:
        """(Re)schedule the outbox job at the next pending delivery's time (now if overdue); from another thread
        (a message handled off the event loop) the call is handed to the loop. A worker that does not lead wakes
        the leader."""
        if self._jobs is None:
            if self.elsewhere is not None:
                try:
                    self.elsewhere()
                except Exception:  # the leader's minute job finds the messages anyway
                    log.warning("could not wake the leading worker", exc_info=True)
            return
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                running = asyncio.get_running_loop()
            except RuntimeError:
                running = None
            if running is not loop:
                loop.call_soon_threadsafe(self.wake)
                return
        if self._sending is not None:
            self._woken = True  # the send job in progress looks again before it ends
            return
        due = self.repository.next_due_time(self.outbox.senders)
        if due is None:
            if self._jobs.get_job(OUTBOX_JOB):
                self._jobs.remove_job(OUTBOX_JOB)
            return
        at = max(due, self.clock())
        # Two instances: the job that scheduled this one may not be counted finished yet when it fires (its body
        # is over: `_send` sets `_sending` only while it works, so the two never send at the same time).
        self._jobs.add_job(self._send, DateTrigger(run_date=at), id=OUTBOX_JOB, replace_existing=True,
                           coalesce=True, max_instances=2, misfire_grace_time=None)

    def _skipped(self, event: JobEvent) -> None:
        """APScheduler skipped an outbox run (still busy): look again shortly rather than wait for the next tick."""
        if event.job_id == OUTBOX_JOB:
            asyncio.get_running_loop().call_later(0.1, self.wake)

    async def _send(self) -> None:
        """The outbox job: send until nothing is due now (a wake-up during a send means: look again)."""
        self._sending = asyncio.current_task()
        try:
            for _ in range(100):  # each pass moves every due row on (sent, failed or retried later)
                self._woken = False
                await self.outbox.run_due()
                due = self.repository.next_due_time(self.outbox.senders)
                if self.outbox.stopping or (not self._woken and (due is None or due > self.clock())):
                    break
        finally:
            self._sending = None
            self.wake()  # only a future time is left: the job is over by the time it fires

    @property
    def running(self) -> bool:
        """Whether the jobs are running (between start and stop)."""
        return self._jobs is not None and self._jobs.running

    def jobs(self) -> list[tuple[str, datetime | None]]:
        """The current jobs and their next run times."""
        if self._jobs is None:
            return []
        return [(job.id, job.next_run_time) for job in self._jobs.get_jobs()]

    async def stop(self) -> None:
        """Stop the jobs; sends under way finish, what they did not reach stays in the outbox for the next start."""
        self._stopping = True
        if self._jobs is not None:
            self._jobs.pause()
        self.planner.stopping = True  # the background planning ends after its current batch
        await self.ready()
        self.planner.stopping = False
        await self.outbox.stop()
        if self._sending is not None:
            await asyncio.wait([self._sending], timeout=5)
        if self._jobs is not None:
            self._jobs.shutdown(wait=False)
            self._jobs = None
