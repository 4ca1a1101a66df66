"""Wording of answers to questions: citations, choices offered, the honest "no answer"."""

from __future__ import annotations

from handlers.wording.text import shorten
from knowledge.answering import Candidate, Source

CHOICES_HINT = "Có phải bạn muốn hỏi:"


TOPICS_HINT = "Các chủ đề gần nhất trong văn bản:"


EMPTY_QUESTION = "Bạn muốn hỏi gì? Ví dụ: /hoi chỉ tiêu tỷ lệ tham gia BHYT"


NO_DOCUMENTS = "Chưa có văn bản nào được nạp. Quản trị viên cần thêm văn bản vào thư mục nguồn."


NOT_FOUND = "Mình chưa tìm thấy nội dung này trong các văn bản đã nạp."


NOT_FOUND_TIP = "Bạn thử hỏi cụ thể hơn (tên chỉ tiêu, đơn vị, năm), hoặc gõ /vanban để xem các văn bản."


NO_CHOICE = "Không có lựa chọn số {number}. Hãy gửi lại câu hỏi nhé."


def citation(source: Source) -> str:
    """The line that says where an answer stands: "📄 Nghị quyết 09-NQ/TU — mục I › 2 › (3)"."""
    where = f"mục {source.section}" if source.section else "phần đầu văn bản"
    return f"📄 {source.title} — {where}"


def short_citation(document: str, section: str) -> str:
    """A compact "[09-NQ/TU, I › 2]" for list items."""
    return f"[{document}, {section}]" if section else f"[{document}]"


def choice_label(candidate: Candidate, best: Candidate | None = None) -> str:
    """A button label for an alternative answer; one from another document says which ("KH 48/KH-UBND (2024): …")."""
    if best is not None and candidate.source.document != best.source.document:
        return shorten(f"{candidate.source.label}: {candidate.answer}", 60)
    return shorten(candidate.answer, 60)


def not_found() -> str:
    """The honest "no answer"; the nearest topics follow as choices."""
    return f"{NOT_FOUND}\n{NOT_FOUND_TIP}"


NO_OPEN_CHOICES = "Không có danh sách gợi ý nào đang chờ chọn số. Hãy gõ câu hỏi, ví dụ: chỉ tiêu BHYT."
CHOICES_GONE = "Danh sách gợi ý này không còn. Bạn gửi lại câu hỏi nhé."
STALE_CHOICES = ("Danh sách có số để chọn gần nhất là từ {at:%H:%M} ngày {at:%d/%m}, đã cũ. Bạn gửi lại câu hỏi "
                 "hoặc lệnh để có danh sách mới nhé.")
NO_SUCH_NUMBER = "Không có số {number}: danh sách vừa rồi đánh số từ 1 đến {count}."
