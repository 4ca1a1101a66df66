"""A list asked for as a whole: "bãi bỏ những nghị quyết nào" is answered by every item under "5. Bãi bỏ các Nghị
quyết sau:" (a, b, c), and "UBND xã có nhiệm vụ gì" by every item under the heading that names it, not by the one
item that matched best."""

from __future__ import annotations

import re
from collections.abc import Callable

from knowledge.model import SECTION_SEPARATOR
from knowledge.snippets import LIMIT, cut_end
from knowledge.store import PassageStore, shown
from knowledge.vietnamese import fold

_MOST_ITEMS, _PARENT_REACH, _ITEM_ROOM, _CLOSE = 12, 40, 60, 0.7


def folded_words(text: str) -> set[str]:
    """The folded words of a text, without punctuation ("xã," is "xa")."""
    return set(re.findall(r"\w+", fold(text)))


def _parent(path: str) -> str | None:
    """The path of the section above ("Điều 3 › 5" for "Điều 3 › 5 › a"), None at the top."""
    parts = path.split(SECTION_SEPARATOR)
    return SECTION_SEPARATOR.join(parts[:-1]) if len(parts) >= 2 else None


def label_under(path: str, parent: str) -> str:
    """The label of the item under `parent` that a section path lies in ("a" of "Điều 3 › 5 › a › 1" under
    "Điều 3 › 5")."""
    return path[len(parent) + len(SECTION_SEPARATOR) :].split(SECTION_SEPARATOR)[0]


def item_mark(label: str) -> str:
    """How an item's label is shown in front of it: "a)", "1)", "(1)"."""
    return label if label.endswith(")") else f"{label})"


def _run_start(store: PassageStore, passage_id: int, belongs: Callable[[int], bool], reach: int) -> int:
    """The first passage of the run around `passage_id` (of its document) whose passages all belong, at most `reach`
    passages back."""
    document = store.document(passage_id)
    first = passage_id
    while first > 0 and passage_id - first < reach and store.document(first - 1) == document and belongs(first - 1):
        first -= 1
    return first


def _items(store: PassageStore, passage_id: int, parent: str) -> list[tuple[str, int]]:
    """(label, first passage) of each item under `parent` around a passage of one of them, in order."""
    document = store.document(passage_id)
    prefix = parent + SECTION_SEPARATOR

    def under(other: int) -> bool:
        return (0 <= other < len(store) and store.document(other) == document
                and store.section_path(store.section(other)).startswith(prefix))

    items: list[tuple[str, int]] = []
    other = _run_start(store, passage_id, under, _MOST_ITEMS * 4)
    while under(other) and len(items) <= _MOST_ITEMS:
        label = label_under(store.section_path(store.section(other)), parent)
        if not items or items[-1][0] != label:
            items.append((label, other))
        other += 1
    return items


def ancestor_titles(store: PassageStore, section: int) -> list[str]:
    """The titles of the sections above `section`, nearest first."""
    titles: list[str] = []
    path = store.section_path(section) if section >= 0 else ""
    while (parent := _parent(path)) is not None:
        titles.append(_parent_title(store, section, parent))
        path = parent
    return titles


def _parent_title(store: PassageStore, section: int, parent: str) -> str:
    """The title of the section whose path is `parent`, looked for among the sections just before `section`."""
    for number in range(section - 1, max(-1, section - _PARENT_REACH), -1):
        if store.section_path(number) == parent:
            return store.section_title(number)
    return ""


