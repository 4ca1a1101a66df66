"""The deployment's settings: read once from config.yaml, secrets from the environment, validated by key."""

from __future__ import annotations

import os
import re
from datetime import time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.config_messages import validation_message
from bot.config_search import locate_config, user_data_dir
from bot.config_yaml import read_yaml, yaml_message
from bot.errors import os_reason
from bot.init_config import config_text
from knowledge.loading import DEFAULT_SAMPLES, ReadLimits

_SECRET_RE = re.compile(r"(?:[A-Za-z0-9_-]{8,256})?")  # empty: a random one at each start
_ENV_RE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::-(?P<default>[^}]*))?\}")


class ConfigError(Exception):
    """A configuration file that cannot be used: names the file and the key (or line) at fault."""


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LimitsSettings(_Section):
    """Bounds on reading one document file, so that no file can exhaust memory or time."""

    max_file_mb: float = Field(50, gt=0, le=4096)
    max_pages: int = Field(500, ge=1, le=100_000)
    max_unzipped_mb: float = Field(200, gt=0, le=16384)
    max_compression_ratio: float = Field(200, ge=10)
    ocr: bool = True
    timeout_seconds: float = Field(300, gt=0, le=86_400)

    def read_limits(self) -> ReadLimits:
        """The limits as the readers take them."""
        mb = 1024 * 1024
        return ReadLimits(
            max_file_bytes=int(self.max_file_mb * mb),
            max_pages=self.max_pages,
            max_unzipped_bytes=int(self.max_unzipped_mb * mb),
            max_compression_ratio=self.max_compression_ratio,
            ocr=self.ocr,
            timeout_seconds=self.timeout_seconds,
        )


class KnowledgeSettings(_Section):
    """Where directives come from, how sure an answer must be, and the limits on reading one file."""

    sources: list[Path] = Field(default_factory=lambda: [DEFAULT_SAMPLES, Path("data/documents")])
    ingest_dir: Path = Path("data/documents")
    synonyms: list[Path] = Field(default_factory=list)
    answer_threshold: float = Field(0.45, ge=0.0, le=1.0)
    limits: LimitsSettings = Field(default_factory=LimitsSettings)
    cache_dir: Path | None = None  # parsed files and the built index; default: "index" beside the SQLite file

    @field_validator("cache_dir")
    @classmethod
    def _cache_dir(cls, value: Path | None) -> Path | None:
        if value is not None and (not str(value).strip() or value.is_file()):
            raise ValueError("phải là một thư mục (bot giữ ở đó văn bản đã đọc và chỉ mục)")
        return value


class WebhookSettings(_Section):
    """Webhook mode: one web server for every platform in that mode, behind a public HTTPS address."""

    public_url: str = ""
    listen: str = "0.0.0.0"
    port: int = Field(8080, ge=0, le=65535)
    max_body_bytes: int = Field(1_000_000, ge=1024)

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str) -> str:
        if value and not value.startswith("https://"):
            raise ValueError("phải bắt đầu bằng https:// (Telegram và Zalo chỉ gọi webhook qua HTTPS)")
        return value.rstrip("/")


class PlatformSettings(_Section):
    """One messenger: its token (from the environment), API address, and how updates arrive."""

    enabled: bool = True
    token: SecretStr | None = None
    base_url: str = ""
    mode: Literal["polling", "webhook"] = "polling"
    webhook_secret: SecretStr | None = None
    poll_gap: float = Field(0.5, ge=0, le=60)
    messages_per_second: float = Field(25.0, gt=0)
    messages_per_minute_per_group: int = Field(20, gt=0)

    @field_validator("webhook_secret")
    @classmethod
    def _secret_shape(cls, value: SecretStr | None) -> SecretStr | None:
        """Empty, or what both platforms accept: 8–256 letters, digits, "_" or "-" (Telegram allows no other sign)."""
        if value is not None and not _SECRET_RE.fullmatch(value.get_secret_value()):
            raise ValueError("để trống, hoặc gồm 8–256 ký tự chữ cái Latin, chữ số, \"_\" hoặc \"-\"")
        return value

    @property
    def configured(self) -> bool:
        """Enabled and holding a token."""
        return self.enabled and self.token is not None and bool(self.token.get_secret_value())


_PLATFORM_DEFAULTS: dict[str, dict[str, Any]] = {
    "telegram": {"base_url": "https://api.telegram.org/bot", "messages_per_second": 29, "poll_gap": 0},
    "zalo": {"base_url": "https://bot-api.zaloplatforms.com/bot", "messages_per_second": 5, "poll_gap": 0.5},
}


