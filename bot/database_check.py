"""The database at start: its URL checked, its place checked, opened, and any failure said in one Vietnamese line."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bot.config import Settings
from bot.errors import StartupProblem, os_reason
from bot.wiring import open_repository
from schedules.errors import SchemaError
from schedules.repository import Repository

SQLITE_EXAMPLE = "sqlite:///data/bot.db"
POSTGRES_EXAMPLE = "postgresql+psycopg://người_dùng:mật_khẩu@máy_chủ/tên_csdl"
MIN_FREE_BYTES = 1024 * 1024  # below this nothing can be written: a new schema alone takes more
_SYNC_DRIVERS = {"sqlite": {"pysqlite"}, "postgresql": {"psycopg", "psycopg2", "pg8000", "psycopg2cffi"}}
_DRIVER_MODULES = {"psycopg", "psycopg2", "pg8000", "psycopg2cffi", "asyncpg", "MySQLdb", "pymysql", "cx_Oracle",
                   "oracledb", "pyodbc", "aiosqlite"}
_URL = re.compile(r"^(?P<dialect>[A-Za-z][A-Za-z0-9]*)(?:\+(?P<driver>[A-Za-z0-9_]+))?://(?P<rest>.*)$", re.S)


def mask_url(url: str) -> str:
    """The URL with its password (before the last "@", or a password= parameter) replaced by ***."""
    scheme, separator, rest = url.partition("://")
    user_part, at, host_part = rest.rpartition("@")
    if separator and at and ":" in user_part:
        url = f"{scheme}://{user_part.split(':', 1)[0]}:***@{host_part}"
    return re.sub(r"(?i)(password=)[^&]*", r"\1***", url)


def url_password(url: str) -> str | None:
    """The password written in the URL, to be kept out of logs."""
    _, separator, rest = url.partition("://")
    user_part = rest.rpartition("@")[0] if separator else ""
    return user_part.split(":", 1)[1] if ":" in user_part else None


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL (None for another database or one in memory)."""
    if not url.startswith("sqlite:///"):
        return None
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    return Path(path) if path and path != ":memory:" else None


def check_url(url: str, where: str) -> None:
    """A URL the bot can use: SQLite or PostgreSQL with a synchronous driver, written the way SQLAlchemy reads it."""
    shown = mask_url(url)
    match = _URL.match(url.strip())
    if url.startswith("sqlite:") and match is None:
        raise StartupProblem(f"{where}: «{shown}» viết sai: SQLite cần ba dấu gạch chéo, ví dụ {SQLITE_EXAMPLE} "
                             "(tương đối với thư mục tệp cấu hình) hoặc sqlite:////đường/dẫn/tuyệt/đối/bot.db.")
    if match is None:
        raise StartupProblem(f"{where}: «{shown}» không phải URL cơ sở dữ liệu; ví dụ {SQLITE_EXAMPLE} hoặc "
                             f"{POSTGRES_EXAMPLE}.")
    dialect, driver, rest = match["dialect"].lower(), match["driver"], match["rest"]
    if dialect == "postgres":
        raise StartupProblem(f"{where}: viết postgresql+psycopg:// thay cho postgres:// (SQLAlchemy không nhận "
                             "tên viết tắt).")
    if dialect not in _SYNC_DRIVERS:
        raise StartupProblem(f"{where}: bot chỉ chạy trên SQLite hoặc PostgreSQL, không dùng được «{dialect}»; "
                             f"ví dụ {SQLITE_EXAMPLE} hoặc {POSTGRES_EXAMPLE}.")
    if driver is not None and driver not in _SYNC_DRIVERS[dialect]:
        known = ", ".join(f"{dialect}+{name}" for name in sorted(_SYNC_DRIVERS[dialect]))
        raise StartupProblem(f"{where}: bot không dùng được thư viện kết nối «{driver}» (bot cần kết nối đồng "
                             f"bộ); dùng một trong: {known}.")
    if dialect == "sqlite" and rest and not rest.startswith("/"):
        raise StartupProblem(f"{where}: «{shown}» viết sai: SQLite cần ba dấu gạch chéo, ví dụ {SQLITE_EXAMPLE}.")
    if dialect == "postgresql" and not rest.strip("/"):
        raise StartupProblem(f"{where}: thiếu máy chủ và tên cơ sở dữ liệu, ví dụ {POSTGRES_EXAMPLE}.")


