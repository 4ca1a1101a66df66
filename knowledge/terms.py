"""The index terms of a document text, computed in bulk: the same terms `tokenize` gives, much faster.

Questions are short and go through `tokenize`; documents can hold 100 000 sentences, so here the words are
taken with `findall` per stretch of text instead of one Python object per token.
"""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.numbers import roman_to_int
from knowledge.synonyms import Lexicon
from knowledge.tokens import CODE_RE, code_terms
from knowledge.vietnamese import fold_syllable, has_tone_marks, tone_key

_WORD_RE = re.compile(r"[^\W\d_]+")
# Adjacency of syllables survives a comma, a dash or quotes ("rà soát, sơ kết", Quỹ "Vì người nghèo"),
# not other punctuation or a code.
_HARD_BREAK_RE = re.compile(r"[^\w\s,\-–\"“”'‘’«»]+|\x00")
_ROMAN_RE = re.compile(r"(?=[IVX])\b[IVX]{1,6}\b")
# "ngày 31 tháng 10 năm 2025" is the date 31/10/2025 written out: the same date terms.
_WRITTEN_DATE_RE = re.compile(r"\b[Nn]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?\b")


@lru_cache(maxsize=131072)
def _toned(word: str) -> str | None:
    """The toned term of a word with marks; None for a word without, which no toned question word can be."""
    return f"t:{tone_key(word)}" if has_tone_marks(word) else None


def _pair(first: str, second: str) -> str:
    return f"b:{first}|{second}"


Segment = tuple[tuple[str, ...], tuple[str, ...]]


def text_terms(text: str, lexicon: Lexicon, segments: dict[str, Segment] | None = None) -> set[str]:
    """Every index term of `text` (NFC): folded and toned syllables, numbers and codes, synonym groups, and
    pairs of syllables side by side. `segments` keeps the work on stretches of words that repeat (between
    numbers and punctuation, sentences share them) for the next texts."""
    terms: set[str] = set()
    known = {} if segments is None else segments

    def mask(match: re.Match[str]) -> str:
        terms.update(code_terms(match.lastgroup or "", match.group(0)))
        return " \x00 "

    if "tháng" in text:
        for written in _WRITTEN_DATE_RE.finditer(text):
            day, month, year = written.groups()
            written_terms = code_terms("date", f"{day}/{month}/{year}") if year else []
            terms.update(written_terms or code_terms("daymonth", f"{day}/{month}"))
    masked = CODE_RE.sub(mask, text)
    for numeral in _ROMAN_RE.findall(masked):
        value = roman_to_int(numeral)
        if value is not None:
            terms.add(f"n:{value}")
    sequence: list[str] = []
    for segment in _HARD_BREAK_RE.split(masked.lower()):
        found = known.get(segment)
        if found is None:
            found = known[segment] = _segment_terms(segment)
        folded, segment_terms = found
        if folded:
            terms.update(segment_terms)
            sequence.extend(folded)
            sequence.append("\0")
    groups = lexicon.find_all(sequence)
    starting: dict[int, list[str]] = {}
    for start, _end, term in groups:
        starting.setdefault(start, []).append(term)
    for start, end, term in groups:
        terms.add(term)
        # "UBND tỉnh", "Ủy ban nhân dân tỉnh": the group side by side with the word after it (or another group),
        # so that "UBND tỉnh" is not found in "UBND thị xã … tình hình".
        if end < len(sequence) and sequence[end] != "\0":
            terms.update(_pair(term, after) for after in (sequence[end], *starting.get(end, ())))
        if start > 0 and sequence[start - 1] != "\0":
            terms.add(_pair(sequence[start - 1], term))
    return terms


def _segment_terms(segment: str) -> Segment:
    """The folded syllables of a stretch of words and its terms: syllables, toned forms, pairs."""
    words = _WORD_RE.findall(segment)
    folded = tuple(map(fold_syllable, words))
    terms = set(folded)
    terms.update(filter(None, map(_toned, words)))
    terms.update(map(_pair, folded, folded[1:]))
    return folded, tuple(terms)
