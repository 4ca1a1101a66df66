"""Which config file the bot uses and what it says first: the file, the database (no password), the knowledge
folders with their documents; from another folder it finds the user's config and writes nothing where it stands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config_search import ConfigChoice, locate_config
from bot.startup import config_lines
from knowledge.loading import DEFAULT_SAMPLES
from tests.bot.starting import config, problem, start

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL", "DIRECTIVE_BOT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def test_the_search_order_is_option_then_environment_then_current_folder_then_user_folder(tmp_path: Path) -> None:
    here, user = config(tmp_path / "here", ""), config(tmp_path / "xdg" / "directive-bot", "")
    named, exported = tmp_path / "named.yaml", tmp_path / "exported.yaml"
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}
    assert locate_config(named, {**environ, "DIRECTIVE_BOT_CONFIG": str(exported)}, here.parent).path == named
    assert locate_config(None, {**environ, "DIRECTIVE_BOT_CONFIG": str(exported)}, here.parent).path == exported
    assert locate_config(None, environ, here.parent) == ConfigChoice(here, "thư mục hiện tại", [here, user], user)
    assert locate_config(None, environ, tmp_path).path == user
    user.unlink()
    nothing = locate_config(None, environ, tmp_path)
    assert nothing.path is None and nothing.searched == [tmp_path / "config.yaml", user] and nothing.default == user


def test_a_relative_xdg_folder_is_ignored_as_the_specification_says(tmp_path: Path) -> None:
    choice = locate_config(None, {"XDG_CONFIG_HOME": "relative", "HOME": str(tmp_path)}, tmp_path)
    assert choice.default == tmp_path / ".config" / "directive-bot" / "config.yaml"


def test_the_first_lines_name_the_config_the_database_and_the_knowledge_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ke-hoach.md").write_text((ROOT / "tests/data/heldout/ward_plan.md").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    path = config(tmp_path, "database_url: ${DATABASE_URL}\nknowledge:\n"
                            f"  sources: ['{DEFAULT_SAMPLES}', docs]\n  ingest_dir: docs\n")
    code, banner, _ = start(["--config", str(path)], capsys, stdin="/vanban\n")
    assert code == 0
    assert banner == [f"Cấu hình: {path} (chọn bằng --config)",
                      f"Cơ sở dữ liệu: sqlite:///{tmp_path / 'bot.db'}",
                      f"Văn bản: {DEFAULT_SAMPLES} (2 văn bản), {docs} (1 văn bản)"]


def test_the_database_password_is_never_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")
    path = config(tmp_path, "database_url: postgresql+psycopg://bot:S3cret-pass@127.0.0.1:9/bot\n")
    code, banner, others = start(["--config", str(path)], capsys)
    assert code == 2
    assert "Cơ sở dữ liệu: postgresql+psycopg://bot:***@127.0.0.1:9/bot" in banner
    assert "S3cret-pass" not in "\n".join(banner + others)


def test_without_a_config_it_says_so_and_where_init_would_write_one(tmp_path: Path) -> None:
    choice = locate_config(None, {"XDG_CONFIG_HOME": str(tmp_path / "c")}, tmp_path / "elsewhere")
    assert config_lines(choice) == [
        f"Cấu hình: không có tệp config.yaml (đã tìm {tmp_path / 'elsewhere' / 'config.yaml'}, "
        f"{tmp_path / 'c' / 'directive-bot' / 'config.yaml'}); dùng cấu hình mặc định.",
        f"Tạo tệp cấu hình có chú thích: python -m bot init (sẽ ghi vào {tmp_path / 'c/directive-bot/config.yaml'}).",
    ]


def _bot(argv: list[str], cwd: Path, tmp_path: Path, stdin: str = "", **extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL", "DIRECTIVE_BOT_CONFIG")}
    env.update(PYTHONPATH=str(ROOT), XDG_CONFIG_HOME=str(tmp_path / "xdg-config"),
               XDG_DATA_HOME=str(tmp_path / "xdg-data"), **extra)
    return subprocess.run([sys.executable, "-m", "bot", *argv], input=stdin, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=180, check=False)


def test_started_from_another_folder_it_writes_nothing_there_and_finds_the_user_config(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    first = _bot([], elsewhere, tmp_path, stdin="/nhac 31/12 Nộp báo cáo năm\n")
    assert first.returncode == 0, first.stderr
    assert "Cấu hình: không có tệp config.yaml" in first.stderr and "python -m bot init" in first.stderr
    assert list(elsewhere.iterdir()) == []  # no ./data/bot.db in whatever folder it was started from
    database = tmp_path / "xdg-data" / "directive-bot" / "bot.db"
    assert f"Cơ sở dữ liệu: sqlite:///{database}" in first.stderr and database.exists()
    assert _bot(["init"], elsewhere, tmp_path).returncode == 0
    again = _bot([], tmp_path, tmp_path, stdin="/dsnhac\n")  # another folder again: same config, same reminders
    user_config = tmp_path / "xdg-config" / "directive-bot" / "config.yaml"
    assert f"Cấu hình: {user_config} (thư mục cấu hình của người dùng)" in again.stderr
    assert "Nộp báo cáo năm" in again.stdout


def test_the_environment_wins_over_the_config_in_the_current_folder(tmp_path: Path) -> None:
    here = config(tmp_path / "project", f"database_url: sqlite:///{tmp_path / 'project.db'}\n")
    chosen = config(tmp_path / "etc", f"database_url: sqlite:///{tmp_path / 'chosen.db'}\n")
    result = _bot(["db", "status"], here.parent, tmp_path, DIRECTIVE_BOT_CONFIG=str(chosen))
    assert f"Cấu hình: {chosen} (theo biến môi trường DIRECTIVE_BOT_CONFIG)" in result.stderr
    assert f"Cơ sở dữ liệu: sqlite:///{tmp_path / 'chosen.db'}" in result.stderr
    assert f"Cấu hình: {here} (thư mục hiện tại)" in _bot(["db", "status"], here.parent, tmp_path).stderr


def test_a_named_config_file_that_does_not_exist_is_said_with_who_named_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "production.yaml"
    config(tmp_path, "")  # a config in the current folder is not used instead
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DIRECTIVE_BOT_CONFIG", str(missing))
    line = problem([], capsys)
    assert line == (f"Lỗi cấu hình: {missing}: không có tệp cấu hình này (biến môi trường DIRECTIVE_BOT_CONFIG chỉ "
                    f"tới nó): sửa đường dẫn, hoặc tạo tệp có chú thích bằng `python -m bot --config {missing} init`")
    assert "(--config chỉ tới nó)" in problem(["--config", str(missing), "targets"], capsys)
