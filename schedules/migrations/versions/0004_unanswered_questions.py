"""questions the bot could not answer

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import schedules.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: a table of declined questions (text, folded text, platform, kind of chat, nearest
    topics, time; no user or chat ids)."""
    op.create_table(
        "unanswered_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("folded", sa.String(length=255), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_kind", sa.String(length=16), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("asked_at", schedules.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_unanswered_questions")),
    )
    with op.batch_alter_table("unanswered_questions", schema=None) as batch_op:
        batch_op.create_index("ix_unanswered_questions_folded", ["folded"], unique=False)
        batch_op.create_index(batch_op.f("ix_unanswered_questions_asked_at"), ["asked_at"], unique=False)


def downgrade() -> None:
    """Revert this revision: the recorded questions are dropped with their table."""
    with op.batch_alter_table("unanswered_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unanswered_questions_asked_at"))
        batch_op.drop_index("ix_unanswered_questions_folded")
    op.drop_table("unanswered_questions")
