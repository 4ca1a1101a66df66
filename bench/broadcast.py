"""Broadcast to 1,000 chats through a fake Telegram that enforces its flood limits: messages per second achieved.

Run: python bench/broadcast.py [--chats 1000] [--groups 700] [--latency 0.03] [--jitter 0] [--faulty-chats 200]
     [--fail-every 50] [--outage-chats 200] [--live] [--database-url URL]
     python bench/broadcast.py --workers 3 --database-url postgresql+psycopg://… (bench/broadcast_workers.py: the
     broadcast sent by that many `python -m bot run` processes, then again with the leader killed half way)
Setup, through the real router and services: a Runtime as `python -m bot run` would build it (build_runtime with
the Telegram limits of the shipped config.yaml via limits_of, a real clock), `--chats` Telegram chats (`--groups`
of them groups, the rest private) each send /dangky (a group's admin, a private chat's user), then a deployment
admin sends /phatthong and presses "Gửi" (Broadcasts.draft + Broadcasts.confirm: one outbox row per chat).
Then, timed: `scheduler.start()`, whose catch-up wakes the outbox job, and the scheduler's own jobs until no row is
pending. With --live the scheduler is started before the chats subscribe, as in production, and nothing but its
own jobs runs after the confirmation.
The fake Telegram applies tests/fakes/_limits.SendLimiter (30/s overall, 1/s per chat, 20/min per group, sliding
windows) when a request arrives (--latency/2 after the call, plus up to --jitter; the answer takes another
--latency/2): a send over a limit answers retry_after and is counted "rejected by the limits".
Rate = (accepted sends − 1) / (last accepted send − first). Lost = chats without the broadcast, duplicates = chats
that got it more than once. The database calls the outbox makes (in worker threads) are timed.
A second run (--faulty-chats, a fresh database) has the fake answer every --fail-every-th request with
retry_after=1 (flood control) to show each chat still gets the broadcast exactly once; it also counts requests that
arrived while an announced retry_after was running (real Telegram would refuse those too).
A third run (--outage-chats, bench/outage.py) confirms a broadcast just as the platform starts answering 502 to
every send, for ten minutes of fake time (the scheduler's minute job driven every 30 s), then recovers: every chat
must get it once, soon after.
A --database-url database is emptied before each run.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.broadcast_workers import workers_benchmark  # noqa: E402
from bench.outage import broadcast_outage  # noqa: E402
from bot.config import Settings, load_settings  # noqa: E402
from bot.wiring import Runtime, build_runtime, limits_of, open_repository  # noqa: E402
from handlers import wording  # noqa: E402
from handlers.incoming import GROUP, PRIVATE, IncomingMessage  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from schedules.messages import ChatRef, Reply, SendResult  # noqa: E402
from schedules.models import Base  # noqa: E402
from schedules.repository import Repository, make_engine  # noqa: E402
from tests.fakes._limits import SendLimiter  # noqa: E402

TELEGRAM = "telegram"
ADMIN = "4242"  # a deployment admin (telegram:4242) writing from their own private chat, itself subscribed
MESSAGE = "Họp giao ban trực tuyến lúc 8h00 sáng thứ Hai; các đơn vị chuẩn bị báo cáo tuần"
OUTBOX_CALLS = ("due", "claim", "finish", "next_due_time")


@dataclass
class FakeTelegram:
    """The Bot API as the outbox sees it: Telegram's flood limits, network latency, optional injected 429s."""

    groups: set[str]
    latency: float = 0.0
    jitter: float = 0.0
    fail_every: int = 0
    platform: str = TELEGRAM
    limiter: SendLimiter = field(default_factory=SendLimiter)
    rng: random.Random = field(default_factory=lambda: random.Random(1))
    received: dict[str, list[str]] = field(default_factory=dict)  # chat → texts of its accepted messages
    stamps: list[float] = field(default_factory=list)  # monotonic arrival of each accepted message
    calls: int = 0
    rejected: int = 0
    injected: int = 0
    during_pause: int = 0
    paused_until: float = 0.0

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        self.calls += 1
        call = self.calls
        await asyncio.sleep(self.latency / 2 + (self.rng.uniform(0, self.jitter) if self.jitter else 0.0))
        now = time.monotonic()
        if now < self.paused_until:
            self.during_pause += 1
        if self.fail_every and call % self.fail_every == 0:
            self.injected += 1
            self.paused_until = max(self.paused_until, now + 1)
            result = SendResult(False, retry_after=1, detail="Too Many Requests: retry after 1 (injected)")
        elif (wait := self.limiter.retry_after(chat.chat_id, chat.chat_id in self.groups, now)) is not None:
            self.rejected += 1
            self.paused_until = max(self.paused_until, now + wait)
            result = SendResult(False, retry_after=wait, detail=f"Too Many Requests: retry after {wait}")
        else:
            self.received.setdefault(chat.chat_id, []).append(reply.text)
            self.stamps.append(now)
            result = SendResult(True, message_id=str(len(self.stamps)))
        if self.latency:
            await asyncio.sleep(self.latency / 2)
        return result

    def busiest_second(self) -> int:
        """The most accepted messages in any one-second window."""
        stamps = self.stamps
        return max((bisect.bisect_left(stamps, at + 1) - i for i, at in enumerate(stamps)), default=0)


