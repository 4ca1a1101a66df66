"""Tables however they arrive — one cell per line, a crawl's "|" cell breaks, pipe rows, a form with no rows —
read into rows that carry their group and column names."""

from __future__ import annotations

from knowledge.parsing import parse_text

INTRO = "\n".join(["PHỤ LỤC 01", "", "ĐỊNH HƯỚNG PHÁT TRIỂN VÙNG NGUYÊN LIỆU GIAI ĐOẠN 2026 - 2030", ""])
FLAT = "\n".join([
    "TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030", "Năm 2026", "Năm 2030",
    "I", "CÂY CÔNG NGHIỆP",
    "1", "Cà Phê", "-", "Diện tích", "Ha", "26.120", "27.000", "30.000",
    "-", "Sản lượng cà phê nhân", "Tấn", "37.724", "39.800", "54.468",
    "2", "Chè", "-", "Diện tích", "Ha", "6.132", "6.500", "8.000",
    "II", "CHĂN NUÔI",
    "1", "Bò sữa", "-", "Tổng đàn", "Con", "28.010", "28.100", "29.000",
])  # fmt: skip


def _rows(text: str) -> list[str]:
    return [p.text for p in parse_text(text, "pl.txt").passages if p.role == "row"]


def test_a_table_written_one_cell_per_line_becomes_rows_with_groups_and_column_names() -> None:
    rows = _rows(INTRO + FLAT)
    assert rows[0] == ("Cây công nghiệp — Cà Phê — Chỉ tiêu: Diện tích; ĐVT: Ha; ƯTH Năm 2025: 26.120; "
                       "Năm 2026: 27.000; Năm 2030: 30.000")  # fmt: skip
    assert rows[1].startswith("Cây công nghiệp — Cà Phê — Chỉ tiêu: Sản lượng cà phê nhân; ĐVT: Tấn")
    assert rows[2].startswith("Cây công nghiệp — Chè — Chỉ tiêu: Diện tích")
    assert rows[3].startswith("Chăn nuôi — Bò sữa — Chỉ tiêu: Tổng đàn; ĐVT: Con")
    assert len(rows) == 4  # group rows ("I. CÂY CÔNG NGHIỆP", "1. Cà Phê") only label the rows under them


def test_a_table_row_answers_a_question_about_one_of_its_cells() -> None:
    from knowledge.base import KnowledgeBase

    document = parse_text(INTRO + FLAT, "pl.txt")
    answer = KnowledgeBase.from_documents([document]).ask("dien tich ca phe nam 2030 la bao nhieu ha")
    assert answer.found and answer.best is not None
    assert "Năm 2030: 30.000" in answer.best.answer and "Cà Phê" in answer.best.answer
    assert answer.best.source.section == "Phụ lục 01"


def test_cells_wrapped_over_lines_are_mended_before_rows_are_cut() -> None:
    table = "\n".join([
        "PHỤ LỤC", "", "TT", "Tỉnh kiến nghị", "Thông tin đề xuất", "Bộ phụ trách tiếp", "nhận, xử lý",
        "1", "Lào Cai", "Đề nghị hỗ trợ kinh phí cải tạo trụ sở làm việc các cơ quan",
        "cấp xã; đầu tư hạ tầng số cho vùng",
        "khó khăn.", "Bộ Tài chính",
        "2", "Hà Tĩnh, Nghệ An,", "Hà Nội", "Đề nghị bố trí các phòng chuyên môn cấp xã là 04 phòng.",
        "Bộ Khoa học và", "Công nghệ",
    ])  # fmt: skip
    rows = _rows(table)
    assert rows[0] == ("Tỉnh kiến nghị: Lào Cai; Thông tin đề xuất: Đề nghị hỗ trợ kinh phí cải tạo trụ sở làm việc "
                       "các cơ quan cấp xã; đầu tư hạ tầng số cho vùng khó khăn.; "
                       "Bộ phụ trách tiếp nhận, xử lý: Bộ Tài chính")  # fmt: skip
    assert rows[1].startswith("Tỉnh kiến nghị: Hà Tĩnh, Nghệ An, Hà Nội;")
    assert rows[1].endswith("Bộ phụ trách tiếp nhận, xử lý: Bộ Khoa học và Công nghệ")


def test_a_crawls_cell_breaks_delimit_cells() -> None:
    crawled = "\n".join(["|", "TT", "|", "Nội dung", "|", "Đơn vị chủ trì", "|", "|", "1", "|",
                         "Rà soát thủ tục hành chính", "|", "Văn phòng", "UBND tỉnh", "|", "|", "2", "|",
                         "Số hóa hồ sơ", "|", "Sở Nội vụ", "|"])  # fmt: skip
    assert _rows(crawled) == ["Nội dung: Rà soát thủ tục hành chính; Đơn vị chủ trì: Văn phòng UBND tỉnh",
                              "Nội dung: Số hóa hồ sơ; Đơn vị chủ trì: Sở Nội vụ"]  # fmt: skip


