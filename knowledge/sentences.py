"""Sentences of a paragraph; a very long sentence in clause-sized pieces (answers show a window of 600 characters)."""

from __future__ import annotations

import re

from knowledge.vietnamese import UPPER

MAX_PASSAGE = 1200
_PACK_TARGET = 800
# A sentence ends at . ! ? … followed by a space and something that can start a sentence.
_BOUNDARY_RE = re.compile(rf"(?<=[.!?…])['\"”’)]?\s+(?=[\"“(+\-–]?\s?[{UPPER}0-9])")
_ABBREVIATION_SPAN = 8
_ABBREVIATION_RE = re.compile(r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|Th|St|v\.v|tr|Q|P|TT|Ô|Bà)|\b[A-ZĐ])\.$")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, not at "TP. Hạ Long", initials or "v.v."."""
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        end = match.start()
        # Only the last few characters can make an abbreviation: a long paragraph stays linear.
        if _ABBREVIATION_RE.search(text, max(start, end - _ABBREVIATION_SPAN), end):
            continue
        candidate = text[start:end].rstrip()
        if candidate:
            pieces.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def _pack(parts: list[str], joiner: str) -> list[str]:
    """Greedily join consecutive parts into chunks of about _PACK_TARGET characters."""
    chunks: list[str] = []
    current = ""
    for part in parts:
        if current and len(current) + len(joiner) + len(part) > _PACK_TARGET:
            chunks.append(current)
            current = part
        else:
            current = f"{current}{joiner}{part}" if current else part
    if current:
        chunks.append(current)
    return chunks


def _cut_words(text: str, limit: int) -> list[str]:
    """Last resort for a clause without punctuation: cut at word boundaries."""
    chunks: list[str] = []
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit)
        cut = cut if cut > limit // 2 else limit
        chunks.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        chunks.append(text)
    return chunks


def passages_of(sentence: str) -> list[str]:
    """Split one sentence into pieces of at most MAX_PASSAGE characters, at ";" first, then ","."""
    if len(sentence) <= MAX_PASSAGE:
        return [sentence]
    out: list[str] = []
    for chunk in _pack([part.strip() for part in sentence.split(";") if part.strip()], "; "):
        if len(chunk) <= MAX_PASSAGE:
            out.append(chunk)
            continue
        for sub in _pack([part.strip() for part in chunk.split(",") if part.strip()], ", "):
            out.extend(_cut_words(sub, MAX_PASSAGE) if len(sub) > MAX_PASSAGE else [sub])
    return out
