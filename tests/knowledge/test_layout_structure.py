"""From raw text to paragraphs (knowledge.layout) and from paragraphs to the section tree, passages and
categories (knowledge.structure, through knowledge.parsing.parse_text)."""

from __future__ import annotations

import pytest

from knowledge.layout import paragraphs
from knowledge.model import Document
from knowledge.parsing import parse_text


def _pdf(*lines: str) -> str:
    """Text as a PDF extractor gives it: one blank line after every printed line."""
    return "\n\n".join(lines) + "\n"


def _doc(*blocks: str) -> str:
    """Text whose paragraphs are separated by two blank lines (a real break)."""
    return "\n\n\n".join(blocks) + "\n"


def _texts(raw: str) -> list[str]:
    return [paragraph.text for paragraph in paragraphs(raw)]


def test_pdf_lines_of_one_sentence_are_mended_into_one_paragraph() -> None:
    raw = _pdf(
        "Thực hiện Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXV, Ban Thường vụ Thị ủy ban",
        "hành Kế hoạch triển khai công tác tuyên truyền năm 2024 như sau:",
        "- Tuyên truyền sâu rộng đến cán bộ, đảng viên và Nhân dân.",
    )
    assert _texts(raw) == [
        "Thực hiện Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXV, Ban Thường vụ Thị ủy ban hành Kế hoạch "
        "triển khai công tác tuyên truyền năm 2024 như sau:",
        "- Tuyên truyền sâu rộng đến cán bộ, đảng viên và Nhân dân.",
    ]


def test_document_number_broken_after_its_dash_is_joined_without_a_space() -> None:
    raw = _pdf(
        "Ban Thường vụ Thị ủy xây dựng Kế hoạch tổ chức thực hiện Nghị quyết số 34-",
        "NQ/TW ngày 09/8/2021 của Bộ Chính trị về công tác tuyên truyền, vận động.",
    )
    assert _texts(raw) == [
        "Ban Thường vụ Thị ủy xây dựng Kế hoạch tổ chức thực hiện Nghị quyết số 34-NQ/TW ngày 09/8/2021 của "
        "Bộ Chính trị về công tác tuyên truyền, vận động."
    ]


@pytest.mark.parametrize("page_line", ["2", "- 3 -", "Trang 4", "12"])
def test_page_number_lines_are_dropped_and_the_sentence_goes_on(page_line: str) -> None:
    raw = _pdf("Tăng cường công tác kiểm tra, giám sát việc thực hiện", page_line, "các nhiệm vụ được giao.")
    assert _texts(raw) == ["Tăng cường công tác kiểm tra, giám sát việc thực hiện các nhiệm vụ được giao."]


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("- Rà soát, bố trí nguồn vốn ghi vốn", "- cuối năm của các dự án.",
         "- Rà soát, bố trí nguồn vốn ghi vốn - cuối năm của các dự án."),
        ("Đại hội Đảng bộ thị xã nhiệm kỳ 2020", "- 2025 đã đề ra.",
         "Đại hội Đảng bộ thị xã nhiệm kỳ 2020 - 2025 đã đề ra."),
    ],
)  # fmt: skip
def test_wrapped_dash_is_not_taken_as_a_bullet(first: str, second: str, joined: str) -> None:
    assert _texts(_pdf(first, second)) == [joined]


def test_real_bullets_and_headings_keep_their_boundaries() -> None:
    lines = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích:",
        "- Tuyên truyền sâu rộng đến cán bộ, đảng viên.",
        "- Bảo đảm đúng định hướng của cấp ủy.",
        "+ Đối với giáo viên: thực hiện nghiêm túc.",
        "a) Tổ chức hội nghị quán triệt.",
        "2. Yêu cầu:",
    ]
    assert _texts(_pdf(*lines)) == lines


def test_two_blank_lines_are_a_real_break_unless_the_text_goes_on_in_lower_case() -> None:
    assert _texts("Triển khai công tác tuyên truyền năm 2024\n\n\n\nThực hiện Kế hoạch của Thị ủy.") == [
        "Triển khai công tác tuyên truyền năm 2024",
        "Thực hiện Kế hoạch của Thị ủy.",
    ]
    assert _texts("Tiếp tục triển khai các nhiệm vụ\n\n\n\nphát triển kinh tế - xã hội.") == [
        "Tiếp tục triển khai các nhiệm vụ phát triển kinh tế - xã hội."
    ]


def test_markdown_marks_are_removed_and_headings_flagged() -> None:
    raw = "## **II- NHIỆM VỤ VÀ GIẢI PHÁP**\n\n**Tăng cường** công tác *tuyên truyền*.\n\n> Trích dẫn ý kiến.\n"
    assert [(p.text, p.heading, p.line) for p in paragraphs(raw)] == [
        ("II- NHIỆM VỤ VÀ GIẢI PHÁP", True, 1),
        ("Tăng cường công tác tuyên truyền.", False, 3),
        ("Trích dẫn ý kiến.", False, 5),
    ]


