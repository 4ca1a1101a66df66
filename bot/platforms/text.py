"""Cutting a long message into pieces a messenger accepts: at a paragraph, a line, a sentence, a clause, a word —
never inside a word unless one word is longer than a whole piece."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?…:;](?=\s)")
_CLAUSE_END = re.compile(r",(?=\s)")


def _last(pattern: re.Pattern[str], window: str) -> int:
    """Where the last match of `pattern` in `window` ends (-1 when there is none)."""
    found = -1
    for match in pattern.finditer(window):
        found = match.end()
    return found


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, each cut at the best place in its last two thirds: a blank line, a line
    end, the end of a sentence, of a clause, or a space."""
    text = text.strip()
    pieces: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]  # a space just after the limit is a clean cut too
        floor = limit // 3
        cut = -1
        for found in (window.rfind("\n\n"), window.rfind("\n"), _last(_SENTENCE_END, window[:limit]),
                      _last(_CLAUSE_END, window[:limit]), window.rfind(" ")):
            if floor <= found <= limit:
                cut = found
                break
        if cut < 0:
            cut = window.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit  # one word longer than a piece: nothing else to do
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces
