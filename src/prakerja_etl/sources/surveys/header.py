"""Finding a survey table's header: the line naming every value column the sidecar names, where
those columns are, which column holds the row labels, and which lines are titles, footnotes or
column numbers rather than data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.sources.surveys.cells import Line, fold
from prakerja_etl.sources.surveys.sidecar import ColumnSpec

# BPS prints a row of column numbers, "(1) (2) (3)", under the header.
_COLUMN_NUMBER = re.compile(r"\(\d+\)")


@dataclass(frozen=True)
class Column:
    """A sidecar value column located in the header."""

    index: int
    name: str
    spec: ColumnSpec


def find_header(lines: list[Line], headers: list[str]) -> int:
    """Index of the header proper: the last of the first run of lines naming every value column."""
    wanted = {fold(h) for h in headers}
    for start, line in enumerate(lines):
        if names_columns(line, wanted):
            end = start
            # A header cell merged down over the group row names the columns on both rows.
            while end + 1 < len(lines) and names_columns(lines[end + 1], wanted):
                end += 1
            return end
    raise _header_error(lines, headers)


def _header_error(lines: list[Line], headers: list[str]) -> UnreadableInput:
    """Say whether the table lacks a header or its header lacks a column the sidecar names."""
    # Title and footnote lines have one cell; the first line with more is where the header would be.
    candidate = next((line for line in lines if not line.blank() and not is_title(line)), None)
    if candidate is not None:
        have = [candidate.text(i) for i in range(len(candidate.cells)) if candidate.text(i)]
        absent = [h for h in headers if fold(h) not in {fold(t) for t in have[1:]}]
        return UnreadableInput(
            f"column(s) {', '.join(map(repr, absent))} named in the sidecar (value_column/group_columns/"
            f"period_columns) are not in the header (row {candidate.number}: {have})"
        )
    return UnreadableInput(
        f"no header row found: no row has a label cell followed by the sidecar's value column(s) {headers}"
    )


def locate_columns(header: Line, specs: tuple[ColumnSpec, ...]) -> list[Column]:
    """Each sidecar column's position in the header; value_column first, the rest left to right."""
    texts = [fold(header.text(i)) for i in range(len(header.cells))]
    columns = []
    for spec in specs:
        # Never column 0: the first cell names the category column.
        index = texts.index(fold(spec.header), 1)
        columns.append(Column(index, header.text(index), spec))
    return sorted(columns, key=lambda c: (c.spec.kind != "value", c.index))


def label_column(lines: list[Line], columns: list[Column]) -> int:
    """The leftmost column, left of every value column, with text in the header or a line with values."""
    limit = min(column.index for column in columns)
    # Only lines with values count: footnotes may start further left than the table.
    rows = [line for line in lines if any(line.text(column.index) for column in columns)]
    for index in range(limit):
        if any(line.text(index) for line in rows):
            return index
    raise UnreadableInput(f"no row-label column left of the value columns (header row {lines[0].number})")


def names_columns(line: Line, wanted: set[str]) -> bool:
    """True for a header line: not a title, and naming every wanted column after its first cell."""
    texts = {fold(line.text(i)) for i in range(1, len(line.cells))}
    return wanted <= texts and not is_title(line)


def is_title(line: Line) -> bool:
    """One non-empty cell of its own with nothing left of it (a title or footnote line)."""
    own = line.own()
    return len(own) == 1 and not any(line.text(i) for i in range(own[0][0]))


def is_column_numbers(line: Line) -> bool:
    """True for a '(1) (2) (3)' row that numbers the columns."""
    texts = [t for _, t in line.own()]
    return bool(texts) and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def first_filled(line: Line) -> int:
    """Index of the line's first non-empty cell (0 for a blank line)."""
    return next((i for i in range(len(line.cells)) if line.text(i)), 0)
