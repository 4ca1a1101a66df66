"""A document's identity from everything that states it: the header, the signature, an appendix's "(Kèm theo …)"
line, a library site's data sheet, the body's own words ("Ủy ban nhân dân tỉnh ban hành Kế hoạch …")."""

from __future__ import annotations

import re
from datetime import date, datetime

from knowledge.closing import Signature
from knowledge.header import DOCUMENT_KINDS, Header, date_of, kind_of, number_of
from knowledge.model import DocumentInfo
from knowledge.vietnamese import UPPER, fold, has_tone_marks, is_caps, is_syllable

# Type codes inside document numbers: 09-NQ/TU, 48/KH-UBND, 66-HD/TU.
_KIND_OF_CODE = {
    "NQ": "Nghị quyết",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "HĐ": "Hướng dẫn",
    "CT": "Chỉ thị",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "CTr": "Chương trình",
    "KL": "Kết luận",
    "QyĐ": "Quy định",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
}
_ATTACHED_RE = re.compile(
    r"[Kk]èm theo\s+(?P<kind>" + "|".join(sorted({k for k in DOCUMENT_KINDS.values()}, key=len, reverse=True))
    + r")\s+(?:số\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_ISSUER_IN_BODY_RE = re.compile(
    rf"(?P<issuer>[{UPPER}][^.;:,()]{{3,80}}?)\s+(?:xây dựng|ban hành)\s+"
    r"(?P<kind>Kế hoạch|Nghị quyết|Hướng dẫn|Chương trình|Quy chế|Đề án|Chỉ thị|Quy định)\b"
)
_CLOSING_KIND_RE = re.compile(r"^Trên đây là\s+(?P<kind>\S+\s+\S+)", re.IGNORECASE)
_OF_RE = re.compile(r"\bcủa\s+(?P<issuer>[^)]+?)\s*\)?\s*$")
_UNIT_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "tỉnh ủy", "tỉnh uỷ",
               "huyện ủy", "huyện uỷ", "thành ủy", "thành uỷ", "thị ủy", "thị uỷ", "đảng ủy", "đảng uỷ", "đảng bộ",
               "mầm non", "tiểu học", "thcs", "thpt", "trung học cơ sở", "trung học phổ thông", "mẫu giáo")
_BODY_HEADS = ("bộ", "sở", "ban", "cục", "vụ", "tổng cục", "văn phòng", "trường", "trung tâm", "phòng", "viện",
               "học viện", "hội", "liên đoàn", "công an", "bộ chỉ huy", "ngân hàng", "kho bạc")


def readable(text: str, title: bool = False) -> str:
    """A name printed in capitals, as it is written in running text: "ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI" →
    "Ủy ban nhân dân tỉnh Đồng Nai", "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" → "Bộ Nông nghiệp và Môi trường". A `title`
    ("QUY ĐỊNH MỨC HỌC PHÍ … CƠ SỞ GIÁO DỤC … TỈNH VĨNH LONG") is a sentence: only the place after "tỉnh",
    "huyện", "xã" … keeps its capitals, not the words after "sở", "và" or a comma."""
    if not is_caps(text):
        return text
    if title:
        return _readable_title(text)
    words = text.lower().split()
    out: list[str] = []
    capitalise_rest = False
    capitalise_next = True
    for position, word in enumerate(words):
        previous = " ".join(words[max(0, position - 2) : position])
        last = words[position - 1] if position else ""
        if not is_syllable(fold(word).strip(",.;:()&")) and word.isalpha() and not has_tone_marks(word):
            out.append(word.upper())  # an abbreviation: "THCS", "UBND" (never with marks: "ĐẮK LẮK" is a name)
        elif capitalise_rest or capitalise_next:
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
        capitalise_next = False
        if word in ("tỉnh", "huyện", "quận", "xã", "phường") or word in _UNIT_WORDS or (
            f"{last} {word}" in _UNIT_WORDS or f"{previous} {word}".strip() in _UNIT_WORDS
        ):
            capitalise_rest = True
        elif (word in _BODY_HEADS and last not in ("ủy", "uỷ")) or f"{last} {word}" in _BODY_HEADS or \
                word in ("và", "-") or word.endswith(","):
            capitalise_next = not capitalise_rest and position + 1 < len(words)
    return " ".join(out)


_PLACE_UNITS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
# Words that end a place's name in a title ("… tỉnh Quảng Ninh năm 2025", "… xã An Bình giai đoạn …").
_AFTER_PLACE = {"năm", "giai", "đến", "và", "về", "trong", "theo", "của", "từ", "thời", "nhiệm", "khóa", "khoá"}


