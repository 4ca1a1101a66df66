"""Which time mentions of a document are deadlines: a duty with a date or a recurrence, and who owes it to whom."""

from __future__ import annotations

import re
from datetime import date

from knowledge.assignments import find_tasks, report_to
from knowledge.dates import find_due_dates, find_recurrences
from knowledge.model import Deadline, Document
from knowledge.vietnamese import fold

_IN_CHARGE_TITLES = ("to chuc thuc hien", "phan cong", "trach nhiem", "giao nhiem vu")


def plan_year(title: str, issued: date | None) -> int | None:
    """The year a plan is for: "… năm 2022" in its title, else the year it was issued."""
    match = re.search(r"năm\s+(\d{4})", title)
    if match:
        return int(match.group(1))
    return issued.year if issued else None


def extract_deadlines(document: Document) -> list[Deadline]:
    """Every deadline stated in the document's passages; marks those passages with the kind "deadline"."""
    info = document.info
    year = plan_year(info.title, info.issued)
    reference = info.issued or (date(year, 1, 1) if year else None)
    found: list[Deadline] = []
    for passage in document.passages:
        recurrences = find_recurrences(passage.text)
        yearly = {(m.recurrence.day, m.recurrence.month) for m in recurrences if m.recurrence and m.recurrence.month}
        # "hằng năm trước ngày 15/12" is one yearly duty, not also a one-off deadline on the next 15/12.
        dated = [
            mention
            for mention in find_due_dates(passage.text, reference=reference, plan_year=year)
            if mention.due is None or (mention.due.day, mention.due.month) not in yearly
        ]
        mentions = dated + recurrences
        if not mentions:
            continue
        titles = [fold(title) for title in document.heading_titles(passage)]
        in_charge = any(marker in title for title in titles for marker in _IN_CHARGE_TITLES)
        tasks = find_tasks(passage.text, in_charge_section=in_charge)
        who = tasks[0].who if tasks else None
        for mention in mentions:
            found.append(
                Deadline(
                    text=passage.text,
                    due=mention.due,
                    recurrence=mention.recurrence,
                    document=info.key,
                    section=document.section_path(passage.section),
                    passage=passage.id,
                    who=who,
                    report_to=report_to(passage.text),
                )
            )
        passage.kinds.add("deadline")
    return found