class PlatformsSettings(_Section):
    """The messengers this deployment serves; a platform absent from the file is off."""

    telegram: PlatformSettings = Field(
        default_factory=lambda: PlatformSettings(enabled=False, **_PLATFORM_DEFAULTS["telegram"])
    )
    zalo: PlatformSettings = Field(
        default_factory=lambda: PlatformSettings(enabled=False, **_PLATFORM_DEFAULTS["zalo"])
    )

    @model_validator(mode="before")
    @classmethod
    def _platform_defaults(cls, value: Any) -> Any:
        """Each platform's own defaults (official API address, send rate) under what the file sets."""
        if not isinstance(value, dict):
            return value
        merged = dict(value)
        for name, defaults in _PLATFORM_DEFAULTS.items():
            given = merged.get(name)
            if isinstance(given, dict):
                merged[name] = {**defaults, **{key: item for key, item in given.items() if item is not None}}
        return merged


class FollowSettings(_Section):
    """A chat that follows every deadline of chosen documents ("*" for all) without anyone asking."""

    chat: str
    kind: Literal["private", "group"] = "group"
    documents: list[str] = Field(default_factory=lambda: ["*"])

    @field_validator("chat")
    @classmethod
    def _chat(cls, value: str) -> str:
        platform, _, chat_id = value.partition(":")
        if not platform or not chat_id:
            raise ValueError(f"«{value}» phải có dạng nền_tảng:mã_cuộc_trò_chuyện, ví dụ telegram:-1001234567890")
        return value


class ScheduleSettings(_Section):
    """When reminders, overdue notices, the weekly digest and monthly themes are sent."""

    lead_days: list[int] = Field(default_factory=lambda: [7, 1, 0])
    lead_hours: list[int] = Field(default_factory=lambda: [2])  # before a deadline that has a time of day
    send_time: time = time(7, 30)
    overdue_every_days: int = Field(1, ge=1, le=30)
    overdue_times: int = Field(3, ge=0, le=30)
    digest_weekday: int = Field(0, ge=0, le=6)  # Monday 0
    digest_time: time = time(7, 30)
    digest_days: int = Field(14, ge=1, le=90)
    theme_day: int = Field(1, ge=1, le=28)
    theme_time: time = time(8, 0)
    grace_hours: float = Field(12.0, ge=0)
    themes: Path | None = None
    follow: list[FollowSettings] = Field(default_factory=list)

    @field_validator("lead_days")
    @classmethod
    def _lead_days(cls, value: list[int]) -> list[int]:
        if any(day < 0 or day > 365 for day in value):
            raise ValueError("mỗi số ngày báo trước phải từ 0 đến 365")
        return sorted(set(value), reverse=True)

    @field_validator("lead_hours")
    @classmethod
    def _lead_hours(cls, value: list[int]) -> list[int]:
        if any(hours < 1 or hours > 23 for hours in value):
            raise ValueError("mỗi số giờ báo trước phải từ 1 đến 23")
        return sorted(set(value), reverse=True)


class ConversationSettings(_Section):
    """Fair use of the bot by each user: message length, messages per minute, reminders created per hour."""

    max_message_chars: int = Field(4000, ge=100, le=100_000)
    messages_per_minute: int = Field(30, ge=1)
    reminders_per_hour: int = Field(20, ge=1)


class MetricsSettings(_Section):
    """/metrics (Prometheus text format) and /healthz: on the webhook server, or on a port of their own."""

    enabled: bool = True
    listen: str = "127.0.0.1"
    port: int | None = Field(None, ge=0, le=65535)  # None: on the webhook server only (none when polling)


class UnansweredSettings(_Section):
    """The record of questions the bot could not answer: kept or not, and how much of it."""

    enabled: bool = True
    keep_days: int = Field(90, ge=1, le=3650)
    keep_rows: int = Field(10_000, ge=100, le=10_000_000)


