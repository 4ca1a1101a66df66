"""Vietnamese letters: NFC, tone marks, tone placement, folding for matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Combining marks that carry the tone (thanh điệu); the others (circumflex, breve, horn) change the vowel.
_TONE_MARKS = {
    "\u0301": 1,  # sắc
    "\u0300": 2,  # huyền
    "\u0309": 3,  # hỏi
    "\u0303": 4,  # ngã
    "\u0323": 5,  # nặng
}
_TONE_OF_NUMBER = {number: mark for mark, number in _TONE_MARKS.items()}
_VOWELS = "aăâeêioôơuưy"
_MARKED_VOWELS = "ăâêôơư"
_LETTER_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_CONSONANT_Y_RE = re.compile(r"^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y$")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form every other function here expects."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=65536)
def split_tone(syllable: str) -> tuple[str, int]:
    """Split a syllable into its letters without the tone mark and the tone number (0 = none)."""
    tone = 0
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", syllable):
        number = _TONE_MARKS.get(char)
        if number is None:
            kept.append(char)
        else:
            tone = number
    return unicodedata.normalize("NFC", "".join(kept)), tone


def _tone_position(base: str) -> int | None:
    """Index in `base` (lowercase, no tone) of the vowel that carries the tone, in the traditional style."""
    start = 0
    if base.startswith("qu") or (base.startswith("gi") and len(base) > 2 and base[2] in _VOWELS):
        start = 2
    first = next((i for i in range(start, len(base)) if base[i] in _VOWELS), None)
    if first is None:
        # "gì", "gìn": the i of "gi" is the only vowel.
        first = next((i for i in range(len(base)) if base[i] in _VOWELS), None)
        if first is None:
            return None
    end = first
    while end < len(base) and base[end] in _VOWELS:
        end += 1
    cluster = base[first:end]
    has_final = end < len(base)
    marked = [i for i, char in enumerate(cluster) if char in _MARKED_VOWELS]
    if marked:
        return first + marked[-1]
    if len(cluster) >= 3:
        return first + 1
    if len(cluster) == 2:
        return first + (1 if has_final else 0)
    return first


def place_tone(base: str, tone: int) -> str:
    """Put tone number `tone` on the right vowel of `base` (traditional placement: hóa, thủy, tùy)."""
    if tone == 0:
        return base
    lower = base.lower()
    position = _tone_position(lower)
    if position is None:
        return base
    mark = _TONE_OF_NUMBER[tone]
    marked = unicodedata.normalize("NFC", base[position] + mark)
    return base[:position] + marked + base[position + 1 :]


def normalize_tone_placement(text: str) -> str:
    """Rewrite every syllable with the tone on the traditional vowel: "hoá" → "hóa", "tuỳ" → "tùy"."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        base, tone = split_tone(word)
        return place_tone(base, tone) if tone else word

    return _LETTER_RE.sub(fix, nfc(text))


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFD", char.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(part for part in decomposed if not unicodedata.combining(part))


def _build_fold_table() -> dict[int, str | None]:
    """One character → its folded form, for every Latin letter with marks and every combining mark."""
    table: dict[int, str | None] = {}
    for start, end in ((0x41, 0x5A), (0xC0, 0x24F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            folded = _fold_char(chr(code))
            if folded != chr(code) and len(folded) == 1:
                table[code] = folded
    for code in range(0x300, 0x370):
        table[code] = None
    return table


_FOLD_TABLE = _build_fold_table()


def fold(text: str) -> str:
    """Lowercase and strip every diacritic (đ → d): the form used to match what users type.

    For NFC text every character folds to exactly one, so positions in the result are positions in `text`.
    """
    return text.translate(_FOLD_TABLE).lower()


@lru_cache(maxsize=65536)
def fold_syllable(syllable: str) -> str:
    """Fold one syllable and unify the i/y spelling after a consonant (tỷ/tỉ, kỹ/kĩ → ti, ki)."""
    folded = fold(syllable)
    if _CONSONANT_Y_RE.match(folded):
        return folded[:-1] + "i"
    return folded


@lru_cache(maxsize=65536)
def tone_key(syllable: str) -> str:
    """A key equal for two spellings of the same toned syllable, whatever the tone placement or i/y."""
    base, tone = split_tone(syllable.lower())
    if _CONSONANT_Y_RE.match(fold(base)):
        base = base[:-1] + "i"
    return f"{base}{tone}"


def has_tone_marks(text: str) -> bool:
    """Whether `text` carries any Vietnamese diacritic (a user who types them means them)."""
    return text.translate(_FOLD_TABLE).lower() != text.lower()


# Character-class bodies for regular expressions: Vietnamese capitals and small letters.
UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"


# A Vietnamese syllable, folded: onset, vowel cluster, final consonant. Folding merges ơ/o, ư/u, â/ă/a,
# so the clusters are the folded ones ("uo" is ươ, "uu" is ưu).
_SYLLABLE_RE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|yeu|ieu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|"
    r"ye|a|e|i|o|u|y)(?:ch|nh|ng|c|m|n|p|t)?$"
)


def is_syllable(folded: str) -> bool:
    """Whether a folded word can be a Vietnamese syllable ("truong" can, "truog" and "tee" cannot)."""
    return bool(_SYLLABLE_RE.match(folded))


def is_caps(text: str) -> bool:
    """Whether at least 80% of the letters in `text` are capitals (and there are a few)."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper + lower >= 2 and upper >= 0.8 * (upper + lower)
