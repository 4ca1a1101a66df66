"""What a crawled page states about its document's identity, read from its own header lines apart from the parser.

Two sources, in this order: the library site's data sheet ("Số hiệu:" / value, "Ngày ban hành:", "Nơi ban hành:",
"Người ký:" in the first lines), and the printed two-column header (issuer capitals before "CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM" or "ĐẢNG CỘNG SẢN VIỆT NAM", "Số: …", "<place>, ngày D tháng M năm Y"). Simple on purpose: this is
the yardstick the parser is measured with, so it shares no code with knowledge/.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

SHEET_SPAN = 80  # the data sheet's labels stand within the page's first lines
HEAD_PIECES = 40  # the printed header stands within the first non-empty lines after the sheet
AFTER_MOTTO = 8  # number and date follow the motto within a few lines (or stand beside it, before it)
_SHEET_KEYS = {
    "so hieu": "number", "ngay ban hanh": "issued", "noi ban hanh": "issuer", "co quan ban hanh": "issuer",
    "nguoi ky": "signer", "loai van ban": "", "ngay hieu luc": "", "ngay het hieu luc": "", "tinh trang": "",
    "ngay cong bao": "", "so cong bao": "", "linh vuc": "",
}
_SHEET_LABEL_RE = re.compile(r"^(?P<key>[^:]{3,20}):\s*(?P<value>.*)$")
_UNKNOWN = {"", "dang cap nhat", "da biet", "khong xac dinh"}
_SEPARATOR_RE = re.compile(r"\||[-_=–—]{3,}")
_MOTTO_RE = re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam|dang\s+cong\s+san\s+viet\s+nam")
# "Số: 471/QĐ-UBND", "Số 383-QĐ/TW", "Luật số: 60/2024/QH15" (a kind's name may stand before "số").
_NUMBER_RE = re.compile(r"(?mi)^(?:[^\W\d_]+(?: [^\W\d_]+){0,2} )?s[ốô]\s*:?\s*(\d+[\w.]*(?:\s?[/-]\s?[\w.]+)+)")
# "Bắc Ninh, ngày 28 tháng 11 năm 2025", "Hà Nội ngày 01 tháng 12 năm 2025", "ngày 28/11/2025"; not a citation.
_DATE_RE = re.compile(
    r"(?mi)^(?:(?!căn cứ|theo|xét)[^\d,\n]{2,40},?\s*)?ngày\s*(\d{1,2})(?:\s*tháng\s*|\s*[/.-]\s*)(\d{1,2})"
    r"(?:\s*năm\s*|\s*[/.-]\s*)(\d{4})"
)
_DMY_RE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
# Administrative units: a line naming only the place belongs to the body on the line above ("ỦY BAN NHÂN DÂN" /
# "TỈNH BẮC NINH"); a line ending in a joining word was wrapped ("BỘ KHOA HỌC VÀ" / "CÔNG NGHỆ").
_PLACE_START = ("tinh ", "thanh pho ", "huyen ", "quan ", "thi xa ", "xa ", "phuong ", "thi tran ", "dac khu ")
_JOINING_END = (" va", " cua", " ve", "-")


def fold(text: str) -> str:
    """Lower case without tone marks, đ as d, punctuation as spaces, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn").lower()
    return " ".join(re.sub(r"[^\w]+", " ", bare).split())


def fold_keeping_length(text: str) -> str:
    """`fold` character by character (each character stays one character), so positions still match `text`."""
    return "".join(char if char == "\n" else (fold(char) or " ")[0] for char in text)


@dataclass
class Stated:
    """Number, date and issuer as the page states them, with the lines each was read from."""

    number: str | None = None
    issued: date | None = None
    issuer: str | None = None
    issuer_body: str | None = None  # the last body of the issuer block ("CỤC THUẾ" under "BỘ TÀI CHÍNH")
    lines: dict[str, str] = field(default_factory=dict)


@dataclass
class Header:
    """The data sheet (when the page has one, with its line span) and the printed header."""

    sheet: Stated | None
    sheet_span: tuple[int, int] | None  # first and last line index of the sheet
    printed: Stated | None  # None when no motto line stands in the head


def _clean(line: str) -> str:
    # Markers are removed, not spaced: the crawl puts them inside words ("C**ỤC THUẾ**", "ng**ày").
    return " ".join(line.replace("*", "").replace("#", " ").replace("\u00a0", " ").split())


def parse_dmy(text: str) -> date | None:
    """The date written D/M/Y in `text`, or None."""
    match = _DMY_RE.search(text)
    if not match:
        return None
    try:
        return date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _sheet_label(text: str) -> re.Match[str] | None:
    match = _SHEET_LABEL_RE.match(text)
    return match if match and fold(match["key"]) in _SHEET_KEYS else None


def read_sheet(lines: list[str]) -> tuple[Stated, tuple[int, int]] | None:
    """The data sheet's values and line span, when at least two of its labels stand in the first lines."""
    found: dict[str, tuple[str, str]] = {}
    labels = 0
    first = last = -1
    index = 0
    limit = min(len(lines), SHEET_SPAN)
    while index < limit:
        text = _clean(lines[index]).strip("| ")
        match = _sheet_label(text)
        if not match:
            index += 1
            continue
        key, value, quoted, end = _SHEET_KEYS[fold(match["key"])], match["value"].strip("| "), text, index
        probe = index + 1
        while not value and probe < min(len(lines), index + 4):  # the value stands on a following line
            candidate = _clean(lines[probe]).strip("| ")
            if _sheet_label(candidate):
                break
            if candidate:
                value, quoted, end = candidate, f"{text} {candidate}", probe
            probe += 1
        labels += 1
        first = index if first < 0 else first
        last = max(last, end)
        if key and fold(value) not in _UNKNOWN:
            found.setdefault(key, (value, quoted))
        index = end + 1
    if labels < 2:
        return None
    stated = Stated(lines={key: quoted for key, (_, quoted) in found.items()})
    if "number" in found and re.search(r"\d", found["number"][0]):
        stated.number = found["number"][0]
    if "issued" in found:
        stated.issued = parse_dmy(found["issued"][0])
    if "issuer" in found:
        stated.issuer = stated.issuer_body = found["issuer"][0]
    return stated, (first, last)


