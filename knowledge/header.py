"""A directive's header block: issuer, national motto, number, place and date, type, title, addressees.

The two columns of the printed header (issuer | motto; number | place, date) arrive in any order: one per line,
split over several lines, side by side on one line, or as table cells. Each line is recognised for what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from knowledge.lines import Line
from knowledge.vietnamese import UPPER, fold, has_tone_marks, is_caps

DOCUMENT_KINDS = {
    "nghi quyet": "Nghị quyết",
    "ke hoach": "Kế hoạch",
    "huong dan": "Hướng dẫn",
    "chi thi": "Chỉ thị",
    "quyet dinh": "Quyết định",
    "thong bao": "Thông báo",
    "bao cao": "Báo cáo",
    "chuong trinh": "Chương trình",
    "chuong trinh hanh dong": "Chương trình hành động",
    "ket luan": "Kết luận",
    "quy dinh": "Quy định",
    "cong van": "Công văn",
    "to trinh": "Tờ trình",
    "quy che": "Quy chế",
    "de an": "Đề án",
    "thong tri": "Thông tri",
    "cong dien": "Công điện",
    "loi keu goi": "Lời kêu gọi",
    "thu": "Thư",
    "phuong an": "Phương án",
    "dieu le": "Điều lệ",
    "bien ban": "Biên bản",
    "giay moi": "Giấy mời",
    "thong tu": "Thông tư",
    "nghi dinh": "Nghị định",
    "luat": "Luật",
}
_MOTTO_RE = re.compile(
    r"^(?:CỘNG HÒA XÃ HỘI|CỘNG HOÀ XÃ HỘI|CHỦ NGHĨA VIỆT NAM|CỘNG HÒA|CỘNG HOÀ|XÃ HỘI CHỦ NGHĨA|"
    r"ĐẢNG CỘNG SẢN VIỆT NAM|ĐẢNG CỘNG SẢN$|VIỆT NAM$|Độc lập|ĐỘC LẬP|Tự do|Hạnh phúc|"
    # the motto or the Party's name wrapped where the page's column ended: "CỘNG HÒA XÃ" / "HỘI CHỦ NGHĨA VIỆT NAM"
    r"HỘI CHỦ NGHĨA(?: VIỆT NAM)?$|NGHĨA VIỆT NAM$|SẢN VIỆT NAM$|HÒA XÃ HỘI|HOÀ XÃ HỘI)",
    re.IGNORECASE,
)
NUMBER_RE = re.compile(
    r"\bSố\s*(?:hiệu)?\s*:?\s*(?P<num>\d{1,5}(?:/\d{4})?)\s*(?P<sep>[-/])\s*"
    r"(?P<code>[A-Za-zĐđƯư][A-Za-zĐđƯư0-9&]*(?:\s*[-/.]\s*[A-Za-zĐđƯư0-9&]+)*)"
)
# "Luật số: 60/2024/QH15": a law's number is printed after its kind.
_KIND_NUMBER_RE = re.compile(r"^(?:Luật|Bộ luật|Pháp lệnh|Lệnh)\s+số(?=\s*:?\s*\d)", re.IGNORECASE)
_NUMBER_ALONE_RE = re.compile(r"^Số\s*(?:hiệu)?\s*:?$", re.IGNORECASE)
_BLANK_NUMBER_RE = re.compile(r"^Số\s*:?\s*(?:\.{2,}|…|_+)?\s*[-/]\s*[A-ZĐ]")
DATE_TEXT_RE = re.compile(
    r"ngày\s*(?P<d>\d{1,2})\s*(?:tháng\s*(?P<m>\d{1,2})\s*năm\s*(?P<y>\d{4})|[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*"
    r"(?P<y2>\d{4}))",
    re.IGNORECASE,
)
# "Hà Nội, ngày …"; without the comma only a capitalised name ("Hà Nội ngày 01 tháng 12 …").
_PLACE_DATE_RE = re.compile(
    rf"^(?:(?P<place>[^,\d]{{2,30}}),\s*|(?P<name>(?-i:(?:[{UPPER}][\w.]*\s+){{1,5}})))ngày(?=\s|\d|$)", re.IGNORECASE
)
_ABOUT_RE = re.compile(r"^(?:V/v|v/v|V/V|Về việc|về việc)\s*:?\s*", re.IGNORECASE)
_ADDRESSEE_RE = re.compile(r"^Kính\s+gửi\s*:?\s*", re.IGNORECASE)
# What a body begins with: the legal bases, an opening clause, a numbered part.
_BODY_OPENERS = re.compile(
    r"^(?:Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị|Xét|Để|Nhằm|Trong|Ngày\s+\d|Năm\s+\d|Qua|Sau khi|Sau|Tiếp theo|"
    r"Triển khai|Thời gian|Hiện nay|Vừa qua|Những năm qua|Thi hành|Nhận được|Ban Thường vụ|Ban Chấp hành|"
    r"(?:PHẦN|Phần|CHƯƠNG|Chương|Điều)\s+[\dIVXLC]+|[IVXLC]{1,5}\s*[.\-–)]\s|\d{1,2}\s*[.)]\s|[a-zđ]\)\s)"
)
_NUMBERED_RE = re.compile(
    r"^(?:(?:PHẦN|Phần|CHƯƠNG|Chương|Điều)\s+[\dIVXLC]+|[IVXLC]{1,5}\s*[.\-–)]\s|\d{1,2}\s*[.)]\s|\(\d{1,2}\)|[a-zđ]\)\s)"
)
_STRUCTURE_RE = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)\b|^(?:S?TT|Số TT)$")
_DECORATION_RE = re.compile(r"^[-_=*~.·•#|\s]+$")
_FIELD_LINE_RE = re.compile(r"^[^\W\d][\w /.]{1,20}:\s*\S.{0,80}$")
_HEADER_LIMIT = 45


@dataclass
class Header:
    """What the header block says; `end` is the index of the first line of the body."""

    end: int = 0
    issuer_lines: list[str] = field(default_factory=list)
    authority: str | None = None
    number: str | None = None
    kind: str | None = None
    place: str | None = None
    issued: date | None = None
    issued_text: str | None = None
    title_lines: list[str] = field(default_factory=list)
    about: str | None = None
    addressees: list[str] = field(default_factory=list)
    unplaced: list[tuple[int, str]] = field(default_factory=list)


def kind_of(text: str) -> str | None:
    """The document type a whole line names ("NGHỊ QUYẾT", "Kế hoạch:") → "Nghị quyết", else None; a line with tone
    marks must carry the kind's own ("Thủ", the first word of "Thủ tướng" wrapped, is not "Thư")."""
    words = text.strip().strip(":. ").strip()
    kind = DOCUMENT_KINDS.get(fold(words))
    if kind is not None and has_tone_marks(words) and words.lower() != kind.lower():
        return None
    return kind


