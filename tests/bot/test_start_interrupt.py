"""Ctrl+C: the console chat in a terminal and `run` stop quietly (no traceback), promptly, with 130 and 0."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.bot.starting import config
from tests.fakes import FakeTelegram

ROOT = Path(__file__).resolve().parents[2]


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL", "DIRECTIVE_BOT_CONFIG")}
    env.update(PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "c"), XDG_DATA_HOME=str(tmp_path / "d"), **extra)
    return env


def _in_terminal(argv: list[str], env: dict[str, str], cwd: Path, wait_for: bytes) -> tuple[int, str, float]:
    """Run in a pseudo-terminal, press Ctrl+C once `wait_for` was printed; the exit code, everything printed, and
    how long the process took to end after Ctrl+C."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the bot
        os.chdir(cwd)
        os.execvpe(sys.executable, [sys.executable, "-m", "bot", *argv], env)
    output, started, pressed = b"", time.monotonic(), 0.0
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal: it has ended
                    break
                if not chunk:
                    break
                output += chunk
            now = time.monotonic()
            if not pressed and wait_for in output:
                os.write(fd, b"\x03")
                pressed = now
            if now - started > 120 or (pressed and now - pressed > 20):
                os.kill(pid, signal.SIGKILL)
                break
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace"), time.monotonic() - pressed


@pytest.mark.parametrize("wait_for", ["› ", "Cấu hình"], ids=["at-prompt", "loading"])
def test_ctrl_c_in_the_console_exits_quietly_with_130(tmp_path: Path, wait_for: str) -> None:
    """At the prompt, and while the knowledge loads (the first line is printed before it)."""
    code, printed, took = _in_terminal([], _environment(tmp_path), tmp_path, wait_for.encode())
    assert code == 130, printed
    assert "Traceback" not in printed and "KeyboardInterrupt" not in printed
    assert took < 10  # the chat does not wait for another line before it ends


def test_ctrl_c_stops_run_cleanly_with_0(tmp_path: Path) -> None:
    token = "123456:TEST-token"
    with FakeTelegram(token).in_thread() as server:
        path = config(tmp_path, f"database_url: sqlite:///{tmp_path / 'bot.db'}\nplatforms:\n  telegram:\n"
                                f"    token: ${{TELEGRAM_BOT_TOKEN}}\n    base_url: {server.base_url}/bot\n")
        process = subprocess.Popen([sys.executable, "-m", "bot", "--config", str(path), "run"], cwd=tmp_path,
                                   env=_environment(tmp_path, TELEGRAM_BOT_TOKEN=token),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 90
            while not server.calls_to("getUpdates") and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert f"Cấu hình: {path} (chọn bằng --config)" in stderr and "Văn bản: " in stderr  # logged at start
    assert token not in stderr
