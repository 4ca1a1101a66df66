"""One document's text → a Document: identity, sections, passages, targets, deadlines, assignments."""

from __future__ import annotations

from knowledge.assignments import find_tasks
from knowledge.deadlines import extract_deadlines
from knowledge.layout import paragraphs
from knowledge.metadata import find_regions, read_info
from knowledge.model import Assignment, Document, DocumentInfo, Passage
from knowledge.structure import StructureBuilder
from knowledge.targets import extract_targets
from knowledge.vietnamese import fold

_IN_CHARGE_TITLES = ("to chuc thuc hien", "phan cong", "trach nhiem", "giao nhiem vu")


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
    document.targets = extract_targets(document)
    document.deadlines = extract_deadlines(document)
    for passage in document.passages:
        titles = [fold(title) for title in document.heading_titles(passage)]
        in_charge = any(marker in title for title in titles for marker in _IN_CHARGE_TITLES)
        _extract_assignments(document, passage, in_charge)
    return document


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
