"""Lists asked for as a whole: an introduction ending in a colon and its numbered items, however long they are."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.parsing import parse_text

INTRO = ("Để tiếp tục tháo gỡ các khó khăn, vướng mắc trong phát triển kinh tế - xã hội, giải ngân vốn đầu tư công và "
         "thực hiện chính quyền địa phương 02 cấp, đạt được mục tiêu tăng trưởng kinh tế 8% trong năm 2025, Ủy ban "
         "nhân dân xã cần tiếp tục thực hiện quyết liệt, đồng bộ, hiệu quả các chủ trương của Đảng, chính sách, pháp "
         "luật của Nhà nước và văn bản chỉ đạo của cấp trên, trong đó tập trung một số nội dung trọng tâm sau:")
TASKS = [
    "Rà soát các chỉ tiêu phát triển kinh tế - xã hội đã được Hội đồng nhân dân xã giao từ đầu năm, phấn đấu hoàn "
    "thành cao nhất tất cả các chỉ tiêu được giao; xây dựng kịch bản tăng trưởng từ nay đến hết năm 2025.",
    "Đẩy mạnh giải ngân vốn đầu tư công, phân công cụ thể cho từng đồng chí lãnh đạo xã trực tiếp chỉ đạo, theo "
    "dõi, đôn đốc từng dự án, quyết tâm giải ngân 100% kế hoạch vốn năm 2025 được giao.",
    "Tập trung vận hành chính quyền địa phương 02 cấp bảo đảm thông suốt, hiệu quả, không gián đoạn, không ảnh "
    "hưởng đến hoạt động của người dân và doanh nghiệp trên địa bàn xã.",
    "Tiếp tục cải thiện môi trường đầu tư kinh doanh, đẩy mạnh cải cách hành chính, chuyển đổi số, xây dựng chính "
    "quyền số, phát triển kinh tế số, xã hội số trên địa bàn.",
]
NOTICE = "\n\n".join([
    "II. MỘT SỐ NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI", INTRO,
    *(f"{number}. {task}" for number, task in enumerate(TASKS, start=1)),
    "III. TỔ CHỨC THỰC HIỆN", "Văn phòng HĐND và UBND xã theo dõi, đôn đốc thực hiện.",
])  # fmt: skip


def test_a_list_of_long_numbered_items_is_shown_by_the_start_of_every_item() -> None:
    answer = KnowledgeBase.from_documents([parse_text(NOTICE, "tb.txt")]).ask(
        "nhiem vu giai phap trong thoi gian toi gom nhung gi")
    assert answer.found and answer.best is not None
    shown = answer.best.answer
    assert len(shown) <= 600
    for start in ("1) Rà soát các chỉ tiêu", "2) Đẩy mạnh giải ngân", "3) Tập trung vận hành", "4) Tiếp tục cải thiện"):
        assert start in shown, shown
    assert shown.startswith("Một số nhiệm vụ, giải pháp trong thời gian tới: …")


def test_an_introduction_asked_for_itself_is_shown_whole_not_cut_for_its_items() -> None:
    answer = KnowledgeBase.from_documents([parse_text(NOTICE, "tb.txt")]).ask(
        "muc tieu tang truong kinh te nam 2025 la bao nhieu")
    assert answer.found and answer.best is not None and "8%" in answer.best.answer


def test_items_numbered_1_with_a_full_stop_after_the_bracket_are_items_not_a_lone_full_stop() -> None:
    report = "\n\n".join([
        "3. Chế độ báo cáo", "Các xã báo cáo số liệu đấu thầu hằng tháng, bao gồm:",
        "(1). Tổng số gói thầu theo kế hoạch được duyệt;", "(2). Tổng giá trị trúng thầu trong kỳ báo cáo;",
        "(3). Tỷ lệ tiết kiệm trong đấu thầu.",
    ])  # fmt: skip
    document = parse_text(report, "cv.txt")
    assert not [p for p in document.passages if p.text.strip(" .") == ""]
    answer = KnowledgeBase.from_documents([document]).ask("bao cao hang thang gom nhung so lieu gi")
    assert answer.found and answer.best is not None
    assert "(1) Tổng số gói thầu" in answer.best.answer and "(3) Tỷ lệ tiết kiệm" in answer.best.answer, answer


FEES = "\n".join([
    "PHỤ LỤC", "",
    "| STT | Tên đơn vị | Mức học phí năm học 2025-2026 |",
    "| 1 | Trường Tiểu học Hoa Sen | |",
    "| 1.1 | Khối 1 | 3.700.000 |",
    "| 1.2 | Khối 2 | 3.500.000 |",
    "| 1.3 | Khối 3 | 3.300.000 |",
    "| 2 | Trường Tiểu học Ánh Dương | |",
    "| 2.1 | Khối 1 | 2.900.000 |",
    "| 2.2 | Khối 2 | 2.800.000 |",
])  # fmt: skip


def test_a_table_group_asked_by_its_name_is_shown_with_every_row_and_one_row_asked_alone() -> None:
    kb = KnowledgeBase.from_documents([parse_text(FEES, "nq.txt")])
    school = kb.ask("hoc phi truong tieu hoc Hoa Sen bao nhieu")
    assert school.best is not None
    assert "Trường Tiểu học Hoa Sen (Tên đơn vị — Mức học phí năm học 2025-2026): Khối 1 — 3.700.000; Khối 2 — " \
           "3.500.000; Khối 3 — 3.300.000" in school.best.answer, school
    grade = kb.ask("khoi 2 truong tieu hoc Hoa Sen hoc phi bao nhieu")
    assert grade.best is not None and grade.best.answer.endswith("Tên đơn vị: Khối 2; Mức học phí năm học 2025-2026: "
                                                                 "3.500.000"), grade
