"""Wording of the lists of documents, targets and deadlines."""

from __future__ import annotations

from datetime import date

from handlers.wording.answers import short_citation
from handlers.wording.text import shorten
from knowledge.model import Deadline, DocumentInfo, Target
from knowledge.numbers import format_number

NO_TARGETS = "Không có chỉ tiêu nào thuộc lĩnh vực «{category}». Các lĩnh vực có: {categories}."


NO_TARGETS_AT_ALL = "Các văn bản đã nạp không có chỉ tiêu định lượng nào."


NO_DEADLINES = "Các văn bản đã nạp không nêu hạn chót nào."


_COMPARATOR_WORDS = {"≥": "từ {value} trở lên", "≤": "không quá {value}", "=": "{value}"}


def target_line(target: Target, limit: int = 140, document: str = "") -> str:
    """One target: its text, then the figure it sets ("→ từ 13,5% trở lên"), its year when the text does not
    already say it ("→ 30.000 ha (năm 2030)"), and the document when the list mixes several."""
    value = format_number(target.value) + ("%" if target.unit == "%" else f" {target.unit}" if target.unit else "")
    goal = _COMPARATOR_WORDS.get(target.comparator, "{value}").format(value=value)
    label = target.section.rsplit(" › ", 1)[-1] if target.section else ""
    prefix = f"{label} " if label.startswith("(") else ""
    text = shorten(target.text, limit)
    year = f" (năm {target.year})" if target.year and str(target.year) not in text else ""
    where = f" [{document}]" if document else ""
    return f"• {prefix}{text} → {goal}{year}{where}"


def targets_heading(count: int, documents: int, category: str | None) -> str:
    """First line of a targets list."""
    scope = f" lĩnh vực «{category}»" if category else ""
    return f"Chỉ tiêu{scope}: {count} chỉ tiêu trong {documents} văn bản."


def targets_overview_heading(count: int, documents: int, categories: int) -> str:
    """First line of /chitieu without a field: how many, where, in how many fields."""
    return f"Chỉ tiêu: {count} chỉ tiêu trong {documents} văn bản, {categories} lĩnh vực. Xem đủ một lĩnh vực: " \
           "/chitieu <lĩnh vực>."


def category_line(category: str, count: int) -> str:
    """A field in the overview: "【Kinh tế】 35 chỉ tiêu"."""
    return f"【{category}】 {count} chỉ tiêu"


def category_button(category: str, count: int) -> str:
    """The button that shows a whole field."""
    return shorten(f"{category} ({count})", 40)


MORE_TARGETS = "Còn {left} chỉ tiêu: /chitieu {category} {page}"
MORE_TARGETS_LABEL = "Xem tiếp ›"
OTHER_CATEGORY = "Khác"
MORE_DEADLINES = "Còn {left} mốc: /hanchot {page}"
PAST_DEADLINES_HINT = "Các hạn đã qua: /hanchot tatca"
COMING_DEADLINES_HINT = "Các hạn sắp tới: /hanchot"


def upcoming_heading(today: date, upcoming: int, past: int, everything: bool) -> str:
    """First line of /hanchot: the coming deadlines, or (with "tatca") the past ones."""
    if everything:
        return f"Hạn chót đã qua (tính từ {today:%d/%m/%Y}): {past} mốc, gần nhất trước."
    return f"Hạn chót sắp tới (tính từ {today:%d/%m/%Y}): {upcoming} mốc."


def deadline_when(deadline: Deadline, due: date | None, today: date) -> str:
    """ "31/12/2024 (đã qua)", "31/03/2027 (còn 129 ngày)", "hằng quý — kỳ tới 31/12/2026 (còn 39 ngày)"."""
    if due is None:
        return deadline.recurrence.describe() if deadline.recurrence else "chưa rõ ngày"
    days = (due - today).days
    if days < 0:
        state = "đã qua"
    elif days == 0:
        state = "hôm nay"
    else:
        state = f"còn {days} ngày"
    when = f"{due:%d/%m/%Y} ({state})"
    if deadline.recurrence is not None:
        return f"{deadline.recurrence.describe()} — kỳ tới {when}"
    return when


def deadline_line(number: int, deadline: Deadline, due: date | None, today: date) -> str:
    """One numbered deadline: when, what is due, who owes it to whom, and where it is written."""
    parts = [f"{number}. {deadline_when(deadline, due, today)}: {shorten(deadline.text)}"]
    if deadline.who and deadline.report_to:
        parts.append(f"   {shorten(deadline.who, 60)} → báo cáo {deadline.report_to}")
    elif deadline.who:
        parts.append(f"   Thực hiện: {shorten(deadline.who, 60)}")
    elif deadline.report_to:
        parts.append(f"   Báo cáo: {deadline.report_to}")
    parts.append(f"   {short_citation(deadline.document, deadline.section)}")
    return "\n".join(parts)


def deadline_picked(number: int, deadline: Deadline, due: date | None, today: date) -> str:
    """A deadline picked by its number in /hanchot: when, its text, who owes it, how to be reminded (not of a past
    one: /theodoi refuses it)."""
    lines = [f"Mốc {number}: {deadline_when(deadline, due, today)}", shorten(deadline.text, 600)]
    if deadline.who:
        lines.append(f"Thực hiện: {deadline.who}")
    if deadline.report_to:
        lines.append(f"Báo cáo: {deadline.report_to}")
    if due is not None and due >= today:
        lines.append(f"Để bot nhắc hạn này: /theodoi {number}")
    return "\n".join(lines)


TARGETS_NUMBER_WITHOUT_MENU = ("Số {number} là số thứ tự trong danh sách lĩnh vực: gõ /chitieu để xem danh sách rồi "
                               "trả lời số, hoặc gõ /chitieu <tên lĩnh vực>.")


def deadlines_heading(today: date, upcoming: int, past: int) -> str:
    """First line of the deadlines list."""
    return f"Hạn chót trong văn bản (tính từ {today:%d/%m/%Y}): {upcoming} sắp tới, {past} đã qua."


PAST_HEADING = "Đã qua:"


def document_line(number: int, info: DocumentInfo, targets: int, deadlines: int, assignments: int) -> str:
    """One loaded document with what was found in it."""
    issued = f" ngày {info.issued:%d/%m/%Y}" if info.issued else ""
    issuer = f" ({info.issuer})" if info.issuer else ""
    title = f" — {shorten(info.title, 90)}" if info.title and info.number else ""
    return (
        f"{number}. {info.display_name}{issued}{title}{issuer}: "
        f"{targets} chỉ tiêu, {deadlines} mốc thời hạn, {assignments} phân công."
    )


def documents_heading(count: int) -> str:
    """First line of the documents list."""
    return f"Đang có {count} văn bản:"
