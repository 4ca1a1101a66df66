"""Start-up problems (database URL, driver, server, permissions, disk, knowledge folders): one Vietnamese line
that names the key or path and what to do, exit code 2, a traceback only with --debug."""

from __future__ import annotations

import errno
import os
import socket
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc

from bot import database_check
from tests.bot.starting import config, problem, read_only, start, tiny_disk

POSTGRES = os.environ.get("TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def _no_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN", "DATABASE_URL", "DIRECTIVE_BOT_DEBUG"):
        monkeypatch.delenv(name, raising=False)


def chat_with(tmp_path: Path, database_url: str, capsys: pytest.CaptureFixture[str]) -> str:
    path = config(tmp_path, f"database_url: '{database_url}'\n")
    return problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("mysql://bot:secret@localhost/bot", "bot chỉ chạy trên SQLite hoặc PostgreSQL, không dùng được «mysql»"),
        ("sqlite:/data/bot.db", "«sqlite:/data/bot.db» viết sai: SQLite cần ba dấu gạch chéo"),
        ("sqlite://data/bot.db", "«sqlite://data/bot.db» viết sai: SQLite cần ba dấu gạch chéo"),
        ("postgres://bot:secret@localhost/bot", "viết postgresql+psycopg:// thay cho postgres://"),
        ("postgresql+asyncpg://bot:secret@localhost/bot", "không dùng được thư viện kết nối «asyncpg»"),
        ("postgresql+psycopg://", "thiếu máy chủ và tên cơ sở dữ liệu"),
        ("bot.db", "«bot.db» không phải URL cơ sở dữ liệu"),
    ],
)
def test_a_database_url_the_bot_cannot_use_is_one_line_naming_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], url: str, said: str
) -> None:
    line = chat_with(tmp_path, url, capsys)
    assert line.startswith(f"{tmp_path / 'config.yaml'}, khóa database_url: ")
    assert said in line and "secret" not in line


def test_a_url_from_the_environment_names_the_variable_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "oracle://scott:tiger@db/orcl")
    path = config(tmp_path, "database_url: ${DATABASE_URL:-sqlite:///data/bot.db}\n")
    line = problem(["--config", str(path), "db", "status"], capsys)
    assert "khóa database_url (biến môi trường DATABASE_URL): " in line and "«oracle»" in line
    assert "tiger" not in line


