"""A built knowledge base kept in a folder beside the database, reused while its files and synonyms are unchanged.

`cache/<digest>/` holds the index and passage arrays, the documents' identities, the reading problems and the
duplicates left out, and the lists of deadlines, targets and assignments; `cache/documents/` the parsed files
(knowledge/shelf.py). The digest covers every source file's path, size and time, the synonym files' contents,
the reading limits and the code that parses and indexes, so any change builds a new snapshot (parsing again only
the files that changed). A folder is complete only once its manifest is written and it is renamed into place: a
cut or tampered folder is found by its manifest and built again, never read.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path

from knowledge.disk_store import DiskStore, StoreWriter
from knowledge.duplicates import Duplicate, find_duplicates
from knowledge.errors import DocumentError
from knowledge.index import SearchIndex
from knowledge.indexing import IndexBuilder
from knowledge.loading import ReadLimits
from knowledge.model import Assignment, Deadline, Document, DocumentInfo, Target
from knowledge.reading import LoadReport
from knowledge.shelf import Shelf, ShelvedDocuments, code_digest, stamp
from knowledge.synonyms import Lexicon

FORMAT = 2  # raise when the layout of a snapshot folder changes
MANIFEST = "manifest.json"
KEEP = 3  # snapshots kept (the most recently used): the configured sources and a few --knowledge sets
_ANSWERING = {"answering", "accumulator", "agreement", "proximity", "snippets", "question"}
_STALE_BUILD = 24 * 3600  # an unfinished build folder older than this was left by a process that died
log = logging.getLogger(__name__)


@dataclass
class Extracted:
    """The deadlines, targets and assignments of the documents, in document order."""

    deadlines: list[Deadline] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)

    def add(self, document: Document) -> None:
        """Append one document's items."""
        self.deadlines.extend(document.deadlines)
        self.targets.extend(document.targets)
        self.assignments.extend(document.assignments)

    @classmethod
    def of(cls, documents: Sequence[Document]) -> Extracted:
        """The items of `documents`."""
        extracted = cls()
        for document in documents:
            extracted.add(document)
        return extracted


@dataclass
class Snapshot:
    """An opened snapshot: index and store mapped from its folder, documents read from the shelf when asked."""

    folder: Path
    index: SearchIndex
    store: DiskStore
    documents: ShelvedDocuments
    problems: list[DocumentError]
    duplicates: list[Duplicate]
    _extracted: Extracted | None = None

    def extracted(self) -> Extracted:
        """The deadlines, targets and assignments (read from the folder the first time)."""
        if self._extracted is None:
            with (self.folder / "items.pickle").open("rb") as file:
                deadlines, targets, assignments = pickle.load(file)
            self._extracted = Extracted(deadlines, targets, assignments)
        return self._extracted


def digest(files: Sequence[Path], synonyms: Sequence[Path], shelf: Shelf) -> str:
    """What a snapshot is built from: the files as they are now, the synonyms, the limits and the code."""
    hasher = hashlib.sha256(f"{FORMAT}|{shelf.version}|{code_digest(_ANSWERING)}".encode())
    for path in synonyms:
        hasher.update(f"\0syn\0{path}\0".encode())
        try:
            hasher.update(path.read_bytes())
        except OSError as error:  # as Lexicon.load says it
            raise DocumentError(str(path), f"không đọc được tệp từ đồng nghĩa: {error}") from error
    for path in files:
        try:
            size, written = stamp(path)
        except OSError:
            size, written = -1, -1
        hasher.update(f"\0{path}\0{size}\0{written}".encode())
    return hasher.hexdigest()[:24]


def load(cache: Path, files: Sequence[Path], synonyms: Sequence[Path], limits: ReadLimits,
         on_file: Callable[[LoadReport], None] | None = None, workers: int | None = None) -> Snapshot:
    """The snapshot of `files` under `cache`: opened if it is there and whole, else built (and kept)."""
    shelf = Shelf(cache / "documents", limits)
    key = digest(files, synonyms, shelf)
    target = cache / key
    if (target / MANIFEST).exists():
        try:
            snapshot = _open(target, key, shelf)
        except Exception as error:  # a cut, tampered or foreign folder: built again below
            log.warning("knowledge cache %s unusable (%s); building it again", target, error)
            shutil.rmtree(target, ignore_errors=True)
        else:
            _tidy(cache, target)
            return snapshot
    elif target.exists():
        shutil.rmtree(target, ignore_errors=True)  # no manifest: never finished
    _build(cache, target, key, files, synonyms, shelf, on_file, workers)
    snapshot = _open(target, key, shelf)
    _tidy(cache, target)
    return snapshot


