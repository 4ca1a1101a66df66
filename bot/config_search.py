"""Where the config file is: `--config`, then DIRECTIVE_BOT_CONFIG, then ./config.yaml, then the user's folder."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

APP = "directive-bot"
CONFIG_NAME = "config.yaml"
CONFIG_ENV = "DIRECTIVE_BOT_CONFIG"


def user_config_dir(environ: dict[str, str]) -> Path:
    """The user's config folder for the bot: $XDG_CONFIG_HOME/directive-bot, else ~/.config/directive-bot
    (%APPDATA%\\directive-bot on Windows)."""
    return _user_dir(environ, "XDG_CONFIG_HOME", ".config")


def user_data_dir(environ: dict[str, str]) -> Path:
    """Where the bot keeps its database and documents when no config file says otherwise:
    $XDG_DATA_HOME/directive-bot, else ~/.local/share/directive-bot (%APPDATA%\\directive-bot on Windows)."""
    return _user_dir(environ, "XDG_DATA_HOME", ".local/share")


def _user_dir(environ: dict[str, str], variable: str, fallback: str) -> Path:
    base = environ.get(variable)
    if base and Path(base).is_absolute():  # the XDG rule: a relative value is ignored
        return Path(base) / APP
    if os.name == "nt" and environ.get("APPDATA"):
        return Path(environ["APPDATA"]) / APP
    home = environ.get("HOME") or str(Path.home())
    return Path(home) / fallback / APP


@dataclass(frozen=True)
class ConfigChoice:
    """The config file in use (None: none was found, the defaults apply), how it was chosen, and every place
    looked at; `default` is where `python -m bot init` writes one."""

    path: Path | None
    origin: str
    searched: list[Path] = field(default_factory=list)
    default: Path = Path(CONFIG_NAME)

    @property
    def explicit(self) -> bool:
        """Named by --config or the environment: such a file must exist."""
        return self.origin in ("--config", CONFIG_ENV)


def locate_config(explicit: Path | None, environ: dict[str, str], cwd: Path | None = None) -> ConfigChoice:
    """Choose the config file. A file named on the command line or in DIRECTIVE_BOT_CONFIG wins (it is what the
    user asked for, even if it does not exist: reading it then fails with its name); else ./config.yaml in the
    current folder; else config.yaml in the user's config folder; else none."""
    cwd = cwd or Path.cwd()
    default = user_config_dir(environ) / CONFIG_NAME
    if explicit is not None:
        return ConfigChoice(explicit, "--config", [explicit], default)
    if environ.get(CONFIG_ENV):
        named = Path(environ[CONFIG_ENV])
        return ConfigChoice(named, CONFIG_ENV, [named], default)
    searched = [cwd / CONFIG_NAME, default]
    for candidate in searched:
        if candidate.is_file():
            origin = "thư mục hiện tại" if candidate == searched[0] else "thư mục cấu hình của người dùng"
            return ConfigChoice(candidate, origin, searched, default)
    return ConfigChoice(None, "mặc định", searched, default)


def init_target(explicit: Path | None, environ: dict[str, str]) -> Path:
    """Where `python -m bot init` writes: the file named by --config or DIRECTIVE_BOT_CONFIG, else config.yaml in
    the user's config folder (found from any folder)."""
    if explicit is not None:
        return explicit
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    return user_config_dir(environ) / CONFIG_NAME
