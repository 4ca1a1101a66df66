"""Helpers for the start-up tests: run the command line, split what it said from where it stands, make places
read-only or full (as root through mounts, since root ignores file permissions)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main

BANNER = ("Cấu hình:", "Tạo tệp cấu hình", "Cơ sở dữ liệu:", "Văn bản:")


def start(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> tuple[int, list[str], list[str]]:
    """Exit code, the banner lines and the other lines on standard error."""
    code = main(argv, stdout=io.StringIO(), stdin=io.StringIO(stdin))
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    return code, [line for line in lines if line.startswith(BANNER)], [line for line in lines
                                                                        if not line.startswith(BANNER)]


def problem(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str = "") -> str:
    """The one line a start-up problem is told in; the command must exit with 2 and show no traceback."""
    code, _banner, others = start(argv, capsys, stdin)
    assert code == 2, others
    assert len(others) == 1, others
    assert "Traceback" not in others[0]
    return others[0]


def config(folder: Path, body: str, name: str = "config.yaml") -> Path:
    """A config file in `folder` (the console's admin set, so the chat can start without any token)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    return path


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True, check=False).returncode == 0


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """`path` cannot be written by this process: permissions for a normal user, a read-only bind mount for root."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(mode & ~0o222)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if not _mount("--bind", str(path), str(path)):
        pytest.skip("root without the right to mount: a read-only place cannot be made here")
    try:
        if not _mount("-o", "remount,bind,ro", str(path)):
            pytest.skip("root without the right to remount read-only")
        yield
    finally:
        subprocess.run(["umount", str(path)], capture_output=True, check=False)


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "64k") -> Iterator[Path]:
    """A folder on a file system of `size` (a tmpfs: needs root)."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)):
        pytest.skip("a small file system needs root and the right to mount")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, check=False)
