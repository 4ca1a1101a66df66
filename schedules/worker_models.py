"""The tables that let several workers share one database: the pace of sends to each platform and chat, the
versions of what every worker keeps in memory (the knowledge), and how fast each user writes (fair use)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Double, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from schedules.models import Base, UtcDateTime


class SendPace(Base):
    """When the next send under `key` (a platform, or a platform's chat) may go: the theoretical arrival time of
    a GCRA limiter, in seconds since the epoch on the database server's clock (the same clock for every worker)."""

    __tablename__ = "send_pace"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    tat: Mapped[float] = mapped_column(Double)


class Version(Base):
    """A counter every worker watches: `knowledge` goes up when a document is ingested, so the others reload."""

    __tablename__ = "versions"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class MessageRate(Base):
    """A user's messages of the last minute (their times, as seconds since the epoch) and when they were last told
    to slow down: fair use counted once for every worker."""

    __tablename__ = "message_rates"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    stamps: Mapped[list[float]] = mapped_column(JSON)
    told_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
