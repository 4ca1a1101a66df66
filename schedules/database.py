"""The database engine (SQLite pragmas, idle pings) and the session base of the repository."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

from schedules.models import (
    Base,
    Delivery,
)
from schedules.worker_models import SendPace  # noqa: F401 - registers the workers' tables on Base


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets its folder created, foreign keys and a busy timeout."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, future=True)
    _ping_when_idle(engine)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.execute("PRAGMA journal_mode=WAL")
            # With WAL, NORMAL survives any crash of the process (a power cut may lose the last commits):
            # one disk sync per commit less, which keeps the outbox's claim/finish off the event loop's back.
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    return engine


IDLE_PING = 30.0  # seconds a pooled connection may rest before it is checked at checkout


def _ping_when_idle(engine: Engine) -> None:
    """Check a pooled connection that rested (the server may have closed it) before handing it out; one in
    steady use is not checked each time, which would cost a round trip per outbox step."""

    @event.listens_for(engine, "checkin")
    def _rested_since(_connection: Any, record: Any) -> None:
        record.info["checked_in"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _ping(connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get("checked_in", 0.0) < IDLE_PING:
            return
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT 1")
            cursor.close()
        except Exception as error:  # the pool drops this connection and checks out a fresh one
            raise DisconnectionError(str(error)) from error



class Store:
    """Sessions on one engine: the base every part of the repository builds on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def create_schema(self) -> None:
        """Create every table directly (tests and benchmarks; deployments use the migrations)."""
        Base.metadata.create_all(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

    @staticmethod
    def _insert_deliveries(session: Session, deliveries: list[dict[str, Any]]) -> int:
        """Insert the outbox rows whose key is new; returns how many."""
        keys = [values["key"] for values in deliveries]
        existing: set[str] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            existing.update(session.scalars(select(Delivery.key).where(Delivery.key.in_(chunk))))
        rows = []
        for values in deliveries:
            if values["key"] not in existing:
                existing.add(values["key"])
                rows.append(values)
        if rows:
            session.execute(insert(Delivery), rows)
        return len(rows)

