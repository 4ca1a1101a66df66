"""Settings: defaults, secrets from the environment, and errors that name the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from knowledge.loading import DEFAULT_SAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_no_config_file_means_console_on_the_samples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    environ = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "share")}
    settings = load_settings(environ=environ)
    assert settings.knowledge.sources[0] == DEFAULT_SAMPLES
    assert not settings.platforms.telegram.configured and not settings.platforms.zalo.configured
    assert settings.timezone == "Asia/Ho_Chi_Minh"
    # The user's data folder, not the folder it was started from: started elsewhere, it finds the same reminders.
    assert settings.database_url == f"sqlite:///{tmp_path / 'share' / 'directive-bot' / 'bot.db'}"
    assert settings.knowledge.ingest_dir == tmp_path / "share" / "directive-bot" / "documents"
    assert load_settings(environ={**environ, "DATABASE_URL": "sqlite:////srv/bot.db"}).database_url == (
        "sqlite:////srv/bot.db")


def test_the_shipped_config_is_valid_and_reads_tokens_from_the_environment() -> None:
    without = load_settings(ROOT / "config.yaml", environ={})
    assert not without.platforms.telegram.configured
    assert without.knowledge.sources[0] == ROOT / "knowledge" / "samples"
    settings = load_settings(ROOT / "config.yaml", environ={"TELEGRAM_BOT_TOKEN": "123456:secret-token"})
    telegram = settings.platforms.telegram
    assert telegram.configured and telegram.token is not None
    assert telegram.token.get_secret_value() == "123456:secret-token"
    assert "secret-token" not in repr(settings) and "secret-token" not in str(telegram)


def test_environment_defaults_and_relative_paths(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(
        "database_url: ${DB_URL:-sqlite:///state/bot.db}\nknowledge:\n  sources: [docs]\n", encoding="utf-8"
    )
    settings = load_settings(config, environ={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'state' / 'bot.db'}"
    assert settings.knowledge.sources == [tmp_path / "docs"]
    assert load_settings(config, environ={"DB_URL": "postgresql://db/bot"}).database_url == "postgresql://db/bot"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("timezone: Sao/Hoa\n", "khóa timezone: múi giờ không tồn tại"),
        ("schedules:\n  lead_days: [7, -2]\n", "khóa schedules.lead_days"),
        ("platforms:\n  telegram:\n    mode: carrier-pigeon\n", "khóa platforms.telegram.mode"),
        ("knowledge:\n  answer_threshold: 3\n", "khóa knowledge.answer_threshold"),
        ("knowlege:\n  sources: []\n", "khóa knowlege: khóa không được hỗ trợ"),
        ("admins: [123]\n", "khóa admins"),
        ("timezone: [unclosed\n", "dòng 1, cột 11: dấu «[» mở ở đây chưa được đóng"),
        ("- just\n- a list\n", "bảng khóa"),
        ("platforms:\n  telegram:\n    webhook_secret: a b c d e f g h\n", "khóa platforms.telegram.webhook_secret"),
        ("platforms:\n  zalo:\n    webhook_secret: short\n", "khóa platforms.zalo.webhook_secret: để trống"),
    ],
)
def test_a_bad_config_names_the_file_and_the_key(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config, environ={})
    assert str(config) in str(raised.value)
    assert message in str(raised.value)


def test_admins() -> None:
    settings = load_settings(ROOT / "config.yaml", environ={})
    assert settings.is_admin("console", "anyone")
    assert not settings.is_admin("telegram", "42")


def test_a_platform_section_keeps_that_platform_s_own_defaults(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("platforms:\n  telegram:\n    token: ${TELEGRAM_BOT_TOKEN}\n  zalo:\n    enabled: false\n",
                      encoding="utf-8")
    settings = load_settings(config, {"TELEGRAM_BOT_TOKEN": "123:abc"})
    telegram, zalo = settings.platforms.telegram, settings.platforms.zalo
    assert telegram.configured and telegram.base_url == "https://api.telegram.org/bot"
    assert telegram.messages_per_second == 29 and telegram.poll_gap == 0 and telegram.mode == "polling"
    assert not zalo.enabled and zalo.base_url == "https://bot-api.zaloplatforms.com/bot"
    assert zalo.messages_per_second == 5
    assert settings.where("platforms.telegram.token").endswith("khóa platforms.telegram.token (biến môi trường "
                                                               "TELEGRAM_BOT_TOKEN)")


def test_a_config_file_named_in_the_environment_must_exist(tmp_path: Path) -> None:
    missing = tmp_path / "production.yaml"
    with pytest.raises(ConfigError) as raised:
        load_settings(environ={"DIRECTIVE_BOT_CONFIG": str(missing)})
    assert str(missing) in str(raised.value) and "không đọc được tệp cấu hình" in str(raised.value)


def test_webhook_secrets_may_be_left_empty_or_set(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("platforms:\n  telegram:\n    webhook_secret: ${SECRET:-}\n"
                      "  zalo:\n    webhook_secret: ${SECRET:-}\n", encoding="utf-8")
    assert load_settings(config, environ={}).platforms.zalo.webhook_secret is not None  # empty: one made at start
    secret = load_settings(config, environ={"SECRET": "Abc_123-xyz"}).platforms.telegram.webhook_secret
    assert secret is not None and secret.get_secret_value() == "Abc_123-xyz"