@dataclass
class Outcome:
    """What one run left: the fake's records, the outbox rows, the timings."""

    chats: list[str]
    sender: FakeTelegram
    queued: int
    setup_seconds: float
    confirmed_at: float
    counts: dict[str, int]
    attempts: Counter[int]
    timed_out: bool
    database: dict[str, list[float]]
    per_second: float

    def per_chat(self) -> Counter[int]:
        """How many chats got the broadcast 0, 1, 2… times."""
        received = self.sender.received
        return Counter(sum(MESSAGE in line for line in received.get(chat, [])) for chat in self.chats)


def chat_ids(chats: int, groups: int) -> list[tuple[str, str]]:
    """(chat id, kind) numbered as Telegram does (supergroups -100…, a private chat has its user's id)."""
    private = [ADMIN] + [str(700_000_000 + number) for number in range(1, chats - groups)]
    return [(chat, PRIVATE) for chat in private] + [(str(-1001_900_000_000 - n), GROUP) for n in range(groups)]


def say(
    runtime: Runtime, zone: ZoneInfo, chat: str, kind: str, user: str, words: str, callback: str | None = None
) -> list[Reply]:
    """One Telegram message (or button press) through the router, as the platform adapter hands it over."""
    message = IncomingMessage(
        TELEGRAM,
        chat,
        user,
        words,
        datetime.now(zone),
        chat_kind=kind,
        user_name=f"Cán bộ {user}",
        chat_title=f"Đơn vị {chat}",
        is_chat_admin=kind == GROUP,
        callback=callback,
    )
    return runtime.router.dispatch(message)


def time_calls(repository: Repository, names: tuple[str, ...]) -> dict[str, list[float]]:
    """Record how long each call of these (synchronous) repository methods takes (the outbox runs them in worker
    threads)."""
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for name in names:
        setattr(repository, name, _timed(getattr(repository, name), seconds[name]))
    return seconds


