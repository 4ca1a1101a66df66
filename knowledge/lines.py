"""Raw text → clean lines: markdown and crawl marks off, table rows and cell breaks kept, page chrome recognised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.vietnamese import fold, is_syllable, nfc

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# C0 controls other than tab, newline and form feed: never text.
_CONTROL = dict.fromkeys([*range(0, 9), 11, *range(14, 32), 127], None)
# "- 3 -", "Trang 4", "Trang 2/7": page numbers whatever stands around them (a bare "3" may be a table's row number).
_PAGE_NUMBER_RE = re.compile(r"^-\s*\d{1,3}\s*-$|^trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?$", re.IGNORECASE)
_RULE_RE = re.compile(r"^[-_=*~.·•]{3,}$|^(?:\*\s*){3,}$")
_PIPE_ONLY_RE = re.compile(r"^\s*\|\s*$")
_TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_HEADING_MARK_RE = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_BOLD_LINE_RE = re.compile(r"^\s*\*\*(?P<inner>[^*]{2,160})\*\*\s*$")
_EMPHASIS_RE = re.compile(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_FOOTNOTE_RE = re.compile(r"(?<=[^\s\d\[])\[\d{1,3}\]")
_WIKI_EDIT_RE = re.compile(r"\[\s*sửa\s*\|\s*sửa mã nguồn\s*\]", re.IGNORECASE)
_BR_RE = re.compile(r"<br\s*/?>", re.IGNORECASE)
_SPACES_RE = re.compile(r"[ \t\u00a0\u2002-\u200a\u202f\u3000]+")

# Words of a web page's chrome (copyright notices, viewer buttons, the library site's own notices), folded.
# Directives do not speak this way; a crawl or a "save page as" puts them before and after the document.
_CHROME_CUES = (
    "quy khach",
    "quy thanh vien",
    "click vao",
    "click trai",
    "click phai",
    "double click",
    "ra chuot",
    "dang tai van ban",
    "ban dich nay thuoc",
    "has the copyright",
    "copyright",
    "all rights reserved",
    "thu vien phap luat",
    "thuvienphapluat",
    "hieu luc: da biet",
    "tinh trang: da biet",
    "van ban nay chua cap nhat",
    "van ban lien quan",
    "noi dung sua doi, huong dan",
    "file dinh kem theo van ban",
    "file attached to document",
    "luoc do",
    "cookie",
    "bai viet goc:",  # "Link bài viết gốc: https://…", "Nguồn bài viết gốc: …" under a news page
)
# Words of a site's account and download buttons that directives use too ("hướng dẫn người dân tải về ứng dụng
# VNeID", "đăng nhập Cổng dịch vụ công", an e-mail address a site hid as "[email protected]"): chrome only on a
# short line of their own ("Đăng nhập", "Tải về", "Email: [email protected]"), never in a sentence.
_ACCOUNT_CUES = ("dang nhap", "dang xuat", "mat khau", "tai khoan cua", "tai ve", "ma so thue", "[email")
_ACCOUNT_LINE = 60
# Key lines of a library site's data sheet about the document ("Số hiệu: …", "Người ký: …").
SITE_FIELDS = {
    "so hieu": "number",
    "loai van ban": "kind",
    "noi ban hanh": "issuer",
    "co quan ban hanh": "issuer",
    "nguoi ky": "signer",
    "ngay ban hanh": "issued",
    "ngay hieu luc": "",
    "tinh trang": "",
    "ngay cong bao": "",
    "so cong bao": "",
    "linh vuc": "",
    "ngay het hieu luc": "",
}
_FIELD_RE = re.compile(r"^(?P<key>[^:]{3,25}):\s*(?P<value>.*)$")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text, cleaned, with what came before it: a blank line, a page break, a crawl's cell break."""

    text: str
    number: int
    heading: bool = False
    gap: int = 0
    page: bool = False
    cell_break: bool = False
    cells: tuple[str, ...] | None = None
    empty_cells: int = 0  # "|" lines right before it beyond the one that opens its cell: cells left empty


    @property
    def is_row(self) -> bool:
        """Whether the line is a row of a table written with pipes ("| a | b |")."""
        return self.cells is not None


# Two bold runs side by side ("**KẾT LUẬN****CỦA BỘ CHÍNH TRỊ**", "**t****rách nhiệm**", "**VĂ****N PHÒNG**"): separate
# words, unless the mark cuts one word.
_ADJACENT_BOLD_RE = re.compile(r"(?P<before>\S*?)\*\*\*\*(?=(?P<after>[^\s*]*))")
_LETTERS_RE = re.compile(r"[^\W\d_]+$")


