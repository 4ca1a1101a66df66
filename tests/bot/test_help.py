"""`--help` of the bot and of every command: Vietnamese throughout (argparse's own words too), with examples;
a wrong command line is told in Vietnamese with exit code 2."""

from __future__ import annotations

import argparse
import io
import re
from contextlib import redirect_stdout

import pytest

from bot.cli import main
from bot.cli_parser import build_parser, vietnamese

COMMANDS = ["chat", "run", "init", "db", "ask", "deadlines", "targets", "ingest", "report"]
ENGLISH = re.compile(r"usage:|positional arguments|optional arguments|options:|show this help|error:|"
                     r"required|invalid choice|unrecognized|\bPATH\b|\{chat,", re.IGNORECASE)


def help_of(argv: list[str]) -> str:
    out = io.StringIO()
    with redirect_stdout(out), pytest.raises(SystemExit) as raised:
        main([*argv, "--help"])
    assert raised.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_every_help_is_vietnamese_with_examples(command: str) -> None:
    text = help_of([command] if command else [])
    assert text.startswith("Cách dùng: python -m bot")
    assert "in trợ giúp này rồi thoát" in text and "tùy chọn:" in text
    assert "Ví dụ:\n" in text and "  python -m bot" in text.split("Ví dụ:")[1]
    assert not ENGLISH.search(text), ENGLISH.findall(text)


def test_the_main_help_lists_every_command_and_the_config_search_order() -> None:
    text = help_of([])
    assert all(re.search(rf"^\s+{command}\s", text, re.MULTILINE) for command in COMMANDS)
    assert "DIRECTIVE_BOT_CONFIG, rồi ./config.yaml" in text and "130" in text


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["frob"], "python -m bot: lỗi: tham số LỆNH: không có lựa chọn 'frob'"),
        (["ask"], "python -m bot ask: lỗi: thiếu tham số: CÂU_HỎI"),
        (["db", "drop"], "python -m bot db: lỗi: tham số {upgrade,status}: không có lựa chọn 'drop'"),
        (["--bogus"], "python -m bot: lỗi: không hiểu tham số: --bogus"),
        (["ask", "--knowledge"], "python -m bot ask: lỗi: tham số --knowledge: cần một giá trị"),
    ],
)
def test_a_wrong_command_line_is_told_in_vietnamese(argv: list[str], said: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    error = capsys.readouterr().err
    assert raised.value.code == 2
    assert error.startswith("Cách dùng: ") and said in error and not ENGLISH.search(error)


def test_argparse_speaks_english_again_outside_the_bot() -> None:
    with vietnamese():
        build_parser()
    assert argparse.ArgumentParser(prog="x").format_help().startswith("usage: x")


def test_the_command_line_contract_is_unchanged() -> None:
    with vietnamese():
        parser = build_parser()
    args = parser.parse_args(["ask", "--json", "--knowledge", "a", "--knowledge", "b", "chi", "tieu"])
    assert (args.command, args.json, [str(path) for path in args.knowledge], args.question) == (
        "ask", True, ["a", "b"], ["chi", "tieu"])
    for command in ("deadlines", "targets"):
        args = parser.parse_args([command, "--json", "--knowledge", "x"])
        assert args.json and [str(path) for path in args.knowledge] == ["x"]
    args = parser.parse_args(["--config", "a.yaml", "ingest", "--no-copy", "f.docx"])
    assert str(args.config) == "a.yaml" and args.no_copy and [str(path) for path in args.paths] == ["f.docx"]
    assert str(parser.parse_args(["run", "--config", "b.yaml"]).config) == "b.yaml"  # after the command too
