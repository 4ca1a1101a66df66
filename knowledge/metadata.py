"""A document's identity from its header and signature: number, type, date, issuer, title, signer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from knowledge.layout import Paragraph, is_caps
from knowledge.model import DocumentInfo
from knowledge.structure import match_heading
from knowledge.vietnamese import LOWER, UPPER

DOCUMENT_KINDS = {
    "nghị quyết": "Nghị quyết",
    "kế hoạch": "Kế hoạch",
    "hướng dẫn": "Hướng dẫn",
    "chỉ thị": "Chỉ thị",
    "quyết định": "Quyết định",
    "thông báo": "Thông báo",
    "báo cáo": "Báo cáo",
    "chương trình": "Chương trình",
    "kết luận": "Kết luận",
    "quy định": "Quy định",
    "công văn": "Công văn",
    "tờ trình": "Tờ trình",
    "quy chế": "Quy chế",
    "đề án": "Đề án",
    "thông tri": "Thông tri",
}
# Type codes inside document numbers: 09-NQ/TU, 48/KH-UBND, 66-HD/TU.
_KIND_OF_CODE = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "QyĐ": "Quy định",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
}
_NUMBER_RE = re.compile(
    r"\bSố\s*:?\s*(?P<num>\d{1,5}(?:/\d{4})?)\s*(?P<sep>[-/])\s*(?P<code>[A-Za-zĐđ]+(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)*)"
)
_DATE_RE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.IGNORECASE)
_SIGN_TITLE_RE = re.compile(
    r"^(?:T/M|TM\.?|KT\.?|Q\.|TL\.?|TUQ\.?)\s|^(?:BÍ THƯ|PHÓ BÍ THƯ|CHỦ TỊCH|PHÓ CHỦ TỊCH|HIỆU TRƯỞNG|"
    r"PHÓ HIỆU TRƯỞNG|GIÁM ĐỐC|PHÓ GIÁM ĐỐC|TRƯỞNG BAN|PHÓ TRƯỞNG BAN|TRƯỞNG PHÒNG|THỦ TRƯỞNG|CHÁNH VĂN PHÒNG)\b"
)
_RECIPIENTS_RE = re.compile(r"^(?:Nơi nhận|Nơi gửi)\b", re.IGNORECASE)
_NAME_RE = re.compile(rf"^(?:[{UPPER}][{LOWER}]+\s){{1,4}}[{UPPER}][{LOWER}]+$")
_ISSUER_IN_BODY_RE = re.compile(
    rf"(?P<issuer>[{UPPER}][^.;:,]{{3,80}}?)\s+(?:xây dựng|ban hành)\s+"
    r"(?P<kind>Kế hoạch|Nghị quyết|Hướng dẫn|Chương trình|Quy chế|Đề án|Chỉ thị)\b"
)
# The national motto and party header printed on every document: not the issuer, not the title.
_MOTTO_RE = re.compile(
    r"^(?:CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN VIỆT NAM|Độc lập\s*-\s*Tự do|ĐỘC LẬP\s*-\s*TỰ DO)", re.IGNORECASE
)
_CLOSING_KIND_RE = re.compile(r"^Trên đây là\s+(?P<kind>\S+\s+\S+)", re.IGNORECASE)
_HEADER_LIMIT = 16
_TAIL_LIMIT = 14


@dataclass(frozen=True, slots=True)
class Regions:
    """Paragraph indexes where the body starts and where the signature and recipients begin."""

    body_start: int
    body_end: int


def find_regions(paragraphs: list[Paragraph]) -> Regions:
    """Header = paragraphs before the first heading or long paragraph; tail = from "Nơi nhận" or the signature."""
    start = 0
    after_kind = False
    for index, paragraph in enumerate(paragraphs[:_HEADER_LIMIT]):
        words = len(paragraph.text.split())
        # Body text reads as sentences; a title (even a long one, right under "KẾ HOẠCH") does not.
        sentence = (words >= 20 and paragraph.text.rstrip().endswith((".", ":", ";"))) or words >= 45
        if match_heading(paragraph.text) or (sentence and not paragraph.is_caps and not after_kind):
            start = index
            break
        after_kind = kind_of(paragraph.text) is not None
    end = len(paragraphs)
    for index in range(len(paragraphs) - 1, max(start, len(paragraphs) - _TAIL_LIMIT - 1), -1):
        text = paragraphs[index].text
        if _RECIPIENTS_RE.match(text) or _SIGN_TITLE_RE.match(text):
            end = index
    return Regions(start, end)


def kind_of(text: str) -> str | None:
    """The document type a line names ("NGHỊ QUYẾT" → "Nghị quyết"), or None."""
    return DOCUMENT_KINDS.get(text.strip().strip(":").lower())


def _kind_of_number(number: str) -> str | None:
    return next((_KIND_OF_CODE[part] for part in re.split(r"[-/]", number) if part in _KIND_OF_CODE), None)


def _title(lines: list[str]) -> str:
    """The title (trích yếu): the "về …" or "V/v …" line, else the first line not in capitals."""
    for line in lines:
        if re.match(r"^(?:về|V/v|v/v)\s", line):
            return re.sub(r"^(?:V/v|v/v)\s*", "", line).strip()
    readable = [line for line in lines if not is_caps(line)]
    if readable:
        return readable[0].strip()
    return lines[0].strip().capitalize() if lines else ""


def read_info(path: str, paragraphs: list[Paragraph], regions: Regions) -> tuple[DocumentInfo, list[tuple[int, str]]]:
    """The document's identity, and the header or signature lines that said nothing about it."""
    number: str | None = None
    kind: str | None = None
    issuer: str | None = None
    issued: date | None = None
    issued_text: str | None = None
    title_lines: list[str] = []
    unplaced: list[tuple[int, str]] = []
    for paragraph in paragraphs[: regions.body_start]:
        text = paragraph.text
        if _MOTTO_RE.match(text):
            continue
        number_match = _NUMBER_RE.search(text)
        date_match = _DATE_RE.search(text)
        if number_match and number is None:
            code = re.sub(r"\s+", "", number_match["code"])
            number = f"{number_match['num']}{number_match['sep']}{code}"
        elif date_match and issued is None:
            issued = _safe_date(int(date_match["y"]), int(date_match["m"]), int(date_match["d"]))
            issued_text = date_match.group(0) if issued else None
        elif kind_of(text):
            kind = kind_of(text)
        elif kind is not None or (not paragraph.is_caps and ":" not in text and len(text) < 200):
            title_lines.append(text)
        elif paragraph.is_caps:
            # "UBND THÀNH PHỐ X" then "UBND PHƯỜNG Y": the last body named is the one that issues.
            issuer = text
        else:
            unplaced.append((paragraph.line, text))
    body = paragraphs[regions.body_start : regions.body_end]
    for paragraph in body[:4]:
        found = _ISSUER_IN_BODY_RE.search(paragraph.text)
        if found:
            issuer = issuer or found["issuer"].strip()
            kind = kind or found["kind"]
            break
    for paragraph in body[-3:]:
        closing = _CLOSING_KIND_RE.match(paragraph.text)
        if kind is None and closing:
            kind = kind_of(closing["kind"])
    if kind is None and number:
        kind = _kind_of_number(number)
    signer, role = _signer(paragraphs[regions.body_end :])
    info = DocumentInfo(
        path=path,
        number=number,
        kind=kind,
        issued=issued,
        issuer=issuer,
        title=_title(title_lines),
        signer=signer,
        signer_role=role,
        issued_text=issued_text,
    )
    return info, unplaced


def _signer(tail: list[Paragraph]) -> tuple[str | None, str | None]:
    """The personal name under the signature, and the title printed just above it ("Bí thư")."""
    signer = role = None
    title: str | None = None
    for paragraph in tail:
        text = paragraph.text
        if _SIGN_TITLE_RE.match(text) or (title is not None and paragraph.is_caps and len(text) < 40):
            # "T/M THỊ ỦY" then "BÍ THƯ": the last capitals line is the signer's own title.
            title = re.sub(r"^(?:T/M|TM\.?|KT\.?|Q\.|TL\.?|TUQ\.?)\s+", "", text).strip()
        elif title is not None and _NAME_RE.match(text):
            signer = text
            role = title[:1] + title[1:].lower() if is_caps(title) else title
    return signer, role


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
