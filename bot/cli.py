"""The command line (a contract used by outside checks): chat, run, ask, deadlines, targets, ingest."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.config import ConfigError, Settings, load_settings
from bot.logs import Redactor, setup_logging
from bot.platforms.console import CONSOLE, ConsoleChat, ConsoleSender
from bot.runner import StartError, build_service, serve
from bot.wiring import build_runtime, follow_documents, load_knowledge
from handlers import wording
from knowledge.base import KnowledgeBase, LoadReport, load_file
from knowledge.errors import DocumentError
from knowledge.library import Library, Outcome, Stored
from knowledge.loading import discover
from schedules.errors import SchemaError
from schedules.repository import make_engine
from schedules.schema import current, head, upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Trợ lý văn bản chỉ đạo: hỏi đáp, hạn chót, chỉ tiêu. "
        "Không có lệnh: trò chuyện trên bảng điều khiển.",
    )
    parser.add_argument("--config", type=Path, help="tệp cấu hình (mặc định ./config.yaml)")
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("chat", help="trò chuyện trên bảng điều khiển (mặc định)")
    commands.add_parser("run", help="chạy mọi nền tảng đã cấu hình cùng bộ lập lịch")
    database = commands.add_parser("db", help="cơ sở dữ liệu: upgrade (nâng cấp lược đồ), status")
    database.add_argument("action", choices=["upgrade", "status"])

    def with_knowledge(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--json", action="store_true", help="mỗi kết quả một đối tượng JSON trên một dòng")
        sub.add_argument(
            "--knowledge",
            action="append",
            type=Path,
            metavar="PATH",
            help="tệp hoặc thư mục văn bản, thay cho nguồn đã cấu hình (lặp lại được)",
        )
        return sub

    ask = with_knowledge("ask", "hỏi một câu (hoặc '-' để đọc mỗi dòng một câu từ stdin)")
    ask.add_argument("question", nargs="+", help="câu hỏi, hoặc '-'")
    with_knowledge("deadlines", "liệt kê hạn chót trong văn bản")
    with_knowledge("targets", "liệt kê chỉ tiêu trong văn bản")
    ingest = commands.add_parser("ingest", help="đọc văn bản, báo những gì tìm thấy, thêm vào kho văn bản")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument("--no-copy", action="store_true", help="chỉ báo cáo, không chép vào kho")
    return parser


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = stdout or sys.stdout
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
    except ConfigError as error:
        print(f"Lỗi cấu hình: {error}", file=sys.stderr)
        return 2
    secrets = [
        secret.get_secret_value()
        for platform in (settings.platforms.telegram, settings.platforms.zalo)
        for secret in (platform.token, platform.webhook_secret)
        if secret is not None
    ]
    configured = settings.platforms.telegram.configured or settings.platforms.zalo.configured
    command = args.command or ("run" if configured else "chat")
    redactor = setup_logging(secrets, logging.INFO if command == "run" else logging.WARNING)
    try:
        return _dispatch(command, args, settings, out, stdin, redactor)
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for interpreter exit
        return 0


def _dispatch(command: str, args: argparse.Namespace, settings: Settings, out: TextIO, stdin: TextIO | None,
              redactor: Redactor) -> int:
    if command == "chat":
        return asyncio.run(_chat(settings, out, stdin))
    if command == "db":
        return _database(settings, args.action, out)
    if command == "run":
        return _run(settings, redactor)
    if command == "ingest":
        return _ingest(settings, args.paths, args.no_copy, out)
    knowledge = load_knowledge(settings, args.knowledge)
    for problem in knowledge.problems:
        print(f"Không đọc được {problem}", file=sys.stderr)
    for duplicate in knowledge.duplicates:
        print(f"Bỏ qua {duplicate}", file=sys.stderr)
    if not knowledge.documents:
        print(wording.NO_DOCUMENTS, file=sys.stderr)
        return 1
    if command == "ask":
        return _ask(knowledge, args.question, args.json, out, stdin or sys.stdin)
    if command == "deadlines":
        return _deadlines(knowledge, settings, args.json, out)
    return _targets(knowledge, args.json, out)


async def _chat(settings: Settings, out: TextIO, stdin: TextIO | None) -> int:
    knowledge = load_knowledge(settings)
    try:
        runtime = build_runtime(settings, knowledge, {CONSOLE: ConsoleSender(out)},
                                clock=lambda: datetime.now(settings.zone))
    except SchemaError as error:
        print(f"Lỗi cơ sở dữ liệu: {error}", file=sys.stderr)
        return 2
    await runtime.scheduler.start()
    follow_documents(runtime, settings, datetime.now(settings.zone))
    try:
        chat = ConsoleChat(runtime.router, settings.zone, stdin=stdin, stdout=out,
                           after_message=runtime.scheduler.tick)
        return await chat.run()
    finally:
        await runtime.scheduler.stop()


def _database(settings: Settings, action: str, out: TextIO) -> int:
    engine = make_engine(settings.database_url)
    if action == "status":
        at, newest = current(engine), head()
        out.write(f"Cơ sở dữ liệu: phiên bản {at or 'chưa tạo'}; bot cần {newest}"
                  f"{' — cần chạy: python -m bot db upgrade' if at != newest else ' — đã cập nhật'}.\n")
        return 0 if at == newest else 1
    before, after = upgrade(engine)
    out.write(f"Đã nâng cấp cơ sở dữ liệu: {before or 'mới tạo'} → {after}.\n")
    return 0


def _run(settings: Settings, redactor: Redactor) -> int:
    platforms = settings.platforms
    if not (platforms.telegram.configured or platforms.zalo.configured):
        print(
            "Chưa cấu hình nền tảng nào có token (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN). "
            "Chạy `python -m bot` để trò chuyện trên bảng điều khiển.",
            file=sys.stderr,
        )
        return 2
    try:
        service = build_service(settings)
    except (StartError, SchemaError) as error:
        print(f"Không khởi động được: {redactor.redact(str(error))}", file=sys.stderr)
        return 2

    async def run() -> int:
        try:
            await serve(service)
        except StartError as error:  # may quote a library's message, which can hold the token
            print(f"Không khởi động được: {redactor.redact(str(error))}", file=sys.stderr)
            return 2
        return 0

    return asyncio.run(run())


def _print_json(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False) + "\n")


def _ask(knowledge: KnowledgeBase, words: list[str], as_json: bool, out: TextIO, stdin: TextIO) -> int:
    if words != ["-"]:
        _answer(knowledge, " ".join(words), as_json, out)
        return 0
    # One line at a time, answered and flushed before the next is read: a program can drive this line by line.
    while line := stdin.readline():
        if line.strip():
            _answer(knowledge, line.strip(), as_json, out)
            out.flush()
    return 0


def _answer(knowledge: KnowledgeBase, question: str, as_json: bool, out: TextIO) -> None:
    answer = knowledge.ask(question)
    if as_json:
        _print_json(answer.to_json(), out)
        return
    if answer.found and answer.best:
        out.write(f"{answer.best.answer}\n{wording.citation(answer.best.source)}\n")
        for number, item in enumerate(answer.alternatives, start=1):
            out.write(f"  {number}. {wording.shorten(item.answer, 100)} ({item.score:.2f})\n")
    else:
        out.write(wording.not_found() + "\n")
        for topic in answer.topics:
            out.write(f"  • {topic}\n")
    out.write("\n")


def _deadlines(knowledge: KnowledgeBase, settings: Settings, as_json: bool, out: TextIO) -> int:
    if as_json:
        for deadline in knowledge.deadlines():
            _print_json(deadline.to_json(), out)
        return 0
    today = datetime.now(settings.zone).date()
    listed = knowledge.upcoming(today)
    upcoming = sum(1 for _, due in listed if due is not None and due >= today)
    out.write(wording.deadlines_heading(today, upcoming, len(listed) - upcoming) + "\n")
    for number, (deadline, due) in enumerate(listed, start=1):
        out.write(wording.deadline_line(number, deadline, due, today) + "\n")
    return 0


def _targets(knowledge: KnowledgeBase, as_json: bool, out: TextIO) -> int:
    for target in knowledge.targets():
        if as_json:
            _print_json(target.to_json(), out)
        else:
            out.write(f"{wording.target_line(target)}  [{target.document}, {target.section}]\n")
    return 0


def _ingest(settings: Settings, paths: list[Path], no_copy: bool, out: TextIO) -> int:
    from tqdm import tqdm

    failures = 0
    loaded = 0
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(discover([path]))
        except DocumentError as error:
            out.write(f"✗ {error}\n")
            failures += 1
    # The documents the bot has now, so that a copy already there or an older version is recognised.
    library = None if no_copy else Library(settings.knowledge.ingest_dir, load_knowledge(settings).documents)
    progress = tqdm(files, desc="Đang đọc", unit="tệp", file=sys.stderr, disable=len(files) < 2)
    limits = settings.knowledge.limits.read_limits()
    for path in progress:
        report = load_file(path, limits)
        if report.document is None:
            failures += 1
            out.write(f"✗ {report.error}\n")
            continue
        loaded += 1
        out.write(_ingest_line(report) + "\n")
        if library is not None:
            out.write(_stored_line(library.store(path, path.name, report.document)) + "\n")
    out.write(f"Đọc được {loaded}/{len(files)} tệp.\n")
    return 1 if failures else 0


def _ingest_line(report: LoadReport) -> str:
    """What was found in one file: identity, counts, reading notes, what is missing, lines not placed."""
    document = report.document
    assert document is not None
    info = document.info
    identity = [f"Số: {info.number}" if info.number else "", f"Loại: {info.kind}" if info.kind else "",
                f"Ngày: {info.issued:%d/%m/%Y}" if info.issued else "",
                f"Cơ quan: {info.issuer}" if info.issuer else "", f"Người ký: {info.signer}" if info.signer else ""]
    lines = [f"✓ {report.path}: {wording.document_identity(info)}"]
    if any(identity):
        lines.append("  " + " · ".join(part for part in identity if part))
    if info.title:
        lines.append(f"  Trích yếu: {wording.shorten(info.title, 200)}")
    lines.append("  Đọc được: " + wording.document_counts(len(document.sections), len(document.passages),
                                                        len(document.targets), len(document.deadlines),
                                                        len(document.assignments)))
    if report.notes:
        lines.append(f"  Ghi chú khi đọc: {'; '.join(report.notes)}")
    if info.missing():
        lines.append(f"  Chưa tìm thấy: {', '.join(info.missing())}")
    if document.unplaced:
        lines.append(f"  Dòng chưa xếp được ({len(document.unplaced)}):")
        lines += [f"    dòng {line}: {wording.shorten(text, 100)}" for line, text in document.unplaced]
    return "\n".join(lines)


def _stored_line(stored: Stored) -> str:
    """What was done with the file in the knowledge folder."""
    other = f"{stored.other_name} ({stored.other})"
    if stored.outcome is Outcome.PRESENT:
        return f"  → đã có trong kho: {other}; không chép"
    if stored.outcome is Outcome.OLDER:
        return f"  → kho đã có bản mới hơn: {other}; không chép"
    if stored.outcome is Outcome.REPLACED:
        removed = f" (đã xóa {', '.join(stored.removed)})" if stored.removed else ""
        return f"  → thay cho {other}{removed}: {stored.path}"
    if stored.outcome is Outcome.RENAMED:
        return f"  → đã có tệp khác cùng tên, lưu thành {stored.path}"
    return f"  → đã thêm vào {stored.path}"
