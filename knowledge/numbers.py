"""Vietnamese number formats (13,5 · 6.800 · 02), Roman numerals and number words."""

from __future__ import annotations

import re

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")

# Spelled-out numbers users type ("hai con số", "ba năm"); folded forms.
NUMBER_WORDS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}


def parse_number(text: str) -> float | None:
    """Read a number written the Vietnamese way: "13,5" → 13.5, "6.800" → 6800, "02" → 2; None if not one."""
    raw = text.strip()
    if not raw or not raw[0].isdigit():
        return None
    if _THOUSANDS_RE.match(raw):
        raw = raw.replace(".", "").replace(",", ".")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1 or raw.count(",") > 0:
        return None
    try:
        return float(raw)
    except ValueError:
        return None


def format_number(value: float) -> str:
    """Write a number back the Vietnamese way: 13.5 → "13,5", 6800 → "6.800"."""
    if value == int(value):
        return f"{int(value):,}".replace(",", ".")
    whole, _, fraction = f"{value:.6f}".rstrip("0").partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + fraction


def roman_to_int(text: str) -> int | None:
    """Value of an upper- or lower-case Roman numeral ("III" → 3, "ix" → 9), None if not one."""
    upper = text.upper()
    if not upper or not _ROMAN_RE.match(upper):
        return None
    total = 0
    previous = 0
    for char in reversed(upper):
        value = _ROMAN_VALUES[char]
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total


def int_to_roman(value: int) -> str:
    """Roman numeral of a positive integer (3 → "III")."""
    pairs = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for amount, letters in pairs:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def number_key(value: float) -> str:
    """The index term for a number, equal for 6.800 / 6800 / 6800,0 and 02 / 2."""
    if value == int(value):
        return f"n:{int(value)}"
    return f"n:{value:g}"
