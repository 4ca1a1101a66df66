"""Directives as they really arrive: hard wraps, split two-column headers, signature blocks, recipients, a web
page's chrome and data sheet, a site's summary before the document, appendices and plans attached to a decision."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.model import Document
from knowledge.parsing import parse_text

BODY = [
    "Thực hiện Kế hoạch số 12-KH/TU ngày 05/11/2025 của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    "",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "",
    "Nâng cao hiệu quả công tác chuyển đổi số trên địa bàn tỉnh.",
    "",
    "II. TỔ CHỨC THỰC HIỆN",
    "",
    "1. Sở Nội vụ:",
    "",
    "Chủ trì, phối hợp với các sở, ngành rà soát vị trí việc làm, báo cáo Ủy ban nhân dân tỉnh trước ngày",
    "15/12/2025; tổng hợp kết quả gửi Sở Tài chính.",
]


WRAPPED = [
    "Phát huy sức mạnh tổng hợp của hệ thống chính trị và các tầng lớp nhân dân; tăng cường công",
    "tác phối hợp thường xuyên, chặt chẽ và đồng bộ giữa các Sở, ban, ngành và địa phương trong tổ",
    "chức thực hiện có hiệu quả Chương trình, bảo đảm tiến độ và chất lượng các nhiệm vụ được giao",
    "cho từng cơ quan, đơn vị.",
]


def _shown(document: Document) -> list[str]:
    return [passage.shown for passage in document.passages]


def test_a_sentence_broken_before_its_date_is_one_sentence_and_keeps_its_deadline() -> None:
    document = parse_text("\n".join(BODY), "kh.txt")
    sentence = next(text for text in _shown(document) if "rà soát vị trí việc làm" in text)
    assert "trước ngày 15/12/2025; tổng hợp kết quả gửi Sở Tài chính." in sentence
    assert not any(text.startswith("15/12/2025") for text in _shown(document))
    assert [deadline.due for deadline in document.deadlines] == [date(2025, 12, 15)]


def test_the_body_named_in_a_heading_is_shown_in_front_of_the_text_under_it() -> None:
    document = parse_text("\n".join(BODY), "kh.txt")
    assert any(text.startswith("Sở Nội vụ: Chủ trì, phối hợp với các sở, ngành") for text in _shown(document))


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Thực", "hiện Thông báo số 460/TB-VPCP ngày 04/9/2025 về kết luận của Thủ tướng."],
         "Thực hiện Thông báo số 460/TB-VPCP ngày 04/9/2025 về kết luận của Thủ tướng."),
        (["Theo đề nghị của Sở Công",
          "Thương tại Tờ trình số 298/TTr-SCT ngày 23/10/2025 và các văn bản có liên quan."],
         "Theo đề nghị của Sở Công Thương tại Tờ trình số 298/TTr-SCT ngày 23/10/2025 và các văn bản có liên quan."),
        (["Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT:", "25 trạm, Viettel: 33 trạm) trên địa bàn tỉnh."],
         "Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm) trên địa bàn tỉnh."),
        (["Tổng sản phẩm trái cây tham gia xuất khẩu đến năm 2030 đạt trên",
          "46.200 tấn; giá trị xuất khẩu dự kiến đạt 48,3 triệu USD."],
         "Tổng sản phẩm trái cây tham gia xuất khẩu đến năm 2030 đạt trên 46.200 tấn; giá trị xuất khẩu dự kiến đạt "
         "48,3 triệu USD."),
        (["Đối với 10 nhiệm vụ cần điều chỉnh thẩm quyền giữa trung ương với địa phương, yêu cầu",
          "các Bộ: Nông nghiệp và Môi trường; Tài chính; Tư pháp; Nội vụ; Công Thương; Y tế; Xây dựng;",
          "Khoa học và Công nghệ xây dựng phương án điều chỉnh thẩm quyền, báo cáo trước ngày 15/12."],
         "Công Thương; Y tế; Xây dựng; Khoa học và Công nghệ xây dựng phương án"),
    ],
)  # fmt: skip
def test_lines_wrapped_by_the_source_are_joined(lines: list[str], joined: str) -> None:
    # The text around is wrapped at a page width, as crawled and PDF-extracted directives are.
    text = "\n".join(["I. NỘI DUNG", "", *lines, "", *WRAPPED, "", *BODY])
    assert any(joined in text for text in _shown(parse_text(text, "kh.txt")))


def test_a_number_alone_on_its_line_labels_the_item_that_follows() -> None:
    text = "\n".join(["II. NHIỆM VỤ", "", "3.", "Tăng cường bồi dưỡng đội ngũ giảng viên của các trường.", "",
                      "4.", "Đổi mới chương trình đào tạo theo hướng hiện đại."])  # fmt: skip
    document = parse_text(text, "cv.txt")
    titles = {section.path: section.title for section in document.sections}
    assert titles["II › 3"] == "Tăng cường bồi dưỡng đội ngũ giảng viên của các trường"
    assert titles["II › 4"].startswith("Đổi mới chương trình đào tạo")


HEADER_FORMS = {
    "one cell per line, wrapped": (
        "ỦY BAN NHÂN DÂN\n\nTỈNH HÒA AN\n-------\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "---------------\nSố: 182/KH-UBND\nHòa An, ngày 20\ntháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY\nĐẾN NĂM 2030\n\n"
    ),
    "columns side by side": (
        "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH HÒA AN                Độc lập - Tự do - Hạnh phúc\n\n"
        "Số: 182/KH-UBND          Hòa An, ngày 20 tháng 11 năm 2025\n\n"
        "KẾ HOẠCH\nTriển khai chương trình phòng, chống ma túy đến năm 2030\n\n"
    ),
    "a markdown table": (
        "| ỦY BAN NHÂN DÂN<br>**TỈNH HÒA AN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>"
        "Độc lập - Tự do - Hạnh phúc |\n"
        "|---|---|\n| Số: 182/KH-UBND | *Hòa An, ngày 20 tháng 11 năm 2025* |\n\n"
        "**KẾ HOẠCH**\n**Triển khai chương trình phòng, chống ma túy đến năm 2030**\n\n"
    ),
    "a crawl's cells": (
        "|\n**ỦY BAN NHÂN DÂN\n**\nTỈNH HÒA AN\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 182/KH-UBND\n|\n*Hòa An, ngày 20\ntháng 11 năm 2025*\n|\n\n"
        "**KẾ HOẠCH**\n\nTRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030\n\n"
    ),
    "words cut after the first": (
        "ỦY\nBAN NHÂN DÂN\nTỈNH HÒA AN\n--------\nCỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 182/KH-UBND\nHòa\nAn, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030\n\n"
    ),
    "bold spans wrapped inside names and the motto": (
        "**ỦY BAN NHÂN\nDÂN**\n**TỈNH HÒA AN**\n--------\n**CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 182/KH-UBND\n*Hòa An, ngày 20 tháng 11 năm 2025*\n\n**KẾ HOẠCH**\n\n"
        "**TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY\nĐẾN NĂM 2030**\n\n"
    ),
    "number under 'Số:', date wrapped after the comma": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n|\nSố:\n"
        "182/KH-UBND\n|\nHòa An,\nngày 20 tháng 11 năm 2025\n|\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030\n\n"
    ),
    "no comma after the place, month run into its number": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 182/KH-UBND\nHòa An ngày 20 tháng11 năm 2025\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030\n\n"
    ),
    "number cut at its dash": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÒA AN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 182/KH-\nUBND\nHòa An, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH\n\n"
        "TRIỂN KHAI CHƯƠNG TRÌNH PHÒNG, CHỐNG MA TÚY ĐẾN NĂM 2030\n\n"
    ),
    "one row, rules run into its cells, first pipe missing": (
        "ỦY BAN NHÂN DÂN TỈNH HÒA AN_______ Số: 182/KH-UBND | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – "
        "Hạnh phúc_________________ Hòa An, ngày 20 tháng 11 năm 2025 |\n\n**KẾ HOẠCH**\n\n"
        "**Triển khai chương trình phòng, chống ma túy đến năm 2030**\n\n"
    ),
}


@pytest.mark.parametrize("form", list(HEADER_FORMS), ids=list(HEADER_FORMS))
def test_a_two_column_header_in_any_of_its_forms_gives_the_identity(form: str) -> None:
    info = parse_text(HEADER_FORMS[form] + "\n".join(BODY), "kh.txt").info
    assert (info.number, info.kind, info.issued) == ("182/KH-UBND", "Kế hoạch", date(2025, 11, 20))
    assert info.issuer == "Ủy ban nhân dân tỉnh Hòa An"
    assert "phòng, chống ma túy" in info.title.lower()
    assert info.place == "Hòa An"


SIGNATURES = {
    "on behalf, deputy": (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Trường Sơn"], "Lê Trường Sơn",
                          "Phó Chủ tịch (KT. Chủ tịch)"),
    "wrapped on behalf line": (["TM. UỶ BAN NHÂN", "DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)",
                                "Nguyễn Thành Công"],
                               "Nguyễn Thành Công", "Phó Chủ tịch (TM. Uỷ ban nhân dân, KT. Chủ tịch)"),
    "party body": (["T/M BAN BÍ THƯ", "Trần Cẩm Tú"], "Trần Cẩm Tú", "T/M Ban Bí thư"),
    "deputy minister": (["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phan Tâm"], "Phan Tâm", "Thứ trưởng (KT. Bộ trưởng)"),
    "a name ending in Lưu": (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Xuân Lưu "], "Nguyễn Xuân Lưu",
                             "Phó Chủ tịch (KT. Chủ tịch)"),
}  # fmt: skip


@pytest.mark.parametrize("form", list(SIGNATURES), ids=list(SIGNATURES))
def test_the_signature_block_gives_signer_and_role(form: str) -> None:
    lines, signer, role = SIGNATURES[form]
    text = "\n".join([*BODY, "", "Nơi nhận:", "- Như trên;", "- Lưu: VT.", *lines])
    info = parse_text(HEADER_FORMS["one cell per line, wrapped"] + text, "kh.txt").info
    assert (info.signer, info.signer_role) == (signer, role)


def test_recipients_are_units_of_their_own_section_and_never_text() -> None:
    text = "\n".join([*BODY, "", "Nơi nhận:", "- Phó Thủ tướng Nguyễn Văn Bình, Trưởng Ban Chỉ đạo;",
                      "- Các sở, ngành;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Trường Sơn"])  # fmt: skip
    document = parse_text(text, "kh.txt")
    recipients = [p for p in document.passages if p.role == "recipient"]
    assert [p.text for p in recipients][:2] == ["Phó Thủ tướng Nguyễn Văn Bình, Trưởng Ban Chỉ đạo", "Các sở, ngành"]
    assert all(document.section_path(p.section) == "Nơi nhận" for p in recipients)
    assert not any("Lê Trường Sơn" in p.text for p in document.passages if p.role == "text")


CHROME = (
    "Bản dịch này thuộc quyền sở hữu của\nTHƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép là vi phạm.\nX\n"
    "Click vào phần bôi vàng để xem chi tiết.\nĐang tải văn bản...\n#\nSố hiệu:\n174/CV-BCĐ\nLoại văn bản:\nCông văn\n"
    "Nơi ban hành:\nBan Chỉ đạo\nNgười ký:\nPhạm Thị Thanh Trà\nNgày ban hành:\n02/12/2025\nTình trạng:\nĐã biết\n"
)
FOOTER = (
    "\nCông văn 174/CV-BCĐ năm 2025 tập trung tháo gỡ vướng mắc do Ban Chỉ đạo ban hành\n"
    "Văn bản này chưa cập nhật nội dung Tiếng Anh\n## Văn bản liên quan\nBan hành:\n28/11/2025\n"
    "Hiệu lực: Đã biết\nTình trạng: Đã biết\nCập nhật:\n03/12/2025\nTải về\nĐăng nhập để xem lịch sử.\n"
)


def test_a_crawled_page_keeps_its_banner_sheet_and_footer_out_of_the_answers() -> None:
    text = CHROME + "Kính gửi: Các Bộ, cơ quan ngang Bộ\n" + "\n".join(BODY) + FOOTER
    document = parse_text(text, "174.md")
    shown = " ".join(_shown(document))
    for chrome in ("THƯ VIỆN PHÁP LUẬT", "Click vào", "Số hiệu", "Đã biết", "Văn bản liên quan", "Đăng nhập",
                   "chưa cập nhật"):  # fmt: skip
        assert chrome not in shown
    info = document.info
    assert (info.number, info.issued, info.signer) == ("174/CV-BCĐ", date(2025, 12, 2), "Phạm Thị Thanh Trà")
    assert info.addressees == ("Các Bộ, cơ quan ngang Bộ",)


def test_a_sites_summary_before_the_document_is_kept_apart_from_its_structure() -> None:
    summary = ("## Lịch tập huấn nghiệp vụ thuế cho cán bộ xã\n"
               "Ngày 18/11/2025, Bộ Tài chính đã ban hành Công văn 17899/BTC-VP về tập huấn nghiệp vụ thuế cho "
               "công chức, viên chức cấp xã của các tỉnh, thành phố trên cả nước.\n")  # fmt: skip
    document = parse_text(summary + HEADER_FORMS["one cell per line, wrapped"] + "\n".join(BODY), "kh.txt")
    assert document.info.number == "182/KH-UBND"
    assert [s.path for s in document.sections if not s.path.startswith("Tóm tắt")][:2] == ["I", "II"]
    assert document.passages[0].role == "preface"


LETTER = ("BỘ TÀI CHÍNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 17899/BTC-VP\n"
          "Hà Nội, ngày 18 tháng 11 năm 2025\n{about}\nKính gửi: Ủy ban nhân dân các tỉnh, thành phố.\n"
          "Thực hiện Kết luận số 186-KL/TW ngày 29/8/2025 của Bộ Chính trị, Bộ Tài chính tổ chức 06 hội nghị.\n"
          "1. Đối tượng: công chức cấp xã.\n")


@pytest.mark.parametrize(("about", "title"), [
    ("", "Lịch tập huấn nghiệp vụ thuế cho cán bộ xã"),
    ("V/v bồi dưỡng nghiệp vụ thuế\n", "bồi dưỡng nghiệp vụ thuế"),
])  # fmt: skip
def test_a_letter_without_its_subject_line_takes_the_title_of_the_page_it_came_in(about: str, title: str) -> None:
    summary = "## Lịch tập huấn nghiệp vụ thuế cho cán bộ xã\nNgày 18/11/2025, Bộ Tài chính đã ban hành Công văn.\n"
    info = parse_text(summary + LETTER.format(about=about), "cv.md").info
    assert (info.number, info.title) == ("17899/BTC-VP", title)


def test_a_sites_title_line_above_the_header_does_not_hide_the_identity() -> None:
    text = "#\nKế hoạch 182/KH-UBND triển khai chương trình phòng, chống ma túy\n" + \
        HEADER_FORMS["one cell per line, wrapped"] + "\n".join(BODY)
    document = parse_text(text, "kh.md")
    info = document.info
    assert (info.number, info.issued, info.issuer) == ("182/KH-UBND", date(2025, 11, 20), "Ủy ban nhân dân tỉnh Hòa An")
    assert document.passages[0].role == "preface"


def test_a_laws_number_after_its_kind_in_a_row_without_its_first_pipe() -> None:
    text = ("QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc |\nLuật số: 60/2024/QH15 |\n|\n\n"
            "**LUẬT**\n\n**DỮ LIỆU**\n\n*Quốc hội ban hành Luật Dữ liệu.*\n\n**Chương I**\n\n**QUY ĐỊNH CHUNG**\n\n"
            "**Điều 1. Phạm vi điều chỉnh**\n\nLuật này quy định về dữ liệu số.\n")  # fmt: skip
    info = parse_text(text, "luat.md").info
    assert (info.number, info.kind, info.issuer, info.title) == ("60/2024/QH15", "Luật", "Quốc hội", "Dữ liệu")


def test_a_type_and_title_on_one_capitals_line_is_not_the_issuer() -> None:
    text = ("BAN CHẤP HÀNH\nTRUNG ƯƠNG\n**VĂN PHÒNG**\n*****\n**ĐẢNG CỘNG\nSẢN VIỆT NAM**\nSố 432-TB/VPTW\n"
            "*Hà Nội, ngày 26 tháng 11 năm 2025*\n\n**THÔNG BÁO KẾT LUẬN**\n**CỦA ĐỒNG CHÍ TỔNG BÍ THƯ TẠI BUỔI LÀM "
            "VIỆC VỚI ĐẢNG ỦY BỘ Y TẾ**\n\n" + "\n".join(BODY))  # fmt: skip
    info = parse_text(text, "tb.md").info
    assert (info.number, info.kind, info.issued) == ("432-TB/VPTW", "Thông báo", date(2025, 11, 26))
    assert info.issuer == "Văn phòng"
    assert info.issuer_parent is not None and "Ban Chấp hành" in info.issuer_parent
    assert info.title.lower().startswith("kết luận của đồng chí tổng bí thư")


def test_a_word_wrapped_off_a_name_is_not_glued_to_the_bold_name_below() -> None:
    text = ("UBND THÀNH PHỐ HÀ\nNỘI\n**SỞ GIÁO DỤC VÀ ĐÀO TẠO**\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
            "Số: 3783/SGDĐT-CTHSSV\n*Hà Nội, ngày 18 tháng 11 năm 2025*\n\nV/v tổ chức Ngày hội đọc sách\n\n"
            "Kính gửi: Các trường trung học phổ thông\n\n" + "\n".join(BODY))  # fmt: skip
    info = parse_text(text, "cv.md").info
    assert info.issuer == "Sở Giáo dục và Đào tạo"
    assert info.issuer_parent is not None and info.issuer_parent.endswith("Hà Nội")


def test_a_data_sheets_number_wins_over_an_appendixs_citation() -> None:
    text = "\n".join([
        "**Số hiệu:**", "|", "103/2025/QĐ-UBND", "|", "**Loại văn bản:**", "|", "Quyết định", "|",
        "**Ngày ban hành:**", "|", "20/11/2025", "|", "", *BODY, "", "PHỤ LỤC", "DANH MỤC NHIỆM VỤ",
        "(Ban hành kèm theo Quyết định số 10325/QĐ-UBND ngày 21/12/2025)",
    ])  # fmt: skip
    info = parse_text(text, "qd.md").info
    assert (info.number, info.issued) == ("103/2025/QĐ-UBND", date(2025, 11, 20))


def test_an_appendix_identifies_a_letter_whose_header_was_lost() -> None:
    text = "\n".join([
        "Kính gửi: Các cơ sở đào tạo trực thuộc Bộ", "", *BODY, "", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phan Tâm", "",
        "PHỤ LỤC", "QUY MÔ TUYỂN SINH, ĐÀO TẠO VÀ TỐT NGHIỆP",
        "(Kèm theo Công văn số 6386/BVHTTDL-KHCNĐTMT ngày 25/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)",
    ])  # fmt: skip
    document = parse_text(text, "cv.txt")
    info = document.info
    assert (info.number, info.kind, info.issued) == ("6386/BVHTTDL-KHCNĐTMT", "Công văn", date(2025, 11, 25))
    assert info.issuer == "Bộ Văn hóa, Thể thao và Du lịch"
    appendix = [s for s in document.sections if s.label == "Phụ lục"]
    assert appendix and appendix[0].title.startswith("Phụ lục: Quy mô tuyển sinh")
    assert any(p.role == "title" and "Quy mô tuyển sinh" in p.text for p in document.passages)


def test_a_plan_issued_by_a_decision_is_a_part_of_its_own_after_the_signature() -> None:
    text = "\n".join([
        "QUYẾT ĐỊNH:", "", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu giai đoạn 2026 - 2030.", "",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Thành Công",
        "", "KẾ HOẠCH", "XUẤT KHẨU SẢN PHẨM HÀNG HÓA GIAI ĐOẠN 2026 - 2030",
        "(Ban hành kèm theo Quyết định số 2954/QĐ-UBND ngày 20/11/2025 của UBND tỉnh)", "", "I. MỤC TIÊU", "",
        "Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD.",
    ])  # fmt: skip
    document = parse_text(text, "qd.txt")
    plan = next(s for s in document.sections if s.label == "Kế hoạch")
    assert plan.title.startswith("Kế hoạch xuất khẩu sản phẩm hàng hóa")
    target = next(p for p in document.passages if "400 triệu USD" in p.text)
    assert document.section_path(target.section) == "Kế hoạch › I"
    assert document.info.signer == "Nguyễn Thành Công"


def test_a_digital_signature_stamp_is_not_text_and_does_not_hide_the_title() -> None:
    text = ("Đông Triều, ngày 17 tháng 12 năm 2021\n\nSố 09 - NQ/TU\n\nTHỊ ỦY ĐÔNG TRIỀU\nNgười ký: Thị ủy Đông\n"
            "Triều\nEmail:\ntudt@quangninh.gov.vn\nCơ quan: Tỉnh ủy\nQuảng Ninh\nThời gian ký:\n22.12.2021 14:31:52\n"
            "+07:00\n\n"
            "NGHỊ QUYẾT\nvề phương hướng, nhiệm vụ năm 2022\n\n" + "\n".join(BODY))  # fmt: skip
    document = parse_text(text, "nq.txt")
    assert document.info.title == "về phương hướng, nhiệm vụ năm 2022"
    assert not any("tudt@" in p.text or "Thời gian ký" in p.text for p in document.passages)
    assert any("tudt@quangninh.gov.vn" in line for _, line in document.unplaced)


def test_fields_of_a_record_stay_with_their_item_and_an_introduction_leads_its_items() -> None:
    text = "\n".join([
        "I. LỊCH TẬP HUẤN", "", "- Hội nghị 1: Gồm các tỉnh: Hà Nội, Quảng Ninh, Hải Phòng.",
        "Thời gian: 01 buổi sáng, ngày 26/11/2025, bắt đầu từ 08h00.", "",
        "- Hội nghị 2: Gồm các tỉnh: Tuyên Quang, Cao Bằng.", "Thời gian: 01 buổi chiều, ngày 26/11/2025.", "",
        "II. THÔNG SỐ QUAN TRẮC", "", "- Mẫu nước nguồn cấp:", "", "+ Vi sinh vật: tần suất quan trắc 2 đợt/tháng.",
    ])  # fmt: skip
    shown = _shown(parse_text(text, "cv.txt"))
    assert "Lịch tập huấn: Hội nghị 1: Gồm các tỉnh: Hà Nội, Quảng Ninh, Hải Phòng. Thời gian: 01 buổi sáng, " \
           "ngày 26/11/2025, bắt đầu từ 08h00." in shown
    assert "Thông số quan trắc — Mẫu nước nguồn cấp: Vi sinh vật: tần suất quan trắc 2 đợt/tháng." in shown


def test_an_item_ending_in_a_colon_leads_the_plain_lines_under_it_until_the_next_item() -> None:
    text = "\n".join([
        "2. Thời gian:", "- Hội nghị 3: Gồm các tỉnh/thành phố:", "Huế, Thanh Hóa, Nghệ An.",
        "Thời gian: 01 buổi sáng, ngày 27/11/2025, bắt đầu", "từ 08h00.",
        "- Hội nghị 4: Gồm các tỉnh/thành phố:", "Gia Lai, Đắk Lắk, Lâm Đồng.",
        "Thời gian: 01 buổi chiều, ngày 27/11/2025, bắt đầu", "từ 13h30.",
        "3. Nội dung: Bồi dưỡng nghiệp vụ quản lý thuế.",
    ])  # fmt: skip
    shown = _shown(parse_text(text, "cv.txt"))
    assert "Thời gian — Hội nghị 4: Gồm các tỉnh/thành phố: Gia Lai, Đắk Lắk, Lâm Đồng. Thời gian: 01 buổi " \
           "chiều, ngày 27/11/2025, bắt đầu từ 13h30." in shown
    assert not any("Hội nghị 4" in line for line in shown if "Huế" in line)
    assert "Nội dung: Bồi dưỡng nghiệp vụ quản lý thuế." in shown


def test_abbreviations_a_document_defines_are_collected() -> None:
    text = "\n".join(["I. MỤC TIÊU", "", "Quan trắc môi trường tại các vùng nuôi trồng thủy sản (NTTS) và khu "
                      "công nghiệp (KCN) trên địa bàn tỉnh."])  # fmt: skip
    document = parse_text(text, "kh.txt")
    assert ("NTTS", "nuôi trồng thủy sản") in document.abbreviations
    assert ("KCN", "khu công nghiệp") in document.abbreviations


def test_a_ward_whose_name_folds_like_a_document_type_is_the_issuer() -> None:
    text = ("ỦY BAN NHÂN DÂN\nPHƯỜNG AN BÌNH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 21/KH-UBND\nAn Bình, ngày 10 tháng 01 năm 2025\n\nKẾ HOẠCH\nPhát triển kinh tế - xã hội năm 2025\n\n"
            + "\n".join(BODY))  # fmt: skip
    info = parse_text(text, "kh.txt").info
    assert (info.kind, info.issuer) == ("Kế hoạch", "Ủy ban nhân dân phường An Bình")


def test_a_document_number_with_a_space_after_its_dash_is_written_whole() -> None:
    text = "\n".join(["I. CĂN CỨ", "", "Thực hiện Chương trình hành động số 10-",
                      "CTr/TU ngày 13/8/2025 và Kế hoạch số 12- KH/UBND của tỉnh; giảm 10 - 15% chi phí."])
    [passage] = parse_text(text, "kh.txt").passages
    assert "số 10-CTr/TU ngày 13/8/2025 và Kế hoạch số 12-KH/UBND" in passage.text
    assert "10 - 15%" in passage.text


def test_a_footer_in_parts_a_few_site_lines_apart_is_kept_out_of_the_answers() -> None:
    footer = "\n".join([
        "Kế hoạch 182/KH-UBND triển khai chương trình phòng, chống ma túy trên địa bàn tỉnh Hòa An năm 2026",
        "Văn bản này chưa cập nhật nội dung Tiếng Anh", "## Văn bản liên quan", "Hiệu lực: Đã biết",
        "Tình trạng: Đã biết", "NỘI DUNG SỬA ĐỔI, HƯỚNG DẪN", "Rà chuột vào nội dụng văn bản để sử dụng.",
        "<Nội dung> = Nội dung hai", "văn bản đều có;", "<Nội dung> =", "Nội dung văn bản cũ có, văn bản mới không có;",
        "<Nội dung> = Nội dung văn", "bản cũ không có, văn bản mới có;", "<Nội dung> = Nội dung được sửa đổi, bổ",
        "sung.", "Ghi chú", "**Click trái** để xem cụ thể từng nội dung cần so sánh", "Thưa Quý khách,",
        "Sứ mệnh của THƯ VIỆN PHÁP LUẬT là:", "sử dụng công nghệ cao để tổ chức lại hệ thống văn bản pháp luật,",
        "và kết nối cộng đồng Dân Luật Việt Nam,", "nhằm:", "Giúp công chúng “…loại rủi ro pháp lý…”,",
        "và cùng công chúng xây dựng một xã hội pháp quyền;", "Chúng tôi cam kết dịch vụ sẽ được cung ứng bình thường.",
        "THÔNG BÁO", "về Lưu trữ, Sử dụng Thông tin Khách hàng", "Kính gửi: Quý Thành viên,",
        "Trân trọng cảm ơn Quý Thành viên.", "- Bạn vừa bị Đăng xuất khỏi Tài khoản .",
    ])  # fmt: skip
    document = parse_text(CHROME + "\n".join(BODY) + "\nCHỦ TỊCH\nNguyễn Văn An\n" + footer, "182.md")
    shown = " ".join(_shown(document))
    for chrome in ("Nội dung hai", "công nghệ cao", "cam kết dịch vụ", "Lưu trữ, Sử dụng", "Tiếng Anh",
                   "trên địa bàn tỉnh Hòa An năm 2026"):  # fmt: skip
        assert chrome not in shown
    assert "15/12/2025" in shown


def test_thu_wrapped_off_thu_tuong_is_not_the_kind_letter_and_its_sentence_stays_in_the_text() -> None:
    from knowledge.header import kind_of

    assert (kind_of("Thủ"), kind_of("THƯ"), kind_of("Thư:"), kind_of("THU")) == (None, "Thư", "Thư", "Thư")
    letter = ("BỘ TÀI CHÍNH\nSố: 17900/BTC-VP\nHà Nội, ngày 18 tháng 11 năm 2025\nKính gửi: Các Cục thuộc Bộ.\n|\nThủ\n"
              "tướng Chính phủ đã ban hành Chỉ thị số 33/CT-TTg ngày 06/11/2025 về đẩy mạnh việc thực hiện đúng tiến "
              "độ các nhiệm vụ được giao.\n1. Các Cục rà soát nhiệm vụ được giao.\n")
    document = parse_text(letter, "cv.md")
    assert document.info.kind != "Thư"
    assert any(p.text.startswith("Thủ tướng Chính phủ đã ban hành Chỉ thị số 33/CT-TTg") for p in document.passages)


def test_an_addressee_wrapped_onto_a_line_that_starts_with_a_capital_keeps_the_addressees_after_it() -> None:
    letter = ("BỘ NỘI VỤ\nSố: 10/BNV-TCBC\nHà Nội, ngày 21 tháng 11 năm 2025\nV/v đề xuất biên chế\n\nKính gửi:\n|\n"
              "- Các bộ, cơ quan ngang bộ, cơ quan thuộc\nChính phủ;\n- Ủy ban nhân dân tỉnh, thành phố trực thuộc "
              "Trung ương.\n|\n" + "\n".join(BODY))  # fmt: skip
    info = parse_text(letter, "cv.md").info
    assert info.addressees == ("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ",
                               "Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương")


def test_a_directives_own_sentences_about_logging_in_or_downloading_an_app_are_not_page_chrome() -> None:
    text = "\n".join([
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Số: 21/KH-UBND", "An Phú, ngày 03 tháng 11 năm 2025", "KẾ HOẠCH",
        "Triển khai ứng dụng định danh điện tử", "I. NHIỆM VỤ",
        "1. Công an xã hướng dẫn người dân tải về ứng dụng VNeID và kích hoạt tài khoản định danh mức 2.",
        "2. Tổ công nghệ số cộng đồng hỗ trợ người dân đăng nhập Cổng dịch vụ công quốc gia, đổi mật khẩu khi cần.",
        "3. Văn phòng UBND xã báo cáo kết quả trước ngày 15 hằng tháng.",
    ])
    document = parse_text(text, "kh.txt")
    shown = " ".join(_shown(document))
    assert "tải về ứng dụng VNeID" in shown and "đăng nhập Cổng dịch vụ công" in shown
    assert any(d.recurrence is not None and d.recurrence.day == 15 for d in document.deadlines)


def test_an_obfuscated_email_address_in_a_directives_items_does_not_drop_the_items_between() -> None:
    items = [
        "(3) Các cơ sở giáo dục trực thuộc Sở:",
        "- Đăng ký thư viện đạt chuẩn, gửi hồ sơ về Sở qua địa chỉ thư điện tử [email protected] trước "
        "10/12/2025.",
        "- Bố trí không gian đọc mở tại sân trường, hành lang lớp học.",
        "- Tổ chức Ngày hội đọc sách vào tháng 4 hằng năm.",
        "- Gửi báo cáo kết quả công tác thư viện năm học về Sở qua địa chỉ [email protected] trước 31/5/2026.",
        "(4) Phòng Văn hóa - Xã hội các phường phối hợp kiểm tra.",
    ]
    document = parse_text("\n".join([*BODY, *items, "Nơi nhận:", "- Như trên;", "- Lưu: VT."]), "cv.md")
    shown = " ".join(_shown(document))
    assert "không gian đọc mở" in shown and "Ngày hội đọc sách" in shown
    assert {d.due for d in document.deadlines} >= {date(2025, 12, 10), date(2026, 5, 31)}


def test_a_news_page_of_a_conclusion_takes_its_kind_number_and_issuer_from_the_page_title() -> None:
    page = "\n".join([
        "# TOÀN VĂN: KẾT LUẬN 155-KL/TW CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ SẮP XẾP TỔ CHỨC BỘ MÁY", "",
        "### Nội dung chính", "",
        "**KẾT LUẬN****CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ****về một số nhiệm vụ trọng tâm về sắp xếp tổ chức bộ máy**", "",
        "Tại phiên họp ngày 16/5/2025, Bộ Chính trị, Ban Bí thư kết luận như sau:", "",
        "1. Đảng uỷ Chính phủ chỉ đạo hoàn thành việc sắp xếp đơn vị hành chính trước ngày 30/6/2025.", "",
    ])  # fmt: skip
    document = parse_text(page, "kl.md")
    info = document.info
    assert (info.number, info.kind, info.issuer) == ("155-KL/TW", "Kết luận", "Bộ Chính trị, Ban Bí thư")
    assert "LUẬNCỦA" not in info.title and "THƯvề" not in info.title


@pytest.mark.parametrize(("marked", "read"), [
    ("**Sở Nội vụ****chủ trì** rà soát", "Sở Nội vụ chủ trì rà soát"),
    ("các cơ quan có **t****rách nhiệm** rà soát", "các cơ quan có trách nhiệm rà soát"),
    ("**VĂ****N PHÒNG** UBND tỉnh rà soát", "VĂN PHÒNG UBND tỉnh rà soát"),
    ("phòng cháy****Viện Kiểm sát rà soát", "phòng cháy Viện Kiểm sát rà soát"),
])
def test_two_bold_runs_side_by_side_are_two_words_unless_the_mark_cuts_one(marked: str, read: str) -> None:
    document = parse_text("\n".join([*BODY, f"2. {marked} hồ sơ."]), "kh.md")
    assert any(f"{read} hồ sơ." in text for text in _shown(document)), _shown(document)


def test_a_party_conclusions_title_goes_on_past_the_bodies_it_names() -> None:
    text = "\n".join([
        "BAN", "CHẤP HÀNH TRUNG ƯƠNG", "", "ĐẢNG", "CỘNG SẢN VIỆT NAM", "---------------", "Số 221-KL/TW",
        "Hà Nội, ngày 28", "tháng 11 năm 2025", "KẾT LUẬN", "CỦA BỘ CHÍNH TRỊ,", "BAN BÍ THƯ", "VỀ TÌNH HÌNH, KẾT",
        "QUẢ HOẠT ĐỘNG CỦA BỘ MÁY HỆ THỐNG CHÍNH TRỊ VÀ CHÍNH QUYỀN ĐỊA PHƯƠNG 2 CẤP", "-----",
        "Tại phiên họp ngày 28/11/2025, Bộ Chính trị, Ban Bí thư kết luận như sau:",
        "1. Cơ bản thống nhất với Báo cáo của Ban Tổ chức Trung ương.",
    ])  # fmt: skip
    info = parse_text(text, "kl.md").info
    assert (info.number, info.kind) == ("221-KL/TW", "Kết luận")
    assert info.title.lower().startswith("về tình hình, kết quả hoạt động của bộ máy"), info.title


def test_the_link_to_a_news_pages_source_is_no_answer() -> None:
    page = "\n".join([*BODY, "", "Link bài viết gốc: https://xaydungchinhsach.chinhphu.vn/toan-van-ket-luan-155.htm"])
    assert not any("bài viết gốc" in text for text in _shown(parse_text(page, "kl.md")))


def test_a_news_pages_download_button_does_not_drop_the_sentence_that_names_the_document() -> None:
    page = "\n".join([
        "# Công văn 5926/SNV-LĐ 2025 báo cáo tình hình sử dụng lao động năm 2025 tại tỉnh Đồng Nai ra sao?", "",
        "Ngày 10/11/2025, Sở Nội vụ tỉnh Đồng Nai có Công văn 5926/SNV-LĐ năm 2025 về việc báo cáo tình hình thực "
        "hiện pháp luật lao động năm 2025.", "",
        "**TẢI VỀ Công văn 5926/SNV-LĐ năm 2025**", "",
        "Thực hiện các quy định của Bộ luật Lao động 2019, Sở Nội vụ đề nghị các doanh nghiệp báo cáo định kỳ.", "",
        "Hạn nộp báo cáo: Trước ngày 25/11/2025.", "",
    ])  # fmt: skip
    document = parse_text(page, "cv.md")
    assert any("Sở Nội vụ tỉnh Đồng Nai có Công văn 5926/SNV-LĐ" in text for text in _shown(document))
    assert not any("TẢI VỀ" in text for text in _shown(document))


def test_a_news_page_takes_its_documents_identity_from_the_sentence_that_announces_it() -> None:
    page = "\n".join([
        "# Công văn 5926/SNV-LĐ 2025 báo cáo tình hình sử dụng lao động năm 2025 tại tỉnh Đồng Nai ra sao?", "",
        "Ngày 10/11/2025, Sở Nội vụ tỉnh Đồng Nai có Công văn 5926/SNV-LĐ năm 2025 về việc báo cáo tình hình thực "
        "hiện pháp luật lao động năm 2025.", "",
        "Thực hiện các quy định của Bộ luật Lao động 2019, Sở Nội vụ đề nghị các doanh nghiệp báo cáo định kỳ.", "",
    ])  # fmt: skip
    info = parse_text(page, "cv.md").info
    assert (info.number, info.kind, info.issued, info.issuer) == (
        "5926/SNV-LĐ", "Công văn", date(2025, 11, 10), "Sở Nội vụ tỉnh Đồng Nai")
    assert info.title == "báo cáo tình hình thực hiện pháp luật lao động năm 2025"
