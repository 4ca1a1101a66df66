"""Who is given what: "Giao UBND thị xã …", "X chủ trì, phối hợp với Y …", "Hiệu trưởng giao đồng chí …"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.vietnamese import UPPER

# Words that head the name of a body or a person in charge (Vietnamese administrative usage).
ORG_HEADS = (
    r"Ban Thường vụ|Ban Chấp hành|Ban Tuyên giáo|Ban Tổ chức|Ban Dân vận|Ban Chỉ huy|Ban Chỉ đạo|Ban giám hiệu|"
    r"Ban Quản lý|Ban|Văn phòng|Phòng|Sở|UBND|Ủy ban|Uỷ ban|HĐND|Hội đồng|Thường trực|Công an|Quân sự|"
    r"Trung tâm|Trường|Hiệu trưởng|Phó Hiệu trưởng|Phó hiệu trưởng|Chi bộ|Đảng ủy|Đảng uỷ|Đảng bộ|Đoàn|Hội|"
    r"Mặt trận|MTTQ|Cơ quan|Các đồng chí|Đồng chí|đồng chí|Tổ trưởng|Tổ|Bộ phận|Các chi|Các cơ quan|Thủ trưởng|"
    r"Chủ tịch|Phó Chủ tịch|Các đơn vị|Đơn vị|Khối|Liên đoàn|Công đoàn|Chi hội|Trạm|Bệnh viện|Kế toán|"
    r"Các trường|Các xã|Các phường|Cán bộ|Giáo viên|Tỉnh ủy|Thị ủy|Huyện ủy|Thành ủy|Tỉnh uỷ|Thị uỷ|Huyện uỷ"
)
TASK_VERBS = (
    r"chủ trì|chỉ đạo|xây dựng|tổ chức|thực hiện|theo dõi|phụ trách|tổng hợp|triển khai|hướng dẫn|kiểm tra|"
    r"tham mưu|phối hợp|rà soát|báo cáo|lập|hoàn thành|chịu trách nhiệm|đôn đốc|giám sát|chuẩn bị|quán triệt|"
    r"tuyên truyền|cập nhật|thẩm định|bố trí|đảm bảo|bảo đảm|căn cứ|nắm|chủ động|cụ thể hóa|ban hành|vận động|"
    r"thường xuyên|định kỳ|tiếp tục|tập trung|khẩn trương|gửi|nộp|rà soát|tiếp nhận|đề xuất|trình"
)
_GIVE_RE = re.compile(
    rf"(?:^|(?<=[\s:;,]))(?:[Gg]iao|[Đđ]ề nghị|[Yy]êu cầu)\s+(?:cho\s+)?"
    # "các tổ chức chính trị - xã hội": after "các"/"những" a verb-looking word is a noun, part of the name.
    rf"(?P<who>(?:{ORG_HEADS}|[{UPPER}])[^.;:]*?)(?=(?<!\bcác)(?<!\bnhững)\s+(?:{TASK_VERBS})\b|\s*[.;]|$)"
)
_LEAD_RE = re.compile(
    rf"(?P<who>(?:{ORG_HEADS})[^.;:,]{{0,70}}?)\s+(?:là cơ quan |là đơn vị )?(?:chủ trì|làm đầu mối)(?:,\s*|\s+)"
)
# The partner list ends at an adverb that starts the task ("… thường xuyên tổng hợp"), else at the first verb,
# since org names themselves contain verbs ("các Ban xây dựng Đảng").
_PARTNERS_RE = re.compile(
    r"^phối hợp(?:\s+với)?\s+(?P<partners>[^.;]+?)(?=\s+(?:thường xuyên|định kỳ|kịp thời|khẩn trương|tiếp tục)\b)"
)
_PARTNERS_FALLBACK_RE = re.compile(rf"^phối hợp(?:\s+với)?\s+(?P<partners>[^.;]+?)(?=\s+(?:{TASK_VERBS})\b)")
_SUBJECT_RE = re.compile(rf"^(?P<who>(?:{ORG_HEADS})[^.;:,]{{0,70}}?)\s+(?=(?:{TASK_VERBS})\b)")
_IN_CHARGE_RE = re.compile(r"^(?P<who>(?:Đồng chí|đồng chí|Đ/c|đ/c)\s[^.;:]{2,80}?)\s+(?=phụ trách\b)")
_FOR_RE = re.compile(r"^(?:Đối với|Về)\s+(?P<what>[^:]{2,80}):\s*")
# Bodies a report goes to: those that take tasks, and the ministries, departments and inspectorates above them.
_RECIPIENTS = rf"{ORG_HEADS}|Bộ|Vụ|Cục|Tổng cục|Chi cục|Thanh tra|Kho bạc|Viện|Chính phủ|Thủ tướng|Quốc hội"
_TO = rf"(?P<to>(?:{_RECIPIENTS})[^,;.()]*?(?:(?:,\s*|\s+và\s+)(?:{_RECIPIENTS})[^,;.()]*?)*)"
_TO_END = (
    r"(?=\s*[(;.:,]|\s+(?:để|trước|qua|theo|trong|vào|tại|định kỳ|chậm nhất|hằng|hàng|kết quả|"
    r"tình hình|về|tổng hợp|báo cáo|xem xét|theo dõi|thẩm định|trình)\b|$)"
)
_REPORT_TO_RE = re.compile(
    rf"[Bb]áo cáo(?!\s+số\b)(?P<filler>(?:\s+[^,;.()]{{0,80}}?)??)\s+(?:về\s+|lên\s+|cho\s+|với\s+)?{_TO}{_TO_END}"
)
_SEND_TO_RE = re.compile(
    r"[Gg]ửi(?P<filler>(?:\s+(?:báo cáo|kết quả|văn bản|hồ sơ|kế hoạch|danh sách|đề xuất|dự toán|thông tin)"
    rf"[^,;.()]{{0,60}}?)?)\s+(?:về\s+|lên\s+|cho\s+|đến\s+|tới\s+)?{_TO}{_TO_END}"
)


@dataclass(frozen=True, slots=True)
class Task:
    """An assignment read from one sentence."""

    who: str
    what: str
    partners: str | None
    report_to: str | None


def report_to(text: str) -> str | None:
    """To whom a sentence says to report or send ("báo cáo Thường trực Thị ủy (qua …)" → "Thường trực Thị ủy",
    "gửi về Sở Tài chính" → "Sở Tài chính"); the first one named. A cited report ("Báo cáo số 12 … của X") is not."""
    found = [
        match
        for pattern in (_REPORT_TO_RE, _SEND_TO_RE)
        for match in pattern.finditer(text)
        if not re.search(r"\b(?:của|số|kèm)\b", match["filler"])
    ]
    return min(found, key=lambda match: match.start())["to"].strip() if found else None


_NOT_A_BODY_RE = re.compile(
    r"\b(?:thực hiện|nhiệm vụ|giải pháp|mục tiêu|chỉ tiêu|nội dung|yêu cầu|kinh phí|phân công|kế hoạch|"
    r"chương trình|tiến độ|thời gian|chế độ|công tác)\b",
    re.IGNORECASE,
)
_HEADING_BODY_RE = re.compile(
    rf"^(?:(?:Trách nhiệm|Nhiệm vụ) của\s+|Đối với\s+|Giao\s+)?(?P<who>(?P<head>{ORG_HEADS})\s(?P<rest>.{{1,100}}))$"
)


_BARE_HEAD_RE = re.compile(rf"^(?:{ORG_HEADS})$")


def names_a_body(who: str) -> bool:
    """Whether a name is a body's or a person's: after a one-word head the name goes on in capitals ("Sở Y tế",
    "UBND thị xã"), which "Tổ chức thực hiện", "Ban hành" do not."""
    if _BARE_HEAD_RE.match(who.strip()) and not who.startswith("Các "):
        return False  # "Cơ quan", "Tổ": a head alone names nobody ("Các đơn vị" names them all)
    match = _HEADING_BODY_RE.match(who.strip())
    if match is None:
        return True
    head = match["head"]
    return " " in head or head.isupper() or match["rest"][:1].isupper()


def heading_subject(titles: list[str]) -> str | None:
    """The body a heading names ("2. Sở Nội vụ:" → "Sở Nội vụ"), innermost first; None when no heading does."""
    for title in titles:
        match = _HEADING_BODY_RE.match(title.strip().rstrip(":."))
        if match and not _NOT_A_BODY_RE.search(match["who"]) and names_a_body(match["who"]):
            return match["who"].strip()
    return None


def _rest(text: str, start: int) -> str:
    return text[start:].strip(" ,.;")


def find_tasks(sentence: str, *, in_charge_section: bool) -> list[Task]:
    """Assignments stated in one sentence; a bare "X làm Y" counts only in an implementation section."""
    text = sentence.strip()
    prefix = _FOR_RE.match(text)
    subject_of = prefix["what"].strip() if prefix else None
    body = text[prefix.end() :] if prefix else text
    tasks: list[Task] = []
    for match in _GIVE_RE.finditer(body):
        who = match["who"].strip(" ,-")
        what = _rest(body, match.end()) or (f"phụ trách {subject_of}" if subject_of else "")
        partners = None
        leads = re.match(r"^chủ trì(?:,\s*|\s+)", what)
        if leads:
            # "Giao X chủ trì, phối hợp với Y …": the partners as in "X chủ trì, phối hợp với Y".
            with_whom = _PARTNERS_RE.match(what[leads.end() :]) or _PARTNERS_FALLBACK_RE.match(what[leads.end() :])
            partners = with_whom["partners"].strip(" ,") if with_whom else None
        if who and what:
            tasks.append(Task(who, what, partners, report_to(what)))
    if tasks:
        return tasks
    lead = _LEAD_RE.search(body)
    if lead:
        after = body[lead.end() :]
        with_whom = _PARTNERS_RE.match(after) or _PARTNERS_FALLBACK_RE.match(after)
        partners = with_whom["partners"].strip(" ,") if with_whom else None
        what = _rest(after, with_whom.end() if with_whom else 0)
        return [Task(lead["who"].strip(), what, partners, report_to(what))]
    in_charge = _IN_CHARGE_RE.match(body)
    if in_charge:
        return [Task(in_charge["who"].strip(), _rest(body, in_charge.end()), None, report_to(body))]
    if in_charge_section:
        subject = _SUBJECT_RE.match(body)
        if subject:
            what = _rest(body, subject.end())
            return [Task(subject["who"].strip(), what, None, report_to(what))]
    return []