def _timed(method: Any, into: list[float]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            into.append(time.perf_counter() - began)

    return timed


def fresh_url(args: argparse.Namespace, name: str) -> str:
    """A new SQLite file, or the --database-url database emptied."""
    if not args.database_url:
        return f"sqlite:///{tempfile.mkdtemp(prefix='bench-broadcast-')}/{name}.db"
    engine = make_engine(args.database_url)
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    return str(args.database_url)


async def broadcast(args: argparse.Namespace, config: Settings, name: str, chats: int, fail_every: int) -> Outcome:
    """Subscribe the chats, confirm one broadcast, and let the scheduler deliver it."""
    settings = config.model_copy(update={"database_url": fresh_url(args, name), "admins": [f"{TELEGRAM}:{ADMIN}"]})
    zone, limits = settings.zone, limits_of(settings.platforms.telegram)
    ids = chat_ids(chats, min(chats - 1, round(chats * args.groups / args.chats)))  # the same share of groups
    sender = FakeTelegram({chat for chat, kind in ids if kind == GROUP}, args.latency, args.jitter, fail_every)
    repository = open_repository(settings)
    runtime = build_runtime(
        settings,
        KnowledgeBase.load(),
        {TELEGRAM: sender},
        lambda: datetime.now(zone),
        repository=repository,
        limits={TELEGRAM: limits},
    )
    database = time_calls(repository, OUTBOX_CALLS)
    if args.live:
        await runtime.scheduler.start()
    started = time.perf_counter()
    for chat, kind in ids:
        [reply] = say(runtime, zone, chat, kind, ADMIN if chat == ADMIN else f"u{chat.lstrip('-')}", "/dangky")
        assert reply.text.startswith("Đã đăng ký"), reply.text
    [preview] = say(runtime, zone, ADMIN, PRIVATE, ADMIN, f"/phatthong {MESSAGE}")
    [queued] = say(runtime, zone, ADMIN, PRIVATE, ADMIN, "", callback=preview.buttons[0][0].data)
    confirmed_at = time.monotonic()
    setup_seconds = time.perf_counter() - started
    assert queued.text == wording.BROADCAST_QUEUED.format(count=chats), queued.text
    rows = repository.delivery_counts().get("pending", 0)
    for calls in database.values():
        calls.clear()  # only the sending's calls
    if not args.live:
        await runtime.scheduler.start()
    deadline, timed_out = time.monotonic() + args.max_wait, True
    while time.monotonic() < deadline:
        await asyncio.sleep(0.1)
        if len(sender.received) >= chats:
            counts = repository.delivery_counts()
            if not counts.get("pending") and not counts.get("sending"):
                timed_out = False
                break
    await runtime.scheduler.stop()
    with repository.session() as session:
        attempts = Counter(int(n) for (n,) in session.execute(text("SELECT attempts FROM deliveries")))
    outcome = Outcome(
        [chat for chat, _ in ids],
        sender,
        rows,
        setup_seconds,
        confirmed_at,
        repository.delivery_counts(),
        attempts,
        timed_out,
        database,
        limits.per_second,
    )
    repository.engine.dispose()
    return outcome


def report(title: str, outcome: Outcome, limits: str) -> None:
    sender, stamps = outcome.sender, outcome.sender.stamps
    span = stamps[-1] - stamps[0] if len(stamps) > 1 else 0.0
    per_chat = outcome.per_chat()
    accepted = sum(times * count for times, count in per_chat.items())
    print(f"\n{title}")
    print(
        f"  chats: {len(outcome.chats)} subscribed ({len(sender.groups)} groups, "
        f"{len(outcome.chats) - len(sender.groups)} private), {outcome.queued} outbox rows queued; setup through "
        f"the router {outcome.setup_seconds:.1f} s; outbox limits {limits}"
    )
    print(
        f"  sends accepted: {accepted}   (requests made {sender.calls}; busiest second "
        f"{sender.busiest_second()} accepted)"
    )
    print(f"  rejected by the limits: {sender.rejected}   (goal 0)")
    if sender.fail_every:
        print(
            f"  injected retry_after=1 answers: {sender.injected} (every {sender.fail_every}th request); requests "
            f"that arrived during an announced retry_after: {sender.during_pause}"
        )
    print(f"  lost (chats with no message): {per_chat[0]}   (goal 0)")
    print(f"  duplicates (chats with >1): {sum(count for times, count in per_chat.items() if times > 1)}   (goal 0)")
    if stamps:
        print(
            f"  elapsed first → last send: {span:.2f} s   (confirmation → first send "
            f"{stamps[0] - outcome.confirmed_at:.2f} s, → last send {stamps[-1] - outcome.confirmed_at:.2f} s)"
        )
    print(f"  messages per second achieved: {(len(stamps) - 1) / span if span else 0.0:.2f}/s   (goal ≥ 27/s)")
    gaps = sorted(later - earlier for earlier, later in pairwise(stamps))
    if gaps:
        print(
            f"  spacing of accepted sends: min {gaps[0] * 1000:.2f} ms, median {statistics.median(gaps) * 1000:.2f}"
            f" ms, mean {statistics.mean(gaps) * 1000:.2f} ms, longest {gaps[-1]:.2f} s   (outbox limiter: "
            f"1/{outcome.per_second:g} s = {1000 / outcome.per_second:.2f} ms)"
        )
    used = {name: calls for name, calls in outcome.database.items() if calls}
    total = sum(map(sum, used.values()))
    print(
        "  outbox database calls (worker threads): "
        + ", ".join(f"{name} {len(calls)}× {statistics.mean(calls) * 1000:.2f} ms" for name, calls in used.items())
        + f" (mean); {total:.2f} s in all, {total / max(len(stamps), 1) * 1000:.2f} ms per accepted send"
    )
    print(
        f"  outbox afterwards: {outcome.counts}; attempts per row {dict(sorted(outcome.attempts.items()))}"
        f"{'; TIMED OUT waiting for the outbox' if outcome.timed_out else ''}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--groups", type=int, default=700, help="how many of the chats are groups")
    parser.add_argument("--latency", type=float, default=0.03, help="seconds per Bot API round trip")
    parser.add_argument("--jitter", type=float, default=0.0, help="up to this many seconds more on the way in")
    parser.add_argument("--faulty-chats", type=int, default=200, help="chats of the run with injected 429s (0: none)")
    parser.add_argument("--fail-every", type=int, default=50, help="every N-th request answers retry_after=1")
    parser.add_argument("--outage-chats", type=int, default=200, help="chats of the ten-minute 502 outage (0: none)")
    parser.add_argument(
        "--live", action="store_true", help="start the scheduler before the broadcast is confirmed, as in production"
    )
    parser.add_argument("--max-wait", type=float, default=150.0, help="seconds to wait for each run's sends")
    parser.add_argument("--database-url", help="a scratch database (emptied); default SQLite in a temp folder")
    parser.add_argument("--workers", type=int, default=1,
                        help="run that many `python -m bot run` processes on --database-url (PostgreSQL) instead")
    args = parser.parse_args()
    if args.workers > 1 and not str(args.database_url or "").startswith("postgresql"):
        parser.error("--workers needs --database-url postgresql+psycopg://… (several processes share PostgreSQL)")
    config = load_settings(ROOT / "config.yaml")
    limits = limits_of(config.platforms.telegram)
    shown = (
        f"{limits.per_second:g}/s overall, {limits.per_chat_per_second:g}/s per chat, "
        f"{limits.per_group_per_minute}/min per group (config.yaml)"
    )
    where = make_engine(args.database_url).url.render_as_string() if args.database_url else "SQLite in a temp folder"
    print(
        f"database: {where}; Bot API latency {args.latency * 1000:.0f} ms"
        f"{f' + up to {args.jitter * 1000:.0f} ms' if args.jitter else ''}"
        f"{'; scheduler running before the confirmation (--live)' if args.live else ''}"
    )
    started = time.perf_counter()
    if args.workers > 1:
        workers_benchmark(args, limits.per_second, shown)
        print(f"\ntotal {time.perf_counter() - started:.1f} s")
        return 0
    outcome = asyncio.run(broadcast(args, config, "broadcast", args.chats, 0))
    report(f"Broadcast to {args.chats} chats, fake Telegram enforcing its limits:", outcome, shown)
    if args.faulty_chats:
        outcome = asyncio.run(broadcast(args, config, "faulty", args.faulty_chats, args.fail_every))
        report(
            f"Broadcast to {args.faulty_chats} chats, every {args.fail_every}th request answered retry_after=1:",
            outcome,
            shown,
        )
    if args.outage_chats:
        print(broadcast_outage(args.outage_chats).report(
            f"Broadcast to {args.outage_chats} chats confirmed as the platform answers 502 for ten minutes:"))
    print(f"\ntotal {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
