"""One file of a crawl through the document pipeline, timed, its outcome classified and its identity checked.

Runs in bench/corpus_load.py's worker processes. Identity is judged against what the page itself states, read by
bench/crawl_header.py (its own code, not the parser's): the site's data sheet where the page has one, else the
printed header. A page with a sheet is parsed a second time with the sheet's lines removed, against its printed header.
"""

from __future__ import annotations

import logging
import resource
import signal
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from crawl_header import Stated, load_abbreviations, read_header, same_issuer, same_number, without_lines

from knowledge.base import load_file
from knowledge.loading import read_document
from knowledge.model import Document, DocumentInfo
from knowledge.parsing import parse_text
from knowledge.synonyms import DEFAULT_SYNONYMS

FIELDS = ("number", "issued", "issuer")
ABBREVIATIONS = load_abbreviations(DEFAULT_SYNONYMS)


class FileTimeout(BaseException):
    """A file took longer than the bench's time limit (a BaseException: the loader's `except Exception` lets it by)."""


@dataclass
class Check:
    """One identity field of one document: what the page states and what the parser recovered."""

    # "sheet" or "header": the file as it is, against its data sheet or (without one) its printed header;
    # "sheet removed": a page with a sheet parsed without it, against its printed header;
    # "reader": the bench's printed-header reader against the sheet (a check of the yardstick, not of the parser).
    variant: str
    field: str
    expected: str
    got: str
    ok: bool
    lines: str  # the header lines the expected value was read from


@dataclass
class FileResult:
    """What loading one file gave, measured in the worker."""

    path: str
    size: int
    seconds: float
    outcome: str  # "loaded", "reported", "crashed"
    reason: str = ""
    trace: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    checks: list[Check] = field(default_factory=list)
    worker_rss_kb: int = 0
    cpu_seconds: float = 0.0  # the worker's own CPU time: on a shared machine wall time also counts waiting


class _Captured(logging.Handler):
    """Keeps the knowledge package's logged exceptions, so a failure the loader turned into a report is seen."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.failures: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            self.failures.append(record)


_CAPTURED = _Captured()
_TIMEOUT = 120


def start_worker(timeout: int) -> None:
    """Set the per-file time limit and capture the knowledge package's logged exceptions."""
    global _TIMEOUT
    _TIMEOUT = timeout
    logger = logging.getLogger("knowledge")
    logger.addHandler(_CAPTURED)
    logger.propagate = False  # the captured tracebacks are summarised in the report, not printed thousands of times


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise FileTimeout(f"more than {_TIMEOUT} s")


@contextmanager
def _time_limit() -> Iterator[None]:
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.alarm(_TIMEOUT)
    try:
        yield
    finally:
        signal.alarm(0)


def _summary(error: BaseException) -> str:
    """The exception and its last three frames, on one line."""
    frames = traceback.extract_tb(error.__traceback__)[-3:]
    where = " < ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames))
    return f"{type(error).__name__}: {str(error)[:200]} @ {where}"


def _value(info: DocumentInfo | None, name: str) -> str:
    if info is None:
        return ""
    value = getattr(info, name)
    return "" if value is None else str(value)


def compare(variant: str, stated: Stated, info: DocumentInfo | None, missing: str) -> list[Check]:
    """Checks of each field `stated` gives against the parser's `info` (None: the document did not load)."""
    checks: list[Check] = []
    for name in FIELDS:
        expected = getattr(stated, name)
        if expected is None:
            continue
        got = _value(info, name)
        if name == "number":
            ok = bool(got) and same_number(expected, got)
        elif name == "issued":
            ok = got == expected.isoformat()
        else:
            ok = bool(got) and same_issuer(stated.issuer_body or expected, got, ABBREVIATIONS)
        shown = expected.isoformat() if name == "issued" else str(expected)
        checks.append(Check(variant, name, shown, got or missing, ok, stated.lines.get(name, "")))
    return checks


def _identity(path: Path, document: Document | None, reason: str) -> list[Check]:
    """Identity checks of one file: as it is, and (with a data sheet) with the sheet removed."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    header = read_header(text)
    info = document.info if document else None
    missing = f"(không tải: {reason})" if document is None else "(không có)"
    stated, variant = (header.sheet, "sheet") if header.sheet else (header.printed, "header")
    checks = compare(variant, stated, info, missing) if stated else []
    if header.sheet is None or header.sheet_span is None:
        return checks
    if header.printed:
        checks += compare("reader", header.sheet, _as_info(header.printed, str(path)), "(không có)")
    text = read_document(path).text  # the sheet's span found again in the text the pipeline reads
    span = read_header(text).sheet_span
    source = without_lines(text, span) if span else text
    stripped = read_header(source).printed
    if stripped:
        try:
            parsed: DocumentInfo | None = parse_text(source, str(path)).info
        except Exception as error:  # shown as a miss; the file's crash count comes from the whole file's load
            parsed, missing = None, f"(lỗi: {type(error).__name__})"
        checks += compare("sheet removed", stripped, parsed, missing)
    return checks


def _as_info(stated: Stated, path: str) -> DocumentInfo:
    return DocumentInfo(path, stated.number, None, stated.issued, stated.issuer, "", None)


def measure(path_text: str) -> FileResult:
    """Load one file through the pipeline, timed; classify the outcome; check its identity."""
    path = Path(path_text)
    result = FileResult(path_text, path.stat().st_size, 0.0, "loaded")
    _CAPTURED.failures.clear()
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with _time_limit():
            report = load_file(path)
    except BaseException as error:  # anything escaping the loader is a crash (a timeout too)
        result.seconds, result.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
        result.outcome, result.reason, result.trace = "crashed", type(error).__name__, _summary(error)
        return result
    result.seconds, result.cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    if report.error is not None:
        result.outcome, result.reason = "reported", report.error.reason
        logged = next((record for record in _CAPTURED.failures if record.exc_info), None)
        if logged is not None and logged.exc_info and logged.exc_info[1] is not None:
            result.outcome, result.trace = "crashed", _summary(logged.exc_info[1])  # turned into a report
    document = report.document
    if document is not None:
        result.counts.update(passages=len(document.passages), sections=len(document.sections),
                             targets=len(document.targets), deadlines=len(document.deadlines))
    try:
        with _time_limit():
            result.checks = _identity(path, document, result.reason)
    except BaseException as error:  # the bench's own reading must not hide the file's figures
        result.checks = [Check("bench", "(bench)", "", _summary(error), False, "")]
    result.worker_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return result
