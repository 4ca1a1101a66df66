"""index the outbox by occurrence

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:40:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: cancelling or confirming a reminder finds its outbox rows without a full scan."""
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deliveries_occurrence_ref"), ["occurrence_ref"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deliveries_occurrence_ref"))