FEES = "\n".join([
    "Điều 2. Mức học phí", "", "Đơn vị tính: Nghìn đồng/người học/tháng.", "|", "**STT**", "|", "**Cấp học**", "|",
    "**Khu vực nông", "thôn (xã)**", "|", "**Khu vực thành", "thị (phường)**", "|", "|",
    "1", "|", "Giáo dục mầm non", "|", "80", "|", "120", "|", "|",
    "2", "|", "Giáo dục phổ thông", "|", "|", "|", "|", "|", "Tiểu học", "|", "80", "|", "120", "|", "|", "|",
    "Trung học phổ thông", "|", "130", "|", "200", "|", "", "Điều 3. Hiệu lực thi hành",
])  # fmt: skip


def test_a_crawls_empty_cells_keep_unnumbered_rows_apart_under_their_group() -> None:
    unit = " (Đơn vị tính: Nghìn đồng/người học/tháng)"  # the line above the table gives every row its unit
    assert _rows(FEES) == [
        "Cấp học: Giáo dục mầm non; Khu vực nông thôn (xã): 80; Khu vực thành thị (phường): 120" + unit,
        "Giáo dục phổ thông — Cấp học: Tiểu học; Khu vực nông thôn (xã): 80; Khu vực thành thị (phường): 120" + unit,
        "Giáo dục phổ thông — Cấp học: Trung học phổ thông; Khu vực nông thôn (xã): 130; Khu vực thành thị "
        "(phường): 200" + unit,
    ]


def test_a_rows_bare_figure_answers_how_much() -> None:
    from knowledge.base import KnowledgeBase

    answer = KnowledgeBase.from_documents([parse_text(FEES, "nq.txt")]).ask(
        "hoc phi tieu hoc o phuong la bao nhieu")
    assert answer.found and answer.best is not None and "Tiểu học" in answer.best.answer, answer
    assert "(phường): 120" in answer.best.answer


def test_how_much_per_month_is_the_row_in_that_unit_not_a_clause_that_says_1() -> None:
    from knowledge.base import KnowledgeBase

    online = "\n".join(["Điều 4. Học trực tuyến", "",
                        "Trong trường hợp học trực tuyến, mức học phí công lập bằng 75% mức học phí quy định tại "
                        "khoản 1 Điều 2 Nghị quyết này.", ""])  # fmt: skip
    fees = FEES.replace("Mức học phí", "Mức học phí đối với cơ sở giáo dục mầm non, phổ thông công lập")
    knowledge = KnowledgeBase.from_documents([parse_text(fees + "\n" + online, "nq.txt")])
    answer = knowledge.ask("hoc phi mam non cong lap o xa va o phuong bao nhieu 1 thang")
    assert answer.found and answer.best is not None and "Giáo dục mầm non" in answer.best.answer, answer
    assert "(xã): 80" in answer.best.answer and "(phường): 120" in answer.best.answer


AREAS = "\n".join([
    "Điều 2. Mức học phí", "", "Đơn vị tính: 1.000 đồng/học sinh/tháng", "",
    "|", "**Địa bàn**", "|", "**Mầm non**", "|", "**Tiểu học**", "|", "**Trung học cơ sở**", "|",
    "|", "Đô thị", "|", "190", "|", "190", "|", "110", "|",
    "|", "Nông thôn", "|", "140", "|", "140", "|", "95", "|",
    "|", "Miền núi", "|", "105", "|", "105", "|", "80", "|",
    "", "Điều 3. Hiệu lực thi hành", "", "Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.",
])  # fmt: skip


def test_a_crawls_table_without_a_numbering_column_becomes_rows() -> None:
    unit = " (Đơn vị tính: 1.000 đồng/học sinh/tháng)"
    assert _rows(AREAS) == [
        "Địa bàn: Đô thị; Mầm non: 190; Tiểu học: 190; Trung học cơ sở: 110" + unit,
        "Địa bàn: Nông thôn; Mầm non: 140; Tiểu học: 140; Trung học cơ sở: 95" + unit,
        "Địa bàn: Miền núi; Mầm non: 105; Tiểu học: 105; Trung học cơ sở: 80" + unit,
    ]
    from knowledge.base import KnowledgeBase

    answer = KnowledgeBase.from_documents([parse_text(AREAS, "nq.txt")]).ask("hoc phi thcs mien nui bao nhieu")
    assert answer.found and answer.best is not None and "Miền núi" in answer.best.answer, answer


def test_the_unit_line_above_a_table_goes_with_its_rows_and_is_no_answer_of_its_own() -> None:
    texts = [p.text for p in parse_text(AREAS, "nq.txt").passages]
    assert not [text for text in texts if text.startswith("Đơn vị tính")], texts
    from knowledge.base import KnowledgeBase

    answer = KnowledgeBase.from_documents([parse_text(AREAS, "nq.txt")]).ask("hoc phi thcs la bao nhieu")
    assert answer.best is not None and "Trung học cơ sở" in answer.best.answer, answer


