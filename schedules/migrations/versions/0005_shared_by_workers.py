"""what several workers on one database share: send pace, versions, message rates

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import schedules.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: the send pace per platform and chat, the versions workers watch (the knowledge), and
    each user's messages of the last minute (fair use counted once for every worker)."""
    op.create_table(
        "send_pace",
        sa.Column("key", sa.String(length=96), nullable=False),
        sa.Column("tat", sa.Double(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_send_pace")),
    )
    op.create_table(
        "versions",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("changed_at", schedules.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_versions")),
    )
    op.create_table(
        "message_rates",
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("stamps", sa.JSON(), nullable=False),
        sa.Column("told_at", schedules.models.UtcDateTime(), nullable=True),
        sa.Column("last_at", schedules.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("platform", "user_id", name=op.f("pk_message_rates")),
    )
    with op.batch_alter_table("message_rates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_message_rates_last_at"), ["last_at"], unique=False)


def downgrade() -> None:
    """Revert this revision: the shared pace, versions and message rates are dropped with their tables (a single
    process keeps them in memory)."""
    with op.batch_alter_table("message_rates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_message_rates_last_at"))
    op.drop_table("message_rates")
    op.drop_table("versions")
    op.drop_table("send_pace")
