"""`python -m bot run`: start-up errors that say what to set, and a real process serving Telegram until SIGTERM."""

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


def write_config(folder: Path, body: str) -> Path:
    config = folder / "config.yaml"
    config.write_text(f"database_url: sqlite:///{folder / 'bot.db'}\n" + body, encoding="utf-8")
    return config


def start_error(config: Path, environ: dict[str, str], capsys: pytest.CaptureFixture[str],
                monkeypatch: pytest.MonkeyPatch) -> str:
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert main(["--config", str(config), "run"], stdout=io.StringIO()) == 2
    return capsys.readouterr().err


def test_a_missing_token_names_the_variable_and_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    config = write_config(tmp_path, "platforms:\n  telegram: {token: '${TELEGRAM_BOT_TOKEN}'}\n"
                                    "  zalo: {enabled: true, token: '${ZALO_BOT_TOKEN}'}\n")
    error = start_error(config, {"TELEGRAM_BOT_TOKEN": "123:abc"}, capsys, monkeypatch)
    assert "platforms.zalo.token" in error and "ZALO_BOT_TOKEN" in error and str(config) in error
    assert "Đặt biến môi trường đó" in error and "123:abc" not in error
    written = write_config(tmp_path, "platforms:\n  telegram: {token: '${TELEGRAM_BOT_TOKEN}'}\n"
                                     "  zalo: {enabled: true}\n")
    assert "Ghi token vào khóa đó" in start_error(written, {"TELEGRAM_BOT_TOKEN": "123:abc"}, capsys, monkeypatch)


def test_without_any_token_run_points_to_the_console(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = write_config(tmp_path, "platforms:\n  telegram: {token: '${TELEGRAM_BOT_TOKEN}'}\n")
    error = start_error(config, {}, capsys, monkeypatch)
    assert "TELEGRAM_BOT_TOKEN" in error and "python -m bot" in error


def test_webhook_mode_needs_a_public_https_address(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    config = write_config(tmp_path, "platforms:\n  telegram: {token: '${TELEGRAM_BOT_TOKEN}', mode: webhook}\n")
    error = start_error(config, {"TELEGRAM_BOT_TOKEN": "123:abc"}, capsys, monkeypatch)
    assert "webhook.public_url" in error
    bad = write_config(tmp_path, "webhook: {public_url: 'http://bot.example.vn'}\n")
    assert main(["--config", str(bad), "run"], stdout=io.StringIO()) == 2
    assert "khóa webhook.public_url" in capsys.readouterr().err


def test_a_token_the_server_refuses_stops_the_start_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with FakeTelegram("123456:RIGHT-token").in_thread() as server:
        config = write_config(tmp_path, "platforms:\n  telegram:\n    token: ${TELEGRAM_BOT_TOKEN}\n"
                                        f"    base_url: {server.base_url}/bot\n")
        error = start_error(config, {"TELEGRAM_BOT_TOKEN": "123456:WRONG-token"}, capsys, monkeypatch)
    assert "telegram" in error and "platforms.telegram.base_url" in error and "WRONG-token" not in error


def test_the_process_serves_telegram_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    token = "123456:TEST-token"
    with FakeTelegram(token).in_thread() as server:
        config = write_config(tmp_path, "platforms:\n  telegram:\n    token: ${TELEGRAM_BOT_TOKEN}\n"
                                        f"    base_url: {server.base_url}/bot\n    poll_gap: 0\n")
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TELEGRAM_BOT_TOKEN": token}
        env.pop("ZALO_BOT_TOKEN", None)
        # No command: with a token configured, `python -m bot` runs the messengers.
        process = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(config)], cwd=ROOT, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while not server.calls_to("getUpdates") and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            server.message(42, "chỉ tiêu ty le BHYT")
            while not server.sent and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, stderr
    assert "99,6%" in str(server.sent[0]["text"])
    assert token not in stderr and "running: telegram (polling)" in stderr
