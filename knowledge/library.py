"""The knowledge folder as a store: a new file is added, a newer version takes the old one's place, a copy of a
document already there is not stored again, and another document's file is never overwritten."""

from __future__ import annotations

import itertools
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path

from knowledge.duplicates import FORMAT_RANK, Relation, Sketch, identify, relation, similarity, sketch
from knowledge.model import Document
from knowledge.shelf import ShelvedDocuments

_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class Outcome(StrEnum):
    """What storing a file did."""

    ADDED = "added"  # a new document, stored under its own name
    RENAMED = "renamed"  # a new document whose name was taken by another one: stored under a free name
    REPLACED = "replaced"  # a newer version (or a richer format) of a stored document took its place
    PRESENT = "present"  # the same document is already there: nothing stored
    OLDER = "older"  # a newer version is already there: nothing stored


@dataclass(frozen=True, slots=True)
class Stored:
    """The outcome of storing one file: where it is now, and the known document it replaced or matched."""

    outcome: Outcome
    path: Path | None
    other: str | None = None
    other_name: str = ""
    superseded: tuple[str, ...] = ()  # known documents (paths) the stored file takes the place of
    removed: tuple[str, ...] = ()  # of those, the files taken out of the folder


class Library:
    """A knowledge folder and the documents already known (from every source): stores a new file unless it is
    already there, replaces the versions it supersedes, and never overwrites another document's file."""

    def __init__(self, folder: Path, known: Iterable[Document] = ()) -> None:
        self.folder = folder
        self._known: dict[str, _Known] = {}
        self.sync(known)

    def sync(self, known: Iterable[Document]) -> None:
        """Know exactly these documents (what was worked out about documents already known is kept). Documents
        kept on disk are known by their identity and read again only when one must be compared."""
        previous, self._known = self._known, {}
        if isinstance(known, ShelvedDocuments):
            for position, info in enumerate(known.infos):
                cached = previous.get(info.path)
                kept = cached if cached is not None and cached.info == info else None
                self._known[info.path] = kept or _Known(Document(info), partial(known.__getitem__, position))
            known = known.extra
        for document in known:
            cached = previous.get(document.info.path)
            self._known[document.info.path] = cached if cached and cached.document is document else _Known(document)

    def match(self, document: Document) -> list[tuple[Relation, str, Document]]:
        """The known documents this one is a copy or a version of: how it stands to each, its path, the document."""
        return self._related(_Known(document))

    def _related(self, new: _Known) -> list[tuple[Relation, str, Document]]:
        found = []
        for path, known in self._known.items():
            if new.identity.comparable(known.identity):
                related = relation(new.identity, known.identity, similarity(new.sketch(), known.sketch()))
                if related is not None:
                    found.append((related, path, known.document))
        return found

    def store(self, source: Path | bytes, name: str, document: Document) -> Stored:
        """Store the file `document` was read from (its bytes or its path) under `name`; see Outcome. What is stored
        is known from then on (under its new path), what it replaced is not."""
        new = _Known(document)
        matches = self._related(new)
        rank = FORMAT_RANK.get(Path(name).suffix.lower(), 0)
        for related, path, known in matches:
            stored_rank = FORMAT_RANK.get(Path(path).suffix.lower(), 0)
            upgrade = rank > stored_rank and self.holds(path)
            # Same number and date in a poorer format: another rendering, not a correction (tables and headings
            # read differently from a .txt than from a .docx).
            if (related is Relation.SAME and not upgrade) or (related is Relation.CHANGED and rank < stored_rank):
                return Stored(Outcome.PRESENT, None, path, known.info.display_name)
        for related, path, known in matches:
            if related is Relation.OLDER:
                return Stored(Outcome.OLDER, None, path, known.info.display_name)
        mine = {Path(path).resolve() for _, path, _ in matches if self.holds(path)}
        target = self.folder / safe_name(name)
        free = target if not target.exists() or target.resolve() in mine else self.free_name(target)
        self.folder.mkdir(parents=True, exist_ok=True)
        _write(source, free)
        removed = tuple(str(path) for path in sorted(mine) if path != free.resolve())
        for path in removed:
            Path(path).unlink(missing_ok=True)
        for _, path, _ in matches:
            self._known.pop(path, None)
        self._known[str(free)] = new
        if matches:
            _, path, known = matches[0]
            superseded = tuple(path for _, path, _ in matches)
            return Stored(Outcome.REPLACED, free, path, known.info.display_name, superseded, removed)
        return Stored(Outcome.ADDED if free == target else Outcome.RENAMED, free)

    def holds(self, path: str) -> bool:
        """Whether a file lies inside this folder (only those may be replaced)."""
        try:
            return Path(path).resolve().is_relative_to(self.folder.resolve())
        except OSError:
            return False

    @staticmethod
    def free_name(target: Path) -> Path:
        """`name (2).docx`, `name (3).docx`… : the first name not taken in the folder."""
        for number in itertools.count(2):
            candidate = target.with_name(f"{target.stem} ({number}){target.suffix}")
            if not candidate.exists():
                return candidate
        raise AssertionError("unreachable")


class _Known:
    """A known document, its identity, and its text's sketch once it was needed; with `load`, the document is not
    held but read again when needed."""

    def __init__(self, document: Document, load: Callable[[], Document] | None = None) -> None:
        self._document = None if load else document
        self._load = load
        self.info = document.info
        self.identity = identify(document)
        self._sketch: Sketch | None = None

    @property
    def document(self) -> Document:
        """The document (read again if it is not held)."""
        if self._document is not None:
            return self._document
        assert self._load is not None
        return self._load()

    def sketch(self) -> Sketch:
        """The sketch of the document's text (worked out once)."""
        if self._sketch is None:
            self._sketch = sketch(self.document)
        return self._sketch


def safe_name(name: str) -> str:
    """A file name from a user (a chat attachment): no folders, no control or reserved characters, not hidden."""
    base = _UNSAFE_RE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    stem, suffix = os.path.splitext(base)
    return (stem[:120] or "van-ban") + suffix.lower()


def _write(source: Path | bytes, target: Path) -> None:
    """Write the file whole or not at all: a hidden temporary file in the folder, then renamed over the target."""
    descriptor, temporary = tempfile.mkstemp(prefix=".nap-", dir=target.parent)
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(source if isinstance(source, bytes) else source.read_bytes())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