def test_rules_invisible_characters_and_windows_line_ends() -> None:
    raw = "Thực hiện nhiệm vụ\r\nnăm 2022\r\n-----\r\nNăm 2022\u200b là năm đầu thực hiện kế hoạch.\r\n"
    assert [(p.text, p.line) for p in paragraphs(raw)] == [
        ("Thực hiện nhiệm vụ năm 2022", 1), ("Năm 2022 là năm đầu thực hiện kế hoạch.", 4)
    ]


HEADER = (
    "KẾ HOẠCH",
    "Triển khai công tác tuyên truyền năm 2024",
    "Thực hiện Kế hoạch số 350-KH/TU ngày 15/01/2024 của Thị ủy Đông Triều, Đảng ủy phường Mạo Khê xây dựng "
    "Kế hoạch thực hiện như sau:",
)
TREE = _doc(
    *HEADER,
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích:",
    "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về nhiệm vụ chính trị của phường.",
    "2. Yêu cầu: Tuyên truyền phải kịp thời, đúng định hướng, phù hợp với từng đối tượng.",
    "II. NỘI DUNG TUYÊN TRUYỀN",
    "1. Tuyên truyền phát triển kinh tế:",
    "1.1. Phát triển công nghiệp:",
    "- Tuyên truyền các dự án công nghiệp trọng điểm trên địa bàn phường.",
    "2. Tuyên truyền xây dựng đô thị:",
    "2.3. Chỉnh trang đô thị:",
    "2.3.1. Trồng cây xanh:",
    "a) Vận động Nhân dân tham gia:",
    "(1) Trồng cây xanh trên các tuyến phố chính của phường.",
    "b) Tổ chức Hội thi tìm hiểu lịch sử Đảng bộ phường lần thứ III",
    "c) Hội thi ảnh",
    "III. TỔ CHỨC THỰC HIỆN",
    "Văn phòng Đảng ủy theo dõi, đôn đốc việc thực hiện Kế hoạch này.",
)


@pytest.fixture(scope="module")
def tree() -> Document:
    return parse_text(TREE, "ke-hoach-tuyen-truyen.txt")


def _passages_in(document: Document, path: str) -> list[str]:
    return [p.text for p in document.passages if document.section_path(p.section) == path]


def test_section_tree_keeps_every_level(tree: Document) -> None:
    assert [section.path for section in tree.sections] == [
        "I", "I › 1", "I › 2",
        "II", "II › 1", "II › 1 › 1.1", "II › 2", "II › 2 › 2.3", "II › 2 › 2.3 › 2.3.1",
        "II › 2 › 2.3 › 2.3.1 › a", "II › 2 › 2.3 › 2.3.1 › a › (1)",
        "II › 2 › 2.3 › 2.3.1 › b", "II › 2 › 2.3 › 2.3.1 › c",
        "III",
    ]  # fmt: skip
    parents = {s.path: (tree.sections[s.parent].path if s.parent is not None else None) for s in tree.sections}
    assert parents["II › 2 › 2.3 › 2.3.1"] == "II › 2 › 2.3"
    assert parents["III"] is None
    titles = {section.path: section.title for section in tree.sections}
    assert titles["I"] == "Mục đích, yêu cầu"
    assert titles["I › 2"] == "Yêu cầu"
    assert titles["II › 1 › 1.1"] == "Phát triển công nghiệp"
    assert titles["III"] == "Tổ chức thực hiện"


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("I › 1", ["Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về nhiệm vụ chính trị của phường."]),
        # "2. Yêu cầu: Tuyên truyền …": the heading stays in front of the sentence it introduces.
        ("I › 2", ["Yêu cầu: Tuyên truyền phải kịp thời, đúng định hướng, phù hợp với từng đối tượng."]),
        ("II › 1 › 1.1", ["Tuyên truyền các dự án công nghiệp trọng điểm trên địa bàn phường."]),
        ("II › 2 › 2.3 › 2.3.1 › a › (1)", ["Trồng cây xanh trên các tuyến phố chính của phường."]),
        # A heading with no body is content itself when it says something; "Hội thi ảnh" does not.
        ("II › 2 › 2.3 › 2.3.1 › b", ["Tổ chức Hội thi tìm hiểu lịch sử Đảng bộ phường lần thứ III"]),
        ("II › 2 › 2.3 › 2.3.1 › c", []),
        ("", [TREE.split("\n\n\n")[2]]),
    ],
)
def test_passages_stand_in_their_sections(tree: Document, path: str, texts: list[str]) -> None:
    assert _passages_in(tree, path) == texts


