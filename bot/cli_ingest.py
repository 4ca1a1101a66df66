"""`python -m bot ingest`: read files, say what was found in each, and store them in the knowledge folder."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot.config import Settings
from bot.database_check import sqlite_file
from bot.knowledge_watch import tell_running_bots
from bot.wiring import load_knowledge
from handlers import wording
from knowledge.base import LoadReport, load_file
from knowledge.errors import DocumentError
from knowledge.library import Library, Outcome, Stored
from knowledge.loading import discover


def ingest(settings: Settings, paths: list[Path], no_copy: bool, out: TextIO) -> int:
    """Report each file (identity, counts, notes) and store the readable ones; 1 if any file failed."""
    from tqdm import tqdm

    failures = missing = 0
    loaded = 0
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(discover([path]))
        except DocumentError as error:  # a path named that is not there: one file not read
            out.write(f"✗ {error}\n")
            failures += 1
            missing += 1
    # The documents the bot has now, so that a copy already there or an older version is recognised.
    library = None if no_copy else Library(settings.knowledge.ingest_dir, load_knowledge(settings).documents)
    progress = tqdm(files, desc="Đang đọc", unit="tệp", file=sys.stderr, disable=len(files) < 2)
    limits = settings.knowledge.limits.read_limits()
    stored = 0
    for path in progress:
        report = load_file(path, limits)
        if report.document is None:
            failures += 1
            out.write(f"✗ {report.error}\n")
            continue
        loaded += 1
        out.write(_ingest_line(report) + "\n")
        if library is not None:
            placed = library.store(path, path.name, report.document)
            stored += placed.path is not None
            out.write(_stored_line(placed) + "\n")
    out.write(f"Đọc được {loaded}/{len(files) + missing} tệp.\n")
    if stored:  # a bot running on this database (every worker) loads them within seconds
        tell_running_bots(settings.database_url, sqlite_file(settings.database_url), datetime.now(settings.zone))
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
