"""Which worker runs the scheduler and sends the outbox when several share one PostgreSQL: the one holding a
session-level advisory lock on a connection of its own. The lock goes with the connection, so a leader that dies
(even killed) lets it go and another worker takes over within seconds; the others are woken through NOTIFY."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)
LOCK_KEY = 0x6469_7265_6374_6976  # "directiv": one leader per database (advisory locks are per database)
WAKE_CHANNEL = "directive_bot_wake"  # a follower that queued messages wakes the leader's outbox
# TCP keepalives on the leader's connection, both ends: a leader whose machine vanished without closing its
# connection is dropped by the server after about idle + interval × count = 5 + 2 × 3 = 11 s, which frees the lock
# in time for a follower (trying every second) to take over within 15 s.
KEEPALIVE = {"keepalives": 1, "keepalives_idle": 5, "keepalives_interval": 2, "keepalives_count": 3}
SERVER_KEEPALIVE = {"tcp_keepalives_idle": "5", "tcp_keepalives_interval": "2", "tcp_keepalives_count": "3",
                    "tcp_user_timeout": "10000"}


def worker_name() -> str:
    """This process as other workers and /healthz see it: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"[:63]


class LeaderLock:
    """The advisory lock on a dedicated PostgreSQL connection (never one of the pool's), which also listens for
    wake-ups. Blocking calls: run them in a worker thread."""

    def __init__(self, engine: Engine, name: str | None = None) -> None:
        self.name = name or worker_name()
        self._engine = create_engine(engine.url, poolclass=NullPool, connect_args=dict(KEEPALIVE))
        self._raw: Any = None

    @property
    def _driver(self) -> Any:
        """The psycopg connection, opened (autocommit, named, with keepalives) when there is none."""
        if self._raw is None:
            raw = self._engine.raw_connection()
            try:
                driver = raw.driver_connection
                assert driver is not None
                driver.autocommit = True
                with driver.cursor() as cursor:
                    cursor.execute("SELECT set_config('application_name', %s, false)", (f"directive-bot {self.name}",))
                    for setting, value in SERVER_KEEPALIVE.items():
                        cursor.execute("SELECT set_config(%s, %s, false)", (setting, value))
            except Exception:
                raw.close()
                raise
            self._raw = raw
        return self._raw.driver_connection

    def try_take(self) -> bool:
        """Take the lock if no other session holds it; then listen for wake-ups. Errors close the connection."""
        try:
            driver = self._driver
            with driver.cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", (LOCK_KEY,))
                row = cursor.fetchone()
                taken = bool(row and row[0])
                if taken:
                    cursor.execute(f"LISTEN {WAKE_CHANNEL}")
            return taken
        except Exception:
            self.release()
            raise

    def wait(self, timeout: float) -> int:
        """Check the connection (an error means the lock may be gone), then wait up to `timeout` seconds for
        wake-ups; returns how many came."""
        driver = self._driver
        with driver.cursor() as cursor:
            cursor.execute("SELECT 1")
        came = sum(1 for _ in driver.notifies(timeout=timeout, stop_after=1))  # back at the first one
        return came + sum(1 for _ in driver.notifies(timeout=0.0)) if came else 0  # and those that came with it

    def release(self) -> None:
        """Close the connection: the lock, if held, goes with it."""
        raw, self._raw = self._raw, None
        if raw is not None:
            try:
                raw.close()
            except Exception:  # the connection is already broken: closing it has nothing left to do
                log.debug("closing the leader connection failed", exc_info=True)

    def dispose(self) -> None:
        """Release and drop the dedicated engine."""
        self.release()
        self._engine.dispose()


def wake_leader(engine: Engine) -> None:
    """Tell the leader (whichever worker it is) that messages were queued."""
    with engine.begin() as connection:
        connection.execute(text("SELECT pg_notify(:channel, '')"), {"channel": WAKE_CHANNEL})


def current_leader(engine: Engine) -> str | None:
    """The worker holding the lock ("host:pid"), from the server's view of its sessions; None when none does."""
    high, low = (LOCK_KEY >> 32) & 0xFFFFFFFF, LOCK_KEY & 0xFFFFFFFF
    with engine.connect() as connection:
        name = connection.scalar(text(
            "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :high AND l.objid::bigint = :low "
            "AND l.objsubid = 1 LIMIT 1"), {"high": high, "low": low})
    return None if name is None else str(name).removeprefix("directive-bot ")


class Leadership:
    """Campaigns for the lock until stopped: when it is taken, `elected` runs (start the scheduler); when the
    connection holding it is lost, `deposed` runs (stop sending at once) and the campaign goes on; a wake-up
    from another worker calls `woken`."""

    def __init__(self, lock: LeaderLock, *, elected: Callable[[], Awaitable[None]],
                 deposed: Callable[[], Awaitable[None]], woken: Callable[[], None], retry: float = 1.0,
                 listen: float = 1.0) -> None:
        self.lock = lock
        self.elected = elected
        self.deposed = deposed
        self.woken = woken
        self.retry = retry
        self.listen = listen
        self.leading = False
        self.since: float | None = None  # time.time() when this worker took the lead
        self.waited: float | None = None  # seconds between the start of the campaign and the lead
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        # Its own thread: the leader waits for wake-ups a second at a time, which must not take one of the
        # threads the outbox and the answers use.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="leadership")
        self._failing = ""  # the last error told, so that a database that stays down is not logged every second

    async def _call(self, function: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._thread, function, *args)

    def start(self) -> None:
        """Begin campaigning in the background."""
        self._stopping = False
        self._task = asyncio.create_task(self._campaign(), name="leadership")

    async def _campaign(self) -> None:
        began = time.monotonic()
        while not self._stopping:
            if not self.leading:
                try:
                    taken = await self._call(self.lock.try_take)
                    self._failing = ""
                except Exception as error:
                    if str(error) != self._failing:
                        log.warning("leadership: the database could not be asked (%s); trying every %g s",
                                    error, self.retry)
                    self._failing, taken = str(error), False
                if taken and not self._stopping:
                    await self._lead(began)
                elif not self._stopping:
                    await asyncio.sleep(self.retry)
                continue
            try:
                if await self._call(self.lock.wait, self.listen):
                    self.woken()
            except Exception as error:
                log.error("leadership lost: the connection holding the lock failed (%s); sending stops", error)
                await self._step_down()
                began = time.monotonic()

    async def _lead(self, began: float) -> None:
        self.leading, self.since, self.waited = True, time.time(), time.monotonic() - began
        log.info("leadership: this worker (%s) leads: it runs the scheduler and sends the outbox (waited %.1f s)",
                 self.lock.name, self.waited)
        try:
            await self.elected()
        except Exception:
            log.exception("leadership: starting the scheduler failed; letting another worker lead")
            await self._step_down()
            await asyncio.sleep(self.retry)

    async def _step_down(self) -> None:
        self.leading, self.since = False, None
        try:
            await self.deposed()
        finally:
            self.lock.release()

    async def stop(self) -> None:
        """End the campaign (the lock stays held until `release`, so the scheduler can finish its sends first)."""
        self._stopping = True
        if self._task is not None:
            await asyncio.wait([self._task])
            self._task = None

    def release(self) -> None:
        """Let another worker lead (after the scheduler stopped)."""
        self.leading, self.since = False, None
        self.lock.dispose()
        self._thread.shutdown(wait=False)
