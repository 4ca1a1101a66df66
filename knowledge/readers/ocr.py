"""Optical character recognition of scanned pages and photographed documents: pages rendered with pypdfium2,
read by Tesseract with its Vietnamese data (the optional extra `[ocr]` and Debian's tesseract-ocr-vie)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

from knowledge.errors import DocumentError
from knowledge.readers.programs import find, run
from knowledge.readers.source import ReadLimits, SourceText
from knowledge.readers.text import clean

INSTALL = "cần cài Tesseract: apt-get install tesseract-ocr tesseract-ocr-vie; pip install 'directive-bot[ocr]'"
DISABLED = "nhận dạng chữ (OCR) đang tắt (khóa knowledge.limits.ocr)"
LANGUAGE = "vie"
DPI = 300
MAX_PIXELS = 60_000_000  # a page rendered larger than this is rendered at a lower resolution
_ENV = {"OMP_THREAD_LIMIT": "1"}  # Tesseract's threads only slow it down on a small shared machine


def unavailable(limits: ReadLimits) -> str | None:
    """Why OCR cannot run now (switched off, or what to install), or None when it can."""
    if not limits.ocr:
        return DISABLED
    return _missing()


@functools.lru_cache(maxsize=1)
def _missing() -> str | None:
    tesseract = find("tesseract")
    try:
        import PIL  # noqa: F401
        import pypdfium2  # noqa: F401
    except ImportError:
        return INSTALL
    if tesseract is None:
        return INSTALL
    try:
        listed = run([tesseract, "--list-langs"], timeout=30, path=Path(tesseract), what="Tesseract")
    except DocumentError:
        return INSTALL
    if LANGUAGE not in listed.decode("utf-8", errors="replace").split():
        return "Tesseract thiếu dữ liệu tiếng Việt: apt-get install tesseract-ocr-vie"
    return None


def recognise(image: Path, limits: ReadLimits, path: Path) -> str:
    """The text Tesseract reads in one image file (pages of a multi-page TIFF separated by "\\f")."""
    tesseract = find("tesseract") or "tesseract"
    out = run([tesseract, str(image), "stdout", "-l", LANGUAGE], timeout=limits.timeout_seconds, path=path,
              what="Tesseract", env=_ENV)  # fmt: skip
    return clean(out.decode("utf-8", errors="replace")).strip("\f\n ")


def pdf_pages(path: Path, numbers: list[int], limits: ReadLimits) -> dict[int, str]:
    """The recognised text of the given pages (0-based) of a PDF."""
    import pypdfium2 as pdfium

    texts: dict[int, str] = {}
    document = pdfium.PdfDocument(str(path))
    try:
        with tempfile.TemporaryDirectory(prefix="ocr-") as folder:
            image = Path(folder) / "page.png"
            for number in numbers:
                page = document[number]
                width, height = page.get_size()
                scale = min(DPI / 72, (MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
                bitmap = page.render(scale=scale, grayscale=True)
                bitmap.to_pil().save(image)
                texts[number] = recognise(image, limits, path)
                page.close()
    finally:
        document.close()
    return texts


def read_image(path: Path, limits: ReadLimits) -> SourceText:
    """The text of a photographed or scanned page (.png, .jpg, .tif …) through OCR."""
    reason = unavailable(limits)
    if reason is not None:
        raise DocumentError(str(path), f"ảnh chụp văn bản cần nhận dạng chữ: {reason}")
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError) as error:
        raise DocumentError(str(path), f"ảnh hỏng hoặc không đọc được ({error})") from error
    if width * height > 4 * MAX_PIXELS:
        raise DocumentError(str(path), f"ảnh quá lớn ({width}×{height} điểm ảnh)")
    if frames > limits.max_pages:
        raise DocumentError(
            str(path), f"ảnh có {frames} trang, quá giới hạn {limits.max_pages} (khóa knowledge.limits.max_pages)"
        )
    text = recognise(path, limits, path)
    return SourceText(text, (f"nhận dạng chữ (OCR) {frames} trang",))
