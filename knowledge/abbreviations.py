"""Abbreviations a document defines for itself: "nuôi trồng thủy sản (NTTS)", "khu công nghiệp (KCN)".

Questions use them ("quan trắc NTTS") where the text spells them out, and the other way round; each definition
found joins the synonym groups of the knowledge base that loads the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.vietnamese import fold

_DEFINED_RE = re.compile(r"\(\s*(?P<abbr>[A-ZĐ][A-ZĐ0-9&]{1,9})\s*\)")
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_SKIPPED = {"va", "&"}
_MAX_WORDS = 10


def _initials(words: list[str]) -> str:
    return "".join(fold(word)[0] for word in words if fold(word) not in _SKIPPED)


def defined_in(text: str) -> list[tuple[str, str]]:
    """(abbreviation, phrase) pairs a text defines: the words just before "(ABC)" whose initials spell it."""
    found: list[tuple[str, str]] = []
    for match in _DEFINED_RE.finditer(text):
        abbreviation = match["abbr"]
        wanted = fold(abbreviation).replace("&", "")
        before = _WORD_RE.findall(text[max(0, match.start() - 120) : match.start()])
        for count in range(2, min(_MAX_WORDS, len(before)) + 1):
            words = before[-count:]
            spelled = _initials(words)
            if spelled == wanted:
                found.append((abbreviation, " ".join(words)))
                break
            if len(spelled) > len(wanted):
                break
    return found


def collect(texts: Iterable[str]) -> list[tuple[str, str]]:
    """Every distinct definition in `texts`, in order."""
    seen: dict[tuple[str, str], None] = {}
    for text in texts:
        if "(" in text:
            for pair in defined_in(text):
                seen.setdefault(pair)
    return list(seen)
