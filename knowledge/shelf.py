"""Parsed documents kept on disk, one file per source file: a file is parsed again only when it changed.

An entry is keyed by the source's path, size and modification time, the reading limits and the parser's version
(PARSER_VERSION and the source code of the modules that read and parse). It holds a small header (identity,
error, reading notes, counts, abbreviations) and, after it, the whole parsed document, read only when needed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import astuple, dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import overload

from knowledge.errors import DocumentError
from knowledge.loading import ReadLimits
from knowledge.model import Document, DocumentInfo
from knowledge.reading import LoadReport, load_file

PARSER_VERSION = 1  # raise to parse every file again when something the code digest cannot see changed
_PACKAGE = Path(__file__).parent
# Modules that only answer or index: changing them does not change what a file parses into.
_NOT_PARSING = {"answering", "accumulator", "agreement", "proximity", "snippets", "question", "index", "indexing",
                "postings", "shelf", "snapshot", "disk_store", "store", "base"}  # fmt: skip
_POOL_FROM = 16  # files to parse before a pool of worker processes is worth starting
log = logging.getLogger(__name__)


def code_digest(skip: set[str]) -> str:
    """A digest of the knowledge package's source, but for the modules named in `skip`."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        if path.parent == _PACKAGE and path.stem in skip:
            continue
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def stamp(path: Path) -> tuple[int, int]:
    """What tells that a file changed: its size and modification time (ns)."""
    status = path.stat()
    return status.st_size, status.st_mtime_ns


@dataclass(frozen=True, slots=True)
class Entry:
    """What one file gave, without the document's body: identity or error, notes, counts, abbreviations."""

    path: str
    key: str
    info: DocumentInfo | None
    error: tuple[str, str, int | None] | None  # DocumentError's path, reason and line (exceptions pickle badly)
    notes: tuple[str, ...]
    passages: int = 0
    abbreviations: tuple[tuple[str, str], ...] = ()

    @property
    def problem(self) -> DocumentError | None:
        """The reason the file gave no document, if it gave none."""
        return DocumentError(*self.error) if self.error else None


