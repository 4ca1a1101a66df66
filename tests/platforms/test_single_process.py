"""SQLite is one process: with `python -m bot run` serving on a SQLite file, a second `run` or a console chat on the
same file would run a second scheduler and send the outbox twice; each is refused in one Vietnamese line, exit 2,
and the first goes on serving."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "123456:SINGLE-token"


def test_a_second_process_on_one_sqlite_database_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeTelegram(TOKEN).in_thread() as server:
        config = tmp_path / "config.yaml"
        config.write_text(f"database_url: sqlite:///{tmp_path / 'bot.db'}\nadmins: ['console:*']\n"
                          f"knowledge: {{cache_dir: '{tmp_path / 'index'}'}}\n"
                          f"platforms:\n  telegram:\n    token: ${{TELEGRAM_BOT_TOKEN}}\n"
                          f"    base_url: {server.base_url}/bot\n    poll_gap: 0\n", encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": TOKEN}
        env.pop("ZALO_BOT_TOKEN", None)
        first = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config), "run"], cwd=ROOT, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not server.calls_to("getUpdates") and time.monotonic() < deadline and first.poll() is None:
                time.sleep(0.05)
            assert first.poll() is None, first.communicate()[1]
            monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
            monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
            assert main(["--config", str(config), "run"], stdout=io.StringIO()) == 2
            refused_run = capsys.readouterr().err.strip().splitlines()[-1]
            assert main(["--config", str(config), "chat"], stdout=io.StringIO(), stdin=io.StringIO("")) == 2
            refused_chat = capsys.readouterr().err.strip().splitlines()[-1]
            server.message(42, "chỉ tiêu ty le BHYT")  # the first one still answers
            while not server.sent and time.monotonic() < deadline:
                time.sleep(0.05)
            first.send_signal(signal.SIGTERM)
            _, stderr = first.communicate(timeout=30)
        finally:
            if first.poll() is None:
                first.kill()
        assert main(["--config", str(config), "chat"], stdout=io.StringIO(), stdin=io.StringIO("")) == 0  # free now
    for refused in (refused_run, refused_chat):
        assert refused.startswith(f"Không khởi động được: cơ sở dữ liệu SQLite {tmp_path / 'bot.db'} đang được "
                                  f"một tiến trình bot khác dùng (tiến trình {first.pid})"), refused
        assert "PostgreSQL" in refused and "Traceback" not in refused
    assert first.returncode == 0, stderr
    assert "99,6%" in str(server.sent[0]["text"])
