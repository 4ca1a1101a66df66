"""Which time mentions of a document are deadlines: a duty with a time (report, submit, complete, organise …
before / by / within / in), not a goal's horizon, an event's date, a cited document's date or a past date."""

from __future__ import annotations

import re
from datetime import date

from knowledge.assignments import find_tasks, heading_subject, names_a_body, report_to
from knowledge.dates import TimeMention, find_due_dates, fold_aligned, labelled, safe_date
from knowledge.model import Deadline, Document, Passage
from knowledge.recurrences import MEETING, clauses, merged, recurrence_mentions
from knowledge.vietnamese import fold

_IN_CHARGE_TITLES = ("to chuc thuc hien", "phan cong", "trach nhiem", "giao nhiem vu")
_TIME_TITLE_RE = re.compile(r"\b(?:thoi gian|thoi han|tien do|lich trinh|moc thoi gian|han chot)\b")
_TITLE_YEAR_RE = re.compile(r"\b(?P<horizon>den |toi |tam nhin |giai doan |nhiem ky )?nam\s+(?:hoc\s+)?(?P<y>\d{4})")
# "trình" is to submit, not the second syllable of "chương trình", "quy trình", "công trình", "toàn trình" …
_TRINH = r"(?<!chuong )(?<!quy )(?<!cong )(?<!toan )(?<!lo )(?<!hanh )(?<!tien )(?<!qua )(?<!giao )trinh"
# Folded words of a duty: what a deadline asks someone to do.
_DUTY_RE = re.compile(
    rf"\b(?:{MEETING}|"
    rf"(?:bao cao|gui|nop|hoan thanh|hoan tat|xong|to chuc|ban hanh|{_TRINH}|trien khai|xay dung|thuc hien|"
    r"ket thuc|tong hop|ra soat|phe duyet|cap nhat|dang ky|khoi cong|ban giao|chuyen|cung cap|de xuat|tham muu|"
    r"kien toan|lap|cong bo|chuan bi|hoan thien|khac phuc|giai quyet|xu ly|thanh lap|dua vao|quan triet|pho bien|"
    r"tuyen chon|tuyen sinh|kiem tra|xet|trao|phat lenh|giai ngan|so ket|tong ket|danh gia|tiep nhan|phan bo|"
    r"bo tri|thanh toan|quyet toan|sap xep|nghiem thu|kiem ke|ke khai|cong khai|dien tap|tap huan|khao sat|"
    r"thong bao|huong dan|tra loi|cho y kien|gop y|giao|chi tra|dat|duyet|lay y kien))\b"
)
# Words of handing something in: with them "vào ngày …" is a due day, without them it is the day of an event.
_SUBMIT_RE = re.compile(
    rf"\b(?:bao cao|gui|nop|{_TRINH}|hoan thanh|hoan tat|xong|ban hanh|cung cap|cap nhat|ke khai|dang ky|phe duyet|"
    r"gop y|cho y kien|tra loi|de xuat|chuyen)\b"
)
_EVENT_RE = re.compile(
    r"\b(?:dien ra|duoc to chuc|se to chuc|khai mac|be mac|khai giang|le|ky niem|chao mung|chuyen tham|"
    r"tham va lam viec|den tham|don tiep|tiep don|co hieu luc|hieu luc thi hanh|ngay hoi|duoc thong qua)\b"
)
# A goal's horizon ("phấn đấu đến hết năm 2030 có ít nhất 50% …") is not a time limit on a duty.
_GOAL_RE = re.compile(
    r"\b(?:phan dau|dat|muc tieu|tam nhin|ty le|it nhat|toi thieu|tro len|khong con|giam|tang|chi tieu|"
    r"dinh huong|quy mo|binh quan)\b|\d\s*%"
)
_COMPLETE_RE = re.compile(
    r"\b(?:hoan thanh|xong|hoan tat|thoi gian thuc hien|thoi gian hoan thanh|thoi han|ket thuc|bao cao|gui|nop|"
    rf"ban hanh|{_TRINH}|dut diem|dua vao su dung)\b"
)
# "tính đến ngày", "đã nghỉ việc trước ngày", "hồ sơ phát sinh trước ngày": a state at a time, not a duty.
# "(tính đến hết ngày 31/12/2025)": figures counted up to a day ("UBND tỉnh đến hết ngày …" is a body's name).
_AS_OF_RE = re.compile(r"\b(?:tinh (?:den|toi|tu)|den nay)\s*$|(?<!ubnd )(?<!nhan dan )(?<!uy ban )\btinh\s+$|"
                       r"\b(?:da|duoc|phat sinh)(?:\s+\w+){0,4}\s*$")
