"""The command line's arguments and help: Vietnamese throughout (argparse's own words too), with examples."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

# argparse's own messages (Python 3.11–3.13), looked up through its module-level gettext functions.
_WORDS = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "in trợ giúp này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n(xem thêm: %(prog)s --help)\n",
    "the following arguments are required: %s": "thiếu tham số: %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r (chọn một trong %(choices)s)",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "cần nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s chưa rõ: có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "ignored explicit argument %r": "không nhận giá trị %r",
    "unexpected option string: %s": "tùy chọn không mong đợi: %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
}


def _translate(message: str) -> str:
    return _WORDS.get(message, message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    return _translate(singular if count == 1 else plural)


@contextlib.contextmanager
def vietnamese() -> Iterator[None]:
    """While building, parsing and printing help, argparse speaks Vietnamese (its gettext hooks are swapped back
    afterwards, so other users of argparse in the process are untouched)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _translate, _translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples' line breaks; a little wider for Vietnamese help lines."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32)


_EXAMPLES = {
    "": """Ví dụ:
  python -m bot                          trò chuyện trên máy (không có token) hoặc chạy bot (có token)
  python -m bot init                     tạo tệp cấu hình có chú thích
  python -m bot --knowledge vanban/      trò chuyện trên máy với các văn bản trong thư mục vanban/
  python -m bot ask "chi tieu BHYT 2025"
  python -m bot --config /etc/directive-bot/config.yaml run

Tệp cấu hình: --config, nếu không thì biến DIRECTIVE_BOT_CONFIG, rồi ./config.yaml, rồi
~/.config/directive-bot/config.yaml.
Mã thoát: 0 xong; 1 có tệp không đọc được, hoặc không có văn bản nào; 2 cấu hình hay lệnh sai
(một dòng nói rõ cần sửa gì); 130 dừng bằng Ctrl+C.""",
    "chat": "Ví dụ:\n  python -m bot chat\n  python -m bot chat --knowledge vanban/\n"
            "  printf 'chi tieu BHYT\\n/hanchot\\n' | python -m bot chat",
    "run": "Ví dụ:\n  TELEGRAM_BOT_TOKEN=123:AA… python -m bot run\n"
           "  python -m bot --config /etc/directive-bot/config.yaml run",
    "init": "Ví dụ:\n  python -m bot init\n  python -m bot --config ./config.yaml init\n\nKhông ghi đè tệp đã có.",
    "db": "Ví dụ:\n  python -m bot db status\n  python -m bot db upgrade",
    "ask": "Ví dụ:\n  python -m bot ask chi tieu tang truong kinh te 2025\n"
           "  python -m bot ask --json --knowledge vanban/ \"han nop bao cao quy\"\n"
           "  printf 'ty le BHYT\\nhan chot\\n' | python -m bot ask --json -",
    "deadlines": "Ví dụ:\n  python -m bot deadlines\n  python -m bot deadlines --json --knowledge ke-hoach.docx",
    "targets": "Ví dụ:\n  python -m bot targets\n  python -m bot targets --json --knowledge vanban/",
    "ingest": "Ví dụ:\n  python -m bot ingest ke-hoach-12.docx nghi-quyet.pdf\n"
              "  python -m bot ingest --no-copy vanban/",
    "report": "Ví dụ:\n  python -m bot report\n  python -m bot report --days 7 --limit 50\n"
              "  python -m bot report --json > chua-tra-loi.jsonl\n\n"
              "Câu hỏi được gộp theo chữ không dấu; không lưu ai hỏi, ở cuộc trò chuyện nào.",
}


def _common(parser: argparse.ArgumentParser, default: object) -> None:
    """--config and --debug, accepted before or after the command (after it they must not reset the value given
    before it: hence the SUPPRESS default in the commands)."""
    parser.add_argument("--config", type=Path, metavar="TỆP", default=default,
                        help="tệp cấu hình; không ghi thì tìm theo biến DIRECTIVE_BOT_CONFIG, rồi ./config.yaml, "
                             "rồi ~/.config/directive-bot/config.yaml")
    parser.add_argument("--debug", action="store_true", default=default if default is not None else False,
                        help="in đầy đủ lỗi (traceback) khi có sự cố")


