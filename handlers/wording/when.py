"""Wording of /nhac times: the examples, why a time cannot be used, and the moments a reminder will come."""

from __future__ import annotations

WHEN_EXAMPLES = """Ví dụ (thời hạn ở đầu hay cuối đều được):
/nhac 31/12 Nộp báo cáo tổng kết
/nhac Nộp báo cáo quý IV trước 17h ngày mai
/nhac Họp chi bộ thứ Sáu hằng tuần lúc 8h
/nhac Báo cáo tháng trước ngày 5 hằng tháng
/nhac thứ Hai tuần sau 8h Giao ban
/nhac 3 ngày nữa Nộp hồ sơ
/nhac hằng quý Báo cáo kết quả quý
/nhac 15/3 hằng năm Tổng kết thi đua
/nhac 31/12 nhắc trước 10,3 ngày Nộp báo cáo năm"""
WHEN_PROBLEMS = {
    "empty": "Gõ /nhac kèm thời hạn và việc cần nhắc.",
    "no_date": "Chưa thấy thời hạn trong «{value}» nên chưa tạo nhắc việc.",
    "no_day": "Có giờ «{value}» nhưng chưa có ngày (hôm nay, mai, 15/12…) nên chưa tạo nhắc việc.",
    "ambiguous": "Thấy hơn một thời hạn: {value}. Xin chỉ ghi một thời hạn rồi gửi lại.",
    "bad_date": "Ngày «{value}» không có thật.",
    "bad_time": "Giờ «{value}» không hợp lệ.",
    "past": "Thời điểm {value} đã qua.",
    "no_text": "Thiếu nội dung công việc cần nhắc.",
    "bad_leads": "Số ngày nhắc trước «{value}» quá lớn (tối đa 365).",
}
PAST_THIS_YEAR = "Ngày {value} năm nay đã qua. Nếu là năm {year}, gõ: {example}"
NOT_THIS_YEAR = "Năm {year} không có ngày {value} (không phải năm nhuận). Ghi rõ năm, ví dụ: {example}"
_STEP_WORDS = {"d0": "sáng ngày đến hạn", "h0": "lúc đến hạn"}


def when_problem(code: str, value: str, example: str = "", year: int | None = None) -> str:
    """Why a /nhac time could not be used: for a day without a usable year, the command with the year; otherwise
    the reason and examples of the right form."""
    if code == "past_this_year":
        return PAST_THIS_YEAR.format(value=value, year=year, example=example)
    if code == "not_this_year":
        return NOT_THIS_YEAR.format(value=value, year=year, example=example)
    return WHEN_PROBLEMS.get(code, "Chưa đọc được thời hạn.").format(value=value) + "\n" + WHEN_EXAMPLES


def step_words(keys: list[str]) -> str:
    """"trước 7 ngày, trước 1 ngày, trước 2 giờ và lúc đến hạn" for the steps d7, d1, h2, h0 (in the order
    given): each moment readable alone."""
    parts = [_STEP_WORDS.get(key) or (f"trước {key[1:]} ngày" if key[0] == "d" else f"trước {key[1:]} giờ")
             for key in keys]
    if not parts:
        return "không còn mốc nào"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} và {parts[-1]}"
