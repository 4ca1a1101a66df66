"""Small directives written for the tests: the same text as .txt or .docx, with a number, date, issuer and topic
of the test's choosing, so that copies, versions and different documents can be told apart."""

from __future__ import annotations

import io
from pathlib import Path

import docx

TOPICS = {
    "rac": ("Thu gom, phân loại rác thải sinh hoạt tại nguồn",
            ["Các thôn tổ chức ra quân tổng vệ sinh đường làng vào ngày Chủ nhật cuối tháng.",
             "Hộ gia đình phân loại rác hữu cơ và rác tái chế trước khi đổ vào điểm tập kết.",
             "Tỷ lệ hộ gia đình phân loại rác tại nguồn đạt từ 60% trở lên."]),
    "bhyt": ("Vận động người dân tham gia bảo hiểm y tế hộ gia đình",
             ["Cán bộ thôn đến từng nhà giải thích quyền lợi của người có thẻ bảo hiểm y tế.",
              "Trạm y tế xã tổ chức khám sàng lọc miễn phí cho người cao tuổi có thẻ.",
              "Tỷ lệ người dân tham gia bảo hiểm y tế đạt từ 95% trở lên."]),
    "giong": ("Hỗ trợ giống cây ăn quả cho hộ nghèo",
              ["Hội Nông dân xã lập danh sách hộ nghèo có đất vườn cần cải tạo.",
               "Mỗi hộ được nhận không quá 30 cây giống bưởi hoặc cam đã ghép.",
               "Cán bộ khuyến nông hướng dẫn kỹ thuật trồng và chăm sóc tại vườn."]),
}


def directive(number: str, day: str, topic: str = "rac", *, issuer: str = "XÃ AN BÌNH",
              report_by: str = "30/6/2026", extra: str = "") -> str:
    """A people's committee plan: header, title, tasks with a deadline, a target, the signature."""
    title, tasks = TOPICS[topic]
    d, m, y = day.split("/")
    lines = [
        "ỦY BAN NHÂN DÂN",
        issuer,
        f"Số: {number}" if number else "",
        f"{issuer.title()}, ngày {d} tháng {m} năm {y}",
        "",
        "KẾ HOẠCH",
        title,
        "",
        "I. MỤC ĐÍCH, YÊU CẦU",
        f"Triển khai kịp thời, đồng bộ công tác {title.lower()} trên địa bàn trong năm {y}.",
        "II. NHIỆM VỤ CỤ THỂ",
        *[f"{number_}. {task}" for number_, task in enumerate(tasks, start=1)],
        f"{len(tasks) + 1}. Trưởng các thôn báo cáo kết quả thực hiện về Ủy ban nhân dân xã trước ngày {report_by}.",
    ]
    if extra:
        lines.append(f"{len(tasks) + 2}. {extra}")
    lines += ["III. TỔ CHỨC THỰC HIỆN",
              "Văn phòng Ủy ban nhân dân xã theo dõi, tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân xã.",
              "", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Nguyễn Văn Bình"]
    return "\n".join(line for line in lines if line is not None) + "\n"


def docx_bytes(text: str) -> bytes:
    """The same text as a Word file, one paragraph per line."""
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write(path: Path, text: str) -> Path:
    """Write `text` as `path` (.docx as a Word file, anything else as UTF-8 text); returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".docx":
        path.write_bytes(docx_bytes(text))
    else:
        path.write_text(text, encoding="utf-8")
    return path
