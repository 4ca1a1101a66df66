"""The search index: term postings over passages, their section headings and their documents."""

from __future__ import annotations

import math
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from numpy.typing import NDArray

from knowledge.model import Document
from knowledge.synonyms import Lexicon
from knowledge.targets import has_figure
from knowledge.terms import Segment, text_terms
from knowledge.vietnamese import UPPER

FLAG_FIGURE, FLAG_DATE, FLAG_PERSON, FLAG_FREQUENCY, FLAG_TARGET, FLAG_QUOTE, FLAG_LIST = 1, 2, 4, 8, 16, 32, 64
FLAG_IDENTITY, FLAG_FOLLOWS, FLAG_RECIPIENT, FLAG_ROW, FLAG_DOCNO = 128, 256, 512, 1024, 2048
_PERSON_RE = re.compile(
    rf"\b(?:[Đđ]ồng chí|[Đđ]/c|chủ trì|[Pp]hụ trách|[Gg]iao (?:cho )?[{UPPER}]|(?:ông|bà) [{UPPER}])"
)
_DATE_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\b[Nn]gày \d|\bngày (?:ký|ban hành)\b|\btháng \d{1,2}\b|\b[Qq]uý (?:[IV]+|[1-4])\b|"
    r"\bthứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)\b|\bChủ nhật\b|\bhằng tuần\b"
)
_RECURRING_RE = re.compile(
    r"(?i)\b(?:hằng|hàng|mỗi)\s+(?:ngày|tuần|tháng|quý|năm)\b|\bđịnh kỳ\b|\b\d+ tháng một lần\b|"
    r"\b\d+\s*lần\s*(?:/|trong|mỗi|một)\s*(?:năm|tháng|quý|tuần|học kỳ)"
)
# Cheap substring tests that rule most passages out before the regular expressions run.
_DATE_CUES = ("/", "ngày", "tháng", "quý", "thứ", "chủ nhật", "hằng tuần")
_PERSON_CUES = ("đồng chí", "đ/c", "chủ trì", "phụ trách", "giao", "ông ", "bà ")
_RECURRING_CUES = ("hằng", "hàng", "mỗi", "định kỳ", "tháng một lần", "lần")
_DOCNO_RE = re.compile(r"\d+(?:/\d{4})?\s?[-/]\s?[A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ&.]*)+")
_QUOTE_RE = re.compile(r"[“\"«][^”\"»]{3,}[”\"»]")
_DIGIT_RE = re.compile(r"\d")
_EMPTY = np.zeros(0, dtype=np.int32)
_ROLE_FLAGS = {"recipient": FLAG_RECIPIENT, "row": FLAG_ROW}
_SECTION_SAMPLE = 8

IntArray = NDArray[np.int32]


def _file(lists: list[array[int]], terms: int, term_ids: list[int], item: int) -> None:
    """Append `item` to the list of each term, first growing the lists to the `terms` the vocabulary holds."""
    missing = terms - len(lists)
    if missing > 0:
        lists.extend(array("i") for _ in range(missing))
    for term_id in term_ids:
        lists[term_id].append(item)


