"""Migrations: a new database is created at the newest revision, an old one is refused, models match."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from schedules.errors import SchemaError
from schedules.models import Base
from schedules.repository import Repository, make_engine
from schedules.schema import current, ensure, head, upgrade
from tests.schedules.conftest import wipe


def test_the_migrations_build_exactly_the_models(repository: Repository) -> None:
    with repository.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert current(repository.engine) == head()


def test_a_new_database_is_created_on_first_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'state' / 'bot.db'}")
    ensure(engine)
    assert current(engine) == head()
    tables = set(inspect(engine).get_table_names())
    assert {"chats", "reminders", "occurrences", "deliveries", "acknowledgements"} <= tables


def test_an_out_of_date_schema_is_refused_with_the_command_to_run(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(SchemaError, match="python -m bot db upgrade"):
        ensure(engine)


def test_tables_made_without_migrations_are_refused(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    Base.metadata.create_all(engine)
    with pytest.raises(SchemaError):
        ensure(engine)


def test_existing_reminders_are_numbered_per_chat_by_the_upgrade(repository: Repository) -> None:
    engine = repository.engine
    wipe(repository)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        for ref, chat in ((1, "a"), (2, "b")):
            connection.execute(text("INSERT INTO chats (id, platform, chat_id, title, kind, active, inactive_reason, "
                                    "created_at) VALUES (:id, 'telegram', :chat, '', 'group', true, '', "
                                    "'2026-11-01 00:00:00')"), {"id": ref, "chat": chat})
        for ref, chat in ((10, 1), (11, 2), (12, 1)):
            connection.execute(text("INSERT INTO reminders (id, chat_ref, creator, text, send_time, status, created_at)"
                                    " VALUES (:id, :chat, 'u', 'x', '07:30', 'active', '2026-11-01 00:00:00')"),
                               {"id": ref, "chat": chat})
        for reminder, chat in ((10, 1), (11, 2), (12, 1), (12, 2)):  # reminder 12 of chat a also targets chat b
            connection.execute(text("INSERT INTO reminder_targets (reminder_ref, chat_ref) VALUES (:r, :c)"),
                               {"r": reminder, "c": chat})
        connection.execute(text("INSERT INTO drafts (chat_ref, author, text, status, created_at) VALUES "
                                "(1, '42', 'x', 'draft', '2026-11-01 00:00:00')"))
    upgrade(engine)
    with engine.connect() as connection:
        numbers = dict(connection.execute(text("SELECT id, number FROM reminders")).all())
        targets = set(connection.execute(text("SELECT reminder_ref, chat_ref, number FROM reminder_targets")).all())
        last = dict(connection.execute(text("SELECT id, last_number FROM chats")).all())
        author = connection.execute(text("SELECT author FROM drafts")).scalar()
    assert numbers == {10: 1, 11: 1, 12: 2}
    assert targets == {(10, 1, 1), (11, 2, 1), (12, 1, 2), (12, 2, 2)}
    assert last == {1: 2, 2: 2} and author == "telegram:42"
