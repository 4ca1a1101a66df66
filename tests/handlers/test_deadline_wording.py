"""How deadlines and targets read in a chat: when, who reports to whom, the horizon year of a target, and why a
duty without a day is reminded on its period's last day."""

from __future__ import annotations

from datetime import date

from handlers import wording
from knowledge.model import Deadline, Recurrence, Target

TODAY = date(2025, 11, 22)


def _deadline(who: str | None, to: str | None, recurrence: Recurrence | None = None) -> Deadline:
    due = None if recurrence else date(2025, 12, 15)
    return Deadline("Các thôn báo cáo kết quả về UBND xã.", due, recurrence, "45/KH-UBND", "II › 3", 7, who, to)


def test_a_deadline_line_says_who_reports_to_whom() -> None:
    line = wording.deadline_line(1, _deadline("Các thôn", "UBND xã"), date(2025, 12, 15), TODAY)
    assert line.splitlines() == [
        "1. 15/12/2025 (còn 23 ngày): Các thôn báo cáo kết quả về UBND xã.",
        "   Các thôn → báo cáo UBND xã",
        "   [45/KH-UBND, II › 3]",
    ]
    assert "   Thực hiện: Các thôn" in wording.deadline_line(1, _deadline("Các thôn", None), None, TODAY)
    assert "   Báo cáo: UBND xã" in wording.deadline_line(1, _deadline(None, "UBND xã"), None, TODAY)


def test_a_recurring_deadline_without_a_day_reads_as_its_period() -> None:
    deadline = _deadline(None, None, Recurrence("quarter"))
    assert wording.deadline_line(2, deadline, date(2025, 12, 31), TODAY).startswith(
        "2. hằng quý — kỳ tới 31/12/2025 (còn 39 ngày)")
    assert wording.deadline_when(deadline, None, TODAY) == "hằng quý"


def test_following_a_duty_without_a_day_says_when_it_is_reminded() -> None:
    assert wording.follow_period_end(Recurrence("month")).endswith("ngày cuối mỗi tháng.")
    assert wording.follow_period_end(Recurrence("year", None, 6)).endswith("ngày cuối tháng 6 hằng năm.")
    assert wording.follow_period_end(Recurrence("year")).endswith("ngày cuối mỗi năm.")


def test_a_target_line_gives_its_year_unless_its_text_does() -> None:
    target = Target("Diện tích cà phê", 30000, "ha", "=", "Cây công nghiệp", "2954/QĐ-UBND", "Phụ lục 01", 3, 2030)
    assert wording.target_line(target) == "• Diện tích cà phê → 30.000 ha (năm 2030)"
    dated = Target("Đến năm 2030 đạt 50% xã", 50, "%", "≥", None, "182/KH-UBND", "II › 6", 4, 2030)
    assert wording.target_line(dated) == "• Đến năm 2030 đạt 50% xã → từ 50% trở lên"
