"""per-chat reminder numbers, weekly reminders, offered lists, outbox outcomes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 18:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import schedules.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision: number the existing reminders per chat (in the order they were made), keep each outbox
    row's intended time, name draft authors with their platform."""
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_number", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weekday", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    with op.batch_alter_table("reminder_targets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number", sa.Integer(), nullable=True))
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_at", schedules.models.UtcDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reported", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index("ix_deliveries_unreported", ["reported", "status"], unique=False)
    with op.batch_alter_table("seen_updates", schema=None) as batch_op:
        batch_op.create_index("ix_seen_updates_at", ["at"], unique=False)
    op.create_table(
        "offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("created_at", schedules.models.UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index("ix_offers_chat", ["platform", "chat_id", "kind", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_offers_created_at"), ["created_at"], unique=False)
    _number_reminders()
    op.execute("UPDATE deliveries SET due_at = not_before")
    op.execute("UPDATE drafts SET author = (SELECT chats.platform FROM chats WHERE chats.id = drafts.chat_ref) "
               "|| ':' || author")
    # Unique indexes, not constraints: SQLite would rebuild the tables, and dropping the old one would cascade.
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index("uq_reminders_chat_number", ["chat_ref", "number"], unique=True)
    with op.batch_alter_table("reminder_targets", schema=None) as batch_op:
        batch_op.create_index("uq_reminder_targets_chat_number", ["chat_ref", "number"], unique=True)


def _number_reminders() -> None:
    """#1, #2 … per chat in the order the reminders were made; a chat targeted by another chat's reminder gets
    its own number for it."""
    bind = op.get_bind()
    counters: dict[int, int] = {}
    numbers: dict[tuple[int, int], int] = {}
    for reminder, chat in bind.execute(sa.text("SELECT id, chat_ref FROM reminders ORDER BY id")).all():
        counters[chat] = counters.get(chat, 0) + 1
        numbers[reminder, chat] = counters[chat]
        bind.execute(sa.text("UPDATE reminders SET number = :n WHERE id = :id"), {"n": counters[chat], "id": reminder})
    targets = bind.execute(sa.text("SELECT id, reminder_ref, chat_ref FROM reminder_targets ORDER BY reminder_ref, id"))
    for target, reminder, chat in targets.all():
        number = numbers.get((reminder, chat))
        if number is None:
            counters[chat] = number = counters.get(chat, 0) + 1
            numbers[reminder, chat] = number
        bind.execute(sa.text("UPDATE reminder_targets SET number = :n WHERE id = :id"), {"n": number, "id": target})
    for chat, last in counters.items():
        bind.execute(sa.text("UPDATE chats SET last_number = :n WHERE id = :id"), {"n": last, "id": chat})


def downgrade() -> None:
    """Revert this revision (draft authors keep their platform prefix)."""
    with op.batch_alter_table("reminder_targets", schema=None) as batch_op:
        batch_op.drop_index("uq_reminder_targets_chat_number")
        batch_op.drop_column("number")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("uq_reminders_chat_number")
        batch_op.drop_column("number")
        batch_op.drop_column("weekday")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_created_at"))
        batch_op.drop_index("ix_offers_chat")
    op.drop_table("offers")
    with op.batch_alter_table("seen_updates", schema=None) as batch_op:
        batch_op.drop_index("ix_seen_updates_at")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_unreported")
        batch_op.drop_column("reported")
        batch_op.drop_column("due_at")
    with op.batch_alter_table("chats", schema=None) as batch_op:
        batch_op.drop_column("last_number")
