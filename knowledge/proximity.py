"""Where a question's words stand in a candidate answer: together and in the question's order, or scattered.

"Sở Công Thương báo cáo Tỉnh ủy … hằng tháng trước ngày mấy" is answered by "Sở Công Thương tổng hợp báo cáo
Tỉnh ủy … hàng tháng (trước ngày 18 …)", not by "… hàng tháng (trước ngày 16 …), gửi Sở Công Thương tổng hợp báo cáo
Tỉnh ủy …": both hold every word, only one says them in the question's order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

from knowledge.numbers import number_key, parse_number
from knowledge.question import Concept, Question
from knowledge.synonyms import Lexicon
from knowledge.tokens import Token
from knowledge.vietnamese import fold_syllable

_NEAR = 8


def _positions(
    concept: Concept, terms: Sequence[AbstractSet[str]], words: Sequence[str], groups: dict[str, list[int]]
) -> list[int]:
    """Token positions where a concept occurs in a text."""
    term = concept.term
    if term.startswith("syn:"):
        return groups.get(term, [])
    if term.startswith("e:"):
        syllables = term[2:].split("|")
        size = len(syllables)
        return [start for start in range(len(words) - size + 1) if list(words[start : start + size]) == syllables]
    wanted = {term, *concept.alternatives}
    return [position for position, found in enumerate(terms) if found & wanted]


def concept_positions(question: Question, tokens: list[Token], lexicon: Lexicon) -> list[list[int]]:
    """For each concept of the question, the token positions where it occurs in a tokenised text."""
    words = [token.folded if token.is_word else "\0" for token in tokens]
    terms = [set(token.terms) for token in tokens]
    groups: dict[str, list[int]] = {}
    for start, _, term in lexicon.find(words):
        groups.setdefault(term, []).append(start)
    return [_positions(concept, terms, words, groups) for concept in question.concepts]


_WORD_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+")


class _Placed:
    """A text's folded words, where each index term stands, and where each synonym group starts."""

    __slots__ = ("groups", "places", "words")

    def __init__(self, text: str, lexicon: Lexicon) -> None:
        words: list[str] = []
        places: dict[str, list[int]] = {}
        for position, raw in enumerate(_WORD_RE.findall(text)):
            if raw[0].isdigit():
                value = parse_number(raw)
                words.append("\0")
                term = number_key(value) if value is not None else ""
            else:
                term = fold_syllable(raw)
                words.append(term)
            if term:
                places.setdefault(term, []).append(position)
        groups: dict[str, list[int]] = {}
        for start, _, group in lexicon.find(words):
            groups.setdefault(group, []).append(start)
        self.words = words
        self.places = places
        self.groups = groups

    def positions(self, concept: Concept) -> list[int]:
        """Word positions where a concept occurs."""
        term = concept.term
        if term.startswith("syn:"):
            return self.groups.get(term, [])
        if term.startswith("e:"):
            syllables = term[2:].split("|")
            size = len(syllables)
            starts = self.places.get(syllables[0], [])
            return [start for start in starts if self.words[start : start + size] == syllables]
        found = list(self.places.get(term, []))
        for alternative in concept.alternatives:
            found += self.places.get(alternative, [])
        return sorted(found)


@lru_cache(maxsize=8192)
def _placed(text: str, lexicon: Lexicon) -> _Placed:
    return _Placed(text, lexicon)


def order_score(question: Question, text: str, lexicon: Lexicon) -> float:
    """Share of the question's consecutive concepts found close together (≤ 8 words) and in the same order."""
    placed = _placed(text, lexicon)
    positions = [placed.positions(concept) for concept in question.concepts]
    pairs = close = 0
    for first, second in itertools.pairwise(positions):
        if not first or not second:
            continue
        pairs += 1
        if any(0 < b - a <= _NEAR for a in first for b in second):
            close += 1
    return close / pairs if pairs else 0.0


def leads_with(question: Question, text: str, lexicon: Lexicon) -> bool:
    """Whether the passage starts with the name the question starts with (its subject): "Sở Công Thương …"."""
    names = [concept for concept in question.concepts[:2] if concept.term.startswith(("e:", "syn:"))]
    if not names:
        return False
    return bool(_placed(" ".join(text.split()[:8]), lexicon).positions(names[0]))


_ITEM_WORDS = 6
# After the words asked about: "(a, b, c)", "gồm: a, b, c", "bao gồm a; b; c", ": a, b, c".
_LIST_AFTER_RE = re.compile(
    r"[^();:.]{0,60}?(?:\((?P<inner>[^()]{4,400})\)|(?:\bbao gồm\b|\bgồm(?: có)?\b|:)\s*(?P<items>[^.()]{4,400}))"
)


def lists_after(question: Question, text: str, lexicon: Lexicon) -> bool:
    """Whether the passage enumerates something right after words of the question ("4 Văn phòng Trung ương (Văn
    phòng Trung ương Đảng, Văn phòng Chủ tịch nước, …)"): what "gồm những … nào" asks for."""
    placed = _placed(text, lexicon)
    starts = sorted({position for concept in question.concepts for position in placed.positions(concept)})
    if not starts:
        return False
    offsets = [match.start() for match in _WORD_RE.finditer(text)]
    for position in starts:
        found = _LIST_AFTER_RE.match(text, offsets[position])
        if found is not None:
            parts = [part.split() for part in re.split(r"[,;]", found["inner"] or found["items"] or "")]
            # Names, not clauses: three or more, a few words each.
            if len(parts) >= 3 and sum(map(len, parts)) <= _ITEM_WORDS * len(parts):
                return True
    return False
