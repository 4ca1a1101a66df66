"""PDF files and scans (knowledge.readers.pdf, knowledge.readers.ocr): the text layer with pages joined by "\\f",
scanned pages and photographs read by Tesseract in Vietnamese, locked or oversized files refused, and a missing
or switched-off OCR explained with what to install or which key to set.

The OCR tests run wherever Tesseract is installed; they skip only where it is absent and REQUIRE_OCR is unset
(CI sets it, so a missing Tesseract fails there)."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from knowledge.errors import DocumentError
from knowledge.loading import ReadLimits, read_document
from knowledge.readers import ocr
from knowledge.vietnamese import fold
from tests.knowledge.test_loading import _pdf

needs_ocr = pytest.mark.skipif(
    shutil.which("tesseract") is None and not os.environ.get("REQUIRE_OCR"),
    reason="Tesseract chưa cài (apt-get install tesseract-ocr tesseract-ocr-vie); đặt REQUIRE_OCR=1 để bắt buộc",
)
FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf",
         "/usr/share/fonts/TTF/DejaVuSans.ttf", "/Library/Fonts/Arial Unicode.ttf"]  # fmt: skip
SCAN_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH",
    "KẾ HOẠCH chuyển đổi số năm 2025",
    "Sở Nội vụ báo cáo kết quả trước ngày 15/6/2025.",
    "Tỷ lệ hồ sơ trực tuyến đạt 80% trở lên.",
]


@pytest.fixture(autouse=True)
def _fresh_ocr_check() -> object:
    """Whether OCR is installed is looked up once per process: tests that hide Tesseract must not leak."""
    ocr._missing.cache_clear()
    yield
    ocr._missing.cache_clear()


def _scan(lines: list[str]):  # type: ignore[no-untyped-def]
    """A page of Vietnamese text drawn as a picture (as a scanner gives it), A4 at 200 dpi."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((font for font in FONTS if Path(font).exists()), None)
    assert font_path is not None, "cần phông chữ có dấu tiếng Việt: apt-get install fonts-dejavu-core"
    image = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, 40)
    for number, line in enumerate(lines):
        draw.text((120, 150 + 90 * number), line, font=font, fill=0)
    return image


def _assert_read(text: str) -> None:
    folded = fold(text)
    for words in ("uy ban nhan dan tinh quang ninh", "chuyen doi so", "bao cao ket qua", "15/6/2025", "80%"):
        assert words in folded, (words, text)


def test_text_layer_pages_are_joined_with_form_feeds(tmp_path: Path) -> None:
    path = tmp_path / "kh.pdf"
    path.write_bytes(_pdf(["KE HOACH so 12", "Bao cao truoc ngay"], ["15/6/2025 ve So Noi vu."]))
    source = read_document(path)
    assert source.text == "KE HOACH so 12\nBao cao truoc ngay\f15/6/2025 ve So Noi vu."
    assert source.notes == ()


def test_password_protected_pdf_is_refused_and_owner_only_protection_is_read(tmp_path: Path) -> None:
    for name, user in (("khoa.pdf", "mat-khau"), ("chi-chu.pdf", "")):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf(["KE HOACH so 12"]))))
        writer.encrypt(user_password=user, owner_password="chu-so-huu", algorithm="RC4-128")
        with (tmp_path / name).open("wb") as file:
            writer.write(file)
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / "khoa.pdf")
    assert caught.value.path == str(tmp_path / "khoa.pdf") and "mật khẩu" in caught.value.reason
    assert read_document(tmp_path / "chi-chu.pdf").text == "KE HOACH so 12"


def test_pdf_longer_than_the_page_limit_is_refused_naming_the_key(tmp_path: Path) -> None:
    path = tmp_path / "dai.pdf"
    path.write_bytes(_pdf(["Trang 1"], ["Trang 2"], ["Trang 3"]))
    with pytest.raises(DocumentError) as caught:
        read_document(path, ReadLimits(max_pages=2))
    assert "3 trang" in caught.value.reason and "knowledge.limits.max_pages" in caught.value.reason


@needs_ocr
def test_scanned_pdf_is_read_through_ocr_in_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "ban-quet.pdf"
    _scan(SCAN_LINES).save(path, "PDF", resolution=200)
    source = read_document(path)
    _assert_read(source.text)
    assert source.notes == ("nhận dạng chữ (OCR) 1 trang",)


@needs_ocr
def test_scanned_page_between_text_pages_is_recognised_in_its_place(tmp_path: Path) -> None:
    scan = io.BytesIO()
    _scan(SCAN_LINES).save(scan, "PDF", resolution=200)
    writer = PdfWriter()
    for data in (_pdf(["Trang dau co lop chu"]), scan.getvalue(), _pdf(["Trang cuoi co lop chu"])):
        writer.append(PdfReader(io.BytesIO(data)))
    path = tmp_path / "lan.pdf"
    with path.open("wb") as file:
        writer.write(file)
    first, scanned, last = read_document(path).text.split("\f")
    assert (first, last) == ("Trang dau co lop chu", "Trang cuoi co lop chu")
    _assert_read(scanned)


@needs_ocr
def test_photographed_page_is_read_through_ocr(tmp_path: Path) -> None:
    path = tmp_path / "anh-chup.png"
    _scan(SCAN_LINES).save(path)
    _assert_read(read_document(path).text)


def test_scan_without_ocr_says_which_key_or_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(_pdf([], []))
    with pytest.raises(DocumentError) as caught:
        read_document(path, ReadLimits(ocr=False))
    assert "lớp chữ" in caught.value.reason and "knowledge.limits.ocr" in caught.value.reason
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on it
    ocr._missing.cache_clear()
    for name in ("ban-quet.pdf", "anh.png"):
        if name == "anh.png":
            (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
        with pytest.raises(DocumentError) as caught:
            read_document(tmp_path / name)
        assert "apt-get install tesseract-ocr tesseract-ocr-vie" in caught.value.reason
        assert "pip install 'directive-bot[ocr]'" in caught.value.reason


def test_broken_pdfs_are_the_files_error(tmp_path: Path) -> None:
    good = _pdf(["KE HOACH so 12"] * 5)
    for name, data in (("cut.pdf", good[: len(good) // 2]), ("rac.pdf", b"%PDF-1.7\n" + os.urandom(3000)),
                       ("anh-hong.png", b"\x89PNG\r\n\x1a\n" + os.urandom(200))):  # fmt: skip
        path = tmp_path / name
        path.write_bytes(data)
        try:
            source = read_document(path, ReadLimits(timeout_seconds=30))
        except DocumentError as error:
            assert error.path == str(path)
        else:  # pypdf recovers what it can of a truncated file: then the text it gives is the file's
            assert "KE HOACH" in source.text
