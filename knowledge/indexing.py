"""Building the search index: documents walked once in index order, their terms filed as keys in batches.

Directives repeat whole sentences and headings (boilerplate, copied plans): the keys of a text are worked out once
and remembered for the next passages (a bounded memory, so that a province's library builds in a few hundred MB).
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from knowledge.index import (
    FLAG_CITED_DATE,
    FLAG_DATE,
    FLAG_DEADLINE,
    FLAG_DOCNO,
    FLAG_FIGURE,
    FLAG_FOLLOWS,
    FLAG_FREQUENCY,
    FLAG_IDENTITY,
    FLAG_IN_FORCE,
    FLAG_LIST,
    FLAG_PERSON,
    FLAG_QUOTE,
    FLAG_RECIPIENT,
    FLAG_ROW,
    FLAG_TARGET,
    POSTINGS,
    SearchIndex,
)
from knowledge.model import Document
from knowledge.postings import KeyArray, PostingsBuilder, term_key
from knowledge.synonyms import Lexicon
from knowledge.targets import has_figure, states_count
from knowledge.terms import Segment, text_terms
from knowledge.vietnamese import UPPER

_PERSON_RE = re.compile(
    rf"\b(?:[Đđ]ồng chí|[Đđ]/c|[Cc]hủ trì|[Pp]hụ trách|[Gg]iao (?:cho )?[{UPPER}]|(?:ông|bà) [{UPPER}]"
    # "Chánh Văn phòng, Vụ trưởng … chịu trách nhiệm thi hành", "Theo đề nghị của Vụ trưởng …": who, by name or office
    rf"|[Cc]hịu trách nhiệm (?!về )|[Tt]heo đề nghị của [{UPPER}])"
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
# A cited document's number and date: "Hướng dẫn số 7886/HD-BNV ngày 14/9/2025", "Nghị quyết 57-NQ/TW, ngày 22/12/2024".
_CITED_DATE_RE = re.compile(
    r"\d+[\w.]*\s?[-/]\s?[A-ZĐ][\w/.&-]*,?\s+(?:ngày|ngay)\s+\d{1,2}(?:\s?[/-]\s?\d{1,2}\s?[/-]\s?\d{2,4}|"
    r"\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
)
# "Quyết định này có hiệu lực kể từ ngày …", "Quy định này thay thế Quy định số … và có hiệu lực …": a document's own
# statement of effect; not "Kể từ ngày Quy định này có hiệu lực thi hành: …" (what follows from it).
_IN_FORCE_RE = re.compile(
    r"\b(?:quyết định|nghị quyết|quy định|quy chế|kế hoạch|thông tư|nghị định|chỉ thị|hướng dẫn|văn bản|công văn|"
    r"luật|điều lệ|chương trình|đề án|thông báo|công điện) này\b[^.;:]{0,150}?\bcó hiệu lực"
)
_SINCE_RE = re.compile(r"\b(?:ngày|khi|từ|trước|sau|đến)\s*$")
_DATE_CUES = ("/", "ngày", "tháng", "quý", "thứ", "chủ nhật", "hằng tuần")
_PERSON_CUES = ("đồng chí", "đ/c", "chủ trì", "phụ trách", "giao", "ông ", "bà ", "chịu trách nhiệm", "đề nghị của")
_RECURRING_CUES = ("hằng", "hàng", "mỗi", "định kỳ", "tháng một lần", "lần")
_DOCNO_RE = re.compile(r"\d+(?:/\d{4})?\s?[-/]\s?[A-ZĐ][A-Za-zĐđ]*(?:[-/][A-ZĐ][A-Za-zĐđ&.]*)+")
_QUOTE_RE = re.compile(r"[“\"«][^”\"»]{3,}[”\"»]")
_DIGIT_RE = re.compile(r"\d")
_ROLE_FLAGS = {"recipient": FLAG_RECIPIENT, "row": FLAG_ROW}
# A table row's figure stands alone under its column ("Số lượng xã, phường hiện nay: 168; …").
_CELL_FIGURE_RE = re.compile(r":\s*\d[\d.,]*\s*(?:;|\||$)")
_SECTION_SAMPLE = 8
_REMEMBERED_TEXTS = 200_000  # texts whose keys are remembered; past that the memory starts again
_REMEMBERED_TERMS = 1_000_000
_REMEMBERED_SEGMENTS = 100_000  # stretches of words with their terms: the largest of these memories


class IndexBuilder:
    """Files documents' passages, headings and identities, in index order; `finish` gives the SearchIndex.

    With a `folder` the postings spill to files there and `finish` saves every array into it (see
    SearchIndex.open); without one everything stays in memory.
    """

    def __init__(self, lexicon: Lexicon, folder: Path | None = None) -> None:
        self.lexicon = lexicon
        self.folder = folder
        self._postings = {name: PostingsBuilder(name, folder) for name in POSTINGS}
        self._texts: dict[str, KeyArray] = {}
        self._paths: dict[str, KeyArray] = {}
        self._terms: dict[str, int] = {}
        self._segments: dict[str, Segment] = {}
        self._words: dict[str, None] = {}  # alphabetic words of passages, in order of first appearance
        self._flags: array[int] = array("H")
        self._lengths: array[int] = array("h")
        self._sections: array[int] = array("i")
        self._documents_of: array[int] = array("i")
        self._section_offsets: array[int] = array("q", [0])
        self._section_ids: array[int] = array("i")
        self.size = 0
        self.section_count = 0
        self.document_count = 0

    def _keys(self, terms: set[str]) -> KeyArray:
        """The keys of distinct terms (distinct too: two terms sharing a key are as rare as said in postings)."""
        cache = self._terms
        if len(cache) > _REMEMBERED_TERMS:
            cache.clear()
        ordered = list(terms)
        keys = list(map(cache.get, ordered))
        if None in keys:
            for position, key in enumerate(keys):
                if key is None:
                    keys[position] = cache[ordered[position]] = term_key(ordered[position])
        return np.asarray(keys, dtype=np.uint64)

    def _text_keys(self, text: str, words: bool = False) -> KeyArray:
        """The keys of a text's terms (remembered); `words` collects its alphabetic words for spelling."""
        keys = self._texts.get(text)
        if keys is None:
            if len(self._texts) >= _REMEMBERED_TEXTS:
                self._texts.clear()
            if len(self._segments) >= _REMEMBERED_SEGMENTS:
                self._segments.clear()
            terms = text_terms(text, self.lexicon, self._segments)
            keys = self._texts[text] = self._keys(terms)
            if words:
                self._words.update(dict.fromkeys(sorted(term for term in terms if term.isalpha() and term.isascii())))
        return keys

    def add(self, document: Document) -> None:
        """Index one document's passages, headings (with their ancestors') and identity, after the ones added."""
        document_id = self.document_count
        self.document_count += 1
        info = document.info
        identity = " ".join(filter(None, [info.kind, info.number, info.title, info.issuer]))
        self._postings["documents"].add(self._text_keys(identity), document_id)
        base = self.section_count
        own: list[KeyArray] = []
        paths: list[str] = []  # a section's title after its ancestors': the key of its inherited terms
        for section in document.sections:
            keys = self._text_keys(section.title)
            own.append(keys)
            path = section.title if section.parent is None else f"{paths[section.parent]}\x1f{section.title}"
            paths.append(path)
            inherited = self._paths.get(path)
            if inherited is None:
                chain = [keys]
                parent = section.parent
                while parent is not None:
                    chain.append(own[parent])
                    parent = document.sections[parent].parent
                if len(self._paths) >= _REMEMBERED_TEXTS:
                    self._paths.clear()
                inherited = self._paths[path] = np.unique(np.concatenate(chain))
            self._postings["titles"].add(keys, base + section.id)
            self._postings["context"].add(inherited, base + section.id)
        self.section_count += len(document.sections)
        buckets: list[list[int]] = [[] for _ in document.sections]
        for passage in document.passages:
            global_id = self.size
            self.size += 1
            self._sections.append(base + passage.section if passage.section is not None else -1)
            self._documents_of.append(document_id)
            text = passage.shown
            self._postings["body"].add(self._text_keys(text, words=True), global_id)
            if passage.category:
                self._postings["categories"].add(self._text_keys(passage.category), global_id)
            row_figure = FLAG_FIGURE if passage.role == "row" and _CELL_FIGURE_RE.search(text) else 0
            self._flags.append(_flags(text, frozenset(passage.kinds)) | _ROLE_FLAGS.get(passage.role, 0) | row_figure
                               | (FLAG_FOLLOWS if passage.follows else 0))
            self._lengths.append(min(len(text), 32000))
            section_id = passage.section
            while section_id is not None:
                bucket = buckets[section_id]
                if len(bucket) < _SECTION_SAMPLE:
                    bucket.append(global_id)
                section_id = document.sections[section_id].parent
        for bucket in buckets:
            self._section_ids.extend(bucket)
            self._section_offsets.append(len(self._section_ids))

    def finish(self) -> SearchIndex:
        """The index of everything added; with a folder, also saved there."""
        postings = {name: builder.finish() for name, builder in self._postings.items()}
        self._texts, self._paths, self._terms, self._segments = {}, {}, {}, {}
        arrays: dict[str, NDArray[np.generic]] = {
            "flags": np.frombuffer(self._flags, dtype=np.uint16).copy(),
            "lengths": np.frombuffer(self._lengths, dtype=np.int16).copy(),
            "passage_section": np.frombuffer(self._sections, dtype=np.int32).copy(),
            "passage_document": np.frombuffer(self._documents_of, dtype=np.int32).copy(),
            "section_offsets": np.frombuffer(self._section_offsets, dtype=np.int64).copy(),
            "section_ids": np.frombuffer(self._section_ids, dtype=np.int32).copy(),
        }
        body = postings["body"]
        words = list(self._words)
        words += sorted(word for word in self.lexicon.vocabulary() if word not in self._words)
        counts = body.counts(np.fromiter(map(term_key, words), dtype=np.uint64, count=len(words)))
        # Commonest first (stable: ties keep the order of first appearance); lexicon words no passage has come last.
        order = np.argsort(-counts, kind="stable")
        vocabulary = [words[position] for position in order if counts[position] == 0 or words[position] in self._words]
        index = SearchIndex(self.lexicon, postings, arrays, vocabulary)
        if self.folder is not None:
            index.save_arrays(self.folder)
        return index