def _between_bold_runs(match: re.Match[str]) -> str:
    """The text before the marks, then a space when the runs are separate words, nothing when one word goes on."""
    before = _LETTERS_RE.search(match["before"].strip("*"))
    after = re.match(r"[^\W\d_]+", match["after"])
    if before is None or after is None:
        return f"{match['before']} "
    first, second = before.group(0), after.group(0)
    # "VĂ|N", "t|rách", "K|HÁNH" make one syllable; "L|aw" goes on a capital's word; "LUẬN|CỦA", "cấp|Viện" do not.
    one = is_syllable(fold(first + second)) or (len(first) == 1 and first.isupper() and second.islower())
    return f"{match['before']}{'' if one else ' '}"


def _clean(line: str) -> tuple[str, bool]:
    """Strip markdown and crawl marks from one line; say whether it was marked as a heading."""
    heading = bool(_HEADING_MARK_RE.match(line))
    bold = _BOLD_LINE_RE.match(line)
    if bold and not re.search(r"[.;,]\s*$", bold["inner"]):
        heading = True
    text = _HEADING_MARK_RE.sub("", line)
    text = re.sub(r"^\s{0,3}>\s?", "", text)
    text = _ADJACENT_BOLD_RE.sub(_between_bold_runs, text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"^\s*\*\s+", "- ", text)
    text = _EMPHASIS_RE.sub("", text)
    text = _WIKI_EDIT_RE.sub("", text)
    text = _FOOTNOTE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text).strip()
    return text, heading


def _cells(line: str) -> tuple[str, ...]:
    """The cells of a pipe row, each cleaned; line breaks inside a cell (<br>) are kept as "\n"."""
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    cells = []
    for cell in re.split(r"(?<!\\)\|", inner):
        cell = cell.replace("\\|", "|")
        parts = [_clean(part)[0] for part in _BR_RE.split(cell)]
        cells.append("\n".join(part for part in parts if part))
    return tuple(cells)


# A row that sets the header or the signature side by side: its cells are read as lines, not as a table.
_LAYOUT_ROW_RE = re.compile(
    r"CỘNG H[OÒ]A|Độc lập|ĐẢNG CỘNG SẢN|Nơi nhận|\b(?:TM|KT|T/M|TL|Q)\.?\s+[A-ZĐÂ]|CHỦ TỊCH|BÍ THƯ|"
    r"HIỆU TRƯỞNG|GIÁM ĐỐC|TRƯỞNG BAN|^\W*(?:Luật\s+)?Số\s*:?\s*\d|, ngày\s+\d",
    re.IGNORECASE,
)
# Rules printed under the issuer and the motto, run into a cell's text ("CHÍNH PHỦ_______ Số: 171/…").
_RULE_IN_CELL_RE = re.compile(r"[_=]{3,}|-{3,}")
_COLUMN_GAP_RE = re.compile(r"\S(?: {5,}|\t+)(?=\S)")
_RIGHT_COLUMN = 30


def is_layout_row(cells: tuple[str, ...]) -> bool:
    """Whether a pipe row is a header or signature laid out side by side (issuer | motto; Nơi nhận | signer)."""
    filled = [cell for cell in cells if cell.strip()]
    return 1 <= len(filled) <= 3 and any(_LAYOUT_ROW_RE.search(cell) for cell in filled)


def _columns(raw_lines: list[str]) -> list[str]:
    """Text set in two columns with runs of spaces ("ĐẢNG BỘ HUYỆN X          ĐẢNG CỘNG SẢN VIỆT NAM"): each
    stretch of lines that has a right column is read left column first, then right column."""
    out: list[str] = []
    region_left: list[str] = []
    region_right: list[str] = []
    since_right = 0

    def close() -> None:
        out.extend(region_left)
        out.extend(region_right)
        region_left.clear()
        region_right.clear()

    for raw in raw_lines:
        expanded = raw.replace("\t", "     ")
        if not expanded.strip():
            (region_left if region_left or region_right else out).append("")
            continue
        parts: list[tuple[int, str]] = []
        start = len(expanded) - len(expanded.lstrip())
        for gap in _COLUMN_GAP_RE.finditer(expanded):
            parts.append((start, expanded[start : gap.start() + 1].strip()))
            start = gap.end()
        parts.append((start, expanded[start:].strip()))
        right = [text for offset, text in parts if offset >= _RIGHT_COLUMN and text]
        left = [text for offset, text in parts if offset < _RIGHT_COLUMN and text]
        if right:
            since_right = 0
            region_left.extend(left)
            region_right.extend(right)
            continue
        since_right += 1
        if (region_left or region_right) and since_right <= 3:
            region_left.extend(left)
            continue
        close()
        out.extend(left)
    close()
    return out


_EMPHASIS_JOIN_LINES = 3
_EMPHASIS_JOIN_CHARS = 400


def _open_marks(line: str) -> tuple[bool, bool]:
    """Whether a line leaves a bold ("**") span, or an italic ("*") span, open at its end."""
    bold = line.count("**") % 2 == 1
    single = re.sub(r"^\s*\*\s+", "", line.replace("**", ""))  # a "* item" bullet is no mark
    return bold, single.count("*") % 2 == 1


