"""Paragraph styles of a Word file: which are headings or titles, and which number their paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from knowledge.readers.archive import attribute, local

_HEADING_RE = re.compile(r"(?:heading|title)(?:\b|\d)")  # "heading 1", "Heading1", "Title"; not "Subtitle"


@dataclass(frozen=True, slots=True)
class Style:
    """A paragraph style: its name, the style it is based on and the list it numbers with."""

    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None


def parse_styles(root: Any) -> dict[str, Style]:
    """The paragraph styles of a styles.xml tree by their id (None: a document without styles)."""
    styles: dict[str, Style] = {}
    for node in root if root is not None else ():
        if local(node) != "style" or attribute(node, "type") not in (None, "paragraph"):
            continue
        name, based_on, num_id, ilvl = "", None, None, None
        for child in node:
            kind = local(child)
            if kind == "name":
                name = attribute(child, "val") or ""
            elif kind == "basedOn":
                based_on = attribute(child, "val")
            elif kind == "pPr":
                num_id, ilvl = numbering_of(child)
        styles[attribute(node, "styleId") or ""] = Style(name, based_on, num_id, ilvl)
    return styles


def numbering_of(ppr: Any) -> tuple[str | None, int | None]:
    """The list (numId) and level a paragraph's properties name, if any."""
    for child in ppr:
        if local(child) == "numPr":
            num_id = ilvl = None
            for item in child:
                if local(item) == "numId":
                    num_id = attribute(item, "val")
                elif local(item) == "ilvl":
                    ilvl = int(attribute(item, "val") or 0) if (attribute(item, "val") or "0").isdigit() else 0
            return num_id, ilvl
    return None, None


def style_numbering(style_id: str | None, styles: dict[str, Style]) -> tuple[str | None, int | None]:
    """The list and level a paragraph gets from its style or the styles that style is based on."""
    for _ in range(10):  # basedOn chains are short; a cycle must not loop
        style = styles.get(style_id or "")
        if style is None:
            return None, None
        if style.num_id is not None:
            return style.num_id, style.ilvl
        style_id = style.based_on
    return None, None


def is_heading(style_id: str | None, styles: dict[str, Style]) -> bool:
    """Whether a paragraph style is a heading or title style (by id or name: "Heading1", "heading 1", "Title")."""
    style = styles.get(style_id or "")
    names = [style_id or ""] + ([style.name] if style else [])
    return any(_HEADING_RE.match(name.lower()) for name in names)
