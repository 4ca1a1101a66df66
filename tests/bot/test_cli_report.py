"""`python -m bot report`: the questions the bot could not answer, most frequent first, as text or one JSON object
per question; a wrong option is one Vietnamese line."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import main
from handlers import wording
from schedules.repository import Repository, make_engine
from schedules.schema import upgrade
from schedules.unanswered_store import Retention

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime.now().astimezone()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repository:
    """The configured database (DATABASE_URL), migrated and empty."""
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.delenv("ZALO_BOT_TOKEN", raising=False)
    repository = Repository(make_engine(url))
    upgrade(repository.engine)
    return repository


def run(argv: list[str]) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--config", str(ROOT / "config.yaml"), *argv], stdout=out)
    return code, out.getvalue()


def asked(repository: Repository, text: str, folded: str, ago: timedelta, platform: str = "telegram",
          kind: str = "private") -> None:
    repository.record_unanswered(text, folded, platform, kind, ["Bảo vệ môi trường", "Đô thị văn minh"],
                                 NOW - ago, Retention())


def test_report_prints_the_most_frequent_first(database: Repository) -> None:
    asked(database, "lich tiem phong", "lich tiem phong", timedelta(hours=5))
    asked(database, "chỉ tiêu cây xanh", "chi tieu cay xanh", timedelta(hours=3), kind="group")
    asked(database, "chi tieu cay xanh", "chi tieu cay xanh", timedelta(hours=2), platform="zalo")
    asked(database, "rất cũ", "rat cu", timedelta(days=45))
    code, out = run(["report"])
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Câu hỏi bot chưa trả lời được, 30 ngày qua: 3 lần hỏi, 2 câu khác nhau."
    assert lines[2] == "    2 lần  chi tieu cay xanh"
    assert lines[3].startswith("       gần nhất ") and lines[3].endswith("; telegram 1, zalo 1; nhóm 1, riêng 1")
    assert lines[4:7] == ["       chủ đề gần nhất:", "         • Bảo vệ môi trường", "         • Đô thị văn minh"]
    assert "    1 lần  lich tiem phong" in lines and "rất cũ" not in out
    assert lines[-1] == wording.UNANSWERED_TIP
    code, out = run(["report", "--days", "60", "--limit", "1"])
    assert out.splitlines()[0] == ("Câu hỏi bot chưa trả lời được, 60 ngày qua: 4 lần hỏi, 3 câu khác nhau "
                                   "(in 1 câu hỏi nhiều nhất).")


def test_report_json_is_one_object_per_question(database: Repository) -> None:
    asked(database, "chi tieu cay xanh", "chi tieu cay xanh", timedelta(hours=3))
    asked(database, "Chỉ tiêu cây xanh?", "chi tieu cay xanh", timedelta(hours=1), kind="group")
    code, out = run(["report", "--json"])
    [question] = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert question["question"] == "Chỉ tiêu cây xanh?" and question["folded"] == "chi tieu cay xanh"
    assert question["count"] == 2 and question["platforms"] == {"telegram": 2}
    assert question["chat_kinds"] == {"private": 1, "group": 1}
    assert question["topics"] == ["Bảo vệ môi trường", "Đô thị văn minh"]
    first, last = (datetime.fromisoformat(str(question[key])) for key in ("first_asked", "last_asked"))
    assert last - first == timedelta(hours=2) and str(question["last_asked"]).endswith("+07:00")


def test_report_with_nothing_recorded_says_so(database: Repository) -> None:
    assert run(["report"]) == (0, wording.UNANSWERED_NONE.format(days=30) + "\n")
    assert run(["report", "--json"]) == (0, "")


@pytest.mark.parametrize("argv", [["report", "--days", "0"], ["report", "--limit", "abc"]])
def test_a_wrong_number_is_one_vietnamese_line(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert "cần một số nguyên từ 1 đến" in capsys.readouterr().err


def test_report_on_a_database_never_created_made_an_empty_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Run from the wrong folder or with the wrong config, report used to create an empty database and say
    "none": it now creates nothing and says where it looked (the output stays what no questions give)."""
    missing = tmp_path / "elsewhere" / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    code, out = run(["report"])
    assert code == 0 and out == wording.UNANSWERED_NONE.format(days=30) + "\n"
    code, out = run(["report", "--json"])
    assert code == 0 and out == ""
    assert not missing.exists() and not missing.parent.exists()
    err = capsys.readouterr().err
    assert f"Chưa có cơ sở dữ liệu {missing}" in err and "--config" in err


def test_a_superscript_digit_for_days_was_refused_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    """argparse's own message ('giá trị number không hợp lệ') came through for '²', which passes str.isdigit()."""
    with pytest.raises(SystemExit):
        main(["report", "--days", "²"])
    assert "cần một số nguyên từ 1 đến 3650, đang là «²»" in capsys.readouterr().err
