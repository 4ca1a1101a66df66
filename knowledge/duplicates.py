"""Which files are one document: identity, a sketch of the text, versions, and one file kept per document."""

from __future__ import annotations

import heapq
import itertools
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import numpy as np

from knowledge.model import Document
from knowledge.tokens import doc_number_key
from knowledge.vietnamese import fold

SKETCH = 128  # smallest shingle hashes kept per document: the similarity estimate is within about ±0.04
SHINGLE = 4  # words per shingle: long enough that two unrelated directives share almost none (measured ~0.01)
MAX_CHARACTERS = 400_000  # the first 400,000 characters (~60,000 words) tell a document apart: bounds the cost
# Measured: two renderings of one directive (a clean .txt and the crawl's markdown with its banners and tables) share
# 0.70–1.0; unrelated directives about 0.01; web pages filled in from one template for two places 0.66–0.91.
RELATED = 0.4  # with the same number, at least this much text in common makes two files versions of one document
TITLES = 0.5  # and titles sharing at least half their words (two offices' plans numbered alike differ in title)
SAME_TEXT = 0.75  # with the same number and date, from this similarity on the text is the same (else it changed)
COPY = 0.9  # without a number on either, this much text in common and the same title make one document
# Which file of one document to keep: what the issuer published (.docx keeps tables and headings, a .pdf its
# layout) over a derived copy (.md, .txt: hard wraps, tables flattened one cell per line).
FORMAT_RANK = {".docx": 3, ".pdf": 2, ".md": 1, ".txt": 0}
_WORD_RE = re.compile(r"[^\W_]+")
_LETTERS = bytes(code if 48 <= code <= 57 or 97 <= code <= 122 else 32 for code in range(256))  # a-z 0-9 kept
_MIX = tuple(np.uint64(value) for value in (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                                            0x27D4EB2F165667C5, 0xFF51AFD7ED558CCD))
Sketch = tuple[int, ...]


class Relation(StrEnum):
    """How a document stands to another one: the same, a newer or older version, or the same day's other text."""

    SAME = "same"
    NEWER = "newer"
    OLDER = "older"
    CHANGED = "changed"


@dataclass(frozen=True, slots=True)
class Identity:
    """What a document says it is: its number (as the index compares numbers), issue date and title words."""

    path: str
    number: str | None
    issued: date | None
    title: frozenset[str]

    def comparable(self, other: Identity) -> bool:
        """Whether the two could be one document before reading their text: numbered alike with titles sharing
        at least TITLES of their words (or a title missing), or, without a number on either side, the same title."""
        if self.number and other.number:
            if self.number != other.number:
                return False
            union = self.title | other.title
            return not (self.title and other.title) or len(self.title & other.title) / len(union) >= TITLES
        return bool(self.title) and self.title == other.title


def identify(document: Document) -> Identity:
    """A document's identity as `relation` compares it."""
    info = document.info
    number = doc_number_key(info.number) if info.number else None
    return Identity(info.path, number, info.issued, frozenset(_WORD_RE.findall(fold(info.title or ""))))


def sketch(document: Document) -> Sketch:
    """The SKETCH smallest hashes of the body's tone-folded 4-word shingles (a bottom-k sketch of its text).

    Hashed with Python's per-process hash: sketches are compared within one process, never stored.
    """
    texts: list[str] = []
    length = 0
    for passage in document.passages:
        texts.append(passage.text)
        length += len(passage.text)
        if length >= MAX_CHARACTERS:
            break
    text = " ".join(texts)[:MAX_CHARACTERS].lower().replace("đ", "d")
    words = unicodedata.normalize("NFD", text).encode("ascii", "ignore").translate(_LETTERS).split()
    if len(words) < SHINGLE:
        return (hash(tuple(words)),) if words else ()
    ids = np.fromiter(map(hash, words), dtype=np.int64, count=len(words)).view(np.uint64)
    count = len(ids) - SHINGLE + 1
    with np.errstate(over="ignore"):  # multiplication modulo 2**64 is the point
        shingles = ids[:count] * _MIX[0]
        for start in range(1, SHINGLE):
            shingles += ids[start : start + count] * _MIX[start]
        shingles ^= shingles >> np.uint64(31)
        shingles *= _MIX[SHINGLE]
        shingles ^= shingles >> np.uint64(29)
    return tuple(int(value) for value in np.unique(shingles)[:SKETCH])


