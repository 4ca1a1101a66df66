"""PDF files: the text layer page by page (pages joined with "\\f"); scanned pages, those with an image and
almost no text, go through OCR when it is on and installed; encrypted, damaged or oversized files are refused."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from knowledge.errors import DocumentError
from knowledge.readers import ocr
from knowledge.readers.source import ReadLimits, SourceText
from knowledge.readers.text import clean

_SCANNED = 100  # a page with an image and fewer letters than this is a scan (a signature stamp is not a text layer)


def read_pdf(path: Path, limits: ReadLimits) -> SourceText:
    """The text of a PDF; DocumentError naming the file when it is damaged, locked, too long or a scan without OCR."""
    from pypdf import PdfReader

    started = time.monotonic()
    notes: list[str] = []
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(str(path), "PDF được đặt mật khẩu; hãy gỡ mật khẩu rồi nạp lại")
        count = len(reader.pages)
        if count > limits.max_pages:
            raise DocumentError(
                str(path), f"PDF có {count} trang, quá giới hạn {limits.max_pages} (khóa knowledge.limits.max_pages)"
            )
        pages: list[str] = []
        scanned: list[int] = []
        for number, page in enumerate(reader.pages):
            text = clean(page.extract_text() or "").strip("\n\f ")
            pages.append(text)
            if sum(1 for char in text if char.isalnum()) < _SCANNED and _has_image(page):
                scanned.append(number)
            if time.monotonic() - started > limits.timeout_seconds:
                raise DocumentError(
                    str(path), f"đọc PDF quá {limits.timeout_seconds:.0f} giây (khóa knowledge.limits.timeout_seconds)"
                )
    except DocumentError:
        raise
    except Exception as error:  # pypdf reports damage as many kinds (PdfReadError, ValueError, KeyError, zlib.error …)
        reason = "PDF mã hóa cần gói cryptography" if type(error).__name__ == "DependencyError" else "tệp PDF hỏng"
        raise DocumentError(str(path), f"{reason}: {error}") from error
    if not any(pages):  # no text at all: a scan, even where its images hide in inline images or nested forms
        scanned = list(range(len(pages)))
    if scanned:
        pages = _recognise(path, pages, scanned, limits, notes)
        if not any(pages):
            raise DocumentError(str(path), "PDF không có lớp chữ và nhận dạng chữ (OCR) không thấy chữ nào")
    return SourceText("\f".join(pages), tuple(notes))


def _recognise(path: Path, pages: list[str], scanned: list[int], limits: ReadLimits, notes: list[str]) -> list[str]:
    """The pages with the scanned ones read through OCR; without OCR a PDF with no text at all is an error."""
    reason = ocr.unavailable(limits)
    if reason is not None:
        if not any(page.strip() for page in pages):
            raise DocumentError(str(path), f"PDF không có lớp chữ (bản quét); {reason}")
        notes.append(f"{len(scanned)} trang là ảnh quét chưa nhận dạng chữ: {reason}")
        return pages
    try:
        texts = ocr.pdf_pages(path, scanned, limits)
    except DocumentError:
        raise
    except Exception as error:  # pypdfium2 and Pillow raise their own kinds on pages they cannot render
        raise DocumentError(str(path), f"không dựng được trang PDF để nhận dạng chữ: {error}") from error
    notes.append(f"nhận dạng chữ (OCR) {len(scanned)} trang")
    return [f"{page}\n\n{texts[number]}".strip() if number in texts else page for number, page in enumerate(pages)]


def _has_image(page: Any) -> bool:
    """Whether the page draws an image (directly or in a form it uses)."""
    try:
        return _images_in(page.get("/Resources"), 0)
    except Exception:  # a damaged resource dictionary: not a reason to refuse a page that has text
        return False


def _images_in(resources: Any, depth: int) -> bool:
    resources = resources.get_object() if resources is not None else None
    if not resources or depth > 3:
        return False
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else {}
    for reference in xobjects.values():
        xobject = reference.get_object()
        subtype = xobject.get("/Subtype")
        if subtype == "/Image" or (subtype == "/Form" and _images_in(xobject.get("/Resources"), depth + 1)):
            return True
    return False
