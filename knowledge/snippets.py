"""A long answer unit shown as the part around what matched: under 600 characters, cut at word boundaries, with "…"."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from knowledge.proximity import concept_positions
from knowledge.question import Question
from knowledge.synonyms import Lexicon
from knowledge.tokens import tokenize

LIMIT = 600
_ELLIPSIS = "…"
_CLUSTER = 200
_BEFORE = 100


def window(text: str, question: Question, lexicon: Lexicon, weights: list[float], limit: int = LIMIT) -> str:
    """`text` itself when short; else the stretch of at most `limit` characters holding the most matched weight.

    A heading in front of the text ("Sở Nội vụ: …") stays in front of the window, so the answer keeps its subject.
    """
    if len(text) <= limit:
        return text
    lead, separator, body = text.partition(": ")
    keep = f"{lead}: " if separator and len(lead) <= 120 else ""
    body = body if keep else text
    room = limit - len(keep) - 2 * len(_ELLIPSIS)
    tokens = tokenize(body)
    positions = concept_positions(question, tokens, lexicon)
    hits: list[tuple[int, int, int]] = []  # (start, end, concept) of matched tokens in `body`
    for concept_index, found in enumerate(positions):
        for position in found:
            token = tokens[position]
            hits.append((token.start, token.end, concept_index))
    hits.sort()
    # The tightest cluster of different matched concepts is where the answer stands; what follows the question's
    # words is usually the answer ("trồng cây bản địa (lim, giổi, lát)"), so the window opens a little before it.
    best_start, best_weight = 0, -1.0
    starts = [start for start, _, _ in hits]
    for start in starts:
        # The hits from `start` to `start + _CLUSTER` (found by bisection: a long unit has hundreds of hits).
        window_hits = hits[bisect_left(starts, start) : bisect_right(starts, start + _CLUSTER)]
        concepts = {concept for _, _, concept in window_hits}
        weight = sum(weights[concept] for concept in concepts)
        if weight > best_weight:
            best_start, best_weight = max(0, start - _BEFORE), weight
    begin = _word_start(body, best_start)
    end = _word_end(body, min(len(body), begin + room))
    shown = body[begin:end].strip()
    prefix = _ELLIPSIS if begin > 0 else ""
    suffix = _ELLIPSIS if end < len(body) else ""
    return f"{keep}{prefix}{shown}{suffix}"


def _word_start(text: str, position: int) -> int:
    """The start of the word at `position` (or of the clause just before it, when one starts close by)."""
    if position <= 0:
        return 0
    clause = max(text.rfind(", ", 0, position), text.rfind("; ", 0, position))
    if clause >= 0 and position - clause <= 40:
        return clause + 2
    space = text.rfind(" ", 0, position)
    return space + 1 if space >= 0 else 0


def _word_end(text: str, position: int) -> int:
    """The end of the last whole word before `position`."""
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", 0, position)
    return space if space > 0 else position


def cut_end(text: str, room: int) -> str:
    """The text, or its start cut at a word and marked "…", within `room` characters."""
    if len(text) <= room:
        return text
    return text[: max(0, room - 1)].rsplit(" ", 1)[0].rstrip(" ,;:") + _ELLIPSIS


def cut_start(text: str, room: int) -> str:
    """The end of a text, from a word, within `room` characters (no mark: the caller adds "…")."""
    if len(text) <= room:
        return text
    tail = text[len(text) - room :]
    space = tail.find(" ")
    return tail[space + 1 :] if 0 <= space < room // 2 else tail
