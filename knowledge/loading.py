"""Reading directive files (.txt, .md, .docx, .pdf) into plain text."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from knowledge.errors import DocumentError

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
DEFAULT_SAMPLES = Path(__file__).with_name("samples")


def discover(paths: Iterable[Path]) -> list[Path]:
    """The directive files named by `paths` (files, or folders searched recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    item
                    for item in path.rglob("*")
                    if item.is_file()
                    and item.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in item.relative_to(path).parts)
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise DocumentError(str(path), "không tìm thấy tệp hoặc thư mục")
    return found


def read_text(path: Path) -> str:
    """The text of one file; raises DocumentError naming the file and the reason when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            str(path), f"định dạng {suffix or '(không có đuôi)'} chưa hỗ trợ; dùng .txt, .md, .docx, .pdf"
        )
    try:
        if suffix in (".txt", ".md"):
            text = _decode(path.read_bytes(), path)
        elif suffix == ".docx":
            text = _read_docx(path)
        else:
            text = _read_pdf(path)
    except OSError as error:
        raise DocumentError(str(path), f"không đọc được tệp: {error.strerror or error}") from error
    if not text.strip():
        raise DocumentError(str(path), "tệp không có nội dung chữ")
    return text


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, or the Vietnamese Windows code page 1258."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    control = sum(1 for byte in data[:4096] if byte < 32 and byte not in (9, 10, 12, 13))
    if b"\x00" in data[:4096] or control > 0.1 * min(len(data), 4096):
        raise DocumentError(str(path), "tệp nhị phân, không phải văn bản")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            return data.decode("cp1258")
        except UnicodeDecodeError:
            raise DocumentError(str(path), f"mã hóa không phải UTF-8 (byte {error.start})") from error


def _read_docx(path: Path) -> str:
    """Paragraphs and table cells of a Word file, in document order; headings marked as markdown."""
    import docx  # imported here: only needed for .docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise DocumentError(str(path), "tệp .docx hỏng hoặc không phải tài liệu Word") from error
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            text = paragraph.text.strip()
            if text:
                lines.append(f"## {text}" if style.lower().startswith(("heading", "title")) else text)
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells = [cell.text.strip() for cell in row.cells if cell.text.strip()]
                lines.extend(dict.fromkeys(cells))
    # Two blank lines: Word paragraphs are paragraphs, never lines of one to be joined.
    return "\n\n\n".join(lines)


def _read_pdf(path: Path) -> str:
    """The text layer of a PDF, page by page; a scanned PDF without text is an error."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError) as error:
        raise DocumentError(str(path), f"tệp PDF hỏng: {error}") from error
    if not any(page.strip() for page in pages):
        raise DocumentError(str(path), "PDF không có lớp chữ (bản quét); cần chuyển sang văn bản trước")
    return "\n\n\n".join(pages)
