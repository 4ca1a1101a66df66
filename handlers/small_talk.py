"""Messages that are no question about the documents: a greeting ("chao ban", "xin chào", "hello") or thanks
("cảm ơn"), recognised when every word of the message is one of these few words."""

from __future__ import annotations

import re

from knowledge.vietnamese import fold

_WORD_RE = re.compile(r"\w+")
_MOST_WORDS = 6  # "xin chào bot, chúc buổi sáng vui vẻ" is still small talk; a longer message is read as a question
_GREETINGS = frozenset({"chao", "xinchao", "hello", "helo", "hi", "hey", "alo", "allo"})
_THANKS = frozenset({"cam", "camon", "thanks", "thank", "tks", "thx"})
# Words that may stand around a greeting or thanks: whom it is addressed to, politeness, the time of day.
_AROUND = frozenset({
    "xin", "on", "ban", "bot", "oi", "a", "nhe", "nha", "nhieu", "rat", "ca", "cac", "moi", "nguoi", "anh", "chi",
    "em", "ad", "admin", "tro", "ly", "buoi", "sang", "trua", "chieu", "toi", "chuc", "vui", "ve", "you", "there",
    "good", "morning", "afternoon", "evening", "everyone", "all", "much", "very", "so",
})


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(fold(text))


def _only(text: str, core: frozenset[str]) -> bool:
    """Whether the message is one of `core` with nothing but words of address or politeness around it."""
    words = _words(text)
    return (0 < len(words) <= _MOST_WORDS and any(word in core for word in words)
            and all(word in core or word in _AROUND for word in words))


def is_greeting(text: str) -> bool:
    """"chào bạn", "xin chào", "hello bot", "chào buổi sáng" — and not "lễ chào cờ" or "chào mừng ngày …"."""
    return _only(text, _GREETINGS)


def is_thanks(text: str) -> bool:
    """"cảm ơn", "cam on ban nhieu", "thanks" — "cảm" only with "ơn"."""
    words = _words(text)
    if "cam" in words and "on" not in words:
        return False
    return _only(text, _THANKS)
