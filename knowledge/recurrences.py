"""Recurring duties in a sentence: "hằng tháng, trước ngày 20", "trước ngày 15/12 hằng năm", "định kỳ hằng quý",
"hằng tuần vào thứ Sáu", "định kỳ 6 tháng", and lists such as "định kỳ hàng tháng (trước ngày 16 hàng tháng),
6 tháng (trước ngày 16/6), tổng kết năm (trước ngày 20/11 hàng năm)"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.dates import TimeMention, fold_aligned, labelled, last_day, safe_date
from knowledge.model import Recurrence
from knowledge.numbers import roman_to_int
from knowledge.vietnamese import UPPER

# A period word, folded: "hằng/hàng/mỗi tuần|tháng|quý|năm", "định kỳ 6 tháng", "6 tháng một lần".
# "quý" folded, not the first syllable of "quy hoạch", "quy định", "quy trình" …
_QUY = r"quy(?!\s+(?:hoach|dinh|che|trinh|mo|tac|chuan|pham|luat|uoc|doi|tu|dao|cach)\b)"
_PERIOD_RE = re.compile(
    rf"\b(?:(?:hang|moi)\s+(?P<every>tuan|thang|{_QUY}|nam)\b"
    r"(?!\s+(?:hoc|tai chinh)\b)(?!\s*\d{4})"
    r"|(?:dinh ky|hang|moi)\s+(?P<half>0?6|sau)\s+thang\b(?!\s+(?:dau|cuoi)\b)"
    r"|(?P<half2>0?6|sau)\s+thang\s+(?:mot|1)\s+lan\b"
    r"|(?:mot|1)\s+(?P<times>thang|quy|nam)\s+(?:mot|1)\s+lan\b"
    # "ngày 5 của tháng sau", "ngày 10 của tháng cuối quý", "tuần cuối của tháng thứ 3 trong quý"
    # ("… của tháng tiếp theo sau tháng cuối cùng của kỳ báo cáo đối với báo cáo quý": the period is the quarter's)
    r"|\bcua\s+(?P<next>thang)\s+(?:sau|tiep theo|ke tiep|truoc do|truoc)\b(?!\s+(?:sau\s+)?thang\s+cuoi)"
    r"|\bthang\s+(?P<pos>dau(?:\s+tien)?|cuoi|cuoi cung|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:(?:trong|cua)\s+)?"
    r"(?:moi\s+|hang\s+)?(?P<in>quy)\b"
    # "trong quý I của năm liền kề", "tháng 6 năm sau": a time of the year after each cycle's, so every year.
    rf"|(?:{_QUY}\s+(?P<rq>iv|iii|ii|i|[1-4])|(?:ngay\s+(?P<rd>\d{{1,2}})\s+)?thang\s+(?P<rm>\d{{1,2}}))"
    r"\s+(?:cua\s+)?nam\s+"
    r"(?:sau|lien ke|tiep theo|ke tiep)\b)"
)
# After "định kỳ" or another period, a list goes on with bare periods: "…, 6 tháng (…), tổng kết năm (…)".
_LIST_ITEM_RE = re.compile(
    r"(?:\s*\([^()]{0,80}\))?\s*(?:,|\bva\b|\bhoac\b)\s*(?:(?:bao cao|so ket|tong ket|dinh ky)\s+)*"
    rf"(?:(?P<half>0?6|sau)\s+thang\b(?!\s+(?:dau|cuoi)\b)|(?P<every>{_QUY}|nam|thang)\b(?!\s*(?:\d|hoc\b|[iv]+\b)))"
)
_REGULARLY_RE = re.compile(r"\b(?:dinh ky|bao cao)\s+(?=(?:thang|quy|nam|0?6 thang)\b)")
_BARE_RE = re.compile(
    rf"(?:(?P<half>0?6)\s+thang\b(?!\s+(?:dau|cuoi)\b)|(?P<every>thang|{_QUY}|nam))\b(?!\s*(?:\d|hoc\b|[iv]+\b))"
)
_DAY_RE = re.compile(
    r"\b(?:(?:truoc|vao|trong|den|cham nhat(?: la)?|han(?: chot)?(?: la)?)\s+)?ngay\s+(?:mong\s+|mung\s+)?"
    r"(?P<day>\d{1,2})\b"
    r"(?!\s*[/.\-]\s*\d)(?!\s+thang\s+\d)"
)
_DAY_MONTH = r"\d{1,2}(?:\s*[/.\-]\s*|\s+thang\s+)\d{1,2}\b(?!\s*[/.\-]\s*\d)(?!\s+nam\b)"
# "trước ngày 01/6 và 15/11 hằng năm" names two days; "tính từ ngày 15/12" starts a span, it is no due day.
_DAY_MONTH_RE = re.compile(
    r"\b(?<!tu )(?<!tinh tu )(?:(?:truoc|vao|trong|den|cham nhat(?: la)?|han(?: chot)?(?: la)?)\s+)?"
    rf"ngay\s+{_DAY_MONTH}(?:\s*(?:,|va)\s*(?:ngay\s+)?{_DAY_MONTH})*"
)
_PAIR_RE = re.compile(r"(?P<d>\d{1,2})(?:\s*[/.\-]\s*|\s+thang\s+)(?P<m>\d{1,2})")
_LAST_DAY_RE = re.compile(
    r"\b(?:vao\s+)?(?:ngay\s+)?(?<!thang )(?<!tuan )cuoi\s+(?:cung\s+(?:cua\s+)?)?(?:moi\s+|hang\s+)?(?:thang|quy)\b"
)
# "thứ Tư ngày 03/12/2025" is the weekday of a date, not the day of a weekly duty.
_WEEKDAY_RE = re.compile(
    r"\b(?:thu\s+(?P<name>hai|ba|tu|nam|sau|bay|[2-7])|(?P<sunday>chu nhat))\b"
    r"(?!\s*,?\s*(?:ngay\s+)?\d{1,2}\s*[/.\-]\s*\d)"
)
_WEEKDAY_NUMBERS = {"hai": 0, "ba": 1, "tu": 2, "nam": 3, "sau": 4, "bay": 5}
# A recurring period is a deadline when a report, a review or a meeting is due in it, or when it names its day.
# A meeting, folded: "họp giao ban", "cuộc họp" (not the "hợp" of "phối hợp", "phù hợp").
MEETING = r"cuoc hop|hop(?= (?:giao ban|dinh ky|thuong ky|toan the|mat|ban|hoi dong|chi bo|chuyen de|thuong truc|vao))"
_REPORT_RE = re.compile(rf"\b(?:bao cao|tong ket|so ket|giao ban|{MEETING}|gui|nop|phat hanh)\b")
_DUTY_RE = re.compile(
    rf"\b(?:bao cao|tong ket|so ket|giao ban|{MEETING}|gui|nop|tong hop|kiem tra|ra soat|cap nhat|danh gia|"
    r"tiep cong dan|sinh hoat|to chuc|thuc hien|trien khai|kiem ke|thong ke|tu kiem tra|giam sat)\b"
)
_BENEFIT_RE = re.compile(r"\b(?:luong huu|tro cap|phu cap|tien luong|sinh hoat phi|luong)(?:[\s,]+[a-z]+){0,6}\s*$")
_OPENING_RE = re.compile(r"^\W*(?:[a-z0-9]{1,3}[.)]\s*)?(?:dinh ky\s*)?$")
_CONDITION_RE = re.compile(r"\b(?:chua|neu|truong hop)\b")
_SPAN_RE = re.compile(r"\btinh (?:tu|den|toi)\b")  # "kỳ báo cáo tính từ ngày 15/12 …" defines a span, not a duty
_CLAUSE_RE = re.compile(rf";|\.(?=\s+[{UPPER}0-9])|\n")
# How far a report word may stand from its period word: farther after "định kỳ", which makes the period adverbial.
_REPORT_BEFORE, _REPORT_AFTER, _REGULAR_BEFORE, _REGULAR_AFTER, _DAY_REACH = 45, 60, 70, 90, 100
_EVERY = {"tuan": "week", "thang": "month", "quy": "quarter", "nam": "year"}
_QUALIFIES_RE = re.compile(r"\bdoi voi\s+(?:cac\s+)?(?:bao cao\s+)?$")
# The month of each quarter a quarterly day falls in, said after the day: "ngày 10 của tháng đầu quý (sau)", "ngày 03
# của tháng tiếp theo sau tháng cuối cùng của kỳ báo cáo" (the first month of the next quarter).
_IN_QUARTER_RE = re.compile(
    r"\s*(?:cua\s+)?thang\s+(?P<pos>dau(?:\s+tien)?|cuoi(?:\s+cung)?|thu\s+(?:nhat|hai|ba|1|2|3)"
    r"|(?:tiep theo|ke tiep)\s+sau\s+thang\s+cuoi)\b"
)
_POSITIONS = {"dau": 1, "thu nhat": 1, "thu 1": 1, "thu hai": 2, "thu 2": 2}


@dataclass(frozen=True, slots=True)
class _Anchor:
    start: int
    end: int
    every: str  # week, month, quarter, year, half
    # the month a time of the following year ends in ("quý I của năm sau": 3); of a quarter, the month of the quarter
    # it names ("tháng đầu quý": 1)
    month: int | None = None
    day: int | None = None  # its day, when named ("ngày 10 tháng 01 năm sau")


def _quarter_month(position: str) -> int | None:
    """The month of a quarter a folded position names ("dau tien" 1, "thu hai" 2); None for its last month."""
    position = re.sub(r"\s+", " ", position)
    if position.startswith(("tiep theo", "ke tiep")):
        return 1  # the month after the last month of the quarter reported on
    return _POSITIONS.get(position.removesuffix(" tien"))


def _is_quarter(text: str, match: re.Match[str]) -> bool:
    """Whether a folded "quy" is the quarter "quý" ("quỹ" is a fund; "quy hoạch", "quy định" are other words)."""
    if (match.groupdict().get("every") or match.groupdict().get("in") or "") != "quy":
        return True
    start = match.start("every") if match.groupdict().get("every") else match.start("in")
    return text[start : start + 3].lower() in ("quý", "quí", "quy")


def _anchors(text: str, folded: str) -> list[_Anchor]:
    """Every period word, and the bare periods that continue a list after "định kỳ" or another period."""
    found: list[_Anchor] = []
    for match in _PERIOD_RE.finditer(folded):
        if not _is_quarter(text, match) or _BENEFIT_RE.search(folded[max(0, match.start() - 40) : match.start()]):
            continue  # "lương hưu, trợ cấp hằng tháng" is paid every month, no duty falls due
        if match["rq"] or match["rm"]:
            month = 3 * (roman_to_int(match["rq"]) or 0) if match["rq"] else int(match["rm"])
            day = int(match["rd"]) if match["rd"] else None
            if 1 <= month <= 12 and (day is None or safe_date(2024, month, day)):
                found.append(_Anchor(match.start(), match.end(), "year", month, day))
            continue
        word = match["every"] or match["times"] or match["next"] or match["in"]
        position = _quarter_month(match["pos"]) if match["in"] else None
        found.append(_Anchor(match.start(), match.end(), _EVERY[word] if word else "half", position))
    for match in _REGULARLY_RE.finditer(folded):
        rest = folded[match.end() :]
        bare = _BARE_RE.match(rest)
        if bare:
            start = match.end()
            found.append(_Anchor(start, start + bare.end(), "half" if bare["half"] else _EVERY[bare["every"]]))
    found.sort(key=lambda anchor: anchor.start)
    listed = list(found)
    for anchor in found:
        position = anchor.end
        while item := _LIST_ITEM_RE.match(folded, position):
            every = "half" if item["half"] else _EVERY[item["every"]]
            listed.append(_Anchor(item.start() + item.group(0).rfind(item["half"] or item["every"]), item.end(),
                                  every))
            position = item.end()
    unique = {(anchor.start, anchor.every): anchor for anchor in listed}
    return sorted(unique.values(), key=lambda anchor: anchor.start)


def clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, cut at semicolons, full stops and line breaks outside brackets."""
    bounds, start = [], 0
    for match in _CLAUSE_RE.finditer(text):
        if text.count("(", start, match.start()) > text.count(")", start, match.start()):
            continue
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


def _clause(bounds: list[tuple[int, int]], position: int) -> tuple[int, int]:
    """The clause around `position`."""
    return next((bound for bound in bounds if bound[0] <= position <= bound[1]), bounds[-1])


def _nearest(matches: list[re.Match[str]], anchor: _Anchor, low: int, high: int,
             reach: int = _DAY_REACH, *, before_only: bool = False) -> re.Match[str] | None:
    """The match closest to the anchor, inside the clause and within reach (only before it, `before_only`)."""
    best: tuple[int, re.Match[str]] | None = None
    for match in matches:
        if match.start() < low or match.end() > high or (before_only and match.end() > anchor.start):
            continue
        gap = max(0, anchor.start - match.end() if match.end() <= anchor.start else match.start() - anchor.end)
        if gap <= reach and (best is None or gap < best[0]):
            best = (gap, match)
    return best[1] if best else None


def find_recurrences(text: str, *, require_action: bool = True) -> list[TimeMention]:
    """Recurring duties, each with the day it names (None when it names none); a period counts only when a report,
    review or meeting goes with it, or when it names its day and a duty goes with it (unless `require_action` is
    False). A half-yearly duty is two yearly ones (June and December) unless it names its date."""
    return merged([mention for mention, duty in recurrence_mentions(text) if duty or not require_action])