def test_a_crawls_table_whose_first_row_is_data_keeps_each_rows_cells_together() -> None:
    steps = "\n".join([
        "Quy trình giải quyết", "",
        "|", "Bước 1", "|", "Bộ phận một cửa", "|", "- Tiếp nhận hồ sơ, kiểm tra tính đầy đủ của hồ sơ", "|",
        "|", "Bước 2", "|", "Phòng Văn hóa - Xã hội", "|", "Thẩm định hồ sơ trong 05 ngày làm việc", "|",
        "|", "Bước 3", "|", "Chủ tịch UBND xã", "|", "Ký quyết định công nhận", "|",
    ])  # fmt: skip
    assert _rows(steps) == [
        "Bước 1; Bộ phận một cửa; - Tiếp nhận hồ sơ, kiểm tra tính đầy đủ của hồ sơ",
        "Bước 2; Phòng Văn hóa - Xã hội; Thẩm định hồ sơ trong 05 ngày làm việc",
        "Bước 3; Chủ tịch UBND xã; Ký quyết định công nhận",
    ]


def test_pipe_rows_with_a_two_level_header_give_each_value_its_column() -> None:
    table = "\n".join([
        "| TT | Sản phẩm | Kế hoạch 2026 | | Kế hoạch 2030 | |",
        "|---|---|---|---|---|---|",
        "| | | Lượng (tấn) | Giá trị (nghìn USD) | Lượng (tấn) | Giá trị (nghìn USD) |",
        "| 1 | Xoài | 13.500 | 7.000 | 18.000 | 10.000 |",
    ])  # fmt: skip
    assert _rows(table) == ["Sản phẩm: Xoài; Lượng (tấn): 13.500; Giá trị (nghìn USD): 7.000; Lượng (tấn): 18.000; "
                            "Giá trị (nghìn USD): 10.000"]  # fmt: skip


def test_pipe_rows_that_only_name_a_school_label_the_rows_numbered_under_it() -> None:
    table = "\n".join([
        "| STT | Tên đơn vị | Mức học phí năm học 2025-2026 |",
        "| I | CƠ SỞ GIÁO DỤC MẦM NON CÔNG LẬP | CƠ SỞ GIÁO DỤC MẦM NON CÔNG LẬP |",
        "| 1 | Trường Mầm non Hoa Sen | |",
        "| 1.1 | Nhà trẻ | 4.300.000 |",
        "| 1.2 | Mẫu giáo | 3.800.000 |",
        "| 2 | Trường Mầm non B | |",
        "| 2.1 | Mẫu giáo | 3.300.000 |",
    ])  # fmt: skip
    assert _rows(table) == [
        "Cơ sở giáo dục mầm non công lập — Trường Mầm non Hoa Sen — Tên đơn vị: Nhà trẻ; "
        "Mức học phí năm học 2025-2026: 4.300.000",
        "Cơ sở giáo dục mầm non công lập — Trường Mầm non Hoa Sen — Tên đơn vị: Mẫu giáo; "
        "Mức học phí năm học 2025-2026: 3.800.000",
        "Cơ sở giáo dục mầm non công lập — Trường Mầm non B — Tên đơn vị: Mẫu giáo; "
        "Mức học phí năm học 2025-2026: 3.300.000",
    ]


def test_a_form_with_no_rows_names_its_columns() -> None:
    form = "\n".join(["DANH SÁCH ĐĂNG KÝ THAM GIA", "", "| TT | Họ và tên | Chức vụ | Đơn vị công tác | Điện thoại |",
                      "|---|---|---|---|---|", "| | | | | |"])  # fmt: skip
    assert _rows(form) == ["Các cột: Họ và tên; Chức vụ; Đơn vị công tác; Điện thoại"]


def test_a_header_or_signature_set_side_by_side_in_a_table_is_read_as_lines() -> None:
    text = "\n".join([
        "| ỦY BAN NHÂN DÂN<br>TỈNH HÒA AN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |",
        "| Số: 15/KH-UBND | Hòa An, ngày 10 tháng 01 năm 2025 |", "", "KẾ HOẠCH", "Giảm nghèo bền vững năm 2025", "",
        "I. CHỈ TIÊU", "", "Giảm 30 hộ nghèo trong năm 2025.", "",
        "| Nơi nhận:<br>- Các sở, ngành;<br>- Lưu: VT. | KT. CHỦ TỊCH<br>PHÓ CHỦ TỊCH<br><br>Phạm Quốc Bảo |",
    ])  # fmt: skip
    document = parse_text(text, "kh.md")
    assert (document.info.number, document.info.signer) == ("15/KH-UBND", "Phạm Quốc Bảo")
    assert not [p for p in document.passages if p.role == "row"]


def test_a_line_naming_a_unit_in_charge_above_a_table_is_no_unit_of_measure() -> None:
    rows = _rows("\n".join(["Điều 2. Nhiệm vụ", "", "Đơn vị: Sở Y tế", "| STT | Nhiệm vụ | Thời gian |",
                            "| 1 | Kiểm tra an toàn thực phẩm | Quý I/2026 |", ""]))
    assert rows == ["Nhiệm vụ: Kiểm tra an toàn thực phẩm; Thời gian: Quý I/2026"]