def number_of(text: str) -> str | None:
    """The document number in "Số: 182/KH-UBND" → "182/KH-UBND" (spaces inside the code removed)."""
    match = NUMBER_RE.search(text)
    if not match:
        return None
    code = re.sub(r"\s+", "", match["code"]).rstrip(".-/")
    return f"{match['num']}{match['sep']}{code}"


def date_of(text: str) -> tuple[date, str] | None:
    """The first "ngày 20 tháng 11 năm 2025" / "ngày 20/11/2025" in `text`: the date and the words as printed."""
    match = DATE_TEXT_RE.search(text)
    if not match:
        return None
    try:
        value = date(int(match["y"] or match["y2"]), int(match["m"] or match["m2"]), int(match["d"]))
    except ValueError:
        return None
    return value, match.group(0)


def is_motto(text: str) -> bool:
    """Whether a line is (part of) the national motto or the Party's name printed on every document."""
    return bool(_MOTTO_RE.match(text.strip("- ")))


def _joined_date(lines: list[Line], index: int) -> tuple[str, int]:
    """A place-and-date line, with the lines it was wrapped onto ("Đồng Nai, ngày 20" / "tháng 11 năm 2025")."""
    text = lines[index].text
    used = index
    while not re.search(r"năm\s+\d{4}|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}", text) and used + 1 < len(lines):
        following = lines[used + 1].text
        if not re.match(r"^(?:tháng|năm|\d)", following, re.IGNORECASE) or len(following) > 40:
            break
        text = f"{text} {following}"
        used += 1
    return text, used


def _mend_first_words(lines: list[Line]) -> tuple[list[Line], list[int]]:
    """Header lines cut after their first word by the page's markup ("ỦY" / "BAN NHÂN DÂN", "CỘNG" / "HÒA XÃ HỘI …",
    "Thành" / "phố Hồ Chí Minh, ngày …") joined again; with each joined line's last source index."""
    mended: list[Line] = []
    ends: list[int] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else None
        joined = _mended(line, following) if following is not None and not following.gap else None
        if joined is not None:
            mended.append(Line(joined, line.number, line.heading, line.gap, line.page))
            ends.append(index + 1)
            index += 2
            continue
        mended.append(line)
        ends.append(index)
        index += 1
    return mended, ends


