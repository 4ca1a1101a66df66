"""Deadlines (dates and recurrences with who and to whom) and assignments (who, what, with whom, report to)
read from directives: knowledge.assignments and the deadline/assignment extraction of parse_text."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.assignments import find_tasks, report_to
from knowledge.base import KnowledgeBase
from knowledge.model import Deadline, Document, Recurrence
from knowledge.parsing import parse_text


def _with_due(samples: KnowledgeBase, due: date) -> list[Deadline]:
    return [deadline for deadline in samples.deadlines() if deadline.due == due]


@pytest.mark.parametrize(
    "due", [date(2021, 12, 31), date(2022, 9, 30), date(2022, 12, 31), date(2024, 9, 30), date(2024, 12, 31)]
)
def test_sample_deadlines_include(samples: KnowledgeBase, due: date) -> None:
    assert _with_due(samples, due)


def test_sample_quarterly_review_is_a_recurrence(samples: KnowledgeBase) -> None:
    quarterly = [d for d in samples.deadlines() if d.recurrence == Recurrence("quarter", 31)]
    assert len(quarterly) == 1
    assert quarterly[0].due is None
    assert quarterly[0].section == "III › 2"
    assert quarterly[0].text.startswith("Định kỳ hằng quý rà soát")
    assert quarterly[0].report_to == "Ban Thường vụ Thị ủy, Ban Chấp hành Đảng bộ thị xã"
    assert quarterly[0].to_json()["recurrence"] == {"every": "quarter", "day": 31}


def test_sample_deadline_who_and_report_to(samples: KnowledgeBase) -> None:
    by_section = {d.section: d for d in _with_due(samples, date(2021, 12, 31))}
    assert by_section["III › 2"].who == "UBND thị xã"
    assert "Giao UBND thị xã chỉ đạo xây dựng kế hoạch" in by_section["III › 2"].text
    assert by_section["III › 1"].report_to == "Thường trực Thị ủy"
    assert by_section["III › 1"].who is None
    assert by_section["III › 1"].document == "09-NQ/TU"


def test_dates_of_cited_documents_are_not_sample_deadlines(samples: KnowledgeBase) -> None:
    cited = {date(2021, 10, 16), date(2021, 10, 11), date(2021, 10, 18), date(2023, 11, 27), date(2023, 12, 18),
             date(2024, 1, 15), date(2024, 2, 20), date(2024, 1, 6), date(2021, 3, 23)}  # fmt: skip
    assert cited.isdisjoint({d.due for d in samples.deadlines()})


def test_deadline_json_contract(samples: KnowledgeBase) -> None:
    [deadline] = [d for d in _with_due(samples, date(2021, 12, 31)) if d.section == "III › 2"]
    assert deadline.to_json() == {
        "due": "2021-12-31",
        "recurrence": None,
        "text": deadline.text,
        "document": "09-NQ/TU",
        "section": "III › 2",
    }


def test_sample_assignments(samples: KnowledgeBase) -> None:
    found = {a.who: a for a in samples.assignments()}
    assert found["UBND thị xã"].what.startswith("chỉ đạo xây dựng kế hoạch tổ chức thực hiện")
    office = found["Văn phòng Thị ủy"]
    assert office.partners == "các Ban xây dựng Đảng, UBND thị xã"
    assert office.what.startswith("thường xuyên tổng hợp tình hình triển khai thực hiện Nghị quyết")
    assert office.report_to == "Ban Chấp hành, Ban Thường vụ và Thường trực Thị ủy"
    deputy = found["đồng chí Nguyễn Thị Ngọc Anh - Phó hiệu trưởng"]
    assert deputy.what == "phụ trách GVNV khối 3,4 tuổi"
    assert deputy.document == "001_f49b9b7055b64d3f"
    assert found["đồng chí Phương"].report_to == "UBND thị xã"


@pytest.mark.parametrize(
    ("sentence", "who", "partners", "what", "to"),
    [
        ("Giao UBND thị xã chỉ đạo xây dựng kế hoạch tổ chức thực hiện, hoàn thành trước ngày 31/12/2021.",
         "UBND thị xã", None, "chỉ đạo xây dựng kế hoạch tổ chức thực hiện, hoàn thành trước ngày 31/12/2021", None),
        ("Văn phòng Thị ủy chủ trì, phối hợp với các Ban xây dựng Đảng, UBND thị xã thường xuyên tổng hợp tình hình, "
         "định kỳ báo cáo Ban Thường vụ Thị ủy.", "Văn phòng Thị ủy", "các Ban xây dựng Đảng, UBND thị xã",
         "thường xuyên tổng hợp tình hình, định kỳ báo cáo Ban Thường vụ Thị ủy", "Ban Thường vụ Thị ủy"),
        ("Phòng Giáo dục và Đào tạo chủ trì, phối hợp với Phòng Tài chính - Kế hoạch rà soát cơ sở vật chất.",
         "Phòng Giáo dục và Đào tạo", "Phòng Tài chính - Kế hoạch", "rà soát cơ sở vật chất", None),
        ("Công an phường là cơ quan chủ trì, phối hợp với Ban Chỉ huy Quân sự phường triển khai kế hoạch.",
         "Công an phường", "Ban Chỉ huy Quân sự phường", "triển khai kế hoạch", None),
        ("Đối với GVNV khối 3,4 tuổi: Hiệu trưởng giao đồng chí Nguyễn Thị Ngọc Anh - Phó hiệu trưởng.",
         "đồng chí Nguyễn Thị Ngọc Anh - Phó hiệu trưởng", None, "phụ trách GVNV khối 3,4 tuổi", None),
        ("Hiệu trưởng giao đồng chí Phương tổng hợp, báo cáo các vấn đề phát sinh về UBND thị xã (qua Phòng Văn hóa "
         "và Thông tin) để tổng hợp.", "đồng chí Phương", None, "tổng hợp, báo cáo các vấn đề phát sinh về UBND thị "
         "xã (qua Phòng Văn hóa và Thông tin) để tổng hợp", "UBND thị xã"),
        ("Đồng chí Nguyễn Văn Bình - Phó Chủ tịch UBND phường phụ trách chỉ đạo công tác cứu hộ, cứu nạn.",
         "Đồng chí Nguyễn Văn Bình - Phó Chủ tịch UBND phường", None, "phụ trách chỉ đạo công tác cứu hộ, cứu nạn",
         None),
    ],
)  # fmt: skip
def test_find_tasks(sentence: str, who: str, partners: str | None, what: str, to: str | None) -> None:
    [task] = find_tasks(sentence, in_charge_section=False)
    assert (task.who, task.partners, task.what, task.report_to) == (who, partners, what, to)


def test_a_bare_subject_and_verb_is_a_task_only_in_an_implementation_section() -> None:
    sentence = "Ban Tuyên giáo Thị ủy xây dựng kế hoạch tuyên truyền, quán triệt Nghị quyết."
    assert find_tasks(sentence, in_charge_section=False) == []
    [task] = find_tasks(sentence, in_charge_section=True)
    assert (task.who, task.what) == ("Ban Tuyên giáo Thị ủy", "xây dựng kế hoạch tuyên truyền, quán triệt Nghị quyết")
    assert find_tasks("Tăng cường giáo dục chính trị tư tưởng cho cán bộ, đảng viên.", in_charge_section=True) == []


@pytest.mark.parametrize(
    ("sentence", "to"),
    [
        ("Thời gian hoàn thành và báo cáo Thường trực Thị ủy (qua Văn phòng Thị ủy) trước ngày 31/12/2021.",
         "Thường trực Thị ủy"),
        ("Định kỳ báo cáo Ban Chấp hành, Ban Thường vụ và Thường trực Thị ủy.",
         "Ban Chấp hành, Ban Thường vụ và Thường trực Thị ủy"),
        ("Gửi báo cáo về Phòng Giáo dục và Đào tạo.", "Phòng Giáo dục và Đào tạo"),
        ("Các chi bộ báo cáo kết quả về Đảng ủy phường trước ngày 20 hằng tháng.", "Đảng ủy phường"),
        ("Tăng cường công tác kiểm tra, giám sát.", None),
    ],
)  # fmt: skip
def test_report_to(sentence: str, to: str | None) -> None:
    assert report_to(sentence) == to


def test_report_to_at_the_start_of_a_sentence() -> None:
    assert report_to("Báo cáo kết quả thực hiện về UBND thị xã trước ngày 15/12.") == "UBND thị xã"


def test_whole_organisation_name_after_de_nghi_is_who() -> None:
    [task] = find_tasks(
        "Đề nghị Ủy ban MTTQ phường và các tổ chức chính trị - xã hội phối hợp tuyên truyền, vận động Nhân dân.",
        in_charge_section=False,
    )
    assert task.who == "Ủy ban MTTQ phường và các tổ chức chính trị - xã hội"
    assert task.what == "phối hợp tuyên truyền, vận động Nhân dân"


def test_partners_are_kept_when_giao_precedes_chu_tri() -> None:
    [task] = find_tasks(
        "Giao Công an phường chủ trì, phối hợp với Ban Chỉ huy Quân sự phường tổ chức diễn tập phương án cứu nạn.",
        in_charge_section=False,
    )
    assert task.who == "Công an phường"
    assert task.partners == "Ban Chỉ huy Quân sự phường"


PLAN = "\n\n\n".join(
    [
        "ỦY BAN NHÂN DÂN PHƯỜNG MẠO KHÊ",
        "Số: 20/KH-UBND",
        "Mạo Khê, ngày 10 tháng 01 năm 2025",
        "KẾ HOẠCH",
        "Phòng, chống thiên tai và tìm kiếm cứu nạn năm 2025",
        "Thực hiện chỉ đạo của UBND thị xã, Ủy ban nhân dân phường xây dựng Kế hoạch phòng, chống thiên tai và "
        "tìm kiếm cứu nạn năm 2025 như sau:",
        "I. TỔ CHỨC THỰC HIỆN",
        "1. Giao Công an phường chủ trì tổ chức diễn tập phương án cứu nạn, hoàn thành trong quý II.",
        "2. Văn phòng UBND phường tổng hợp, báo cáo UBND thị xã trước ngày 15/3.",
        "3. Phòng Văn hóa - Xã hội chủ trì, phối hợp với Trạm Y tế phường rà soát các hộ dân vùng trũng thấp; định "
        "kỳ hằng tháng, trước ngày 20 báo cáo kết quả về UBND phường.",
        "4. Các tổ dân phố định kỳ 6 tháng báo cáo kết quả về Văn phòng UBND phường.",
        "5. Các khu dân cư báo cáo kết quả thực hiện hằng năm trước ngày 15/12 về UBND phường.",
    ]
)


@pytest.fixture(scope="module")
def plan() -> Document:
    return parse_text(PLAN, "ke-hoach.txt")


def test_plan_deadlines_dates_recurrences_and_report_to(plan: Document) -> None:
    # quý II has no year: the plan's year (from its title and date) is used; 15/3 is read after the issue date.
    rows = [(d.section, d.due, d.recurrence, d.report_to) for d in plan.deadlines if d.section != "I › 5"]
    assert rows == [
        ("I › 1", date(2025, 6, 30), None, None),
        ("I › 2", date(2025, 3, 15), None, "UBND thị xã"),
        ("I › 3", None, Recurrence("month", 20), "UBND phường"),
        ("I › 4", None, Recurrence("year", 30, 6), "Văn phòng UBND phường"),
        ("I › 4", None, Recurrence("year", 31, 12), "Văn phòng UBND phường"),
    ]
    who = {d.section: d.who for d in plan.deadlines}
    assert (who["I › 1"], who["I › 3"], who["I › 4"]) == ("Công an phường", "Phòng Văn hóa - Xã hội", None)


def test_deadline_who_is_the_assignee_of_the_same_sentence_in_an_implementation_section(plan: Document) -> None:
    assignees = {a.passage: a.who for a in plan.assignments}
    for deadline in plan.deadlines:
        if deadline.passage in assignees:
            assert deadline.who == assignees[deadline.passage], deadline.section


def test_yearly_duty_is_a_recurrence_not_also_a_one_off_date(plan: Document) -> None:
    yearly = [(d.due, d.recurrence) for d in plan.deadlines if d.section == "I › 5"]
    assert yearly == [(None, Recurrence("year", 15, 12))]


def test_plan_assignments(plan: Document) -> None:
    rows = [(a.section, a.who, a.partners, a.report_to) for a in plan.assignments]
    assert rows == [
        ("I › 1", "Công an phường", None, None),
        ("I › 2", "Văn phòng UBND phường", None, "UBND thị xã"),
        ("I › 3", "Phòng Văn hóa - Xã hội", "Trạm Y tế phường", "UBND phường"),
    ]
    assert all("assignment" in plan.passages[a.passage].kinds for a in plan.assignments)
