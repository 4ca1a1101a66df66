"""Targets (knowledge.targets, knowledge.target_rows, through parse_text): numbered goals, sentences with a figure
and rows of target tables, read into a value, a unit, a comparator and a horizon year, with the category the
document's headings give ("Về kinh tế:", "Chỉ tiêu về xã hội", a table's group row)."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.base import KnowledgeBase
from knowledge.model import Document, Target
from knowledge.parsing import parse_text
from knowledge.target_rows import row_targets
from knowledge.targets import figures, has_figure, horizon_year, states_count


def _resolution(samples: KnowledgeBase) -> Document:
    document = samples.document("09-NQ/TU")
    assert document is not None
    return document


def _in(document: Document, section: str) -> list[Target]:
    return [target for target in document.targets if target.section == section]


def test_all_sixteen_numbered_targets_of_the_resolution_are_extracted(samples: KnowledgeBase) -> None:
    resolution = _resolution(samples)
    missing = [n for n in range(1, 17) if not _in(resolution, f"I › 2 › ({n})")]
    assert missing == []


@pytest.mark.parametrize(
    ("item", "value", "unit", "comparator", "words"),
    [
        (2, 3, "%", "≥", "tăng từ 3% trở lên"),
        (3, 13.5, "%", "≥", "từ 13,5% trở lên"),
        (3, 6800, "USD", "≥", "6.800 USD trở lên"),
        (6, 2, "xã", "≥", "ít nhất 02 xã"),
        (7, 9, "%", "≥", "tăng tối thiểu 9%"),
        (8, 50, "hộ", "=", "Giảm 50 hộ nghèo"),
        (9, 2520, "lao động", "≥", "2.520 lao động trở lên"),
        (10, 6.3, "%", "≤", "giảm xuống dưới 6,3%"),
        (11, 100, "%", "=", "cơ quan văn hóa đạt 100%"),
        (15, 180, "ha", "≥", "180 ha trở lên"),
    ],
)
def test_sample_target_value_unit_and_comparator(
    samples: KnowledgeBase, item: int, value: float, unit: str, comparator: str, words: str
) -> None:
    found = [t for t in _in(_resolution(samples), f"I › 2 › ({item})") if t.value == value]
    assert [(t.unit, t.comparator) for t in found] == [(unit, comparator)]
    assert words in found[0].text


@pytest.mark.parametrize(
    ("items", "category"),
    [(range(1, 3), "Xây dựng Đảng"), (range(3, 8), "Kinh tế"), (range(8, 13), "Xã hội"), (range(13, 17), "Môi trường")],
)
def test_sample_target_categories_follow_the_markers(samples: KnowledgeBase, items: range, category: str) -> None:
    resolution = _resolution(samples)
    for n in items:
        assert {t.category for t in _in(resolution, f"I › 2 › ({n})")} == {category}, n


def test_targets_can_be_filtered_by_category_without_tone_marks(samples: KnowledgeBase) -> None:
    economic = samples.targets("kinh te")
    assert economic and all(t.category == "Kinh tế" for t in economic)
    assert any(t.value == 13.5 for t in economic)
    assert not any(t.value == 6.3 for t in economic)


def test_years_and_ages_are_not_targets(samples: KnowledgeBase) -> None:
    every = samples.targets()
    assert not any(t.value in (2021, 2022, 2023, 2024, 2025) for t in every)
    assert not any(t.unit == "tuổi" for t in every)
    assert [t.value for t in _in(_resolution(samples), "I › 2 › (10)") if "5 tuổi" in t.text] == [6.3]


def test_a_clause_with_trong_do_is_its_own_target(samples: KnowledgeBase) -> None:
    first = _in(_resolution(samples), "I › 2 › (1)")
    assert ("Tỷ lệ tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ đạt 90%", 90.0) in [(t.text, t.value) for t in first]
    assert ("20% hoàn thành xuất sắc nhiệm vụ", 20.0) in [(t.text, t.value) for t in first]


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("Phấn đấu tốc độ tăng trưởng kinh tế từ 13,5% trở lên.", 13.5, "%", "≥"),
        ("Tổng sản phẩm bình quân đầu người đạt 6.800 USD trở lên.", 6800, "USD", "≥"),
        ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm xuống dưới 6,3%.", 6.3, "%", "≤"),
        ("Tỷ lệ cơ quan văn hóa đạt 100%.", 100, "%", "="),
        ("Thu tiền thuế, phí còn lại tăng tối thiểu 9%.", 9, "%", "≥"),
        ("Phấn đấu ít nhất 02 xã đạt chuẩn nông thôn mới kiểu mẫu.", 2, "xã", "≥"),
        ("Tổng thu ngân sách trên địa bàn đạt 42,5 tỷ đồng trở lên.", 42.5, "tỷ đồng", "≥"),
        ("Tỷ lệ hộ nghèo cuối năm giảm còn dưới 0,5%.", 0.5, "%", "≤"),
        ("Tỷ lệ nợ đọng thuế không quá 5%.", 5, "%", "≤"),
        ("Phấn đấu đón trên 650.000 lượt khách.", 650000, "lượt khách", "≥"),
        ("Thu nhập bình quân đầu người đạt 98 triệu đồng/người/năm.", 98, "triệu đồng", "="),
    ],
)
def test_figure_value_unit_and_comparator(text: str, value: float, unit: str, comparator: str) -> None:
    assert [(f.value, f.unit, f.comparator) for f in figures(text, numbered_goal=False)] == [(value, unit, comparator)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Tỷ lệ trường đạt chuẩn quốc gia không dưới 85%.", 85),
        ("Tỷ lệ giải quyết hồ sơ đúng hạn đạt không thấp hơn 90%.", 90),
    ],
)
def test_not_below_is_at_least(text: str, value: float) -> None:
    assert [(f.value, f.comparator) for f in figures(text, numbered_goal=False)] == [(value, "≥")]


@pytest.mark.parametrize(
    "text",
    [
        "Hoàn thành trong năm 2022.",
        "Tổ chức cho trẻ 5 tuổi làm quen với chữ cái.",
        "Trường có 25 lớp học với 700 học sinh.",
        "Nghị quyết Đại hội Đảng bộ thị xã lần thứ XXV, nhiệm kỳ 2020 - 2025.",
    ],
)
def test_sentences_without_a_goal_have_no_target(text: str) -> None:
    assert figures(text, numbered_goal=False) == []


def test_in_a_numbered_goal_every_figure_counts() -> None:
    assert figures("Tổ chức 4 buổi tuyên truyền lưu động.", numbered_goal=False) == []
    [figure] = figures("Tổ chức 4 buổi tuyên truyền lưu động.", numbered_goal=True)
    assert (figure.value, figure.unit, figure.comparator) == (4, "buổi", "=")
    assert figure.clause == "Tổ chức 4 buổi tuyên truyền lưu động"


def test_several_figures_in_one_sentence_each_cite_their_clause() -> None:
    text = "Giảm 50 hộ nghèo, 100 hộ cận nghèo; tỷ lệ lao động qua đào tạo đạt 86% trở lên."
    found = figures(text, numbered_goal=True)
    assert [(f.value, f.unit, f.comparator, f.clause) for f in found] == [
        (50, "hộ", "=", "Giảm 50 hộ nghèo, 100 hộ cận nghèo"),
        (100, "hộ", "=", "Giảm 50 hộ nghèo, 100 hộ cận nghèo"),
        (86, "%", "≥", "Tỷ lệ lao động qua đào tạo đạt 86% trở lên"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("đạt 86%", True), ("2.520 lao động", True), ("lần thứ IX", True), ("nhiệm kỳ 2020 - 2025", True),
     ("Tăng cường công tác tuyên truyền", False), ("năm 2024", False)],
)  # fmt: skip
def test_has_figure(text: str, expected: bool) -> None:
    assert has_figure(text) is expected


PLAN = "\n\n\n".join(
    [
        "ỦY BAN NHÂN DÂN PHƯỜNG HƯNG PHÚ",
        "Số: 15/KH-UBND",
        "KẾ HOẠCH",
        "Thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2025",
        "UBND phường Hưng Phú ban hành Kế hoạch thực hiện nhiệm vụ năm 2025 với các mục tiêu, chỉ tiêu, nhiệm vụ "
        "và giải pháp chủ yếu như sau:",
        "I. CHỈ TIÊU CHỦ YẾU NĂM 2025",
        "Về kinh tế:",
        "(1) Tổng thu ngân sách nhà nước trên địa bàn đạt 42,5 tỷ đồng trở lên.",
        "(2) Phát triển mới tối thiểu 30 doanh nghiệp.",
        "Về xã hội:",
        "(3) Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95,5% trở lên.",
        "(4) Tổ chức 12 buổi tuyên truyền pháp luật.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Giáo dục:",
        "Trường Tiểu học Hưng Phú hiện có 25 lớp học với 700 học sinh.",
        "Phấn đấu 100% trường học đạt chuẩn xanh - sạch - đẹp - an toàn.",
    ]
)


@pytest.fixture(scope="module")
def plan() -> Document:
    return parse_text(PLAN, "ke-hoach.txt")


def test_numbered_targets_of_a_plan(plan: Document) -> None:
    numbered = [(t.section, t.value, t.unit, t.comparator, t.category) for t in plan.targets if "(" in t.section]
    assert numbered == [
        ("I › (1)", 42.5, "tỷ đồng", "≥", "Kinh tế"),
        ("I › (2)", 30, "doanh nghiệp", "≥", "Kinh tế"),
        ("I › (3)", 95.5, "%", "≥", "Xã hội"),
        ("I › (4)", 12, "buổi", "=", "Xã hội"),
    ]


def test_plain_sentences_count_only_when_they_state_a_goal(plan: Document) -> None:
    outside = [(t.section, t.value, t.unit, t.category) for t in plan.targets if "(" not in t.section]
    assert outside == [("II › 1", 100, "%", "Giáo dục")]  # the heading "1. Giáo dục:" above it


def test_target_json_contract(plan: Document) -> None:
    data = plan.targets[0].to_json()
    assert data == {
        "text": "Tổng thu ngân sách nhà nước trên địa bàn đạt 42,5 tỷ đồng trở lên",
        "value": 42.5,
        "unit": "tỷ đồng",
        "comparator": "≥",
        "category": "Kinh tế",
        "year": 2025,  # "I. CHỈ TIÊU CHỦ YẾU NĂM 2025"
        "document": "15/KH-UBND",
        "section": "I › (1)",
    }
    assert "target" in plan.passages[plan.targets[0].passage].kinds


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator"),
    [
        ("Trên 80% các đơn vị được trang bị phương tiện kỹ thuật hiện đại.", 80, "%", "≥"),
        ("Giá trị xuất khẩu tăng bình quân 10 - 13%/năm.", 10, "%", "≥"),
        ("Phấn đấu giá trị hàng hóa xuất khẩu đạt 400 triệu USD.", 400, "triệu USD", "="),
        ("Dưới 5% hộ dân chưa được tiếp cận nước sạch.", 5, "%", "≤"),
    ],
)
def test_more_figures_of_goals(text: str, value: float, unit: str, comparator: str) -> None:
    assert [(f.value, f.unit, f.comparator) for f in figures(text, numbered_goal=False)] == [(value, unit, comparator)]


@pytest.mark.parametrize(
    "text",
    [
        "Thực hiện Nghị định số 150/2025/NĐ-CP ngày 12/6/2025 của Chính phủ, đạt hiệu quả.",
        "Phấn đấu ban hành 03 văn bản hướng dẫn trong năm 2025.",
        "Liên hệ đồng chí Lộc, điện thoại 0979730677, để được hướng dẫn đạt yêu cầu.",
        "Hoàn thành trước ngày 15/12/2025 theo Điều 5 Quy định.",
        "Phấn đấu đến năm 2030.",
    ],
)
def test_citations_counts_of_documents_phones_dates_and_sections_are_not_targets(text: str) -> None:
    assert figures(text, numbered_goal=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "Sản lượng thủy sản 6 tháng đầu năm 2025 ước đạt 574.341 tấn, đạt 45,2% kế hoạch, tăng 4,9% so cùng kỳ.",
        "Thu hút vốn đầu tư FDI đạt 1.219 triệu USD, tăng 84% so với cùng kỳ.",
        "Dân số trên 176.000 người được tính 30 điểm.",
        "Có tổng số điểm trên 80 điểm đến 90 điểm thì xếp loại tốt.",
        "Bản đồ tỷ lệ 1:5.000 khu vực ô nhiễm đạt yêu cầu.",
        "Năng lực của 30 cán bộ, 20 đơn vị được đánh giá theo quy định.",
    ],
)
def test_results_scores_ratios_and_compound_words_are_not_targets(text: str) -> None:
    assert figures(text, numbered_goal=False) == []


def test_a_unit_that_begins_another_word_is_not_a_unit() -> None:
    assert figures("Phấn đấu 15 khu vực đạt chuẩn, 20 con người được đào tạo.", numbered_goal=False) == []
    assert [(f.value, f.unit) for f in figures("Phấn đấu 15 khu dân cư đạt chuẩn.", numbered_goal=False)] == [
        (15, "khu dân cư")]


def test_each_figure_takes_the_horizon_written_nearest_to_it() -> None:
    text = "Phấn đấu đạt 20% xã không ma túy năm 2025, bảo đảm đến hết năm 2030 đạt 50% xã, phường không ma túy."
    assert [(f.value, f.year) for f in figures(text, numbered_goal=False)] == [(20, 2025), (50, 2030)]


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (("Phấn đấu đến năm 2030 có ít nhất 50% xã đạt chuẩn.",), 2030),
        (("Tăng 10% so với năm 2020.", "Chỉ tiêu chủ yếu năm 2026"), 2026),
        (("Đạt 90%.", "Kế hoạch giai đoạn 2026 - 2030"), 2030),
        (("Đạt 90% vào năm 2020.",), None),  # before the document: a baseline, not a horizon
        (("Đạt 90%.",), None),
    ],
)
def test_horizon_year(texts: tuple[str, ...], year: int | None) -> None:
    assert horizon_year(*texts, issued=date(2025, 11, 20)) == year


def test_a_target_table_row_gives_the_figure_of_its_furthest_planned_year() -> None:
    row = ("Cây công nghiệp — Cà Phê — Chỉ tiêu: Diện tích; ĐVT: Ha; ƯTH Năm 2025: 26.120; Năm 2026: 27.000; "
           "Năm 2030: 30.000")
    assert row_targets(row, date(2025, 11, 20)) == [
        ("Cây công nghiệp — Cà Phê — Diện tích (Ha) — năm 2030: 30.000", 30000, "ha", 2030, "Cây công nghiệp")
    ]
    row = "Sản phẩm: Xoài; Kế hoạch 2029 Lượng (Tấn): 17.000; Kế hoạch 2030 Lượng (Tấn): 18.000"
    assert [(value, unit, year) for _, value, unit, year, _ in row_targets(row, None)] == [(18000, "Tấn".lower(), 2030)]


@pytest.mark.parametrize(
    "row",
    [
        "Chỉ tiêu: Số hộ nghèo; ĐVT: Hộ; Thực hiện năm 2024: 120; Ước thực hiện năm 2025: 95",
        "Chỉ tiêu: Số hộ nghèo; ĐVT: Hộ; Năm 2023: 150; Năm 2024: 120",
        "Nội dung: Quan trắc môi trường; Kinh phí năm 2026 (triệu đồng): 1.500",
        "Họ và tên: Nguyễn Văn A; Điện thoại: 0912345678",
    ],
)
def test_rows_of_past_figures_budgets_and_contacts_are_not_targets(row: str) -> None:
    assert row_targets(row, date(2025, 11, 20)) == []


SOCIAL = "\n\n".join(
    [
        "ỦY BAN NHÂN DÂN XÃ AN PHÚ",
        "Số: 46/KH-UBND",
        "An Phú, ngày 12 tháng 11 năm 2025",
        "KẾ HOẠCH",
        "Phát triển kinh tế - xã hội giai đoạn 2026 - 2030",
        "I. CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030",
        "1. Chỉ tiêu về xã hội",
        "Tỷ lệ hộ nghèo giảm còn dưới 1%.",
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%, so với năm 2020 tăng 10%.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Sở Y tế",
        "Phấn đấu 100% trạm y tế đạt chuẩn quốc gia vào năm 2028.",
        "2. Thời gian thực hiện",
        "Năm 2026 tổ chức 02 hội nghị sơ kết theo Quyết định số 150/2025/QĐ-UBND.",
    ]
)


def test_targets_carry_the_category_of_their_heading_and_their_horizon() -> None:
    document = parse_text(SOCIAL, "ke-hoach.txt")
    rows = [(t.value, t.unit, t.comparator, t.category, t.year) for t in document.targets]
    assert rows == [
        (1, "%", "≤", "Xã hội", 2030),
        (95, "%", "=", "Xã hội", 2030),
        (10, "%", "=", "Xã hội", 2030),
        (100, "%", "=", "Nhiệm vụ, giải pháp", 2028),  # the heading that names a body is not a category
    ]
    assert document.targets[0].to_json()["year"] == 2030


@pytest.mark.parametrize(("text", "counts"), [
    ("Đầu tư mới trạm 5G: 35 trạm (Trong đó: MobiFone: 09 trạm)", True),
    ("Mỗi xã, phường chọn 02 trường hợp (tập thể hoặc cá nhân)", True),
    ("Tổ chức ít nhất một sự kiện văn hóa trong 70 ngày thi đua", True),
    ("Báo cáo trước ngày 15 tháng 11 năm 2025", False),
    ("Thực hiện theo Điều 8, Điều 9 của Quy định", False),
    ("Căn cứ Nghị quyết số 57 của Bộ Chính trị", False),
])  # fmt: skip
def test_a_count_of_anything_is_a_figure_a_date_or_an_articles_number_is_not(text: str, counts: bool) -> None:
    assert states_count(text) is counts


@pytest.mark.parametrize(
    "text",
    [
        "5; Diện tích mất trắng (bị thiệt hại từ 70% sản lượng trở lên); 03",  # a blank form's row defines a term
        "Hộ nghèo (thu nhập bình quân dưới 1,5 triệu đồng) được hỗ trợ tiền điện.",
        "UBND Thành phố Đà Nẵng rà soát, báo cáo có 215 dự án, cơ sở nhà đất có tình huống pháp lý tương tự.",
    ],
)
def test_a_definition_in_brackets_or_the_land_of_nha_dat_states_no_goal(text: str) -> None:
    assert figures(text, numbered_goal=False) == []


def test_a_goal_in_brackets_is_still_a_goal() -> None:
    [figure] = figures("Tỷ lệ trẻ em được tiêm chủng (phấn đấu đạt 98% trở lên).", numbered_goal=False)
    assert (figure.value, figure.comparator) == (98, "≥")


def test_a_definition_in_brackets_is_no_target_in_a_list_of_targets_either() -> None:
    text = "Diện tích lúa mất trắng (bị thiệt hại từ 70% sản lượng trở lên) giảm còn 500 ha"
    assert [(f.value, f.unit) for f in figures(text, numbered_goal=True)] == [(500, "ha")]


def test_a_part_in_brackets_of_a_listed_target_is_still_a_target() -> None:
    text = "Tốc độ tăng trưởng kinh tế 8% (trong đó nông nghiệp 3%)"
    assert [f.value for f in figures(text, numbered_goal=True)] == [8, 3]