class Shelf:
    """The folder of parsed documents for one set of reading limits."""

    def __init__(self, folder: Path, limits: ReadLimits) -> None:
        self.folder = folder
        self.limits = limits
        bounds = tuple(float(value) for value in astuple(limits))  # 200 and 200.0 are one limit
        self.version = hashlib.sha256(
            f"{PARSER_VERSION}|{bounds}|{code_digest(_NOT_PARSING)}".encode()
        ).hexdigest()[:24]

    def key(self, path: Path) -> str:
        """The key an entry of `path` must carry to be used: parser version, limits, size and time."""
        size, written = stamp(path)
        return f"{self.version}:{size}:{written}"

    def place(self, path: str) -> Path:
        """Where the entry of a source path is kept."""
        name = hashlib.sha1(os.path.abspath(path).encode()).hexdigest()
        return self.folder / name[:2] / f"{name}.pickle"

    def entry(self, path: Path) -> Entry | None:
        """The entry of `path` if it is there and still holds for the file as it is now."""
        try:
            key = self.key(path)
            with self.place(str(path)).open("rb") as file:
                entry = pickle.load(file)
        except FileNotFoundError:
            return None
        except Exception:  # a cut or foreign file is only a missing entry: the source is parsed again
            log.info("cached entry of %s unreadable; parsing again", path, exc_info=True)
            return None
        return entry if isinstance(entry, Entry) and entry.key == key and entry.path == str(path) else None

    def document(self, path: str) -> Document | None:
        """The parsed document kept for a source path (None when its entry is gone or holds none)."""
        try:
            with self.place(path).open("rb") as file:
                entry = pickle.load(file)
                document = pickle.load(file) if isinstance(entry, Entry) and entry.info is not None else None
        except Exception:
            log.warning("cached document of %s unreadable", path, exc_info=True)
            return None
        return document if isinstance(document, Document) else None

    def put(self, path: Path, key: str, report: LoadReport) -> Entry:
        """Keep what reading `path` gave (under the key taken before it was read); returns its entry."""
        document = report.document
        error = report.error
        entry = Entry(str(path), key, document.info if document else None,
                      (error.path, error.reason, error.line) if error else None, report.notes,
                      len(document.passages) if document else 0,
                      tuple(document.abbreviations) if document else ())
        target = self.place(str(path))
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".entry-", dir=target.parent)
        try:
            with os.fdopen(descriptor, "wb") as file:
                pickle.dump(entry, file, protocol=pickle.HIGHEST_PROTOCOL)
                if document is not None:
                    pickle.dump(document, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return entry

    def remember(self, document: Document) -> None:
        """Keep a document parsed elsewhere (a file just ingested) as what its file gives, if the file is there."""
        path = Path(document.info.path)
        try:
            key = self.key(path)
        except OSError:
            return
        self.put(path, key, LoadReport(str(path), document))

    def read(self, path: Path) -> tuple[Entry, LoadReport]:
        """Parse one file now and keep what it gave."""
        key = self.key(path)
        report = load_file(path, self.limits)
        return self.put(path, key, report), report

    def entries(self, files: Sequence[Path], on_file: Callable[[LoadReport], None] | None = None,
                workers: int | None = None) -> list[Entry]:
        """An entry for every file, in order: kept ones as they are, the others parsed now (by a pool of worker
        processes when there are many). `on_file` sees the report of each file parsed now (without its document
        when a worker parsed it)."""
        entries: list[Entry | None] = []
        missing: list[int] = []
        for position, path in enumerate(files):
            try:
                entry = self.entry(path)
            except OSError as error:  # the file went away since it was found
                entry = Entry(str(path), "", None, (str(path), f"không đọc được tệp: {error.strerror}", None), ())
            entries.append(entry)
            if entry is None:
                missing.append(position)
        workers = workers if workers is not None else os.cpu_count() or 1
        done = 0
        if len(missing) >= _POOL_FROM and workers > 1 and _can_fork():
            try:
                for entry in self._pool([files[position] for position in missing], workers):
                    entries[missing[done]] = entry
                    done += 1
                    if on_file is not None:
                        on_file(LoadReport(entry.path, None, entry.problem, entry.notes))
            except BrokenProcessPool:  # a worker died (killed, out of memory): the rest are read here
                log.warning("a parsing worker died; reading the remaining %d files in this process",
                            len(missing) - done)
        for position in missing[done:]:
            entries[position], report = self.read(files[position])
            if on_file is not None:
                on_file(report)
        return [entry for entry in entries if entry is not None]

    def _pool(self, files: list[Path], workers: int) -> Iterator[Entry]:
        with ProcessPoolExecutor(max_workers=min(workers, len(files)), mp_context=get_context("fork")) as pool:
            yield from pool.map(_read_entry, [(self.folder, self.limits, path) for path in files], chunksize=4)


def _can_fork() -> bool:
    """Whether worker processes can be forked safely: only while this process runs no other thread (a fork copies
    other threads' locks in whatever state), and where the system forks at all. Spawning instead would import the
    caller's main module again in every worker."""
    return "fork" in get_all_start_methods() and threading.active_count() == 1


def _read_entry(job: tuple[Path, ReadLimits, Path]) -> Entry:
    """In a worker process: parse one file into the shelf."""
    folder, limits, path = job
    return Shelf(folder, limits).read(path)[0]


class ShelvedDocuments(Sequence[Document]):
    """Documents read from the shelf when asked for (the last few kept), so that a library of thousands of
    documents is not held in memory; a document whose entry is gone is parsed again from its file. `extra`
    documents (held in memory: a file just ingested) follow the shelved ones."""

    def __init__(self, shelf: Shelf, infos: Sequence[DocumentInfo], extra: Sequence[Document] = ()) -> None:
        self.shelf = shelf
        self.infos = infos
        self.extra = list(extra)
        self._recent: dict[int, Document] = {}
        self._lock = threading.Lock()  # several threads answer (and list documents) at once

    def __len__(self) -> int:
        return len(self.infos) + len(self.extra)

    @overload
    def __getitem__(self, position: int) -> Document: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[Document]: ...

    def __getitem__(self, position: int | slice) -> Document | Sequence[Document]:
        if isinstance(position, slice):
            return [self[number] for number in range(*position.indices(len(self)))]
        if position < 0:
            position += len(self)
        if not 0 <= position < len(self):
            raise IndexError(position)
        if position >= len(self.infos):
            return self.extra[position - len(self.infos)]
        with self._lock:
            document = self._recent.get(position)
        if document is None:
            document = self._load(self.infos[position])
            with self._lock:
                if len(self._recent) >= 16:
                    self._recent.pop(next(iter(self._recent)))
                self._recent[position] = document
        return document

    def replaced(self, paths: set[str], document: Document) -> ShelvedDocuments:
        """These documents without those read from `paths`, with `document` added at the end."""
        infos = [info for info in self.infos if info.path not in paths]
        extra = [known for known in self.extra if known.info.path not in paths]
        return ShelvedDocuments(self.shelf, infos, [*extra, document])

    def _load(self, info: DocumentInfo) -> Document:
        document = self.shelf.document(info.path)
        if document is None:
            _, report = self.shelf.read(Path(info.path))
            document = report.document
        if document is None:
            log.warning("document %s can no longer be read; only its identity is known", info.path)
            document = Document(info)
        return document
