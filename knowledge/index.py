"""The search index: term postings over passages, their section headings and their documents."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from knowledge.dates import find_due_dates, find_recurrences
from knowledge.model import Document
from knowledge.synonyms import Lexicon
from knowledge.targets import has_figure
from knowledge.tokens import Token, tokenize

FLAG_FIGURE, FLAG_DATE, FLAG_PERSON, FLAG_FREQUENCY, FLAG_TARGET, FLAG_QUOTE, FLAG_LIST = 1, 2, 4, 8, 16, 32, 64
FLAG_IDENTITY = 128
_DATE_RE = re.compile(
    r"\d{1,2}/\d{1,2}/\d{4}|\b[Nn]gày \d|\btháng \d{1,2}\b|\b[Qq]uý (?:[IV]+|[1-4])\b|"
    r"\bthứ (?:Hai|Ba|Tư|Năm|Sáu|Bảy)\b|\bChủ nhật\b|\bhằng tuần\b"
)
_QUOTE_RE = re.compile(r"[“\"«][^”\"»]{3,}[”\"»]")
_LIST_RE = re.compile(r"(?:[^,;]+,){3,}|:\s*\S")
_PERSON_RE = re.compile(r"\b(?:đồng chí|Đồng chí|đ/c|Đ/c|chủ trì|phụ trách|giao|Giao)\b")
_EMPTY = np.zeros(0, dtype=np.int32)
_SOFT_BREAKS = {",", "-", "–"}

IntArray = NDArray[np.int32]


def text_terms(tokens: list[Token], lexicon: Lexicon) -> set[str]:
    """Every index term of a text: syllables (folded and toned), numbers, codes, synonym groups, and pairs
    of syllables that stand side by side (a comma or a dash between them still counts)."""
    terms: set[str] = set()
    words: list[str] = []
    previous: Token | None = None
    for token in tokens:
        terms.update(token.terms)
        words.append(token.folded if token.is_word else "\0")
        if token.is_word:
            terms.add(f"t:{token.tone}")
            if previous is not None:
                terms.add(f"b:{previous.folded}|{token.folded}")
            previous = token
        elif token.text not in _SOFT_BREAKS:
            previous = None
    terms.update(term for _, _, term in lexicon.find(words))
    return terms


@dataclass(frozen=True, slots=True)
class PassageRef:
    """Where a passage of the index comes from."""

    document: int
    passage: int
    section: int


class SearchIndex:
    """Postings built once from the documents; read by the answerer."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.refs: list[PassageRef] = []
        self._body: dict[str, list[int]] = defaultdict(list)
        self._context: dict[str, list[int]] = defaultdict(list)
        self._titles: dict[str, list[int]] = defaultdict(list)
        self._categories: dict[str, list[int]] = defaultdict(list)
        self._documents: dict[str, list[int]] = defaultdict(list)
        self._flags: list[int] = []
        self._section_count = 0
        self.section_owner: list[tuple[int, int]] = []
        self._section_passages: list[list[int]] = []
        self.body: dict[str, IntArray] = {}
        self.context: dict[str, IntArray] = {}
        self.titles: dict[str, IntArray] = {}
        self.categories: dict[str, IntArray] = {}
        self.documents: dict[str, IntArray] = {}
        self.flags: NDArray[np.uint8] = np.zeros(0, dtype=np.uint8)
        self.lengths: NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self._lengths: list[int] = []
        self.passage_section: IntArray = _EMPTY
        self.passage_document: IntArray = _EMPTY
        self.vocabulary: list[str] = []
        self.size = 0

    def add(self, document_id: int, document: Document) -> None:
        """Index one document's passages, headings (with their ancestors') and identity."""
        info = document.info
        identity = " ".join(filter(None, [info.kind, info.number, info.title, info.issuer]))
        for term in text_terms(tokenize(identity), self.lexicon):
            self._documents[term].append(document_id)
        base = self._section_count
        own_terms: list[set[str]] = []
        for section in document.sections:
            terms = text_terms(tokenize(section.title), self.lexicon)
            own_terms.append(terms)
            inherited = set(terms)
            parent = section.parent
            while parent is not None:
                inherited |= own_terms[parent]
                parent = document.sections[parent].parent
            for term in terms:
                self._titles[term].append(base + section.id)
            for term in inherited:
                self._context[term].append(base + section.id)
            self.section_owner.append((document_id, section.id))
            self._section_passages.append([])
        self._section_count += len(document.sections)
        category_terms: dict[str, set[str]] = {}
        for passage in document.passages:
            global_id = len(self.refs)
            section = base + passage.section if passage.section is not None else -1
            self.refs.append(PassageRef(document_id, passage.id, section))
            tokens = tokenize(passage.text)
            for term in text_terms(tokens, self.lexicon):
                self._body[term].append(global_id)
            category = passage.category
            if category:
                if category not in category_terms:
                    category_terms[category] = text_terms(tokenize(category), self.lexicon)
                for term in category_terms[category]:
                    self._categories[term].append(global_id)
            self._flags.append(_flags(passage.text, passage.kinds))
            self._lengths.append(min(len(passage.text), 32000))
            section_id = passage.section
            while section_id is not None:
                bucket = self._section_passages[base + section_id]
                if len(bucket) < 8:
                    bucket.append(global_id)
                section_id = document.sections[section_id].parent

    def freeze(self) -> None:
        """Turn the collected postings into sorted numpy arrays; the index is read-only afterwards."""

        def arrays(source: dict[str, list[int]]) -> dict[str, IntArray]:
            return {term: np.unique(np.asarray(ids, dtype=np.int32)) for term, ids in source.items()}

        self.body = arrays(self._body)
        self.context = arrays(self._context)
        self.titles = arrays(self._titles)
        self.categories = arrays(self._categories)
        self.documents = arrays(self._documents)
        self.flags = np.asarray(self._flags, dtype=np.uint8)
        self.lengths = np.asarray(self._lengths, dtype=np.int16)
        self.passage_section = np.asarray([ref.section for ref in self.refs], dtype=np.int32)
        self.passage_document = np.asarray([ref.document for ref in self.refs], dtype=np.int32)
        self.size = len(self.refs)
        words = [term for term in self.body if re.fullmatch(r"[a-z]+", term)]
        words += [term for term in self.lexicon.vocabulary() if term not in self.body]
        self.vocabulary = sorted(words, key=lambda term: -len(self.body.get(term, _EMPTY)))
        self._body.clear()
        self._context.clear()
        self._titles.clear()
        self._categories.clear()
        self._documents.clear()
        self._flags.clear()
        self._lengths.clear()

    def idf(self, term: str) -> float:
        """Inverse document frequency over passages (BM25 form); high for rare and unknown terms."""
        df = len(self.body.get(term, _EMPTY))
        return math.log(1.0 + (self.size - df + 0.5) / (df + 0.5))

    def known(self, term: str) -> bool:
        """Whether the term occurs anywhere: in a passage, a heading, a category or a document's identity."""
        return term in self.body or term in self.context or term in self.documents or term in self.categories

    def section_passages(self, section: int) -> list[int]:
        """Up to 8 passages under a section (its own first, then its subsections')."""
        return self._section_passages[section]

    @staticmethod
    def contains(postings: IntArray | None, ids: IntArray) -> NDArray[np.bool_]:
        """For each id, whether it is in the sorted postings."""
        if postings is None or postings.size == 0:
            return np.zeros(ids.shape, dtype=bool)
        where = np.searchsorted(postings, ids)
        where = np.minimum(where, postings.size - 1)
        return np.asarray(postings[where] == ids)


def _flags(text: str, kinds: Iterable[str]) -> int:
    """What kind of answer a passage can give: a figure, a date, a person or body, a frequency."""
    flags = 0
    kinds = set(kinds)
    if "identity" in kinds:
        flags |= FLAG_PERSON | FLAG_DATE | FLAG_IDENTITY
    if "target" in kinds:
        flags |= FLAG_TARGET | FLAG_FIGURE
    if has_figure(text):
        flags |= FLAG_FIGURE
    if "deadline" in kinds or find_due_dates(text) or _DATE_RE.search(text):
        flags |= FLAG_DATE
    if "assignment" in kinds or _PERSON_RE.search(text):
        flags |= FLAG_PERSON
    if find_recurrences(text, require_action=False):
        flags |= FLAG_FREQUENCY
    if _QUOTE_RE.search(text):
        flags |= FLAG_QUOTE
    if _LIST_RE.search(text):
        flags |= FLAG_LIST
    return flags
