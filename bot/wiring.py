"""The one place that builds everything from the settings: knowledge base, storage, scheduler, router."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from bot.config import PlatformSettings, Settings
from bot.knowledge_watch import KnowledgeWatch
from bot.metrics import Metrics
from bot.scheduling import build_time, time_commands
from handlers.fair_use import Throttle, trusted_by
from handlers.ingest import MAX_FILE_BYTES, Ingest
from handlers.router import Router
from handlers.services import TimeServices
from handlers.unanswered import UnansweredCommands, UnansweredLog
from knowledge.base import KnowledgeBase, LoadReport, load_file
from knowledge.duplicates import deduplicate
from knowledge.library import Library
from knowledge.model import Document
from knowledge.shelf import ShelvedDocuments
from knowledge.synonyms import DEFAULT_SYNONYMS, Lexicon
from schedules.messages import Sender
from schedules.outbox import Limits
from schedules.repository import Repository, make_engine
from schedules.scheduler import Scheduler
from schedules.schema import ensure
from schedules.unanswered_store import Retention

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def knowledge_sources(settings: Settings, override: Sequence[Path] | None = None) -> list[Path]:
    """The sources to load: `--knowledge` paths as given, else the configured ones that exist, and the ingest
    folder (what was ingested is loaded at the next start even where `sources` does not name that folder)."""
    if override:
        return list(override)
    sources = []
    for path in settings.knowledge.sources:
        if path.exists():
            sources.append(path)
        else:
            log.debug("knowledge source %s does not exist yet; skipped", path)
    store = settings.knowledge.ingest_dir
    if store.is_dir() and not any(_inside(store, source) for source in sources):
        sources.append(store)
    return sources


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def load_knowledge(
    settings: Settings,
    override: Sequence[Path] | None = None,
    on_file: Callable[[LoadReport], None] | None = None,
) -> KnowledgeBase:
    """Load and index the directives within the configured reading limits, through the knowledge cache (parsed
    files and the index are reused while nothing changed); unreadable files are logged with their reason."""
    knowledge = KnowledgeBase.load(
        knowledge_sources(settings, override),
        synonyms=[DEFAULT_SYNONYMS, *settings.knowledge.synonyms],
        threshold=settings.knowledge.answer_threshold,
        on_file=on_file,
        limits=settings.knowledge.limits.read_limits(),
        cache=settings.knowledge_cache,
    )
    for problem in knowledge.problems:
        log.warning("could not load %s", problem)
    for duplicate in knowledge.duplicates:
        log.info("left out %s", duplicate)
    return knowledge


def rebuild_knowledge(settings: Settings, documents: Sequence[Document]) -> KnowledgeBase:
    """A new knowledge base over already parsed documents (after an ingest), one document per directive.

    Documents kept on disk (the knowledge in use came from the cache) are not read into memory: the ingested one
    is put on the shelf and the configured sources, where it now is, are loaded again through the cache.
    """
    if isinstance(documents, ShelvedDocuments):
        for document in documents.extra:
            documents.shelf.remember(document)
        return load_knowledge(settings)
    kept, duplicates = deduplicate(documents)
    for duplicate in duplicates:
        log.info("left out %s", duplicate)
    lexicon = Lexicon.load([DEFAULT_SYNONYMS, *settings.knowledge.synonyms])
    return KnowledgeBase.from_documents(kept, lexicon=lexicon, threshold=settings.knowledge.answer_threshold)


def open_repository(settings: Settings) -> Repository:
    """The database, created on first run; an out-of-date schema raises SchemaError."""
    repository = Repository(make_engine(settings.database_url))
    ensure(repository.engine)
    return repository


def limits_of(platform: PlatformSettings) -> Limits:
    """The outbox limits of a configured platform."""
    return Limits(per_second=platform.messages_per_second,
                  per_group_per_minute=platform.messages_per_minute_per_group)


def _single_process() -> bool:
    return True


@dataclass
class Runtime:
    """Everything that runs: the router every platform feeds, the scheduler that sends on time, and the metrics.

    `leads` says whether this process runs the scheduler and the outbox: always on its own (SQLite); with several
    workers, whoever holds the leadership points it at its answer (/metrics reports it)."""

    router: Router
    scheduler: Scheduler
    services: TimeServices
    metrics: Metrics
    leads: Callable[[], bool] = field(default=_single_process)
    knowledge_watch: KnowledgeWatch | None = None  # an ingest here told to the other workers, theirs followed

    @property
    def knowledge(self) -> KnowledgeBase:
        """The knowledge in use (an ingested file puts a refreshed one in its place)."""
        return self.router.knowledge


def build_runtime(
    settings: Settings,
    knowledge: KnowledgeBase,
    senders: Mapping[str, Sender],
    clock: Clock,
    *,
    repository: Repository | None = None,
    limits: Mapping[str, Limits] | None = None,
    sources: Sequence[Path] | None = None,
) -> Runtime:
    """Storage, planning, the outbox and the scheduler, and the router with every command; `sources` (the
    --knowledge paths) replace the configured ones when the knowledge is loaded again."""
    repository = repository or open_repository(settings)
    scheduler, services = build_time(settings, senders, clock, repository, limits)
    router = Router(knowledge, settings.zone)
    router.keep_offers(repository)
    router.throttle = Throttle(services.limits, trusted_by(services.permissions.is_admin),
                               count=repository.count_message)  # one count for every worker
    reading = settings.knowledge.limits.read_limits()
    watch = KnowledgeWatch(repository, router.use, lambda: load_knowledge(settings, sources), clock)
    ingest = Ingest(router, Library(settings.knowledge.ingest_dir), services.permissions,
                    lambda documents: rebuild_knowledge(settings, documents),
                    limit=min(MAX_FILE_BYTES, reading.max_file_bytes), read=lambda path: load_file(path, reading),
                    on_change=watch.changed_here)
    router.files = ingest
    metrics = Metrics(repository, clock, platforms=senders)
    scheduler.outbox.watch = metrics.delivered
    unanswered = settings.unanswered
    router.questions.declined = UnansweredLog(repository, Retention(unanswered.keep_days, unanswered.keep_rows),
                                              keep=unanswered.enabled, declined=metrics.declined).record
    shown = UnansweredCommands(repository, services.permissions, settings.zone)
    for command in time_commands(services, router) + ingest.commands() + shown.commands():
        router.register(command)
    runtime = Runtime(router, scheduler, services, metrics, knowledge_watch=watch)
    metrics.leads = lambda: runtime.leads()
    return runtime


def follow_documents(runtime: Runtime, settings: Settings, now: datetime) -> int:
    """The config switch: chats that follow every deadline of chosen documents get a reminder for each
    (past ones skipped; running it again changes nothing). Returns how many reminders exist for them."""
    count = 0
    for follow in settings.schedules.follow:
        platform, _, chat_id = follow.chat.partition(":")
        chat = runtime.services.repository.chat(platform, chat_id, now, kind=follow.kind)
        for document in runtime.knowledge.documents:
            if "*" not in follow.documents and document.info.key not in follow.documents:
                continue
            for deadline in document.deadlines:
                if runtime.services.reminders.follow(chat, deadline, now) is not None:
                    count += 1
    return count


def build_router(settings: Settings, knowledge: KnowledgeBase) -> Router:
    """A router for questions only (no storage): the command-line `ask`, tests of answering."""
    return Router(knowledge, settings.zone)
