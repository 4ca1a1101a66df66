"""The document inside a saved or crawled page: site banners, data sheets and footers set apart from its text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.lines import Line, is_chrome, site_field
from knowledge.vietnamese import fold

# Chrome lines closer than this belong to one banner or footer, with whatever stands between them.
_CHAIN = 8
_FOOTER_GAP = 2 * _CHAIN
# A banner starts within the first lines of the text; a footer runs to its end.
_BANNER_START = 12
_SUMMARY_RE = re.compile(
    r"^(?:Công văn|Quyết định|Kế hoạch|Nghị quyết|Thông báo|Hướng dẫn|Chỉ thị|Kết luận|Quy định|Thông tư|"
    r"Nghị định|Báo cáo|Chương trình|Tờ trình|Đề án|Quy chế)\s+(?:số\s+)?\S*\d\S*\s+(?:(?:năm|ngày)\s.*\bban hành|"
    r"\S.{40,})$"
)


# A sentence of the page's own text, not a banner's line: long, and ended.
_SENTENCE_RE = re.compile(r"^.{80,}[.;:]\**$")


@dataclass
class Page:
    """The document's own lines, and what a library site's data sheet said about it ("Người ký: …")."""

    lines: list[Line]
    fields: dict[str, str] = field(default_factory=dict)
    dropped: int = 0
    set_aside: list[tuple[int, str]] = field(default_factory=list)  # a signature stamp's lines, for reports


def _chains(flags: list[bool]) -> list[tuple[int, int]]:
    """(first, last) indexes of runs of chrome lines whose neighbours are at most _CHAIN lines apart."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    for index, flag in enumerate(flags):
        if not flag:
            continue
        if start >= 0 and index - last <= _CHAIN:
            last = index
            continue
        if start >= 0:
            runs.append((start, last))
        start = last = index
    if start >= 0:
        runs.append((start, last))
    return runs


def _sheet(lines: list[Line], drop: list[bool], fields: dict[str, str]) -> None:
    """Read and drop a data sheet's "Key:" / value lines (the value on the same line or the next one)."""
    index = 0
    while index < len(lines):
        found = site_field(lines[index].text)
        if found is None:
            index += 1
            continue
        key, value = found
        drop[index] = True
        if not value and index + 1 < len(lines) and site_field(lines[index + 1].text) is None:
            value = lines[index + 1].text
            drop[index + 1] = True
            index += 1
        if key and value and key not in fields and fold(value) != "da biet":
            fields[key] = value
        index += 1


_SIGNED_STAMP_RE = re.compile(r"^(?:Người ký|Ký bởi|Thời gian ký|Ngày ký)\s*:", re.IGNORECASE)
_STAMP_RE = re.compile(r"^(?:Người ký|Ký bởi|Email|E-mail|Cơ quan|Thời gian ký|Ngày ký|Chức vụ)\s*:", re.IGNORECASE)


def _stamp(lines: list[Line], drop: list[bool], fields: dict[str, str]) -> None:
    """Drop a digital signature's stamp ("Người ký: …", "Email: …", "Cơ quan: …", "Thời gian ký: …")."""
    if not any(_SIGNED_STAMP_RE.match(line.text) for line in lines):
        return
    index = 0
    while index < len(lines):
        if not _STAMP_RE.match(lines[index].text):
            index += 1
            continue
        key, _, value = lines[index].text.partition(":")
        drop[index] = True
        following = index + 1
        # Each value may wrap onto one or two short lines ("Thị ủy Đông" / "Triều", "22.12.2021 14:31:52" / "+07:00").
        while following < min(len(lines), index + 3) and not _STAMP_RE.match(lines[following].text) and \
                len(lines[following].text) <= 30 and not lines[following].text.isupper():
            value = f"{value} {lines[following].text}"
            drop[following] = True
            following += 1
        if fold(key).strip() in ("nguoi ky", "ky boi") and value.strip():
            fields.setdefault("signed_by", value.strip())
        index = following


def find_page(lines: list[Line]) -> Page:
    """Split the page's chrome (banner, data sheet, footer, viewer buttons) from the document's own lines."""
    flags = [is_chrome(line.text) for line in lines]
    drop = [False] * len(lines)
    chains = _chains(flags)
    if chains and chains[-1][1] >= len(lines) - _CHAIN:
        # A footer's parts (related documents, a comparison legend, the site's notices) stand a few lines of the
        # site's own text apart: they are one footer, never the banner above the document.
        while len(chains) >= 3 and chains[-1][0] - chains[-2][1] <= _FOOTER_GAP:
            chains[-2:] = [(chains[-2][0], chains[-1][1])]
    for number, (first, last) in enumerate(chains):
        leading = first < _BANNER_START and number == 0
        trailing = number == len(chains) - 1 and last >= len(lines) - _CHAIN
        if leading and not any(_SENTENCE_RE.search(line.text) for line in lines[:first]):
            first = 0  # a banner runs from the top; not over a sentence of the page ("Ngày …, Sở … có Công văn …")
        if trailing:
            last = len(lines) - 1
            # The site's one-line summary of the document often stands right above its footer.
            if first > 0 and _SUMMARY_RE.match(lines[first - 1].text):
                first -= 1
        if leading or trailing or last > first:
            for index in range(first, last + 1):
                drop[index] = True
    fields: dict[str, str] = {}
    head = min(len(lines), 80)
    _sheet(lines[:head], drop, fields)
    _stamp(lines[:head], drop, fields)
    stamp = [(line.number, line.text) for line, dropped in zip(lines[:head], drop, strict=False)
             if dropped and "signed_by" in fields and not is_chrome(line.text) and site_field(line.text) is None]
    kept = [line for line, dropped in zip(lines, drop, strict=True) if not dropped]
    return Page(kept, fields, len(lines) - len(kept), stamp)
