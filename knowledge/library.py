"""The knowledge folder as a store: which files are one document, and adding or replacing a file in it."""

from __future__ import annotations

import heapq
import itertools
import os
import re
import tempfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from knowledge.model import Document
from knowledge.tokens import doc_number_key
from knowledge.vietnamese import fold

SKETCH = 128  # smallest shingle hashes kept per document: the similarity estimate is within about ±0.04
SHINGLE = 4  # words per shingle: long enough that two unrelated directives share almost none (measured ~0.01)
MAX_WORDS = 60_000  # the first 60,000 words tell a document apart; bounds the cost of a huge file
# Measured: two renderings of one directive (a clean .txt and the crawl's markdown with its banners and tables) share
# 0.70–1.0; unrelated directives about 0.01; two web notices filled in from one template for two places 0.66.
RELATED = 0.4  # with the same number, at least this much text in common makes two files versions of one document
TITLES = 0.5  # and titles sharing at least half their words (two offices' plans numbered alike differ in title)
SAME_TEXT = 0.75  # with the same number and date, from this similarity on the text is the same (else it changed)
COPY = 0.9  # without a number on either, only this much text in common makes one document
# Which file of one document to keep: what the issuer published (.docx keeps tables and headings, a .pdf its
# layout) over a derived copy (.md, .txt: hard wraps, tables flattened one cell per line).
FORMAT_RANK = {".docx": 3, ".pdf": 2, ".md": 1, ".txt": 0}
_COMMON = 64  # a shingle hash shared by more documents than this is boilerplate, not evidence of a copy
_WORD_RE = re.compile(r"[^\W_]+")
_UNSAFE_RE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


class Relation(StrEnum):
    """How a document stands to another one: the same, a newer or older version, or the same day's other text."""

    SAME = "same"
    NEWER = "newer"
    OLDER = "older"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Identity:
    """What makes two files one document: the number, the issue date and a sketch of the body's folded words."""

    path: str
    number: str | None
    issued: date | None
    sketch: tuple[int, ...]
    title: frozenset[str] = frozenset()

    def similarity(self, other: Identity) -> float:
        """Estimated Jaccard similarity of the two bodies' word shingles (bottom-k estimate, 0..1)."""
        if not self.sketch or not other.sketch:
            return 0.0
        mine, theirs = set(self.sketch), set(other.sketch)
        smallest = heapq.nsmallest(SKETCH, mine | theirs)
        return sum(1 for value in smallest if value in mine and value in theirs) / len(smallest)

    def same_title(self, other: Identity) -> bool:
        """Whether the titles agree (shared words over all words ≥ TITLES); True when either has none."""
        if not self.title or not other.title:
            return True
        return len(self.title & other.title) / len(self.title | other.title) >= TITLES


def identify(document: Document) -> Identity:
    """The identity of a parsed document: its number as the index compares it, its date, its body's sketch."""
    words: list[str] = []
    for passage in document.passages:
        words += _WORD_RE.findall(fold(passage.text))
        if len(words) >= MAX_WORDS:
            break
    words = words[:MAX_WORDS]
    hashes = {zlib.crc32(" ".join(words[start : start + SHINGLE]).encode())
              for start in range(max(1, len(words) - SHINGLE + 1))} if words else set()
    info = document.info
    number = doc_number_key(info.number) if info.number else None
    title = frozenset(_WORD_RE.findall(fold(info.title or "")))
    return Identity(info.path, number, info.issued, tuple(sorted(heapq.nsmallest(SKETCH, hashes))), title)


def relation(new: Identity, old: Identity) -> Relation | None:
    """How `new` stands to `old`, or None for two different documents.

    Two numbered documents are one when the numbers agree, their titles agree and they share text (numbers restart
    every year and every issuer has its own, so the same number alone is not enough); otherwise only the same text
    makes one document. Editions of different years are different documents; a later date is a newer version.
    """
    similarity = new.similarity(old)
    if new.number and old.number:
        if new.number != old.number or similarity < RELATED or not new.same_title(old):
            return None
    elif similarity < COPY:
        return None
    if new.issued and old.issued:
        if new.issued.year != old.issued.year:
            return None
        if new.issued != old.issued:
            return Relation.NEWER if new.issued > old.issued else Relation.OLDER
    if new.number and old.number and similarity < SAME_TEXT:
        return Relation.CHANGED
    return Relation.SAME