# "Đối với hồ sơ … trước ngày 01/01/2026 thì …": a condition of a rule.
_IF_RE = re.compile(r"\b(?:doi voi|truong hop|neu)\b")
_THEN_RE = re.compile(r"\bthi\b")
_LATE_SIGNING_DAYS = 31
_NORMS_RE = re.compile(r"\b(?:muc chi|che do chi|dinh muc|kinh phi|du toan|don gia)\b")
_RESULT_RE = re.compile(r"\b(?:ket qua thuc hien|da hoan thanh|da ban hanh|tinh den)\b")
# The body in charge of a timetable row: "Cơ quan chủ trì: Sở Tài chính".
_LEAD_CELL_RE = re.compile(
    r"(?:^|;\s*|—\s*)(?:Cơ quan|Đơn vị)?\s*(?:chủ trì|thực hiện|chịu trách nhiệm(?: chính)?)(?: [^\W\d_]+){0,2}:"
    r"\s*(?P<who>[^;]{2,80})", re.IGNORECASE
)
# A cited document ("Kế hoạch số 48/KH-UBND", "Nghị định 150/2025/NĐ-CP"): its dates and title are not duties.
_CITATION_RE = re.compile(r"\b\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?[a-z]+(?:[/-][a-z0-9]+)+")
_PREAMBLE_RE = re.compile(r"^\W*can cu\b")
# "Năm 2026 (2027) và các năm tiếp theo", "từ Quý I/2026 trở đi": a period that goes on, no time limit.
_ONGOING_RE = re.compile(
    r"\s*(?:\(\s*\d{4}\s*\)\s*)?(?:,\s*)?(?:va (?:cac|nhung) (?:nam|quy|thang|ky) (?:tiep theo|sau|ke tiep)|"
    r"(?:va )?tro (?:di|ve sau))\b")
# "Cuối tháng 10 và tháng 11 vừa qua, … đã xảy ra …": a time already past that the text recounts.
# ("trước ngày 10/12 qua Hệ thống …" sends through it: only "vừa qua", or "qua" closing a clause, is past.)
_GONE_BY_RE = re.compile(r"\s*(?:(?:va|,)\s*(?:thang|quy)\s+\w+\s*)?(?:vua qua\b|qua\s*[,.;])")
# A state as of a date, not a duty by it: the date followed by "đã", "chưa", "mà" (folded "van", "dang" could be
# "văn bản", "Đảng ủy" opening what follows a deadline).
_STATUS_AFTER_RE = re.compile(r"\s*,?\s*(?:da|chua|ma)\b")
_EXAMPLE_RE = re.compile(r"\W*(?:vi du|vd)\b")
# A line that is only the time of the task above it ("- Thời gian thực hiện: Quý II/2026").
_TIME_LINE_RE = re.compile(r"\W*(?:thoi gian|thoi han|tien do)\b[^:]{0,40}:")


def plan_year(title: str, issued: date | None) -> int | None:
    """The year a plan is for: "… năm 2026" in its title (not a horizon "đến năm 2030"), else the year it was
    issued."""
    for match in _TITLE_YEAR_RE.finditer(fold(title)):
        year = int(match["y"])
        if not match["horizon"] and (issued is None or issued.year - 1 <= year <= issued.year + 1):
            return year
    return issued.year if issued else None


_CITED_ON_RE = re.compile(
    r"\b\d+\s*[/-]\s*(?:(?P<numbered>\d{4})\s*/\s*)?[a-z]+(?:[/-][a-z0-9]+)+"
    r"(?:\s+ngay\s+(?P<d>\d{1,2})(?:\s*/\s*|\s+thang\s+)(?P<m>\d{1,2})(?:\s*/\s*|\s+nam\s+)(?P<y>\d{4}))?"
)


def newest_citation(document: Document) -> date | None:
    """When a document states no date of its own: the newest date of a document it cites ("Nghị định số
    150/2025/NĐ-CP", "Kế hoạch số 48/KH-UBND ngày 20/02/2024"), for it cannot be older than what it cites."""
    newest: date | None = None
    for passage in document.passages:
        for match in _CITED_ON_RE.finditer(fold_aligned(passage.text)):
            cited = (safe_date(int(match["y"]), int(match["m"]), int(match["d"])) if match["y"]
                     else date(int(match["numbered"]), 1, 1) if match["numbered"] else None)
            if cited is not None and 1945 <= cited.year <= 2100 and (newest is None or cited > newest):
                newest = cited
    return newest


# What may stand between a cited document's number and a time limit of the duty that cites it: the document's
# date ("rà soát theo Kế hoạch số 15/KH-UBND ngày 02/3/2025 trước ngày 30/6/2026").
_CITED_DATE_RE = re.compile(
    r"\s*(?:ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4})?\s*,?\s*$"
)


