"""Wording of answers to questions: citations, choices offered, the honest "no answer"."""

from __future__ import annotations

import re

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


LABEL = 60  # characters of a button: what a phone shows of it
_TAG = 26  # at most this much of a label names another document
_HEAD_RE = re.compile(r"^(?P<head>[^:;.?!]{3,120}?):\s+(?:[-–•+]\s*)?")  # "Các cơ sở giáo dục trực thuộc Sở: - "
_ROW_RE = re.compile(r"^[^:;]{2,40}:\s.+?;\s[^:;]{2,40}:\s")  # "Nội dung/nhiệm vụ: …; Cơ quan chủ trì: …"


def choice_label(candidate: Candidate, best: Candidate | None = None) -> str:
    """A button label for an alternative answer; one from another document says which ("KH 48/KH-UBND (2024): …")."""
    return choice_labels([candidate], best)[0]


def choice_labels(candidates: list[Candidate], best: Candidate | None = None) -> list[str]:
    """Button labels for alternative answers that tell apart on a phone: a lead they share with the answer shown or
    with each other ("Giao Đảng ủy … chủ trì …: - …") and a table row's first column name are left out, choices
    still alike show where they differ, and another document is named in a few words."""
    heads = [_head(item.answer) for item in ([best] if best else []) + candidates]
    shared = {head for head in heads if head and heads.count(head) > 1}
    bodies = []
    for item in candidates:
        text = " ".join(item.answer.split())
        lead = _HEAD_RE.match(text)
        if lead and (lead["head"] in shared or _ROW_RE.match(text)) and text[lead.end():].strip():
            text = text[lead.end():]
        bodies.append(text)
    tags = [_tag(item.source) if best is not None and item.source.document != best.source.document else ""
            for item in candidates]
    labels = [shorten(tag + body, LABEL) for tag, body in zip(tags, bodies, strict=True)]
    for number, label in enumerate(labels):
        alike = [other for other, seen in enumerate(labels) if seen == label]
        if len(alike) > 1 and number == alike[0]:
            for other, body in zip(alike, _differing([bodies[index] for index in alike]), strict=True):
                labels[other] = shorten(tags[other] + body, LABEL)
    return labels


def _head(text: str) -> str:
    lead = _HEAD_RE.match(" ".join(text.split()))
    return lead["head"] if lead else ""


def _tag(source: Source) -> str:
    """Another document named before a choice: its short name whole (without its year when that is too long), a
    long title cut at a word."""
    name = source.label if len(source.label) <= _TAG else source.title
    return f"{name if len(name) <= _TAG else shorten(name, _TAG - 4)}: "


def _differing(bodies: list[str]) -> list[str]:
    """Texts that begin alike, each from a little before where they part ("…, trong đó tự đánh giá …")."""
    words = [body.split() for body in bodies]
    common = 0
    while all(len(item) > common for item in words) and len({item[common] for item in words}) == 1:
        common += 1
    start = max(0, common - 3)  # a few words of what they share, to read the difference in context
    return [("…" if start else "") + " ".join(item[start:]) if len(item) > start else " ".join(item)
            for item in words]


def not_found() -> str:
    """The honest "no answer"; the nearest topics follow as choices."""
    return f"{NOT_FOUND}\n{NOT_FOUND_TIP}"


NO_OPEN_CHOICES = "Không có danh sách gợi ý nào đang chờ chọn số. Hãy gõ câu hỏi, ví dụ: chỉ tiêu BHYT."
CHOICES_GONE = "Danh sách gợi ý này không còn. Bạn gửi lại câu hỏi nhé."
STALE_CHOICES = ("Danh sách có số để chọn gần nhất là từ {at:%H:%M} ngày {at:%d/%m}, đã cũ. Bạn gửi lại câu hỏi "
                 "hoặc lệnh để có danh sách mới nhé.")
NO_SUCH_NUMBER = "Không có số {number}: danh sách vừa rồi đánh số từ 1 đến {count}."