def recurrence_mentions(text: str, folded: str | None = None) -> list[tuple[TimeMention, bool]]:
    """Every recurrence a sentence names, unmerged, each with whether a duty goes with it (`folded` is
    `fold_aligned(text)` when the caller has it)."""
    folded = fold_aligned(text) if folded is None else folded
    anchors = _anchors(text, folded)
    if not anchors:
        return []
    days = list(_DAY_RE.finditer(folded))
    day_months = list(_DAY_MONTH_RE.finditer(folded))
    last_days = list(_LAST_DAY_RE.finditer(folded))
    weekdays = list(_WEEKDAY_RE.finditer(folded))
    bounds = clauses(text)
    found: list[tuple[TimeMention, bool]] = []
    undated_halves: list[tuple[TimeMention, bool]] = []
    dated_half = False
    for anchor in anchors:
        low, high = _clause(bounds, anchor.start)
        # "trước ngày 01 … đối với báo cáo tháng và trước ngày 03 …": a period after "đối với" qualifies the day before
        back = _QUALIFIES_RE.search(folded, max(low, anchor.start - 30), anchor.start) is not None
        spec: re.Match[str] | None = None
        recurrences: list[Recurrence] = []
        if anchor.every == "week":
            spec = _nearest(weekdays, anchor, low, high)
            weekday = None if spec is None else 6 if spec["sunday"] else _weekday(spec["name"])
            recurrences = [Recurrence("week", None, None, weekday)]
        elif anchor.every in ("month", "quarter"):
            spec = (_nearest(last_days, anchor, low, high, before_only=back)
                    or _nearest(days, anchor, low, high, before_only=back))
            day = None if spec is None else 31 if "cuoi" in spec.group(0) else int(spec["day"])
            month = anchor.month
            if anchor.every == "quarter" and spec is not None and month is None:
                # "ngày cuối cùng của tháng đầu tiên của quý tiếp theo": the last day's "tháng" is the month's
                said = _IN_QUARTER_RE.match(folded, spec.end() - (5 if spec.group(0).endswith("thang") else 0), high)
                month = _quarter_month(said["pos"]) if said else None
            recurrences = [Recurrence(anchor.every, day if day is None or 1 <= day <= 31 else None,
                                      month if anchor.every == "quarter" else None)]
        elif anchor.month is not None:
            recurrences = [Recurrence("year", anchor.day or last_day(2023, anchor.month).day, anchor.month)]
        else:
            # "Hằng năm, các đơn vị … gửi báo cáo … từ ngày 10 đến ngày 15 tháng 12": a period that opens the
            # sentence governs all of it, the day at its end too.
            opening = bool(_OPENING_RE.match(folded[: anchor.start]))
            spec = _nearest(day_months, anchor, low, high, high - low if opening else _DAY_REACH)
            pairs = [(int(p["d"]), int(p["m"])) for p in _PAIR_RE.finditer(spec.group(0))] if spec else []
            recurrences = [Recurrence("year", day, month) for day, month in pairs if safe_date(2024, month, day)]
            if not recurrences:
                spec = None
                halves = [Recurrence("year", None, 6), Recurrence("year", None, 12)]
                recurrences = halves if anchor.every == "half" else [Recurrence("year")]
        # A weekly activity ("ra quân vào thứ Tư hằng tuần") is no deadline; a weekly report or meeting is.
        named_day = (spec is not None or anchor.month is not None) and anchor.every != "week"
        duty = _is_duty(folded, anchor, low, high, named_day=named_day)
        start = min(anchor.start, spec.start()) if spec else anchor.start
        end = max(anchor.end, spec.end()) if spec else anchor.end
        mentions = [(TimeMention(start, end, None, recurrence), duty) for recurrence in recurrences]
        dated_half = dated_half or (anchor.every == "half" and spec is not None)
        if anchor.every == "half" and spec is None:
            undated_halves += mentions
        else:
            found += mentions
    # "Báo cáo 6 tháng, cả năm: … định kỳ 6 tháng trước ngày 30 tháng 6 …": a half-yearly period that names no day is
    # the one the sentence dates elsewhere, not a second duty at the end of June and December.
    if not dated_half:
        found += undated_halves
    return sorted(found, key=lambda item: item[0].start)


