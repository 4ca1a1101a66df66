"""The outbox: once per key, retries honouring retry_after, blocked chats, moved groups, rate limits."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from schedules.messages import ChatRef, Reply, SendResult
from schedules.outbox import Limits, Outbox
from schedules.planner import delivery
from schedules.reports import Reports
from schedules.repository import OutboxItem, Repository
from tests.clock import FakeClock
from tests.schedules.conftest import UNLIMITED


@dataclass
class ScriptedSender:
    """Answers each send with the next scripted result (then success), recording what it got."""

    platform: str = "telegram"
    script: deque[SendResult] = field(default_factory=deque)
    sent: list[tuple[str, str]] = field(default_factory=list)

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        if self.script:
            return self.script.popleft()
        self.sent.append((chat.chat_id, reply.text))
        return SendResult(True, message_id=str(len(self.sent)))


def render(item: OutboxItem) -> Reply | None:
    return None if item.payload.get("skip") else Reply(str(item.payload["text"]))


def queue(repository: Repository, clock: FakeClock, count: int, *, kind: str = "private", text: str = "xin chào",
          platform: str = "telegram") -> list[int]:
    chats = [repository.chat(platform, f"c{number}", clock(), kind=kind) for number in range(count)]
    repository.enqueue([delivery(f"test:{chat.id}", "broadcast", chat.id, {"text": text}, clock(), clock())
                        for chat in chats])
    return [chat.id for chat in chats]


def outbox(repository: Repository, clock: FakeClock, sender: ScriptedSender, limits: Limits = UNLIMITED) -> Outbox:
    return Outbox(repository, {"telegram": sender}, render, clock, limits={"telegram": limits})


def test_each_key_is_sent_once(repository: Repository, clock: FakeClock) -> None:
    sender = ScriptedSender()
    queue(repository, clock, 3)
    queue(repository, clock, 3)  # the same keys again: nothing new
    assert asyncio.run(outbox(repository, clock, sender).run_due()) == 3
    assert asyncio.run(outbox(repository, clock, sender).run_due()) == 0
    assert repository.delivery_counts() == {"sent": 3}


def test_429_waits_retry_after_then_sends(repository: Repository, clock: FakeClock) -> None:
    sender = ScriptedSender(script=deque([SendResult(False, retry_after=30, detail="Too Many Requests")]))
    queue(repository, clock, 1)
    box = outbox(repository, clock, sender)
    assert asyncio.run(box.run_due()) == 0
    clock.advance(seconds=29)
    assert asyncio.run(box.run_due()) == 0
    clock.advance(seconds=1)
    assert asyncio.run(box.run_due()) == 1
    assert sender.sent == [("c0", "xin chào")]


def test_flood_control_never_uses_up_the_attempts(repository: Repository, clock: FakeClock) -> None:
    flood = [SendResult(False, retry_after=1, detail="Too Many Requests")] * 10
    sender = ScriptedSender(script=deque([*flood, SendResult(False, detail="502 Bad Gateway")]))
    queue(repository, clock, 1)
    for _ in range(11):
        assert asyncio.run(outbox(repository, clock, sender).run_due()) == 0
        clock.advance(seconds=2)
    assert repository.delivery_counts() == {"pending": 1}  # one real failure of eight allowed
    assert asyncio.run(outbox(repository, clock, sender).run_due()) == 1


def test_server_errors_back_off_capped_and_give_up_only_after_the_grace_period(repository: Repository,
                                                                                clock: FakeClock) -> None:
    sender = ScriptedSender(script=deque([SendResult(False, detail="502 Bad Gateway")] * 10_000))
    queue(repository, clock, 1)
    start = clock()
    box = outbox(repository, clock, sender)
    waits = []
    while repository.delivery_counts().get("pending"):
        asyncio.run(box.run_due())
        due = repository.next_due_time(["telegram"])
        if due is None:
            break
        waits.append((due - clock()).total_seconds())
        clock.set(due)
    assert waits[:3] == [2, 4, 8] and max(waits) == 300  # doubling, then every five minutes at most
    assert repository.delivery_counts() == {"expired": 1}  # given up twelve hours after it was meant to go
    assert timedelta(hours=11, minutes=55) <= clock() - start <= timedelta(hours=12)
    Reports(repository, [repository.chat("telegram", "admin", clock())]).collect(clock())
    [report] = [row for row in repository.due(clock(), 10, ["telegram"]) if row.kind == "report"]
    assert report.payload["items"][0]["status"] == "expired" and report.payload["count"] == 1


def test_a_blocked_chat_is_marked_inactive_and_not_sent_to_again(repository: Repository, clock: FakeClock) -> None:
    sender = ScriptedSender(script=deque([SendResult(False, permanent=True,
                                                     detail="Forbidden: bot was blocked by the user")]))
    [chat] = queue(repository, clock, 1)
    asyncio.run(outbox(repository, clock, sender).run_due())
    info = repository.chat_by_ref(chat)
    assert info is not None and not info.active
    repository.enqueue([delivery("later", "broadcast", chat, {"text": "?"}, clock(), clock())])
    asyncio.run(outbox(repository, clock, sender).run_due())
    assert sender.sent == [] or all(chat_id != "c0" for chat_id, _ in sender.sent)


def test_a_group_moved_to_a_supergroup_keeps_its_subscription(repository: Repository, clock: FakeClock) -> None:
    sender = ScriptedSender(script=deque([SendResult(False, migrated_to="-1009876", detail="migrated")]))
    [chat] = queue(repository, clock, 1, kind="group")
    repository.subscribe(chat, "themes", clock())
    asyncio.run(outbox(repository, clock, sender).run_due())
    assert sender.sent == [("-1009876", "xin chào")]
    assert [found.chat_id for found in repository.subscribers("themes")] == ["-1009876"]


def test_rows_with_nothing_left_to_say_are_skipped(repository: Repository, clock: FakeClock) -> None:
    chat = repository.chat("telegram", "c1", clock())
    repository.enqueue([delivery("k", "lead", chat.id, {"skip": True}, clock(), clock())])
    assert asyncio.run(outbox(repository, clock, ScriptedSender()).run_due()) == 0
    assert repository.delivery_counts() == {"skipped": 1}


def test_only_platforms_that_run_are_served(repository: Repository, clock: FakeClock) -> None:
    queue(repository, clock, 2, platform="zalo")
    assert asyncio.run(outbox(repository, clock, ScriptedSender()).run_due()) == 0
    assert repository.delivery_counts() == {"pending": 2}  # left for the Zalo adapter, untouched


@dataclass
class LimitedSender:
    """Refuses sends beyond Telegram-like limits (sliding windows), as the real API answers 429."""

    per_second: int
    per_group_per_minute: int
    platform: str = "telegram"
    times: deque[float] = field(default_factory=deque)
    per_chat: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    rejected: int = 0
    sent: int = 0

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        now = time.monotonic()
        while self.times and now - self.times[0] >= 1:
            self.times.popleft()
        window = self.per_chat[chat.chat_id]
        while window and now - window[0] >= 60:
            window.popleft()
        if len(self.times) >= self.per_second or len(window) >= self.per_group_per_minute:
            self.rejected += 1
            return SendResult(False, retry_after=1, detail="Too Many Requests")
        self.times.append(now)
        window.append(now)
        self.sent += 1
        return SendResult(True)


@pytest.mark.parametrize("kind", ["private", "group"])
def test_sending_stays_within_the_limits(repository: Repository, clock: FakeClock, kind: str) -> None:
    sender = LimitedSender(per_second=40, per_group_per_minute=600)
    chats = 60 if kind == "private" else 2
    for number in range(chats):
        chat = repository.chat("telegram", f"c{number}", clock(), kind=kind)
        repository.enqueue([delivery(f"m:{number}:{index}", "broadcast", chat.id, {"text": "x"}, clock(), clock())
                            for index in range(1 if kind == "private" else 12)])
    limits = Limits(per_second=38, per_group_per_minute=590, per_chat_per_second=20)
    box = Outbox(repository, {"telegram": sender}, render, clock, limits={"telegram": limits})
    asyncio.run(box.run_due())
    assert sender.rejected == 0 and sender.sent == (60 if kind == "private" else 24)


@dataclass
class TimedSender:
    """Records when each send happened; the first `flood` sends are answered "retry after 1 s"."""

    flood: int = 0
    platform: str = "telegram"
    sends: list[tuple[float, str, bool]] = field(default_factory=list)

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        refused = self.flood > 0
        self.flood -= 1
        self.sends.append((time.monotonic(), chat.chat_id, not refused))
        return SendResult(False, retry_after=1, detail="Too Many Requests") if refused else SendResult(True)


def test_nothing_goes_out_during_a_flood_pause(repository: Repository, clock: FakeClock) -> None:
    sender = TimedSender(flood=1)
    queue(repository, clock, 20)
    box = Outbox(repository, {"telegram": sender}, render, clock, limits={"telegram": Limits(per_second=50)})
    asyncio.run(box.run_due())
    refused_at = sender.sends[0][0]
    assert not sender.sends[0][2]
    during = [at for at, _, ok in sender.sends[1:] if at < refused_at + 1.0]
    assert during == []  # the sends waiting for their turn when the 429 came held back too
    assert repository.delivery_counts() == {"sent": 19, "pending": 1}


def test_a_busy_group_does_not_hold_up_the_other_chats(repository: Repository, clock: FakeClock) -> None:
    sender = TimedSender()
    group = repository.chat("telegram", "-100", clock(), kind="group")
    repository.enqueue([delivery(f"g:{index}", "broadcast", group.id, {"text": "x"}, clock(), clock())
                        for index in range(40)])  # 20 per minute: two minutes of sending for this group alone
    queue(repository, clock, 30)
    box = Outbox(repository, {"telegram": sender}, render, clock, limits={"telegram": Limits(per_second=100)})

    async def two_seconds() -> None:
        task = asyncio.create_task(box.run_due())
        await asyncio.sleep(2)
        await box.stop()  # shutdown: what still waits for the group's turn stays queued, unclaimed
        await task

    asyncio.run(two_seconds())
    private = {chat for _, chat, _ in sender.sends if chat.startswith("c")}
    assert len(private) == 30 and sum(1 for _, chat, _ in sender.sends if chat == "-100") == 1
    assert repository.delivery_counts() == {"sent": 31, "pending": 39}


@dataclass
class BrokenOnceSender:
    """Raises on its first send (a bug in an adapter), then works."""

    platform: str = "telegram"
    calls: int = 0

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        self.calls += 1
        if self.calls == 1:
            raise RuntimeError("adapter bug")
        return SendResult(True)


def test_a_sender_that_raises_leaves_the_message_to_retry(repository: Repository, clock: FakeClock) -> None:
    sender = BrokenOnceSender()
    queue(repository, clock, 1)
    box = Outbox(repository, {"telegram": sender}, render, clock, limits={"telegram": UNLIMITED})
    assert asyncio.run(box.run_due()) == 0
    assert repository.delivery_counts() == {"pending": 1}  # not stuck "sending" until a restart
    clock.advance(seconds=5)
    assert asyncio.run(box.run_due()) == 1
