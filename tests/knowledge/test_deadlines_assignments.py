"""Deadlines (dates and recurrences with who and to whom) and assignments (who, what, with whom, report to)
read from directives: knowledge.assignments and the deadline/assignment extraction of parse_text."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.assignments import find_tasks, names_a_body, report_to
from knowledge.base import KnowledgeBase
from knowledge.deadlines import newest_citation, plan_year
from knowledge.model import Deadline, Document, Recurrence
from knowledge.parsing import parse_text


def _with_due(samples: KnowledgeBase, due: date) -> list[Deadline]:
    return [deadline for deadline in samples.deadlines() if deadline.due == due]


@pytest.mark.parametrize(
    "due", [date(2021, 12, 31), date(2022, 9, 30), date(2022, 12, 31), date(2024, 9, 30), date(2024, 12, 31)]
)
def test_sample_deadlines_include(samples: KnowledgeBase, due: date) -> None:
    assert _with_due(samples, due)


def test_sample_quarterly_review_is_a_recurrence_without_a_day(samples: KnowledgeBase) -> None:
    quarterly = [d for d in samples.deadlines() if d.recurrence == Recurrence("quarter")]
    assert len(quarterly) == 1
    assert quarterly[0].due is None
    assert quarterly[0].section == "III › 2"
    assert quarterly[0].text.startswith("Định kỳ hằng quý rà soát")
    assert quarterly[0].report_to == "Ban Thường vụ Thị ủy, Ban Chấp hành Đảng bộ thị xã"
    assert quarterly[0].to_json()["recurrence"] == {"every": "quarter", "day": None}


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
    assert deputy.document == next(d.info.key for d in samples.documents if d.info.number is None)
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


def test_report_to_names_where_a_report_is_sent_and_stops_before_its_subject() -> None:
    assert report_to("Kết quả các hoạt động gửi về Vụ Đào tạo, trước ngày 31/12/2025.") == "Vụ Đào tạo"
    assert report_to("Thành viên báo cáo Ban Chỉ đạo về tiến độ thực hiện.") == "Ban Chỉ đạo"
    assert report_to("Xử lý kiến nghị theo Báo cáo số 565-BC/BTCTW của Ban Tổ chức Trung ương.") is None
    assert report_to("Các xã gửi Sở Công Thương tổng hợp báo cáo UBND tỉnh.") == "Sở Công Thương"


@pytest.mark.parametrize(
    ("name", "body"),
    [("Sở Y tế", True), ("UBND thị xã", True), ("Công an xã", True), ("Tổ chức thực hiện", False),
     ("Tổ chức đánh giá kết quả", False), ("Ban hành", False), ("Các chi bộ trực thuộc", True), ("Cơ quan", False),
     ("Các đơn vị", True)],
)
def test_names_a_body(name: str, body: bool) -> None:
    assert names_a_body(name) is body


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
        ("I › 4", None, Recurrence("year", None, 6), "Văn phòng UBND phường"),
        ("I › 4", None, Recurrence("year", None, 12), "Văn phòng UBND phường"),
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


def _document(*paragraphs: str) -> Document:
    return parse_text("\n\n".join(paragraphs), "van-ban.txt")


HEAD = ("ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Số: 45/KH-UBND", "An Phú, ngày 10 tháng 11 năm 2025", "KẾ HOẠCH",
        "Triển khai công tác chuyển đổi số năm 2026")


@pytest.fixture(scope="module")
def digital() -> Document:
    return _document(
        *HEAD,
        "Thực hiện Kế hoạch số 120/KH-UBND ngày 08/9/2025 của UBND huyện về chuyển đổi số đến năm 2030, "
        "Ủy ban nhân dân xã ban hành Kế hoạch như sau:",
        "I. MỤC TIÊU",
        "Phấn đấu đến năm 2030 có 80% hộ gia đình sử dụng dịch vụ công trực tuyến.",
        "Đến hết năm 2026, tỷ lệ hồ sơ trực tuyến đạt ít nhất 70%.",
        "Giai đoạn 2026-2030, tầm nhìn đến năm 2045, xã trở thành xã số vào năm 2035.",
        "II. NHIỆM VỤ",
        "1. Tổ chức Hội nghị triển khai Kế hoạch vào ngày 20/11/2025 tại hội trường xã.",
        "2. Đoàn công tác của huyện đến thăm và làm việc tại xã vào ngày 25/11/2025.",
        "3. Các thôn rà soát danh sách hộ dân, hoàn thành trong tháng 12/2025.",
        "4. Văn phòng UBND xã tổng hợp kết quả rà soát, báo cáo UBND huyện trước ngày 15/01.",
        "5. Năm 2024, toàn xã đã hoàn thành 95% hồ sơ trước ngày 31/12/2024.",
        "6. Bảng số liệu: năm 2024 có 1.200 hồ sơ đến ngày 30/6/2024.",
        "III. THỜI GIAN THỰC HIỆN",
        "Từ nay đến hết năm 2026.",
    )


def test_only_duties_with_a_time_are_deadlines(digital: Document) -> None:
    # Not deadlines: the goal horizons (2030, 2026, 2035), the cited plan's date, the conference and the visit,
    # the past year's figures. The year-less 15/01 is the first one after the plan was signed.
    assert [d.due for d in digital.deadlines] == [date(2025, 12, 31), date(2026, 1, 15), date(2026, 12, 31)]
    assert all(d.recurrence is None for d in digital.deadlines)


def test_a_deadline_keeps_who_reports_to_whom(digital: Document) -> None:
    [report] = [d for d in digital.deadlines if d.due == date(2026, 1, 15)]
    assert report.report_to == "UBND huyện"
    assert "deadline" in digital.passages[report.passage].kinds


@pytest.fixture(scope="module")
def duties() -> Document:
    return _document(
        *HEAD,
        "I. TỔ CHỨC THỰC HIỆN",
        "1. Công an xã",
        "Báo cáo tình hình an ninh mạng hằng tuần vào thứ Sáu về Văn phòng UBND xã.",
        "2. Các thôn",
        "Định kỳ hằng tháng báo cáo kết quả thực hiện về UBND xã.",
        "Định kỳ 6 tháng, các chi hội báo cáo kết quả về thôn.",
        "3. Văn phòng UBND xã",
        "Định kỳ hằng quý tổng hợp, báo cáo UBND huyện.",
        "Báo cáo tổng kết công tác chuyển đổi số trước ngày 15/12 hàng năm.",
        "Ngày 20/11 hằng năm tổ chức tổng kết phong trào thi đua, báo cáo UBND huyện.",
        "Các đơn vị báo cáo kết quả trước ngày 15 hằng tháng.",
        "4. Các trường học",
        "Định kỳ hàng tháng (trước ngày 16 hàng tháng), 6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11 "
        "hàng năm) hoặc khi có yêu cầu báo cáo tình hình thực hiện, gửi Văn phòng UBND xã tổng hợp.",
    )


def test_recurring_duties_with_their_periods_and_days(duties: Document) -> None:
    rows = [(d.section, d.due, d.recurrence) for d in duties.deadlines]
    assert rows == [
        ("I › 1", None, Recurrence("week", None, None, 4)),
        ("I › 2", None, Recurrence("month")),
        ("I › 2", None, Recurrence("year", None, 6)),
        ("I › 2", None, Recurrence("year", None, 12)),
        ("I › 3", None, Recurrence("quarter")),
        ("I › 3", None, Recurrence("year", 15, 12)),
        ("I › 3", None, Recurrence("year", 20, 11)),
        ("I › 3", None, Recurrence("month", 15)),
        ("I › 4", None, Recurrence("month", 16)),
        ("I › 4", None, Recurrence("year", 16, 6)),
        ("I › 4", None, Recurrence("year", 20, 11)),
    ]


def test_recurring_json_says_no_day_as_null(duties: Document) -> None:
    recurrences = [d.to_json()["recurrence"] for d in duties.deadlines]
    assert recurrences[0] == {"every": "week", "day": None, "weekday": 4}
    assert recurrences[1] == {"every": "month", "day": None}
    assert {"every": "year", "day": 20, "month": 11} in recurrences


def test_who_of_a_deadline_comes_from_the_heading_that_names_a_body(duties: Document) -> None:
    who = {d.recurrence: d.who for d in duties.deadlines}
    assert who[Recurrence("week", None, None, 4)] == "Công an xã"
    assert who[Recurrence("quarter")] == "Văn phòng UBND xã"
    assert who[Recurrence("month", 15)] == "Các đơn vị"  # the sentence names its own subject
    weekly = duties.deadlines[0]
    assert weekly.report_to == "Văn phòng UBND xã"


def test_a_date_before_the_document_was_signed_is_not_its_deadline() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", "Các thôn nộp báo cáo trước ngày 30/10/2025.",
                         "Các thôn nộp báo cáo trước ngày 30/11/2025.")
    assert [d.due for d in document.deadlines] == [date(2025, 11, 30)]


def test_a_stretch_of_months_without_a_year_is_a_season_not_a_deadline() -> None:
    document = _document(*HEAD, "I. THỜI GIAN THỰC HIỆN", "Quan trắc môi trường nước từ tháng 3 đến tháng 10.",
                         "Tổ chức phong trào thi đua từ tháng 12 năm 2025 đến hết tháng 3 năm 2026.")
    assert [d.due for d in document.deadlines] == [date(2026, 3, 31)]


def test_a_step_of_the_documents_own_timetable_signed_late_is_still_its_deadline() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", "1. Rà soát tài sản", "Thời gian hoàn thành: Trước ngày 05/11/2025.",
                         "2. Các thôn đã hoàn thành kiểm kê trước ngày 05/11/2025 theo chỉ đạo của huyện.")
    assert [(d.section, d.due) for d in document.deadlines] == [("I › 1", date(2025, 11, 5))]


def test_a_period_that_opens_the_sentence_governs_a_report_in_a_later_clause() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ",
                         "Hằng năm, tổ chức kiểm tra, đánh giá tình hình thực hiện Chương trình trên địa bàn; tổ chức "
                         "sơ kết theo hướng dẫn của Sở để tổng hợp, báo cáo UBND huyện.")
    assert [d.recurrence for d in document.deadlines] == [Recurrence("year")]


def test_a_timetable_row_names_its_lead_body_and_a_period_after_completion_is_no_deadline() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian hoàn thành |",
        "| 1 | Xây dựng bộ tiêu chí chuyển đổi số | Văn phòng UBND xã | Quý IV/2025 |",
        "Các thôn hoàn thành rà soát trong tháng 12 năm 2025, triển khai thực hiện trong năm 2026.",
    )
    rows = [(d.due, d.who) for d in document.deadlines]
    assert rows == [(date(2025, 12, 31), "Văn phòng UBND xã"), (date(2025, 12, 31), None)]


def test_a_past_step_that_recounts_another_documents_task_is_not_a_deadline() -> None:
    document = _document(
        *HEAD, "PHỤ LỤC", "| Nhiệm vụ | Văn bản giao nhiệm vụ | Thời hạn hoàn thành | Kết quả thực hiện |",
        "| Xây dựng cơ sở dữ liệu | Thông báo số 46-TB/UBND ngày 30/9/2025 | 31/10/2025 | Đang thực hiện |",
    )
    assert document.deadlines == []


def test_a_duty_restated_with_its_day_is_one_duty() -> None:
    document = _document(*HEAD, "I. TỔ CHỨC THỰC HIỆN", "1. Văn phòng UBND xã",
                         "Định kỳ hằng năm, báo cáo UBND huyện kết quả thực hiện.",
                         "Văn phòng UBND xã tổng hợp, báo cáo UBND huyện trước ngày 30/11 hằng năm.")
    assert [d.recurrence for d in document.deadlines] == [Recurrence("year", 30, 11)]


def test_an_undated_document_is_no_older_than_what_it_cites() -> None:
    document = _document(
        "QUY ĐỊNH", "Về chế độ bảo hiểm xã hội", "Căn cứ Nghị định số 158/2025/NĐ-CP ngày 25/6/2025 của Chính phủ;",
        "Điều 1. Chuyển tiếp",
        "Người lao động đã nghỉ việc hoặc có thời gian công tác trước ngày 01 tháng 01 năm 1995 được tính như sau.",
        "Cơ quan bảo hiểm xã hội báo cáo kết quả trước ngày 31/12/2025.",
    )
    assert newest_citation(document) == date(2025, 6, 25)
    assert [d.due for d in document.deadlines] == [date(2025, 12, 31)]


def test_a_row_of_spending_norms_sets_no_recurring_duty() -> None:
    norms = _document(*HEAD, "PHỤ LỤC", "| Nội dung | Mức chi |", "| Báo cáo định kỳ hằng năm | 5.000.000 đồng |",
                      "| Báo cáo sơ kết hằng quý | 3.000.000 đồng |")
    assert norms.deadlines == []
    duty = _document(*HEAD, "I. NHIỆM VỤ", "Các thôn báo cáo định kỳ hằng năm về UBND xã.")
    assert [d.recurrence for d in duty.deadlines] == [Recurrence("year")]


def test_conditions_of_a_rule_and_events_are_not_deadlines() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "Đối với hồ sơ phát sinh trước ngày 01/01/2026 thì việc thu phí thực hiện theo quy định cũ.",
        "Sở Tư pháp xây dựng hướng dẫn khi Luật được thông qua vào tháng 12/2025.",
        "Thời gian ủy quyền: Kể từ ngày Quyết định được ban hành đến hết ngày 28/02/2027.",
    )
    assert document.deadlines == []


def test_a_plans_year_comes_from_its_title_not_from_a_horizon() -> None:
    assert plan_year("Kế hoạch thực hiện nhiệm vụ năm 2026", date(2025, 11, 20)) == 2026
    assert plan_year("Chương trình phòng, chống ma túy đến năm 2030", date(2025, 11, 20)) == 2025
    assert plan_year("Tầm nhìn đến năm 2045", None) is None


def test_a_month_without_year_takes_the_plan_year() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", "Các thôn hoàn thành rà soát trong tháng 3.")
    assert [d.due for d in document.deadlines] == [date(2026, 3, 31)]


def test_a_sentence_that_cites_a_document_keeps_the_deadline_set_after_the_citation() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "Thực hiện Công văn số 15/UBND-VP ngày 01/11/2025 của UBND huyện về báo cáo trong tháng 11/2025, "
        "đề nghị các thôn gửi báo cáo về Văn phòng trước ngày 20/11/2025.",
        "Căn cứ Quyết định số 03/QĐ-UBND ban hành Chương trình công tác từ nay đến cuối năm 2025.",
    )
    assert [d.due for d in document.deadlines] == [date(2025, 11, 20)]


def test_completion_within_a_quarter_written_after_the_duty_is_its_deadline() -> None:
    text = "\n".join([
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 6278/BVHTTDL-VP", "Hà Nội, ngày 20 tháng 11 năm 2025", "",
        "1. Cục Mỹ thuật", "", "Khẩn trương hoàn thiện sửa đổi Nghị định về hoạt động mỹ thuật.",
        "Đảm bảo hoàn thành trong quý I/2026.", "",
    ])  # fmt: skip
    assert date(2026, 3, 31) in [deadline.due for deadline in parse_text(text, "cv.txt").deadlines]


def test_a_target_within_a_quarter_is_its_horizon_not_a_deadline() -> None:
    text = "\n".join([
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Số: 6278/BVHTTDL-VP", "Hà Nội, ngày 20 tháng 11 năm 2025", "",
        "1. Cục Du lịch", "", "Phấn đấu trong quý II/2026 đạt 50% thủ tục trực tuyến toàn trình.", "",
        "2. Cục Điện ảnh", "", "Hoàn thành số hóa hồ sơ và báo cáo kết quả trong quý II/2026.", "",
    ])  # fmt: skip
    deadlines = parse_text(text, "cv.txt").deadlines
    assert [deadline.due for deadline in deadlines if "Phấn đấu" in deadline.text] == []
    assert date(2026, 6, 30) in [deadline.due for deadline in deadlines if "số hóa" in deadline.text]



def test_a_yearly_period_that_opens_a_long_sentence_reaches_the_day_at_its_end() -> None:
    document = _document(
        *HEAD, "Điều 5. Thời gian đánh giá",
        "a) Hằng năm, các cơ quan, đơn vị cấp xã và các thôn, tổ dân phố xây dựng báo cáo, tiến hành tự chấm điểm, tự "
        "đánh giá xếp loại công tác dân vận tại cơ quan, đơn vị mình và gửi báo cáo về Văn phòng UBND xã từ ngày 10 "
        "đến ngày 15 tháng 12;",
    )
    assert [d.recurrence for d in document.deadlines] == [Recurrence("year", 15, 12)]


def test_a_quarter_of_the_following_year_is_a_yearly_duty_not_one_date() -> None:
    document = _document(
        *HEAD, "Điều 5. Thời gian đánh giá",
        "c) Trong quý I của năm liền kề năm đánh giá, Văn phòng UBND xã chủ trì rà soát, đánh giá kết quả chấm điểm "
        "và trình Chủ tịch UBND xã quyết định xếp loại.",
        "d) Các thôn báo cáo kết quả tháng 6 của năm sau.",
        "đ) Các trường gửi báo cáo năm trước ngày 10 tháng 01 năm tiếp theo.",
    )
    assert [(d.due, d.recurrence) for d in document.deadlines] == [
        (None, Recurrence("year", 31, 3)), (None, Recurrence("year", 30, 6)), (None, Recurrence("year", 10, 1))]


def test_a_calendar_row_with_a_time_to_publish_and_a_unit_in_charge_is_a_deadline() -> None:
    document = _document(
        *HEAD, "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026",
        "| Tên thông tin thống kê | Thời gian phổ biến | Đơn vị chịu trách nhiệm phổ biến |",
        "| Số hộ nghèo | Tháng 3/2026 | Văn phòng UBND xã |",
        "| Số hộ sử dụng dịch vụ công trực tuyến | Tháng 6/2026 | Công chức Văn hóa - Xã hội |",
        "HỘI NGHỊ", "| Hoạt động | Thời gian tổ chức | Đơn vị chủ trì |",
        "| Hội nghị tổng kết | Tháng 4/2026 | Văn phòng UBND xã |",
    )
    assert [(d.due, d.who) for d in document.deadlines] == [
        (date(2026, 3, 31), "Văn phòng UBND xã"), (date(2026, 6, 30), "Công chức Văn hóa - Xã hội")]


def test_figures_counted_up_to_the_end_of_a_day_are_no_deadline() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "Ghi chú: số liệu các chỉ tiêu được báo cáo là số liệu năm 2025 (tính đến hết ngày 31/12/2025).",
        "Các thôn gửi báo cáo về UBND tỉnh đến hết ngày 15/12/2025.",
    )
    assert [d.due for d in document.deadlines] == [date(2025, 12, 15)]


def test_an_expected_completion_time_in_a_task_table_is_a_deadline() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian dự kiến hoàn thành |",
        "| 1 | Xây dựng cơ sở dữ liệu quy hoạch | Văn phòng UBND xã | Quý II/2027 |",
        "| 2 | Bố trí nhân lực cập nhật dữ liệu | Công chức Địa chính | Năm 2026 |",
        "| 3 | Đào tạo, tập huấn chuyên môn | Văn phòng UBND xã | Năm 2025 - 2026 |",
    )
    assert [(d.due, d.who) for d in document.deadlines] == [
        (date(2027, 6, 30), "Văn phòng UBND xã"), (date(2026, 12, 31), "Công chức Địa chính")]


def test_a_year_alone_under_a_completion_time_column_is_a_deadline() -> None:
    document = _document(
        *HEAD, "I. ĐỀ ÁN ƯU TIÊN",
        "| TT | Tên đề án | Cơ quan chủ trì | Thời hạn hoàn thành |",
        "| 1 | Đề án phân loại rác thải tại nguồn | Văn phòng UBND xã | 2030 |",
        "| 2 | Đề án cải tạo bãi chôn lấp rác | Công chức Địa chính | 2025-2030 |",
    )
    assert [(d.due, d.who) for d in document.deadlines] == [(date(2030, 12, 31), "Văn phòng UBND xã")]


def test_a_year_and_the_years_after_it_is_an_ongoing_period_not_a_deadline() -> None:
    document = _document(
        *HEAD, "II. NHIỆM VỤ", "1. Tuyên truyền, phổ biến Luật Việc làm",
        "- Cơ quan thực hiện: Văn phòng UBND xã chủ trì, phối hợp với các thôn tổ chức tuyên truyền.",
        "- Thời gian thực hiện: Năm 2026\nvà các năm tiếp theo.",
        "2. Rà soát văn bản hướng dẫn", "- Cơ quan thực hiện: Công chức Tư pháp - Hộ tịch.",
        "- Thời gian thực hiện: Năm 2026 (2027) và các năm tiếp theo.",
        "3. Tập huấn cho cán bộ thôn", "- Cơ quan thực hiện: Văn phòng UBND xã.",
        "- Thời gian thực hiện: Quý II/2026.",
    )
    assert [d.due for d in document.deadlines] == [date(2026, 6, 30)]


def test_a_deadline_stated_only_by_its_time_line_names_the_task_it_belongs_to() -> None:
    document = _document(
        *HEAD, "II. NHIỆM VỤ", "3. Tập huấn cho cán bộ thôn", "- Cơ quan thực hiện: Văn phòng UBND xã.",
        "- Thời gian thực hiện: Quý II/2026.",
    )
    [deadline] = document.deadlines
    assert deadline.text.startswith("Tập huấn cho cán bộ thôn")
    assert "Quý II/2026" in deadline.text


def test_a_month_recounted_as_just_past_is_not_a_deadline() -> None:
    document = _document(
        *HEAD, "Cuối tháng 10 và tháng 11\nvừa qua, tại các địa phương đã liên tiếp xảy ra các đợt thiên tai, sạt lở "
        "đất, ngập lụt lịch sử, gây thiệt hại rất lớn về người, tài sản, nhà ở, ảnh hưởng nghiêm trọng đến cuộc sống "
        "của Nhân dân.",
        "I. NHIỆM VỤ", "1. Văn phòng UBND xã tổng hợp thiệt hại, báo cáo UBND tỉnh trước ngày 05/12/2025.",
    )
    assert [d.due for d in document.deadlines] == [date(2025, 12, 5)]


def test_a_state_as_of_a_date_and_a_worked_example_are_not_deadlines() -> None:
    document = _document(
        *HEAD, "I. CHẾ ĐỘ HƯỞNG",
        "1. Người đang hưởng trợ cấp hằng tháng mà trước ngày 01 tháng 01 năm 2026 đã được xác định là hộ nghèo "
        "thì tiếp tục hưởng.",
        "2. Dự án đến ngày 01/7/2026 chưa phát hành hồ sơ mời thầu thì dừng thực hiện.",
        "3. Ví dụ: ông Nguyễn Văn A nghỉ chuẩn bị hưu từ ngày 01/6/2026 đến ngày 30/11/2026 thì hưởng lương hưu từ "
        "ngày 01/12/2026.",
        "4. Văn phòng UBND xã báo cáo UBND huyện trước ngày 15/12/2025.",
    )
    assert [d.due for d in document.deadlines] == [date(2025, 12, 15)]


def test_a_time_line_under_a_heading_that_is_itself_a_time_is_not_named_twice() -> None:
    document = _document(*HEAD, "II. NHIỆM VỤ", "1. Thời gian thực hiện", "Thời gian thực hiện: Quý II/2026.")
    assert [d.text for d in document.deadlines] == ["Thời gian thực hiện: Quý II/2026."]


def test_a_task_row_whose_completion_time_is_hang_nam_recurs_yearly() -> None:
    document = _document(
        *HEAD, "PHỤ LỤC",
        "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian dự kiến hoàn thành |",
        "| 1 | Tuyên truyền về chuyển đổi số | Văn phòng UBND xã | Hằng năm |",
        "| 2 | Xây dựng kho dữ liệu của xã | Công chức Văn phòng - Thống kê | Quý II/2026 |",
    )
    assert [(d.recurrence, d.due, d.who) for d in document.deadlines] == [
        (Recurrence("year"), None, "Văn phòng UBND xã"), (None, date(2026, 6, 30), "Công chức Văn phòng - Thống kê")]


def test_a_deadline_followed_by_qua_meaning_through_is_still_a_deadline() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ",
                         "1. Các thôn gửi báo cáo kết quả trước ngày 10/12/2025 qua Hệ thống quản lý văn bản.")
    assert [d.due for d in document.deadlines] == [date(2025, 12, 10)]


def test_a_half_yearly_report_written_06_thang_before_a_day_of_the_year_recurs_yearly() -> None:
    document = _document(
        *HEAD, "I. NHIỆM VỤ",
        "1. Văn phòng báo cáo Ủy ban nhân dân huyện định kỳ 06 tháng (trước ngày 30/6 của năm), năm (trước ngày "
        "25/12 hàng năm) về hoạt động của hệ thống thư điện tử.",
    )
    assert [(d.due, d.recurrence) for d in document.deadlines] == [
        (None, Recurrence("year", 30, 6)), (None, Recurrence("year", 25, 12))]


def test_the_month_after_the_last_month_of_a_quarterly_report_is_no_monthly_duty() -> None:
    document = _document(
        *HEAD, "I. CHẾ ĐỘ BÁO CÁO",
        "1. Các cơ quan gửi báo cáo giá thị trường về Văn phòng UBND xã trước ngày 01 của tháng tiếp theo sau tháng kỳ "
        "báo cáo đối với báo cáo tháng và trước ngày 03 của tháng tiếp theo sau tháng cuối cùng của kỳ báo cáo đối "
        "với báo cáo quý.",
    )
    assert Recurrence("month", 3) not in [d.recurrence for d in document.deadlines]
    assert Recurrence("month", 1) in [d.recurrence for d in document.deadlines]


@pytest.mark.parametrize("sentence", [
    "1. Các đơn vị gửi báo cáo quý về Sở Tài chính trước ngày 03 của tháng tiếp theo sau tháng cuối cùng của kỳ "
    "báo cáo.",
    "1. Báo cáo định kỳ hàng quý gửi trước ngày 03 của tháng đầu quý sau về Sở Công Thương.",
    "1. Trước ngày 03 tháng đầu tiên của quý tiếp theo, chủ đầu tư lập báo cáo tình hình giải ngân gửi Sở Tài chính.",
    "1. Các đơn vị nộp báo cáo hàng quý, chậm nhất là ngày cuối cùng của tháng đầu tiên của quý tiếp theo.",
])
def test_a_quarterly_report_due_in_the_month_after_the_quarter_falls_in_each_quarters_first_month(
        sentence: str) -> None:
    document = _document(*HEAD, "I. CHẾ ĐỘ BÁO CÁO", sentence)
    day = 31 if "ngày cuối cùng" in sentence else 3
    assert [d.recurrence for d in document.deadlines] == [Recurrence("quarter", day, 1)]


def test_a_quarterly_report_due_in_the_quarters_last_month_keeps_no_month() -> None:
    document = _document(*HEAD, "I. CHẾ ĐỘ BÁO CÁO",
                         "1. Báo cáo hằng quý gửi Sở Tài chính trước ngày 20 của tháng cuối quý.")
    assert [d.recurrence for d in document.deadlines] == [Recurrence("quarter", 20)]


def test_a_half_yearly_lead_without_a_day_adds_no_december_duty_when_the_sentence_dates_it() -> None:
    document = _document(
        *HEAD, "I. CHẾ ĐỘ BÁO CÁO",
        "- Báo cáo 6 tháng, cả năm: Văn phòng UBND xã tổng hợp báo cáo tình hình thực hiện kế hoạch của các thôn định "
        "kỳ 6 tháng trước ngày 30 tháng 6 và tổng thể hàng năm trước ngày 30 tháng 01 hàng năm gửi UBND huyện.",
    )
    assert sorted((d.recurrence.month, d.recurrence.day) for d in document.deadlines if d.recurrence) == [
        (1, 30), (6, 30)]


@pytest.mark.parametrize(("sentence", "due"), [
    ("1. Các phòng rà soát theo Kế hoạch số 15/KH-UBND ngày 02/3/2025 trước ngày 30/6/2026.", date(2026, 6, 30)),
    ("1. Thanh tra huyện hoàn thành thanh tra tại Kế hoạch thanh tra số 1505/KH-TTCP ngày 22/7/2025 trước ngày "
     "26/11/2025.", date(2025, 11, 26)),
])
def test_a_time_limit_right_after_a_cited_documents_number_and_date_is_a_deadline(sentence: str, due: date) -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", sentence)
    assert [d.due for d in document.deadlines] == [due]


def test_the_title_of_a_cited_document_still_sets_no_deadline() -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", "1. Căn cứ Quyết định số 15/QĐ-UBND ngày 02/3/2025 của UBND huyện "
                         "về việc báo cáo trước ngày 30/6/2026.")
    assert document.deadlines == []


@pytest.mark.parametrize("sentence", [
    "1. Các trường hoàn thiện hồ sơ đăng ký thư viện đạt chuẩn (gửi trước: 31/5/2026).",
    "1. Các trường gửi báo cáo tổng kết công tác thư viện (hạn: 31/5/2026).",
])
def test_a_colon_between_the_word_of_a_limit_and_its_date_keeps_the_deadline(sentence: str) -> None:
    document = _document(*HEAD, "I. NHIỆM VỤ", sentence)
    assert [d.due for d in document.deadlines] == [date(2026, 5, 31)]


@pytest.mark.parametrize("cell", ["Quý IV/2025 - Quý II/2026", "Quý IV/2025- Quý II/2026",
                                  "Quý IV/2025 đến Quý II/2026"])
def test_a_timetables_stretch_of_quarters_is_due_when_it_ends_not_when_it_starts(cell: str) -> None:
    document = _document(*HEAD, "PHỤ LỤC", "| TT | Nhiệm vụ | Cơ quan chủ trì | Thời gian thực hiện |",
                         "|---|---|---|---|", f"| 1 | Khảo sát thực trạng hạ tầng viễn thông | Sở KH&CN | {cell} |")
    assert [d.due for d in document.deadlines] == [date(2026, 6, 30)]


def test_the_second_half_of_a_year_introducing_its_report_days_is_no_deadline_at_the_years_end() -> None:
    document = _document(*HEAD, "I. CHẾ ĐỘ BÁO CÁO",
                         "Theo đó, thời hạn nộp báo cáo tình hình sử dụng lao động 6 tháng cuối năm 2025 như sau:",
                         "- Đối với báo cáo tình hình sử dụng lao động trong nước: trước ngày 05/12/2025.")
    assert [d.due for d in document.deadlines] == [date(2025, 12, 5)]
