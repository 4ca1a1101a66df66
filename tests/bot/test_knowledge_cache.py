"""The knowledge cache in the running bot: where it lives (knowledge.cache_dir, beside the SQLite file by default),
and a file ingested in chat is parsed once and answered from at once, the documents staying on disk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.config import ConfigError, KnowledgeSettings, LimitsSettings, Settings, load_settings
from bot.wiring import build_runtime, load_knowledge
from handlers.incoming import Attachment, IncomingMessage
from knowledge.base import KnowledgeBase, LoadReport
from knowledge.shelf import ShelvedDocuments
from tests.conftest import VIETNAM
from tests.directives import directive, docx_bytes, write

NOW = datetime(2026, 3, 10, 9, tzinfo=VIETNAM)


def configured(tmp_path: Path, text: str) -> Settings:
    config = tmp_path / "config.yaml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config)


def test_the_cache_lies_beside_the_sqlite_file_unless_configured(tmp_path: Path) -> None:
    assert configured(tmp_path, "database_url: sqlite:///du-lieu/bot.db\n").knowledge_cache == \
        tmp_path / "du-lieu" / "index"
    assert configured(tmp_path, "database_url: postgresql+psycopg://u@h/bot\n").knowledge_cache == \
        tmp_path / "data" / "index"
    assert configured(tmp_path, "knowledge:\n  cache_dir: bo-nho\n").knowledge_cache == tmp_path / "bo-nho"
    assert Settings().knowledge_cache == Path("data/index")


def test_a_cache_dir_that_is_a_file_is_refused_by_its_key(tmp_path: Path) -> None:
    (tmp_path / "tep").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"khóa knowledge\.cache_dir: phải là một thư mục"):
        configured(tmp_path, f"knowledge:\n  cache_dir: {tmp_path / 'tep'}\n")


def settings_for(tmp_path: Path) -> Settings:
    sources = tmp_path / "van-ban"
    write(sources / "bhyt.txt", directive("15/KH-UBND", "06/03/2026", "bhyt"))
    write(sources / "giong.txt", directive("18/KH-UBND", "07/03/2026", "giong"))
    return Settings(database_url=f"sqlite:///{tmp_path / 'bot.db'}", admins=["console:*"],
                    knowledge=KnowledgeSettings(sources=[sources], ingest_dir=tmp_path / "kho"))


def parsed_by(settings: Settings) -> list[str]:
    names: list[str] = []

    def seen(report: LoadReport) -> None:
        names.append(Path(report.path).name)

    load_knowledge(settings, on_file=seen)
    return sorted(names)


def sent(name: str, content: bytes) -> IncomingMessage:
    return IncomingMessage("console", "console", "console", "", NOW, attachment=Attachment(name, len(content), content))


def test_a_file_ingested_in_chat_is_parsed_once_and_answered_from_the_cache(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    assert parsed_by(settings) == ["bhyt.txt", "giong.txt"]
    knowledge = load_knowledge(settings)
    assert isinstance(knowledge.documents, ShelvedDocuments)
    assert "60%" not in knowledge.ask("tỷ lệ hộ phân loại rác tại nguồn").to_json()["answer"]
    runtime = build_runtime(settings, knowledge, {}, lambda: NOW)
    [reply] = runtime.router.dispatch(sent("Kế hoạch rác.docx", docx_bytes(directive("12/KH-UBND", "05/03/2026"))))
    assert "Đã nạp «Kế hoạch rác.docx»" in reply.text and "Hạn gần nhất" in reply.text and "30/06/2026" in reply.text
    refreshed = runtime.knowledge
    assert refreshed is not knowledge and isinstance(refreshed.documents, ShelvedDocuments)
    assert len(refreshed.documents) == 3
    assert "60%" in refreshed.ask("tỷ lệ hộ phân loại rác tại nguồn").to_json()["answer"]
    assert parsed_by(settings) == []  # a restart reads nothing again: the ingested file was put on the shelf
    [again] = runtime.router.dispatch(sent("ban sao.docx", docx_bytes(directive("12/KH-UBND", "05/03/2026"))))
    assert again.text.startswith("Văn bản này đã có: Kế hoạch 12/KH-UBND")
    assert sorted(path.name for path in (tmp_path / "kho").iterdir()) == ["Kế hoạch rác.docx"]


def test_the_configured_limits_share_the_cache_with_the_library_defaults(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)  # config limits are read as 200 where the library's default is 200.0
    load_knowledge(settings)
    parsed: list[str] = []
    KnowledgeBase.load(settings.knowledge.sources, cache=settings.knowledge_cache,
                       on_file=lambda report: parsed.append(report.path))
    assert parsed == [] and len([path for path in settings.knowledge_cache.iterdir() if path.name != "documents"]) == 1


def test_the_configured_reading_limits_bound_the_files_loaded_at_start(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    write(tmp_path / "van-ban" / "lon.txt", directive("21/KH-UBND", "09/03/2026", "rac") + "Nội dung thêm. " * 80_000)
    settings.knowledge.limits = LimitsSettings(max_file_mb=1)
    knowledge = load_knowledge(settings)
    assert [Path(problem.path).name for problem in knowledge.problems] == ["lon.txt"]
    assert "MB" in knowledge.problems[0].reason and len(knowledge.documents) == 2
