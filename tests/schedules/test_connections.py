"""Pooled database connections: one the server closed while it rested is replaced, not handed out broken."""

from __future__ import annotations

import pytest

import schedules.database
from schedules.repository import Repository


def test_a_rested_connection_the_server_closed_is_replaced(repository: Repository,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schedules.database, "IDLE_PING", 0.0)  # every checkout counts as after a rest
    repository.engine.dispose()  # the pool holds exactly the one connection below
    with repository.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
    assert raw is not None
    raw.close()  # what a database restart does to a pooled connection
    assert repository.delivery_counts() == {}  # the next call gets a fresh connection

