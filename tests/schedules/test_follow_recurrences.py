"""Following a document's recurring duty with /theodoi: a duty that names no day is reminded on its period's last
day and the reply says so; a weekly duty is followed on its weekday."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.wiring import Runtime, build_runtime, follow_documents
from handlers import wording
from knowledge.base import KnowledgeBase
from knowledge.model import Recurrence
from knowledge.parsing import parse_text
from schedules.repository import Repository
from tests.clock import FakeClock
from tests.schedules.conftest import UNLIMITED, RecordingSender
from tests.schedules.test_reminder_flow import say

PLAN = "\n\n".join([
    "ỦY BAN NHÂN DÂN XÃ AN PHÚ", "Số: 45/KH-UBND", "An Phú, ngày 10 tháng 11 năm 2026", "KẾ HOẠCH",
    "Chuyển đổi số năm 2027", "I. TỔ CHỨC THỰC HIỆN",
    "1. Các thôn định kỳ hằng quý báo cáo kết quả về UBND xã.",
    "2. Công an xã báo cáo tình hình an ninh mạng hằng tuần vào thứ Sáu về UBND xã.",
    "3. Các chi hội định kỳ 6 tháng báo cáo kết quả về thôn.",
])


def _runtime(plan: str, repository: Repository, clock: FakeClock, sender: RecordingSender) -> Runtime:
    knowledge = KnowledgeBase.from_documents([parse_text(plan, "ke-hoach.txt")])
    settings = Settings(admins=["console:admin"], database_url="sqlite://")
    return build_runtime(settings, knowledge, {"console": sender}, clock, repository=repository,
                         limits={"console": UNLIMITED})


@pytest.fixture
def plan_runtime(repository: Repository, clock: FakeClock, sender: RecordingSender) -> Runtime:
    return _runtime(PLAN, repository, clock, sender)


def _number(listing: str, words: str) -> int:
    line = next(line for line in listing.splitlines() if words in line and line[:1].isdigit())
    return int(line.split(".", 1)[0])


def test_a_quarterly_duty_without_a_day_is_followed_on_the_quarters_last_day(plan_runtime: Runtime,
                                                                              clock: FakeClock) -> None:
    [listing] = say(plan_runtime, clock, "/hanchot")
    [followed] = say(plan_runtime, clock, f"/theodoi {_number(listing.text, 'hằng quý')}")
    assert followed.text.startswith("✅ Đã tạo nhắc việc #1:") and "Các thôn định kỳ hằng quý" in followed.text
    assert "Lặp lại: hằng quý, ngày cuối quý." in followed.text
    assert "31/12/2026" in followed.text  # the fake clock stands in November 2026
    assert followed.text.endswith(wording.follow_period_end(Recurrence("quarter")))
    assert "ngày cuối mỗi quý" in followed.text


def test_a_half_yearly_duty_without_a_day_is_followed_at_the_end_of_june_or_december(plan_runtime: Runtime,
                                                                                       clock: FakeClock) -> None:
    [listing] = say(plan_runtime, clock, "/hanchot")
    [followed] = say(plan_runtime, clock, f"/theodoi {_number(listing.text, 'hằng năm, tháng 12')}")
    assert "31/12/2026" in followed.text and "ngày cuối tháng 12 hằng năm" in followed.text


def test_a_weekly_duty_is_followed_on_its_weekday(plan_runtime: Runtime, clock: FakeClock) -> None:
    [listing] = say(plan_runtime, clock, "/hanchot")
    [followed] = say(plan_runtime, clock, f"/theodoi {_number(listing.text, 'hằng tuần')}")
    assert "Lặp lại: hằng tuần, thứ Sáu." in followed.text and "27/11/2026 (thứ Sáu)" in followed.text
    [listed] = say(plan_runtime, clock, "/dsnhac")
    assert "hằng tuần, thứ Sáu" in listed.text


def test_a_configured_chat_follows_a_weekly_duty_on_its_weekday(plan_runtime: Runtime, clock: FakeClock) -> None:
    settings = Settings(schedules={"follow": [{"chat": "console:g1", "documents": ["*"]}]})
    assert follow_documents(plan_runtime, settings, clock()) == 4  # quarterly, weekly, June and December
    [listed] = say(plan_runtime, clock, "/dsnhac", chat="g1", kind="group")
    assert "hằng tuần, thứ Sáu" in listed.text and "27/11/2026" in listed.text


def test_a_quarterly_report_due_after_the_quarter_is_reminded_in_the_next_quarters_first_month(
        repository: Repository, clock: FakeClock, sender: RecordingSender) -> None:
    plan = PLAN.split("I. TỔ CHỨC")[0] + (
        "I. CHẾ ĐỘ BÁO CÁO\n\n1. Các thôn gửi báo cáo quý về UBND xã trước ngày 03 của tháng tiếp theo sau tháng "
        "cuối cùng của kỳ báo cáo.")
    runtime = _runtime(plan, repository, clock, sender)
    [listing] = say(runtime, clock, "/hanchot")
    assert "hằng quý, ngày 3 tháng đầu quý" in listing.text
    [followed] = say(runtime, clock, f"/theodoi {_number(listing.text, 'hằng quý')}")
    assert "03/01/2027" in followed.text  # the fake clock stands in November 2026: not 03/12/2026
    [listed] = say(runtime, clock, "/dsnhac")
    assert "hằng quý, ngày 3 tháng đầu quý" in listed.text
