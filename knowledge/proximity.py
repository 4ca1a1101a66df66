"""Where a question's words stand in a candidate answer: together and in the question's order, or scattered.

"Sở Công Thương báo cáo Tỉnh ủy … hằng tháng trước ngày mấy" is answered by "Sở Công Thương tổng hợp báo cáo
Tỉnh ủy … hàng tháng (trước ngày 18 …)", not by "… hàng tháng (trước ngày 16 …), gửi Sở Công Thương tổng hợp báo cáo
Tỉnh ủy …": both hold every word, only one says them in the question's order.
"""

from __future__ import annotations

import itertools

from knowledge.question import Concept, Question
from knowledge.synonyms import Lexicon
from knowledge.tokens import Token, tokenize

_NEAR = 8


def _positions(concept: Concept, terms: list[set[str]], words: list[str], groups: dict[str, list[int]]) -> list[int]:
    """Token positions where a concept occurs in a text."""
    term = concept.term
    if term.startswith("syn:"):
        return groups.get(term, [])
    if term.startswith("e:"):
        syllables = term[2:].split("|")
        size = len(syllables)
        return [start for start in range(len(words) - size + 1) if words[start : start + size] == syllables]
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


def order_score(question: Question, text: str, lexicon: Lexicon) -> float:
    """Share of the question's consecutive concepts found close together (≤ 8 words) and in the same order."""
    positions = concept_positions(question, tokenize(text), lexicon)
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
    head = " ".join(text.split()[:8])
    subject = Question(question.text, names[:1], question.intents)
    return any(concept_positions(subject, tokenize(head), lexicon)[0])