def preference(document: Document) -> tuple[object, ...]:
    """Sort key of the file to keep among files of one document (smallest first): the latest issue date, the richer
    format, the more complete identity, the file written last (an ingested correction), then the path."""
    info = document.info
    try:
        written = os.stat(info.path).st_mtime_ns
    except OSError:
        written = 0
    return (-(info.issued or date.min).toordinal(), -FORMAT_RANK.get(Path(info.path).suffix.lower(), 0),
            len(info.missing()), -written, info.path)


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A file left out because another file is the same document (or a newer version of it)."""

    path: str
    kept: str
    name: str
    older: bool

    def __str__(self) -> str:
        what = "bản cũ hơn của" if self.older else "trùng với"
        return f"{self.path}: {what} {self.name} ({self.kept}), không nạp lần nữa"


def deduplicate(documents: Sequence[Document]) -> tuple[list[Document], list[Duplicate]]:
    """One document per directive, in the given order: of each group of files that are one document the preferred
    one is kept, the others are returned as duplicates naming the kept file."""
    identities = [identify(document) for document in documents]
    pairs: set[tuple[int, int]] = set()
    numbered: defaultdict[str, list[int]] = defaultdict(list)
    postings: defaultdict[int, list[int]] = defaultdict(list)
    for position, identity in enumerate(identities):
        if identity.number:
            numbered[identity.number].append(position)
        for value in identity.sketch:
            postings[value].append(position)
    for group in numbered.values():
        pairs.update(itertools.combinations(group, 2))
    shared: Counter[tuple[int, int]] = Counter()
    for group in postings.values():
        if 1 < len(group) <= _COMMON:
            shared.update(itertools.combinations(group, 2))
    # Two texts with similarity ≥ COPY share about that share of their sketches; a quarter is a safe floor.
    pairs.update(pair for pair, count in shared.items() if count >= SKETCH * COPY / 4)
    leader = list(range(len(documents)))

    def root(position: int) -> int:
        while leader[position] != position:
            leader[position] = leader[leader[position]]
            position = leader[position]
        return position

    for first, second in sorted(pairs):
        if relation(identities[second], identities[first]) is not None:
            leader[root(second)] = root(first)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for position in range(len(documents)):
        groups[root(position)].append(position)
    dropped: dict[int, Duplicate] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        keep = min(members, key=lambda position: preference(documents[position]))
        kept = documents[keep].info
        for position in members:
            if position != keep:
                info = documents[position].info
                older = bool(info.issued and kept.issued and info.issued < kept.issued)
                dropped[position] = Duplicate(info.path, kept.path, kept.display_name, older)
    kept_documents = [document for position, document in enumerate(documents) if position not in dropped]
    return kept_documents, [dropped[position] for position in sorted(dropped)]


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
        self._known: dict[str, tuple[Document, Identity]] = {}
        self.sync(known)

    def sync(self, known: Iterable[Document]) -> None:
        """Know exactly these documents (identities of documents already known are reused)."""
        previous, self._known = self._known, {}
        for document in known:
            cached = previous.get(document.info.path)
            same = cached is not None and cached[0] is document
            self._known[document.info.path] = cached if same and cached else (document, identify(document))

    def match(self, document: Document) -> list[tuple[Relation, str, Document]]:
        """The known documents this one is a copy or a version of: how it stands to each, its path, the document."""
        return self._related(identify(document))

    def _related(self, identity: Identity) -> list[tuple[Relation, str, Document]]:
        found = []
        for path, (known, known_identity) in self._known.items():
            related = relation(identity, known_identity)
            if related is not None:
                found.append((related, path, known))
        return found

    def store(self, source: Path | bytes, name: str, document: Document) -> Stored:
        """Store the file `document` was read from (its bytes or its path) under `name`; see Outcome. What is stored
        is known from then on (under its new path), what it replaced is not."""
        identity = identify(document)
        matches = self._related(identity)
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
        self._known[str(free)] = (document, identity)
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
