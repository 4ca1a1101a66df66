"""The scanned-copy bench's own helpers: the page it prints joins the crawl's wraps and keeps short lines and marks,
its scan is seeded and keeps the page's size, and the PDF it writes has pages of image only, which the bot's PDF
reader takes for a scan (without running Tesseract: OCR is switched off in the limits)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from bench.scanned import image_pdf, paragraphs, printed_docx, scanned_page
from knowledge.errors import DocumentError
from knowledge.loading import ReadLimits, read_document

TEXT = """|
**ỦY BAN NHÂN DÂN**
TỈNH BẮC NINH
|
Số: 141/KH-UBND

*Bắc Ninh, ngày 20
tháng 11 năm 2025*
"""


WRAPPED = """1.1. Quán triệt
và triển khai nghiêm túc, đồng bộ và hiệu quả Nghị quyết số 163/2024/QH15, Nghị
quyết số 50/NQ-CP, nâng cao hiệu quả công tác phòng, chống ma túy trên địa bàn tỉnh;
- Sở Y tế báo cáo trước ngày 15/12/2025.
1. Vụ
Pháp chế
- Các đơn vị thuộc Bộ được giao thực hiện thủ
tục hành chính;
"""


CELLS = """24
Nghệ An
Nâng cấp hệ thống phần mềm hộ tịch, đảm
bảo liên thông với Hệ thống thông tin giải quyết TTHC cấp tỉnh
Bộ Tư pháp
25
"""


def _page(size: tuple[int, int] = (400, 300)):  # type: ignore[no-untyped-def]
    """A white page with black strokes, as pypdfium2 renders a printed one."""
    from PIL import Image, ImageDraw

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    for row in range(40, size[1] - 40, 30):
        draw.rectangle((40, row, size[0] - 40, row + 8), fill=0)
    return image


def test_paragraphs_join_the_crawls_wraps_and_keep_items_header_lines_and_cells() -> None:
    assert paragraphs(WRAPPED + "\n" + TEXT + "\n" + CELLS) == [
        ["1.1. Quán triệt và triển khai nghiêm túc, đồng bộ và hiệu quả Nghị quyết số 163/2024/QH15, Nghị quyết số "
         "50/NQ-CP, nâng cao hiệu quả công tác phòng, chống ma túy trên địa bàn tỉnh;",
         "- Sở Y tế báo cáo trước ngày 15/12/2025.", "1. Vụ Pháp chế",
         "- Các đơn vị thuộc Bộ được giao thực hiện thủ tục hành chính;"],
        ["**ỦY BAN NHÂN DÂN**", "TỈNH BẮC NINH"],
        ["Số: 141/KH-UBND"],
        ["*Bắc Ninh, ngày 20 tháng 11 năm 2025*"],
        ["24", "Nghệ An", "Nâng cấp hệ thống phần mềm hộ tịch, đảm bảo liên thông với Hệ thống thông tin giải quyết "
         "TTHC cấp tỉnh", "Bộ Tư pháp", "25"],
    ]


def test_printed_docx_keeps_short_lines_and_turns_marks_into_bold_and_italic(tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "printed.docx"
    printed_docx(TEXT, target)
    paragraphs = Document(str(target)).paragraphs
    assert [paragraph.text for paragraph in paragraphs] == [
        "ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "Số: 141/KH-UBND", "Bắc Ninh, ngày 20 tháng 11 năm 2025"
    ]
    runs = [(run.text, bool(run.bold), bool(run.italic)) for paragraph in paragraphs for run in paragraph.runs]
    assert runs[:2] == [("ỦY BAN NHÂN DÂN", True, False), ("TỈNH BẮC NINH", False, False)]
    assert runs[-1] == ("Bắc Ninh, ngày 20 tháng 11 năm 2025", False, True)


def test_scanned_page_is_seeded_keeps_its_size_and_differs_from_the_print() -> None:
    page = _page()
    first, again, other = scanned_page(page, 7, False), scanned_page(page, 7, False), scanned_page(page, 8, False)
    assert first.size == page.size and first.mode == "L"
    assert first.tobytes() == again.tobytes()
    assert first.tobytes() != other.tobytes()
    assert first.tobytes() != page.tobytes()
    assert scanned_page(page, 7, True).tobytes() == page.tobytes()


def test_image_pdf_has_no_text_layer_and_the_reader_takes_it_for_a_scan(tmp_path: Path) -> None:
    target = tmp_path / "scan.pdf"
    image_pdf([_page((1654, 2339)), _page((1654, 2339))], target, 200)
    reader = PdfReader(str(target))
    assert len(reader.pages) == 2
    assert all(not (page.extract_text() or "").strip() for page in reader.pages)
    width, height = (float(value) for value in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # 1654 × 2339 pixels at 200 dpi: A4 in points
    with pytest.raises(DocumentError, match="không có lớp chữ"):
        read_document(target, ReadLimits(ocr=False))
