"""The knowledge every worker answers from, kept current: a document ingested on one worker (or with `python -m bot
ingest`) counts the database's `knowledge` version up, and each running worker, seeing a number it did not make,
loads its knowledge again (through the knowledge cache, so only the new file is read) without a restart."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from knowledge.base import KnowledgeBase
from schedules.database import make_engine
from schedules.schema import current, head
from schedules.version_store import VersionStore

log = logging.getLogger(__name__)
KNOWLEDGE = "knowledge"


def tell_running_bots(database_url: str, sqlite_file: Path | None, now: datetime) -> bool:
    """After `python -m bot ingest` stored documents: count the knowledge version up so that running bots load
    them. False when there is nothing to tell (no database yet, or one a running bot could not use)."""
    if database_url.startswith("sqlite") and (sqlite_file is None or not sqlite_file.exists()):
        return False  # no bot has run here: it reads the folder when it starts (and no empty database is made)
    engine = make_engine(database_url)
    try:
        if current(engine) != head():
            return False
        VersionStore(engine).bump(KNOWLEDGE, now)
        return True
    except Exception:  # the documents are stored: the bots read them at their next start
        log.warning("could not tell the running bots about the new documents", exc_info=True)
        return False
    finally:
        engine.dispose()


class KnowledgeWatch:
    """Counts this worker's changes of the knowledge, and (when started) follows everyone else's."""

    def __init__(self, versions: VersionStore, use: Callable[[KnowledgeBase], None],
                 reload: Callable[[], KnowledgeBase], clock: Callable[[], datetime], *, every: float = 2.0) -> None:
        self.versions = versions
        self.use = use
        self.reload = reload
        self.clock = clock
        self.every = every
        self.known: int | None = None  # the version this worker's knowledge is at (None: not read yet)
        self.reloads = 0
        self._lock = threading.Lock()
        self._task: asyncio.Task[None] | None = None

    def changed_here(self, knowledge: KnowledgeBase) -> None:
        """An ingest on this worker: answer from `knowledge` and count the change for the others. If someone
        else's change came in between, this worker's number is not moved, so it reloads theirs too."""
        self.use(knowledge)
        try:
            number = self.versions.bump(KNOWLEDGE, self.clock())
        except Exception:  # the document is stored: the others find it at their next start
            log.exception("could not tell the other workers that the knowledge changed")
            return
        with self._lock:
            if self.known is not None and number == self.known + 1:
                self.known = number

    async def start(self) -> None:
        """Follow the version in the background, from the one in the database now."""
        if self.known is None:
            self.known = await asyncio.to_thread(self.versions.version, KNOWLEDGE)
        self._task = asyncio.create_task(self._follow(), name="knowledge-watch")

    async def _follow(self) -> None:
        while True:
            await asyncio.sleep(self.every)
            try:
                await self.check()
            except Exception:
                log.exception("the knowledge could not be brought up to date; trying again")

    async def check(self) -> bool:
        """Load the knowledge again if another worker changed it; returns whether it did."""
        number = await asyncio.to_thread(self.versions.version, KNOWLEDGE)
        with self._lock:
            if number == self.known:
                return False
        knowledge = await asyncio.to_thread(self.reload)
        self.use(knowledge)
        with self._lock:
            self.known = number
        self.reloads += 1
        log.info("knowledge reloaded: version %d, %d documents", number, len(knowledge.documents))
        return True

    async def stop(self) -> None:
        """Stop following."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
