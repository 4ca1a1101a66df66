"""From raw document text to paragraphs: markdown marks off, PDF line breaks and page numbers mended."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.vietnamese import nfc

_PAGE_NUMBER_RE = re.compile(r"^(?:-\s*)?(?:trang\s+)?\d{1,3}(?:\s*-)?$", re.IGNORECASE)
_RULE_RE = re.compile(r"^[-_=*]{3,}$")
_BLOCK_START_RE = re.compile(
    r"""^(?:
        [-+•●▪◦*]\s                              # bullets
      | \(\d{1,2}\)                               # (1)
      | \d{1,2}(?:\.\d{1,2})*[.)]\s               # 1.  1.1.  2)
      | \d{1,2}(?:\.\d{1,2})+\s                   # 1.1 without the last dot
      | [IVX]{1,5}\s*[.\-–)]\s                    # II.  III-
      | [a-zđ][.)]\s                              # a)  đ.
      | (?:Điều|Phần|Chương|Mục)\s+[\dIVX]+\b      # Điều 1
    )""",
    re.VERBOSE,
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\ufeff\u00ad"), None)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the document, with the 1-based source line where it starts."""

    text: str
    line: int
    heading: bool = False

    @property
    def is_caps(self) -> bool:
        """Whether the paragraph is written in capitals (document type, issuer, part titles)."""
        return is_caps(self.text)


def is_caps(text: str) -> bool:
    """Whether at least 80% of the letters in `text` are capitals (and there are a few)."""
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    return upper + lower >= 2 and upper >= 0.8 * (upper + lower)


_BOLD_LINE_RE = re.compile(r"^\s*\*\*(?P<inner>[^*]{2,120})\*\*\s*$")


def _clean_line(line: str) -> tuple[str, bool]:
    """Strip markdown marks from one line; say whether it was a heading (# … or a short line all in bold)."""
    heading = bool(re.match(r"^\s{0,3}#{1,6}\s", line))
    bold = _BOLD_LINE_RE.match(line)
    if bold and not re.search(r"[.;,]\s*$", bold["inner"]) and not is_caps(bold["inner"]):
        heading = True
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", line)
    text = re.sub(r"^\s{0,3}>\s?", "", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", text)
    text = text.replace("\t", " ").replace("\u00a0", " ")
    text = re.sub(r"\s+", " ", text).strip()
    return text, heading


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.:;!?…]['\"”’)]*$", text))


def _joins(previous: str, current: str, wrapped: bool) -> bool:
    """Whether `current` continues the paragraph `previous` (a line broken by the PDF, not by the author).

    In wrapped text (PDF extraction) a line without closing punctuation goes on in the next one; in text
    written one paragraph per line only a line starting in lower case (or after "05-") continues.
    """
    if is_caps(previous) or is_caps(current):
        return False
    if _BLOCK_START_RE.match(current):
        # "nhiệm kỳ 2020\n- 2025", "ghi vốn\n- cuối năm": a wrapped dash, not a bullet (bullets start upper-case).
        rest = current.lstrip("-– ")[:1]
        return current[0] in "-–" and (rest.isdigit() or rest.islower()) and not _ends_sentence(previous)
    if not wrapped:
        return bool(re.search(r"\w-$", previous)) or current[:1].islower()
    if not _ends_sentence(previous):
        return True
    return current[:1].islower()


def paragraphs(raw: str) -> list[Paragraph]:
    """Split raw text into paragraphs, mending hard line breaks and dropping page numbers and rules."""
    text = nfc(raw).translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    result: list[Paragraph] = []
    current: list[str] = []
    start_line = 0
    current_heading = False

    def flush() -> None:
        nonlocal current, current_heading
        if current:
            result.append(Paragraph(_glue(current), start_line, current_heading))
        current = []
        current_heading = False

    lines = _unfold_tables_and_columns(text.split("\n"))
    short = 0.6 * _typical_length(lines)
    wrapped = _is_wrapped(lines)
    blank_run = 0
    for number, line in enumerate(lines, start=1):
        cleaned, heading = _clean_line(line)
        if not cleaned or _PAGE_NUMBER_RE.match(cleaned):
            blank_run += 1
            continue
        if _RULE_RE.match(cleaned):
            flush()
            continue
        # PDF text puts one blank line after every line; two or more mark a real break,
        # unless the text goes on in lower case (a sentence running over a page break).
        hard_break = blank_run >= 2 and not cleaned[:1].islower()
        # A line much shorter than the page width ends its paragraph (a title, the last line of a paragraph).
        if current and blank_run and len(current[-1]) < short and not cleaned[:1].islower():
            hard_break = True
        blank_run = 0
        if heading or current_heading or hard_break or not current or not _joins(current[-1], cleaned, wrapped):
            flush()
            start_line = number
            current_heading = heading
        current.append(cleaned)
    flush()
    return result


_TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_COLUMN_GAP_RE = re.compile(r"(?<=\S) {5,}(?=\S)")
_SYMBOLS_ONLY_RE = re.compile(r"^[\s*•·~_=+#|]+$")


def _unfold_tables_and_columns(lines: list[str]) -> list[str]:
    """One line per cell and per column: markdown tables ("| a<br>b | c |") and two-column headers laid out
    with long runs of spaces ("ĐẢNG BỘ HUYỆN X          ĐẢNG CỘNG SẢN VIỆT NAM") become separate lines."""
    out: list[str] = []
    for line in lines:
        if _TABLE_RULE_RE.match(line) and "-" in line:
            out.append("")
            continue
        if _TABLE_ROW_RE.match(line):
            for cell in line.strip().strip("|").split("|"):
                for part in re.split(r"<br\s*/?>", cell, flags=re.IGNORECASE):
                    out += [part.strip(), ""]
            continue
        if _SYMBOLS_ONLY_RE.match(line):
            out.append("")
            continue
        parts = _COLUMN_GAP_RE.split(line.strip())
        if len(parts) > 1:
            for part in parts:
                out += [part, ""]
        else:
            out.append(line)
    return out


def _is_wrapped(lines: list[str]) -> bool:
    """Whether the text was wrapped at a page width (PDF extraction): most of its text lines stop mid-sentence."""
    texts = [
        cleaned
        for cleaned, heading in map(_clean_line, lines)
        if len(cleaned) >= 20 and not heading and not is_caps(cleaned) and not _BLOCK_START_RE.match(cleaned)
    ]
    if len(texts) < 3:
        return False
    open_ended = sum(1 for text in texts if not _ends_sentence(text))
    return open_ended >= 0.5 * len(texts)


def _typical_length(lines: list[str]) -> float:
    """The median length of the document's text lines: its page width when it was wrapped."""
    lengths = sorted(len(line.strip()) for line in lines if len(line.strip()) >= 20)
    return float(lengths[len(lengths) // 2]) if lengths else 0.0


def _glue(lines: list[str]) -> str:
    """Join wrapped lines: "34-" + "NQ/TW" → "34-NQ/TW", otherwise with one space."""
    out = lines[0]
    for line in lines[1:]:
        if re.search(r"[\w]-$", out) and not re.search(r"\s-$", out):
            out += line
        else:
            out += " " + line
    return out