class Settings(_Section):
    """Everything a deployment configures."""

    timezone: str = "Asia/Ho_Chi_Minh"
    database_url: str = "sqlite:///data/bot.db"
    admins: list[str] = Field(default_factory=list)
    knowledge: KnowledgeSettings = Field(default_factory=KnowledgeSettings)
    platforms: PlatformsSettings = Field(default_factory=PlatformsSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    schedules: ScheduleSettings = Field(default_factory=ScheduleSettings)
    conversation: ConversationSettings = Field(default_factory=ConversationSettings)
    metrics: MetricsSettings = Field(default_factory=MetricsSettings)
    unanswered: UnansweredSettings = Field(default_factory=UnansweredSettings)

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"múi giờ không tồn tại: {value}") from error
        return value

    @field_validator("admins")
    @classmethod
    def _admins(cls, value: list[str]) -> list[str]:
        for admin in value:
            if ":" not in admin:
                raise ValueError(f"«{admin}» phải có dạng nền_tảng:mã_người_dùng, ví dụ telegram:123456")
        return value

    _source: Path | None = PrivateAttr(default=None)
    _environment: dict[str, str] = PrivateAttr(default_factory=dict)

    def where(self, key: str) -> str:
        """Names a setting for an error message: "config.yaml, khóa platforms.zalo.token (biến ZALO_BOT_TOKEN)"."""
        place = f"{self._source}, khóa {key}" if self._source else f"khóa {key}"
        variable = self.variable_of(key)
        return f"{place} (biến môi trường {variable})" if variable else place

    def variable_of(self, key: str) -> str | None:
        """The environment variable a setting was read from (`${NAME}` in the file), if any."""
        return self._environment.get(key)

    @property
    def knowledge_cache(self) -> Path:
        """Where the parsed documents and the index are kept: `knowledge.cache_dir`, else a folder "index" beside
        the SQLite database file ("data/index" for sqlite:///data/bot.db), else data/index."""
        if self.knowledge.cache_dir is not None:
            return self.knowledge.cache_dir
        database = self.database_url.removeprefix("sqlite:///") if self.database_url.startswith("sqlite:///") else ""
        if database and database != ":memory:":
            return Path(database).parent / "index"
        return Path("data/index")

    @property
    def zone(self) -> ZoneInfo:
        """The deployment's timezone."""
        return ZoneInfo(self.timezone)

    def is_admin(self, platform: str, user_id: str) -> bool:
        """Whether a user is a deployment-wide administrator."""
        return f"{platform}:{user_id}" in self.admins or f"{platform}:*" in self.admins


def _substitute(value: Any, environ: dict[str, str], names: dict[str, str] | None = None, key: str = "") -> Any:
    """Replace ${NAME} and ${NAME:-default} in strings with environment values (None when unset); `names`
    collects which key reads which variable (for errors such as a missing token)."""
    names = {} if names is None else names
    if isinstance(value, dict):
        return {item_key: _substitute(item, environ, names, f"{key}.{item_key}".lstrip("."))
                for item_key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, environ, names, f"{key}.{number}") for number, item in enumerate(value)]
    if not isinstance(value, str):
        return value
    whole = _ENV_RE.fullmatch(value)
    if whole:
        names[key] = whole["name"]
        found = environ.get(whole["name"])
        return found if found else whole["default"]
    return _ENV_RE.sub(lambda match: environ.get(match["name"]) or match["default"] or "", value)


def _resolve(settings: Settings, base: Path) -> Settings:
    """Make relative paths relative to the config file's folder."""

    def absolute(path: Path) -> Path:
        return path if path.is_absolute() else (base / path)

    knowledge = settings.knowledge
    knowledge.sources = [absolute(path) for path in knowledge.sources]
    knowledge.synonyms = [absolute(path) for path in knowledge.synonyms]
    knowledge.ingest_dir = absolute(knowledge.ingest_dir)
    if settings.schedules.themes is not None:
        settings.schedules.themes = absolute(settings.schedules.themes)
    if settings.database_url.startswith("sqlite:///") and not settings.database_url.startswith("sqlite:////"):
        relative = settings.database_url.removeprefix("sqlite:///")
        if relative and relative != ":memory:":
            settings.database_url = f"sqlite:///{absolute(Path(relative))}"
    knowledge.cache_dir = absolute(settings.knowledge_cache)
    return settings


def load_settings(path: Path | None = None, environ: dict[str, str] | None = None) -> Settings:
    """Read and validate the config file: `path`, else the one `locate_config` finds; with none, the settings
    `python -m bot init` would write (data in the user's data folder)."""
    environ = dict(os.environ) if environ is None else environ
    if path is None:
        path = locate_config(None, environ).path
        if path is None:
            return parse_settings(config_text(str(user_data_dir(environ))), None, environ)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: không đọc được tệp cấu hình ({os_reason(error)})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: tệp cấu hình phải lưu bằng mã UTF-8") from None
    return parse_settings(text, path, environ)


def parse_settings(text: str, path: Path | None, environ: dict[str, str]) -> Settings:
    """Validate config text read from `path` (None: the built-in defaults, paths relative to the current folder);
    ConfigError names the file, the line and the key."""
    name = str(path) if path is not None else "cấu hình mặc định"
    try:
        raw = read_yaml(text) or {}
    except yaml.YAMLError as error:
        raise ConfigError(f"{name}: {yaml_message(error)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{name}: tệp cấu hình phải là một bảng khóa: giá trị")
    names: dict[str, str] = {}
    try:
        settings = Settings.model_validate(_substitute(raw, environ, names))
    except ValidationError as error:
        raise ConfigError(f"{name}: {validation_message(error, text)}") from None
    settings._source = path
    settings._environment = names
    return _resolve(settings, path.resolve().parent if path is not None else Path.cwd())