def _weekday(name: str) -> int:
    return int(name) - 2 if name.isdigit() else _WEEKDAY_NUMBERS[name]


def _is_duty(folded: str, anchor: _Anchor, low: int, high: int, *, named_day: bool) -> bool:
    """A report, review or meeting near the period word; any duty in its clause when the day is named, unless the
    clause states a condition ("đến ngày 30/6 hằng năm chưa phân bổ …")."""
    clause = folded[low:high]
    if _SPAN_RE.search(clause) or (_CONDITION_RE.search(clause) and "dinh ky" not in clause):
        return False
    if labelled(folded[max(low, anchor.start - 60) : anchor.start]):
        return True  # "Thời gian dự kiến hoàn thành: Hằng năm." in a task's row: the task recurs
    regular = "dinh ky" in folded[max(low, anchor.start - 12) : anchor.start]
    before, after = (_REGULAR_BEFORE, _REGULAR_AFTER) if regular else (_REPORT_BEFORE, _REPORT_AFTER)
    near = folded[max(low, anchor.start - before) : min(high, anchor.end + after)]
    # "Hằng năm, tổ chức kiểm tra …; tổ chức sơ kết … để tổng hợp, báo cáo UBND tỉnh": a period that opens the
    # sentence governs all of it.
    if _REPORT_RE.search(near) or (_OPENING_RE.match(folded[: anchor.start]) and _REPORT_RE.search(folded)):
        return True
    return named_day and bool(_DUTY_RE.search(clause)) and not _CONDITION_RE.search(clause)


def merged(found: list[TimeMention]) -> list[TimeMention]:
    """One mention per recurrence; a period without a day is dropped when the same period names its day nearby
    ("hàng tháng (trước ngày 16 hàng tháng)" is one monthly duty on the 16th)."""
    kept: dict[Recurrence, TimeMention] = {}
    for mention in found:
        assert mention.recurrence is not None
        if mention.recurrence in kept:
            first = kept[mention.recurrence]
            kept[mention.recurrence] = TimeMention(min(first.start, mention.start), max(first.end, mention.end),
                                                   None, mention.recurrence)
        else:
            kept[mention.recurrence] = mention
    dated = [m for m in kept.values()
             if m.recurrence and (m.recurrence.day is not None or m.recurrence.weekday is not None)]
    result = []
    for mention in kept.values():
        recurrence = mention.recurrence
        assert recurrence is not None
        if recurrence.day is None and recurrence.weekday is None and any(
            other.recurrence is not None
            and other.recurrence.every == recurrence.every
            and (recurrence.month is None or other.recurrence.month == recurrence.month)
            and abs(other.start - mention.start) <= 80
            for other in dated
        ):
            continue
        result.append(mention)
    return sorted(result, key=lambda mention: mention.start)