def _after_citation(between: str, limit: bool) -> bool:
    """Whether a time that follows a cited document stands outside its title ("Công văn số 15/UBND ngày … của …
    về báo cáo trong tháng 11" is a title): after a duty ("…, đề nghị các thôn gửi báo cáo trước ngày …"), or a
    time limit (`limit`: "trước ngày …") right after the cited document's number and date."""
    if limit and _CITED_DATE_RE.match(between):
        return True
    about = re.search(r"\b(?:ve|v/v)\b", between)
    if about and "," not in between[about.end() :]:
        return False
    return bool(_SUBMIT_RE.search(between[about.end() :] if about else between))


def is_deadline(mention: TimeMention, folded: str, clause: tuple[int, int], timed_heading: bool,
                reference: date | None) -> bool:
    """Whether a dated mention in a folded passage sets a time limit on a duty. A time before the document's
    `reference` date (its issue date, else the start of its plan year) is past, not a deadline of it, unless it is
    a step of the document's own timetable ("Thời gian hoàn thành: …") less than a month before it was signed."""
    if mention.due is None or _ONGOING_RE.match(folded, mention.end) or _GONE_BY_RE.match(folded, mention.end):
        return False
    if mention.marker in ("before", "by") and _STATUS_AFTER_RE.match(folded, mention.end):
        return False  # "… mà trước ngày 01/01/2025 đã được xác định …", "đến ngày 01/7/2025 chưa phát hành …"
    if reference is not None and mention.due < reference:
        # Not when the row recounts another document's task and its result ("Văn bản giao nhiệm vụ: …").
        own = mention.marker == "label" or labelled(folded[max(0, mention.start - 40) : mention.start])
        recounted = _CITATION_RE.search(folded) or _RESULT_RE.search(folded)
        return own and not recounted and (reference - mention.due).days <= _LATE_SIGNING_DAYS
    low, high = clause
    text = folded[low:high]
    before = folded[max(low, mention.start - 40) : mention.start]
    around = text.replace(folded[mention.start : mention.end], " ")
    if _AS_OF_RE.search(before) or re.search(r"\btinh (?:tu|den|toi)\b", folded[low : mention.start]):
        return False
    if _IF_RE.search(folded, low, mention.start) and _THEN_RE.search(folded, mention.end, high):
        return False
    if _EVENT_RE.search(text) and not _SUBMIT_RE.search(text):
        return False
    if _PREAMBLE_RE.search(text):
        return False
    citations = list(_CITATION_RE.finditer(folded, low, mention.start))
    if citations and not _after_citation(folded[citations[-1].end() : mention.start],
                                         mention.marker == "before" and bool(_DUTY_RE.search(folded, low,
                                                                                            citations[-1].start()))):
        return False
    duty = bool(_DUTY_RE.search(around))
    if mention.precision == "year":
        # "hoàn thành trong năm 2025" limits a duty; "…, triển khai thực hiện trong năm 2026" names a period.
        complete = _COMPLETE_RE.search(folded[max(low, mention.start - 50) : mention.start])
        return bool(complete or timed_heading or mention.marker == "label") and not _GOAL_RE.search(around)
    if mention.marker == "within" and mention.precision in ("quarter", "month") and _COMPLETE_RE.search(
        folded[max(low, mention.start - 30) : mention.start + 20]
    ) and not _GOAL_RE.search(around):
        return True  # "Đảm bảo hoàn thành trong quý I/2026": the duty of the sentence before it is due then
    if mention.marker == "within" and _GOAL_RE.search(around) and not _COMPLETE_RE.search(around):
        return False  # "Phấn đấu trong quý II/2026 đạt 50% …": a target's horizon, no time limit on a duty
    if mention.marker == "range":
        # "từ tháng 3 đến tháng 10" without a year is a season that comes back, not a time limit.
        timed = timed_heading or bool(re.search(r"\b(?:thoi gian (?:thuc hien|hoan thanh)|thoi han)\b", text))
        return mention.year_given and timed
    if mention.marker == "label":
        return True
    if mention.marker == "on":
        if mention.precision == "day":
            # "nộp báo cáo vào ngày 15/12" is due that day; "tổ chức lễ khánh thành vào ngày 19/12" is an event.
            near = folded[max(low, mention.start - 80) : mention.start]
            return bool(_SUBMIT_RE.search(near)) and not _EVENT_RE.search(near)
        return duty
    if mention.marker == "before":
        # "trước ngày …" limits the duty of the whole sentence, which may stand in an earlier clause.
        return duty or timed_heading or bool(_DUTY_RE.search(folded)) or len(around.strip(" .,:;-")) < 25
    return duty or timed_heading


