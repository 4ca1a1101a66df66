"""The questions cadres ask, on small plans of a commune for 2024 and 2025: figures, dates and periods, who leads
and where reports go, themes, a body's tasks, the document's own identity, typos, several documents, declining."""

from __future__ import annotations

import re

import pytest

from knowledge.base import KnowledgeBase
from knowledge.parsing import parse_text
from knowledge.vietnamese import fold


def _plan(number: str, day: str, year: int, revenue: str, theme: str, signer: str) -> str:
    return "\n".join([
        "ỦY BAN NHÂN DÂN", "XÃ TÂN AN", "-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        f"Số: {number}", f"Tân An, ngày {day} tháng 01 năm {year}", "", "KẾ HOẠCH",
        f"Phát triển kinh tế - xã hội năm {year}", "",
        f"Căn cứ Nghị quyết số 05-NQ/ĐU ngày 20/12/{year - 1} của Đảng ủy xã, Ủy ban nhân dân xã ban hành Kế hoạch "
        "như sau:", "",
        "I. CHỈ TIÊU", "",
        f"1. Thu ngân sách nhà nước trên địa bàn đạt {revenue} tỷ đồng.", "",
        "2. Tỷ lệ người dân tham gia bảo hiểm y tế đạt 95%.", "",
        "3. Giảm 20 hộ nghèo so với đầu năm.", "",
        "II. NHIỆM VỤ TRỌNG TÂM", "",
        f"1. Chủ đề công tác năm {year} là “{theme}”.", "",
        f"2. Thời gian thực hiện: từ ngày 01/02/{year} đến ngày 31/12/{year}.", "",
        "III. TỔ CHỨC THỰC HIỆN", "",
        "1. Văn phòng UBND xã:", "",
        f"Chủ trì, phối hợp với các ban, ngành tổng hợp kết quả, báo cáo UBND huyện trước ngày 20/12/{year}.", "",
        "2. Trạm Y tế xã:", "",
        "Chủ trì tuyên truyền, vận động người dân tham gia bảo hiểm y tế; phối hợp với Bưu điện xã thu bảo hiểm y tế "
        "hộ gia đình.", "",
        "3. Công an xã:", "",
        "Bảo đảm an ninh trật tự trong các ngày lễ, Tết; tuần tra, kiểm soát trên các tuyến đường liên thôn, "
        "khu dân cư, chợ, trường học, khu vực tập trung đông người, các điểm nóng về trật tự an toàn giao thông, "
        "phòng chống cháy nổ, tệ nạn xã hội, ma túy, mại dâm, cờ bạc, trộm cắp tài sản, xâm phạm an ninh nông "
        "thôn; phối hợp với Ban Chỉ huy Quân sự xã, các thôn, tổ tự quản giữ gìn an ninh, trật tự; nắm tình hình "
        "đối tượng hình sự, đối tượng nghiện ma túy để có biện pháp quản lý, giáo dục, cảm hóa tại cộng đồng; "
        "xây dựng, nhân rộng mô hình tự quản về an ninh trật tự ở khu dân cư, bảo đảm mỗi thôn có ít nhất 01 mô "
        "hình hoạt động hiệu quả, được Nhân dân đồng tình hưởng ứng.", "",
        "Nơi nhận:", "- UBND huyện;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", signer,
    ])  # fmt: skip


@pytest.fixture(scope="module")
def commune() -> KnowledgeBase:
    old = parse_text(_plan("12/KH-UBND", "10", 2024, "10", "Đoàn kết, kỷ cương", "Trần Văn Nam"), "kh-2024.txt")
    new = parse_text(_plan("48/KH-UBND", "15", 2025, "12,5", "Kỷ cương, đổi mới, phát triển", "Nguyễn Văn Hùng"),
                     "kh-2025.txt")  # fmt: skip
    return KnowledgeBase.from_documents([old, new])


def _says(answer_text: str, *expected: str) -> bool:
    folded = re.sub(r"\s+", " ", fold(answer_text))
    return all(re.sub(r"\s+", " ", fold(item)) in folded for item in expected)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ty le nguoi dan tham gia BHYT dat bao nhieu", ["95%"]),
        ("giam bao nhieu ho ngheo", ["20 hộ nghèo"]),
        ("thoi gian thuc hien KH tu ngay nao den ngay nao", ["01/02/2025", "31/12/2025"]),
        ("ai chu tri tong hop ket qua bao cao UBND huyen", ["Văn phòng UBND xã"]),
        ("Van phong UBND xa bao cao ai, truoc ngay nao", ["UBND huyện", "20/12/2025"]),
        ("chu de cong tac nam 2025 la gi", ["Kỷ cương, đổi mới, phát triển"]),
        ("nhiem vu cua Tram Y te xa", ["tuyên truyền, vận động"]),
        ("ai ky KH 48", ["Nguyễn Văn Hùng"]),
        ("KH 48/KH-UBND ban hanh ngay nao", ["15 tháng 01 năm 2025"]),
        ("KH 48 do co quan nao ban hanh", ["Ủy ban nhân dân xã Tân An"]),
        ("ty le tham gia bao hiem y tee", ["95%"]),
    ],
)  # fmt: skip
def test_the_questions_cadres_ask_are_answered(commune: KnowledgeBase, question: str, expected: list[str]) -> None:
    answer = commune.ask(question)
    assert answer.found and answer.best is not None, question
    assert _says(answer.best.answer, *expected), answer.best.answer


def test_without_a_year_the_newest_plan_answers_and_the_older_one_is_offered_with_its_year(
    commune: KnowledgeBase,
) -> None:
    answer = commune.ask("thu ngan sach bao nhieu")
    assert answer.best is not None and "12,5 tỷ đồng" in answer.best.answer
    assert answer.best.source.document == "48/KH-UBND"
    older = [item for item in answer.alternatives if item.source.document == "12/KH-UBND"]
    assert older and "10 tỷ đồng" in older[0].answer and older[0].source.label.endswith("(2024)")


@pytest.mark.parametrize("question", ["thu ngan sach nam 2024 bao nhieu", "KH 12 thu ngan sach bao nhieu"])
def test_a_year_or_a_number_named_in_the_question_chooses_the_document(commune: KnowledgeBase, question: str) -> None:
    answer = commune.ask(question)
    assert answer.best is not None and "10 tỷ đồng" in answer.best.answer, question
    assert answer.best.source.document == "12/KH-UBND"


def test_a_comparison_of_two_years_shows_both(commune: KnowledgeBase) -> None:
    answer = commune.ask("so sanh thu ngan sach nam 2024 va 2025")
    assert answer.found and answer.best is not None
    assert "10 tỷ đồng" in answer.best.answer and "12,5 tỷ đồng" in answer.best.answer
    assert "(2024)" in answer.best.answer and "(2025)" in answer.best.answer


@pytest.mark.parametrize(
    "question",
    [
        "muc ho tro tien an cho hoc sinh ban tru la bao nhieu tien",  # no money figure anywhere
        "ty le tham gia bao hiem xa hoi tu nguyen la bao nhieu",  # the plans speak of health insurance only
        "thu ngan sach nam 2023 la bao nhieu",  # no plan for 2023
    ],
)
def test_questions_the_plans_do_not_answer_are_declined(commune: KnowledgeBase, question: str) -> None:
    answer = commune.ask(question)
    assert not answer.found, answer.best.answer if answer.best else ""
    assert answer.topics


def test_a_long_unit_is_shown_as_the_part_around_what_matched(commune: KnowledgeBase) -> None:
    answer = commune.ask("moi thon co it nhat bao nhieu mo hinh tu quan ve an ninh trat tu")
    assert answer.best is not None
    shown = answer.best.answer
    assert len(shown) <= 600 and "…" in shown
    assert "ít nhất 01 mô hình" in shown and shown.startswith("Công an xã: ")


