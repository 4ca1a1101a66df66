"""A document's identity (knowledge.metadata through parse_text): number, kind, issued date, issuer, title,
signer and role, header lines that fit nowhere, and the identity of the two sample documents."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.base import KnowledgeBase
from knowledge.metadata import readable
from knowledge.model import DocumentInfo
from knowledge.parsing import parse_text

INTRO = (
    "Thực hiện chỉ đạo của cấp trên, Ủy ban nhân dân phường triển khai các nhiệm vụ trọng tâm về phát triển "
    "kinh tế - xã hội trên địa bàn như sau:"
)
BODY = (
    "I. NHIỆM VỤ TRỌNG TÂM",
    "Tập trung chỉ đạo hoàn thành các chỉ tiêu phát triển kinh tế - xã hội năm 2025.",
)


def _doc(*blocks: str, separator: str = "\n\n\n") -> str:
    return separator.join(blocks) + "\n"


def _info(*blocks: str, separator: str = "\n\n\n") -> DocumentInfo:
    return parse_text(_doc(*blocks, separator=separator), "van-ban.txt").info


@pytest.mark.parametrize(
    ("line", "number", "kind"),
    [
        ("Số 09 - NQ/TU", "09-NQ/TU", "Nghị quyết"),
        ("Số: 48/KH-UBND", "48/KH-UBND", "Kế hoạch"),
        ("Số 27-KH/ĐU", "27-KH/ĐU", "Kế hoạch"),
        ("Số 350 - KH/TU", "350-KH/TU", "Kế hoạch"),
        ("Số: 2318/QĐ-UBND", "2318/QĐ-UBND", "Quyết định"),
        ("Số: 09/NQ-HĐND", "09/NQ-HĐND", "Nghị quyết"),
        ("Số 66-HD/TU", "66-HD/TU", "Hướng dẫn"),
        ("Số: 15/TB-UBND", "15/TB-UBND", "Thông báo"),
    ],
)
def test_number_is_normalised_and_its_code_gives_the_kind(line: str, number: str, kind: str) -> None:
    info = _info("UBND PHƯỜNG MẠO KHÊ", line, "Mạo Khê, ngày 10 tháng 01 năm 2025", INTRO, *BODY)
    assert info.number == number
    assert info.kind == kind
    assert info.key == number


@pytest.mark.parametrize(
    ("type_line", "kind"),
    [("NGHỊ QUYẾT", "Nghị quyết"), ("KẾ HOẠCH", "Kế hoạch"), ("HƯỚNG DẪN", "Hướng dẫn"),
     ("CHƯƠNG TRÌNH", "Chương trình"), ("CHỈ THỊ", "Chỉ thị"), ("THÔNG BÁO", "Thông báo")],
)  # fmt: skip
def test_capital_type_line_gives_the_kind_before_the_number_code(type_line: str, kind: str) -> None:
    info = _info("THỊ ỦY ĐÔNG TRIỀU", "Số 12-KH/TU", type_line, "về công tác tuyên truyền năm 2025", INTRO, *BODY)
    assert info.kind == kind
    assert info.number == "12-KH/TU"


def test_closing_sentence_gives_the_kind_when_nothing_else_does() -> None:
    info = _info(
        "TRƯỜNG MẦM NON HOA SEN",
        "Triển khai chương trình giáo dục mầm non năm học 2024 - 2025",
        "Căn cứ hướng dẫn nhiệm vụ năm học của Phòng Giáo dục và Đào tạo thị xã, nhà trường triển khai các "
        "nội dung trọng tâm như sau:",
        *BODY,
        "Trên đây là Kế hoạch triển khai chương trình giáo dục của nhà trường, đề nghị các tổ chuyên môn thực hiện./.",
    )
    assert info.kind == "Kế hoạch"
    assert info.number is None
    assert info.key == "Triển khai chương trình giáo dục mầm non năm học 2024 - 2025"  # never the file's name


def test_issuer_and_kind_named_in_the_first_body_sentence() -> None:
    info = _info(
        "Triển khai công tác thông tin, tuyên truyền năm 2024",
        "Trường Mầm non Hoa Phượng xây dựng Kế hoạch triển khai công tác thông tin, tuyên truyền năm 2024, cụ thể "
        "như sau:",
        *BODY,
    )
    assert info.issuer == "Trường Mầm non Hoa Phượng"
    assert info.kind == "Kế hoạch"


def test_issued_date_and_its_printed_form() -> None:
    info = _info("THỊ ỦY ĐÔNG TRIỀU", "Số 09 - NQ/TU", "Đông Triều, ngày 17 tháng 12 năm 2021", INTRO, *BODY)
    assert info.issued == date(2021, 12, 17)
    assert info.issued_text == "ngày 17 tháng 12 năm 2021"


def test_impossible_issued_date_is_left_out() -> None:
    info = _info("THỊ ỦY ĐÔNG TRIỀU", "Số 09 - NQ/TU", "Đông Triều, ngày 31 tháng 02 năm 2021", INTRO, *BODY)
    assert info.issued is None
    assert info.issued_text is None


@pytest.mark.parametrize(
    ("header", "issuer"),
    [
        (("ĐẢNG BỘ TỈNH QUẢNG NINH", "THỊ ỦY ĐÔNG TRIỀU", "ĐẢNG CỘNG SẢN VIỆT NAM"), "Thị ủy Đông Triều"),
        (
            ("ỦY BAN NHÂN DÂN THỊ XÃ ĐÔNG TRIỀU", "ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ",
             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"),
            "Ủy ban nhân dân phường Mạo Khê",
        ),
        (("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"),
         "Phòng Giáo dục và Đào tạo"),
    ],
)  # fmt: skip
def test_issuer_is_the_last_capitals_body_before_the_type_not_the_motto(header: tuple[str, ...], issuer: str) -> None:
    # Names printed in capitals are given as written in running text.
    info = _info(*header, "Số: 05/KH-UBND", "ngày 10 tháng 01 năm 2025", "KẾ HOẠCH", "về phòng chống thiên tai",
                 INTRO, *BODY)  # fmt: skip
    assert info.issuer == issuer
    assert info.title == "về phòng chống thiên tai"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (("NGHỊ QUYẾT", "CỦA BAN CHẤP HÀNH ĐẢNG BỘ THỊ XÃ", "về phương hướng, nhiệm vụ năm 2022"),
         "về phương hướng, nhiệm vụ năm 2022"),
        (("KẾ HOẠCH", "Triển khai công tác thông tin, tuyên truyền năm 2024"),
         "Triển khai công tác thông tin, tuyên truyền năm 2024"),
    ],
)  # fmt: skip
def test_title_is_the_ve_line_the_vv_line_or_the_first_line(lines: tuple[str, ...], title: str) -> None:
    info = _info("UBND THỊ XÃ ĐÔNG TRIỀU", "Số: 48/KH-UBND", *lines, INTRO, *BODY)
    assert info.title == title


def test_vv_line_is_the_title_not_a_roman_section_five() -> None:
    document = parse_text(
        _doc("UBND THỊ XÃ ĐÔNG TRIỀU", "Số: 48/UBND-VHTT", "V/v triển khai công tác thông tin, tuyên truyền năm 2024",
             INTRO, *BODY),
        "cong-van.txt",
    )  # fmt: skip
    assert document.info.title == "triển khai công tác thông tin, tuyên truyền năm 2024"
    assert [section.path for section in document.sections] == ["I"]


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["one-paragraph-per-line", "markdown-blank-line"])
def test_title_line_is_not_glued_to_the_first_body_paragraph(separator: str) -> None:
    info = _info(
        "ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ",
        "Số: 15/KH-UBND",
        "KẾ HOẠCH",
        "Thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh năm 2025",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật "
        "Tổ chức Chính phủ ngày 22/11/2019;",
        *BODY,
        separator=separator,
    )
    assert info.title == "Thực hiện nhiệm vụ phát triển kinh tế - xã hội, bảo đảm quốc phòng - an ninh năm 2025"


@pytest.mark.parametrize(
    ("signature", "signer", "role"),
    [
        (("T/M THỊ ỦY", "BÍ THƯ", "Nguyễn Văn Công"), "Nguyễn Văn Công", "Bí thư (T/M Thị ủy)"),
        (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Phạm Quốc Bảo"), "Phạm Quốc Bảo",
         "Phó Chủ tịch (TM. Ủy ban nhân dân, KT. Chủ tịch)"),
        (("HIỆU TRƯỞNG", "Dương Thị Tâm"), "Dương Thị Tâm", "Hiệu trưởng"),
    ],
)
def test_signer_and_role_from_the_signature_block(signature: tuple[str, ...], signer: str, role: str) -> None:
    info = _info(
        "THỊ ỦY ĐÔNG TRIỀU", "Số 09 - NQ/TU", INTRO, *BODY, "Nơi nhận:", "- Thường trực Tỉnh ủy (để b/cáo),",
        "- Lưu: VPTU.", *signature,
    )  # fmt: skip
    assert (info.signer, info.signer_role) == (signer, role)


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["one-paragraph-per-line", "markdown-blank-line"])
@pytest.mark.parametrize("mark", ["(Đã ký)", "(Đã ký và đóng dấu)"])
def test_signature_mark_between_role_and_name_does_not_hide_the_signer(mark: str, separator: str) -> None:
    text = separator.join(["ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ", "Số: 15/KH-UBND", INTRO, *BODY, "Nơi nhận:", "- Lưu: VT.",
                      "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", mark, "Phạm Quốc Bảo"])  # fmt: skip
    info = parse_text(text, "kh.txt").info
    assert (info.signer, info.signer_role) == ("Phạm Quốc Bảo", "Phó Chủ tịch (TM. Ủy ban nhân dân, KT. Chủ tịch)")


def test_no_signature_block_means_no_signer() -> None:
    info = _info("THỊ ỦY ĐÔNG TRIỀU", "Số 09 - NQ/TU", INTRO, *BODY)
    assert info.signer is None and info.signer_role is None


def test_header_lines_that_say_nothing_about_identity_are_kept_as_unplaced() -> None:
    text = _doc("TRƯỜNG MẦM NON HOA SEN", "Email: mnhoasen@gmail.com", "Số: 05/KH-MNHS", INTRO, *BODY)
    document = parse_text(text, "kh.txt")
    assert document.unplaced == [(4, "Email: mnhoasen@gmail.com")]
    assert document.info.issuer == "Trường Mầm non Hoa Sen"


def test_identity_passage_states_the_identity(samples: KnowledgeBase) -> None:
    resolution = samples.document("09-NQ/TU")
    assert resolution is not None
    identity = [p.text for p in resolution.passages if "identity" in p.kinds]
    assert len(identity) == 1
    assert identity[0].startswith(
        "Nghị quyết số 09-NQ/TU của Thị ủy Đông Triều, ban hành ngày 17 tháng 12 năm 2021 (17/12/2021)"
    )
    assert identity[0].endswith("Người ký: Nguyễn Văn Công, Bí thư (T/M Thị ủy).")
    assert resolution.info.display_name == "Nghị quyết 09-NQ/TU"


def test_sample_resolution_identity(samples: KnowledgeBase) -> None:
    info = samples.documents[0].info
    assert info.path.endswith("000_a9d52927b6c5e55c.txt")
    assert (info.number, info.kind, info.issued) == ("09-NQ/TU", "Nghị quyết", date(2021, 12, 17))
    assert info.issued_text == "ngày 17 tháng 12 năm 2021"
    assert info.issuer == "Thị ủy Đông Triều"
    assert info.title == "về phương hướng, nhiệm vụ năm 2022"
    assert (info.signer, info.signer_role) == ("Nguyễn Văn Công", "Bí thư (T/M Thị ủy)")
    unplaced = " ".join(text for _, text in samples.documents[0].unplaced)
    assert "tudt@quangninh.gov.vn" in unplaced


def test_sample_school_plan_identity(samples: KnowledgeBase) -> None:
    info = samples.documents[1].info
    assert info.path.endswith("001_f49b9b7055b64d3f.txt")
    assert info.number is None
    assert info.key == "Triển khai công tác thông tin, tuyên truyền năm 2024"
    assert info.kind == "Kế hoạch"
    assert info.issuer == "Trường Mầm non Hoa Phượng"
    assert info.title == "Triển khai công tác thông tin, tuyên truyền năm 2024"
    assert (info.signer, info.signer_role) == ("Dương Thị Tâm", "Hiệu trưởng")
    assert "001_f49b" not in info.display_name


@pytest.mark.parametrize(
    ("capitals", "readable_name"),
    [
        ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Ủy ban nhân dân tỉnh Đắk Lắk"),  # a word with marks is no abbreviation
        ("TRƯỜNG THCS NGUYỄN DU", "Trường THCS Nguyễn Du"),  # the school's name after its level
        ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Bộ Văn hóa, Thể thao và Du lịch"),
    ],
)
def test_a_name_in_capitals_is_written_as_in_running_text(capitals: str, readable_name: str) -> None:
    assert readable(capitals) == readable_name


def test_a_motto_wrapped_after_xa_is_not_the_issuer() -> None:
    text = ("ỦY BAN NHÂN\nDÂN\nTHÀNH PHỐ CẦN THƠ\n--------\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 159/KH-UBND\nCần Thơ, ngày\n19 tháng 11 năm 2025\n\n"
            "KẾ HOẠCH\n\nTRUYỀN THÔNG VỀ GIẢM NGHÈO ĐA CHIỀU\n\nI. MỤC ĐÍCH\n\nNâng cao nhận thức của người dân.\n")
    info = parse_text(text, "kh.txt").info
    assert (info.issuer, info.issuer_parent) == ("Ủy ban nhân dân thành phố Cần Thơ", None)


def test_a_title_in_capitals_wrapped_over_lines_reads_as_a_sentence_with_its_place_named() -> None:
    text = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN", "TỈNH VĨNH LONG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 20/2025/NQ-HĐND", "Vĩnh Long, ngày 18 tháng 11 năm 2025", "", "NGHỊ QUYẾT",
        "QUY ĐỊNH MỨC HỌC PHÍ ĐỐI VỚI CƠ SỞ GIÁO DỤC CÔNG LẬP VÀ MỨC HỖ TRỢ HỌC PHÍ ĐỐI VỚI TRẺ EM, HỌC SINH",
        "DÂN LẬP, TƯ THỤC NĂM HỌC 2025 - 2026 TRÊN ĐỊA BÀN TỈNH VĨNH", "LONG", "",
        "Điều 1. Phạm vi điều chỉnh", "", "Nghị quyết này quy định mức học phí năm học 2025 - 2026.",
    ])  # fmt: skip
    info = parse_text(text, "nq.txt").info
    assert info.title == ("Quy định mức học phí đối với cơ sở giáo dục công lập và mức hỗ trợ học phí đối với trẻ em, "
                          "học sinh dân lập, tư thục năm học 2025 - 2026 trên địa bàn tỉnh Vĩnh Long")