def _pieces(lines: list[str]) -> list[str]:
    """The header's visual lines: wrapped bold or italic runs joined, `|` cells and rules split apart."""
    joined: list[str] = []
    pending = ""
    for line in lines:
        pending = f"{pending} {line}" if pending else line
        bold = pending.count("**")
        italic = pending.replace("**", "").count("*")
        if (bold % 2 or italic % 2) and len(pending) < 300:
            continue
        joined.append(pending)
        pending = ""
    if pending:
        joined.append(pending)
    pieces = [_clean(part) for line in joined for part in _SEPARATOR_RE.split(line)]
    return [piece for piece in pieces if piece]


def _is_capitals(piece: str) -> bool:
    letters = [char for char in piece if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _issuer(pieces: list[str], motto: int) -> tuple[str, str, str] | None:
    """The issuer capitals before the motto: (whole block, last body, quoted lines); number/date lines skipped."""
    block: list[str] = []
    index = motto - 1
    while index >= 0 and len(block) < 5:
        piece = pieces[index]
        if _NUMBER_RE.match(piece) or _DATE_RE.match(piece) or fold(piece) == "so":
            index -= 1
            continue
        if not _is_capitals(piece):
            break
        block.insert(0, piece)
        index -= 1
    if not block:
        return None
    bodies: list[str] = []
    for piece in block:
        folded = fold(piece) + " "
        if bodies and (folded.startswith(_PLACE_START) or fold(bodies[-1]).endswith(_JOINING_END)
                       or bodies[-1].rstrip().endswith("-")):
            bodies[-1] = f"{bodies[-1]} {piece}"
        else:
            bodies.append(piece)
    return " ".join(block), bodies[-1], " / ".join(block)


def read_printed(lines: list[str]) -> Stated | None:
    """The printed header's number, date and issuer, when a motto line stands in the head; None otherwise."""
    pieces = _pieces(lines[: HEAD_PIECES * 4])[:HEAD_PIECES]
    joined = "\n".join(pieces)
    folded = fold_keeping_length(joined)
    # Printed in capitals at the start of a line: "Đảng Cộng sản Việt Nam" in running text or a quoted motto is no
    # document header.
    match = next((found for found in _MOTTO_RE.finditer(folded) if _is_capitals(joined[found.start():found.end()])
                  and (found.start() == 0 or folded[found.start() - 1] == "\n")), None)
    if not match:
        return None
    motto = folded.count("\n", 0, match.start())
    region = "\n".join(pieces[: motto + AFTER_MOTTO + 1])
    stated = Stated()
    number = _NUMBER_RE.search(region)
    if number and re.search(r"[^\W\d_]", number[1]):
        stated.number = number[1].replace(" ", "")
        stated.lines["number"] = number[0].replace("\n", " ")
    when = _DATE_RE.search(region)
    if when:
        try:
            stated.issued = date(int(when[3]), int(when[2]), int(when[1]))
            stated.lines["issued"] = when[0].replace("\n", " ")
        except ValueError:
            pass
    issuer = _issuer(pieces, motto)
    if issuer:
        stated.issuer, stated.issuer_body, stated.lines["issuer"] = issuer
    return stated


def read_header(text: str) -> Header:
    """The sheet and printed header of a page's text (the printed one read after the sheet, when there is one)."""
    lines = text.splitlines()
    sheet = read_sheet(lines)
    rest = lines[sheet[1][1] + 1:] if sheet else lines
    return Header(sheet[0] if sheet else None, sheet[1] if sheet else None, read_printed(rest))


def without_lines(text: str, span: tuple[int, int]) -> str:
    """The text with lines first..last (inclusive) removed."""
    lines = text.splitlines()
    return "\n".join(lines[: span[0]] + lines[span[1] + 1:])


def load_abbreviations(path: Path) -> dict[str, str]:
    """Folded abbreviation → folded long form, from a synonyms file's `abbreviations` mapping."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {fold(str(short)): fold(str(long)) for short, long in (data.get("abbreviations") or {}).items()}


def normal_name(name: str, abbreviations: dict[str, str]) -> str:
    """A body's name folded, abbreviations spelled out ("UBND TỈNH ĐỒNG NAI" → "uy ban nhan dan tinh dong nai")."""
    return " ".join(abbreviations.get(word, word) for word in fold(name).split())


def same_issuer(expected_body: str, got: str, abbreviations: dict[str, str]) -> bool:
    """Whether the parser's issuer names the stated issuing body: one contains the other, as whole words."""
    wanted = f" {normal_name(expected_body, abbreviations)} "
    found = f" {normal_name(got, abbreviations)} "
    return bool(wanted.strip()) and bool(found.strip()) and (wanted in found or found in wanted)


def same_number(expected: str, got: str) -> bool:
    """Numbers compared without spaces and case."""
    def norm(value: str) -> str:
        return unicodedata.normalize("NFC", "".join(value.split())).casefold()

    return norm(expected) == norm(got)
