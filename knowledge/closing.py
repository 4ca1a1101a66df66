"""The closing blocks of a directive: the signature (TM./KT. …, title, name) and the list of recipients."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.lines import Line
from knowledge.vietnamese import LOWER, UPPER, is_caps

_ON_BEHALF_RE = re.compile(r"^(?:T/M|T\.M\.?|TM\.?|KT\.?|K/T|Q\.|TL\.?|TUQ\.?|TM|KT)\s+(?=\S)")
_ROLE_RE = re.compile(
    r"^(?:PHÓ\s+)?(?:BÍ THƯ|CHỦ TỊCH|GIÁM ĐỐC|HIỆU TRƯỞNG|TRƯỞNG BAN|TRƯỞNG PHÒNG|BỘ TRƯỞNG|THỨ TRƯỞNG|"
    r"THỦ TƯỚNG|TỔNG BÍ THƯ|CHÁNH VĂN PHÒNG|CHỦ NHIỆM|TRƯỞNG ĐOÀN|CỤC TRƯỞNG|VỤ TRƯỞNG|TỔNG CỤC TRƯỞNG|"
    r"TRƯỞNG KHOA|THỦ TRƯỞNG|CHỈ HUY TRƯỞNG|CHÍNH ỦY|TƯ LỆNH|TRƯỞNG CÔNG AN|CHÁNH ÁN|VIỆN TRƯỞNG|"
    r"TỔNG GIÁM ĐỐC|TỔ TRƯỞNG|TRƯỞNG TRẠM|TRƯỞNG THÔN|TRƯỞNG KHU|CHỦ NHIỆM ỦY BAN|PHÓ TRƯỞNG BAN THƯỜNG TRỰC)\b"
)
_SIGNED_RE = re.compile(r"^\(?\s*(?:đã\s+ký|ký)\b[^()]{0,40}\)?\.?$", re.IGNORECASE)
_NAME_RE = re.compile(rf"^(?:[{UPPER}][{LOWER}]+\s+){{1,4}}[{UPPER}][{LOWER}]+$|^(?:[{UPPER}]+\s+){{1,4}}[{UPPER}]+$")
_NOT_NAME = re.compile(r"\b(?:TỈNH|HUYỆN|XÃ|PHƯỜNG|THÀNH PHỐ|ỦY BAN|UỶ BAN|ĐẢNG|BAN|SỞ|PHÒNG|BỘ|NHÂN DÂN|VIỆT NAM|"
                       r"Tỉnh|Huyện|Xã|Phường|Thành phố|Ủy ban|Uỷ ban|Đảng|Ban|Sở|Phòng|Bộ)\b|"
                       # "Nơi Nhận", "Kính Gửi" in capitals are no names; "Lưu" is also a surname and a given name
                       r"^(?:Nơi|Kính|Như)\b")
_RECIPIENTS_RE = re.compile(r"^(?:Nơi nhận|Nơi gửi|NƠI NHẬN)\s*:?\s*", re.IGNORECASE)
_SIGNER_LINE_RE = re.compile(r"^Người ký\s*:\s*(?P<name>.+)$", re.IGNORECASE)
_ROLE_LINES = 6


@dataclass(frozen=True, slots=True)
class Signature:
    """Who signed: the role lines as printed ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the name."""

    roles: tuple[str, ...]
    name: str | None
    line: int

    @property
    def role(self) -> str:
        """The signer's own title as written in running text: "Phó Chủ tịch" (the last role line)."""
        return role_case(self.roles[-1]) if self.roles else ""

    @property
    def on_behalf(self) -> str:
        """For whom the signer signs ("TM. Ủy ban nhân dân, KT. Chủ tịch"), or ""."""
        return ", ".join(role_case(role) for role in self.roles[:-1])


def role_case(text: str) -> str:
    """ "KT. CHỦ TỊCH" → "KT. Chủ tịch", "PHÓ CHỦ TỊCH" → "Phó Chủ tịch", "T/M BAN BÍ THƯ" → "T/M Ban Bí thư"."""
    if not is_caps(text):
        return text
    prefix = _ON_BEHALF_RE.match(text)
    head = prefix.group(0) if prefix else ""
    words = text[len(head) :].lower().split()
    out: list[str] = []
    for position, word in enumerate(words):
        after = position and words[position - 1] in ("phó", "ban") and word not in ("nhân", "dân")
        out.append(word[:1].upper() + word[1:] if position == 0 or after else word)
    return head + " ".join(out)


@dataclass(frozen=True, slots=True)
class Recipients:
    """The "Nơi nhận" list: each recipient as printed, without its dash and final punctuation."""

    items: tuple[str, ...]
    line: int


def _is_role(text: str) -> bool:
    return len(text) <= 70 and is_caps(text) and bool(_ON_BEHALF_RE.match(text) or _ROLE_RE.match(text))


def is_name(text: str) -> bool:
    """Whether a line is a person's name as signed ("Lê Trường Sơn", "NGUYỄN VĂN A")."""
    return bool(_NAME_RE.match(text.strip())) and not _NOT_NAME.search(text)


def match_signature(lines: list[Line], index: int) -> tuple[Signature, int] | None:
    """A signature block starting at `index` (role lines, then maybe "(Đã ký)", then a name); with the next index."""
    text = lines[index].text
    signed_by = _SIGNER_LINE_RE.match(text)
    if signed_by and is_name(signed_by["name"]):
        return Signature((), signed_by["name"].strip(), lines[index].number), index + 1
    if not _is_role(text):
        return None
    roles = [text.strip()]
    position = index + 1
    while position < len(lines) and len(roles) < _ROLE_LINES:
        current = lines[position].text.strip()
        if _SIGNED_RE.match(current):
            position += 1
            continue
        if is_name(current) and not (is_caps(current) and _is_role(current)):
            return Signature(tuple(roles), current, lines[index].number), position + 1
        if is_caps(current) and len(current) <= 70:
            # "TM. UỶ BAN NHÂN" / "DÂN": a wrapped role line goes on.
            if roles and not _is_role(current) and len(current.split()) <= 2:
                roles[-1] = f"{roles[-1]} {current}"
            else:
                roles.append(current)
            position += 1
            continue
        break
    return Signature(tuple(roles), None, lines[index].number), position


def match_recipients(lines: list[Line], index: int) -> tuple[Recipients, int] | None:
    """The "Nơi nhận:" list starting at `index` (its items on the same line or the following dash lines)."""
    text = lines[index].text
    head = _RECIPIENTS_RE.match(text)
    if not head:
        return None
    items: list[str] = []
    rest = text[head.end() :].strip()
    if rest:
        items.extend(part for part in re.split(r"\s*(?:^|;)\s*-\s*", rest) if part.strip())
    position = index + 1
    while position < len(lines):
        current = lines[position].text
        if current.startswith(("-", "+", "•")):
            items.append(current.lstrip("-+• "))
        elif items and current[:1].islower() and len(current) < 120:
            items[-1] = f"{items[-1]} {current}"
        else:
            break
        position += 1
    cleaned = tuple(item.strip().rstrip(";,.").strip() for item in items if item.strip(" -;,."))
    return Recipients(cleaned, lines[index].number), position