def _open(folder: Path, key: str, shelf: Shelf) -> Snapshot:
    """Open a finished snapshot, checking its manifest and every file's size first."""
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT or manifest.get("digest") != key:
        raise ValueError("bản ghi chỉ mục thuộc phiên bản khác")
    for name, size in manifest["files"].items():
        if (folder / name).stat().st_size != size:
            raise ValueError(f"{name}: kích thước không khớp bản ghi")
    with (folder / "meta.pickle").open("rb") as file:
        meta = pickle.load(file)
    infos = [DocumentInfo(*row) for row in meta["infos"]]  # rows, not objects: read several times faster
    lexicon: Lexicon = meta["lexicon"]  # with the documents' own abbreviations (the synonym files are in the key)
    index = SearchIndex.open(folder, lexicon)
    store = DiskStore(folder, infos, index.passage_section, index.passage_document)
    if len(infos) and int(index.passage_document.max(initial=0)) >= len(infos):
        raise ValueError("chỉ mục trỏ tới văn bản không có")
    problems = [DocumentError(*error) for error in meta["problems"]]
    with contextlib.suppress(OSError):
        os.utime(folder / MANIFEST)  # most recently used: kept when older snapshots are removed
    return Snapshot(folder, index, store, ShelvedDocuments(shelf, infos), problems, meta["duplicates"])


def _build(cache: Path, target: Path, key: str, files: Sequence[Path], synonyms: Sequence[Path], shelf: Shelf,
           on_file: Callable[[LoadReport], None] | None, workers: int | None) -> None:
    """Parse what is not on the shelf, leave out duplicates, index the rest into a new folder, rename it in place."""
    started = time.perf_counter()
    entries = shelf.entries(files, on_file, workers)
    problems = [entry.error for entry in entries if entry.error is not None]
    readable = [entry for entry in entries if entry.info is not None]
    dropped = find_duplicates(ShelvedDocuments(shelf, [entry.info for entry in readable if entry.info]))
    kept = [entry for position, entry in enumerate(readable) if position not in dropped]
    infos = [entry.info for entry in kept if entry.info is not None]
    groups = [pair for entry in kept for pair in entry.abbreviations]
    lexicon = Lexicon.load(synonyms)
    for abbreviation, phrase in groups:
        lexicon.add_group([abbreviation, phrase])
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=cache))
    try:
        builder, writer, extracted = IndexBuilder(lexicon, work), StoreWriter(work), Extracted()
        # Indexing makes millions of small objects and no reference cycles: the cycle collector would only scan
        # them again and again.
        collecting = gc.isenabled()
        gc.disable()
        try:
            documents = ShelvedDocuments(shelf, infos)
            for position in range(len(documents)):
                document = documents[position]
                builder.add(document)
                writer.add(document)
                extracted.add(document)
            builder.finish()
            writer.finish()
        finally:
            if collecting:
                gc.enable()
        rows = [tuple(getattr(info, name.name) for name in fields(DocumentInfo)) for info in infos]
        meta = {"infos": rows, "lexicon": lexicon, "problems": problems,
                "duplicates": [dropped[position] for position in sorted(dropped)]}
        with (work / "meta.pickle").open("wb") as file:
            pickle.dump(meta, file, protocol=pickle.HIGHEST_PROTOCOL)
        with (work / "items.pickle").open("wb") as file:
            items = (extracted.deadlines, extracted.targets, extracted.assignments)
            pickle.dump(items, file, protocol=pickle.HIGHEST_PROTOCOL)
        sizes = {path.name: path.stat().st_size for path in sorted(work.iterdir()) if path.is_file()}
        manifest = {"format": FORMAT, "digest": key, "files": sizes, "documents": len(infos),
                    "passages": builder.size, "seconds": round(time.perf_counter() - started, 1)}
        (work / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        try:
            os.rename(work, target)
        except OSError:  # another process finished the same snapshot first: theirs is used
            if not (target / MANIFEST).exists():
                raise
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise


def _tidy(cache: Path, current: Path) -> None:
    """Remove the snapshots used least recently beyond KEEP and builds left unfinished long ago."""
    snapshots = []
    for folder in cache.iterdir():
        if folder == current or not folder.is_dir() or folder.name == "documents":
            continue
        try:
            if folder.name.startswith(".build-"):
                if time.time() - folder.stat().st_mtime > _STALE_BUILD:
                    shutil.rmtree(folder, ignore_errors=True)
                continue
            if len(folder.name) == len(current.name) and all(char in "0123456789abcdef" for char in folder.name):
                snapshots.append(((folder / MANIFEST).stat().st_mtime, folder))
        except OSError:
            continue
    for _, folder in sorted(snapshots, reverse=True)[KEEP - 1 :]:
        shutil.rmtree(folder, ignore_errors=True)