class Postings:
    """Term → sorted ids. Ids are appended in increasing order while indexing, each at most once per term."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        self._vocabulary = vocabulary
        self._building: list[array[int]] = []
        self._frozen: list[IntArray | None] = []

    def add(self, term_ids: list[int], item: int) -> None:
        """Record that `item` holds each of `term_ids`."""
        _file(self._building, len(self._vocabulary), term_ids, item)

    def freeze(self) -> None:
        """Turn the lists into numpy arrays that share their memory."""
        self._frozen = [np.frombuffer(ids, dtype=np.int32) if len(ids) else None for ids in self._building]
        self._building = []

    def get(self, term: str) -> IntArray | None:
        """Sorted ids holding `term`, or None."""
        term_id = self._vocabulary.get(term)
        if term_id is None or term_id >= len(self._frozen):
            return None
        return self._frozen[term_id]

    def count(self, term: str) -> int:
        """How many ids hold `term`."""
        found = self.get(term)
        return 0 if found is None else int(found.size)

    def __contains__(self, term: str) -> bool:
        return self.get(term) is not None

    def nbytes(self) -> int:
        """Memory held by the arrays."""
        return sum(ids.nbytes for ids in self._frozen if ids is not None)


class TextPostings(Postings):
    """Postings of texts that repeat (boilerplate, copied plans, the same headings): each distinct text is filed
    under its terms once, with the items that carry it; the per-term lists are put together when frozen."""

    def __init__(self, vocabulary: dict[str, int]) -> None:
        super().__init__(vocabulary)
        self._texts: dict[str, int] = {}
        self._carriers: list[array[int]] = []  # text → the passages that carry it
        self._term_texts: list[array[int]] = []  # term → the texts that hold it

    def has_text(self, text: str) -> bool:
        """Whether `text` was filed already (its terms are not needed again)."""
        return text in self._texts

    def add_text(self, text: str, term_ids: list[int], item: int) -> None:
        """Record that `item` reads `text`, whose terms are `term_ids` (not read if the text was seen)."""
        index = self._texts.get(text)
        if index is None:
            index = self._texts[text] = len(self._carriers)
            self._carriers.append(array("i"))
            _file(self._term_texts, len(self._vocabulary), term_ids, index)
        self._carriers[index].append(item)

    def freeze(self) -> None:
        """Each term's passages: those of its one text, or those of its texts merged in order."""
        carriers = [np.frombuffer(items, dtype=np.int32) for items in self._carriers]
        self._frozen = [
            None if not texts else carriers[texts[0]] if len(texts) == 1
            else np.sort(np.concatenate([carriers[text] for text in texts]))
            for texts in self._term_texts
        ]
        self._texts, self._carriers, self._term_texts = {}, [], []


@dataclass(frozen=True, slots=True)
class PassageRef:
    """Where a passage of the index comes from."""

    document: int
    passage: int