def check_sqlite_place(path: Path, where: str) -> None:
    """The file's folder exists (created if need be) and can be written, the file too, and the disk has room."""
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise StartupProblem(f"{where}: {folder} là một tệp, không phải thư mục: sửa đường dẫn trong "
                             "database_url.") from None
    except OSError as error:
        raise StartupProblem(f"{where}: không tạo được thư mục {folder} cho cơ sở dữ liệu ({os_reason(error)}): "
                             "tạo thư mục và cấp quyền ghi, hoặc đổi database_url.") from None
    if path.is_dir():
        raise StartupProblem(f"{where}: {path} là thư mục; database_url phải chỉ tới một tệp, ví dụ "
                             f"{path / 'bot.db'}.")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise StartupProblem(f"{where}: tệp cơ sở dữ liệu {path} chỉ cho đọc: cấp quyền ghi cho người chạy bot "
                             "(chmod u+w) hoặc chép tệp tới nơi ghi được rồi đổi database_url.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StartupProblem(f"{where}: thư mục {folder} chỉ cho đọc: SQLite cần ghi tệp {path.name}-wal và "
                             f"{path.name}-shm bên cạnh cơ sở dữ liệu; cấp quyền ghi cho thư mục hoặc đổi "
                             "database_url.")
    free = shutil.disk_usage(folder).free
    if free < MIN_FREE_BYTES:
        raise StartupProblem(f"{where}: ổ đĩa chứa {folder} đã đầy (còn {free // 1024} KB): giải phóng chỗ trống "
                             "rồi chạy lại.")


def probe_sqlite_write(path: Path, where: str) -> None:
    """Write to the database and roll it back: a file, folder or file system that cannot be written fails here,
    at start, rather than at the first reminder (taking the write lock alone does not write anything)."""
    try:
        connection = sqlite3.connect(path, timeout=10, isolation_level=None)
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("CREATE TABLE bot_write_probe (x INTEGER)")
            connection.execute("ROLLBACK")
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise StartupProblem(_sqlite_message(str(error), path, where)) from None


def _sqlite_message(reason: str, path: Path, where: str) -> str:
    lowered = reason.lower()
    if "readonly" in lowered or "read-only" in lowered:
        return (f"{where}: cơ sở dữ liệu {path} chỉ cho đọc: cấp quyền ghi cho tệp và thư mục {path.parent}, "
                "hoặc đổi database_url.")
    if "disk is full" in lowered:
        return f"{where}: ổ đĩa chứa {path.parent} đã đầy: giải phóng chỗ trống rồi chạy lại."
    if "not a database" in lowered:
        return f"{where}: {path} không phải tệp SQLite: đổi database_url sang một tệp khác (bot tự tạo tệp mới)."
    if "locked" in lowered:
        return f"{where}: {path} đang bị tiến trình khác khóa ghi: dừng tiến trình đó (hoặc dùng PostgreSQL)."
    if "unable to open" in lowered:
        return (f"{where}: không mở được {path}: kiểm tra thư mục {path.parent} có và ghi được, hoặc đổi "
                "database_url.")
    if "disk i/o" in lowered:
        return f"{where}: lỗi đọc ghi ổ đĩa khi mở {path}: kiểm tra ổ đĩa (còn chỗ, không hỏng) rồi chạy lại."
    return f"{where}: không dùng được {path} ({reason})."


def _query_authority(url: str) -> str:
    """"host:port" given in the query string (libpq reads them there too), or ""."""
    query = parse_qs(urlsplit(url).query)
    host, port = query.get("host", [""])[0], query.get("port", [""])[0]
    return f"{host}:{port}" if host and port else host