def _reports_plan() -> str:
    return "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 77/KH-UBND", "Hòa An, ngày 05 tháng 3 năm 2025", "", "KẾ HOẠCH", "Phát triển thương mại điện tử", "",
        "I. TỔ CHỨC THỰC HIỆN", "",
        "1. Các sở, ngành, Ủy ban nhân dân các xã: báo cáo 6 tháng gửi Sở Công Thương trước ngày 10/6 để tổng hợp.",
        "",
        "2. Sở Công Thương tổng hợp, báo cáo Ủy ban nhân dân tỉnh 6 tháng trước ngày 20/6.", "",
        "3. Ủy ban nhân dân các xã: bố trí kinh phí và nguồn lực thực hiện kế hoạch thương mại điện tử tại xã.", "",
        "II. KINH PHÍ THỰC HIỆN", "",
        "Từ ngân sách tỉnh và nguồn xã hội hóa theo quy định.", "",
        "III. CHỈ TIÊU", "",
        "Kinh phí hỗ trợ doanh nghiệp tham gia sàn thương mại điện tử thực hiện theo Kế hoạch này.",
    ])  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("bao cao 6 thang cua So Cong Thuong gui tinh han ngay nao", "20/6"),
        ("kinh phi thuc hien KH thuong mai dien tu lay tu dau", "ngân sách tỉnh"),
    ],
)
def test_who_acts_and_where_money_comes_from(question: str, expected: str) -> None:
    kb = KnowledgeBase.from_documents([parse_text(_reports_plan(), "kh-77.txt")])
    answer = kb.ask(question)
    assert answer.best is not None and _says(answer.best.answer, expected), answer.best


def _letter() -> str:
    return "\n".join([
        "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 6400/BVHTTDL-KHCN", "Hà Nội, ngày 25 tháng 11 năm 2025", "", "V/v triển khai nhiệm vụ trọng tâm", "",
        "Kính gửi: Các cơ sở đào tạo trực thuộc Bộ", "",
        "Bộ Văn hóa, Thể thao và Du lịch (VHTTDL) đề nghị các cơ sở đào tạo thực hiện nghiêm túc các nhiệm vụ năm "
        "học 2025 - 2026 nêu tại Công văn này như sau:", "",
        "1. Hoàn thành tuyển sinh năm học 2025 - 2026 theo kế hoạch chung của Bộ VHTTDL.", "",
        "2. Báo cáo kết quả năm học 2025 - 2026 về Bộ VHTTDL trước ngày 31/8/2026, có ông Trần Văn Lộc theo dõi.", "",
        "Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Phan Tâm",
    ])  # fmt: skip


@pytest.mark.parametrize(
    "question",
    [
        "ai ky cong van nhiem vu nam hoc 2025-2026 cua bo VHTTDL",  # the years are in the body, not the identity
        "ai ky cong van nhiem vu nam hoc 2025-2026 cua bo VHTDL",  # a long abbreviation missing one letter
    ],
)
def test_who_signed_a_letter_named_by_what_its_body_says(question: str) -> None:
    kb = KnowledgeBase.from_documents([parse_text(_letter(), "cv-6400.txt")])
    answer = kb.ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, "Phan Tâm"), answer.best


def test_an_appendix_is_named_by_its_label_and_title() -> None:
    text = _letter().replace("2. Báo cáo kết quả", "2. Báo cáo quy mô đào tạo (theo Phụ lục kèm theo Công văn này) và "
                             "kết quả") + "\n\n" + "\n".join([
        "**PHỤ LỤC**", "", "**QUY MÔ TUYỂN SINH, ĐÀO TẠO VÀ TỐT NGHIỆP**", "",
        "*(Kèm theo Công văn số 6400/BVHTTDL-KHCN ngày 25/11/2025 của Bộ Văn hóa, Thể thao và Du lịch)*", "",
        "| TT | Trình độ đào tạo | Quy mô tuyển sinh | Số tốt nghiệp |", "|---|---|---|---|",
        "| 1 | Đại học | | |", "| 2 | Thạc sĩ | | |",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(text, "cv-6400.md")])
    answer = kb.ask("phu luc kem cong van 6400 la bieu mau gi")
    assert answer.best is not None
    assert _says(answer.best.answer, "Quy mô tuyển sinh, đào tạo và tốt nghiệp"), answer.best


def _ward_plan() -> str:
    return "\n".join([
        "ỦY BAN NHÂN DÂN", "PHƯỜNG AN BÌNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 21/KH-UBND", "An Bình, ngày 10 tháng 01 năm 2025", "", "KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2025",
        "", "I. CHỈ TIÊU", "",
        "1. Giải quyết việc làm mới cho 680 lao động.", "",
        "2. Tổ chức 02 phiên giao dịch việc làm mỗi năm cho người lao động.", "",
        "3. Tỷ lệ hộ dân dùng nước sạch hiện nay là 70% số hộ.", "",
        "4. Tỷ lệ hộ dân dùng nước sạch phấn đấu đến cuối năm đạt 95% số hộ.", "",
        "5. Thu hút vốn đầu tư vào địa bàn đạt 120 tỷ đồng.", "",
        "6. Vốn ngân sách phường chi cho hạ tầng đạt 15 tỷ đồng.",
    ])  # fmt: skip


def _beside_ward_plan(text: str, name: str) -> KnowledgeBase:
    """A test's document loaded beside the ward plan, so that another document is always there to answer from."""
    return KnowledgeBase.from_documents([parse_text(text, name), parse_text(_ward_plan(), "kh-21.txt")])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("viec lam moi cho bao nhieu lao dong", "680 lao động"),  # "bao nhieu lao" is not "bao nhiêu lần"
        ("ty le ho dung nuoc sach phan dau dat bao nhieu", "95%"),  # "dau" of "phan dau" is not "đâu"
        ("von dau tu thu hut bao nhieu ty", "120 tỷ"),  # nor of "dau tu"
    ],
)
def test_words_that_look_like_question_words_are_read_in_their_phrase(question: str, expected: str) -> None:
    kb = KnowledgeBase.from_documents([parse_text(_ward_plan(), "kh-21.txt")])
    answer = kb.ask(question)
    assert answer.best is not None and _says(answer.best.answer, expected), answer.best


def _science_plan(now: str) -> str:
    return "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 90/KH-UBND", "Hòa An, ngày 12 tháng 5 năm 2025", "", "KẾ HOẠCH", "Phát triển khoa học và công nghệ", "",
        "I. THỰC TRẠNG", "", now, "",
        "II. MỤC TIÊU", "",
        "1. Thực hiện phát triển doanh nghiệp, phấn đấu đến năm 2030 toàn tỉnh có ít nhất 50 doanh nghiệp khoa học "
        "và công nghệ.", "",
        "2. Đầu tư cho khoa học và công nghệ đạt 2% tổng chi ngân sách tỉnh.",
    ])  # fmt: skip


def test_how_things_stand_now_is_not_answered_by_a_target() -> None:
    stated = KnowledgeBase.from_documents([parse_text(_science_plan(
        "Hiện nay toàn tỉnh có 12 doanh nghiệp khoa học và công nghệ."), "kh-90.txt")])
    answer = stated.ask("hien nay tinh co bao nhieu doanh nghiep khoa hoc cong nghe")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "12 doanh nghiệp")
    silent = KnowledgeBase.from_documents([parse_text(_science_plan(
        "Công tác khoa học và công nghệ còn nhiều hạn chế."), "kh-90.txt")])
    answer = silent.ask("hien nay tinh co bao nhieu doanh nghiep khoa hoc cong nghe")
    assert not (answer.found and answer.best is not None and _says(answer.best.answer, "50 doanh nghiệp"))


def test_a_two_part_question_gets_a_long_sentence_cut_and_the_short_one_after_it() -> None:
    long_sentence = (
        "1. Đối với 355 nhiệm vụ cần ban hành văn bản để hướng dẫn thực hiện (danh mục cụ thể theo Báo cáo số "
        "11296/BC-BNV ngày 27/11/2025 của Bộ Nội vụ gửi kèm), các Bộ, cơ quan ngang Bộ khẩn trương rà soát, ban "
        "hành các văn bản hướng dẫn tổ chức thực hiện, ban hành văn bản quy phạm pháp luật theo thẩm quyền hoặc "
        "trình cấp có thẩm quyền ban hành văn bản quy phạm pháp luật, bảo đảm tính thống nhất giữa các quy phạm "
        "trong hệ thống pháp luật, thống nhất cách hiểu, cách áp dụng pháp luật, bảo đảm nhiệm vụ phân cấp, phân "
        "quyền được thực hiện thông suốt, hiệu quả, khả thi. Thời hạn hoàn thành chậm nhất ngày 25/12/2025."
    )
    text = "\n".join(["Kính gửi: Các Bộ, cơ quan ngang Bộ", "", "I. NHIỆM VỤ", "", long_sentence, "",
                      "2. Các địa phương tổng hợp vướng mắc, báo cáo Bộ Nội vụ trước ngày 10/12/2025."])
    kb = KnowledgeBase.from_documents([parse_text(text, "cv.txt")])
    answer = kb.ask("co bao nhieu nhiem vu can ban hanh van ban huong dan, han hoan thanh")
    assert answer.best is not None and _says(answer.best.answer, "355 nhiệm vụ", "25/12/2025"), answer.best
    assert len(answer.best.answer) <= 600


