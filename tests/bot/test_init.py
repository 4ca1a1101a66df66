"""`python -m bot init`: a commented config where the bot will find it, never over an existing file, and the
same settings the bot uses when it has no config file."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.cli import main
from bot.config import Settings, load_settings
from bot.init_config import config_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def environ(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    for name in ("DIRECTIVE_BOT_CONFIG", "DATABASE_URL", "TELEGRAM_BOT_TOKEN", "ZALO_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    return values


def test_init_writes_a_commented_config_in_the_user_folder(tmp_path: Path, environ: dict[str, str]) -> None:
    out = io.StringIO()
    assert main(["init"], stdout=out) == 0
    written = tmp_path / "config" / "directive-bot" / "config.yaml"
    assert out.getvalue().startswith(f"Đã tạo tệp cấu hình {written} (mỗi khóa có chú thích).")
    lines = written.read_text(encoding="utf-8").splitlines()
    sections = [number for number, line in enumerate(lines) if line[:1].isalpha()]
    assert len(sections) == len(Settings.model_fields)  # every section of the settings, each explained:
    assert all(lines[number - 1].startswith("#") for number in sections)
    settings = load_settings(written, environ)
    assert settings.database_url == f"sqlite:///{tmp_path / 'data' / 'directive-bot' / 'bot.db'}"


def test_the_defaults_without_a_config_are_what_init_writes(tmp_path: Path, environ: dict[str, str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    defaults = load_settings(None, environ)
    assert main(["init"], stdout=io.StringIO()) == 0
    assert load_settings(None, environ).model_dump() == defaults.model_dump()


def test_init_never_overwrites_a_file(tmp_path: Path, environ: dict[str, str],
                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("timezone: Asia/Ho_Chi_Minh  # của tôi\n", encoding="utf-8")
    assert main(["--config", str(target), "init"], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err.strip() == (f"Đã có tệp cấu hình {target}: bot không ghi đè. Sửa tệp đó, hoặc "
                                              "đổi tên nó rồi chạy lại `python -m bot init`.")
    assert target.read_text(encoding="utf-8") == "timezone: Asia/Ho_Chi_Minh  # của tôi\n"


def test_init_at_a_named_path_keeps_the_data_beside_it_and_says_how_to_use_it(
    tmp_path: Path, environ: dict[str, str]
) -> None:
    target = tmp_path / "srv" / "bot.yaml"
    out = io.StringIO()
    assert main(["init", str(target)], stdout=out) == 0
    assert f"python -m bot --config {target}" in out.getvalue() and f"DIRECTIVE_BOT_CONFIG={target}" in out.getvalue()
    settings = load_settings(target, environ)
    assert settings.database_url == f"sqlite:///{target.parent / 'data' / 'bot.db'}"
    assert settings.knowledge.ingest_dir == target.parent / "data" / "documents"


def test_init_into_a_folder_it_cannot_write_is_one_line(tmp_path: Path, environ: dict[str, str],
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert main(["init", str(blocker / "config.yaml")], stdout=io.StringIO()) == 2
    assert capsys.readouterr().err.strip().startswith(f"Không ghi được {blocker / 'config.yaml'} (")


def _keys(data: Any, prefix: str = "") -> set[str]:
    if not isinstance(data, dict):
        return {prefix}
    return {key for name, value in data.items() for key in _keys(value, f"{prefix}.{name}".lstrip("."))}


def test_the_template_has_every_setting_of_the_shipped_config() -> None:
    """The two commented files must not drift apart: a setting added to config.yaml belongs in init's too."""
    shipped = yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))
    assert _keys(yaml.safe_load(config_text("data"))) == _keys(shipped)


def test_the_template_sets_what_the_shipped_config_sets(tmp_path: Path) -> None:
    """Same values too (a threshold tuned in config.yaml is the default of a new deployment), paths aside."""
    template = tmp_path / "config.yaml"
    template.write_text(config_text("data"), encoding="utf-8")
    shipped, written = (load_settings(path, environ={}).model_dump() for path in (ROOT / "config.yaml", template))
    for settings in (shipped, written):
        settings.pop("database_url")
        for key in ("sources", "ingest_dir", "cache_dir"):
            settings["knowledge"].pop(key)
    assert written == shipped


@pytest.mark.parametrize("text", [config_text("data"), (ROOT / "config.yaml").read_text(encoding="utf-8")],
                         ids=["init", "shipped"])
def test_the_config_said_an_empty_webhook_secret_is_random_at_every_start(text: str) -> None:
    """Left empty, the secret is derived from the token (the same for every worker and every start, README
    "Polling hay webhook"): a comment promising a random one per start misleads whoever sets up several workers."""
    lines = text.splitlines()
    at = next(number for number, line in enumerate(lines) if line.strip().startswith("webhook_secret:"))
    comment = " ".join(line for line in lines[at - 2:at] if line.strip().startswith("#"))
    assert "token" in comment and "mỗi lần chạy" not in comment and "random" not in comment


def test_init_of_config_yaml_in_the_current_folder_said_the_bot_would_not_find_it(
    tmp_path: Path, environ: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    assert main(["init", "config.yaml"], stdout=out) == 0
    assert (tmp_path / "config.yaml").is_file()
    assert "không nằm ở nơi bot tự tìm" not in out.getvalue()  # ./config.yaml is the second place it looks
