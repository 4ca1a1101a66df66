"""The one place that builds everything from the settings: knowledge base, router, platforms."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.config import Settings
from handlers.router import Router
from knowledge.base import KnowledgeBase, LoadReport
from knowledge.synonyms import DEFAULT_SYNONYMS

log = logging.getLogger(__name__)


def knowledge_sources(settings: Settings, override: Sequence[Path] | None = None) -> list[Path]:
    """The sources to load: `--knowledge` paths as given, else the configured ones that exist."""
    if override:
        return list(override)
    sources = []
    for path in settings.knowledge.sources:
        if path.exists():
            sources.append(path)
        else:
            log.debug("knowledge source %s does not exist yet; skipped", path)
    return sources


def load_knowledge(
    settings: Settings,
    override: Sequence[Path] | None = None,
    on_file: Callable[[LoadReport], None] | None = None,
) -> KnowledgeBase:
    """Load and index the directives; unreadable files are logged with their reason."""
    knowledge = KnowledgeBase.load(
        knowledge_sources(settings, override),
        synonyms=[DEFAULT_SYNONYMS, *settings.knowledge.synonyms],
        threshold=settings.knowledge.answer_threshold,
        on_file=on_file,
    )
    for problem in knowledge.problems:
        log.warning("could not load %s", problem)
    return knowledge


def build_router(settings: Settings, knowledge: KnowledgeBase) -> Router:
    """The router every platform feeds."""
    return Router(knowledge, settings.zone)
