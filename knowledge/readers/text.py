"""Plain-text files: the encoding detected from the bytes (UTF-8, UTF-16 with or without BOM, Windows-1258 or
Windows-1252), what was assumed reported as a note, and the text cleaned to the shared conventions."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.readers.source import SourceText

_SAMPLE = 65536
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")  # the five tone marks Windows-1258 writes as separate bytes
_VOWELS = frozenset("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")
_VIETNAMESE_LETTERS = frozenset("ăâđơưĂÂĐƠƯ")
# ă is always followed by a final consonant, ơ by i, m, n, p, t, u or nothing (after an optional tone mark).
_IMPOSSIBLE_RE = re.compile("(?:[ăĂ][\u0300\u0301\u0303\u0309\u0323]?(?![\u0300\u0301\u0303\u0309\u0323cmnptgCMNPTG])"
                            "|[ơƠ][\u0300\u0301\u0303\u0309\u0323]?[a-hj-loq-sv-zA-HJ-LOQ-SV-Z])")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u200b\u200c\u200d\ufeff]")
_BREAKS = {"\u2028": "\n", "\u2029": "\n\n", "\x0b": "\n", "\xa0": " "}


def read_text_file(path: Path, data: bytes) -> SourceText:
    """The text of a .txt or .md file whose bytes are `data`; DocumentError when it is binary or undecodable."""
    text, notes = decode(data, path)
    return SourceText(clean(text), tuple(notes))


def clean(text: str) -> str:
    """Line ends as "\\n", composed (NFC) letters, no control or zero-width characters except tab and form feed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _BREAKS.items():  # str.replace is many times faster than str.translate
        if char in text:
            text = text.replace(char, replacement)
    return unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """The decoded text and the notes saying which encoding was assumed and what was repaired."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _utf8(data[3:], path, [])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        marked = "le" if data.startswith(b"\xff\xfe") else "be"
        return _utf16(data[2:], marked, [f"đọc với mã hóa UTF-16 {marked.upper()} (theo dấu BOM)"])
    guessed = _utf16_order(data[:_SAMPLE])
    if guessed is not None:
        return _utf16(data, guessed, [f"đọc với mã hóa UTF-16 {guessed.upper()} không có BOM (đoán từ nội dung)"])
    sample = data[:_SAMPLE]
    control = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in sample or control > 0.1 * len(sample):
        raise DocumentError(str(path), "tệp nhị phân, không phải văn bản")
    return _utf8(data, path, [])


def _utf16_order(sample: bytes) -> str | None:
    """"le" or "be" when the bytes look like UTF-16 text without a BOM (zero high bytes on one side only)."""
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    if odd >= 0.2 * pairs and even <= 0.02 * pairs:
        return "le"
    if even >= 0.2 * pairs and odd <= 0.02 * pairs:
        return "be"
    return None


def _utf16(data: bytes, order: str, notes: list[str]) -> tuple[str, list[str]]:
    if len(data) % 2:
        data = data[:-1]
        notes.append("bỏ 1 byte lẻ ở cuối tệp UTF-16 (tệp bị cắt cụt)")
    text = data.decode(f"utf-16-{order}", errors="replace")
    broken = text.count("\ufffd")
    if broken:
        notes.append(f"{broken} ký tự UTF-16 hỏng được thay bằng �")
    return text, notes


def _utf8(data: bytes, path: Path, notes: list[str]) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8"), notes
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    wide = sum(1 for char in text if ord(char) > 127) - broken  # characters that were valid multi-byte UTF-8
    if wide >= 20 * broken:
        return text, [*notes, f"{broken} chỗ không phải UTF-8 hợp lệ được thay bằng �"]
    return _legacy(data, path, notes)


def _legacy(data: bytes, path: Path, notes: list[str]) -> tuple[str, list[str]]:
    """Windows-1258 when the text reads as Vietnamese in it, else Windows-1252."""
    decoded: dict[str, str] = {}
    for codec in ("cp1258", "cp1252"):
        try:
            decoded[codec] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if not decoded:
        raise DocumentError(
            str(path),
            "không nhận ra mã hóa của tệp (không phải UTF-8, UTF-16, Windows-1258 hay Windows-1252); "
            "hãy lưu lại tệp dưới dạng UTF-8",
        )
    if "cp1258" in decoded and ("cp1252" not in decoded or _reads_as_vietnamese(decoded["cp1258"])):
        return decoded["cp1258"], [*notes, "đọc với mã hóa Windows-1258 (đoán từ nội dung)"]
    return decoded["cp1252"], [*notes, "đọc với mã hóa Windows-1252 (đoán từ nội dung)"]


def _reads_as_vietnamese(text: str) -> bool:
    """Whether Windows-1258's decoding has Vietnamese letters and tone marks that sit on vowels."""
    sample = text[:_SAMPLE]
    on_vowel = off_vowel = 0
    previous = ""
    for char in sample:
        if char in _TONES:
            if previous in _VOWELS or unicodedata.normalize("NFD", previous)[:1] in _VOWELS:
                on_vowel += 1
            else:
                off_vowel += 1
        previous = char
    letters = sum(1 for char in sample if char in _VIETNAMESE_LETTERS)
    impossible = len(_IMPOSSIBLE_RE.findall(sample))  # "ăo", "ơes": Portuguese ã, õ read in the wrong code page
    found = on_vowel + letters
    return found > impossible and off_vowel <= 0.1 * (on_vowel + off_vowel) and impossible <= 0.1 * found