def similarity(first: Sketch, second: Sketch) -> float:
    """Estimated Jaccard similarity of two bodies' shingles from their sketches (0..1)."""
    if not first or not second:
        return 0.0
    mine, theirs = set(first), set(second)
    smallest = heapq.nsmallest(SKETCH, mine | theirs)
    return sum(1 for value in smallest if value in mine and value in theirs) / len(smallest)


def relation(new: Identity, old: Identity, shared: float) -> Relation | None:
    """How `new` stands to `old` given the similarity of their texts, or None for two different documents.

    Two numbered documents are one when the numbers and titles agree and they share text (numbers restart every
    year and every issuer has its own, so the same number alone is not enough); without a number, only the same
    title and text make one document. Editions of different years are different documents; a later date is a
    newer version; the same number and date with another text is a changed one.
    """
    if not new.comparable(old):
        return None
    numbered = bool(new.number and old.number)
    if shared < (RELATED if numbered else COPY):
        return None
    if new.issued and old.issued:
        if new.issued.year != old.issued.year:
            return None
        if new.issued != old.issued:
            return Relation.NEWER if new.issued > old.issued else Relation.OLDER
    return Relation.CHANGED if numbered and shared < SAME_TEXT else Relation.SAME


def relate(new: Document, old: Document) -> Relation | None:
    """How document `new` stands to document `old` (see `relation`)."""
    return relation(identify(new), identify(old), similarity(sketch(new), sketch(old)))


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
    dropped = find_duplicates(documents)
    kept_documents = [document for position, document in enumerate(documents) if position not in dropped]
    return kept_documents, [dropped[position] for position in sorted(dropped)]


def find_duplicates(documents: Sequence[Document]) -> dict[int, Duplicate]:
    """The positions of the files to leave out (see `deduplicate`), each with the file kept in its place; the
    documents are read one at a time, so they may come from disk."""
    identities = [identify(document) for document in documents]
    sketches: dict[int, Sketch] = {}

    def fingerprint(position: int) -> Sketch:  # only documents that might be one with another are read this way
        if position not in sketches:
            sketches[position] = sketch(documents[position])
        return sketches[position]

    pairs = _candidates(identities, fingerprint)
    leader = list(range(len(documents)))

    def root(position: int) -> int:
        while leader[position] != position:
            leader[position] = leader[leader[position]]
            position = leader[position]
        return position

    for first, second in sorted(pairs):
        shared = similarity(fingerprint(first), fingerprint(second))
        if relation(identities[second], identities[first], shared) is not None:
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
    return dropped


_SMALL_GROUP = 40  # documents compared pair by pair; a larger group of one title goes through shared sketch values
_COMMON = 64  # a sketch value shared by more documents than this is boilerplate, not evidence of a copy


def _candidates(identities: Sequence[Identity], fingerprint: Callable[[int], Sketch]) -> set[tuple[int, int]]:
    """Pairs (first, second) of positions that may be one document: the same number, or the same title where one
    has no number. Pairs are `comparable`; their texts are still to be compared."""
    pairs: set[tuple[int, int]] = set()
    numbered: defaultdict[str, list[int]] = defaultdict(list)
    titled: defaultdict[frozenset[str], list[int]] = defaultdict(list)
    for position, identity in enumerate(identities):
        if identity.number:
            numbered[identity.number].append(position)
        if identity.title:
            titled[identity.title].append(position)
    for group in numbered.values():
        pairs.update(itertools.combinations(group, 2))
    for group in titled.values():
        if len(group) <= _SMALL_GROUP:
            pairs.update(itertools.combinations(group, 2))
            continue
        postings: defaultdict[int, list[int]] = defaultdict(list)
        for position in group:
            for value in fingerprint(position):
                postings[value].append(position)
        shared: Counter[tuple[int, int]] = Counter()
        for sharing in postings.values():
            if 1 < len(sharing) <= _COMMON:
                shared.update(itertools.combinations(sharing, 2))
        # Texts with similarity ≥ COPY share about that share of their sketches; a quarter is a safe floor.
        pairs.update(pair for pair, count in shared.items() if count >= SKETCH * COPY / 4)
    return {(first, second) for first, second in pairs if identities[first].comparable(identities[second])}
