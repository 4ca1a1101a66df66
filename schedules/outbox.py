"""Sending from the outbox: rate limits per platform and chat, retries with backoff, blocked and moved chats."""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from aiolimiter import AsyncLimiter

from schedules.messages import ChatRef, Reply, Sender, SendResult
from schedules.pace_store import PaceStore
from schedules.repository import OutboxItem, Repository

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(minutes=5)  # the longest a message waits between two tries
OUTAGE_AFTER = 3  # failures in a row, with no success between, that say the platform itself is down
OUTAGE_BACKOFF = (timedelta(seconds=10), timedelta(minutes=2))  # first and longest pause of a platform that is down
DEFAULT_GRACE = timedelta(hours=12)

Render = Callable[[OutboxItem], Reply | None]
Watch = Callable[[OutboxItem, SendResult, datetime], None]  # told what the platform answered to each send
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Limits:
    """A platform's sending limits: overall per second, per group per minute, per chat per second."""

    per_second: float = 29.0
    per_group_per_minute: int = 20
    per_chat_per_second: float = 1.0


class _Pacer:
    """One send every `interval` seconds on average (GCRA): a send may go up to half an interval early to make up
    for a late wake-up of the one before, so the rate holds on a busy event loop and no second ever takes more
    than one extra send."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.tolerance = interval / 2
        self._next = 0.0  # the theoretical time of the next send
        self._turn = asyncio.Lock()  # first come, first served

    async def acquire(self) -> None:
        """Wait for this send's slot."""
        async with self._turn:
            loop = asyncio.get_running_loop()
            wait = self._next - self.tolerance - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            self._next = max(self._next, loop.time()) + self.interval


class _SharedPacer:
    """A pace kept in the database (PostgreSQL), so that every worker's sends to a platform or a chat count
    together: each send reserves the next slot, in the order asked, and waits for it."""

    def __init__(self, store: PaceStore, key: str, interval: float, early: float = 0.0) -> None:
        self.store = store
        self.key = key
        self.interval = interval
        self.early = early  # as _Pacer's tolerance: up to this much ahead of its slot

    async def acquire(self) -> None:
        """Wait for this send's slot."""
        wait = await asyncio.to_thread(self.store.reserve, self.key, self.interval) - self.early
        if wait > 0:
            await asyncio.sleep(wait)


class _Limiters:
    """The overall pace of a platform, and spaced limiters per chat and per group per minute (in the database when
    several workers share it)."""

    def __init__(self, limits: Limits, shared: PaceStore | None = None, platform: str = "") -> None:
        self.limits = limits
        self.shared = shared
        self.platform = platform
        interval = 1 / limits.per_second
        self.overall: _Pacer | _SharedPacer = (_Pacer(interval) if shared is None else
                                               _SharedPacer(shared, platform, interval, interval / 2))
        self._chats: OrderedDict[str, list[AsyncLimiter]] = OrderedDict()

    def for_chat(self, chat_id: str, group: bool) -> list[AsyncLimiter] | list[_SharedPacer]:
        if self.shared is not None:  # one row per chat: its own pace, a group's per-minute pace if slower
            interval = 1 / self.limits.per_chat_per_second
            if group:
                interval = max(interval, 60 / self.limits.per_group_per_minute)
            return [_SharedPacer(self.shared, f"{self.platform}:{chat_id}", interval)]
        limiters = self._chats.get(chat_id)
        if limiters is None:
            limiters = [AsyncLimiter(1, 1 / self.limits.per_chat_per_second)]
            if group:
                limiters.append(AsyncLimiter(1, 60 / self.limits.per_group_per_minute))
            self._chats[chat_id] = limiters
            while len(self._chats) > 10000:
                self._chats.popitem(last=False)
        else:
            self._chats.move_to_end(chat_id)
        return limiters


