"""Buttons of alternative answers tell apart on a phone: three choices under one lead showed the same label, a table
row spent half its label on the column header, another document's long title left no room for the choice."""

from __future__ import annotations

from handlers import wording
from knowledge.answering import Candidate, Source

PLAN = Source("12/KH-UBND", "Kế hoạch 12/KH-UBND", "III › 2")
LEAD = "Giao Đảng ủy Quốc hội chủ trì, phối hợp với Đảng ủy Chính phủ và các cơ quan liên quan: - "


def candidate(text: str, source: Source = PLAN) -> Candidate:
    return Candidate(text, 0.6, source)


def test_three_choices_under_one_lead_showed_the_same_label() -> None:
    best = candidate(LEAD + "Tập trung lãnh đạo, chỉ đạo thực hiện tốt việc lấy ý kiến nhân dân.")
    others = [candidate(LEAD + text) for text in ("Bảo đảm tiến độ sửa đổi Hiến pháp.",
                                                  "Chỉ đạo tổng kết công tác nhiệm kỳ.",
                                                  "Bảo đảm kinh phí cho các hoạt động.")]
    labels = wording.choice_labels(others, best)
    assert len(set(labels)) == 3
    assert labels[0].startswith("Bảo đảm tiến độ sửa đổi Hiến pháp")


def test_a_table_row_label_spent_half_on_the_column_header() -> None:
    row = "Nội dung/nhiệm vụ: Tổ chức điều chỉnh, bổ sung quy hoạch; Cơ quan chủ trì: Sở Xây dựng; Thời gian: 2026"
    [label] = wording.choice_labels([candidate(row)], candidate("Mục tiêu đến năm 2026: 100% khu công nghiệp có 5G."))
    assert label.startswith("Tổ chức điều chỉnh, bổ sung quy hoạch")


def test_choices_that_begin_alike_show_where_they_differ() -> None:
    start = "Các cơ sở giáo dục trực thuộc Sở tổ chức thực hiện công tác thư viện theo hướng dẫn, trong đó "
    others = [candidate(start + "xây dựng kế hoạch năm học."), candidate(start + "tự đánh giá cuối năm học.")]
    labels = wording.choice_labels(others, candidate("Sở hướng dẫn công tác thư viện."))
    assert len(set(labels)) == 2
    assert all(len(label) <= 60 for label in labels)
    assert "kế hoạch năm học" in labels[0] and "tự đánh giá" in labels[1]


def test_another_documents_long_title_left_no_room_for_the_choice() -> None:
    article = Source("a1b2c3", "Hướng dẫn theo đó, Công văn 3905/SGDĐT-CTTTHSSV năm 2025 hướng dẫn tổ chức công tác "
                               "thư viện trường học", "(3)")
    [label] = wording.choice_labels([candidate("Báo cáo kết quả về Sở trước 31/5/2026.", article)],
                                    candidate("Báo cáo UBND Thành phố trước 30/11 hằng năm."))
    assert "Báo cáo kết quả về Sở" in label and len(label) <= 60
    [numbered] = wording.choice_labels([candidate("Báo cáo kết quả.", Source("9/KH", "Kế hoạch 9/KH", "I"))],
                                       candidate("Khác."))
    assert numbered == "Kế hoạch 9/KH: Báo cáo kết quả."  # a short name is kept whole


def test_a_choice_whose_lead_differs_from_the_answer_keeps_it() -> None:
    best = candidate("Các cơ sở giáo dục trực thuộc Sở: Xây dựng kế hoạch công tác thư viện.")
    other = candidate("Phòng Văn hóa - Xã hội các phường, xã: Hướng dẫn các cơ sở giáo dục.")
    assert wording.choice_labels([other], best)[0].startswith("Phòng Văn hóa - Xã hội các phường, xã:")
