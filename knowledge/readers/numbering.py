"""Word's automatic list numbers ("1.", "a)", "II.", bullets): the labels Word shows but does not store in the
text, rebuilt from numbering.xml and the paragraph styles so that numbered items keep their numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from knowledge.readers.archive import attribute, local

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]  # fmt: skip
_PLUS = ("+",)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list: how its number is written."""

    format: str = "decimal"
    text: str = "%1."
    start: int = 1
    legal: bool = False


@dataclass
class Numbering:
    """The lists of one document and the running counters of each."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstract, restarts)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: Any) -> Numbering:
        """The numbering definitions of a numbering.xml tree (None: a document without lists)."""
        numbering = cls()
        if root is None:
            return numbering
        for node in root:
            name = local(node)
            if name == "abstractNum":
                levels: dict[int, Level] = {}
                for level in node:
                    if local(level) == "lvl":
                        levels[_int(attribute(level, "ilvl"), 0)] = _level(level)
                numbering.abstracts[attribute(node, "abstractNumId") or ""] = levels
            elif name == "num":
                abstract, restarts = "", {}
                for child in node:
                    if local(child) == "abstractNumId":
                        abstract = attribute(child, "val") or ""
                    elif local(child) == "lvlOverride":
                        for item in child:
                            if local(item) == "startOverride":
                                restarts[_int(attribute(child, "ilvl"), 0)] = _int(attribute(item, "val"), 1)
                numbering.lists[attribute(node, "numId") or ""] = (abstract, restarts)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list `num_id` at level `ilvl` ("2.", "b)", "-"), advancing its counters."""
        abstract, restarts = self.lists.get(num_id, ("", {}))
        levels = self.abstracts.get(abstract)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted, start in restarts.items():
                counters[restarted] = start - 1
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [other for other in counters if other > ilvl]:
            del counters[deeper]
        level = levels[ilvl]
        if level.format == "none":
            return level.text.strip() if "%" not in level.text else ""
        if level.format == "bullet":
            return "+" if level.text.strip() in _PLUS else "-"
        text = level.text
        for number in range(9, 0, -1):
            placeholder = f"%{number}"
            if placeholder in text:
                owner = levels.get(number - 1, Level())
                value = counters.get(number - 1, owner.start)
                text = text.replace(placeholder, _format(value, "decimal" if level.legal else owner.format))
        return text.strip()


def _level(node: Any) -> Level:
    values: dict[str, str] = {}
    for child in node:
        values[local(child)] = attribute(child, "val") or ""
    return Level(
        format=values.get("numFmt", "decimal") or "decimal",
        text=values.get("lvlText", ""),
        start=_int(values.get("start"), 1),
        legal="isLgl" in values and values["isLgl"] not in ("0", "false"),
    )


def _format(value: int, style: str) -> str:
    if style in ("lowerLetter", "upperLetter"):
        letters = _letters(value)
        return letters if style == "lowerLetter" else letters.upper()
    if style in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if style == "lowerRoman" else roman.upper()
    if style == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _letters(value: int) -> str:
    """Word's letters: a … z, then aa … zz, aaa …"""
    if value < 1:
        return str(value)
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value: int) -> str:
    if not 0 < value < 4000:
        return str(value)
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