def _postgres_message(reason: str, url: str, where: str) -> str:
    rest = url.partition("://")[2]
    host_part = rest.rpartition("@")[2]
    authority = host_part.split("/", 1)[0] or _query_authority(url) or "localhost"
    database = host_part.split("/", 1)[1].split("?", 1)[0] if "/" in host_part else ""
    first = reason.strip().splitlines()[0] if reason.strip() else ""
    lowered = reason.lower()
    if "password authentication failed" in lowered:
        return f"{where}: PostgreSQL tại {authority} từ chối tên người dùng hoặc mật khẩu: sửa chúng trong URL."
    if "does not exist" in lowered and "database" in lowered:
        return (f"{where}: PostgreSQL tại {authority} chưa có cơ sở dữ liệu «{database}»: tạo bằng "
                f"`createdb {database}` hoặc sửa tên trong URL.")
    if "does not exist" in lowered and "role" in lowered:
        return f"{where}: PostgreSQL tại {authority} không có người dùng này: tạo bằng `createuser` hoặc sửa URL."
    if "no pg_hba.conf entry" in lowered:
        return f"{where}: PostgreSQL tại {authority} không cho máy này kết nối: thêm một dòng vào pg_hba.conf."
    if "translate host name" in lowered or "name or service not known" in lowered:
        return f"{where}: không tìm thấy máy chủ PostgreSQL «{authority}»: sửa tên máy chủ trong URL."
    if "refused" in lowered:
        return (f"{where}: không kết nối được PostgreSQL tại {authority} (máy chủ không nhận kết nối): kiểm tra "
                "PostgreSQL đang chạy và địa chỉ, cổng trong URL.")
    if "timeout" in lowered or "timed out" in lowered:
        return (f"{where}: PostgreSQL tại {authority} không trả lời: kiểm tra mạng, tường lửa và địa chỉ trong "
                "URL.")
    return f"{where}: không kết nối được PostgreSQL tại {authority} ({first})."


def explain(error: BaseException, url: str, where: str, *, files: bool = True) -> str | None:
    """One line for an error raised while opening the database, or None when it is not a database problem;
    `files`: a file-system error (disk full, no permission) in the chain is the database's too."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        original = getattr(current, "orig", None)
        for candidate in (original, current):
            if candidate is None:
                continue
            message = _one(candidate, url, where, files)
            if message is not None:
                return message
        current = current.__cause__ or current.__context__
    return None


def _one(error: BaseException, url: str, where: str, files: bool) -> str | None:
    name, module = type(error).__name__, type(error).__module__.split(".")[0]
    path = sqlite_file(url)
    if isinstance(error, ModuleNotFoundError) and error.name in _DRIVER_MODULES:
        return (f"{where}: chưa cài thư viện kết nối «{error.name}»: cài `pip install \"directive-bot[postgres]\"` "
                f"và viết URL dạng {POSTGRES_EXAMPLE}.")
    if module == "sqlalchemy" and name == "NoSuchModuleError":
        return f"{where}: SQLAlchemy không biết loại cơ sở dữ liệu này; ví dụ {SQLITE_EXAMPLE} hoặc {POSTGRES_EXAMPLE}."
    if module == "sqlalchemy" and name == "ArgumentError":
        return f"{where}: «{mask_url(url)}» viết sai; ví dụ {SQLITE_EXAMPLE} hoặc {POSTGRES_EXAMPLE}."
    if isinstance(error, sqlite3.Error):
        return _sqlite_message(str(error), path or Path(url), where)
    if module in ("psycopg", "psycopg2", "pg8000") and name in ("OperationalError", "InterfaceError"):
        return _postgres_message(str(error), url, where)
    if files and isinstance(error, OSError) and error.errno is not None:
        place = error.filename or path or url
        return f"{where}: {place}: {os_reason(error)}; sửa quyền hoặc chỗ trống, hoặc đổi database_url."
    return None


def prepare(settings: Settings) -> None:
    """Check the configured URL and, for SQLite, the file's place; PostgreSQL gets a 10 s connect timeout so an
    unreachable server is reported instead of waiting minutes. Raises StartupProblem."""
    where = settings.where("database_url")
    check_url(settings.database_url, where)
    path = sqlite_file(settings.database_url)
    if path is not None:
        check_sqlite_place(path, where)
    match = _URL.match(settings.database_url)
    if (match is not None and match["dialect"] == "postgresql" and match["driver"] in (None, "psycopg", "psycopg2")
            and "connect_timeout" not in settings.database_url):
        joiner = "&" if "?" in settings.database_url else "?"
        settings.database_url = f"{settings.database_url}{joiner}connect_timeout=10"


def open_database(settings: Settings) -> Repository:
    """The checked database, created on first run: StartupProblem for anything the user must fix, SchemaError
    for a schema that needs `python -m bot db upgrade`."""
    prepare(settings)
    where = settings.where("database_url")
    try:
        repository = open_repository(settings)
    except SchemaError:
        raise
    except Exception as error:  # the driver's or SQLAlchemy's: said in one line when it is the database's
        message = explain(error, settings.database_url, where)
        if message is None:
            raise
        raise StartupProblem(message) from error
    path = sqlite_file(settings.database_url)
    if path is not None:
        probe_sqlite_write(path, where)
    return repository
