"""One document's text → a Document: identity, sections, passages, targets, deadlines, assignments."""

from __future__ import annotations

import re
from collections.abc import Sequence

from knowledge.abbreviations import collect
from knowledge.assignments import find_tasks
from knowledge.deadlines import extract_deadlines
from knowledge.header import document_start, read_header
from knowledge.layout import blocks
from knowledge.lines import clean_lines
from knowledge.metadata import read_info
from knowledge.model import Assignment, Document, DocumentInfo, Passage
from knowledge.page import find_page
from knowledge.structure import StructureBuilder
from knowledge.targets import extract_targets
from knowledge.vietnamese import fold

_RECIPIENTS_SHOWN = 8


def _recipients(builder: StructureBuilder) -> list[str]:
    """The first recipients list's entries, without the archive copy ("Lưu: VT") and "Như trên"."""
    if not builder.recipients:
        return []
    return [item for item in builder.recipients[0].items if not re.match(r"^(?:Lưu|Như)\b", item)]


_IN_CHARGE_TITLES = ("to chuc thuc hien", "phan cong", "trach nhiem", "giao nhiem vu")


def identity_text(info: DocumentInfo, recipients: Sequence[str] = ()) -> str:
    """A sentence that states the document's identity, so that "ai ký …", "ban hành ngày nào", "gửi ai" find it."""
    head = info.kind or "Văn bản"
    if info.number:
        head += f" số {info.number}"
    if info.issuer:
        head += f" của {info.issuer}" + (f" ({info.issuer_parent})" if info.issuer_parent else "")
    if info.issued:
        printed = f"{info.issued_text} " if info.issued_text else ""
        head += f", ban hành {printed}({info.issued:%d/%m/%Y})"
    if info.title:
        head += f": {info.title}"
    text = head.rstrip(".") + "."
    if info.addressees:
        text += f" Kính gửi: {'; '.join(info.addressees)}."
    elif recipients:
        text += f" Nơi nhận: {'; '.join(recipients[:_RECIPIENTS_SHOWN])}."
    if info.signer:
        role = f", {info.signer_role}" if info.signer_role else ""
        text += f" Người ký: {info.signer}{role}."
    return text


def parse_text(text: str, path: str) -> Document:
    """Parse the text of one directive; `path` is where it was read from (never its name in answers)."""
    page = find_page(clean_lines(text))
    start = document_start(page.lines)
    header = read_header(page.lines[start:])
    builder = StructureBuilder()
    if start:
        # What a page says before the document (a site's summary) is kept apart, not as its first section.
        builder.add_preface(blocks(page.lines[:start]))
    for block in blocks(page.lines[start + header.end :]):
        builder.add_block(block)
    builder.finish()
    body = [passage.text for passage in builder.passages if passage.role == "text"]
    info = read_info(path, header, builder.signatures, page.fields, builder.attachments, body, builder.preface_title)
    unplaced = page.set_aside + header.unplaced + builder.fragments
    document = Document(info, builder.sections, builder.passages, unplaced=unplaced)
    if info.number or info.issued or info.signer or info.addressees:
        first_line = page.lines[0].number if page.lines else 1
        document.passages.append(
            Passage(len(document.passages), None, identity_text(info, _recipients(builder)), first_line,
                    kinds={"identity"},
                    role="identity")
        )
    document.abbreviations = collect(passage.text for passage in document.passages)
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