def _mended(line: Line, following: Line) -> str | None:
    """One header line cut in two, joined again: a first word alone ("ỦY" / "BAN NHÂN DÂN …"), "Số:" over its
    number, a number cut at its dash ("3783/QĐ-" / "UBND"), a place over its date ("Hải Phòng," / "ngày 18 …")."""
    word, next_text = line.text, following.text
    if _NUMBER_ALONE_RE.match(word) and re.match(r"^\d{1,5}\s*[-/]", next_text):
        return f"{word} {next_text}"
    if NUMBER_RE.match(word) and word.endswith(("-", "/")) and re.fullmatch(r"[A-ZĐ][\wĐ&.\-/]{0,20}", next_text):
        return f"{word}{next_text}"
    if re.fullmatch(r"[^,\d]{2,30},", word) and re.match(r"^ngày\s*\d", next_text, re.IGNORECASE):
        return f"{word} {next_text}"
    if (
        " " not in word
        and len(word) >= 2
        and word.isalpha()
        and not re.fullmatch(r"[IVXL]+", word)
        and kind_of(word) is None
        and (not is_motto(next_text) or is_motto(f"{word} {next_text}"))  # "CỘNG" / "HÒA XÃ HỘI …", not "PHỦ" / motto
        and not (following.heading and not line.heading)  # a bold line of its own starts a name of its own
        and (word.isupper() == next_text.split(" ", 1)[0].isupper() or next_text[:1].islower())
    ):
        return f"{word} {next_text}"
    return None


def read_header(lines: list[Line]) -> Header:
    """Recognise the header lines at the top of `lines`; stops at the first line of the body."""
    mended, ends = _mend_first_words(lines[:_HEADER_LIMIT])
    header = _read(mended)
    header.end = ends[header.end - 1] + 1 if header.end else 0
    return header


def _read(lines: list[Line]) -> Header:
    header = Header()
    seen_kind = title_open = False
    index = 0
    limit = min(len(lines), _HEADER_LIMIT)
    while index < limit:
        text = lines[index].text
        folded = fold(text)
        if _DECORATION_RE.match(text) or is_motto(text):
            index += 1
            continue
        text = _KIND_NUMBER_RE.sub("Số", text)
        if header.number is None and (NUMBER_RE.match(text) or _BLANK_NUMBER_RE.match(text)):
            header.number = number_of(text)
            title_open = False
            index += 1
            continue
        place = _PLACE_DATE_RE.match(text)
        if place and place["name"] and _BODY_OPENERS.match(text):
            place = None  # "Trong ngày 20 …" opens the body
        if header.issued is None and (place or re.match(r"^ngày\s*\d", text, re.IGNORECASE)):
            joined, used = _joined_date(lines, index)
            found = date_of(joined)
            if found is not None and len(joined) <= 70:
                header.issued, header.issued_text = found
                header.place = (place["place"] or place["name"]).strip() if place else None
                index = used + 1
                continue
        if _ADDRESSEE_RE.match(text):
            index = _addressees(lines, index, header)
            title_open = False
            continue
        about = _ABOUT_RE.match(text)
        if about and not seen_kind and header.about is None:
            parts = [text[about.end() :]]
            index += 1
            while index < limit and lines[index].text[:1].islower() and not lines[index].gap:
                parts.append(lines[index].text)
                index += 1
            header.about = " ".join(part for part in parts if part).strip()
            continue
        kind = kind_of(text)
        if kind is not None and not text.rstrip().endswith(":"):
            if seen_kind and not title_open:
                break
            header.kind = header.kind or kind
            seen_kind = title_open = True
            index += 1
            continue
        leading = _leading_kind(text) if not seen_kind else None
        if leading is not None:
            header.kind, rest = leading  # "THÔNG BÁO KẾT LUẬN": the type, then the title's first words
            header.title_lines.append(rest)
            seen_kind = title_open = True
            index += 1
            continue
        if seen_kind and text.rstrip().endswith(":") and kind is not None:
            break  # "QUYẾT ĐỊNH:" opens the articles of a decision
        if _STRUCTURE_RE.match(text):
            break  # an appendix or a table starts: there was no header, or it has ended
        caps = is_caps(text)
        if caps and not _BODY_OPENERS.match(text):
            # "CỦA BỘ CHÍNH TRỊ," / "BAN BÍ THƯ": a body named in the title goes on after a comma.
            goes_on = bool(header.title_lines) and header.title_lines[-1].rstrip().endswith(",")
            if seen_kind and title_open and (goes_on or not _authority(folded)):
                header.title_lines.append(text)
            elif not seen_kind:
                header.issuer_lines.append(text)
            else:
                title_open = False
                header.authority = header.authority or text
            index += 1
            continue
        if seen_kind and title_open and _title_like(text, header.title_lines):
            header.title_lines.append(text)
            index += 1
            continue
        started = bool(header.issuer_lines or header.number or header.kind or header.issued)
        if started and _FIELD_LINE_RE.match(text) and not _BODY_OPENERS.match(text):
            header.unplaced.append((lines[index].number, text))  # "Email: …", "Điện thoại: …": not identity
            index += 1
            continue
        break
    header.end = index
    return header


