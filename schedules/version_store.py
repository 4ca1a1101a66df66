"""Versions of what every worker keeps in memory: a row per thing, counted up when it changes, so that the other
workers reload it (the knowledge, when a document is ingested)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from schedules.database import Store
from schedules.worker_models import Version


class VersionStore(Store):
    """Counters of changes."""

    def version(self, name: str) -> int:
        """The current number of `name` (0 before its first change)."""
        with self.session() as session:
            return int(session.scalar(select(Version.number).where(Version.name == name)) or 0)

    def bump(self, name: str, now: datetime) -> int:
        """Count one change of `name`; returns its new number (each caller gets its own)."""
        for _ in range(2):  # two first changes at once: one inserts, the other updates
            with self.session() as session:
                result = session.execute(update(Version).where(Version.name == name)
                                         .values(number=Version.number + 1, changed_at=now)
                                         .returning(Version.number))
                number = result.scalar()
                if number is not None:
                    return int(number)
            try:
                with self.session() as session:
                    session.add(Version(name=name, number=1, changed_at=now))
                return 1
            except IntegrityError:
                continue
        raise RuntimeError(f"version {name!r} could not be counted")  # pragma: no cover - two races in a row
