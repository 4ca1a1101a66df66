"""The outage case shared by bench/broadcast.py and bench/reminders.py: the platform answers 502 to every send for
ten minutes of (fake) time, then recovers; what was due meanwhile must arrive, once each, and soon after.

The scheduler is driven as its minute job drives it (`tick` every 30 s of fake time); sends are real coroutine calls
to a fake Bot API that records what it accepted.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.wiring import Runtime, build_runtime, open_repository
from handlers.incoming import GROUP, PRIVATE, IncomingMessage
from knowledge.base import KnowledgeBase
from schedules.messages import ChatRef, Reply, SendResult
from schedules.outbox import Limits
from schedules.timeparse import When

PLATFORM = "telegram"
ADMIN = "4242"
STEP = timedelta(seconds=30)


@dataclass
class FlakyTelegram:
    """Answers 502 while `down`, else accepts and records (chat, text)."""

    platform: str = PLATFORM
    down: bool = True
    refused: int = 0
    received: list[tuple[str, str]] = field(default_factory=list)

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        if self.down:
            self.refused += 1
            return SendResult(False, detail="502 Bad Gateway")
        self.received.append((chat.chat_id, reply.text))
        return SendResult(True, message_id=str(len(self.received)))


@dataclass
class OutageOutcome:
    """What the outage left: expected and delivered messages, requests refused, how long after recovery."""

    expected: int
    delivered: Counter[str]  # "chat|text" → how many times it arrived
    refused: int
    ended_unsent: int
    minutes_after_recovery: float
    wall_seconds: float

    def report(self, title: str) -> str:
        """The lines the benches print."""
        lost = max(0, self.expected - len(self.delivered))
        duplicates = sum(1 for count in self.delivered.values() if count > 1)
        return (f"\n{title}\n  expected {self.expected} messages; delivered {sum(self.delivered.values())} "
                f"(lost {lost}, duplicates {duplicates}; goal 0 and 0); rows ended unsent {self.ended_unsent}; "
                f"502 answers during the outage {self.refused}\n  everything delivered "
                f"{self.minutes_after_recovery:.1f} min (fake time) after the platform came back; "
                f"{self.wall_seconds:.1f} s of real time in all")


def _runtime(zone: ZoneInfo, clock: list[datetime], sender: FlakyTelegram) -> Runtime:
    url = f"sqlite:///{tempfile.mkdtemp(prefix='bench-outage-')}/bot.db"
    settings = Settings(database_url=url, admins=[f"{PLATFORM}:{ADMIN}"])
    unlimited = Limits(per_second=10_000, per_group_per_minute=10_000, per_chat_per_second=10_000)
    return build_runtime(settings, KnowledgeBase.load(), {PLATFORM: sender}, lambda: clock[0],
                         repository=open_repository(settings), limits={PLATFORM: unlimited})


async def _through(runtime: Runtime, sender: FlakyTelegram, clock: list[datetime], wanted: str,
                   expected: int) -> OutageOutcome:
    """Ten minutes down, then up until every wanted message came (or an hour of fake time passed)."""
    started = time.perf_counter()
    for _ in range(20):
        clock[0] += STEP
        await runtime.scheduler.tick()
    sender.down, recovered = False, clock[0]
    for _ in range(120):
        clock[0] += STEP
        await runtime.scheduler.tick()
        if sum(1 for _, text in sender.received if wanted in text) >= expected:
            break
    delivered = Counter(f"{chat}|{text}" for chat, text in sender.received if wanted in text)
    counts = runtime.services.repository.delivery_counts()
    ended = sum(counts.get(status, 0) for status in ("failed", "expired", "missed"))
    return OutageOutcome(expected, delivered, sender.refused, ended, (clock[0] - recovered) / timedelta(minutes=1),
                         time.perf_counter() - started)


def broadcast_outage(chats: int) -> OutageOutcome:
    """A broadcast to `chats` chats confirmed just as the platform goes down."""
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    clock, sender = [datetime(2026, 11, 23, 9, 0, tzinfo=zone)], FlakyTelegram(down=False)
    runtime = _runtime(zone, clock, sender)

    def say(chat: str, kind: str, user: str, text: str, callback: str | None = None) -> list[Reply]:
        return runtime.router.dispatch(IncomingMessage(PLATFORM, chat, user, text, clock[0], chat_kind=kind,
                                                       is_chat_admin=True, callback=callback))

    for number in range(chats):
        chat = str(-1001_900_000_000 - number) if number % 2 else str(700_000_000 + number)
        say(chat, GROUP if number % 2 else PRIVATE, f"u{number}", "/dangky")
    [preview] = say(ADMIN, PRIVATE, ADMIN, "/phatthong Lịch trực Tết của các đơn vị")
    sender.down = True
    say(ADMIN, PRIVATE, ADMIN, "", callback=preview.buttons[0][0].data)
    return asyncio.run(_through(runtime, sender, clock, "Lịch trực Tết", chats))


def reminders_outage(reminders: int, chats: int) -> OutageOutcome:
    """`reminders` reminders whose deadline (with a time of day) falls during the outage."""
    zone = ZoneInfo("Asia/Ho_Chi_Minh")
    clock, sender = [datetime(2026, 11, 23, 9, 0, tzinfo=zone)], FlakyTelegram()
    runtime = _runtime(zone, clock, sender)
    repository, service = runtime.services.repository, runtime.services.reminders
    targets = [repository.chat(PLATFORM, str(-1001_800_000_000 - number), clock[0], kind=GROUP)
               for number in range(chats)]
    for number in range(reminders):
        due = (clock[0] + timedelta(minutes=1 + number * 8 // reminders)).replace(second=0, microsecond=0)
        service.create(targets[number % chats], "u", When(f"Kiểm tra số {number}", due, None, due.time(), None),
                       clock[0])  # each due within the ten minutes down
    return asyncio.run(_through(runtime, sender, clock, "Đến hạn: Kiểm tra số", reminders))
