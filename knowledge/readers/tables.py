"""Word tables as rows of cell texts: a cell spanning columns is followed by empty cells so that columns stay
aligned, a vertically merged cell repeats its text down a table of data, and each row is written as one
"| cell | cell |" line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from knowledge.readers.archive import attribute, local

_DATA_ROWS = 4


def row_line(cells: list[str]) -> str:
    """One table row as text: "| a | b |", an empty cell as "| |", a "|" inside a cell written "\\|"."""
    return "|" + "".join(f" {cell.replace('|', chr(92) + '|')} |" if cell else " |" for cell in cells)


@dataclass
class Table:
    """The cells of one table, row by row, as (cell element or None for an empty grid column, continues a
    vertical merge), and its number of grid columns."""

    layout: list[list[tuple[Any, bool]]] = field(default_factory=list)
    columns: int = 0

    @classmethod
    def parse(cls, element: Any) -> Table:
        """Read the shape of a w:tbl element (no text yet)."""
        table = cls()
        grid = 0
        for child in element:
            if local(child) == "tblGrid":
                grid = sum(1 for column in child if local(column) == "gridCol")
        for row in _children(element, "tr"):
            before, after = _row_gaps(row)
            cells: list[tuple[Any, bool]] = [(None, False)] * before
            for cell in _children(row, "tc"):
                span, continued = _merge(cell)
                cells.append((cell, continued))
                cells.extend([(None, False)] * (span - 1))
            cells.extend([(None, False)] * after)
            table.layout.append(cells)
        widest = max((len(cells) for cells in table.layout), default=0)
        table.columns = max(grid, widest) if widest > 1 else widest
        for cells in table.layout:
            cells.extend([(None, False)] * (table.columns - len(cells)))
        return table

    def rows(self, cell_text: Callable[[Any], str]) -> list[list[str]]:
        """The cell texts row by row; a merged-over cell is "". A cell continuing a vertical merge repeats the text
        above it in a table of data (four rows or more), so that each row says all it holds ("Cổng thông tin điện
        tử" merged down the rows it serves); in a smaller table (a header set side by side) it is ""."""
        repeat = len(self.layout) >= _DATA_ROWS
        out: list[list[str]] = []
        for cells in self.layout:
            row = []
            for column, (cell, continued) in enumerate(cells):
                if cell is not None and not continued:
                    row.append(cell_text(cell))
                elif continued and repeat and out:
                    row.append(out[-1][column])
                else:
                    row.append("")
            out.append(row)
        return out

    def lines(self, cell_text: Callable[[Any], str]) -> list[str]:
        """The rows as "| … |" lines, leaving out rows with no text at all."""
        return [row_line(cells) for cells in self.rows(cell_text) if any(cells)]

    def cell_elements(self) -> list[Any]:
        """The w:tc elements in reading order."""
        return [cell for cells in self.layout for cell, _ in cells if cell is not None]


def _children(element: Any, name: str) -> Iterator[Any]:
    """The `name` children of an element, looking through content controls and custom XML wrappers."""
    for child in element:
        kind = local(child)
        if kind == name:
            yield child
        elif kind in ("sdt", "sdtContent", "customXml"):
            yield from _children(child, name)


def _row_gaps(row: Any) -> tuple[int, int]:
    """Grid columns left empty before the first cell and after the last (w:gridBefore, w:gridAfter)."""
    before = after = 0
    for child in row:
        if local(child) == "trPr":
            for item in child:
                if local(item) == "gridBefore":
                    before = _count(attribute(item, "val"))
                elif local(item) == "gridAfter":
                    after = _count(attribute(item, "val"))
    return before, after


def _merge(cell: Any) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it continues a vertical merge from the row above."""
    span, continued = 1, False
    for child in cell:
        if local(child) == "tcPr":
            for item in child:
                if local(item) == "gridSpan":
                    span = max(1, _count(attribute(item, "val")))
                elif local(item) == "vMerge":
                    continued = attribute(item, "val") in (None, "continue")
                elif local(item) == "hMerge":  # the old form of a horizontal merge
                    continued = continued or attribute(item, "val") in (None, "continue")
    return span, continued


def _count(value: str | None) -> int:
    """A small non-negative count from an attribute (hostile values are capped: a row never has 64 columns)."""
    return min(int(value), 63) if value is not None and value.isdigit() else 0