def test_a_document_named_by_its_number_is_asked_what_it_issues_and_when() -> None:
    decision = "\n".join([
        "ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "Số: 2954/QĐ-UBND", "Hòa An, ngày 20 tháng 11 năm 2025", "", "QUYẾT ĐỊNH",
        "Về việc ban hành Kế hoạch xuất khẩu sản phẩm nông nghiệp giai đoạn 2026 - 2030", "",
        "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch xuất khẩu sản phẩm nông nghiệp giai đoạn 2026 - 2030.", "",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "", "CHỦ TỊCH", "Lê Văn Hải", "",
        "PHỤ LỤC 02", "DANH MỤC HÀNG HÓA THAM GIA XUẤT KHẨU GIAI ĐOẠN 2026 - 2030",
        "(Ban hành kèm theo Quyết định số 2954/QĐ-UBND ngày 20/11/2025 của UBND tỉnh)", "",
        "1. Xoài, chuối, nhãn.",
    ])  # fmt: skip
    kb = _beside_ward_plan(decision, "qd.txt")
    answer = kb.ask("QĐ 2954/QĐ-UBND ban hanh KH gi, ngay nao")
    assert answer.best is not None
    assert _says(answer.best.answer, "20 tháng 11 năm 2025", "kế hoạch xuất khẩu"), answer.best


def test_a_place_named_in_the_question_is_not_answered_from_another_places_plan() -> None:
    commune = parse_text(_plan("48/KH-UBND", "15", 2025, "12,5", "Kỷ cương, đổi mới", "Nguyễn Văn Hùng"), "kh.txt")
    kb = KnowledgeBase.from_documents([commune, parse_text(_ward_plan(), "kh-21.txt")])
    answer = kb.ask("ty le ho dan dung nuoc sach cua xa Tan An phan dau dat bao nhieu")
    assert not (answer.found and answer.best is not None and _says(answer.best.answer, "95%")), answer.best
    assert _says(kb.ask("ty le ho dan dung nuoc sach cua phuong An Binh phan dau dat bao nhieu").best.answer, "95%")


def test_who_signed_is_answered_without_the_list_of_recipients_which_is_there_when_asked() -> None:
    plan = _plan("48/KH-UBND", "15", 2025, "12,5", "Kỷ cương", "Nguyễn Văn Hùng").replace(
        "- UBND huyện;", "- TT. HĐND xã (2b);\n- UBND huyện;")  # a recipient with a full stop inside
    kb = KnowledgeBase.from_documents([parse_text(plan, "kh.txt")])
    signed = kb.ask("ai ky ke hoach phat trien kinh te xa hoi nam 2025")
    assert signed.best is not None and _says(signed.best.answer, "Nguyễn Văn Hùng")
    assert "Nơi nhận" not in signed.best.answer and "HĐND xã" not in signed.best.answer
    sent = kb.ask("ke hoach 48/KH-UBND gui nhung noi nao")
    assert sent.best is not None and _says(sent.best.answer, "UBND huyện")


SCHEDULE = "\n".join([
    "BỘ TÀI CHÍNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 17899/BTC-VP",
    "Hà Nội, ngày 18 tháng 11 năm 2025", "V/v tập huấn nghiệp vụ thuế cho cán bộ xã", "",
    "1. Đối tượng: công chức cấp xã và công chức thuộc Thuế cơ sở.", "2. Thời gian:",
    "- Hội nghị 1: Gồm các tỉnh/thành phố:", "Hà Nội, Quảng Ninh, Hải Phòng.",
    "Thời gian: 01 buổi sáng, ngày 26/11/2025, bắt đầu", "từ 08h00.",
    "- Hội nghị 2: Gồm các tỉnh/thành phố:", "Tuyên Quang, Cao Bằng, Lào Cai, Phú Thọ.",
    "Thời gian: 01 buổi chiều, ngày 26/11/2025, bắt đầu", "từ 13h30.",
    "- Hội nghị 3: Gồm các tỉnh/thành phố:", "Gia Lai, Đắk Lắk, Lâm Đồng.",
    "Thời gian: 01 buổi chiều, ngày 27/11/2025, bắt đầu", "từ 13h30.",
    "3. Nội dung: Bồi dưỡng nghiệp vụ quản lý thuế cho công chức cấp xã.",
])  # fmt: skip


@pytest.mark.parametrize(("question", "expected", "not_expected"), [
    ("hoi nghi 2 gom nhung tinh nao", ("Tuyên Quang", "Phú Thọ"), "Gia Lai"),
    ("hoi nghi cho Gia Lai, Dak Lak, Lam Dong vao ngay nao, may gio bat dau", ("27/11/2025", "13h30"), "Hà Nội"),
])  # fmt: skip
def test_a_schedules_items_are_answered_with_the_lines_under_them(
        question: str, expected: tuple[str, ...], not_expected: str) -> None:
    answer = KnowledgeBase.from_documents([parse_text(SCHEDULE, "cv.txt")]).ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, *expected), answer.best
    assert not _says(answer.best.answer, not_expected)
    assert not any(_says(answer.best.answer, other.answer) for other in answer.alternatives)


def test_a_filler_word_is_not_kept_for_a_phrase_the_documents_write_with_the_filler_itself() -> None:
    lines = ["I. NHIỆM VỤ", ""] + [
        f"{n}. Sở Tài chính phấn đấu hoàn thành kế hoạch kiểm kê tài sản công của tỉnh đợt {n}." for n in range(1, 6)
    ]  # fmt: skip
    answerer = KnowledgeBase.from_documents([parse_text("\n".join(lines), "kh.txt")]).answerer
    assert "cua" not in [concept.term for concept in answerer.read("co quan thuong truc cua tinh").concepts]
    assert "dau" in [concept.term for concept in answerer.read("chi tieu phan dau nam 2030").concepts]


INVENTORY = "\n".join([
    "ỦY BAN NHÂN DÂN", "TỈNH HÒA AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số: 61/KH-UBND", "Hòa An, ngày 21 tháng 11 năm 2025", "", "KẾ HOẠCH", "Tổng kiểm kê tài sản công", "",
    "I. NHIỆM VỤ CỦA THÀNH VIÊN BAN CHỈ ĐẠO", "", "1. Trưởng Ban Chỉ đạo:", "",
    "Phụ trách chung, trực tiếp điều hành, chịu trách nhiệm trước Ủy ban nhân dân tỉnh về kết quả tổng kiểm kê.", "",
    "2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo:", "",
    "Tổng hợp kết quả kiểm kê, báo cáo Bộ Tài chính trước ngày 31/5/2026.", "",
    "Nơi nhận:", "- Bộ Tài chính;", "- Phó Chủ tịch UBND tỉnh Trần Văn Lâm, Trưởng Ban Chỉ đạo;", "- Lưu: VT.",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Lâm",
])  # fmt: skip


def test_who_holds_a_role_is_answered_by_the_name_not_by_what_the_role_does() -> None:
    answer = KnowledgeBase.from_documents([parse_text(INVENTORY, "kh.txt")]).ask("truong BCD tong kiem ke la ai")
    assert answer.best is not None and _says(answer.best.answer, "Trần Văn Lâm"), answer.best
    assert not _says(answer.best.answer, "Phụ trách chung")


def test_who_holds_a_role_the_document_never_names_is_not_answered_with_the_roles_duties() -> None:
    plan = INVENTORY.replace("- Phó Chủ tịch UBND tỉnh Trần Văn Lâm, Trưởng Ban Chỉ đạo;", "- Sở Tài chính;")
    answer = KnowledgeBase.from_documents([parse_text(plan, "kh.txt")]).ask("truong BCD tong kiem ke la ai")
    assert not (answer.found and answer.best is not None and _says(answer.best.answer, "Phụ trách chung"))


