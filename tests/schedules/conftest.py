"""Storage and scheduling fixtures: every database the run has (SQLite always, PostgreSQL when CI provides one),
a clock the test moves, and a sender that records what would be sent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.config import Settings
from bot.wiring import Runtime, build_runtime
from knowledge.base import KnowledgeBase
from schedules.messages import ChatRef, Reply, SendResult
from schedules.models import Base
from schedules.outbox import Limits
from schedules.repository import Repository, make_engine
from schedules.schema import upgrade
from tests.clock import FakeClock
from tests.conftest import VIETNAM

POSTGRES_ENV = "TEST_POSTGRES_URL"
DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_ENV) else [])
UNLIMITED = Limits(per_second=10_000, per_group_per_minute=10_000, per_chat_per_second=10_000)


def database_url(kind: str, folder: Path) -> str:
    """A fresh database of `kind` for one test."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'bot.db'}"
    return os.environ[POSTGRES_ENV]


def wipe(repository: Repository) -> None:
    """Drop every table (PostgreSQL is shared between tests)."""
    Base.metadata.drop_all(repository.engine)
    with repository.engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


@pytest.fixture(params=DATABASES)
def repository(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Repository]:
    """A migrated, empty database on each configured engine."""
    repository = Repository(make_engine(database_url(request.param, tmp_path)))
    wipe(repository)
    upgrade(repository.engine)
    yield repository
    wipe(repository)
    repository.engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    """22/11/2026 09:00 in Vietnam, moved by the test."""
    return FakeClock(datetime(2026, 11, 22, 9, 0, tzinfo=VIETNAM))


@dataclass
class RecordingSender:
    """The Sender at the boundary: records every message instead of sending it."""

    platform: str = "console"
    sent: list[tuple[ChatRef, Reply]] = field(default_factory=list)

    async def send(self, chat: ChatRef, reply: Reply) -> SendResult:
        self.sent.append((chat, reply))
        return SendResult(True, message_id=str(len(self.sent)))

    def texts(self, chat_id: str | None = None) -> list[str]:
        return [reply.text for chat, reply in self.sent if chat_id is None or chat.chat_id == chat_id]


@pytest.fixture
def sender() -> RecordingSender:
    return RecordingSender()


@pytest.fixture
def runtime(repository: Repository, clock: FakeClock, sender: RecordingSender, samples: KnowledgeBase) -> Runtime:
    """The whole bot (router, reminders, outbox, scheduler) on the console platform, with a fake clock."""
    settings = Settings(admins=["console:admin"], database_url="sqlite://")
    return build_runtime(settings, samples, {"console": sender}, clock, repository=repository,
                         limits={"console": UNLIMITED})
