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
