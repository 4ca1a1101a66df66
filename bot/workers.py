"""This process beside the others on one database: on SQLite it is the only one (a lock file refuses a second); on
PostgreSQL any number of workers answer, the one holding the advisory lock runs the scheduler and sends the outbox,
and the others wake it when they queue messages."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.wiring import Runtime
from schedules.leader import LeaderLock, Leadership, current_leader, wake_leader, worker_name
from schedules.process_lock import DatabaseBusy, ProcessLock

log = logging.getLogger(__name__)
IN_FLIGHT_WAIT = timedelta(seconds=3)  # a group's pace is one message every 3 s (20 a minute)


class WorkersError(Exception):
    """This process may not run the bot on this database (another one already does, on SQLite)."""


class Workers:
    """Starts the scheduler here when this process may run it: at once on SQLite (after taking the lock file), on
    PostgreSQL when this worker is elected; stops it when leadership is lost or on shutdown."""

    def __init__(self, runtime: Runtime, after_start: Callable[[], object] = lambda: None, *,
                 retry: float = 1.0) -> None:
        self.runtime = runtime
        self.after_start = after_start
        self.name = worker_name()
        engine = runtime.services.repository.engine
        self.engine = engine
        self.shared = engine.dialect.name == "postgresql"
        database = engine.url.database
        self.file_lock = (ProcessLock(Path(database)) if engine.dialect.name == "sqlite" and database
                          and database != ":memory:" else None)
        self.leadership: Leadership | None = None
        runtime.leads = lambda: self.leading  # what /metrics reports
        if self.shared:
            runtime.scheduler.elsewhere = lambda: wake_leader(engine)
            self.leadership = Leadership(LeaderLock(engine, self.name), elected=self._elected,
                                         deposed=self._deposed, woken=runtime.scheduler.wake, retry=retry)

    def claim(self) -> None:
        """On SQLite, refuse to run beside another process (WorkersError says what to do)."""
        if self.file_lock is not None:
            try:
                self.file_lock.acquire()
            except DatabaseBusy as error:
                raise WorkersError(str(error)) from None

    async def start(self) -> None:
        """Run the scheduler here (one process), or begin campaigning for it (several workers)."""
        if self.runtime.knowledge_watch is not None:  # documents ingested by other workers or the command line
            await self.runtime.knowledge_watch.start()
        if self.leadership is None:
            await self._elected()
        else:
            self.leadership.start()

    async def _elected(self) -> None:
        if self.shared:  # taking over from a worker that may have died mid-send: its messages in flight repeat
            until = self.runtime.scheduler.clock() + IN_FLIGHT_WAIT  # once the chat's pace allows
            await asyncio.to_thread(self.runtime.services.repository.reset_in_flight, until)
        await self.runtime.scheduler.start()
        self.after_start()

    async def _deposed(self) -> None:
        await self.runtime.scheduler.stop()

    @property
    def leading(self) -> bool:
        """Whether this process runs the scheduler and sends the outbox."""
        return self.leadership.leading if self.leadership is not None else self.runtime.scheduler.running

    def health(self) -> dict[str, Any]:
        """Who leads: this worker's name, whether it leads, and (several workers) the leader the database names."""
        report: dict[str, Any] = {"worker": self.name, "leading": self.leading}
        if self.leadership is not None:
            try:
                report["leader"] = current_leader(self.engine)
            except Exception as error:  # the database is down: the report says so without failing
                report["leader_error"] = type(error).__name__
            if self.leadership.waited is not None and self.leading:
                report["waited_seconds"] = round(self.leadership.waited, 1)
        else:
            report["leader"] = self.name if self.leading else None
        return report

    async def stop(self) -> None:
        """Stop campaigning, let the scheduler finish its sends, then let another worker lead."""
        if self.leadership is not None:
            await self.leadership.stop()
        if self.runtime.knowledge_watch is not None:
            await self.runtime.knowledge_watch.stop()
        await self.runtime.scheduler.stop()
        if self.leadership is not None:
            await asyncio.to_thread(self.leadership.release)

    def release(self) -> None:
        """Let another process run the bot on this SQLite file."""
        if self.file_lock is not None:
            self.file_lock.release()
