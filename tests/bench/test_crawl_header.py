"""The corpus bench's yardstick: what a crawled page states about its document, read from its own header lines."""

from __future__ import annotations

from datetime import date

from bench.crawl_header import load_abbreviations, read_header, same_issuer, same_number, without_lines
from knowledge.synonyms import DEFAULT_SYNONYMS

SPLIT_HEADER = """|
**ỦY BAN NHÂN
DÂN**
**TỈNH BẮC NINH**
--------
|
**CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM**
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
471/QĐ-UBND
|
*Bắc Ninh, ngày 28
tháng 11 năm 2025*
|
**QUYẾT ĐỊNH**
*Căn cứ Luật Thương mại, ngày 14/6/2005;*
"""

SHEET = """Đang tải văn bản...
**Số hiệu:**
|
5348/CT-CS
|
**Nơi ban hành:**
|
Cục Thuế
|
**Ngày ban hành:**
|
01/12/2025
|
**Tình trạng:**
|
Đã biết
|
**BỘ TÀI CHÍNH**
**CỤC THUẾ**
-------
|
**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
Số: 5348/CT-CS
*Hà Nội, ngày 01 tháng 12 năm 2025*
"""


def test_split_two_column_header_gives_number_date_and_issuer() -> None:
    printed = read_header(SPLIT_HEADER).printed
    assert printed is not None
    assert (printed.number, printed.issued) == ("471/QĐ-UBND", date(2025, 11, 28))
    assert printed.issuer == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"
    assert printed.issuer_body == "ỦY BAN NHÂN DÂN TỈNH BẮC NINH"  # a place line belongs to the body above it


def test_one_line_header_with_rules_and_cells() -> None:
    text = ("CHÍNH PHỦ_______ Số: 171/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – Hạnh "
            "phúc_________________ Hà Nội, ngày 30 tháng 6 năm 2025 |\n\n**NGHỊ ĐỊNH**\n")
    printed = read_header(text).printed
    assert printed is not None
    assert (printed.number, printed.issued, printed.issuer) == ("171/2025/NĐ-CP", date(2025, 6, 30), "CHÍNH PHỦ")


def test_data_sheet_values_and_span_and_the_header_after_it() -> None:
    header = read_header(SHEET)
    assert header.sheet is not None and header.sheet_span == (1, 15)
    assert (header.sheet.number, header.sheet.issued, header.sheet.issuer) == ("5348/CT-CS", date(2025, 12, 1),
                                                                               "Cục Thuế")
    assert header.printed is not None and header.printed.issuer_body == "CỤC THUẾ"
    rest = without_lines(SHEET, header.sheet_span)
    assert "Số hiệu" not in rest and "Đã biết" not in rest and "Số: 5348/CT-CS" in rest


def test_running_text_and_a_quoted_motto_are_no_header() -> None:
    article = ("# Hỏi đáp\nĐảng Cộng sản Việt Nam lãnh đạo.\n- Dòng chữ “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”\n"
               "Số 12/2025/NĐ-CP quy định …\n")
    assert read_header(article).printed is None


def test_a_cited_date_is_not_the_issue_date() -> None:
    blank_date = SPLIT_HEADER.replace("*Bắc Ninh, ngày 28\ntháng 11 năm 2025*", "*Bắc Ninh, ngày   tháng 11 năm 2025*")
    printed = read_header(blank_date).printed
    assert printed is not None and printed.issued is None


def test_issuer_matching_spells_out_abbreviations_and_wants_the_issuing_body() -> None:
    abbreviations = load_abbreviations(DEFAULT_SYNONYMS)
    assert same_issuer("UBND TỈNH ĐỒNG NAI", "Ủy ban nhân dân tỉnh Đồng Nai", abbreviations)
    assert same_issuer("Tỉnh Bắc Ninh", "Uỷ ban nhân dân tỉnh Bắc Ninh", abbreviations)
    assert not same_issuer("CỤC THUẾ", "Bộ Tài chính", abbreviations)
    assert not same_issuer("CỤC THUẾ", "", abbreviations)
    assert same_number("471/QĐ-UBND", " 471/qđ-ubnd") and not same_number("471/QĐ-UBND", "47/QĐ-UBND")
