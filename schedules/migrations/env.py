"""Alembic environment: migrations run on the connection the bot hands over (see schedules/schema.py)."""

from __future__ import annotations

from alembic import context

from schedules.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through schedules.schema
    raise RuntimeError("run migrations through `python -m bot db upgrade`")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True, compare_type=True)
with context.begin_transaction():
    context.run_migrations()
