"""Who runs the scheduler: one holder of the PostgreSQL advisory lock at a time, the lock gone with its connection,
wake-ups through NOTIFY, rows claimed with SKIP LOCKED, the pace and versions every worker shares; on SQLite, one
process per database file. The PostgreSQL tests are skipped only without a server (TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from schedules.leader import LeaderLock, current_leader, wake_leader
from schedules.process_lock import DatabaseBusy, ProcessLock
from schedules.repository import Repository, make_engine
from schedules.schema import upgrade
from tests.schedules.conftest import POSTGRES_ENV, wipe


@pytest.fixture
def postgres() -> Iterator[Repository]:
    """A migrated, empty PostgreSQL database."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"needs a PostgreSQL server: set {POSTGRES_ENV}")
    repository = Repository(make_engine(url))
    wipe(repository)
    upgrade(repository.engine)
    yield repository
    wipe(repository)
    repository.engine.dispose()


def test_one_worker_holds_the_leader_lock_at_a_time(postgres: Repository) -> None:
    first, second = LeaderLock(postgres.engine, "host:1"), LeaderLock(postgres.engine, "host:2")
    try:
        assert first.try_take() and not second.try_take()
        assert current_leader(postgres.engine) == "host:1"
        first.release()  # (the process stopped, or died: its connection closes)
        assert second.try_take() and current_leader(postgres.engine) == "host:2"
    finally:
        first.dispose()
        second.dispose()
    assert current_leader(postgres.engine) is None


def test_the_lock_goes_with_its_connection_and_the_leader_notices(postgres: Repository) -> None:
    first, second = LeaderLock(postgres.engine, "host:1"), LeaderLock(postgres.engine, "host:2")
    try:
        assert first.try_take()
        with postgres.engine.begin() as connection:  # the server drops the leader's session (its machine vanished)
            connection.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                    "WHERE application_name = 'directive-bot host:1'"))
        with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises: the leader must step down
            first.wait(0.1)
        assert second.try_take()
    finally:
        first.dispose()
        second.dispose()


def test_a_follower_wakes_the_leader(postgres: Repository) -> None:
    leader = LeaderLock(postgres.engine, "host:1")
    try:
        assert leader.try_take()
        assert leader.wait(0.05) == 0
        wake_leader(postgres.engine)
        began = time.monotonic()
        assert leader.wait(2.0) >= 1
        assert time.monotonic() - began < 1.0
    finally:
        leader.dispose()


def test_a_row_another_sender_holds_is_skipped_not_waited_for(postgres: Repository) -> None:
    now = datetime(2026, 11, 22, 9, 0).astimezone()
    chat = postgres.chat("telegram", "42", now)
    postgres.enqueue([{"key": "k1", "kind": "broadcast", "chat_ref": chat.id, "occurrence_ref": None,
                       "payload": {"text": "x"}, "not_before": now, "due_at": now, "status": "pending",
                       "attempts": 0, "late": False, "last_error": "", "created_at": now}])
    [item] = postgres.due(now, 10, ["telegram"])
    with postgres.engine.connect() as other:
        transaction = other.begin()
        other.execute(text("SELECT id FROM deliveries WHERE id = :id FOR UPDATE"), {"id": item.id})
        began = time.monotonic()
        assert not postgres.claim(item.id)  # another transaction has it: skipped at once
        assert time.monotonic() - began < 2.0
        transaction.rollback()
    assert postgres.claim(item.id) and not postgres.claim(item.id)  # then claimed once, never twice


def test_the_shared_pace_hands_out_slots_in_turn(postgres: Repository) -> None:
    waits = [postgres.reserve("telegram", 0.2) for _ in range(3)]
    assert waits[0] <= 0.01 and 0.15 < waits[1] <= 0.2 and 0.35 < waits[2] <= 0.4
    postgres.hold("telegram", 5.0)  # the platform asked to wait: nobody's next slot comes before
    assert 4.5 < postgres.reserve("telegram", 0.2) <= 5.0
    assert postgres.reserve("telegram:42", 1.0) <= 0.01  # another key keeps its own pace
    postgres.forget_paces(-10.0)  # rows idle "since 10 s in the future": all of them
    assert postgres.reserve("telegram", 0.2) <= 0.01


def test_versions_count_every_change(repository: Repository) -> None:
    now = datetime(2026, 11, 22, 9, 0).astimezone()
    assert repository.version("knowledge") == 0
    assert [repository.bump("knowledge", now) for _ in range(3)] == [1, 2, 3]
    assert repository.version("knowledge") == 3 and repository.version("other") == 0


def test_a_second_process_on_one_sqlite_file_is_refused(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    first, second = ProcessLock(database), ProcessLock(database)
    first.acquire()
    with pytest.raises(DatabaseBusy) as refused:
        second.acquire()  # (a second open file description: what another process would have)
    message = str(refused.value)
    assert str(database) in message and f"tiến trình {os.getpid()}" in message and "PostgreSQL" in message
    first.release()
    second.acquire()  # the first stopped: the second may run
    second.release()


def test_the_minutes_pruning_forgets_old_message_counts(repository: Repository) -> None:
    now = datetime(2026, 11, 22, 9, 0).astimezone()
    window = timedelta(minutes=1)
    assert [repository.count_message("telegram", "7", now, window, 2) for _ in range(4)] == [
        "ok", "ok", "tell", "ignore"]
    repository.forget_rates(now + timedelta(minutes=5))
    assert repository.count_message("telegram", "7", now, window, 2) == "ok"
