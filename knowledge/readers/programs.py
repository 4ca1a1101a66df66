"""External programs a reader needs (Tesseract, LibreOffice, antiword): found on PATH, run with a time limit,
and killed with everything they started when the limit passes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path

from knowledge.errors import DocumentError


def find(*names: str) -> str | None:
    """The full path of the first of `names` found on PATH."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    return None


def run(args: Sequence[str], *, timeout: float, path: Path, what: str, env: dict[str, str] | None = None) -> bytes:
    """The program's standard output; DocumentError naming `path` when it fails or runs past `timeout` seconds."""
    environment = {**os.environ, **(env or {})}
    try:
        process = subprocess.Popen(
            list(args), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=environment, start_new_session=True,
        )  # fmt: skip
    except OSError as error:
        raise DocumentError(str(path), f"không chạy được {what}: {error.strerror or error}") from error
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        _kill(process)
        raise DocumentError(
            str(path), f"{what} chạy quá {timeout:.0f} giây (khóa knowledge.limits.timeout_seconds)"
        ) from error
    if process.returncode != 0:
        message = " ".join(err.decode("utf-8", errors="replace").split())[-300:] or f"mã lỗi {process.returncode}"
        raise DocumentError(str(path), f"{what} báo lỗi: {message}")
    return out


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Kill the program and the processes it started (its own session), then reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError, AttributeError):
        process.kill()
    process.communicate()
