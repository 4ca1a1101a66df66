"""The database schema's version: upgrade it with the migrations, refuse to run on an old one."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text

from schedules.errors import SchemaError

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x6469_7265_6374_6D67  # several workers starting on an empty PostgreSQL: one creates the schema


def _config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def head() -> str:
    """The newest revision this version of the bot knows."""
    revision = ScriptDirectory.from_config(_config_for_scripts()).get_current_head()
    assert revision is not None
    return revision


def _config_for_scripts() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def current(engine: Engine) -> str | None:
    """The revision the database is at (None when it has never been migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the database to the newest revision (or to `revision`); returns (from, to)."""
    before = current(engine)
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":  # the others wait, then find the schema up to date
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config = _config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return before, head() if revision == "head" else revision


def ensure(engine: Engine) -> None:
    """A new, empty database is created at the newest revision; an older one makes the bot refuse to start."""
    revision = current(engine)
    if revision == head():
        return
    if revision is None and not inspect(engine).get_table_names():
        upgrade(engine)
        return
    raise SchemaError(
        f"cơ sở dữ liệu đang ở phiên bản {revision or 'chưa đánh số'}, bot cần {head()}: "
        "chạy `python -m bot db upgrade` rồi khởi động lại"
    )
