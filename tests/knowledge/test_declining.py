"""Declining: questions on nearby topics that the loaded directives name but do not answer get "không tìm thấy"."""

from __future__ import annotations

from knowledge.base import KnowledgeBase
from knowledge.parsing import parse_text

PROPAGANDA = "\n".join([
    "ỦY BAN NHÂN DÂN", "XÃ HÒA AN", "Số: 30/KH-UBND", "Hòa An, ngày 05 tháng 02 năm 2025", "", "KẾ HOẠCH",
    "Tuyên truyền các nghị quyết, kết luận của Đảng năm 2025", "",
    "I. NỘI DUNG", "",
    "1. Tuyên truyền Kết luận số 64-KL/TW ngày 18/10/2023 của Hội nghị Trung ương 8 khóa XIII về kinh tế - xã hội.",
    "",
    "2. Tuyên truyền về kỷ luật, kỷ cương của Đảng theo Kết luận số 54-KL/TW ngày 09/5/2023 của Ban Bí thư.", "",
    "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Tâm",
])  # fmt: skip


def test_a_document_number_asked_is_not_half_matched_by_the_kind_of_another_cited_document() -> None:
    kb = KnowledgeBase.from_documents([parse_text(PROPAGANDA, "kh-30.txt")])
    # No loaded document is or cites 127-KL/TW: "KL" and "TW" of 64-KL/TW are not half of it.
    assert not kb.ask("ai ky ket luan 127-KL/TW").found
    assert kb.ask("ket luan 64-KL/TW cua hoi nghi TW may").found


HOTLINE = "\n".join([
    "I. GIẢI PHÁP", "",
    "1. Vận hành có hiệu quả đường dây nóng ở địa phương để tiếp nhận và xử lý kịp thời thông tin phản ánh về xả "
    "rác bừa bãi.", "",
    "2. Mọi vướng mắc về đấu thầu liên hệ Phòng Kinh tế, số điện thoại 0243.8253.536 để được hướng dẫn.", "",
])  # fmt: skip


def test_a_telephone_number_asked_is_answered_only_by_a_passage_that_states_one() -> None:
    kb = KnowledgeBase.from_documents([parse_text(HOTLINE, "kh.txt")])
    assert not kb.ask("so dien thoai duong day nong tiep nhan phan anh xa rac bua bai la so nao").found
    answer = kb.ask("vuong mac ve dau thau lien he so dien thoai nao")
    assert answer.found and answer.best is not None and "0243.8253.536" in answer.best.answer


RELIGION = "\n".join([
    "Điều 5. Trách nhiệm của Ủy ban nhân dân cấp xã", "",
    "1. Thống kê, quản lý các cơ sở tín ngưỡng, tôn giáo hiện có trên địa bàn; hướng dẫn các cơ sở tín ngưỡng đăng "
    "ký hoạt động.", "",
    "2. Báo cáo Ủy ban nhân dân tỉnh về hoạt động của các cơ sở tín ngưỡng, tôn giáo.", "",
])  # fmt: skip


def test_how_many_is_not_answered_by_a_passage_that_states_no_figure() -> None:
    kb = KnowledgeBase.from_documents([parse_text(RELIGION, "qc.txt")])
    assert not kb.ask("hien co bao nhieu co so tin nguong, ton giao tren dia ban").found
    counted = RELIGION + "\n3. Hiện nay trên địa bàn có 126 cơ sở tín ngưỡng, tôn giáo đang hoạt động.\n"
    answer = KnowledgeBase.from_documents([parse_text(counted, "qc.txt")]).ask(
        "hien co bao nhieu co so tin nguong, ton giao tren dia ban")
    assert answer.found and answer.best is not None and "126" in answer.best.answer


def test_which_day_asked_of_a_duty_the_document_gives_no_day_is_declined() -> None:
    plan = "\n".join([
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN", "Số: 1026/KH-UBND", "Nghệ An, ngày 20 tháng 11 năm 2025", "", "KẾ HOẠCH",
        "Bảo vệ bí mật nhà nước năm 2026", "",
        "1. Giao Công an tỉnh chủ trì theo dõi, hướng dẫn, kiểm tra việc thực hiện Kế hoạch này; định kỳ báo cáo "
        "kết quả thực hiện về Ủy ban nhân dân tỉnh.", "",
        "2. Các sở, ngành tổ chức ra quân tổng vệ sinh môi trường vào sáng Chủ nhật hằng tuần.", "",
    ])  # fmt: skip
    kb = KnowledgeBase.from_documents([parse_text(plan, "kh.txt")])
    assert not kb.ask("han chot cac so bao cao ket qua thuc hien KH 1026 ve Cong an tinh la ngay nao").found
    answer = kb.ask("tong ve sinh moi truong vao ngay nao trong tuan")
    assert answer.found and answer.best is not None and "Chủ nhật" in answer.best.answer
