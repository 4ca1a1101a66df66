"""The wiring of ingest: the folder it stores into is always loaded, the configured reading limits bound a file sent
in chat, and a rebuilt knowledge base keeps one document per directive."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.config import KnowledgeSettings, LimitsSettings, Settings
from bot.wiring import build_runtime, knowledge_sources, rebuild_knowledge
from handlers.incoming import Attachment, IncomingMessage
from knowledge.base import KnowledgeBase, load_file
from tests.conftest import VIETNAM
from tests.directives import directive, write


def test_the_ingest_folder_is_loaded_even_where_the_sources_do_not_name_it(tmp_path: Path) -> None:
    shipped, store = tmp_path / "mau", tmp_path / "kho"
    shipped.mkdir()
    settings = Settings(knowledge=KnowledgeSettings(sources=[shipped], ingest_dir=store))
    assert knowledge_sources(settings) == [shipped]  # nothing ingested yet
    store.mkdir()
    assert knowledge_sources(settings) == [shipped, store]
    inside = Settings(knowledge=KnowledgeSettings(sources=[tmp_path], ingest_dir=store))
    assert knowledge_sources(inside) == [tmp_path]  # already under a source: not loaded twice
    assert knowledge_sources(settings, [shipped]) == [shipped]  # --knowledge replaces everything


def test_the_configured_file_limit_bounds_a_file_sent_in_chat(tmp_path: Path, samples: KnowledgeBase) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}", admins=["console:*"],
                        knowledge=KnowledgeSettings(ingest_dir=tmp_path / "kho", limits=LimitsSettings(max_file_mb=1)))
    now = datetime(2026, 3, 10, 9, tzinfo=VIETNAM)
    runtime = build_runtime(settings, samples, {}, lambda: now)

    def sent(size: int) -> IncomingMessage:
        return IncomingMessage("console", "console", "console", "", now, attachment=Attachment("a.pdf", size))

    assert runtime.router.screen(sent(1024 * 1024)) == []
    [refusal] = runtime.router.screen(sent(1024 * 1024 * 3 // 2))
    assert refusal.text == "Tệp «a.pdf» nặng 1,5 MB, quá giới hạn 1 MB bot tải được. Chưa lưu gì."
    assert runtime.knowledge is samples


def test_a_rebuilt_knowledge_base_keeps_one_document_per_directive(tmp_path: Path) -> None:
    documents = [load_file(write(tmp_path / name, directive("12/KH-UBND", "05/03/2026"))).document
                 for name in ("a.txt", "a.docx")]
    knowledge = rebuild_knowledge(Settings(), [document for document in documents if document is not None])
    assert [Path(document.info.path).name for document in knowledge.documents] == ["a.docx"]
