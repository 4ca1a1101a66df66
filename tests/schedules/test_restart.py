"""Killed in the middle of a 500-chat broadcast (SIGKILL) and restarted: every chat gets the message once,
except at most the messages that were in flight at the kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from schedules.broadcasts import Broadcasts, ThemeSettings
from schedules.repository import Repository
from tests.clock import FakeClock
from tests.conftest import VIETNAM
from tests.schedules.broadcast_worker import CONCURRENCY

ROOT = Path(__file__).resolve().parents[2]
CHATS = 500


def worker(url: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.schedules.broadcast_worker", url, str(log)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def lines(log: Path) -> list[str]:
    return log.read_text(encoding="utf-8").split() if log.exists() else []


def test_sigkill_mid_broadcast_loses_nothing_and_repeats_at_most_what_was_in_flight(
    repository: Repository, clock: FakeClock, tmp_path: Path
) -> None:
    broadcasts = Broadcasts(repository, VIETNAM, ThemeSettings(1, clock().time(), clock() - clock()))
    for number in range(CHATS):
        chat = repository.chat("telegram", f"chat-{number}", clock(), kind="group" if number % 2 else "private")
        broadcasts.subscribe(chat, clock())
    admin = repository.chat("telegram", "admin", clock())
    draft, _ = broadcasts.draft(admin, "admin", "Họp giao ban sáng thứ Hai", clock())
    assert broadcasts.confirm(draft, "admin", clock()) == CHATS
    url = repository.engine.url.render_as_string(hide_password=False)
    log = tmp_path / "delivered.log"

    first = worker(url, log)
    deadline = time.monotonic() + 60
    while len(lines(log)) < 150 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = len(lines(log))
    assert 0 < killed_at < CHATS, "the kill must land in the middle of the broadcast"

    second = worker(url, log)
    assert second.wait(timeout=180) == 0

    delivered = Counter(lines(log))
    assert set(delivered) == {f"chat-{number}" for number in range(CHATS)}, "every chat got the message"
    repeated = sum(count - 1 for count in delivered.values())
    assert repeated <= CONCURRENCY, f"{repeated} messages sent twice; at most {CONCURRENCY} were in flight"
    assert repository.delivery_counts() == {"sent": CHATS}
