"""One bot process per SQLite file: an exclusive lock on the file beside it ("bot.db.lock"), held while the process
runs the bot. The system lets the lock go when the process ends, even killed, so nothing stale is ever left."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from schedules.errors import ScheduleError


class DatabaseBusy(ScheduleError):
    """Another process runs the bot on this SQLite file; the message says what to do."""


class ProcessLock:
    """The lock file of one SQLite database."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self.path = database.with_name(database.name + ".lock")
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise DatabaseBusy naming the process that holds it."""
        if self._file is not None or sys.platform == "win32":  # Windows locks the database file itself
            return
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open while the bot runs
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise DatabaseBusy(
                f"cơ sở dữ liệu SQLite {self.database} đang được một tiến trình bot khác dùng"
                f"{f' (tiến trình {holder})' if holder.isdigit() else ''}: SQLite chỉ cho một tiến trình bot. "
                "Dừng tiến trình kia trước, hoặc chuyển sang PostgreSQL (database_url: "
                "postgresql+psycopg://…) để chạy nhiều tiến trình cùng lúc."
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        """Let another process run the bot on this file."""
        handle, self._file = self._file, None
        if handle is not None:
            handle.close()  # closing the last descriptor releases the lock
