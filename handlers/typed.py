"""What users type, made safe to keep: control, format and other invisible characters taken out, NFC."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[^\S\n]+")


def visible(text: str) -> str:
    """The text without invisible characters (control codes, zero-width and direction marks, private use): tabs
    and other spacing become one space, line breaks stay."""
    kept = []
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if char == "\n" or category[0] != "C":
            kept.append(char)
        elif char in "\t\r\v\f":
            kept.append(" ")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(kept).split("\n")).strip()
