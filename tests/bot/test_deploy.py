"""deploy/check.py (run by .ci/run): the shipped Dockerfile, compose.yaml and systemd unit pass, and each way they
can drift from pyproject.toml or from the bot's needs is caught and named."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = ["Dockerfile", "compose.yaml", "config.yaml", "pyproject.toml", "deploy/directive-bot.service",
         "deploy/nginx.conf"]


def _checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deploy_check", ROOT / "deploy" / "check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _checker()


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in FILES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def problems(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = CHECK.main(["--root", str(root)])
    lines = capsys.readouterr().out.splitlines()
    assert code == (1 if lines and not lines[0].startswith("Dockerfile, compose.yaml") else 0)
    return [line for line in lines if not line.startswith("Dockerfile, compose.yaml và")]


def test_the_shipped_files_pass_as_ci_runs_them() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "deploy" / "check.py")], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "khớp với pyproject.toml" in result.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


DRIFTS: dict[str, tuple[Callable[[Path], None], str]] = {
    "extra not in pyproject": (lambda root: _edit(root / "Dockerfile", '".[postgres,ocr]"', '".[postgres,pdf]"'),
                               "extra «pdf» không có trong [project.optional-dependencies]"),
    "no postgres driver": (lambda root: _edit(root / "Dockerfile", '".[postgres,ocr]"', '".[ocr]"'),
                           "thiếu extra «postgres»"),
    "package not copied": (lambda root: _edit(root / "Dockerfile", "COPY schedules/ schedules/\n", ""),
                           "schedules chưa được COPY trước bước cài đặt"),
    "package added to pyproject": (lambda root: _edit(root / "pyproject.toml", '"knowledge"]',
                                                      '"knowledge", "reports"]'),
                                   "reports chưa được COPY trước bước cài đặt"),
    "python too old": (lambda root: _edit(root / "Dockerfile", "FROM python:3.11-slim", "FROM python:3.10-slim"),
                       "python 3.10 thấp hơn requires-python"),
    "ocr without tesseract": (lambda root: _edit(root / "Dockerfile", " tesseract-ocr-vie", ""),
                              "extra «ocr» cần gói apt tesseract-ocr-vie"),
    "compose not yaml": (lambda root: _edit(root / "compose.yaml", "  postgres:\n", "  postgres: [\n"),
                         "compose.yaml:"),
    "no knowledge volume": (lambda root: _edit(root / "compose.yaml", ":/app/data/documents", ":/srv/docs"),
                            "bot.volumes phải gắn thư mục văn bản (knowledge.ingest_dir) vào /app/data/documents"),
    "workers before the schema": (lambda root: _edit(root / "compose.yaml", "service_completed_successfully",
                                                     "service_started"), "bot phải chờ migrate xong"),
    "sqlite in compose": (lambda root: _edit(root / "compose.yaml", "DATABASE_URL: postgresql+psycopg://",
                                             "DATABASE_URL: sqlite:///x#"), "DATABASE_URL phải là postgresql+psycopg"),
    "metrics on the public address": (lambda root: _edit(root / "deploy/nginx.conf",
                                                        "location ~ ^/(telegram|zalo|healthz)$ {", "location / {"),
                                       "deploy/nginx.conf:"),
    "restart loop on a config error": (lambda root: _edit(root / "deploy/directive-bot.service",
                                                          "RestartPreventExitStatus=2\n", ""),
                                       "thiếu RestartPreventExitStatus=2"),
}


@pytest.mark.parametrize("drift", list(DRIFTS))
def test_each_drift_is_named(copy: Path, capsys: pytest.CaptureFixture[str], drift: str) -> None:
    assert problems(copy, capsys) == []
    change, said = DRIFTS[drift]
    change(copy)
    found = problems(copy, capsys)
    assert any(said in line for line in found), found


def test_the_knowledge_folder_follows_the_config_s_ingest_dir(copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(copy / "config.yaml", "ingest_dir: data/documents", "ingest_dir: van-ban")
    assert any("vào /app/van-ban" in line for line in problems(copy, capsys))


def test_the_proxy_put_metrics_on_the_public_webhook_address(capsys: pytest.CaptureFixture[str]) -> None:
    """compose's nginx forwarded every path to a random worker: /metrics went public (and one worker's at a
    time). Only the webhooks and /healthz go through; Prometheus scrapes each worker on the compose network."""
    text = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    assert CHECK.check_proxy(ROOT) == []
    forwarded = CHECK.forwarded_paths(text)
    assert {"/telegram", "/zalo", "/healthz"} <= forwarded and "/metrics" not in forwarded