def test_inline_numbered_items_become_sections_with_their_categories() -> None:
    text = _doc(
        *HEADER[:2],
        "I- MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU",
        "2. Các chỉ tiêu chủ yếu: Về xây dựng Đảng: (1) Kết nạp đảng viên mới tăng từ 3% trở lên. "
        "(2) Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt 90%. Về kinh tế: (3) Tốc độ tăng trưởng kinh tế "
        "từ 12% trở lên. (4) Thu ngân sách tăng tối thiểu 9%. Về xã hội: (5) Giảm 40 hộ nghèo. Về môi trường: "
        "(6) Tỷ lệ thu gom rác thải đạt 95% trở lên.",
        "II- NHIỆM VỤ VÀ GIẢI PHÁP",
    )
    document = parse_text(text, "nq.txt")
    items = [s for s in document.sections if s.label.startswith("(")]
    assert [s.path for s in items] == [f"I › 2 › ({n})" for n in range(1, 7)]
    assert items[2].title == "Tốc độ tăng trưởng kinh tế từ 12% trở lên"
    categories = [p.category for p in document.passages if document.section_path(p.section).endswith(")")]
    assert categories == ["Xây dựng Đảng"] * 2 + ["Kinh tế"] * 2 + ["Xã hội", "Môi trường"]
    assert not any("Về kinh tế" in p.text for p in document.passages)


def test_category_marker_lines_set_the_category_of_the_following_items() -> None:
    text = _doc(
        *HEADER,
        "II. CHỈ TIÊU CHỦ YẾU NĂM 2025",
        "Về kinh tế:",
        "(1) Tổng thu ngân sách nhà nước trên địa bàn đạt 42,5 tỷ đồng trở lên.",
        "(2) Trồng rừng 200 ha trở lên.",
        "Về xã hội:",
        "(3) Giảm 30 hộ nghèo, 42 hộ cận nghèo.",
    )
    document = parse_text(text, "kh.txt")
    categories = [(document.section_path(p.section), p.category) for p in document.passages if p.section is not None]
    assert categories == [("II › (1)", "Kinh tế"), ("II › (2)", "Kinh tế"), ("II › (3)", "Xã hội")]


def test_inline_items_after_a_leading_item_one_get_their_own_sections() -> None:
    text = _doc(
        *HEADER,
        "I. CÁC CHỈ TIÊU CHỦ YẾU",
        "(1) Tốc độ tăng trưởng kinh tế từ 12% trở lên. (2) Thu ngân sách tăng tối thiểu 9%. (3) Giảm 40 hộ nghèo.",
    )
    document = parse_text(text, "kh.txt")
    assert [s.path for s in document.sections] == ["I", "I › (1)", "I › (2)", "I › (3)"]


@pytest.mark.parametrize("separator", ["\n", "\n\n"], ids=["one-paragraph-per-line", "markdown-blank-line"])
def test_numbered_heading_without_colon_is_not_glued_to_the_next_line(separator: str) -> None:
    # A .txt saved from Word (one paragraph per line) or markdown: headings without a closing colon.
    text = separator.join(
        [
            *HEADER,
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về nhiệm vụ chính trị của phường.",
        ]
    )
    document = parse_text(text, "kh.txt")
    titles = {section.path: section.title for section in document.sections}
    assert titles["I › 1"] == "Mục đích"
    assert _passages_in(document, "I › 1") == [
        "Nâng cao nhận thức của cán bộ, đảng viên và Nhân dân về nhiệm vụ chính trị của phường."
    ]


def test_long_sentences_are_cut_into_passages_of_at_most_1200_characters() -> None:
    clauses = [f"tuyên truyền nội dung số {n} đến cán bộ, đảng viên và Nhân dân trên địa bàn" for n in range(1, 50)]
    text = _doc(*HEADER, "I. NỘI DUNG", "Tiếp tục " + "; ".join(clauses) + ".")
    document = parse_text(text, "kh.txt")
    pieces = _passages_in(document, "I")
    assert len(pieces) > 1
    assert all(len(piece) <= 1200 for piece in pieces)
    assert "nội dung số 49" in pieces[-1]


def test_samples_sections_keep_their_paths(samples) -> None:  # type: ignore[no-untyped-def]
    paths = {section.path for section in samples.documents[0].sections}
    assert {"I", "I › 1", "I › 2", "II", "II › 1", "III", "III › 2"} | {f"I › 2 › ({n})" for n in range(1, 17)} <= paths


def test_a_short_line_ending_in_ban_hanh_goes_on_with_what_is_issued() -> None:
    text = _doc(
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 12/QĐ-UBND\nAn Giang, ngày 10 tháng 11 năm 2025",
        "QUYẾT ĐỊNH\nVề việc ban hành Quy định",
        "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký và thay thế Quyết định số 1849/QĐ-UBND ngày 20 "
        "tháng 8 năm 2024 của Ủy ban nhân\ndân thành",
        "phố Cần Thơ về việc ban hành\nQuy chế tiêu chí, thang điểm và đánh giá năm 2024.",
        "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành.",
    )
    document = parse_text(text, "qd.txt")
    assert any("thay thế Quyết định số 1849/QĐ-UBND" in p.text and "ban hành Quy chế tiêu chí" in p.text
               for p in document.passages), [p.text for p in document.passages]