def test_postgresql_without_its_driver_says_what_to_install(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("psycopg")  # the test extras' driver; psycopg2 is the one missing here
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("psycopg2 is installed: no driver is missing")
    line = chat_with(tmp_path, "postgresql+psycopg2://bot:secret@127.0.0.1/bot", capsys)
    assert "chưa cài thư viện kết nối «psycopg2»" in line and 'pip install "directive-bot[postgres]"' in line


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_postgresql_is_one_line_with_its_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("psycopg")
    port = _closed_port()
    line = chat_with(tmp_path, f"postgresql+psycopg://bot:secret@127.0.0.1:{port}/bot", capsys)
    assert f"không kết nối được PostgreSQL tại 127.0.0.1:{port}" in line and "kiểm tra PostgreSQL đang chạy" in line
    assert "secret" not in line


def test_an_unreachable_postgresql_named_in_the_query_string_was_said_to_be_localhost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """libpq takes host and port from the query string too (a Unix socket path often goes there)."""
    pytest.importorskip("psycopg")
    port = _closed_port()
    line = chat_with(tmp_path, f"postgresql+psycopg:///bot?host=127.0.0.1&port={port}&password=secret", capsys)
    assert f"không kết nối được PostgreSQL tại 127.0.0.1:{port}" in line and "localhost" not in line
    assert "secret" not in line


@pytest.mark.skipif(not POSTGRES, reason="needs TEST_POSTGRES_URL (set by .ci/run)")
def test_a_postgresql_database_that_does_not_exist_says_how_to_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert POSTGRES is not None
    url = POSTGRES.rsplit("/", 1)[0] + "/khong_co_csdl_nay"
    line = chat_with(tmp_path, url, capsys)
    assert "chưa có cơ sở dữ liệu «khong_co_csdl_nay»" in line and "createdb khong_co_csdl_nay" in line


def test_a_read_only_database_file_stops_the_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "state" / "bot.db"
    path = config(tmp_path, f"database_url: sqlite:///{database}\n")
    code, _, others = start(["--config", str(path), "db", "upgrade"], capsys)
    assert code == 0, others
    with read_only(database):
        line = problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")
    assert f"tệp cơ sở dữ liệu {database} chỉ cho đọc" in line and "cấp quyền ghi" in line


def test_a_read_only_database_folder_stops_the_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    path = config(tmp_path, f"database_url: sqlite:///{folder / 'bot.db'}\n")
    with read_only(folder):
        line = problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")
    assert f"khóa database_url: thư mục {folder} chỉ cho đọc" in line and "cấp quyền ghi cho thư mục" in line


def test_a_database_the_file_system_will_not_write_is_found_by_the_write_probe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permissions may say yes while the database cannot be written (a file system remounted read-only under
    the bot, a file locked by another system): the probe's real write is refused, and that is the one line."""
    database = tmp_path / "bot.db"
    path = config(tmp_path, f"database_url: sqlite:///{database}\n")
    assert start(["--config", str(path), "db", "upgrade"], capsys)[0] == 0
    connect = sqlite3.connect
    monkeypatch.setattr(database_check.sqlite3, "connect",
                        lambda name, **options: connect(f"file:{name}?mode=ro", uri=True, **options))
    line = problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")
    assert f"cơ sở dữ liệu {database} chỉ cho đọc" in line


def test_a_full_disk_stops_the_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with tiny_disk(tmp_path / "full") as full:
        path = config(tmp_path, f"database_url: sqlite:///{full / 'bot.db'}\n")
        line = problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")
    assert f"ổ đĩa chứa {full} đã đầy" in line and "giải phóng chỗ trống" in line


@pytest.mark.parametrize(
    "failure",
    [
        sqlalchemy.exc.OperationalError("CREATE TABLE chats", {}, sqlite3.OperationalError("database or disk is full")),
        OSError(errno.ENOSPC, "No space left on device"),
    ],
    ids=["sqlite-full", "enospc"],
)
def test_a_disk_that_fills_while_the_database_is_created_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    path = config(tmp_path, f"database_url: sqlite:///{tmp_path / 'bot.db'}\n")

    def full(_settings: object) -> object:
        raise failure

    monkeypatch.setattr(database_check, "open_repository", full)
    line = problem(["--config", str(path)], capsys, stdin="chi tieu BHYT\n")
    assert "khóa database_url" in line and ("đã đầy" in line)


def test_debug_shows_the_traceback_of_a_start_up_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, "database_url: mysql://bot@localhost/bot\n")
    code, _, others = start(["--config", str(path), "--debug"], capsys)
    assert code == 2 and others[0].startswith("Traceback") and "không dùng được «mysql»" in others[-1]
    code, _, others = start(["--config", str(path), "chat", "--debug"], capsys)  # after the command too
    assert code == 2 and others[0].startswith("Traceback")


def test_a_missing_knowledge_folder_names_the_key_and_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config(tmp_path, f"database_url: sqlite:///{tmp_path / 'bot.db'}\nknowledge:\n  sources: [van-ban]\n")
    line = problem(["--config", str(path)], capsys, stdin="chi tieu\n")
    assert line.startswith(f"{path}, khóa knowledge.sources: {tmp_path / 'van-ban'}: không có tệp hay thư mục")
    assert "tạo thư mục đó" in line
    assert problem(["--config", str(path), "targets"], capsys) == line  # the one-shot commands check it too


def test_the_ingest_folder_may_not_exist_yet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, f"database_url: sqlite:///{tmp_path / 'bot.db'}\n"
                            "knowledge:\n  sources: [tai-lieu]\n  ingest_dir: tai-lieu\n")
    code, banner, others = start(["--config", str(path)], capsys, stdin="/vanban\n")
    assert code == 0, others
    assert f"Văn bản: {tmp_path / 'tai-lieu'} (chưa có)" in banner


def test_a_missing_knowledge_path_on_the_command_line_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "khong-co.docx"
    line = problem(["ask", "--json", "--knowledge", str(missing), "chi tieu"], capsys)
    assert line == f"--knowledge {missing}: không có tệp hay thư mục này; sửa đường dẫn."


def test_missing_synonym_and_theme_files_name_their_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    synonyms = config(tmp_path, "knowledge:\n  synonyms: [viet-tat.yaml]\n", "a.yaml")
    assert "khóa knowledge.synonyms: " in problem(["--config", str(synonyms), "targets"], capsys)
    themes = config(tmp_path, f"database_url: sqlite:///{tmp_path / 'bot.db'}\nschedules:\n  themes: chu-de.yaml\n",
                    "b.yaml")
    line = problem(["--config", str(themes)], capsys, stdin="/vanban\n")
    assert "khóa schedules.themes: " in line and "themes: null" in line
