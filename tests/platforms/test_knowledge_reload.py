"""A document stored with `python -m bot ingest` while the bot runs was answered only after a restart: the command
now counts the knowledge version up and the running bot loads it within seconds."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import pytest

from bot.cli import main
from bot.config import load_settings
from knowledge.base import KnowledgeBase
from tests.clock import FakeClock
from tests.directives import directive, docx_bytes
from tests.fakes import FakeTelegram
from tests.platforms.conftest import TELEGRAM_TOKEN, running, until
from tests.platforms.test_telegram import texts_to

PLAN = directive("12/KH-UBND", "05/11/2026", report_by="31/12/2026")


@pytest.mark.asyncio
async def test_a_document_ingested_from_the_command_line_is_answered_without_a_restart(
        tmp_path: Path, telegram: FakeTelegram, clock: FakeClock, samples: KnowledgeBase,
        monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"database_url: sqlite:///{tmp_path / 'bot.db'}\n"
                      f"knowledge: {{sources: [], ingest_dir: '{tmp_path / 'kho'}',"
                      f" cache_dir: '{tmp_path / 'index'}'}}\n"
                      f"platforms:\n  telegram:\n    token: ${{TELEGRAM_BOT_TOKEN}}\n"
                      f"    base_url: {telegram.base_url}/bot\n    poll_gap: 0\n", encoding="utf-8")
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TELEGRAM_TOKEN)
    settings = load_settings(config, {"TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN})
    plan = tmp_path / "ke-hoach.docx"
    plan.write_bytes(docx_bytes(PLAN))
    async with running(settings, samples, clock) as service:
        watch = service.runtime.knowledge_watch
        assert watch is not None
        out = io.StringIO()
        assert await asyncio.to_thread(main, ["--config", str(config), "ingest", str(plan)], out) == 0
        assert "→ đã thêm vào" in out.getvalue()
        await until(lambda: watch.reloads, what="the running bot to load the new document")
        telegram.message(42, "tỷ lệ hộ gia đình phân loại rác tại nguồn là bao nhiêu")
        [answer] = await until(lambda: texts_to(telegram, 42), what="the answer")
    assert "60%" in answer and "12/KH-UBND" in answer
