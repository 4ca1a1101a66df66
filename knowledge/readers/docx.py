"""Word (.docx) files read straight from their XML, streamed: paragraphs, headings ("## "), list numbers,
tables as "| … |" rows, text boxes and content controls; hostile or corrupt packages become a DocumentError."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from lxml import etree

from knowledge.errors import DocumentError
from knowledge.readers.archive import Package, attribute, local
from knowledge.readers.numbering import Numbering
from knowledge.readers.source import ReadLimits, SourceText
from knowledge.readers.styles import Style, is_heading, numbering_of, parse_styles, style_numbering
from knowledge.readers.tables import Table, row_line
from knowledge.readers.text import clean

_SKIPPED = frozenset({
    "pPr", "rPr", "sdtPr", "sdtEndPr", "del", "moveFrom", "delText", "instrText", "delInstrText", "fldData",
    "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
})  # fmt: skip
_HEAD_BLOCKS = 20  # the two-column header of a directive is within its first blocks …
_BODY_PARAGRAPH = 150  # … and before the first long paragraph of body text
_LABEL_RE = re.compile(r"(?:[0-9IVXLivxl]{1,4}|[a-zđ])[.)]$|[-–+•]$|(?:Điều|Chương|Mục|Phần)\s+\S+$", re.IGNORECASE)


def read_docx(path: Path, limits: ReadLimits) -> SourceText:
    """The text of a Word file; DocumentError naming the file for a corrupt, encrypted or hostile package."""
    with _failures(path):
        package = Package(path, limits)
        try:
            main = package.related("", "officeDocument") or "word/document.xml"
            styles_part = package.related(main, "styles")
            numbering_part = package.related(main, "numbering")
            styles = parse_styles(package.tree(styles_part)) if styles_part and package.has(styles_part) else {}
            numbering = Numbering.parse(
                package.tree(numbering_part) if numbering_part and package.has(numbering_part) else None
            )
            writer = _Writer(styles, numbering)
            for element in _body_children(package.iterparse(main)):
                writer.block(element)
        finally:
            package.close()
    notes = [f"bỏ qua {writer.skipped} phần nhúng (altChunk) không đọc được"] if writer.skipped else []
    return SourceText(clean(writer.text()), tuple(notes))


@contextmanager
def _failures(path: Path) -> Iterator[None]:
    """Every way a package can be broken, as a DocumentError in Vietnamese naming the file."""
    name = str(path)
    try:
        yield
    except DocumentError:
        raise
    except zipfile.BadZipFile as error:
        raise DocumentError(name, f"tệp .docx hỏng hoặc không phải tài liệu Word ({error})") from error
    except (zlib.error, EOFError) as error:
        raise DocumentError(name, f"tệp .docx hỏng: dữ liệu nén lỗi ({error})") from error
    except etree.XMLSyntaxError as error:
        raise DocumentError(name, f"tệp .docx có XML không hợp lệ ({error.msg})", error.lineno) from error
    except etree.LxmlError as error:
        raise DocumentError(name, f"tệp .docx có XML không đọc được ({error})") from error
    except NotImplementedError as error:
        raise DocumentError(name, f"tệp .docx dùng kiểu nén không hỗ trợ ({error})") from error
    except RuntimeError as error:  # zipfile: "File … is encrypted, password required"
        raise DocumentError(name, f"tệp .docx không mở được ({error})") from error


def _body_children(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    """The children of w:body one by one, each freed once used, so memory stays that of one block."""
    depth = 0
    for event, element in events:
        if event == "start":
            depth += 1
            continue
        depth -= 1
        if depth == 2:
            yield element
            parent = element.getparent()
            element.clear(keep_tail=False)
            while parent is not None and element.getprevious() is not None:
                del parent[0]


class _Writer:
    """Turns body blocks into text blocks; blocks are joined by blank lines, rows of one table by line breaks."""

    def __init__(self, styles: dict[str, Style], numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[tuple[str, str]] = []  # (kind, text): "p" paragraph, "table", "head" header row
        self.head = True
        self.skipped = 0

    def text(self) -> str:
        """The blocks joined: header rows of consecutive paragraphs form one table."""
        out: list[str] = []
        previous = ""
        for kind, text in self.blocks:
            if out and kind == previous == "head":
                out[-1] += "\n" + text
            else:
                out.append(text)
            previous = kind
        return "\n\n".join(out)

    def block(self, element: Any) -> None:
        """One block-level element: paragraph, table, or a container of blocks (content control, custom XML)."""
        name = local(element)
        if name == "p":
            self.paragraph(element)
        elif name == "tbl":
            self.table(element)
        elif name in ("sdt", "sdtContent", "customXml", "txbxContent"):
            for child in element:
                self.block(child)
        elif name == "altChunk":
            self.skipped += 1

    def paragraph(self, element: Any) -> None:
        boxes: list[Any] = []
        raw = _inline_text(element, boxes)
        style, label = self._style_and_label(element)
        if label and raw.strip():
            raw = f"{label} {raw.lstrip()}"
        if raw.strip():
            if is_heading(style, self.styles):
                self._add("p", "## " + " ".join(raw.split()))
                self.head = False
            else:
                self._plain(raw)
        for box in boxes:
            self.block(box)

    def _plain(self, raw: str) -> None:
        lines: list[str] = []
        for line in raw.split("\n"):
            cells = [cell.strip() for cell in re.split(r"\t+", line.strip(" \t"))]
            if self.head and len(cells) == 2 and all(cells) and not _LABEL_RE.match(cells[0]) \
                    and not cells[0].endswith(":"):  # fmt: skip
                if lines:
                    self._add("p", "\n".join(lines))
                    lines = []
                self._add("head", row_line([" ".join(cell.split()) for cell in cells]))
            elif line.strip():
                lines.append(" ".join(line.split()))
        if lines:
            text = "\n".join(lines)
            if len(text) > _BODY_PARAGRAPH:
                self.head = False
            self._add("p", text)

    def _add(self, kind: str, text: str) -> None:
        self.blocks.append((kind, text))
        if len(self.blocks) >= _HEAD_BLOCKS:
            self.head = False

    def table(self, element: Any) -> None:
        table = Table.parse(element)
        if table.columns <= 1:  # a frame around body text, not a table
            for cell in table.cell_elements():
                for child in cell:
                    self.block(child)
            return
        rows = table.lines(self.cell_text)
        if rows:
            self._add("table", "\n".join(rows))

    def cell_text(self, cell: Any) -> str:
        """A cell's paragraphs and line breaks as "<br>"; a table inside a cell as rows of "; "-joined cells."""
        parts: list[str] = []
        for child in _blocks_in(cell):
            if local(child) == "tbl":
                inner = Table.parse(child).rows(self.cell_text)
                parts.extend("; ".join(cell for cell in row if cell) for row in inner)
                continue
            boxes: list[Any] = []
            raw = _inline_text(child, boxes)
            _, label = self._style_and_label(child)
            lines = [" ".join(line.split()) for line in raw.split("\n") if line.strip()]
            if label and lines:
                lines[0] = f"{label} {lines[0]}"
            parts.extend(lines)
            for box in boxes:
                parts.extend(part for part in self.cell_text(box).split("<br>") if part)
        return "<br>".join(part for part in parts if part)

    def _style_and_label(self, paragraph: Any) -> tuple[str | None, str]:
        style_id, num_id, ilvl = None, None, None
        for child in paragraph:
            if local(child) == "pPr":
                for item in child:
                    if local(item) == "pStyle":
                        style_id = attribute(item, "val")
                num_id, ilvl = numbering_of(child)
                break
        if num_id is None:
            num_id, style_ilvl = style_numbering(style_id, self.styles)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if not num_id or num_id == "0":
            return style_id, ""
        return style_id, self.numbering.label(num_id, ilvl or 0)


