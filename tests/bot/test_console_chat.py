"""The console chat from the command line: on a folder of one's own (--knowledge), and a new session that does not
pick from the lists an earlier session was shown."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import main
from handlers import wording
from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[2]
WARD_PLAN = DATA / "heldout" / "ward_plan.md"


@pytest.fixture(autouse=True)
def _own_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test's console chat keeps its state in a database of its own; no messenger token is set."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'bot.db'}")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)


def run(argv: list[str], stdin: str = "") -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--config", str(ROOT / "config.yaml"), *argv], stdout=out, stdin=io.StringIO(stdin))
    return code, out.getvalue()


def test_a_new_console_session_picked_from_the_list_of_an_earlier_one() -> None:
    code, first = run(["chat"], stdin="ty le BHYT\n")
    assert code == 0 and "(Trả lời 1" in first  # alternatives were offered in that session
    code, second = run(["chat"], stdin="2\n")
    assert code == 0 and second.strip() == wording.NO_OPEN_CHOICES


def test_targets_menu_then_a_typed_number_in_the_console_opened_an_old_alternative() -> None:
    run(["chat"], stdin="ty le BHYT\n")
    _code, out = run(["chat"], stdin="/chitieu\n2\n")
    menu, picked = out.split("(Trả lời", 1)
    second = next(line for line in menu.splitlines() if line.startswith("2. ")).removeprefix("2. ").rsplit(" (", 1)[0]
    assert f"\n\nChỉ tiêu lĩnh vực «{second}»:" in picked


def test_chat_refused_a_knowledge_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["chat", "--knowledge", str(WARD_PLAN)], stdin="/vanban\n")
    assert code == 0, capsys.readouterr().err
    assert "Đang có 1 văn bản" in out and "15/KH-UBND" in out
    assert "09-NQ/TU" not in out  # the configured samples are not loaded beside it


def test_the_bare_command_line_refused_a_knowledge_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(["--knowledge", str(WARD_PLAN)], stdin="/vanban\n")
    assert code == 0, capsys.readouterr().err
    assert "Đang có 1 văn bản" in out and "15/KH-UBND" in out


def test_a_missing_knowledge_folder_for_the_chat_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out = run(["chat", "--knowledge", "/no/such/folder"])
    assert code == 2
    assert "--knowledge /no/such/folder" in capsys.readouterr().err


def test_knowledge_with_a_command_that_takes_none_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out = run(["--knowledge", str(WARD_PLAN), "report"])
    assert code == 2
    assert "--knowledge" in capsys.readouterr().err
