"""The command line (a contract used by outside checks): chat, run, init, db, ask, deadlines, targets, ingest,
report."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TextIO, cast

from bot.cli_ingest import ingest
from bot.cli_parser import parse
from bot.cli_report import report
from bot.config import ConfigError, Settings, load_settings
from bot.config_search import CONFIG_ENV, init_target, locate_config, user_data_dir
from bot.console_input import InterruptibleInput
from bot.database_check import explain, open_database, prepare, sqlite_file, url_password
from bot.errors import EXIT_INTERRUPTED, EXIT_PROBLEM, StartupProblem, os_reason
from bot.init_config import write_config
from bot.logs import Redactor, setup_logging
from bot.platforms.console import CONSOLE, ConsoleChat, ConsoleSender
from bot.runner import StartError, build_service, serve
from bot.startup import announce, check_knowledge, config_lines, database_line, knowledge_line
from bot.wiring import build_runtime, follow_documents, load_knowledge
from bot.workers import Workers, WorkersError
from handlers import wording
from knowledge.base import KnowledgeBase
from knowledge.errors import DocumentError
from schedules.errors import SchemaError
from schedules.process_lock import DatabaseBusy, ProcessLock
from schedules.repository import Repository, make_engine
from schedules.schema import current, head, upgrade
from schedules.themes import ThemeError

DEBUG_ENV = "DIRECTIVE_BOT_DEBUG"


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """Run the command line; returns the exit status: 0 done, 1 a file could not be read, 2 a problem to fix
    (config, database, knowledge folder, arguments: one Vietnamese line, no traceback unless --debug), 130 Ctrl+C."""
    out = stdout or sys.stdout
    args = parse(argv)
    environ = dict(os.environ)
    debug = bool(args.debug or environ.get(DEBUG_ENV))
    redactor = Redactor([])
    try:
        return _main(args, environ, out, stdin, redactor)
    except KeyboardInterrupt:
        sys.stderr.write("\n")  # after the terminal's ^C, so the shell's prompt starts on its own line
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`… | head`): stop quietly, as command-line tools do.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - replaces the closed stream for interpreter exit
        return 0
    except (StartupProblem, ConfigError, SchemaError, StartError, ThemeError, DocumentError, OSError) as problem:
        if debug:
            traceback.print_exc()
        print(redactor.redact(_problem_line(problem)), file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as error:
        if debug:
            raise
        print(redactor.redact(f"Lỗi không lường trước ({type(error).__name__}: {error}). Chạy lại với --debug để "
                              "xem chi tiết."), file=sys.stderr)
        return 1


def _problem_line(problem: Exception) -> str:
    if isinstance(problem, ConfigError):
        return f"Lỗi cấu hình: {problem}"
    if isinstance(problem, SchemaError):
        return f"Lỗi cơ sở dữ liệu: {problem}"
    if isinstance(problem, StartError):
        return f"Không khởi động được: {problem}"
    if isinstance(problem, ThemeError):
        return f"Lỗi lịch chủ đề (schedules.themes): {problem}"
    if isinstance(problem, DocumentError):
        return f"Lỗi tệp: {problem}"
    if isinstance(problem, OSError) and not isinstance(problem, BrokenPipeError):
        return f"Lỗi: {problem.filename or ''}{': ' if problem.filename else ''}{os_reason(problem)}."
    return str(problem)


_TAKES_KNOWLEDGE = ("chat", "ask", "deadlines", "targets")


def _main(args: argparse.Namespace, environ: dict[str, str], out: TextIO, stdin: TextIO | None,
          redactor: Redactor) -> int:
    if args.knowledge and args.command not in (None, *_TAKES_KNOWLEDGE):
        raise StartupProblem(f"--knowledge không dùng với lệnh {args.command}: chỉ với chat, ask, deadlines, targets "
                             "(hoặc không ghi lệnh, để trò chuyện trên máy với các văn bản đó).")
    if args.command == "init":
        return _init(args, environ, out)
    choice = locate_config(args.config, environ)
    if choice.path is not None and choice.explicit and not choice.path.exists():
        named = "--config" if choice.origin == "--config" else f"biến môi trường {CONFIG_ENV}"
        raise ConfigError(f"{choice.path}: không có tệp cấu hình này ({named} chỉ tới nó): sửa đường dẫn, hoặc tạo "
                          f"tệp có chú thích bằng `python -m bot --config {choice.path} init`")
    settings = load_settings(choice.path, environ)
    secrets = [
        secret.get_secret_value()
        for platform in (settings.platforms.telegram, settings.platforms.zalo)
        for secret in (platform.token, platform.webhook_secret)
        if secret is not None
    ]
    secrets.append(url_password(settings.database_url) or "")
    configured = settings.platforms.telegram.configured or settings.platforms.zalo.configured
    command = args.command or ("run" if configured and not args.knowledge else "chat")
    redactor.secrets = setup_logging(secrets, logging.INFO if command == "run" else logging.WARNING).secrets
    if command in ("chat", "run", "db", "report"):
        announce([*config_lines(choice), database_line(settings)], None if command == "run" else sys.stderr)
    try:
        return _dispatch(command, args, settings, out, stdin, choice.path)
    except (StartupProblem, SchemaError):
        raise
    except Exception as error:  # a database failure after start-up checks: still one line
        message = explain(error, settings.database_url, settings.where("database_url"), files=False)
        if message is None:
            raise
        raise StartupProblem(message) from error


def _init(args: argparse.Namespace, environ: dict[str, str], out: TextIO) -> int:
    named = args.target or args.config
    target = init_target(named, environ)
    # In the user's config folder the data goes to the user's data folder; elsewhere beside the file.
    data = "data" if named is not None or environ.get(CONFIG_ENV) else str(user_data_dir(environ))
    write_config(target, data)
    out.write(f"Đã tạo tệp cấu hình {target} (mỗi khóa có chú thích). Sửa tệp rồi chạy: python -m bot\n")
    found = locate_config(None, environ).path
    if found is None or found.resolve() != target.resolve():
        out.write(f"Tệp này không nằm ở nơi bot tự tìm: chạy `python -m bot --config {target}` hoặc đặt "
                  f"{CONFIG_ENV}={target}.\n")
    return 0


def _dispatch(command: str, args: argparse.Namespace, settings: Settings, out: TextIO,
              stdin: TextIO | None, config: Path | None) -> int:
    if command == "chat":
        return _chat(settings, out, stdin, config, args.knowledge)
    if command == "db":
        return _database(settings, args.action, out)
    if command == "run":
        return _run(settings, config)
    if command == "report":
        return report(settings, args.days, args.limit, args.json, out)
    check_knowledge(settings, None if command == "ingest" else args.knowledge, config)
    if command == "ingest":
        return ingest(settings, args.paths, args.no_copy, out)
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


def _load_checked(settings: Settings, stream: TextIO | None, config: Path | None,
                  override: Sequence[Path] | None = None) -> KnowledgeBase:
    """The configured knowledge (or `override`, the --knowledge paths), its sources checked first; says which
    folders gave how many documents."""
    check_knowledge(settings, override, config)
    knowledge = load_knowledge(settings, override)
    announce([knowledge_line(settings, knowledge, override)], stream)
    return knowledge


def _chat(settings: Settings, out: TextIO, stdin: TextIO | None, config: Path | None,
          override: Sequence[Path] | None = None) -> int:
    repository = open_database(settings)  # before the knowledge: a database problem is said at once
    knowledge = _load_checked(settings, sys.stderr, config, override)
    reader = InterruptibleInput(sys.stdin) if stdin is None else None
    return asyncio.run(_converse(settings, knowledge, repository, out, stdin or cast(TextIO, reader), reader,
                                 override))


async def _converse(settings: Settings, knowledge: KnowledgeBase, repository: Repository, out: TextIO,
                    stdin: TextIO, reader: InterruptibleInput | None, override: Sequence[Path] | None) -> int:
    runtime = build_runtime(settings, knowledge, {CONSOLE: ConsoleSender(out)},
                            clock=lambda: datetime.now(settings.zone), repository=repository, sources=override)
    workers = Workers(runtime, lambda: follow_documents(runtime, settings, datetime.now(settings.zone)))
    try:
        try:
            workers.claim()  # one process per SQLite file
        except WorkersError as error:
            raise StartError(str(error)) from None
        await workers.start()
        chat = ConsoleChat(runtime.router, settings.zone, stdin=stdin, stdout=out,
                           after_message=runtime.scheduler.tick)
        return await chat.run()
    finally:
        if reader is not None:
            reader.close()  # Ctrl+C: the thread waiting for a line lets go, so the process can exit
        await workers.stop()
        workers.release()


def _database(settings: Settings, action: str, out: TextIO) -> int:
    prepare(settings)
    engine = make_engine(settings.database_url)
    if action == "status":
        at, newest = current(engine), head()
        out.write(f"Cơ sở dữ liệu: phiên bản {at or 'chưa tạo'}; bot cần {newest}"
                  f"{' — cần chạy: python -m bot db upgrade' if at != newest else ' — đã cập nhật'}.\n")
        return 0 if at == newest else 1
    path = sqlite_file(settings.database_url)
    running = ProcessLock(path) if path is not None and current(engine) != head() else None
    if running is not None:
        try:  # one process per SQLite file: a running bot (old code) must not find its tables changed under it
            running.acquire()
        except DatabaseBusy:
            raise StartupProblem(f"{settings.where('database_url')}: bot đang chạy trên {path}: dừng bot trước, "
                                 "chạy lại `python -m bot db upgrade`, rồi khởi động bot.") from None
    try:
        before, after = upgrade(engine)
    finally:
        if running is not None:
            running.release()
    if before == after:
        out.write(f"Cơ sở dữ liệu đã ở phiên bản mới nhất ({after}): không cần nâng cấp.\n")
    else:
        out.write(f"Đã nâng cấp cơ sở dữ liệu: {before or 'mới tạo'} → {after}.\n")
    return 0


def _run(settings: Settings, config: Path | None) -> int:
    platforms = settings.platforms
    if not (platforms.telegram.configured or platforms.zalo.configured):
        raise StartupProblem("Chưa cấu hình nền tảng nào có token (TELEGRAM_BOT_TOKEN, ZALO_BOT_TOKEN). "
                             "Chạy `python -m bot` để trò chuyện trên máy này.")
    open_database(settings).engine.dispose()  # checked here, opened again by the service
    service = build_service(settings, knowledge=_load_checked(settings, None, config))

    async def run() -> int:
        await serve(service)  # StartError (which may quote a library's message) is redacted by main
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