def _leading_kind(text: str) -> tuple[str, str] | None:
    """("Thông báo", "KẾT LUẬN …") for a capitals line that begins with a type of two words or more and goes on
    with its title; a one-word type ("THƯ", "LUẬT") could begin a name, so it must stand alone."""
    if not is_caps(text):
        return None
    words = text.split()
    for size in (3, 2):
        first = " ".join(words[:size])
        kind = kind_of(first)
        # Marks count here: "PHƯỜNG AN BÌNH" folds like "Phương án" but is a ward.
        if kind is not None and len(words) > size and first.lower() == kind.lower():
            return kind, " ".join(words[size:])
    return None


def _authority(folded: str) -> bool:
    """Whether a capitals line after the title names who decides ("ỦY BAN NHÂN DÂN TỈNH SƠN LA")."""
    return bool(
        re.match(r"^(?:uy ban nhan dan|chu tich|bo truong|ban thuong vu|ban chap hanh|ban bi thu|bo chinh tri|"
                 r"hoi dong nhan dan|thu tuong|giam doc|thuong truc|hieu truong)\b", folded)
    )


def _title_like(text: str, title_lines: list[str]) -> bool:
    """Whether a mixed-case line after the document type is (more of) its title rather than body text."""
    if len(text) > 250 or re.search(r"[.;:!?]$", text) or _NUMBERED_RE.match(text):
        return False
    if not title_lines:
        return True  # "KẾ HOẠCH" / "Thực hiện nhiệm vụ … năm 2025": the line under the type is the title
    if _BODY_OPENERS.match(text):
        return False
    if title_lines and text[:1].islower():
        return True
    return not title_lines or bool(re.match(r"^(?:về|Về|V/v|của|Của)\b", text))


def _addressees(lines: list[Line], index: int, header: Header) -> int:
    """Read "Kính gửi: A" and the lines that go on with it ("- Sở B;", a wrapped name); return the next index."""
    first = _ADDRESSEE_RE.sub("", lines[index].text).strip()
    items = [first] if first else []
    index += 1
    while index < len(lines):
        text = lines[index].text
        if text.startswith(("-", "+", "•")) and len(text) < 200:
            items.append(text.lstrip("-+• ").strip())
        elif items and not lines[index].gap and (text[:1].islower() or _wrapped_name(items[-1], text)):
            items[-1] = f"{items[-1]} {text}"
        else:
            break
        index += 1
    header.addressees.extend(item.rstrip(";,. ") for item in items if item)
    return index


def _wrapped_name(item: str, text: str) -> bool:
    """Whether a short line ending in ";" or "." finishes an addressee cut at a line end ("… cơ quan thuộc" /
    "Chính phủ;"), rather than opening the body."""
    return not re.search(r"[;.:,]$", item) and len(text) <= 60 and text[-1:] in ";." and not _BODY_OPENERS.match(text)


_START_SCAN = 150


def document_start(lines: list[Line]) -> int:
    """Where the document itself begins when a page puts something before it (a site's summary of it):
    its header (issuer lines over the motto, "Số: …") or its "Kính gửi:"; 0 when nothing comes before."""
    for index, line in enumerate(lines[:_START_SCAN]):
        text = line.text
        if (is_motto(text) and len(text.split()) >= 2) or _ADDRESSEE_RE.match(text) or NUMBER_RE.match(text):
            start = index
            # Walk back over the issuer's capitals lines and the rules printed above the motto.
            while start > 0 and (is_caps(lines[start - 1].text) or _DECORATION_RE.match(lines[start - 1].text)) \
                    and index - start < 6:
                start -= 1
            # Only prose before it makes a preface; header lines in another order ("Đông Triều, ngày …" first) do not.
            before = lines[:start]
            prose = any(len(line.text) > 100 or line.heading for line in before) or _read(before).end < start
            return start if prose else 0
    return 0
