"""Reminders at scale: time to load and schedule at start, peak memory, lateness of firing (real clock).

Run: python bench/reminders.py [--reminders 100000] [--soon 10000] [--database-url URL]
Setup (in a child process, so its memory is not counted; bulk SQLAlchemy core inserts, not the Reminders service):
`--chats` console chats and `--reminders` reminders with targets and first occurrence as `add_reminder` writes them
(next_plan_at = creation: nothing planned yet). `--soon` of them have a deadline with a time of day two hours after a
moment spread over the real-time window from --opens to --closes seconds after setup began, so that their "2 hours
before" message falls in the window; the rest fall due 8–365 days ahead (a fifth recurring).
Timed: a fresh Runtime as `python -m bot run` builds it (build_runtime; a console sender that records when each send
happens; unthrottled limits) and `scheduler.start()`, then apart the planning it leaves to the background; then
its APScheduler jobs run until every send of the window has happened. Lateness = send time − the delivery's
not_before. Finally a restart on the same rows is timed.
The window must open after start has finished (printed; on a slow database raise --opens/--closes). --poll N also
runs the outbox from the bench every N s: a diagnostic of what the Outbox gives without the scheduler's wake-ups.
A --database-url database is emptied first.
Last, the outage case (--outage-reminders, bench/outage.py): reminders whose deadlines fall while the platform
answers 502 to every send for ten minutes of fake time, then recovers: each must arrive once, soon after.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import random
import resource
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.outage import reminders_outage  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.scheduling import cadence_of  # noqa: E402
from bot.wiring import Runtime, build_runtime, open_repository  # noqa: E402
from knowledge.base import KnowledgeBase  # noqa: E402
from knowledge.model import Recurrence  # noqa: E402
from schedules.messages import ChatRef, Reply, SendResult  # noqa: E402
from schedules.models import Base, Chat, Delivery, Occurrence, Reminder, ReminderTarget  # noqa: E402
from schedules.outbox import Limits  # noqa: E402
from schedules.planning import END_OF_DAY, next_due, steps  # noqa: E402
from schedules.repository import make_engine  # noqa: E402

UNLIMITED = Limits(per_second=1e6, per_group_per_minute=10**9, per_chat_per_second=1e6)
TASKS = ["Báo cáo kết quả thực hiện Nghị quyết 09-NQ/TU", "Tổng hợp chỉ tiêu GRDP quý", "Nộp kế hoạch 48/KH-UBND",
         "Rà soát hộ nghèo, cận nghèo", "Báo cáo tiến độ xây dựng NTM", "Cập nhật tỷ lệ tham gia BHYT"]


def rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def setup(url: str, reminders: int, chats: int, soon: int, opens: float, closes: float) -> tuple[int, float]:
    """Empty the database and bulk-insert the reminders, `soon` of them with a first send between the epoch
    seconds `opens` and `closes`; returns (sends expected in that window, seconds taken)."""
    started = time.perf_counter()
    settings, engine = Settings(database_url=url), make_engine(url)
    zone, cadence, rng = settings.zone, cadence_of(settings), random.Random(1)
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    engine.dispose()
    repository = open_repository(settings)  # the migrations create the schema
    now, expected = datetime.now(zone), 0
    with repository.session() as session:  # explicit ids (an empty database): plain executemany, no RETURNING
        session.execute(insert(Chat), [
            {"id": ref, "platform": "console", "chat_id": f"c{ref}", "title": f"Đơn vị {ref}", "active": True,
             "kind": "group" if ref % 2 else "private", "inactive_reason": "", "created_at": now}
            for ref in range(1, chats + 1)])
    for start in range(0, reminders, 5000):
        rows: list[dict[str, Any]] = []
        targets: list[dict[str, Any]] = []
        occurrences: list[dict[str, Any]] = []
        for number in range(start, min(reminders, start + 5000)):
            every, send_time, ref = None, "07:30", number + 1
            if number < soon:  # a deadline with a time of day two hours after the window: its "2 hours before"
                due = datetime.fromtimestamp(rng.uniform(opens, closes) + 7200, zone)
            elif number % 5 == 0:
                every = "month" if number % 10 else "quarter"
                due = next_due(Recurrence(every, 20 if every == "month" else 31), now, None, zone)
            else:
                due = datetime.combine((now + timedelta(days=rng.randint(8, 365))).date(), END_OF_DAY, zone)
            chats_of = list(dict.fromkeys([number % chats + 1] + [
                (number + k * 7) % chats + 1 for k in range(1, 5) if number % 10 == 3]))  # a tenth: 5 targets
            rows.append({"id": ref, "chat_ref": chats_of[0], "creator": f"u{number % 997}", "status": "active",
                         "text": f"{TASKS[number % len(TASKS)]} (đợt {number})", "due_at": None if every else due,
                         "every": every, "day": (20 if every == "month" else 31) if every else None, "month": None,
                         "send_time": send_time, "due_time": None, "lead_days": None, "supervisor_ref": None,
                         "source_document": None, "source_section": None, "created_at": now})
            targets += [{"reminder_ref": ref, "chat_ref": chat} for chat in chats_of]
            occurrences.append({"id": ref, "reminder_ref": ref, "due_at": due, "status": "open", "next_plan_at": now,
                                "planned_leads": [], "escalated": False, "created_at": now})
            expected += len(chats_of) * sum(
                step.audience == "targets" and step.at >= now and opens - 1 <= step.at.timestamp() <= closes + 1
                for step in steps(due, zone, cadence))
        with repository.session() as session:
            for model, values in ((Reminder, rows), (ReminderTarget, targets), (Occurrence, occurrences)):
                session.execute(insert(model), values)
    with repository.session() as session:  # PostgreSQL: move the id sequences past the explicit ids
        for table in ("chats", "reminders", "occurrences") if repository.engine.dialect.name == "postgresql" else ():
            session.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) "
                                 f"FROM {table}))"))
    repository.engine.dispose()
    return expected, time.perf_counter() - started


@dataclass
class TimedSender:
    """Console sender that never fails and records (chat, occurrence, wall time of the send)."""

    platform: str = "console"
    sends: list[tuple[str, int, float]] = field(default_factory=list)
    origin: tuple[float, float] = field(default_factory=lambda: (time.time(), time.monotonic()))

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        wall = self.origin[0] + time.monotonic() - self.origin[1]
        occurrence = int(reply.buttons[0][0].data.split(":")[1]) if reply.buttons else 0
        self.sends.append((chat.chat_id, occurrence, wall))
        return SendResult(True, message_id=str(len(self.sends)))


class Skips(logging.Handler):
    """Counts APScheduler's "skipped: maximum number of running instances reached" (a lost outbox wake-up)."""

    skipped = errors = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.skipped += "maximum number of running instances" in record.getMessage()
        self.errors += record.levelno >= logging.ERROR


