"""One document's text → a Document: identity, sections, passages, targets, deadlines, assignments."""

from __future__ import annotations

import re
from datetime import date

from knowledge.assignments import find_tasks, report_to
from knowledge.dates import find_due_dates, find_recurrences
from knowledge.layout import paragraphs
from knowledge.metadata import find_regions, read_info
from knowledge.model import Assignment, Deadline, Document, DocumentInfo, Passage, Target
from knowledge.structure import StructureBuilder
from knowledge.targets import figures
from knowledge.vietnamese import fold

_IN_CHARGE_TITLES = ("to chuc thuc hien", "phan cong", "trach nhiem", "giao nhiem vu")


def _plan_year(title: str, issued: date | None) -> int | None:
    """The year a plan is for: "… năm 2022" in its title, else the year it was issued."""
    match = re.search(r"năm\s+(\d{4})", title)
    if match:
        return int(match.group(1))
    return issued.year if issued else None


def identity_text(info: DocumentInfo) -> str:
    """A sentence that states the document's identity, so that "ai ký …", "ban hành ngày nào" find it."""
    parts = [info.kind or "Văn bản"]
    if info.number:
        parts.append(f"số {info.number}")
    head = " ".join(parts)
    if info.issued:
        printed = f"{info.issued_text} " if info.issued_text else ""
        head += f", ban hành {printed}({info.issued:%d/%m/%Y})"
    if info.issuer:
        head += f", của {info.issuer}"
    if info.title:
        head += f": {info.title}"
    text = head.rstrip(".") + "."
    if info.signer:
        role = f"{info.signer_role} " if info.signer_role else ""
        text += f" Người ký: {role}{info.signer}."
    return text


def parse_text(text: str, path: str) -> Document:
    """Parse the text of one directive; `path` names it in citations when it has no number."""
    paras = paragraphs(text)
    regions = find_regions(paras)
    info, unplaced = read_info(path, paras, regions)
    builder = StructureBuilder()
    for paragraph in paras[regions.body_start : regions.body_end]:
        builder.add(paragraph)
    builder.finish()
    document = Document(info, builder.sections, builder.passages, unplaced=unplaced + builder.fragments)
    if info.number or info.issued or info.signer:
        first_line = paras[0].line if paras else 1
        document.passages.append(
            Passage(len(document.passages), None, identity_text(info), first_line, kinds={"identity"})
        )
    plan_year = _plan_year(info.title, info.issued)
    reference = info.issued or (date(plan_year, 1, 1) if plan_year else None)
    for passage in document.passages:
        titles = _ancestor_titles(document, passage)
        in_charge = any(marker in title for title in titles for marker in _IN_CHARGE_TITLES)
        _extract_targets(document, passage, titles)
        _extract_deadlines(document, passage, reference, plan_year, in_charge)
        _extract_assignments(document, passage, in_charge)
    return document


def _ancestor_titles(document: Document, passage: Passage) -> list[str]:
    """Folded titles of the passage's section and all sections above it."""
    titles = []
    section = passage.section
    while section is not None:
        titles.append(fold(document.sections[section].title))
        section = document.sections[section].parent
    return titles


def _extract_targets(document: Document, passage: Passage, titles: list[str]) -> None:
    section = document.sections[passage.section] if passage.section is not None else None
    numbered = section is not None and section.label.startswith("(") and any("chi tieu" in t for t in titles[1:])
    for figure in figures(passage.text, numbered_goal=numbered):
        document.targets.append(
            Target(
                text=figure.clause,
                value=figure.value,
                unit=figure.unit,
                comparator=figure.comparator,
                category=passage.category,
                document=document.info.key,
                section=document.section_path(passage.section),
                passage=passage.id,
            )
        )
        passage.kinds.add("target")


def _extract_deadlines(
    document: Document, passage: Passage, reference: date | None, plan_year: int | None, in_charge: bool
) -> None:
    recurrences = find_recurrences(passage.text)
    yearly = {(m.recurrence.day, m.recurrence.month) for m in recurrences if m.recurrence and m.recurrence.month}
    # "hằng năm trước ngày 15/12" is one yearly duty, not also a one-off deadline on the next 15/12.
    dated = [
        mention for mention in find_due_dates(passage.text, reference=reference, plan_year=plan_year)
        if mention.due is None or (mention.due.day, mention.due.month) not in yearly
    ]
    mentions = dated + recurrences
    if not mentions:
        return
    tasks = find_tasks(passage.text, in_charge_section=in_charge)
    who = tasks[0].who if tasks else None
    for mention in mentions:
        document.deadlines.append(
            Deadline(
                text=passage.text,
                due=mention.due,
                recurrence=mention.recurrence,
                document=document.info.key,
                section=document.section_path(passage.section),
                passage=passage.id,
                who=who,
                report_to=report_to(passage.text),
            )
        )
    passage.kinds.add("deadline")


def _extract_assignments(document: Document, passage: Passage, in_charge: bool) -> None:
    for task in find_tasks(passage.text, in_charge_section=in_charge):
        document.assignments.append(
            Assignment(
                text=passage.text,
                who=task.who,
                what=task.what,
                partners=task.partners,
                report_to=task.report_to,
                document=document.info.key,
                section=document.section_path(passage.section),
                passage=passage.id,
            )
        )
        passage.kinds.add("assignment")
