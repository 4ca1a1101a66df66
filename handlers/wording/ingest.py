"""Wording of documents sent to the bot (ingest)."""

from __future__ import annotations

from datetime import date

from handlers.wording.documents import deadline_when
from handlers.wording.text import shorten
from knowledge.model import Deadline, DocumentInfo

INGEST_HINT = ("Để nạp văn bản: gửi tệp .docx, .pdf hoặc .txt cho bot trên Telegram (trong nhóm: kèm chú thích "
               "/nap hoặc trả lời tin của bot). Chỉ quản trị viên được nạp.")


INGEST_NOT_ALLOWED = ("Chỉ quản trị viên (hoặc quản trị viên của nhóm này) mới được nạp văn bản. "
                      "Tệp «{name}» chưa được lưu.")


INGEST_TOO_LARGE = "Tệp «{name}» nặng {size}, quá giới hạn {limit} bot tải được. Chưa lưu gì."


INGEST_UNSUPPORTED = "Chưa nhận tệp «{name}»: bot đọc được {formats}. Chưa lưu gì."


INGEST_UNREADABLE = "Không đọc được «{name}»: {reason}. Chưa lưu gì."


INGEST_NOT_DOWNLOADED = "Không tải được tệp «{name}» ({reason}). Bạn gửi lại sau ít phút nhé."


INGEST_PRESENT = "Văn bản này đã có: {document} (tệp {file}). Không lưu thêm."


INGEST_OLDER = "Đã có bản mới hơn: {document} (tệp {file}). Không thay bản đang dùng."


ZALO_NO_FILES = ("Trên Zalo bot chỉ đọc được tin nhắn chữ. Muốn nạp văn bản, hãy gửi tệp cho bot trên Telegram "
                 "hoặc nhờ quản trị viên chép vào thư mục văn bản.")


def file_size(size: int) -> str:
    """"850 KB", "20 MB"."""
    return f"{size / 1_048_576:.3g} MB".replace(".", ",") if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


def document_counts(sections: int, passages: int, targets: int, deadlines: int, assignments: int) -> str:
    """"12 mục, 85 đoạn, 5 chỉ tiêu, 7 mốc thời hạn, 9 phân công"."""
    return (f"{sections} mục, {passages} đoạn, {targets} chỉ tiêu, {deadlines} mốc thời hạn, "
            f"{assignments} phân công")


def document_identity(info: DocumentInfo) -> str:
    """"Kế hoạch 159/KH-UBND ngày 19/11/2025 (UBND thành phố Cần Thơ)"."""
    issued = f" ngày {info.issued:%d/%m/%Y}" if info.issued else ""
    return f"{info.display_name}{issued}" + (f" ({info.issuer})" if info.issuer else "")


def stored_note(outcome: str, file: str, other: str, other_name: str, removed: bool) -> str:
    """What was done with an ingested file: added, kept under a free name, or put in place of an older version."""
    if outcome == "renamed":
        return f"Đã có tệp khác cùng tên nên lưu với tên «{file}»."
    if outcome == "replaced":
        gone = "bản cũ đã gỡ khỏi thư mục" if removed else "bot dùng bản mới"
        return f"Thay cho bản trước: {other_name} (tệp {other}); {gone}."
    return f"Đã lưu vào thư mục văn bản: «{file}»."


def ingested(name: str, info: DocumentInfo, counts: str, missing: list[str], notes: list[str], stored: str,
             deadlines: list[str], more: bool) -> str:
    """The reply to an ingested file: what the document is, what was found in it, the nearest deadlines."""
    lines = [f"📥 Đã nạp «{name}»: {document_identity(info)}"]
    if info.title and info.number:
        lines.append(f"Trích yếu: {shorten(info.title, 160)}")
    lines.append(f"Đọc được: {counts}.")
    if missing:
        lines.append(f"Chưa tìm thấy: {', '.join(missing)}.")
    if notes:
        lines.append(f"Ghi chú: {'; '.join(notes)}.")
    lines.append(stored)
    if deadlines:
        lines.append("Hạn gần nhất (gõ lệnh kèm số để được nhắc):")
        lines += deadlines
    if more:
        lines.append("Xem đủ các hạn bằng /hanchot.")
    return "\n".join(lines)


def ingested_deadline(number: int, deadline: Deadline, due: date | None, today: date) -> str:
    """One deadline of a just-ingested document, with the /theodoi number it has in /hanchot."""
    return f"• {deadline_when(deadline, due, today)}: {shorten(deadline.text, 90)} — /theodoi {number}"
