"""Where the time is in what a user typed after /nhac: every reading of a time that starts at a word, and the one
meant — at the start, else after a cue word (trước, hạn, vào, lúc…), the longest — plus a time of day typed apart
from its day ("mai nộp báo cáo trước 17h"). Words that only look like a time (lần thứ 7, chị Mai, lớp 10/3) are not."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from knowledge.model import Recurrence
from knowledge.vietnamese import fold
from schedules.errors import WhenError
from schedules.when_words import Day, day_at, recurrence_at, time_at

SEPARATORS = " ,;:-–"
# Words that introduce a time and belong to it, not to the task: "hạn 15/12", "trước 17h", "chậm nhất là ngày 5".
_CUE_RE = re.compile(r"(?:(?:truoc|han\s+chot|han\s+nop|thoi\s+han|han|cham\s+nhat|deadline|vao|trong|la)\s+)+")


def _forms(words: str) -> frozenset[str]:
    """The words as typed with their marks and without them (compared with the word as typed, so "hồ sơ" is not
    "số")."""
    return frozenset(words.split()) | frozenset(fold(word) for word in words.split())


# "lần thứ 7", "Hội nghị thứ 7", "kỳ họp thứ 2": an ordinal, not a weekday.
_ORDINAL_BEFORE = _forms("lần kỳ khóa khoá đợt phiên số hạng lớp tầng nghị hội mục điều khoản chương phần bước vòng "
                         "giải họp")
_NUMBER_BEFORE = _forms("lớp số phòng tầng")  # "lớp 10/3", "số 12/5": a name, not a date
_PERSON_BEFORE = _forms("anh chị em cô bà ông chú bác thầy dì cậu đc đ/c")  # "chị Mai": a name
_WEEKDAY_START_RE = re.compile(r"(?:vao\s+)?(?:(?:sang|trua|chieu|toi)\s+)?(?:thu\s|t[2-7]\b|chu\s*nhat|cn\b)")
_TRAILING = " .,;:!?)–-"


@dataclass(frozen=True, slots=True)
class Span:
    """One reading of a time in the text: where it stands ([start, end), a cue word before it included), what it
    says, and how sure the words make it (`cue`: 2 at the start or after a cue word, 1 after another word, 0 when it
    begins with a figure)."""

    start: int
    end: int
    recurrence: Recurrence | None
    day: Day | None
    at: time | None
    problem: WhenError | None
    cue: int
    time_start: int = -1  # where its time of day begins, to read it again with another part of the day

    @property
    def dated(self) -> bool:
        """It names a day, a recurrence, or a day that cannot be used (not only a time of day)."""
        return self.recurrence is not None or self.day is not None or self.problem is not None

    @property
    def weak(self) -> bool:
        """Only a bare "mai" or "thứ 7": words that often mean something else."""
        return self.recurrence is None and self.at is None and self.day is not None and self.day.weak


def read_span(folded: str, start: int, now: datetime) -> Span | None:
    """The time that begins at `start` (days, times, recurrences in any order, a cue word before each), or None."""
    recurrence: Recurrence | None = None
    day: Day | None = None
    at: time | None = None
    problem: WhenError | None = None
    cue = 2 if start == 0 else 0
    position, end, time_start = start, start, -1
    while True:
        rest = folded[position:]
        cue_match = _CUE_RE.match(rest)
        skip = cue_match.end() if cue_match and not folded[:position].endswith("nhac ") else 0
        found = None
        for offset in dict.fromkeys((skip, 0)):
            try:
                found = _component(rest[offset:], now, recurrence, day, at)
            except WhenError as error:  # an impossible day or time: the reading ends there, with its reason
                found = ("fatal", error, len(error.value))
            if found and offset and end != start and found[0] != "time":
                found = None  # within a time a cue word leads only to its hour ("mai trước 17h"), not to a new day
            if found:
                skip = offset
                break
        if found is None:
            break
        kind, value, length = found
        if end == start:
            first = rest[skip:]
            cue = max(cue, 2 if skip or re.match(r"(?:vao|luc)\s", first) else 1 if first[:1].isalpha() else 0)
        if kind == "recurrence":
            assert isinstance(value, Recurrence)
            recurrence = value
        elif kind == "day":
            assert isinstance(value, Day)
            day = value
        elif kind == "time":
            assert isinstance(value, time)
            at, time_start = value, position + skip
        else:
            assert isinstance(value, WhenError)
            problem = value
        end = position + skip + length
        if kind == "fatal":
            break
        position = end
        while position < len(folded) and folded[position] in SEPARATORS:
            position += 1
    if end == start:
        return None
    return Span(start, end, recurrence, day, at, problem, cue, time_start)


def _component(rest: str, now: datetime, recurrence: Recurrence | None, day: Day | None,
               at: time | None) -> tuple[str, object, int] | None:
    """The next piece of a time: a recurrence or a day (when none is read yet), a time of day (when none is)."""
    if recurrence is None and day is None and (found_recurrence := recurrence_at(rest)):
        return "recurrence", found_recurrence[0], found_recurrence[1]
    if recurrence is None and day is None and (found_day := _day_or_problem(rest, now)):
        found, length = found_day
        return ("problem" if isinstance(found, WhenError) else "day"), found, length
    if at is None and (day is None or day.moment is None) and (found_time := time_at(rest, day.part if day else None)):
        return "time", found_time[0], found_time[1]
    return None


def _day_or_problem(folded: str, now: datetime) -> tuple[Day | WhenError, int] | None:
    """A day at the start of the text, or the problem with it (a year to ask for) and where it ends."""
    try:
        return day_at(folded, now)
    except WhenError as error:
        if error.code not in ("past_this_year", "not_this_year"):
            raise
        match = re.match(r"(?:ngay\s+)?\d{1,2}\s*[/.\-]\s*\d{1,2}", folded)
        return error, match.end() if match else len(error.value)


def find_spans(folded: str, text: str, now: datetime) -> list[Span]:
    """Every plausible reading of a time that starts at a word of the text (`text` as typed, `folded` without
    tone marks, the same length)."""
    spans = []
    for start in range(len(folded)):
        if folded[start].isalnum() and (start == 0 or not folded[start - 1].isalnum()):
            span = read_span(folded, start, now)
            if span is not None and _plausible(span, folded, text):
                spans.append(span)
    return spans


def _plausible(span: Span, folded: str, text: str) -> bool:
    """Whether a reading inside the text is meant as a time and not as part of the task."""
    if span.start == 0 or span.cue == 2:
        return True
    head, typed = folded[span.start:span.end], text[span.start:span.end]
    before = text[:span.start].split()
    previous = before[-1].strip(".,;:()").lower() if before else ""
    if _WEEKDAY_START_RE.match(head) and (previous in _ORDINAL_BEFORE
                                          or (typed[:3].lower() == "thu"
                                              and typed.lower().split()[:2] != head.split()[:2])):
        return False  # "lần thứ 7"; "thu hái" typed with marks is not "thứ Hai"
    if re.match(r"\d{1,2}\s*[/.\-]\s*\d", head) and (previous in _NUMBER_BEFORE
                                                      or (span.cue == 0 and not re.match(r"\d+/", head))):
        return False  # "lớp 10/3"; "2-3 hồ sơ" (a date in the middle of a task is written 15/12)
    if re.match(r"mai\b", head) and (previous in _PERSON_BEFORE or typed[:3] != "mai"):
        return False  # "chị Mai", "Mai", "mãi"
    return not span.weak or not folded[span.end:].strip(_TRAILING)  # "họp chi bộ thứ 7" at the end only


def choose(spans: list[Span]) -> tuple[Span | None, Span | None, list[Span]]:
    """The reading that gives the day (None when there is none), a time of day typed apart from it, and the
    readings as strong as the chosen one elsewhere (more than one time: the user is asked)."""
    kept: list[Span] = []
    for span in sorted((span for span in spans if span.dated), key=lambda span: (span.start - span.end, span.start)):
        if all(span.end <= other.start or span.start >= other.end for other in kept):
            kept.append(span)
    main: Span | None = None
    rivals: list[Span] = []
    first = next((span for span in kept if span.start == 0), None)
    others = [span for span in kept if span is not first]
    if first is not None and not (first.weak and any(span.cue == 2 and not span.weak for span in others)):
        main = first
    elif kept:
        ranked = sorted(kept, key=lambda span: (span.cue, not span.weak), reverse=True)
        main = ranked[0]
        rivals = [span for span in ranked[1:] if (span.cue, span.weak) == (main.cue, main.weak)]
    times = [span for span in spans if not span.dated and (main is None or span.end <= main.start
                                                          or span.start >= main.end)]
    times = [span for span in times if span.cue == 2]  # "lúc 8h", "trước 17h"; a bare "2h" may be a duration
    extra = None
    if times and (main is None or (main.at is None and main.problem is None
                                   and (main.day is None or main.day.moment is None))):
        extra = min(times, key=lambda span: (-span.cue, span.start))
    return main, extra, rivals


_PERIOD_DAY_RE = re.compile(r"(?:(?:truoc|vao|han|cham\s+nhat)\s+)*ngay\s+(?:mung\s+)?(?P<d>\d{1,2})(?=[\s,;.!?)]|$)")


def period_day(folded: str, main: Span, taken: list[tuple[int, int]]) -> tuple[int, int, int] | None:
    """The day of a monthly or quarterly reminder typed apart from it ("hằng tháng nộp báo cáo trước ngày 5"):
    (day, start, end) when the recurrence names no day and exactly one "ngày N" stands elsewhere."""
    if main.recurrence is None or main.recurrence.every not in ("month", "quarter") or "ngay" in folded[
            main.start:main.end]:
        return None
    found = [match for match in _PERIOD_DAY_RE.finditer(folded)
             if (match.start() == 0 or not folded[match.start() - 1].isalnum())
             and all(match.end() <= start or match.start() >= end for start, end in taken)]
    if len(found) != 1 or not 1 <= int(found[0]["d"]) <= 31:
        return None
    return int(found[0]["d"]), found[0].start(), found[0].end()
