"""Reading one directive file into a report: its parsed document, or the reason it could not be read."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.loading import DEFAULT_LIMITS, ReadLimits, read_document
from knowledge.model import Document
from knowledge.parsing import parse_text


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What loading one file gave: the document, or the reason it could not be read."""

    path: str
    document: Document | None
    error: DocumentError | None = None
    notes: tuple[str, ...] = ()  # what reading assumed or worked around ("mã hóa Windows-1258", "nhận dạng chữ OCR")


def load_file(path: Path, limits: ReadLimits = DEFAULT_LIMITS) -> LoadReport:
    """Read and parse one file within `limits`; any failure becomes the report's error, never an exception."""
    try:
        source = read_document(path, limits)
    except DocumentError as error:
        return LoadReport(str(path), None, error)
    try:
        document = parse_text(source.text, str(path))
    except DocumentError as error:
        return LoadReport(str(path), None, error, source.notes)
    except Exception as error:  # a parser bug on one strange file must not stop the others from loading
        logging.getLogger(__name__).warning("could not parse %s", path, exc_info=True)
        reason = f"lỗi khi phân tích văn bản ({type(error).__name__}: {error})"
        return LoadReport(str(path), None, DocumentError(str(path), reason), source.notes)
    if not document.passages:
        reason = "không tìm thấy đoạn văn nào để trả lời"
        return LoadReport(str(path), None, DocumentError(str(path), reason), source.notes)
    return LoadReport(str(path), document, None, source.notes)