def _knowledge(parser: argparse.ArgumentParser, default: object, more: str = "") -> None:
    """--knowledge, repeatable; in a command its default must not reset a value given before the command."""
    parser.add_argument("--knowledge", action="append", type=Path, metavar="ĐƯỜNG_DẪN", default=default,
                        help=f"tệp hoặc thư mục văn bản, thay cho nguồn đã cấu hình (lặp lại được){more}")


def _positive(most: int) -> Callable[[str], int]:
    """An argument type: a whole number from 1 to `most`, refused in Vietnamese otherwise."""

    def number(text: str) -> int:
        if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= most:
            raise argparse.ArgumentTypeError(f"cần một số nguyên từ 1 đến {most}, đang là «{text}»")
        return int(text)

    return number


def build_parser() -> argparse.ArgumentParser:
    """The whole command line; build it inside `vietnamese()`."""
    parser = argparse.ArgumentParser(
        prog="python -m bot", formatter_class=_Formatter, epilog=_EXAMPLES[""],
        description="Trợ lý văn bản chỉ đạo: hỏi đáp, hạn chót, chỉ tiêu, nhắc việc trên Telegram và Zalo. "
        "Không ghi lệnh: trò chuyện trên máy, hoặc chạy bot nếu đã có token.")
    _common(parser, None)
    _knowledge(parser, None, "; không ghi lệnh: trò chuyện trên máy với các văn bản này (không cần tệp cấu hình)")
    commands = parser.add_subparsers(dest="command", title="lệnh", metavar="LỆNH")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text[:1].upper() + help_text[1:] + ".",
                                  epilog=_EXAMPLES[name], formatter_class=_Formatter)
        _common(sub, argparse.SUPPRESS)
        return sub

    chat = command("chat", "trò chuyện trên máy này (mặc định khi chưa có token)")
    _knowledge(chat, argparse.SUPPRESS)
    command("run", "chạy mọi nền tảng đã cấu hình cùng bộ lập lịch")
    init = command("init", "tạo tệp cấu hình có chú thích (không ghi đè tệp đã có)")
    init.add_argument("target", nargs="?", type=Path, metavar="TỆP",
                      help="nơi ghi (mặc định: --config, DIRECTIVE_BOT_CONFIG, hoặc thư mục cấu hình người dùng)")
    database = command("db", "cơ sở dữ liệu: upgrade (nâng cấp lược đồ) hoặc status (xem phiên bản)")
    database.add_argument("action", choices=["upgrade", "status"], metavar="{upgrade,status}",
                          help="upgrade: nâng cấp lược đồ; status: xem có cần nâng cấp không")

    def with_knowledge(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = command(name, help_text)
        sub.add_argument("--json", action="store_true", help="mỗi kết quả một đối tượng JSON trên một dòng")
        _knowledge(sub, argparse.SUPPRESS)
        return sub

    ask = with_knowledge("ask", "hỏi một câu, hoặc '-' để đọc mỗi dòng một câu từ đầu vào chuẩn")
    ask.add_argument("question", nargs="+", metavar="CÂU_HỎI", help="câu hỏi (không cần ngoặc kép), hoặc '-'")
    with_knowledge("deadlines", "liệt kê hạn chót trong văn bản")
    with_knowledge("targets", "liệt kê chỉ tiêu trong văn bản")
    ingest = command("ingest", "đọc văn bản, báo những gì tìm thấy, thêm vào kho văn bản")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục văn bản")
    ingest.add_argument("--no-copy", action="store_true", help="chỉ báo cáo, không chép vào kho")
    report = command("report", "các câu hỏi bot chưa trả lời được, hỏi nhiều nhất trước")
    report.add_argument("--json", action="store_true", help="mỗi câu hỏi một đối tượng JSON trên một dòng")
    report.add_argument("--days", type=_positive(3650), default=30, metavar="SỐ_NGÀY",
                        help="xem bao nhiêu ngày gần đây (mặc định 30)")
    report.add_argument("--limit", type=_positive(10_000), default=20, metavar="SỐ_CÂU",
                        help="in nhiều nhất bao nhiêu câu (mặc định 20)")
    return parser


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line in Vietnamese; --help and usage errors exit here (0 and 2)."""
    with vietnamese():
        return build_parser().parse_args(argv)