def _readable_title(text: str) -> str:
    """A title in capitals as a sentence, places after their unit word in capitals ("tỉnh Vĩnh Long")."""
    words = text.lower().split()
    out: list[str] = []
    place = 0  # words of a place's name still to capitalise
    for position, word in enumerate(words):
        bare = word.strip(",.;:()")
        if not is_syllable(fold(bare).strip("&")) and bare.isalpha() and not has_tone_marks(bare):
            out.append(word.upper())  # an abbreviation: "UBND", "THCS"
        elif position == 0 or (place and bare not in _AFTER_PLACE):
            out.append(word[:1].upper() + word[1:])
        else:
            out.append(word)
            place = 0
        place = max(0, place - 1)
        following = words[position + 1] if position + 1 < len(words) else ""
        unit = word in _PLACE_UNITS or " ".join(words[max(0, position - 1) : position + 1]) in _PLACE_UNITS
        if unit and not (word == "xã" and following.startswith("hội")):  # "kinh tế - xã hội" is no commune
            place = 4
        if word.endswith((",", ";", ".", ")")):
            place = 0
    return " ".join(out)


_KINDS = "|".join(sorted({kind for kind in DOCUMENT_KINDS.values()}, key=len, reverse=True))
_TITLED_RE = re.compile(
    rf"^(?:[^:]{{1,30}}:\s*)?(?P<kind>{_KINDS})\s+(?:số\s+)?(?P<number>\d+[^\s,]*[/-][^\s,]+)"
    r"(?:\s+(?:năm|ngày)\s+[\d/]+)?(?:\s+của\s+(?P<issuer>.+?))?(?:\s+về\s+.+)?$",
    re.IGNORECASE,
)


_NEWS_LEAD_RE = re.compile(
    rf"^Ngày\s+(?P<date>\d{{1,2}}/\d{{1,2}}/\d{{4}}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}),\s+"
    rf"(?P<issuer>[{UPPER}][^,;.]{{2,120}}?)\s+(?:đã\s+)?(?:có|ban hành)\s+(?P<kind>{_KINDS})\s+(?:số\s+)?"
    r"(?P<number>\d+[^\s,]*[/-][^\s,]+)(?:\s+năm\s+\d{4})?(?:\s+(?:về việc|về|V/v)\s+(?P<about>[^.;]+))?"
)


def _issuer(lines: list[str]) -> tuple[str | None, str | None]:
    """The issuing body from the header's capitals lines, and the body above it when one is printed first."""
    names: list[str] = []
    for line in lines:
        text = line.strip(" -*")
        if not text:
            continue
        folded = fold(text)
        wraps = names and (folded.startswith(("tinh ", "thanh pho", "huyen ", "quan ", "xa ", "phuong ", "thi xa",
                                              "dan ", "nhan dan", "trung uong")) or len(text.split()) <= 1)
        if wraps:
            names[-1] = f"{names[-1]} {text}"
        else:
            names.append(text)
    if not names:
        return None, None
    parent = ", ".join(readable(name) for name in names[:-1]) or None
    return readable(names[-1]), parent


def _attached(lines: list[str]) -> tuple[str | None, str | None, date | None, str | None, str | None]:
    """(kind, number, date, date as printed, issuer) stated by "(Kèm theo Công văn số X ngày Y của Z)"."""
    for line in lines:
        match = _ATTACHED_RE.search(line.strip("() "))
        if not match:
            continue
        rest = match["rest"]
        number = number_of(f"Số {rest}")
        found = date_of(rest)
        if found is None:
            numeric = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", rest)
            found = _numeric_date(numeric.group(0)) if numeric else None
        issuer = _OF_RE.search(rest)
        return (
            kind_of(match["kind"]),
            number,
            found[0] if found else None,
            found[1] if found else None,
            issuer["issuer"].strip() if issuer else None,
        )
    return None, None, None, None, None


def _numeric_date(text: str) -> tuple[date, str] | None:
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date(), text.strip()
    except ValueError:
        return None


def _kind_of_number(number: str) -> str | None:
    return next((_KIND_OF_CODE[part] for part in re.split(r"[-/]", number) if part in _KIND_OF_CODE), None)


