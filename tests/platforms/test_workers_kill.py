"""Three `python -m bot run` workers on one PostgreSQL behind their webhooks: a 1,000-chat broadcast confirmed
through two of them, the leader killed with SIGKILL half way, a reminder falling due after the kill. Every chat gets
the broadcast (a repeat only for what was in flight at the kill), the reminder fires once, another worker takes over
within 15 s, and the takeover time is printed. Skipped only without a PostgreSQL server (TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TypeVar

import pytest

from knowledge.base import KnowledgeBase
from schedules.leader import wake_leader
from schedules.repository import Repository, make_engine
from schedules.timeparse import When
from tests.conftest import VIETNAM
from tests.fakes import FakeTelegram
from tests.platforms.cluster import TOKEN, Cluster, running_cluster
from tests.schedules.conftest import POSTGRES_ENV, wipe

pytestmark = pytest.mark.skipif(not os.environ.get(POSTGRES_ENV),
                                reason=f"needs a PostgreSQL server: set {POSTGRES_ENV}")
ADMIN = 4242
CHATS = 1000
GROUPS = 700
CONCURRENCY = 16  # the outbox's sends under way at once: at most these are in flight at the kill
MESSAGE = "Họp giao ban trực tuyến lúc 8h00 thứ Hai"
TASK = "Kiểm tra kho lưu trữ"
T = TypeVar("T")


def chat_ids() -> list[int]:
    return [ADMIN] + [700_000_000 + n for n in range(1, CHATS - GROUPS)] + [-1001_900_000_000 - n
                                                                          for n in range(GROUPS)]


def prepare(cluster: Cluster, samples: KnowledgeBase) -> datetime:
    """Subscribe the chats and make a reminder due 20 s from now in the admin's chat, as the bot's own services
    do (through a runtime on the same database that never starts its scheduler); returns when it is due."""
    runtime = cluster.side_runtime(samples)
    cluster.subscribe(runtime, chat_ids())
    services, repository, now = runtime.services, runtime.services.repository, datetime.now(VIETNAM)
    due = (now + timedelta(seconds=20)).replace(microsecond=0)
    admin = repository.chat("telegram", str(ADMIN), now, kind="private")
    services.reminders.create(admin, str(ADMIN), When(TASK, due, None, clock_time(due.hour, due.minute, due.second),
                                                      None, ""), now)
    wake_leader(repository.engine)
    repository.engine.dispose()
    return due


def test_three_workers_the_leader_killed_mid_broadcast(tmp_path: Path, samples: KnowledgeBase,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    url = os.environ[POSTGRES_ENV]
    repository = Repository(make_engine(url))
    wipe(repository)
    repository.engine.dispose()
    with FakeTelegram(TOKEN).in_thread() as telegram:
        cluster = Cluster(tmp_path, url, telegram.base_url, [f"telegram:{ADMIN}"], workers=3, rate=100)
        with running_cluster(cluster):
            secret = str(telegram.webhook["secret_token"]) if telegram.webhook else ""
            due = prepare(cluster, samples)

            def received(words: str) -> Counter[int]:
                return Counter(int(sent["chat_id"]) for sent in list(telegram.sent) if words in str(sent["text"])
                               and not (words == MESSAGE and sent.get("reply_markup")))  # not the preview

            # The admin writes to one worker and presses «Gửi» on another: the draft is in the database.
            cluster.post(telegram.message(ADMIN, f"/phatthong {MESSAGE}"), secret)
            preview = wait_for(lambda: next((sent for sent in reversed(telegram.sent)
                                             if sent.get("reply_markup") and MESSAGE in str(sent["text"])), None),
                               30, "the preview")
            data = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            cluster.post(telegram.callback(ADMIN, ADMIN, data, int(preview["message_id"])), secret)

            wait_for(lambda: len(received(MESSAGE)) >= 300, 60, "300 chats to get the broadcast")
            leader = cluster.leader()
            assert leader is not None
            killed_at = cluster.kill(leader)
            at_kill = len(received(MESSAGE))
            successor = wait_for(cluster.leader, 20, "another worker to lead")
            took = time.monotonic() - killed_at
            resumed = wait_for(lambda: next((float(sent["at"]) for sent in list(telegram.sent)
                                             if float(sent["at"]) > killed_at + 0.05), None), 30, "sends to resume")
            wait_for(lambda: len(received(MESSAGE)) == CHATS, 120, "every chat to get the broadcast")
            wait_for(lambda: received(TASK).get(ADMIN), 90, "the reminder")
            report = wait_for(lambda: received("📤 Đã gửi thông báo").get(ADMIN), 60, "the broadcast's report")
            time.sleep(3)  # anything sent twice would come now
            codes = cluster.stop()
        broadcast = received(MESSAGE)
        reminder = [str(sent["text"]) for sent in telegram.sent
                    if int(sent["chat_id"]) == ADMIN and TASK in str(sent["text"])]
        report = received("📤 Đã gửi thông báo").get(ADMIN, 0)
    repeated = sum(1 for times in broadcast.values() if times > 1)
    with capsys.disabled():
        print(f"\n3 workers on PostgreSQL, {CHATS}-chat broadcast, leader (worker {leader.number}) killed with "
              f"SIGKILL after {at_kill} chats: worker {successor.number} led {took:.1f} s after the kill, sends "
              f"resumed after {resumed - killed_at:.1f} s; lost {CHATS - len(broadcast)}, sent twice {repeated} "
              f"(in flight at the kill), reminder sent {len(reminder)}×")
    assert 0 < at_kill < CHATS, "the kill must land in the middle of the broadcast"
    assert took <= 15 and resumed - killed_at <= 15
    assert len(broadcast) == CHATS and repeated <= CONCURRENCY
    assert len(reminder) == 1 and reminder[0].startswith("⏰"), reminder
    assert datetime.now(VIETNAM) >= due
    assert report == 1
    assert all(code == 0 for number, code in codes.items() if number != leader.number), codes


def wait_for(predicate: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll `predicate` (real time) until it gives something truthy; fail naming `what`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)
