"""Finding directive files and reading each into text with reading notes, whatever its format; any failure of
one file is a DocumentError naming it, so that the other files still load."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.readers.docx import read_docx
from knowledge.readers.legacy import read_doc
from knowledge.readers.ocr import read_image
from knowledge.readers.pdf import read_pdf
from knowledge.readers.source import DEFAULT_LIMITS, ReadLimits, SourceText, check_size
from knowledge.readers.text import read_text_file

__all__ = ["DEFAULT_LIMITS", "DEFAULT_SAMPLES", "SUPPORTED_SUFFIXES", "ReadLimits", "SourceText", "discover",
           "read_document", "read_text"]  # fmt: skip

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", *IMAGE_SUFFIXES)
DEFAULT_SAMPLES = Path(__file__).with_name("samples")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
log = logging.getLogger(__name__)


def discover(paths: Iterable[Path]) -> list[Path]:
    """The directive files named by `paths` (files, or folders searched recursively), in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(_walk(path))
        elif path.exists():
            found.append(path)
        else:
            raise DocumentError(str(path), "không tìm thấy tệp hoặc thư mục")
    return found


def _walk(folder: Path) -> list[Path]:
    """The supported files under `folder`, hidden ones and those in hidden folders left out, sorted as paths sort
    (part by part). Walked with os.walk, not Path.rglob: a province's library is listed at every start."""
    found: list[str] = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            if name.startswith((".", "~$")):  # ~$: the lock file Word keeps beside a document it has open
                continue
            if os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES and os.path.isfile(os.path.join(root, name)):
                found.append(os.path.join(root, name))
    return [Path(item) for item in sorted(found, key=lambda item: item.split(os.sep))]


def read_text(path: Path) -> str:
    """The text of one file with the default limits; raises DocumentError naming the file and the reason."""
    return read_document(path, DEFAULT_LIMITS).text


def read_document(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> SourceText:
    """The text of one file and what reading it assumed; DocumentError naming the file for any failure."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            str(path),
            f"định dạng {suffix or '(không có đuôi)'} chưa hỗ trợ; dùng .txt, .md, .docx, .doc, .pdf hoặc ảnh chụp",
        )
    try:
        check_size(path, limits)
        source = _read(path, suffix, limits)
    except DocumentError:
        raise
    except OSError as error:
        raise DocumentError(str(path), f"không đọc được tệp: {error.strerror or error}") from error
    except Exception as error:  # a reader's library failing in a way nobody foresaw must not stop the others
        log.warning("unexpected error reading %s", path, exc_info=True)
        reason = f"lỗi không lường trước khi đọc tệp ({type(error).__name__}: {error})"
        raise DocumentError(str(path), reason) from error
    if not source.text.strip():
        raise DocumentError(str(path), "tệp không có nội dung chữ")
    return source


def _read(path: Path, suffix: str, limits: ReadLimits) -> SourceText:
    if suffix in (".txt", ".md"):
        return read_text_file(path, path.read_bytes())
    if suffix in (".docx", ".doc"):
        with path.open("rb") as file:
            magic = file.read(4)
        if magic == _ZIP:  # a .docx, whatever its name says
            return read_docx(path, limits)
        if magic == _OLE or suffix == ".doc":  # Word 97–2003 (or RTF/HTML named .doc)
            return read_doc(path, limits)
        raise DocumentError(str(path), "tệp .docx hỏng hoặc không phải tài liệu Word")
    if suffix == ".pdf":
        return read_pdf(path, limits)
    return read_image(path, limits)