def _blocks_in(container: Any) -> Iterator[Any]:
    """Paragraphs and tables of a cell or text box, looking through content controls."""
    for child in container:
        name = local(child)
        if name in ("p", "tbl"):
            yield child
        elif name in ("sdt", "sdtContent", "customXml"):
            yield from _blocks_in(child)


def _inline_text(element: Any, boxes: list[Any]) -> str:
    """A paragraph's text with "\\n" for line breaks and "\\t" for tabs; text boxes are collected in `boxes`."""
    out: list[str] = []
    _walk(element, out, boxes)
    return "".join(out)


def _walk(element: Any, out: list[str], boxes: list[Any]) -> None:
    for child in element:
        name = local(child)
        if name == "t":
            out.append(child.text or "")
        elif name in ("tab", "ptab"):
            out.append("\t")
        elif name in ("br", "cr"):
            out.append("" if attribute(child, "type") == "page" else "\n")
        elif name == "noBreakHyphen":
            out.append("-")
        elif name == "txbxContent":
            boxes.append(child)
        elif name == "AlternateContent":  # the same drawing twice (Choice, Fallback): read the first only
            for option in child:
                if local(option) in ("Choice", "Fallback"):
                    _walk(option, out, boxes)
                    break
        elif name in ("p", "tbl"):  # a block where a run was expected (malformed, yet Word shows it)
            boxes.append(child)
        elif name and name not in _SKIPPED:
            _walk(child, out, boxes)