class Outbox:
    """Delivers due outbox rows through the platforms' Senders, once each, within their limits: at least once.

    A row is marked "sending" (committed) before the platform is called and "sent" after; a process killed
    in between leaves it "sending", and `Repository.reset_in_flight` puts it back: at most the messages in
    flight are sent twice, none is lost. A send that fails for a passing reason (network, 5xx, 429, a timeout
    after the request went out) waits and is tried again, with a capped backoff, until it goes or its grace period
    ends ("expired", reported); only a refusal for good (blocked, chat gone, message refused) ends it early. After
    several failures in a row the platform is taken as down: its messages wait, untried, while it is probed.
    """

    def __init__(
        self,
        repository: Repository,
        senders: Mapping[str, Sender],
        render: Render,
        clock: Clock,
        *,
        limits: Mapping[str, Limits] | None = None,
        concurrency: int = 16,
        grace: timedelta = DEFAULT_GRACE,
        shared_pace: PaceStore | None = None,
    ) -> None:
        self.repository = repository
        self.senders = dict(senders)
        self.render = render
        self.clock = clock
        self.grace = grace
        self._failures: dict[str, int] = {}  # transient failures in a row, per platform
        self._down_until: dict[str, datetime] = {}  # a platform taken as down: its messages wait until then
        self._limits = {platform: (limits or {}).get(platform, Limits()) for platform in self.senders}
        self.shared_pace = shared_pace  # several workers: the pace lives in the database
        self._concurrency_limit = concurrency
        self._loop: asyncio.AbstractEventLoop | None = None
        self._limiters: dict[str, _Limiters] = {}
        self._concurrency = asyncio.Semaphore(concurrency)
        self._paused_until: dict[str, float] = {}
        self._pass = asyncio.Lock()
        self._waiting: set[asyncio.Task[object]] = set()  # deliveries not claimed yet: stop() may cancel them
        self.sent = 0
        self.watch: Watch | None = None  # the metrics, when the bot runs
        self.stopping = False  # set on shutdown: sends under way finish, nothing new starts

    async def run_due(self, batch: int = 500) -> int:
        """Send everything that is due now; returns how many messages went out. Calls made while a pass is running
        wait for it, then make their own (so nothing queued meanwhile waits for the next wake-up)."""
        self._own_loop()
        async with self._pass:
            sent_before = self.sent
            while True:
                items = await asyncio.to_thread(self.repository.due, self.clock(), batch, list(self.senders))
                if not items:
                    break
                results = await asyncio.gather(*(self._deliver(item) for item in items), return_exceptions=True)
                for result in results:
                    if isinstance(result, Exception):
                        log.error("outbox: a delivery failed unexpectedly", exc_info=result)
                if len(items) < batch or self.stopping:
                    break
            return self.sent - sent_before

    def _own_loop(self) -> None:
        """Limiters, locks and semaphores belong to one event loop: a new loop (a restart, a test) gets new ones."""
        loop = asyncio.get_running_loop()
        if loop is not self._loop:
            self._loop = loop
            self._limiters = {platform: _Limiters(limits, self.shared_pace, platform)
                              for platform, limits in self._limits.items()}
            self._concurrency = asyncio.Semaphore(self._concurrency_limit)
            self._pass = asyncio.Lock()
            self._paused_until = {}

    async def pace(self, platform: str, chat_id: str, group: bool) -> None:
        """Wait for a slot to answer a user directly: the same limits as the outbox's own sends, so that a
        reply during a broadcast never goes over the platform's rate."""
        if platform not in self._limits:
            return
        self._own_loop()
        limiters = self._limiters[platform]
        for limiter in limiters.for_chat(chat_id, group):
            await limiter.acquire()
        await self._wait_turn(platform, limiters.overall)

    def down(self) -> dict[str, datetime]:
        """Platforms taken as down, and until when their messages wait."""
        now = self.clock()
        return {platform: until for platform, until in self._down_until.items() if until > now}

    async def stop(self, timeout: float = 30.0) -> None:
        """Start nothing new; wait (up to `timeout` s) for the sends under way. The rest stays in the outbox."""
        self.stopping = True
        if self._loop is asyncio.get_running_loop():
            for task in list(self._waiting):  # still waiting for their chat's turn: nothing of theirs is under way
                task.cancel()
            try:
                await asyncio.wait_for(self._pass.acquire(), timeout)
            except TimeoutError:
                log.warning("outbox: sends still under way after %.0f s; they will be retried at the next start",
                            timeout)
            else:
                self._pass.release()

    @staticmethod
    async def _send(sender: Sender, chat: ChatRef, reply: Reply) -> SendResult:
        """One send; a Sender that raises (a bug, not an answer of the platform) is a failure to retry later."""
        try:
            return await sender.send(chat, reply)
        except Exception as error:
            log.exception("sending to %s:%s raised", chat.platform, chat.chat_id)
            return SendResult(False, detail=f"{type(error).__name__}: {error}")

    async def _wait_turn(self, platform: str, overall: _Pacer | _SharedPacer) -> None:
        """Wait out a flood-control pause, then take a slot of the platform's overall rate (again if a pause began
        while waiting for it, so nothing goes out during a pause)."""
        loop = asyncio.get_running_loop()
        while True:
            pause = self._paused_until.get(platform, 0.0) - loop.time()
            if pause > 0:
                await asyncio.sleep(pause)
            await overall.acquire()
            if self._paused_until.get(platform, 0.0) <= loop.time():
                return

    async def _deliver(self, item: OutboxItem) -> None:
        if self.stopping:
            return
        task = asyncio.current_task()
        assert task is not None
        self._waiting.add(task)
        try:
            await self._send_one(item, task)
        finally:
            self._waiting.discard(task)

    def _skip(self, delivery_id: int) -> None:
        """A row with nothing left to say (confirmed, cancelled): closed without a send."""
        if self.repository.claim(delivery_id):
            self.repository.finish(delivery_id, "skipped", self.clock())

    async def _send_one(self, item: OutboxItem, task: asyncio.Task[object]) -> None:
        try:
            reply = await asyncio.to_thread(self.render, item)  # rendering reads the database: off the event loop
        except Exception as error:
            log.exception("rendering outbox row %s (%s) failed", item.id, item.key)
            if self.repository.claim(item.id):
                self.repository.finish(item.id, "failed", self.clock(), error=f"render: {error}")
            return
        if reply is None:
            await asyncio.to_thread(self._skip, item.id)
            return
        sender = self.senders[item.chat.platform]  # `due` only returns rows for running platforms
        limiters = self._limiters[item.chat.platform]
        # The chat's own limits first, without holding a sending slot: a busy group must not hold up the others.
        for limiter in limiters.for_chat(item.chat.chat_id, item.chat.kind == "group"):
            await limiter.acquire()
        async with self._concurrency:
            self._waiting.discard(task)
            down = self._down_until.get(item.chat.platform)
            if down is not None and down > self.clock():
                await asyncio.to_thread(self.repository.defer, item.id, down)  # untried: not an attempt
                return
            # Claimed (in a worker thread, leaving the event loop to keep the pace) before its turn, so that the
            # pacer is the last thing between two sends; on shutdown an unsent claim goes back to pending.
            if self.stopping or not await asyncio.to_thread(self.repository.claim, item.id):
                return
            await self._wait_turn(item.chat.platform, limiters.overall)
            if self.stopping:
                await asyncio.to_thread(self.repository.release, item.id)
                return
            result = await self._send(sender, ChatRef(item.chat.platform, item.chat.chat_id), reply)
            if result.migrated_to:
                # The group became a supergroup: the same chat row (and its subscriptions) moves to the new id.
                self.repository.migrate_chat(item.chat.id, result.migrated_to)
                result = await self._send(sender, ChatRef(item.chat.platform, result.migrated_to), reply)
            await self._record(item, result)

    async def _record(self, item: OutboxItem, result: SendResult) -> None:
        """Write down what the platform said: sent, refused for good (the chat made inactive when it is gone), or
        to try again later, until the grace period is over."""
        now, platform = self.clock(), item.chat.platform
        if self.watch is not None:
            self.watch(item, result, now)
        if result.ok:
            self._failures[platform] = 0
            self._down_until.pop(platform, None)
            await asyncio.to_thread(self.repository.finish, item.id, "sent", now, message_id=result.message_id)
            self.sent += 1
        elif result.permanent:
            log.warning("chat %s:%s unreachable: %s", platform, item.chat.chat_id, result.detail)
            self.repository.finish(item.id, "failed", now, error=result.detail)
            self.repository.set_active(item.chat.id, False, result.detail)
        elif result.rejected:
            self.repository.finish(item.id, "failed", now, error=result.detail)
        elif result.retry_after:
            # Flood control is per bot: hold every send to this platform, not only this one; and it is not the
            # message's fault, so it does not count as an attempt.
            until = asyncio.get_running_loop().time() + result.retry_after
            self._paused_until[platform] = max(self._paused_until.get(platform, 0), until)
            if self.shared_pace is not None:  # every worker holds its sends to this platform too
                await asyncio.to_thread(self.shared_pace.hold, platform, result.retry_after)
            await asyncio.to_thread(self.repository.finish, item.id, "pending", now, error=result.detail,
                                    retry_at=now + timedelta(seconds=result.retry_after), not_an_attempt=True)
        else:
            failures = self._failures[platform] = self._failures.get(platform, 0) + 1
            if failures >= OUTAGE_AFTER:
                pause = min(OUTAGE_BACKOFF[1], OUTAGE_BACKOFF[0] * 2 ** min(failures - OUTAGE_AFTER, 16))
                self._down_until[platform] = max(self._down_until.get(platform, now), now + pause)
                if failures == OUTAGE_AFTER:
                    log.warning("%s looks down (%s): its messages wait and are retried", platform, result.detail)
            retry = now + min(MAX_BACKOFF, timedelta(seconds=2 ** min(item.attempts + 1, 16)))
            if retry > item.meant_for + self.grace:
                log.warning("outbox row %s (%s) expired after %d attempts: %s", item.id, item.key,
                            item.attempts + 1, result.detail)
                await asyncio.to_thread(self.repository.finish, item.id, "expired", now, error=result.detail)
            else:
                await asyncio.to_thread(self.repository.finish, item.id, "pending", now, error=result.detail,
                                        retry_at=retry)