def _title(header: Header, first_text: str | None, page_title: str | None = None) -> str:
    """The title (trích yếu): the header's title lines, else its "V/v …", else the title of the page the document
    came in (a site's heading over its summary), else the body's first words."""
    if header.title_lines:
        lines = header.title_lines
        about = next((number for number, line in enumerate(lines) if re.match(r"^(?:về|Về|VỀ)\b", line)), None)
        # "NGHỊ QUYẾT" / "CỦA BAN CHẤP HÀNH …" / "về phương hướng …": the title is what it is about.
        lines = lines[about:] if about else lines
        if all(is_caps(line) for line in lines):
            # A title in capitals wrapped over lines ("… TỈNH VĨNH" / "LONG") is read whole, as a title.
            joined = readable(" ".join(line.strip() for line in lines), title=True)
        else:
            parts = [readable(line.strip()) for line in lines]
            joined = " ".join(part[:1].lower() + part[1:] if position else part for position, part in enumerate(parts))
        return re.sub(r"^(?:V/v|v/v)\s*", "", joined)
    if header.about:
        return header.about
    if page_title:
        return page_title
    if first_text:
        words = first_text.split()
        short = " ".join(words[:14])
        return short + ("…" if len(words) > 14 else "")
    return ""


def read_info(
    path: str,
    header: Header,
    signatures: list[Signature],
    fields: dict[str, str],
    attachments: list[str],
    body: list[str],
    page_title: str | None = None,
) -> DocumentInfo:
    """Put a document's identity together from each place that states it, the document's own header first."""
    attached_kind, attached_number, attached_date, attached_text, attached_issuer = _attached(attachments)
    # The header first, then the site's data sheet about this very page, then an appendix's "(Kèm theo …)".
    number = header.number or (number_of(f"Số {fields['number']}") if "number" in fields else None) or attached_number
    issued, issued_text = header.issued, header.issued_text
    if issued is None and "issued" in fields:
        found = _numeric_date(fields["issued"])
        if found is not None:
            issued, issued_text = found[0], None
    if issued is None and attached_date is not None:
        issued, issued_text = attached_date, attached_text
    kind = header.kind or attached_kind or (kind_of(fields["kind"]) if "kind" in fields else None)
    issuer_lines = header.issuer_lines
    titled = _TITLED_RE.match(issuer_lines[0].strip(" #*")) if issuer_lines and number is None else None
    if titled and number_of(f"Số {titled['number']}"):
        # A news page's title "Toàn văn: Kết luận 155-KL/TW của Bộ Chính trị về …" where the header would stand.
        number, kind = number_of(f"Số {titled['number']}"), kind or kind_of(titled["kind"])
        issuer_lines = [titled["issuer"]] if titled["issuer"] else []
    own, parent = _issuer(issuer_lines)
    issuer = own or attached_issuer or fields.get("issuer")
    lead = next((match for text in body[:4] if (match := _NEWS_LEAD_RE.match(text))), None) if not number else None
    if lead is not None and number_of(f"Số {lead['number']}"):
        # A news page: "Ngày 10/11/2025, Sở Nội vụ tỉnh Đồng Nai có Công văn 5926/SNV-LĐ năm 2025 về việc …".
        number, kind = number_of(f"Số {lead['number']}"), kind or kind_of(lead["kind"])
        issuer = issuer or lead["issuer"]
        found = date_of(f"ngày {lead['date']}") if issued is None else None
        if found is not None:
            issued, issued_text = found
        if lead["about"] and not header.title_lines and not header.about:
            page_title = lead["about"].strip()
    for text in body[:4]:
        found_issuer = _ISSUER_IN_BODY_RE.search(text)
        if found_issuer:
            issuer = issuer or found_issuer["issuer"].strip()
            kind = kind or kind_of(found_issuer["kind"])
            break
    for text in body[-3:]:
        closing = _CLOSING_KIND_RE.match(text)
        if kind is None and closing:
            kind = kind_of(closing["kind"])
    if kind is None and number:
        kind = _kind_of_number(number)
    if kind is None and header.about:
        kind = "Công văn"
    signed = next((signature for signature in signatures if signature.name), None)
    signer = signed.name if signed else fields.get("signer")
    role = None
    if signed is not None and signed.roles:
        role = signed.role
        if signed.on_behalf:
            role = f"{role} ({signed.on_behalf})"
    return DocumentInfo(
        path=path,
        number=number,
        kind=kind,
        issued=issued,
        issuer=issuer,
        issuer_parent=parent,
        title=_title(header, body[0] if body else None, page_title),
        signer=signer,
        signer_role=role,
        issued_text=issued_text,
        place=header.place,
        addressees=tuple(header.addressees),
        authority=readable(header.authority) if header.authority else None,
    )
