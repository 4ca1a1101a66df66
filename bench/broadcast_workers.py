"""`bench/broadcast.py --workers N`: the broadcast sent by N `python -m bot run` processes on one PostgreSQL, behind
their webhooks, to a fake Telegram over HTTP that enforces its flood limits (30/s overall, 1/s per chat, 20/min per
group, sliding windows) and answers after --latency. Two runs on a fresh database each:

1. throughput: the admin writes /phatthong to one worker and presses «Gửi» on another; only the leader sends, every
   answer of every worker takes its slot from the same pace in the database. Printed: messages per second, requests
   refused by the limits, chats lost, chats that got it twice;
2. takeover: the same, but the leader is killed with SIGKILL once a third of the chats have it. Printed: how long
   until another worker led and until sends resumed, lost, and repeats (only what was in flight at the kill).
"""

from __future__ import annotations

import argparse
import bisect
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy import text

from knowledge.base import KnowledgeBase
from schedules.models import Base
from schedules.repository import make_engine
from tests.fakes import FakeTelegram
from tests.platforms.cluster import TOKEN, Cluster, running_cluster

ADMIN = 4242
T = TypeVar("T")
MESSAGE = "Họp giao ban trực tuyến lúc 8h00 sáng thứ Hai; các đơn vị chuẩn bị báo cáo tuần"


@dataclass
class Run:
    """What one run of the cluster left."""

    chats: int
    workers: int
    stamps: list[float]  # acceptance times of the broadcast's messages
    per_chat: Counter[int]
    rejected: int
    requests: int
    killed_after: int | None = None
    took: float | None = None
    resumed: float | None = None
    timed_out: bool = False

    def rate(self) -> float:
        span = self.stamps[-1] - self.stamps[0] if len(self.stamps) > 1 else 0.0
        return (len(self.stamps) - 1) / span if span else 0.0

    def busiest_second(self) -> int:
        stamps = self.stamps
        return max((bisect.bisect_left(stamps, at + 1) - i for i, at in enumerate(stamps)), default=0)

    def report(self, title: str) -> str:
        lost = self.chats - len(self.per_chat)
        twice = sum(1 for times in self.per_chat.values() if times > 1)
        lines = [f"\n{title}",
                 f"  messages per second achieved: {self.rate():.2f}/s   (goal ≥ 27/s; busiest second "
                 f"{self.busiest_second()} accepted)",
                 f"  rejected by the limits: {self.rejected}   (goal 0; requests made {self.requests})",
                 f"  lost (chats with no message): {lost}   (goal 0)",
                 f"  duplicates (chats with >1): {twice}"
                 + ("   (goal 0)" if self.killed_after is None else "   (only messages in flight at the kill)")]
        if self.killed_after is not None and self.took is not None and self.resumed is not None:
            lines.append(f"  leader killed (SIGKILL) after {self.killed_after} chats: another worker led after "
                         f"{self.took:.2f} s, sends resumed after {self.resumed:.2f} s   (goal ≤ 15 s)")
        if self.timed_out:
            lines.append("  TIMED OUT waiting for every chat")
        return "\n".join(lines)


def chat_ids(chats: int, groups: int) -> list[int]:
    """Private chats (the admin's first) and supergroups, numbered as Telegram numbers them."""
    return [ADMIN] + [700_000_000 + n for n in range(1, chats - groups)] + [-1001_900_000_000 - n
                                                                          for n in range(groups)]


def empty(url: str) -> None:
    engine = make_engine(url)
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()


def run_cluster(args: argparse.Namespace, rate: float, *, kill: bool) -> Run:
    """Start the workers, broadcast to every chat (killing the leader half way if asked), stop them."""
    empty(args.database_url)
    folder = Path(tempfile.mkdtemp(prefix="bench-workers-"))
    ids = chat_ids(args.chats, min(args.chats - 1, args.groups))
    with FakeTelegram(TOKEN).in_thread() as telegram:
        telegram.enforce_limits(30, 1, 20)
        telegram.delay("sendMessage", args.latency)
        cluster = Cluster(folder, args.database_url, telegram.base_url, [f"telegram:{ADMIN}"], args.workers, rate)
        with running_cluster(cluster):
            side = cluster.side_runtime(KnowledgeBase.load())
            cluster.subscribe(side, ids)
            secret = str(telegram.webhook["secret_token"]) if telegram.webhook else ""

            def received() -> list[dict[str, object]]:
                return [sent for sent in list(telegram.sent) if MESSAGE in str(sent["text"])
                        and not sent.get("reply_markup")]

            cluster.post(telegram.message(ADMIN, f"/phatthong {MESSAGE}"), secret, cluster.started[0])
            preview = _wait(lambda: next((sent for sent in reversed(telegram.sent) if sent.get("reply_markup")), None),
                            60)
            data = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]  # type: ignore[index]
            cluster.post(telegram.callback(ADMIN, ADMIN, str(data), int(str(preview["message_id"]))), secret,
                         cluster.started[-1])
            result = Run(len(ids), args.workers, [], Counter(), 0, 0)
            if kill:
                _wait(lambda: len(received()) >= len(ids) // 3, args.max_wait)
                leader = cluster.leader()
                assert leader is not None
                killed_at = cluster.kill(leader)
                result.killed_after = len({sent["chat_id"] for sent in received()})
                _wait(cluster.leader, 60)
                result.took = time.monotonic() - killed_at
                _wait(lambda: any(float(str(sent["at"])) > killed_at + 0.01 for sent in received()), 60)
                result.resumed = min(float(str(sent["at"])) for sent in received()
                                     if float(str(sent["at"])) > killed_at + 0.01) - killed_at
            deadline = time.monotonic() + args.max_wait
            while len({sent["chat_id"] for sent in received()}) < len(ids) and time.monotonic() < deadline:
                time.sleep(0.2)
            result.timed_out = time.monotonic() >= deadline
            time.sleep(2)  # repeats, if any, would come now
            cluster.stop()
            side.services.repository.engine.dispose()
        sent = received()
        result.stamps = sorted(float(str(item["at"])) for item in sent)
        result.per_chat = Counter(int(str(item["chat_id"])) for item in sent)
        result.rejected = telegram.rejected
        result.requests = len(telegram.calls_to("sendMessage"))
    return result


def _wait(predicate: Callable[[], T | None], timeout: float) -> T:
    """The predicate's first truthy value, polled in real time; the run ends if it does not come."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise SystemExit("timed out: the workers did not get that far (see their logs in the temp folder)")


def workers_benchmark(args: argparse.Namespace, rate: float, limits: str) -> None:
    """Both runs, printed."""
    title = (f"{args.workers} workers (`python -m bot run`, webhook) on one PostgreSQL, {args.chats} chats "
             f"({args.groups} groups), fake Telegram over HTTP enforcing its limits, outbox limits {limits}:")
    print(run_cluster(args, rate, kill=False).report(title))
    print(run_cluster(args, rate, kill=True).report("The same, the leader killed with SIGKILL a third of the way:"))