def _passage_deadlines(document: Document, passage: Passage, reference: date | None, year: int | None,
                       timed_heading: bool) -> list[tuple[TimeMention, int]]:
    """(mention, clause start) of every deadline in one passage, in order."""
    folded = fold_aligned(passage.text)
    bounds = clauses(passage.text)
    # A row of spending norms ("Báo cáo định kỳ năm — Mức chi: 5.000.000 đồng") prices a report, it sets no duty.
    norms = passage.role == "row" and _NORMS_RE.search(folded)
    named = recurrence_mentions(passage.text, folded)
    recurrences = [] if norms else merged([mention for mention, duty in named if duty])
    taken = [(mention.start, mention.end) for mention, _duty in named]
    found: list[tuple[TimeMention, int]] = []
    for mention in find_due_dates(passage.text, reference=reference, plan_year=year, folded=folded):
        # "trước ngày 15/12 hằng năm" is one yearly duty, not also a one-off deadline on the next 15/12.
        if any(start < mention.end and mention.start < end for start, end in taken):
            continue
        clause = next((c for c in bounds if c[0] <= mention.start < c[1] + 1), (0, len(folded)))
        if is_deadline(mention, folded, clause, timed_heading, reference):
            found.append((mention, clause[0]))
    for mention in recurrences:
        clause = next((c for c in bounds if c[0] <= mention.start < c[1] + 1), (0, len(folded)))
        found.append((mention, clause[0]))
    return sorted(found, key=lambda item: item[0].start)


def extract_deadlines(document: Document) -> list[Deadline]:
    """Every deadline stated in the document's passages; marks those passages with the kind "deadline"."""
    info = document.info
    year = plan_year(info.title, info.issued)
    reference = info.issued or (date(year, 1, 1) if year else None) or newest_citation(document)
    found: list[Deadline] = []
    timed: dict[int | None, bool] = {}  # per section: whether a heading above says it is about time
    for passage in document.passages:
        if passage.role == "identity":
            continue  # the document's identity line repeats its title, whose times are the text's own
        if passage.section not in timed:
            titles = [fold(title) for title in document.heading_titles(passage)[:2]]
            timed[passage.section] = any(_TIME_TITLE_RE.search(title) for title in titles)
        mentions = _passage_deadlines(document, passage, reference, year, timed[passage.section])
        if not mentions:
            continue
        titles = document.heading_titles(passage)
        folded_titles = [fold(title) for title in titles]
        if _EXAMPLE_RE.match(fold(passage.shown)) or any(_EXAMPLE_RE.match(title) for title in folded_titles[:1]):
            continue  # "Ví dụ 03: … đồng chí Long nghỉ hưu … đến ngày 31/5/2026": a worked example, no duty
        in_charge = any(marker in title for title in folded_titles for marker in _IN_CHARGE_TITLES)
        tasks = find_tasks(passage.text, in_charge_section=in_charge)
        lead = _LEAD_CELL_RE.search(passage.text) if passage.role == "row" else None
        named = [lead["who"].strip()] if lead else [task.who for task in tasks if names_a_body(task.who)]
        who = re.sub(r"\s+(?:có|chịu) trách nhiệm$", "", named[0]) if named else heading_subject(titles)
        # A reminder that says only "Thời gian thực hiện: Quý II/2026" must say of what: the task heading above it.
        text = passage.text
        if titles and _TIME_LINE_RE.match(fold(text)) and not _TIME_LINE_RE.match(fold(titles[0]) + ":"):
            text = f"{titles[0]}: {text}"
        for mention, clause_start in mentions:
            found.append(
                Deadline(
                    text=text,
                    due=mention.due,
                    recurrence=mention.recurrence,
                    document=info.key,
                    section=document.section_path(passage.section),
                    passage=passage.id,
                    who=who,
                    report_to=report_to(passage.text[clause_start:]) or report_to(passage.text),
                )
            )
        passage.kinds.add("deadline")
    return _without_restated(found)


def _same_duty(first: Deadline, second: Deadline) -> bool:
    """Whether two deadlines are owed by the same body or to the same one."""
    to = (fold(first.report_to or ""), fold(second.report_to or ""))
    return bool(all(to) and (to[0].startswith(to[1]) or to[1].startswith(to[0]))) or bool(
        first.who and first.who == second.who)


def _without_restated(found: list[Deadline]) -> list[Deadline]:
    """A recurring duty stated once without its day and again with it ("định kỳ hằng năm, báo cáo UBND tỉnh" and
    "báo cáo UBND tỉnh trước ngày 30/11 hằng năm") is one duty, on that day."""
    named = [d for d in found if d.recurrence and (d.recurrence.day is not None or d.recurrence.weekday is not None)]
    kept: list[Deadline] = []
    for deadline in found:
        recurrence = deadline.recurrence
        if recurrence is not None and recurrence.day is None and recurrence.weekday is None and any(
            other.recurrence is not None
            and other.recurrence.every == recurrence.every
            and recurrence.month in (None, other.recurrence.month)
            and _same_duty(deadline, other)
            for other in named
        ):
            continue
        kept.append(deadline)
    return kept
