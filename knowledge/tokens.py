"""Splitting Vietnamese text into tokens and the index terms each token stands for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.numbers import number_key, parse_number, roman_to_int
from knowledge.vietnamese import fold_syllable, tone_key

# Tokens that start with a digit (or a Roman numeral with a year): document numbers, dates, ranges, numbers.
CODE_PATTERN = r"""
    (?P<docno>\d+(?:/\d{4})?\s?[-/]\s?[A-Za-zĐđ][A-Za-zĐđ0-9]*(?:[-/][A-Za-zĐđ][A-Za-zĐđ0-9]*)+
              |\d+(?:/\d{4})?[-/][A-ZĐ][A-Za-zĐđ0-9]*[A-ZĐ0-9])
  | (?P<date>\d{1,2}/\d{1,2}/\d{4})
  | (?P<daymonth>\d{1,2}/\d{1,2})(?![\d/])
  | (?P<romanyear>\b[IVX]{1,4}/\d{4})
  | (?P<range>\d{4}\s?[-–]\s?\d{4})
  | (?P<number>\d+(?:[.,]\d+)*(?:\s?%)?)
"""
# The lookahead lets the engine skip every position that cannot start a code (ten times faster).
CODE_RE = re.compile(r"(?=[\dIVX])(?:" + CODE_PATTERN + ")", re.VERBOSE | re.UNICODE)
_TOKEN_RE = re.compile(
    CODE_PATTERN
    + r"""
  | (?P<word>[^\W\d_]+)
  | (?P<punct>[^\w\s])
    """,
    re.VERBOSE | re.UNICODE,
)

# Words after which a lowercase Roman numeral in a question is a number ("quy iii", "khoa xiii").
_ROMAN_CONTEXT = {"quy", "khoa", "thu", "hoi", "phan", "muc", "chuong", "lan", "ky"}


@dataclass(slots=True)
class Token:
    """One token: its text and span, its kind, and the index terms it stands for."""

    text: str
    start: int
    end: int
    kind: str
    terms: list[str] = field(default_factory=list)
    folded: str = ""
    tone: str = ""

    @property
    def is_word(self) -> bool:
        """Whether the token is a syllable (not a number, date, code or punctuation)."""
        return self.kind == "word"


def _date_terms(day: int, month: int, year: int | None) -> list[str]:
    """Most specific first: the full date, then day/month, then the year."""
    day_month = f"dm:{month:02d}-{day:02d}"
    if year is None:
        return [day_month]
    return [f"d:{year:04d}-{month:02d}-{day:02d}", day_month, f"n:{year}"]


def _number_terms(raw: str) -> list[str]:
    text = raw.replace("%", "").strip()
    value = parse_number(text)
    terms = [number_key(value)] if value is not None else []
    # "khối 3,4 tuổi" is a list of two numbers as often as a decimal: index both readings.
    if re.fullmatch(r"\d,\d", text) and "%" not in raw:
        terms += [f"n:{text[0]}", f"n:{text[2]}"]
    return terms


def _docno_terms(raw: str) -> list[str]:
    compact = re.sub(r"\s+", "", raw)
    terms = [doc_number_key(compact)]
    for part in re.split(r"[-/]", compact):
        if part.isdigit():
            terms.append(number_key(float(part)))
        elif part:
            terms.append(fold_syllable(part))
    return terms


def _is_roman_reading(raw: str, previous_fold: str, query: bool) -> bool:
    """Whether a word is a Roman numeral here: upper-case I/V/X in documents, or after "quý", "khóa"… in questions."""
    if len(raw) > 6 or raw.upper().strip("IVX") or roman_to_int(raw) is None:
        return False
    if not query:
        return raw.isupper()
    return raw.isupper() or previous_fold in _ROMAN_CONTEXT or len(raw) > 2


def code_terms(kind: str, raw: str) -> list[str]:
    """Index terms of a token that is not a word (number, date, range, document number), most specific first."""
    if kind == "number":
        return _number_terms(raw)
    if kind == "date":
        day, month, year = (int(part) for part in raw.split("/"))
        return _date_terms(day, month, year)
    if kind == "daymonth":
        day, month = (int(part) for part in raw.split("/"))
        return _date_terms(day, month, None) if 1 <= day <= 31 and 1 <= month <= 12 else []
    if kind == "romanyear":
        numeral, year_text = raw.split("/")
        roman = roman_to_int(numeral)
        return [f"n:{roman}", f"n:{year_text}"] if roman else [f"n:{year_text}"]
    if kind == "range":
        first, second = re.split(r"\s?[-–]\s?", raw)
        return [f"r:{int(first)}-{int(second)}", f"n:{int(first)}", f"n:{int(second)}"]
    if kind == "docno":
        return _docno_terms(raw)
    return []


def doc_number_key(number: str) -> str:
    """The index term of a document number, equal for "09 - NQ/TU", "9-NQ/TU" and "09-nq/tu"."""
    parts = re.split(r"([-/])", re.sub(r"\s+", "", number))
    return "doc:" + "".join(str(int(part)) if part.isdigit() else fold_syllable(part) for part in parts)


def tokenize(text: str, *, query: bool = False) -> list[Token]:
    """Split `text` (NFC) into tokens; `query` enables readings only a question needs (lowercase Roman)."""
    tokens: list[Token] = []
    previous_fold = ""
    for match in _TOKEN_RE.finditer(text):
        kind = match.lastgroup or "punct"
        raw = match.group(0)
        token = Token(raw, match.start(), match.end(), kind)
        if kind == "word":
            token.folded = fold_syllable(raw)
            token.tone = tone_key(raw)
            token.terms.append(token.folded)
            if _is_roman_reading(raw, previous_fold, query):
                token.terms.append(f"n:{roman_to_int(raw)}")
            previous_fold = token.folded
        else:
            token.terms = code_terms(kind, raw)
            if kind == "number" and raw.endswith("%"):
                token.kind = "percent"
        if kind != "word":
            previous_fold = ""
        tokens.append(token)
    return tokens
