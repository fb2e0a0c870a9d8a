"""Reading a survey table into lines: a CSV file (its encoding and delimiter found) or the first
sheet of an XLSX workbook (streamed, merged ranges filled in), within what one table may cost."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import range_boundaries

from prakerja_etl.errors import UnreadableInput, one_line
from prakerja_etl.settings import Settings
from prakerja_etl.sources.surveys.cells import Grid, Line, fold, parse_number
from prakerja_etl.sources.surveys.header import names_columns
from prakerja_etl.text.decode import decode_bytes

CSV_DELIMITERS = (",", ";", "\t")
# Excel's own limits: a cell holds at most 32,767 characters, a sheet has 1,048,576 rows.
_MAX_CELL_CHARS = 32_767
_SHEET_ROWS = 1_048_576


def read_grid(path: Path, headers: list[str], limits: Settings) -> Grid:
    """The file's lines, from CSV or the first sheet of an XLSX workbook."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, TableBudget(path.name, limits))
    if suffix == ".csv":
        return _read_csv(path, headers, limits)
    raise UnreadableInput(f"{path.name}: unsupported table type {suffix!r}; export it as .csv or .xlsx")


def _read_xlsx(path: Path, budget: TableBudget) -> Grid:
    """The first sheet's cells (formula results, not formulas), merged ranges filled in. Read as a
    stream over the cells the sheet really has (not the extent its header claims), within budget."""
    budget.check_unpacked(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a broken workbook surfaces as zip, XML, key or value errors alike
        raise _not_a_workbook(path, exc) from exc
    try:
        if not book.worksheets:
            raise UnreadableInput(f"{path.name}: the workbook has no worksheet")
        sheet = book.worksheets[0]
        sheet.reset_dimensions()   # the dimension a file declares can claim a million rows
        values: list[list[Any]] = []
        try:
            blank = 0   # empty rows are kept only when a filled one follows
            for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > _SHEET_ROWS:
                    raise UnreadableInput(f"{path.name} numbers rows past {_SHEET_ROWS:,}, the last row a "
                                          "sheet can have; re-export it from the spreadsheet program")
                cells = _trimmed(row)
                budget.spend(len(row) - len(cells))   # empty formatted cells cost reading them too
                if not cells:
                    blank += 1
                    continue
                values.extend([] for _ in range(blank))
                blank = 0
                budget.row(len(values) + 1, cells)
                values.append(cells)
            merged = _merged_ranges(book, sheet)
        except UnreadableInput:
            raise
        except Exception as exc:  # noqa: BLE001 - malformed sheet XML fails mid-stream in many ways
            raise _not_a_workbook(path, exc) from exc
        title = sheet.title
    finally:
        book.close()
    copied = _fill_merged(values, merged, budget)
    lines = [Line(r + 1, tuple(row), frozenset(copied.get(r, ()))) for r, row in enumerate(values)]
    return Grid(lines, title)


def _fill_merged(values: list[list[Any]], merged: list[tuple[int, int, int, int]],
                 budget: TableBudget) -> dict[int, set[int]]:
    """Copy each merged range's value into every cell it covers; row index → the columns copied."""
    copied: dict[int, set[int]] = {}
    width = max(map(len, values), default=0)   # rows end at their last cell
    for min_col, min_row, max_col, max_row in merged:
        if min_row > len(values) or min_col > len(values[min_row - 1]):
            continue   # a merged range beyond the cells the sheet has
        anchor = values[min_row - 1][min_col - 1]
        for r in range(min_row - 1, min(max_row, len(values))):
            row = values[r]
            end = min(max_col, width)
            budget.spend(max(end - (min_col - 1), 0))
            row.extend([None] * (end - len(row)))
            for c in range(min_col - 1, end):
                if (r, c) != (min_row - 1, min_col - 1):
                    row[c] = anchor
                    copied.setdefault(r, set()).add(c)
    return copied


def _trimmed(row: tuple[Any, ...]) -> list[Any]:
    """The row's cells up to its last one with a value."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return list(row[:end])


def _not_a_workbook(path: Path, exc: BaseException) -> UnreadableInput:
    return UnreadableInput(f"{path.name} cannot be opened as an XLSX workbook ({type(exc).__name__}: "
                           f"{one_line(exc)[:200]}); re-export it from the spreadsheet program")


# <mergeCell ref="A1:B1"/> elements follow the cells in a sheet's XML; read-only openpyxl skips them.
_MERGE_CELL = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)"')


def _merged_ranges(book: Any, sheet: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of each merged range of the sheet, scanned from its XML
    a chunk at a time (the sheet's XML is never held whole)."""
    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with book._archive.open(sheet._worksheet_path) as xml:   # read-only sheets keep the zip open
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            last = 0
            for m in _MERGE_CELL.finditer(text):
                min_col, min_row, max_col, max_row = range_boundaries(m.group(1).decode("ascii"))
                # The pattern matches cell references (A1:B2), which have all four bounds.
                if min_col and min_row and max_col and max_row:
                    found.append((min_col, min_row, max_col, max_row))
                last = m.end()
            tail = text[max(last, len(text) - 256):]
    return found


class TableBudget:
    """What reading one table may cost: rows, columns, cells and, for XLSX, unpacked bytes."""

    def __init__(self, name: str, limits: Settings) -> None:
        self.name, self.limits, self.cells = name, limits, 0

    def check_unpacked(self, path: Path) -> None:
        """Refuse a workbook whose parts unpack to more than the limit (a zip bomb), before reading
        it; zipfile never inflates a part past the size its directory declares."""
        try:
            with zipfile.ZipFile(path) as archive:
                unpacked = sum(info.file_size for info in archive.infolist())
        except Exception as exc:  # noqa: BLE001 - not a zip at all: say so as openpyxl would
            raise _not_a_workbook(path, exc) from exc
        if unpacked > self.limits.max_unpacked_bytes:
            raise UnreadableInput(f"{self.name} unpacks to {unpacked:,} bytes, over the "
                                  f"{self.limits.max_unpacked_bytes:,}-byte limit "
                                  "(PRAKERJA_MAX_UNPACKED_BYTES)")

    def row(self, number: int, cells: tuple[Any, ...] | list[Any]) -> None:
        """Account for one row read; refuse the table once it is beyond a limit."""
        limits = self.limits
        if number > limits.max_table_rows:
            raise UnreadableInput(f"{self.name} has more than {limits.max_table_rows:,} rows "
                                  "(PRAKERJA_MAX_TABLE_ROWS); a survey table has far fewer: delete the "
                                  "rows below the table or split the file")
        if len(cells) > limits.max_table_columns:
            raise UnreadableInput(f"{self.name}: row {number} reaches column {len(cells):,}, beyond the "
                                  f"{limits.max_table_columns:,}-column limit (PRAKERJA_MAX_TABLE_COLUMNS); "
                                  "delete the stray cells right of the table")
        long = next((v for v in cells if isinstance(v, str) and len(v) > _MAX_CELL_CHARS), None)
        if long is not None:
            raise UnreadableInput(f"{self.name}: a cell of row {number} holds {len(long):,} characters, more "
                                  f"than a spreadsheet cell can ({_MAX_CELL_CHARS:,})")
        self.spend(len(cells))

    def spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.limits.max_table_cells:
            raise UnreadableInput(f"{self.name} has more than {self.limits.max_table_cells:,} cells "
                                  "(PRAKERJA_MAX_TABLE_CELLS); a survey table has far fewer")


def _read_csv(path: Path, headers: list[str], limits: Settings) -> Grid:
    """The CSV's lines, split with the delimiter under which the sidecar's header is found."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{path.name} cannot be read: {one_line(exc)}") from exc
    text, _ = decode_bytes(data)
    text = text.removeprefix("\ufeff")
    parses = [_split_csv(text, delimiter, TableBudget(path.name, limits)) for delimiter in CSV_DELIMITERS]
    return Grid(max(parses, key=lambda lines: _delimiter_score(lines, headers)), None)


def _split_csv(text: str, delimiter: str, budget: TableBudget) -> list[Line]:
    """Lines of the CSV text; each numbered by the file line its record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines: list[Line] = []
    start = 1
    try:
        for record in reader:
            budget.row(len(lines) + 1, record)
            lines.append(Line(start, tuple(record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableInput(f"{budget.name} is not readable as CSV near line {start}: {exc}") from exc
    return lines


def _delimiter_score(lines: list[Line], headers: list[str]) -> tuple[bool, int]:
    """(the sidecar's header is found, number of value-like cells): higher is the likelier split."""
    wanted = {fold(h) for h in headers}
    has_header = any(names_columns(line, wanted) for line in lines)
    cells = (line.text(i) for line in lines for i in range(1, len(line.cells)))
    numbers = sum(parse_number(text) is not None for text in cells)
    return has_header, numbers