def test_how_many_of_a_thing_no_unit_list_knows_is_answered_by_its_count() -> None:
    text = "\n".join([
        "I. HẠ TẦNG", "", "1. Xây dựng trạm 5G: Đầu tư mới 35 trạm (MobiFone: 09 trạm, Viettel: 26 trạm).", "",
        "2. Đến năm 2030, 100% khu công nghiệp có trạm 5G; MobiFone đầu tư mới hạ tầng phủ sóng khu công nghiệp.", "",
        "II. KHEN THƯỞNG", "", "Mỗi xã, phường chọn 02 trường hợp đề nghị tặng Bằng khen.", "",
        "Tỷ lệ trường hợp đề nghị khen thưởng của mỗi xã, phường không quá 20% số cá nhân được đề nghị.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(text, "kh.txt")])
    for question, expected in (("Mobifone dau tu moi bao nhieu tram 5G", "09 trạm"),
                               ("moi xa phuong duoc chon bao nhieu truong hop de nghi bang khen", "02 trường hợp")):
        answer = kb.ask(question)
        assert answer.found and answer.best is not None and _says(answer.best.answer, expected), question


def test_gom_nhung_nao_is_answered_where_the_names_are_listed_after_the_words_asked() -> None:
    text = "\n".join([
        "Điều 1. Phạm vi điều chỉnh", "",
        "Quy định này quy định về chia sẻ dữ liệu giữa 4 Văn phòng Trung ương (Văn phòng Trung ương Đảng, "
        "Văn phòng Chủ tịch nước, Văn phòng Chính phủ, Văn phòng Quốc hội).", "",
        "Điều 10. Chia sẻ dữ liệu giữa 4 Văn phòng Trung ương", "",
        "Ngoài các dữ liệu được chia sẻ tại Điều 8, Điều 9 của Quy định này, 4 Văn phòng Trung ương chia sẻ "
        "chương trình công tác, lịch làm việc của lãnh đạo, báo cáo tuần của các cơ quan.", "",
        "Điều 11. Trách nhiệm", "", "Các dữ liệu khác do lãnh đạo 4 Văn phòng Trung ương quy định.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(text, "qd.txt")])
    answer = kb.ask("4 van phong trung uong gom nhung co quan nao")
    assert answer.best is not None and _says(answer.best.answer, "Văn phòng Chủ tịch nước", "Văn phòng Quốc hội")


@pytest.mark.parametrize("number", ["Số: 640/TB-VPCP", ""])
def test_the_number_of_a_notice_is_given_only_when_it_has_one(number: str) -> None:
    text = "\n".join([
        "VĂN PHÒNG CHÍNH PHỦ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", number,
        "Hà Nội, ngày 22 tháng 11 năm 2025", "", "THÔNG BÁO",
        "Kết luận của Thủ tướng Chính phủ về khắc phục hậu quả mưa lũ tại các tỉnh Nam Trung Bộ", "",
        "1. Các bộ, ngành khẩn trương hỗ trợ người dân khắc phục hậu quả mưa lũ, ổn định đời sống.", "",
        "2. Bộ Tài chính bố trí kinh phí hỗ trợ các tỉnh Nam Trung Bộ.", "",
        "KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "Lê Văn Hải",
    ])  # fmt: skip
    answer = KnowledgeBase.from_documents([parse_text(text, "tb.txt")]).ask(
        "TB ket luan khac phuc mua lu Nam Trung Bo so hieu la gi")
    if number:
        assert answer.found and answer.best is not None and _says(answer.best.answer, "640/TB-VPCP"), answer.best
    else:
        assert not answer.found, answer.best


def test_a_toneless_word_the_documents_seldom_write_as_filler_is_kept() -> None:
    lines = ["I. NHIỆM VỤ", "", "1. Phát động phong trào thi đua “Vì người nghèo”.", "",
             "2. Sơ kết phong trào thi đua vào tháng 12.", ""] + [
        f"{n}. Thực thi nhiệm vụ số {n} đúng quy định." for n in range(3, 20)
    ] + ["20. Nếu chậm thì báo cáo Sở Nội vụ."]  # fmt: skip
    answerer = KnowledgeBase.from_documents([parse_text("\n".join(lines), "kh.txt")]).answerer
    assert "thi" in [concept.term for concept in answerer.read("ten phong trao thi dua la gi").concepts]


ELECTION = "\n".join([
    "I. KHEN THƯỞNG", "",
    "1. Bằng khen của Chủ tịch UBND tỉnh cho tập thể có thành tích trong cuộc bầu cử đại biểu Quốc hội khóa XVI "
    "và đại biểu HĐND các cấp: thực hiện theo Hướng dẫn số 7886/HD-BNV ngày 14/9/2025 của Bộ Nội vụ.", "",
    "2. Cuộc bầu cử đại biểu Quốc hội khóa XVI tiến hành vào Chủ nhật, ngày 15/3/2026.", "",
])  # fmt: skip


def test_the_date_of_a_cited_document_does_not_answer_when_something_else_happens() -> None:
    kb = KnowledgeBase.from_documents([parse_text(ELECTION, "kh.txt")])
    answer = kb.ask("ngay bau cu dai bieu Quoc hoi khoa XVI va HDND cac cap la ngay nao")
    assert answer.best is not None and _says(answer.best.answer, "15/3/2026"), answer.best


def test_a_library_of_one_short_document_answers_though_every_word_is_in_most_passages() -> None:
    answer = KnowledgeBase.from_documents([parse_text(ELECTION, "kh.txt")]).ask(
        "huong dan 7886 cua Bo Noi vu ban hanh ngay nao")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "14/9/2025"), answer


TRAINING = "\n".join([
    "I. NỘI DUNG", "", "1. Tổ chức chương trình bồi dưỡng, tập huấn nghiệp vụ thuế cho công chức cấp xã; thực hiện "
    "đúng kế hoạch.", "",
    "2. Chỉ đạo các xã cử công chức tham dự; Bộ Tài chính chứng nhận danh sách tham dự.", "",
    "3. Thời gian tập huấn: ngày 26/11/2025.", "",
])  # fmt: skip


def test_a_word_no_document_uses_is_a_question_about_something_else() -> None:
    kb = KnowledgeBase.from_documents([parse_text(TRAINING, "cv.txt")])
    assert kb.answerer.has_unknown_word(kb.answerer.read("sau tap huan co duoc cap chung chi khong"))
    assert not kb.ask("sau tap huan cong chuc xa co duoc cap chung chi boi duong khong").found
    with_certificate = TRAINING.replace("chứng nhận danh sách tham dự", "cấp chứng chỉ bồi dưỡng cho học viên")
    kb = KnowledgeBase.from_documents([parse_text(with_certificate, "cv.txt")])
    assert kb.ask("sau tap huan cong chuc xa co duoc cap chung chi boi duong khong").found


def test_words_are_read_left_to_right_so_two_words_do_not_make_a_third() -> None:
    kb = KnowledgeBase.from_documents([parse_text(TRAINING, "cv.txt")])
    assert not kb.answerer.has_unknown_word(kb.answerer.read("thuc hien chuong trinh tap huan nao"))


def test_mam_non_finds_a_passage_that_says_giao_duc_mam_non() -> None:
    text = "\n".join(["I. KINH PHÍ", "", "1. Kinh phí phát triển giáo dục mầm non: 12 tỷ đồng từ ngân sách tỉnh.", "",
                      "2. Kinh phí phát triển giáo dục phổ thông: 30 tỷ đồng.", ""])  # fmt: skip
    answer = KnowledgeBase.from_documents([parse_text(text, "kh.txt")]).ask("kinh phi cho mam non bao nhieu")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "12 tỷ đồng"), answer


def test_what_a_document_named_by_its_number_says_is_found_in_its_text_not_only_its_identity() -> None:
    decision = "\n".join([
        "BỘ NỘI VỤ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Số: 1383/QĐ-BNV",
        "Hà Nội, ngày 26 tháng 11 năm 2025", "", "QUYẾT ĐỊNH",
        "Về việc ban hành Lịch phổ biến thông tin thống kê năm 2026", "",
        "Căn cứ Luật Thống kê ngày 23 tháng 11 năm 2015;", "Theo đề nghị của Vụ trưởng Vụ Kế hoạch - Tài chính.", "",
        "Điều 1. Ban hành kèm theo Quyết định này Lịch phổ biến thông tin thống kê năm 2026 của Bộ Nội vụ.", "",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.", "", "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "Nguyễn Mạnh Khương",
        "", "LỊCH PHỔ BIẾN THÔNG TIN THỐNG KÊ NĂM 2026",
        "(Ban hành kèm theo Quyết định số 1383/QĐ-BNV ngày 26 tháng 11 năm 2025 của Bộ trưởng Bộ Nội vụ)", "",
        "1. Số lượng đơn vị hành chính: phổ biến tháng 3/2026, Vụ Chính quyền địa phương.", "",
        "2. Số lượng cán bộ, công chức: phổ biến tháng 6/2026, Vụ Công chức - Viên chức.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(decision, "qd.txt")
    assert kb.answerer.read("QD 1383 ban hanh theo de nghi cua ai").naming == {"n:1383", "syn:qd"}
    answer = kb.ask("QD 1383 ban hanh theo de nghi cua ai")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "Vụ Kế hoạch - Tài chính"), answer
    signed = kb.ask("ai ky QD 1383")
    assert signed.best is not None and _says(signed.best.answer, "Nguyễn Mạnh Khương")


def test_who_carries_out_a_decision_is_the_article_that_says_chiu_trach_nhiem_thi_hanh() -> None:
    decision = "\n".join([
        "ỦY BAN NHÂN DÂN XÃ TÂN AN", "Số: 210/QĐ-UBND", "Tân An, ngày 02 tháng 12 năm 2025", "", "QUYẾT ĐỊNH",
        "Về việc ban hành Quy chế quản lý nhà văn hóa thôn", "",
        "Theo đề nghị của Công chức Văn hóa - Xã hội xã.", "",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý nhà văn hóa thôn.", "",
        "Điều 2. Căn cứ Quy chế tại Điều 1 Quyết định này, Thủ trưởng các đơn vị thuộc, trực thuộc UBND xã được giao "
        "nhiệm vụ quản lý nhà văn hóa chịu trách nhiệm xây dựng kế hoạch, tổ chức thực hiện các hoạt động thuộc lĩnh "
        "vực phụ trách theo đúng quy định.", "",
        "Điều 3. Chánh Văn phòng HĐND và UBND xã, Trưởng các thôn và các tổ chức, cá nhân có liên quan chịu trách "
        "nhiệm thi hành Quyết định này.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(decision, "qd.txt")
    executed = kb.ask("ai chiu trach nhiem thi hanh quyet dinh 210")
    assert executed.best is not None and _says(executed.best.answer, "Chánh Văn phòng HĐND và UBND xã"), executed
    proposed = kb.ask("QD 210 ban hanh theo de nghi cua ai")
    assert proposed.best is not None and _says(proposed.best.answer, "Công chức Văn hóa - Xã hội"), proposed


def test_which_resolutions_are_repealed_is_answered_with_every_item_of_the_list() -> None:
    resolution = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG", "Số: 20/2025/NQ-HĐND", "An Giang, ngày 18 tháng 11 năm 2025", "",
        "NGHỊ QUYẾT", "Quy định mức học phí năm học 2025 - 2026", "",
        "Điều 1. Mức học phí", "", "Mức học phí giáo dục mầm non là 80 nghìn đồng/tháng.", "",
        "Điều 2. Tổ chức thực hiện", "", "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.", "",
        "2. Nghị quyết này bãi bỏ các Nghị quyết:", "",
        "a) Nghị quyết số 11/2024/NQ-HĐND ngày 29 tháng 6 năm 2024 của Hội đồng nhân dân tỉnh Kiên Giang quy định "
        "mức thu học phí đối với giáo dục mầm non và phổ thông công lập;", "",
        "b) Nghị quyết số 15/2024/NQ-HĐND ngày 12 tháng 7 năm 2024 của Hội đồng nhân dân tỉnh An Giang quy định mức "
        "thu học phí năm học 2024 - 2025;", "",
        "c) Nghị quyết số 10/2024/NQ-HĐND ngày 10 tháng 7 năm 2024 của Hội đồng nhân dân tỉnh An Giang quy định mức "
        "hỗ trợ học phí.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(resolution, "nq.txt")
    answer = kb.ask("NQ 20 An Giang bai bo nhung NQ nao")
    assert answer.best is not None and _says(
        answer.best.answer, "11/2024/NQ-HĐND", "15/2024/NQ-HĐND", "10/2024/NQ-HĐND"), answer
    one = kb.ask("NQ 15/2024 cua HDND tinh quy dinh gi")
    assert one.best is not None and not _says(one.best.answer, "11/2024/NQ-HĐND"), one


def test_the_number_of_a_submission_asked_as_so_may_is_answered_though_it_states_no_other_figure() -> None:
    resolution = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG", "Số: 21/2025/NQ-HĐND", "An Giang, ngày 18 tháng 11 năm 2025", "",
        "NGHỊ QUYẾT", "Quy định mức học phí năm học 2025 - 2026", "",
        "Xét Tờ trình số 471/TTr-UBND ngày 12 tháng 11 năm 2025 của Ủy ban nhân dân tỉnh về dự thảo Nghị quyết quy "
        "định mức học phí; Báo cáo thẩm tra của Ban Văn hóa - Xã hội Hội đồng nhân dân tỉnh.", "",
        "Điều 1. Mức học phí", "", "Mức học phí giáo dục mầm non là 80 nghìn đồng/tháng.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(resolution, "nq.txt")
    answer = kb.ask("to trinh cua UBND tinh ve du thao nghi quyet hoc phi so may")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "471/TTr-UBND"), answer


def test_a_share_of_money_asked_in_percent_is_answered_by_the_percentage_not_by_a_sum() -> None:
    notice = "\n".join([
        "VĂN PHÒNG CHÍNH PHỦ", "Số: 640/TB-VPCP", "Hà Nội, ngày 24 tháng 11 năm 2025", "", "THÔNG BÁO",
        "Kết luận của Phó Thủ tướng tại buổi làm việc với tỉnh An Giang", "",
        "I. ĐÁNH GIÁ CHUNG", "",
        "Giải ngân vốn đầu tư công tính đến hết ngày 31 tháng 10 năm 2025 đạt 72,4% kế hoạch Thủ tướng Chính phủ "
        "giao. Đặc biệt, tỉnh đã thu hút vốn đầu tư FDI đạt 1.219,11 triệu USD, tăng 84% so với cùng kỳ.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(notice, "tb.txt")
    answer = kb.ask("giai ngan von dau tu cong cua tinh den 31/10 dat bao nhieu % ke hoach")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "72,4%"), answer
    assert "1.219" not in answer.best.answer, answer


def test_the_scope_article_answers_what_a_resolution_regulates_not_every_question_it_restates() -> None:
    resolution = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG", "Số: 22/2025/NQ-HĐND", "An Giang, ngày 18 tháng 11 năm 2025", "",
        "NGHỊ QUYẾT", "Quy định mức học phí năm học 2025 - 2026", "",
        "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng", "",
        "1. Phạm vi điều chỉnh", "",
        "Nghị quyết này quy định mức học phí đối với cơ sở giáo dục công lập và mức hỗ trợ học phí đối với trẻ em, "
        "học sinh dân lập, tư thục năm học 2025 - 2026 trên địa bàn tỉnh.", "",
        "2. Đối tượng áp dụng", "", "Trẻ em mầm non, học sinh phổ thông và các cơ sở giáo dục.", "",
        "Điều 2. Mức học phí", "",
        "1. Mức học phí giáo dục mầm non công lập là 80 nghìn đồng/tháng.", "",
        "2. Mức hỗ trợ học phí", "",
        "Mức học phí quy định tại khoản 1 Điều này là căn cứ để ngân sách nhà nước cấp bù tiền miễn học phí, đồng "
        "thời là mức hỗ trợ học phí đối với người học tại cơ sở giáo dục mầm non, phổ thông dân lập, tư thục.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(resolution, "nq.txt")
    private = kb.ask("hoc sinh truong tu thuc co duoc ho tro hoc phi theo muc nay khong")
    assert private.best is not None and _says(private.best.answer, "đồng thời là mức hỗ trợ học phí"), private
    scope = kb.ask("nghi quyet quy dinh hoc phi cho nam hoc nao")
    assert scope.best is not None and _says(scope.best.answer, "năm học 2025 - 2026"), scope


def test_an_abbreviation_inside_a_longer_name_is_found_so_nn_mt_finds_so_nong_nghiep_va_moi_truong(
    samples: KnowledgeBase,
) -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "Số: 624/KH-UBND", "Hà Tĩnh, ngày 10 tháng 11 năm 2025", "", "KẾ HOẠCH",
        "Phát triển giáo dục mầm non tại khu công nghiệp", "", "V. TỔ CHỨC THỰC HIỆN", "",
        "1. Sở Giáo dục và Đào tạo", "", "Chủ trì, phối hợp với các sở, ngành xây dựng kế hoạch, triển khai thực "
        "hiện Chương trình; hướng dẫn, kiểm tra, giám sát tình hình thực hiện nhiệm vụ.", "",
        "2. Sở Nông", "nghiệp và Môi trường", "",
        "Tăng cường công tác quy hoạch, bố trí quỹ đất để xây dựng phát triển trường, lớp mầm non theo quy định.", "",
        "3. Các sở, cơ quan trực thuộc Sở và các cơ quan liên quan trong phạm vi chức năng, nhiệm vụ của mình tổ "
        "chức triển khai thực hiện Kế hoạch.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(plan, "kh.txt")])  # as the bot is deployed
    answer = kb.ask("So NN&MT duoc giao nhiem vu gi trong KH mam non")
    assert answer.best is not None and _says(answer.best.answer, "bố trí quỹ đất"), answer


def test_khcn_finds_a_department_named_khoa_hoc_va_cong_nghe(samples: KnowledgeBase) -> None:
    directive = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 12/CT-UBND", "Đắk Lắk, ngày 26 tháng 11 năm 2025", "", "CHỈ THỊ",
        "Về đẩy mạnh cải cách thủ tục hành chính", "", "1. Văn phòng UBND tỉnh", "",
        "Theo dõi, đôn đốc các sở, ngành thực hiện Chỉ thị; tổng hợp kết quả báo cáo Chủ tịch UBND tỉnh.", "",
        "2. Sở Khoa học và Công nghệ: Chủ trì thực hiện nhiệm vụ tối ưu hóa Hệ thống thông tin giải quyết thủ tục "
        "hành chính tỉnh, bảo đảm kết nối thông suốt.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(directive, "ct.txt")])
    answer = kb.ask("So KHCN co nhiem vu gi trong chi thi")  # the samples speak of "khoa học công nghệ" often
    assert answer.best is not None and _says(answer.best.answer, "tối ưu hóa Hệ thống thông tin"), answer


def test_an_introduction_ending_in_a_colon_is_answered_with_its_lettered_items() -> None:
    rule = "\n".join([
        "BAN BÍ THƯ", "Số: 383-QĐ/TW", "Hà Nội, ngày 19 tháng 11 năm 2025", "", "QUY ĐỊNH", "Về Phông lưu trữ", "",
        "Điều 17. Số hoá tài liệu lưu trữ", "",
        "1. Tài liệu lưu trữ được số hoá theo kế hoạch của cơ quan lưu trữ.", "",
        "2. Bản số hoá tài liệu lưu trữ có giá trị pháp lý như tài liệu được số hoá khi đáp ứng các yêu cầu sau:", "",
        "a) Thông tin trong bản số hoá bảo đảm toàn vẹn như thông tin trong tài liệu được số hoá.", "",
        "b) Có khả năng truy cập và sử dụng.", "",
        "c) Có dấu hiệu nhận biết do được số hoá và được cơ quan có thẩm quyền xác thực.", "",
        "3. Cơ quan lưu trữ lập danh mục tài liệu số hoá.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(rule, "qd.txt")
    answer = kb.ask("ban so hoa tai lieu luu tru co gia tri phap ly khi dap ung nhung yeu cau nao")
    assert answer.best is not None and _says(
        answer.best.answer, "a) Thông tin", "b) Có khả năng truy cập và sử dụng", "c) Có dấu hiệu nhận biết"), answer
    assert not _says(answer.best.answer, "lập danh mục"), answer


def test_a_report_asked_by_its_date_is_not_a_question_about_a_documents_number() -> None:
    letter = "\n".join([
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Số: 5120/UBND-KT", "Hà Nội, ngày 20 tháng 11 năm 2025", "",
        "3. Trách nhiệm tổng hợp báo cáo hàng tháng, 6 tháng và hàng năm:", "",
        "- Báo cáo tháng: Sở Tài chính tổng hợp báo cáo tình hình thực hiện hoạt động đấu thầu của Thành phố trước "
        "ngày 10 hàng tháng.", "",
        "- Báo cáo 6 tháng, cả năm: Sở Tài chính tổng hợp báo cáo tình hình đấu thầu định kỳ 6 tháng trước ngày 30 "
        "tháng 6 và hàng năm trước ngày 30 tháng 01 theo Văn bản số 43-CV/TU ngày 12/11/2025.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(letter, "cv.txt")
    answer = kb.ask("So Tai chinh tong hop bao cao thang truoc ngay nao")
    assert answer.best is not None and _says(answer.best.answer, "trước ngày 10 hàng tháng"), answer
    assert not _says(answer.best.answer, "30 tháng 6"), answer


def test_muc_nao_asks_which_level_not_a_figure() -> None:
    resolution = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Số: 63/2025/NQ-HĐND", "Hà Nội, ngày 27 tháng 11 năm 2025", "",
        "NGHỊ QUYẾT", "Quy định mức chuẩn trợ giúp xã hội trên địa bàn Thành phố", "",
        "Điều 2. Mức chuẩn trợ giúp xã hội", "",
        "1. Mức chuẩn trợ giúp xã hội của thành phố Hà Nội là 650.000 đồng/tháng.", "",
        "2. Khi Trung ương thay đổi mức chuẩn trợ giúp xã hội cao hơn mức của Thành phố thì áp dụng theo mức của "
        "Trung ương.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(resolution, "nq.txt")
    answer = kb.ask("khi TW nang muc chuan cao hon muc cua HN thi ap dung muc nao")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "áp dụng theo mức của Trung ương")


def test_a_list_asked_by_its_title_is_answered_with_every_item_under_the_title() -> None:
    rule = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Số: 102/2025/QĐ-UBND", "Phú Thọ, ngày 18 tháng 11 năm 2025", "",
        "QUY CHẾ", "Phối hợp quản lý nhà nước về tín ngưỡng, tôn giáo", "",
        "Điều 4. Hình thức phối hợp", "",
        "1. Tổ chức cuộc họp, hội nghị, hội thảo để trao đổi, lấy ý kiến.", "",
        "2. Gửi văn bản để cung cấp thông tin, lấy ý kiến.", "",
        "3. Thông qua công tác thanh tra, kiểm tra liên ngành.", "",
        "Điều 11. Trách nhiệm của các sở", "",
        "1. Sở Văn hóa, Thể thao và Du lịch: Phối hợp thẩm định nội dung, hình thức xử lý tài liệu có nội dung liên "
        "quan đến tín ngưỡng, tôn giáo không rõ nguồn gốc.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(rule, "qc.txt")
    answer = kb.ask("cac hinh thuc phoi hop gom nhung gi")
    assert answer.best is not None and _says(
        answer.best.answer, "Hình thức phối hợp:", "hội nghị, hội thảo", "Gửi văn bản để cung cấp thông tin"), answer


def test_a_bodys_tasks_are_every_dash_item_under_the_heading_that_names_it() -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Số: 2820/QĐ-UBND", "TP. Hồ Chí Minh, ngày 19 tháng 11 năm 2025", "",
        "KẾ HOẠCH", "Xây dựng cơ sở dữ liệu quy hoạch", "", "IV. TỔ CHỨC THỰC HIỆN", "",
        "5. Sở Tài chính:", "", "- Chủ trì theo dõi, tổng hợp tiến độ thực hiện Kế hoạch.", "",
        "6. Ủy ban nhân dân phường, xã, đặc khu:", "",
        "- Phối hợp tổ chức thu thập, số hóa dữ liệu quy hoạch cấp phường, xã, đặc khu.", "",
        "- Kiểm tra, xác minh tính chính xác của dữ liệu trước khi gửi về cấp trên.", "",
        "- Chịu trách nhiệm về nội dung thông tin do Ủy ban nhân dân phường, xã, đặc khu cung cấp.", "",
    ])  # fmt: skip
    kb = _beside_ward_plan(plan, "kh.txt")
    answer = kb.ask("Ủy ban nhân dân phường, xã, đặc khu có nhiệm vụ gì trong kế hoạch này")
    assert answer.best is not None and _says(
        answer.best.answer, "số hóa dữ liệu quy hoạch", "Kiểm tra, xác minh", "Chịu trách nhiệm về nội dung"), answer
    assert not _says(answer.best.answer, "tổng hợp tiến độ"), answer


def test_a_body_named_only_in_a_rows_partner_cell_is_not_the_one_whose_tasks_are_asked() -> None:
    from knowledge.agreement import acting_bodies, only_as_object

    asked = acting_bodies("UBND phuong xa dac khu co nhiem vu gi trong ke hoach nay")
    row = ("Nhiệm vụ: Đề xuất UBND Thành phố điều chỉnh, bổ sung nhiệm vụ; Cơ quan chủ trì: Sở Tài chính; Cơ quan "
           "phối hợp: Các sở, ngành, UBND xã, phường, đặc khu; Thời gian dự kiến hoàn thành: Khi có phát sinh")
    assert only_as_object(asked, row)  # written "UBND xã, phường", in the partners' cell only
    leading = "Cơ quan chủ trì: UBND xã, phường, đặc khu; Cơ quan phối hợp: Các sở, ngành"
    assert not only_as_object(asked, leading)
    assert not only_as_object(acting_bodies("So Y te chu tri viec gi"), "Sở Y tế chủ trì, phối hợp với Sở Tài chính")


def test_ubnd_tinh_is_found_side_by_side_not_as_ubnd_somewhere_and_tinh_hinh_elsewhere() -> None:
    plan = "\n".join([
        "IV. CHẾ ĐỘ BÁO CÁO", "",
        "1. Hằng quý, Văn phòng tổng hợp tình hình, báo cáo UBND thị xã.", "",
        "2. Hằng quý, Phòng Kinh tế tổng hợp kết quả thực hiện, báo cáo UBND tỉnh.", "",
    ])  # fmt: skip
    answer = KnowledgeBase.from_documents([parse_text(plan, "kh.txt")]).ask("hang quy ai bao cao UBND tinh")
    assert answer.best is not None and _says(answer.best.answer, "báo cáo UBND tỉnh"), answer


def test_a_task_under_a_bodys_heading_that_opens_with_chu_tri_names_who_acts() -> None:
    from knowledge.index import FLAG_PERSON

    plan = "\n".join(["IV. TỔ CHỨC THỰC HIỆN", "", "1. Sở Nông nghiệp và Môi trường", "",
                      "Chủ trì tổ chức quan trắc môi trường vùng nuôi trồng thủy sản.", ""])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(plan, "kh.txt")])
    [task] = [p for p in range(kb.index.size) if "quan trắc" in kb.answerer.store.text(p)]
    assert kb.index.flags[task] & FLAG_PERSON  # "Chủ trì" with a capital is "chủ trì"


def test_a_bodys_tasks_are_not_a_sentence_where_another_body_urges_it_on(samples: KnowledgeBase) -> None:
    plan = "\n".join([
        "IV. TỔ CHỨC THỰC HIỆN", "",
        "1. Sở Nội vụ chịu trách nhiệm về việc báo cáo, đề nghị ban hành và nội dung Kế hoạch này. Tham mưu Ủy ban "
        "nhân dân Thành phố theo dõi, kiểm tra, đôn đốc các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu "
        "triển khai thực hiện nhiệm vụ được nêu trong Kế hoạch.", "",
        "2. Các cơ quan, đơn vị được giao chủ trì có trách nhiệm hoàn thành nhiệm vụ được phân công, bảo đảm tiến độ "
        "và nội dung công việc.", "",
        "3. Thủ trưởng các sở, ban, ngành và Ủy ban nhân dân phường, xã, đặc khu chịu trách nhiệm triển khai, thực "
        "hiện Kế hoạch này và báo cáo kết quả thực hiện về Ủy ban nhân dân Thành phố (thông qua Sở Nội vụ để tổng "
        "hợp).", "",
        "Trong quá trình triển khai thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, đề nghị các sở, ban, ngành, Ủy "
        "ban nhân dân phường, xã, đặc khu kịp thời phản ánh về Ủy ban nhân dân Thành phố (thông qua Sở Nội vụ).", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(plan, "kh.txt")])  # as the bot is deployed
    answer = kb.ask("ubnd phuong co nhiem vu gi")  # "UBND" is "Ủy ban nhân dân" whom Sở Nội vụ urges on in item 1
    assert answer.best is not None and _says(answer.best.answer, "chịu trách nhiệm triển khai"), answer


@pytest.mark.parametrize(("question", "says"), [
    ("han bc kq thuc hien ke hoach", "trước ngày 15/12/2025"),
    ("nhiem vu phong vh-xh phuong", "tuyên truyền, hướng dẫn người dân"),
    ("phong VHXH lam gi", "tuyên truyền, hướng dẫn người dân"),
])
def test_cadre_shorthand_bc_kq_and_vh_xh_is_read_as_bao_cao_ket_qua_and_van_hoa_xa_hoi(
        samples: KnowledgeBase, question: str, says: str) -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN PHƯỜNG AN KHÁNH", "Số: 88/KH-UBND", "An Khánh, ngày 10 tháng 11 năm 2025", "", "KẾ HOẠCH",
        "Triển khai dịch vụ công trực tuyến toàn trình", "", "I. NHIỆM VỤ", "",
        "1. Phòng Văn hóa - Xã hội phường: tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến.", "",
        "2. Văn phòng HĐND và UBND phường tổng hợp, báo cáo kết quả thực hiện Kế hoạch về UBND Thành phố trước ngày "
        "15/12/2025.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(plan, "kh.txt")])
    answer = kb.ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, says), answer


def test_xong_in_a_question_finds_hoan_thanh_in_the_document(samples: KnowledgeBase) -> None:
    telegram = "\n".join([
        "THỦ TƯỚNG CHÍNH PHỦ", "Số: 230/CĐ-TTg", "Hà Nội, ngày 26 tháng 11 năm 2025", "", "CÔNG ĐIỆN",
        "Về việc rà soát các dự án tồn đọng", "",
        "1. Cơ quan thanh tra khẩn trương hoàn thành việc thanh tra và ban hành kết luận trước ngày 26/12/2025.", "",
        "2. Bộ Tài chính đôn đốc các bộ, cơ quan, địa phương thực hiện Công điện.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(telegram, "cd.txt")])
    answer = kb.ask("co quan thanh tra phai xong truoc ngay nao")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "trước ngày 26/12/2025"), answer


def test_a_deadline_asked_is_answered_by_the_duty_with_its_time_limit_not_by_the_day_of_a_meeting(
        samples: KnowledgeBase) -> None:
    telegram = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "Số: 12/CĐ-UBND", "Khánh Hòa, ngày 21 tháng 11 năm 2025", "", "CÔNG ĐIỆN",
        "Về khắc phục hậu quả mưa lũ", "",
        "1. Ngày 20/11/2025, Ủy ban nhân dân tỉnh họp nghe các xã báo cáo kết quả khắc phục hậu quả mưa lũ.", "",
        "2. Các xã gửi báo cáo kết quả khắc phục về Sở Nông nghiệp và Môi trường trước ngày 15/12/2025.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(telegram, "cd.txt")])
    answer = kb.ask("han chot cac xa bao cao ket qua khac phuc")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "trước ngày 15/12/2025"), answer


def test_a_time_limit_asked_as_how_long_is_answered_by_the_hours_not_by_a_dated_deadline(
        samples: KnowledgeBase) -> None:
    rule = "\n".join([
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "Số: 384-QĐ/TW", "Hà Nội, ngày 20 tháng 11 năm 2025", "", "QUY ĐỊNH",
        "Về kết nối, chia sẻ dữ liệu", "",
        "Điều 9. Khi phát hiện vi phạm, chủ quản dữ liệu thông báo cho cơ quan khai thác trong thời hạn 24 giờ.", "",
        "Điều 10. Chủ quản dữ liệu báo cáo kết quả khắc phục vi phạm cho cơ quan khai thác trước ngày 15/12/2025.",
        "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(rule, "qd.txt")])
    answer = kb.ask("phat hien vi pham phai thong bao co quan khai thac cham nhat bao lau")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "24 giờ"), answer


@pytest.mark.parametrize("question", [
    "quy che phoi hop tin nguong ton giao co hiue luc tu ngay nao",
    "QD 102 co hieu luc khi nao",
])
def test_when_a_document_takes_effect_is_answered_by_its_own_statement_of_effect(
        samples: KnowledgeBase, question: str) -> None:
    decision = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Số: 102/2025/QĐ-UBND", "Phú Thọ, ngày 18 tháng 11 năm 2025", "",
        "QUYẾT ĐỊNH", "Ban hành Quy chế phối hợp trong công tác quản lý nhà nước về tín ngưỡng, tôn giáo", "",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp trong công tác quản lý nhà nước về tín ngưỡng, "
        "tôn giáo trên địa bàn tỉnh.", "",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 12 năm 2025.", "",
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở chịu trách nhiệm thi hành Quyết định này.", "",
        "QUY CHẾ", "Phối hợp trong công tác quản lý nhà nước về tín ngưỡng, tôn giáo", "",
        "Điều 1. Quy chế này quy định nguyên tắc, nội dung, hình thức phối hợp trong công tác quản lý nhà nước về "
        "tín ngưỡng, tôn giáo.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(decision, "qd.txt")])
    answer = kb.ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, "01 tháng 12 năm 2025"), answer


def test_a_time_counted_from_a_documents_effect_is_not_asked_as_its_date_of_effect(samples: KnowledgeBase) -> None:
    rule = "\n".join([
        "BAN BÍ THƯ", "Số: 383-QĐ/TW", "Hà Nội, ngày 19 tháng 11 năm 2025", "", "QUY ĐỊNH", "Về Phông lưu trữ", "",
        "Điều 19. Trong thời hạn 5 năm, các cơ quan, tổ chức đảng phải chỉnh lý xong tài liệu hình thành trước "
        "khi Quy định này có hiệu lực thi hành.", "",
        "Điều 20. Quy định này thay thế Quy định số 270-QĐ/TW, ngày 06/12/2014 của Ban Bí thư và có hiệu lực thi hành "
        "từ ngày ký.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(rule, "qd.txt")])
    answer = kb.ask("cac to chuc dang phai chinh ly xong tai lieu hinh thanh truoc khi QD 383 co hieu luc trong "
                    "thoi han bao lau")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "5 năm"), answer
    answer = kb.ask("QD 383 co hieu luc tu khi nao")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "từ ngày ký"), answer


def test_a_list_whose_whole_title_the_question_asks_answers_it(samples: KnowledgeBase) -> None:
    resolution = "\n".join([
        "HỘI ĐỒNG NHÂN DÂN TỈNH VĨNH LONG", "Số: 20/2025/NQ-HĐND", "Vĩnh Long, ngày 18 tháng 11 năm 2025", "",
        "NGHỊ QUYẾT", "Quy định mức học phí năm học 2025 - 2026", "",
        "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng", "",
        "1. Phạm vi điều chỉnh", "",
        "a) Nghị quyết này quy định mức học phí đối với cơ sở giáo dục công lập năm học 2025 - 2026.", "",
        "b) Các nội dung khác không quy định tại Nghị quyết này được thực hiện theo Nghị định số 238/2025/NĐ-CP.", "",
        "2. Đối tượng áp dụng", "",
        "a) Trẻ em mầm non, học sinh phổ thông, người học chương trình giáo dục thường xuyên.", "",
        "b) Các cơ sở giáo dục mầm non, giáo dục phổ thông công lập.", "",
        "Điều 2. Mức học phí", "",
        "1. Mức học phí đối với cơ sở giáo dục mầm non công lập là 100.000 đồng/tháng.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(resolution, "nq.txt")])
    answer = kb.ask("doi tuong ap dung cua NQ hoc phi gom nhung ai")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "Trẻ em mầm non"), answer


def test_where_a_conclusion_is_sent_is_answered_by_its_recipients(samples: KnowledgeBase) -> None:
    conclusion = "\n".join([
        "BAN CHẤP HÀNH TRUNG ƯƠNG", "ĐẢNG CỘNG SẢN VIỆT NAM", "Số 221-KL/TW", "Hà Nội, ngày 28 tháng 11 năm 2025", "",
        "KẾT LUẬN", "CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ", "VỀ TÌNH HÌNH HOẠT ĐỘNG CỦA CHÍNH QUYỀN ĐỊA PHƯƠNG 2 CẤP", "",
        "1. Yêu cầu các cấp uỷ gửi đến Ban Tổ chức Trung ương báo cáo kết quả thực hiện trước ngày 15/12/2025.", "",
        "T/M BỘ CHÍNH TRỊ", "Trần Cẩm Tú", "",
        "Nơi nhận:", "- Các tỉnh uỷ, thành uỷ,", "- Đảng uỷ các bộ, ngành Trung ương,",
        "- Lưu Văn phòng Trung ương Đảng.",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(conclusion, "kl.txt")])
    answer = kb.ask("KL 221 gui den nhung noi nao")
    assert answer.found and answer.best is not None and _says(answer.best.answer, "Các tỉnh uỷ, thành uỷ"), answer


@pytest.mark.parametrize(("question", "says"), [
    ("ten phong trao thi dua trong KH 0125 la gi", "thực hiện thành công cuộc bầu cử đại biểu Quốc hội"),
    ("Ban Chi dao 934 la ban chi dao gi", "Ban Chỉ đạo phát triển khoa học, công nghệ của tỉnh"),
])
def test_a_name_asked_is_answered_where_the_document_defines_its_short_form(
        samples: KnowledgeBase, question: str, says: str) -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 0125/KH-UBND", "Đắk Lắk, ngày 10 tháng 10 năm 2025", "", "KẾ HOẠCH",
        "Phát động phong trào thi đua", "",
        "UBND tỉnh ban hành Kế hoạch phát động phong trào thi đua thực hiện thành công cuộc bầu cử đại biểu Quốc hội "
        "khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031 (gọi tắt là phong trào thi đua), cụ "
        "thể như sau:", "",
        "I. MỤC ĐÍCH, YÊU CẦU", "",
        "1. Các cơ quan, đơn vị coi việc thực hiện phong trào thi đua là nhiệm vụ quan trọng trong năm.", "",
        "2. Thời gian tổ chức phong trào thi đua từ tháng 10 năm 2025 đến hết tháng 3 năm 2026.", "",
        "3. Ban Chỉ đạo phát triển khoa học, công nghệ của tỉnh (sau đây gọi tắt là Ban Chỉ đạo 934) theo dõi phong "
        "trào.", "",
        "4. Tiểu ban giúp việc Ban Chỉ đạo 934 giải quyết các vấn đề thuộc thẩm quyền.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(plan, "kh.txt")])
    answer = kb.ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, says), answer


@pytest.mark.parametrize(("question", "says"), [
    ("nhiem vu cua so xay dung", "Hướng dẫn UBND các xã, phường lựa chọn điểm tập kết"),
    ("nhiem vu cua cong an tinh", "Bảo đảm an ninh, trật tự tại các điểm"),
])
def test_the_tasks_of_a_body_come_from_a_passage_that_names_it_not_from_another_documents_words(
        samples: KnowledgeBase, question: str, says: str) -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "Số: 0129/KH-UBND", "Đắk Lắk, ngày 20 tháng 11 năm 2025", "", "KẾ HOẠCH",
        "Hỗ trợ nhu yếu phẩm cho người dân vùng lũ", "", "IV. PHÂN CÔNG NHIỆM VỤ", "", "1. Sở Xây dựng:", "",
        "- Hướng dẫn UBND các xã, phường lựa chọn điểm tập kết - cấp phát bảo đảm an toàn.", "",
        "- Rà soát, cập nhật điểm ngập sâu, sạt lở, ách tắc trên các tuyến vận chuyển.", "", "2. Công an tỉnh:", "",
        "- Bảo đảm an ninh, trật tự tại các điểm tập kết, cấp phát.", "",
        "- Điều tiết giao thông trên tuyến vận chuyển hàng cứu trợ.", "",
    ])  # fmt: skip
    notice = "\n".join([
        "VĂN PHÒNG CHÍNH PHỦ", "Số: 641/TB-VPCP", "Hà Nội, ngày 22 tháng 11 năm 2025", "", "THÔNG BÁO",
        "Kết luận của Phó Thủ tướng tại buổi làm việc với thành phố Đà Nẵng", "",
        "1. Cấp ủy, chính quyền Thành phố phải xác định việc xây dựng và vận hành hiệu quả chính quyền địa phương "
        "02 cấp là nhiệm vụ hết sức quan trọng, nhiệm vụ trọng tâm của cả hệ thống chính trị.", "",
        "2. Các bộ, ngành trên cơ sở nhiệm vụ được giao hoàn thiện cơ sở dữ liệu quốc gia, bảo đảm an ninh mạng, "
        "xây dựng dữ liệu dùng chung của tỉnh.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([*samples.documents, parse_text(plan, "kh.txt"), parse_text(notice, "tb.txt")])
    answer = kb.ask(question)
    assert answer.found and answer.best is not None and _says(answer.best.answer, says), answer