class SearchIndex:
    """Postings built once from the documents; read by the answerer."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.refs: list[PassageRef] = []
        self._vocabulary: dict[str, int] = {}
        self.body = TextPostings(self._vocabulary)
        self.context = TextPostings(self._vocabulary)
        self.titles = TextPostings(self._vocabulary)
        self.categories = Postings(self._vocabulary)
        self.documents = Postings(self._vocabulary)
        # Directives repeat whole sentences and headings (boilerplate, copied plans): terms computed once.
        self._seen: dict[str, list[int]] = {}
        self._segments: dict[str, Segment] = {}
        self._flags: array[int] = array("H")
        self._lengths: array[int] = array("h")
        self._sections: array[int] = array("i")
        self._documents_of: array[int] = array("i")
        self._section_count = 0
        self._section_passages: list[list[int]] = []
        self.flags: NDArray[np.uint16] = np.zeros(0, dtype=np.uint16)
        self.lengths: NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self.passage_section: IntArray = _EMPTY
        self.passage_document: IntArray = _EMPTY
        self.vocabulary: list[str] = []
        self.size = 0

    def _terms(self, text: str) -> list[int]:
        """Term ids of a text, numbering new terms; each distinct text is analysed once."""
        ids = self._seen.get(text)
        if ids is None:
            terms = text_terms(text, self.lexicon, self._segments)
            vocabulary = self._vocabulary
            for term in [term for term in terms if term not in vocabulary]:
                vocabulary[term] = len(vocabulary)
            ids = self._seen[text] = list(map(vocabulary.__getitem__, terms))
        return ids

    def add(self, document_id: int, document: Document) -> None:
        """Index one document's passages, headings (with their ancestors') and identity."""
        info = document.info
        self.documents.add(
            self._terms(" ".join(filter(None, [info.kind, info.number, info.title, info.issuer]))), document_id
        )
        base = self._section_count
        own_terms: list[list[int]] = []
        paths: list[str] = []  # a section's title after its ancestors': the key of its inherited terms
        for section in document.sections:
            terms = self._terms(section.title)
            own_terms.append(terms)
            path = section.title if section.parent is None else f"{paths[section.parent]}\x1f{section.title}"
            paths.append(path)
            inherited: set[int] = set()
            if not self.context.has_text(path):
                inherited.update(terms)
                parent = section.parent
                while parent is not None:
                    inherited.update(own_terms[parent])
                    parent = document.sections[parent].parent
            self.titles.add_text(section.title, terms, base + section.id)
            self.context.add_text(path, list(inherited), base + section.id)
            self._section_passages.append([])
        self._section_count += len(document.sections)
        for passage in document.passages:
            global_id = len(self.refs)
            self.refs.append(PassageRef(document_id, passage.id))
            self._sections.append(base + passage.section if passage.section is not None else -1)
            self._documents_of.append(document_id)
            self.body.add_text(passage.shown, self._terms(passage.shown), global_id)
            if passage.category:
                self.categories.add(self._terms(passage.category), global_id)
            self._flags.append(_flags(passage.shown, frozenset(passage.kinds)) | _ROLE_FLAGS.get(passage.role, 0)
                               | (FLAG_FOLLOWS if passage.follows else 0))
            self._lengths.append(min(len(passage.shown), 32000))
            section_id = passage.section
            while section_id is not None:
                bucket = self._section_passages[base + section_id]
                if len(bucket) < _SECTION_SAMPLE:
                    bucket.append(global_id)
                section_id = document.sections[section_id].parent

    def freeze(self) -> None:
        """Turn the collected postings into arrays; the index is read-only afterwards."""
        for postings in (self.body, self.context, self.titles, self.categories, self.documents):
            postings.freeze()
        self._seen.clear()
        self._segments.clear()
        self.flags = np.frombuffer(self._flags, dtype=np.uint16).copy()
        self.lengths = np.frombuffer(self._lengths, dtype=np.int16).copy()
        self.passage_section = np.frombuffer(self._sections, dtype=np.int32).copy()
        self.passage_document = np.frombuffer(self._documents_of, dtype=np.int32).copy()
        self.size = len(self.refs)
        words = [term for term in self._vocabulary if term.isalpha() and term.isascii() and term in self.body]
        words += [term for term in self.lexicon.vocabulary() if term not in self.body]
        self.vocabulary = sorted(words, key=lambda term: -self.body.count(term))

    def idf(self, term: str) -> float:
        """Inverse document frequency over passages (BM25 form); high for rare and unknown terms."""
        df = self.body.count(term)
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        """Whether the term occurs anywhere: in a passage, a heading, a category or a document's identity."""
        return term in self.body or term in self.context or term in self.documents or term in self.categories

    @property
    def section_count(self) -> int:
        """How many sections all documents have together."""
        return self._section_count

    def section_passages(self, section: int) -> list[int]:
        """Up to 8 passages under a section (its own first, then its subsections')."""
        return self._section_passages[section]

    def nbytes(self) -> int:
        """Memory held by the postings arrays."""
        return sum(p.nbytes() for p in (self.body, self.context, self.titles, self.categories, self.documents))

    @staticmethod
    def contains(postings: IntArray | None, ids: IntArray) -> NDArray[np.bool_]:
        """For each id, whether it is in the sorted postings."""
        if postings is None or postings.size == 0:
            return np.zeros(ids.shape, dtype=bool)
        where = np.searchsorted(postings, ids)
        where = np.minimum(where, postings.size - 1)
        return np.asarray(postings[where] == ids)


@lru_cache(maxsize=65536)
def _flags(text: str, kinds: frozenset[str]) -> int:
    """What kind of answer a passage can give: a figure, a date, a person or body, a frequency."""
    flags = 0
    if "identity" in kinds:
        flags |= FLAG_PERSON | FLAG_DATE | FLAG_IDENTITY
    if "target" in kinds:
        flags |= FLAG_TARGET | FLAG_FIGURE
    ordinal = "lần thứ" in text or "khóa" in text or "khoá" in text or "nhiệm kỳ" in text
    if (ordinal or _DIGIT_RE.search(text)) and has_figure(text):
        flags |= FLAG_FIGURE
    lower = text.lower()
    if "deadline" in kinds or (any(cue in lower for cue in _DATE_CUES) and _DATE_RE.search(text)):
        flags |= FLAG_DATE
    if "assignment" in kinds or (any(cue in lower for cue in _PERSON_CUES) and _PERSON_RE.search(text)):
        flags |= FLAG_PERSON
    if any(cue in lower for cue in _RECURRING_CUES) and _RECURRING_RE.search(text):
        flags |= FLAG_FREQUENCY
    if "/" in text and _DOCNO_RE.search(text):
        flags |= FLAG_DOCNO
    if any(quote in text for quote in '“"«') and _QUOTE_RE.search(text):
        flags |= FLAG_QUOTE
    if text.count(",") >= 3 or ": " in text:
        flags |= FLAG_LIST
    return flags