def whole_list(store: PassageStore, passage_id: int, asked: set[str], scores: dict[int, float]) -> str | None:
    """Every item of the list a passage is an item of, under the list's own title, when that title says something
    the question asks (`asked`: its folded syllables) that the passage itself does not, and the question fits at
    least half the items, two or more, nearly as well as this one (`scores` of the passages); None otherwise."""
    section = store.section(passage_id)
    parent = _parent(store.section_path(section)) if section >= 0 else None
    if parent is None:
        return None
    title = _parent_title(store, section, parent).rstrip(" :.")
    own = folded_words(store.text(passage_id))
    if not title or not (asked & folded_words(title)) - own:
        return None
    items = _items(store, passage_id, parent)
    best = scores.get(passage_id, 0.0)
    close = sum(1 for _label, first in items if scores.get(first, 0.0) >= _CLOSE * best)
    if len(items) < 2 or close < max(2, len(items) / 2):
        return None
    head = f"{title}:"
    room = max(_ITEM_ROOM, (LIMIT - len(head)) // len(items) - len(items[0][0]) - 4)
    parts = [f"{item_mark(label)} {cut_end(shown(store, first).rstrip(' .;'), room)}" for label, first in items]
    return cut_end(f"{head} {'; '.join(parts)}", LIMIT)


def under_lead(store: PassageStore, passage_id: int, asked: set[str]) -> str | None:
    """Every unit of a section shown under the same lead as a passage ("Ủy ban nhân dân phường, xã: - …; - …"),
    when the question (`asked`: its folded syllables, less the words of a body's tasks and of documents) asks
    nothing but what the lead names, and there are two or more."""
    lead = store.lead(passage_id)
    if not lead or not asked or not asked <= folded_words(lead):
        return None
    document, section = store.document(passage_id), store.section(passage_id)

    def same(other: int) -> bool:
        return (0 <= other < len(store) and store.document(other) == document and store.section(other) == section
                and store.lead(other) == lead)

    first = _run_start(store, passage_id, same, _MOST_ITEMS)
    units: list[str] = []
    while same(first + len(units)) and len(units) < _MOST_ITEMS:
        units.append(store.text(first + len(units)).rstrip(" .;"))
    if len(units) < 2:
        return None
    head = f"{lead}:"
    room = max(_ITEM_ROOM, (LIMIT - len(head)) // len(units) - 4)
    return cut_end(f"{head} " + "; ".join(f"- {cut_end(unit, room)}" for unit in units), LIMIT)


def group_rows(store: PassageStore, passage_id: int, question: str) -> str | None:
    """Every row of a table group a row belongs to ("Trường Tiểu học Tràng An (Tên đơn vị — Mức học phí): Khối 1 —
    3.700.000; Khối 2 — …"), when the question names the group but no single row of it: no row's first cell shares
    more of its words than every other row's does. None otherwise."""
    text = store.text(passage_id)
    if store.role(passage_id) != "row" or _GROUP_SEPARATOR not in text:
        return None
    prefix = text.rsplit(_GROUP_SEPARATOR, 1)[0]
    document, section = store.document(passage_id), store.section(passage_id)

    def same(other: int) -> bool:
        return (0 <= other < len(store) and store.document(other) == document and store.section(other) == section
                and store.role(other) == "row" and store.text(other).startswith(prefix + _GROUP_SEPARATOR))

    first = _run_start(store, passage_id, same, _MOST_ITEMS)
    rows: list[list[tuple[str, str]]] = []
    while same(first + len(rows)) and len(rows) < _MOST_ITEMS:
        body = store.text(first + len(rows))[len(prefix) + len(_GROUP_SEPARATOR) :]
        rows.append([_cell(part) for part in body.split("; ")])
    asked = folded_words(question)
    if len(rows) < 2 or not asked & folded_words(prefix.split(_GROUP_SEPARATOR)[-1]):
        return None
    named = folded_words(prefix)  # "Cà Phê" named by the group is no word of its row "Sản lượng cà phê nhân"
    overlaps = sorted((len(asked & (folded_words(row[0][1]) - named)) for row in rows), reverse=True)
    if overlaps[0] > overlaps[1]:
        return None  # "khối 3 trường Sài Đồng": that row alone
    names = [name for name, _value in rows[0]]
    if len(names) <= _COMPACT_COLUMNS and all([name for name, _value in row] == names for row in rows):
        head = f"{prefix} ({' — '.join(names)}): " if any(names) else f"{prefix}: "
        shown = [" — ".join(value for _name, value in row) for row in rows]
    else:
        head = f"{prefix}: "
        shown = ["; ".join(f"{name}: {value}" if name else value for name, value in row) for row in rows]
    room = max(_ITEM_ROOM, (LIMIT - len(head)) // len(rows) - 2)
    return cut_end(head + "; ".join(cut_end(row, room) for row in shown), LIMIT)


_GROUP_SEPARATOR = " — "
_COMPACT_COLUMNS = 3  # rows of up to 3 columns are shown as their values under the column names, given once


def _cell(part: str) -> tuple[str, str]:
    """(column name, value) of one cell of a row's text ("Mức học phí: 3.700.000"); no name when it has none."""
    name, separator, value = part.partition(": ")
    return (name, value) if separator else ("", part)