def runtime_of(settings: Settings, knowledge: KnowledgeBase, sender: TimedSender) -> Runtime:
    """The runtime `python -m bot run` builds, with the real clock and unthrottled console limits."""
    return build_runtime(settings, knowledge, {"console": sender}, lambda: datetime.now(settings.zone),
                         limits={"console": UNLIMITED})


async def run(args: argparse.Namespace, url: str, anchor: float, expected: int) -> None:
    settings, knowledge, sender, skips = Settings(database_url=url), KnowledgeBase.load(), TimedSender(), Skips()
    logging.getLogger("apscheduler").addHandler(skips)  # counted and reported, not printed
    logging.getLogger("apscheduler").propagate = False
    rss_before, started = rss_mb(), time.perf_counter()
    runtime = runtime_of(settings, knowledge, sender)
    built = time.perf_counter()
    await runtime.scheduler.start()
    start_seconds, built_seconds, running = time.perf_counter() - built, built - started, time.time()
    await runtime.scheduler.ready()  # the never-planned reminders, planned in the background after start
    backlog_seconds = time.perf_counter() - built
    rss_start, repository = rss_mb(), runtime.services.repository
    queued = repository.delivery_counts()
    while len(sender.sends) < expected and time.time() < anchor + args.closes + args.max_wait:
        if args.poll:  # diagnostic: the bench re-arms the outbox itself, as a wake-up that is never lost would
            await runtime.scheduler.outbox.run_due()
        await asyncio.sleep(args.poll or 0.2)
    await runtime.scheduler.stop()
    with repository.session() as session:
        due_at = {(chat, occ): at for chat, occ, at in session.execute(
            select(Chat.chat_id, Delivery.occurrence_ref, Delivery.not_before)
            .join(Chat, Chat.id == Delivery.chat_ref).where(Delivery.kind == "lead"))}
    late = [wall - due_at[(chat, occ)].timestamp() for chat, occ, wall in sender.sends if (chat, occ) in due_at]
    walls = sorted(wall for _, _, wall in sender.sends) or [0.0]
    restart, again = runtime_of(settings, knowledge, TimedSender()), time.perf_counter()
    await restart.scheduler.start()
    await restart.scheduler.ready()
    restart_seconds = time.perf_counter() - again
    await asyncio.sleep(0.5)  # let the outbox job it scheduled finish before stopping
    await restart.scheduler.stop()
    print(f"start: build_runtime {built_seconds:.2f} s + scheduler.start() {start_seconds:.2f} s "
          f"= {built_seconds + start_seconds:.2f} s   (goal ≤ 5 s); outbox after start {queued}")
    print(f"  planning the {args.reminders} never-planned reminders in the background took {backlog_seconds:.2f} s "
          "after start (the bot answers and sends meanwhile)")
    print(f"restart (same rows, all planned): scheduler.start() and its planning {restart_seconds:.2f} s   "
          "(goal ≤ 5 s)")
    print(f"memory: peak RSS after start {rss_start:.0f} MB (before build_runtime {rss_before:.0f} MB, "
          f"end of run {rss_mb():.0f} MB)   (goal ≤ 300 MB)")
    gap = anchor + args.opens - running
    note = " (sends fell due during start: raise --opens to measure firing alone)" if gap < 0 else ""
    print(f"window: opened {gap:+.0f} s after the scheduler started{note}")
    if late:
        print(f"lateness: p50 {statistics.median(late):.3f} s, p99 {percentile(late, 0.99):.3f} s, max {max(late):.3f}"
              f" s, ≤ 1 s {sum(x <= 1 for x in late) / len(late):.0%}, over {len(late)} sends of {expected} expected"
              f"   (goal p99 ≤ 1 s)")
    print(f"sending: {len(sender.sends)} sends from {walls[0] - anchor:.0f} to {walls[-1] - anchor:.0f} s after setup "
          f"began = {len(sender.sends) / max(walls[-1] - walls[0], 1e-9):.0f}/s (falling due at "
          f"{expected / (args.closes - args.opens):.0f}/s); "
          f"duplicates {len(sender.sends) - len(set(sender.sends))}; unmatched {len(sender.sends) - len(late)}; "
          f"outbox wake-ups skipped by APScheduler {skips.skipped}, scheduler errors {skips.errors}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reminders", type=int, default=100_000)
    parser.add_argument("--soon", type=int, default=10_000, help="reminders whose first send is in the window")
    parser.add_argument("--chats", type=int, default=2_000)
    parser.add_argument("--opens", type=float, default=120.0, help="window start, seconds after setup began")
    parser.add_argument("--closes", type=float, default=210.0, help="window end, seconds after setup began")
    parser.add_argument("--max-wait", type=float, default=180.0, help="seconds to wait after the window for sends")
    parser.add_argument("--poll", type=float, default=0.0, help="diagnostic: also run the outbox every N s")
    parser.add_argument("--database-url", help="a scratch database (emptied); default SQLite in a temp folder")
    parser.add_argument("--outage-reminders", type=int, default=2_000, help="reminders due during the outage")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='bench-reminders-')}/bot.db"
    print(f"database: {make_engine(url).url.render_as_string()}")
    anchor = time.time()
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        expected, seconds = pool.submit(setup, url, args.reminders, args.chats, args.soon, anchor + args.opens,
                                        anchor + args.closes).result()
    print(f"setup (child process, bulk SQLAlchemy core inserts): {args.reminders} reminders over {args.chats} chats, "
          f"{args.soon} with a send {args.opens:.0f}–{args.closes:.0f} s after setup began ({expected} sends), "
          f"{seconds:.1f} s")
    asyncio.run(run(args, url, anchor, expected))
    if args.outage_reminders:
        print(reminders_outage(args.outage_reminders, 200).report(
            f"Outage: {args.outage_reminders} deadlines (over 200 chats) fall while the platform answers 502 for ten "
            "minutes:"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
