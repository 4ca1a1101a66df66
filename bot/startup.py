"""Where the bot stands at start: the config file, the database and the knowledge folders it uses, each checked."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from bot.config import KnowledgeSettings, Settings
from bot.config_search import CONFIG_ENV, ConfigChoice
from bot.database_check import mask_url
from bot.errors import StartupProblem
from knowledge.base import KnowledgeBase
from knowledge.model import Document, DocumentInfo
from knowledge.shelf import ShelvedDocuments

log = logging.getLogger("bot.startup")
_ORIGINS = {"--config": "chọn bằng --config", CONFIG_ENV: f"theo biến môi trường {CONFIG_ENV}"}


def config_lines(choice: ConfigChoice) -> list[str]:
    """Which config file is used and why; with none, where the search looked and where `init` would write."""
    if choice.path is not None:
        return [f"Cấu hình: {choice.path.absolute()} ({_ORIGINS.get(choice.origin, choice.origin)})"]
    searched = ", ".join(str(path) for path in choice.searched)
    return [f"Cấu hình: không có tệp config.yaml (đã tìm {searched}); dùng cấu hình mặc định.",
            f"Tạo tệp cấu hình có chú thích: python -m bot init (sẽ ghi vào {choice.default})."]


def database_line(settings: Settings) -> str:
    """The database in use, without its password."""
    return f"Cơ sở dữ liệu: {mask_url(settings.database_url)}"


def _infos(knowledge: KnowledgeBase) -> list[DocumentInfo]:
    documents = knowledge.documents
    if isinstance(documents, ShelvedDocuments):  # kept on disk: the identities are at hand without reading them
        extra: Sequence[Document] = getattr(documents, "extra", ())  # documents ingested since the cache was made
        return [*documents.infos, *(document.info for document in extra)]
    return [document.info for document in documents]


def knowledge_line(settings: Settings, knowledge: KnowledgeBase, override: Sequence[Path] | None = None) -> str:
    """The configured knowledge folders (or files) and the ingest folder, or the --knowledge paths (`override`),
    each with the number of documents taken from it ("chưa có" for a folder the first ingest will make)."""
    sources = list(override or settings.knowledge.sources)
    ingest = settings.knowledge.ingest_dir
    if not override and not any(ingest == source or ingest.is_relative_to(source) for source in sources):
        sources.append(ingest)
    paths = [Path(info.path) for info in _infos(knowledge)]
    parts = []
    for source in sources:
        count = sum(1 for path in paths if path == source or path.is_relative_to(source))
        parts.append(f"{source} ({count} văn bản)" if source.exists() else f"{source} (chưa có)")
    unread = f"; {len(knowledge.problems)} tệp không đọc được" if knowledge.problems else ""
    return f"Văn bản: {', '.join(parts) or 'không có nguồn nào'}{unread}"


def announce(lines: Sequence[str], stream: TextIO | None) -> None:
    """Log each line, and print it on `stream` too where the log is not shown (the console chat, db)."""
    for line in lines:
        log.info("%s", line)
        if stream is not None:
            stream.write(line + "\n")
    if stream is not None:
        stream.flush()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def check_knowledge(settings: Settings, override: Sequence[Path] | None, config: Path | None = None) -> None:
    """Every knowledge source exists and can be read, but for the ingest folder and the default sources (the
    first ingest makes them); so do the synonym files and the themes file. `config` is the config file the
    settings came from. Raises StartupProblem naming the key or option."""
    if override:
        for path in override:
            _readable(path, f"--knowledge {path}", "sửa đường dẫn")
        return
    base = config.resolve().parent if config is not None else Path.cwd()
    defaults = [path if path.is_absolute() else base / path for path in KnowledgeSettings().sources]
    for path in settings.knowledge.sources:
        if not path.exists() and (_inside(path, settings.knowledge.ingest_dir) or path in defaults):
            continue
        _readable(path, f"{settings.where('knowledge.sources')}: {path}",
                  "tạo thư mục đó, sửa đường dẫn hoặc xóa dòng đó khỏi knowledge.sources")
    for path in settings.knowledge.synonyms:
        _readable(path, f"{settings.where('knowledge.synonyms')}: {path}", "sửa đường dẫn hoặc xóa dòng đó")
    if settings.schedules.themes is not None:
        _readable(settings.schedules.themes, f"{settings.where('schedules.themes')}: {settings.schedules.themes}",
                  "sửa đường dẫn, hoặc đặt themes: null để dùng lịch đi kèm")


def _readable(path: Path, what: str, fix: str) -> None:
    if not path.exists():
        raise StartupProblem(f"{what}: không có tệp hay thư mục này; {fix}.")
    if not os.access(path, os.R_OK) or (path.is_dir() and not os.access(path, os.X_OK)):
        raise StartupProblem(f"{what}: không có quyền đọc; cấp quyền đọc cho người chạy bot.")