def _join_emphasis(raw_lines: list[str]) -> list[str | None]:
    """Lines hard-wrapped inside one bold or italic span ("**ỦY BAN NHÂN" / "DÂN**", "*Hải Phòng," / "ngày 18 …*")
    joined again, unless markdown breaks the line there; a line taken into the one before it leaves None behind,
    so line numbers stay."""
    out: list[str | None] = list(raw_lines)
    index = 0
    while index < len(out):
        line = out[index]
        if line is None or not line.strip() or line.lstrip().startswith("|"):
            index += 1
            continue
        bold, italic = _open_marks(line)
        if not (bold or italic):
            index += 1
            continue
        end = None
        for ahead in range(index + 1, min(index + 1 + _EMPHASIS_JOIN_LINES, len(out))):
            following = out[ahead]
            before = out[ahead - 1] or ""
            if following is None or not following.strip() or following.lstrip().startswith("|") or \
                    before.endswith(("  ", "\\")):
                break  # a blank line, a table, or markdown's own line break ("  " or "\" at the end) parts them
            closes_bold, closes_italic = _open_marks(following)
            if (bold and closes_bold) or (italic and not bold and closes_italic):
                end = ahead
                break
        joined = " ".join((text or "").strip() for text in out[index : (end or index) + 1])
        if end is None or len(joined) > _EMPHASIS_JOIN_CHARS:
            index += 1
            continue
        out[index] = joined
        for ahead in range(index + 1, end + 1):
            out[ahead] = None
        index = end + 1
    return out


def clean_lines(raw: str) -> list[Line]:
    """Every non-empty line of `raw`, cleaned, with its 1-based number and what separated it from the last one."""
    text = nfc(raw).translate(_INVISIBLE).translate(_CONTROL).replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    if any(_COLUMN_GAP_RE.search(line) for line in raw_lines[:400]) or any("     " in line for line in raw_lines[-60:]):
        raw_lines = _columns(raw_lines)
    out: list[Line] = []
    gap = 0
    page = False
    cell_break = False
    pipes = 0
    for number, joined in enumerate(_join_emphasis(raw_lines), start=1):
        if joined is None:
            continue  # taken into the line before it
        line = joined
        if "\f" in line:
            page = True
            line = line.replace("\f", " ")
        if not line.strip():
            gap += 1
            continue
        if _PIPE_ONLY_RE.match(line):
            cell_break = True
            pipes += 1
            continue
        if _TABLE_RULE_RE.match(line) and "-" in line:
            continue
        if not line.lstrip().startswith("|") and line.rstrip().endswith("|") and is_layout_row(_cells(f"|{line}")):
            line = f"|{line}"  # a header row whose first pipe the crawl left out ("QUỐC HỘI | CỘNG HÒA … |")
        if _TABLE_ROW_RE.match(line) and line.count("|") >= 2:
            cells = _cells(line)
            if is_layout_row(cells):
                for part in "\n".join(_cells(_RULE_IN_CELL_RE.sub("<br>", line))).split("\n"):
                    if part.strip() and not _RULE_RE.match(part.replace(" ", "")):
                        out.append(Line(part.strip(), number, False, max(gap, 1), page))
                        gap, page = 0, False
            elif any(cells):
                joined = " | ".join(cell.replace("\n", " ") for cell in cells if cell)
                out.append(Line(joined, number, False, gap, page, cell_break, cells))
            gap, page, cell_break, pipes = 0, False, False, 0
            continue
        cleaned, heading = _clean(_BR_RE.sub(" ", line))
        if not cleaned or _PAGE_NUMBER_RE.match(cleaned):
            gap += 0 if cleaned else 1
            continue
        if _RULE_RE.match(cleaned.replace(" ", "")):
            gap += 1
            continue
        out.append(Line(cleaned, number, heading, gap, page, cell_break, empty_cells=max(0, pipes - 1)))
        gap, page, cell_break, pipes = 0, False, False, 0
    return out


def is_chrome(text: str) -> bool:
    """Whether a line is a web page's chrome (login, copyright, viewer buttons), not the document's words."""
    folded = fold(text)
    if any(cue in folded for cue in _CHROME_CUES):
        return True
    return len(text) <= _ACCOUNT_LINE and any(cue in folded for cue in _ACCOUNT_CUES)


def site_field(text: str) -> tuple[str, str] | None:
    """("number", "174/CV-BCĐ") for a data-sheet line "Số hiệu: 174/CV-BCĐ"; ("", …) for other sheet keys."""
    match = _FIELD_RE.match(text)
    if not match:
        return None
    key = SITE_FIELDS.get(fold(match["key"]).strip())
    if key is None:
        return None
    return key, match["value"].strip()