def build_index(documents: list[Document], lexicon: Lexicon) -> SearchIndex:
    """The in-memory index of `documents`, in their order."""
    builder = IndexBuilder(lexicon)
    for document in documents:
        builder.add(document)
    return builder.finish()


@lru_cache(maxsize=65536)
def _flags(text: str, kinds: frozenset[str]) -> int:
    """What kind of answer a passage can give: a figure, a date, a person or body, a frequency."""
    flags = 0
    if "identity" in kinds:
        flags |= FLAG_PERSON | FLAG_DATE | FLAG_IDENTITY
    if "target" in kinds:
        flags |= FLAG_TARGET | FLAG_FIGURE
    ordinal = "lần thứ" in text or "khóa" in text or "khoá" in text or "nhiệm kỳ" in text
    if ((ordinal or _DIGIT_RE.search(text)) and has_figure(text)) or states_count(text):
        flags |= FLAG_FIGURE
    lower = text.lower()
    if "deadline" in kinds:
        flags |= FLAG_DEADLINE
    if "deadline" in kinds or (any(cue in lower for cue in _DATE_CUES) and _DATE_RE.search(text)):
        flags |= FLAG_DATE
        if "deadline" not in kinds and not _DATE_RE.search(_CITED_DATE_RE.sub(" ", text)):
            flags |= FLAG_CITED_DATE
    if "assignment" in kinds or (any(cue in lower for cue in _PERSON_CUES) and _PERSON_RE.search(text)):
        flags |= FLAG_PERSON
    if any(cue in lower for cue in _RECURRING_CUES) and _RECURRING_RE.search(text):
        flags |= FLAG_FREQUENCY
    if "có hiệu lực" in lower and any(not _SINCE_RE.search(lower, max(0, match.start() - 14), match.start())
                                      for match in _IN_FORCE_RE.finditer(lower)):
        flags |= FLAG_IN_FORCE
    if "/" in text and _DOCNO_RE.search(text):
        flags |= FLAG_DOCNO
    if any(quote in text for quote in '“"«') and _QUOTE_RE.search(text):
        flags |= FLAG_QUOTE
    if text.count(",") >= 3 or text.rstrip().endswith(":") or re.search(r": [^:]*[,;]", text):
        flags |= FLAG_LIST  # an enumeration, or what introduces or follows one ("gồm:", "Thời gian: a, b")
    return flags
