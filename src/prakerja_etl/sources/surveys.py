"""Read one published survey table (CSV or XLSX, with its `<stem>.yaml` sidecar) into tidy cell rows.

The input contract (layout, sidecar keys) is `corpus/dev/surveys/README.md`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries

from prakerja_etl.errors import UnreadableInput, one_line
from prakerja_etl.schemas import PERIOD_PATTERN, UNITS, metric_units
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import load_yaml
from prakerja_etl.text.decode import decode_bytes
from prakerja_etl.text.provinces import canonical_province

SURVEY_SUFFIXES = (".csv", ".xlsx")
REQUIRED_KEYS = ("survey", "publisher", "period", "unit", "dimension")
# Labels of the national total row, folded to lowercase letters only.
TOTAL_LABELS = frozenset({"indonesia", "total", "jumlah", "nasional", "totalindonesia", "jumlahtotal"})
NO_DATA = frozenset({"-", "–", "—", "−"})
CSV_DELIMITERS = (",", ";", "\t")
# Excel's own limits: a cell holds at most 32,767 characters, a sheet has 1,048,576 rows.
_MAX_CELL_CHARS = 32_767
_SHEET_ROWS = 1_048_576

_FOOTNOTE = re.compile(r"(?:sumber|catatan|keterangan)\s*:", re.IGNORECASE)
# BPS prints a row of column numbers, "(1) (2) (3)", under the header.
_COLUMN_NUMBER = re.compile(r"\(\d+\)")
# Indonesian notation only: '.' groups thousands in threes, ',' marks decimals.
_ID_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")
_PERIOD = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True)
class SurveyExtraction:
    """What one survey table yields: rows to load and (reason, payload JSON) problems to quarantine."""

    rows: list[dict[str, Any]]
    problems: list[tuple[str, str | None]]
    # '-' cells (no data): the row's keys without `value`, for traceability.
    missing: list[dict[str, Any]] = field(default_factory=list)
    # Title and footnote lines, as their text.
    ignored_lines: list[str] = field(default_factory=list)
    unlisted: int = 0   # problems past the first PRAKERJA_MAX_PROBLEMS_PER_FILE, counted only


@dataclass(frozen=True)
class _ColumnSpec:
    """A value column the sidecar names, and what its cells mean."""

    header: str
    kind: str            # 'value', 'group' or 'period'
    group: str | None
    period: str


@dataclass(frozen=True)
class _Sidecar:
    """The parsed, checked sidecar."""

    survey: str
    publisher: str
    unit: str
    dimension: str
    rows: dict[str, str | None]   # folded label → metric id or None (dimension 'metric')
    metric: str | None            # dimension 'province'
    columns: tuple[_ColumnSpec, ...]
    # An illustrative table has fill-in cells; only `published_cells` (folded label → folded
    # column headers) are real figures.
    illustrative: bool = False
    published_cells: dict[str, frozenset[str]] = field(default_factory=dict)

    def published(self, label: str, column: str) -> bool:
        """False for a fill-in cell of an illustrative table."""
        return not self.illustrative or _fold(column) in self.published_cells.get(_fold(label), ())


@dataclass(frozen=True)
class _Line:
    """One row of the file or sheet; merged-cell values are copied into every cell they cover."""

    number: int
    cells: tuple[Any, ...]
    copied: frozenset[int] = frozenset()

    def text(self, index: int) -> str:
        """Cell text, trimmed; '' beyond the row's end."""
        return _text(self.cells[index]) if index < len(self.cells) else ""

    def own(self) -> list[tuple[int, str]]:
        """(index, text) of the non-empty cells that hold their own value, not a merged copy."""
        texts = ((i, self.text(i)) for i in range(len(self.cells)) if i not in self.copied)
        return [(i, t) for i, t in texts if t]

    def blank(self) -> bool:
        """True for an empty line or one of delimiters only."""
        return not any(self.text(i) for i in range(len(self.cells)))

    def joined(self) -> str:
        """The line as one text: its own non-empty cells joined by a space."""
        return " ".join(t for _, t in self.own()).strip()


@dataclass(frozen=True)
class _Grid:
    """The cells of a table file: its lines and, for XLSX, the sheet name."""

    lines: list[_Line]
    sheet: str | None

    def ref(self, line: _Line, index: int) -> str:
        """The cell's reference: 'B7' in a sheet, 'r7c2' in a CSV file."""
        if self.sheet is None:
            return f"r{line.number}c{index + 1}"
        return f"{get_column_letter(index + 1)}{line.number}"


@dataclass(frozen=True)
class _Column:
    """A sidecar value column located in the header."""

    index: int
    name: str
    spec: _ColumnSpec


def read_survey(path: Path, source_file: str, limits: Settings | None = None) -> SurveyExtraction:
    """Tidy rows of one survey table; raises UnreadableInput when the file cannot be used or
    would cost more than `limits` allow (default: the PRAKERJA_* settings)."""
    path = Path(path)
    limits = limits or Settings.from_env()
    sidecar = _load_sidecar(path, limits)
    headers = [spec.header for spec in sidecar.columns]
    grid = _read_grid(path, headers, limits)
    header_at = _find_header(grid.lines, headers)
    columns = _locate_columns(grid.lines[header_at], sidecar.columns)
    label_at = _label_column(grid.lines[header_at:], columns)
    builder = _Builder(grid, sidecar, source_file, label_at, columns, limits.max_problems_per_file)
    # A lone cell further right is a group row's merged header ('Tahun' over 2020 | 2021), not a title.
    builder.ignored.extend(line.joined() for line in grid.lines[:header_at]
                           if _is_title(line) and line.own()[0][0] <= label_at)
    wanted = {_fold(h) for h in headers}
    in_footer = False
    for line in grid.lines[header_at + 1:]:
        if line.blank() or _is_column_numbers(line) or _names_columns(line, wanted):
            continue
        if _FOOTNOTE.match(line.text(_first_filled(line))) or (in_footer and _is_title(line)):
            # A footnote may wrap onto further single-cell lines.
            in_footer = True
            builder.ignored.append(line.joined())
            continue
        builder.add_line(line)
    return SurveyExtraction(builder.rows, builder.problems, builder.missing, builder.ignored,
                            builder.unlisted)


# --- sidecar -------------------------------------------------------------------------------------


def _load_sidecar(table: Path, limits: Settings) -> _Sidecar:
    """Read and check `<stem>.yaml` next to the table."""
    path = table.with_suffix(".yaml")
    if not path.is_file():
        raise UnreadableInput(
            f"no sidecar {path.name} next to {table.name}: add one naming survey, publisher, period, "
            f"unit, dimension and the value column (see corpus/dev/surveys/README.md)"
        )
    if path.stat().st_size > limits.max_file_bytes:
        raise UnreadableInput(f"sidecar {path.name} is over the {limits.max_file_bytes:,}-byte limit "
                              "(PRAKERJA_MAX_FILE_BYTES)")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as exc:
        raise UnreadableInput(f"sidecar {path.name} is not valid YAML: {one_line(exc)}") from exc
    doc = load_yaml(text, f"sidecar {path.name}", limits.max_nesting)
    if not isinstance(doc, dict):
        raise UnreadableInput(f"sidecar {path.name} must be a YAML mapping of keys (survey, publisher, ...)")
    return _parse_sidecar(doc, path.name)


def _parse_sidecar(doc: dict[str, Any], name: str) -> _Sidecar:
    """Check the keys the table needs and resolve metrics, units and value columns."""
    missing = [key for key in REQUIRED_KEYS if doc.get(key) in (None, "")]
    if missing:
        raise UnreadableInput(f"sidecar {name} lacks required key(s) {', '.join(missing)}")
    unit = str(doc["unit"]).strip()
    if unit not in UNITS:
        raise UnreadableInput(f"sidecar {name}: unit {unit!r} is not one of {', '.join(UNITS)}")
    dimension = str(doc["dimension"]).strip()
    rows, metric = _dimension_keys(doc, dimension, name)
    for metric_id in {metric, *rows.values()} - {None}:
        _check_metric(metric_id, unit, name)
    published = doc.get("published_cells") or {}
    if not isinstance(published, dict):
        raise UnreadableInput(f"sidecar {name}: published_cells must map row label → list of column headers")
    return _Sidecar(survey=str(doc["survey"]).strip(), publisher=str(doc["publisher"]).strip(),
                    unit=unit, dimension=dimension, rows=rows, metric=metric,
                    columns=_column_specs(doc, name), illustrative=bool(doc.get("illustrative")),
                    published_cells={_fold(str(label)): frozenset(_fold(str(c)) for c in (cols or {}))
                                     for label, cols in published.items()})


def _dimension_keys(doc: dict[str, Any], dimension: str,
                    name: str) -> tuple[dict[str, str | None], str | None]:
    """(folded row label → metric, the one metric) as the dimension requires."""
    if dimension == "metric":
        rows = doc.get("rows")
        if not isinstance(rows, dict) or not rows:
            raise UnreadableInput(f"sidecar {name}: dimension 'metric' needs a 'rows' mapping label → metric")
        return {_fold(_text(k)): (None if v is None else str(v).strip()) for k, v in rows.items()}, None
    if dimension == "province":
        if not doc.get("metric"):
            raise UnreadableInput(f"sidecar {name}: dimension 'province' needs the key 'metric'")
        return {}, str(doc["metric"]).strip()
    raise UnreadableInput(f"sidecar {name}: dimension {dimension!r} must be 'metric' or 'province'")


def _check_metric(metric: str, unit: str, name: str) -> None:
    """The metric exists in the catalog and is measured in the sidecar's unit."""
    units = metric_units()
    if metric not in units:
        raise UnreadableInput(
            f"sidecar {name} names unknown metric {metric!r}: use an id from schemas/metrics.yaml (or null)"
        )
    if units[metric] != unit:
        raise UnreadableInput(
            f"sidecar {name}: unit {unit!r} differs from the unit of metric {metric!r} ({units[metric]!r})"
        )


def _column_specs(doc: dict[str, Any], name: str) -> tuple[_ColumnSpec, ...]:
    """The value columns: value_column first, then group_columns, then period_columns."""
    period = doc["period"]
    period_columns = doc.get("period_columns") or {}
    if isinstance(period, list) and not period_columns and doc.get("value_column") is None:
        # A list of periods without a mapping: the period columns are headed by the periods.
        period_columns = {p: p for p in period}
    if not isinstance(period_columns, dict):
        raise UnreadableInput(f"sidecar {name}: period_columns must map column header → period")
    value_column = doc.get("value_column")
    if value_column is None and not period_columns:
        raise UnreadableInput(f"sidecar {name}: value_column is missing; name the column holding the figures")
    group_columns = doc.get("group_columns") or []
    if not isinstance(group_columns, list):
        raise UnreadableInput(f"sidecar {name}: group_columns must be a list of column headers")
    specs = []
    if value_column is not None or group_columns:
        one_period = _single_period(period, name)
        if value_column is not None:
            specs.append(_ColumnSpec(_text(value_column), "value", None, one_period))
        specs.extend(_ColumnSpec(_text(g), "group", _text(g), one_period) for g in group_columns)
    specs.extend(_ColumnSpec(_text(h), "period", None, _period(p, name)) for h, p in period_columns.items())
    return tuple(specs)


def _single_period(period: Any, name: str) -> str:
    """The sidecar's one period, for value_column and group_columns values."""
    if isinstance(period, list):
        raise UnreadableInput(
            f"sidecar {name}: period is a list, so value_column/group_columns have no single period; "
            f"map each column to its period with period_columns"
        )
    return _period(period, name)


def _period(value: Any, name: str) -> str:
    """A period as text, checked against the contract's forms."""
    text = _text(value)
    if not _PERIOD.fullmatch(text):
        raise UnreadableInput(
            f"sidecar {name}: period {value!r} is not YYYY, YYYY-MM, YYYY-S1/S2 or YYYY-Qn (quote it)"
        )
    return text


# --- reading the table ---------------------------------------------------------------------------


def _read_grid(path: Path, headers: list[str], limits: Settings) -> _Grid:
    """The file's lines, from CSV or the first sheet of an XLSX workbook."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, _TableBudget(path.name, limits))
    if suffix == ".csv":
        return _read_csv(path, headers, limits)
    raise UnreadableInput(f"{path.name}: unsupported table type {suffix!r}; export it as .csv or .xlsx")


def _read_xlsx(path: Path, budget: _TableBudget) -> _Grid:
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
    lines = [_Line(r + 1, tuple(row), frozenset(copied.get(r, ()))) for r, row in enumerate(values)]
    return _Grid(lines, title)


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
    found, tail = [], b""
    with book._archive.open(sheet._worksheet_path) as xml:   # read-only sheets keep the zip open
        while chunk := xml.read(1 << 20):
            text = tail + chunk
            last = 0
            for m in _MERGE_CELL.finditer(text):
                found.append(range_boundaries(m.group(1).decode("ascii")))
                last = m.end()
            tail = text[max(last, len(text) - 256):]
    return found


class _TableBudget:
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


def _read_csv(path: Path, headers: list[str], limits: Settings) -> _Grid:
    """The CSV's lines, split with the delimiter under which the sidecar's header is found."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableInput(f"{path.name} cannot be read: {one_line(exc)}") from exc
    text, _ = decode_bytes(data)
    text = text.removeprefix("\ufeff")
    parses = [_split_csv(text, delimiter, _TableBudget(path.name, limits)) for delimiter in CSV_DELIMITERS]
    return _Grid(max(parses, key=lambda lines: _delimiter_score(lines, headers)), None)


def _split_csv(text: str, delimiter: str, budget: _TableBudget) -> list[_Line]:
    """Lines of the CSV text; each numbered by the file line its record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    lines, start = [], 1
    try:
        for record in reader:
            budget.row(len(lines) + 1, record)
            lines.append(_Line(start, tuple(record)))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableInput(f"{budget.name} is not readable as CSV near line {start}: {exc}") from exc
    return lines


def _delimiter_score(lines: list[_Line], headers: list[str]) -> tuple[bool, int]:
    """(the sidecar's header is found, number of value-like cells): higher is the likelier split."""
    wanted = {_fold(h) for h in headers}
    has_header = any(_names_columns(line, wanted) for line in lines)
    cells = (line.text(i) for line in lines for i in range(1, len(line.cells)))
    numbers = sum(_parse_number(text) is not None for text in cells)
    return has_header, numbers


# --- header --------------------------------------------------------------------------------------


def _find_header(lines: list[_Line], headers: list[str]) -> int:
    """Index of the header proper: the last of the first run of lines naming every value column."""
    wanted = {_fold(h) for h in headers}
    for start, line in enumerate(lines):
        if _names_columns(line, wanted):
            end = start
            # A header cell merged down over the group row names the columns on both rows.
            while end + 1 < len(lines) and _names_columns(lines[end + 1], wanted):
                end += 1
            return end
    raise _header_error(lines, headers)


def _header_error(lines: list[_Line], headers: list[str]) -> UnreadableInput:
    """Say whether the table lacks a header or its header lacks a column the sidecar names."""
    # Title and footnote lines have one cell; the first line with more is where the header would be.
    candidate = next((line for line in lines if not line.blank() and not _is_title(line)), None)
    if candidate is not None:
        have = [candidate.text(i) for i in range(len(candidate.cells)) if candidate.text(i)]
        absent = [h for h in headers if _fold(h) not in {_fold(t) for t in have[1:]}]
        return UnreadableInput(
            f"column(s) {', '.join(map(repr, absent))} named in the sidecar (value_column/group_columns/"
            f"period_columns) are not in the header (row {candidate.number}: {have})"
        )
    return UnreadableInput(
        f"no header row found: no row has a label cell followed by the sidecar's value column(s) {headers}"
    )


def _locate_columns(header: _Line, specs: tuple[_ColumnSpec, ...]) -> list[_Column]:
    """Each sidecar column's position in the header; value_column first, the rest left to right."""
    texts = [_fold(header.text(i)) for i in range(len(header.cells))]
    columns = []
    for spec in specs:
        # Never column 0: the first cell names the category column.
        index = texts.index(_fold(spec.header), 1)
        columns.append(_Column(index, header.text(index), spec))
    return sorted(columns, key=lambda c: (c.spec.kind != "value", c.index))


def _label_column(lines: list[_Line], columns: list[_Column]) -> int:
    """The leftmost column, left of every value column, with text in the header or a line with values."""
    limit = min(column.index for column in columns)
    # Only lines with values count: footnotes may start further left than the table.
    rows = [line for line in lines if any(line.text(column.index) for column in columns)]
    for index in range(limit):
        if any(line.text(index) for line in rows):
            return index
    raise UnreadableInput(f"no row-label column left of the value columns (header row {lines[0].number})")


def _names_columns(line: _Line, wanted: set[str]) -> bool:
    """True for a header line: not a title, and naming every wanted column after its first cell."""
    texts = {_fold(line.text(i)) for i in range(1, len(line.cells))}
    return wanted <= texts and not _is_title(line)


def _is_title(line: _Line) -> bool:
    """One non-empty cell of its own with nothing left of it (a title or footnote line)."""
    own = line.own()
    return len(own) == 1 and not any(line.text(i) for i in range(own[0][0]))


def _is_column_numbers(line: _Line) -> bool:
    """True for a '(1) (2) (3)' row that numbers the columns."""
    texts = [t for _, t in line.own()]
    return bool(texts) and all(_COLUMN_NUMBER.fullmatch(t) for t in texts)


def _first_filled(line: _Line) -> int:
    """Index of the line's first non-empty cell (0 for a blank line)."""
    return next((i for i in range(len(line.cells)) if line.text(i)), 0)


# --- data rows -----------------------------------------------------------------------------------


class _Builder:
    """Turns data lines into rows, missing cells and problems."""

    def __init__(self, grid: _Grid, sidecar: _Sidecar, source_file: str, label_at: int,
                 columns: list[_Column], max_problems: int) -> None:
        self.grid, self.sidecar, self.source_file = grid, sidecar, source_file
        self.label_at, self.columns = label_at, columns
        self.rows: list[dict[str, Any]] = []
        self.problems: list[tuple[str, str | None]] = []
        self.max_problems, self.unlisted = max_problems, 0
        self.missing: list[dict[str, Any]] = []
        self.ignored: list[str] = []
        self.seen: dict[tuple[Any, ...], int] = {}

    def add_line(self, line: _Line) -> None:
        """Rows for every value cell of one data line, or a problem for the line."""
        label = line.text(self.label_at)
        if not label:
            self._problem(f"row {line.number} has values but no row label", self._line_payload(line, label))
            return
        target = self._target(line, label)
        if target is None:
            return
        for column in self.columns:
            self._add_cell(line, label, column, target)

    def _target(self, line: _Line, label: str) -> dict[str, Any] | None:
        """metric, province and group of the line's label; None (and a problem) when unknown."""
        if self.sidecar.dimension == "metric":
            if _fold(label) in self.sidecar.rows:
                return self._keys(self.sidecar.rows[_fold(label)], None, None, None)
            reason = (f"row label {label!r} (row {line.number}) is not in the sidecar's rows mapping; "
                      f"add it with a metric id or null")
        elif re.sub(r"[^a-z]", "", label.casefold()) in TOTAL_LABELS:
            return self._keys(self.sidecar.metric, None, None, "total")
        elif (province := canonical_province(label)) is not None:
            return self._keys(self.sidecar.metric, province.code, province.name, None)
        else:
            reason = (f"unknown province label {label!r} (row {line.number}); expected a province name "
                      f"or alias from schemas/provinces.yaml, or a national total (Indonesia, Total, Jumlah)")
        self._problem(reason, self._line_payload(line, label))
        return None

    def _keys(self, metric: str | None, code: str | None, name: str | None,
              group: str | None) -> dict[str, Any]:
        """The row keys a label determines."""
        return {"metric": metric, "province_code": code, "province_name": name, "group": group}

    def _add_cell(self, line: _Line, label: str, column: _Column, target: dict[str, Any]) -> None:
        """A row for a number, a missing entry for '-', a problem for anything else."""
        ref = self.grid.ref(line, column.index)
        raw = line.cells[column.index] if column.index < len(line.cells) else None
        row = {
            "source_file": self.source_file, "survey": self.sidecar.survey,
            "publisher": self.sidecar.publisher, "period": column.spec.period,
            "metric": target["metric"], "province_code": target["province_code"],
            "province_name": target["province_name"], "group": column.spec.group or target["group"],
            "value": None, "unit": self.sidecar.unit, "label": label, "sheet": self.grid.sheet,
            "row_number": line.number, "column_name": column.name, "cell": ref,
            "published": self.sidecar.published(label, column.name),
        }
        if _text(raw) in NO_DATA:
            self.missing.append({k: v for k, v in row.items() if k != "value"})
            return
        value = _cell_number(raw)
        if value is None:
            self._problem(_cell_reason(raw, ref, label, column.name), self._cell_payload(row, raw))
        elif (duplicate := self._duplicate_of(row)) is not None:
            self._problem(f"cell {ref}: a second value for {label!r} / {column.name!r} (first in row "
                          f"{duplicate}); one figure per category and column", self._cell_payload(row, raw))
        else:
            self.rows.append({**row, "value": value})

    def _duplicate_of(self, row: dict[str, Any]) -> int | None:
        """The row number of an earlier value for the same category/province, group and period."""
        if self.sidecar.dimension == "province":
            who = row["province_code"]
        else:
            # Two labels mapped to one metric would state it twice.
            who = row["metric"] or _fold(row["label"])
        key = (who, row["group"], row["period"])
        earlier = self.seen.setdefault(key, row["row_number"])
        return None if earlier == row["row_number"] else earlier

    def _problem(self, reason: str, payload: dict[str, Any]) -> None:
        if len(self.problems) >= self.max_problems:
            self.unlisted += 1   # counted, not kept: a table of bad cells must not flood the quarantine
            return
        self.problems.append((reason, json.dumps(payload, ensure_ascii=False, default=str)))


    def _line_payload(self, line: _Line, label: str) -> dict[str, Any]:
        cells = [line.text(i) for i in range(len(line.cells))]
        return {"source_file": self.source_file, "sheet": self.grid.sheet, "row_number": line.number,
                "label": label, "cells": cells}

    def _cell_payload(self, row: dict[str, Any], raw: Any) -> dict[str, Any]:
        keys = ("source_file", "sheet", "row_number", "cell", "label", "column_name", "metric",
                "province_name", "group", "period")
        return {**{k: row[k] for k in keys}, "text": _text(raw)}


def _cell_number(raw: Any) -> float | None:
    """A numeric cell as is, or text in Indonesian notation; None when it is neither."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    return _parse_number(raw) if isinstance(raw, str) else None


def _cell_reason(raw: Any, ref: str, label: str, column: str) -> str:
    """Why a value cell is unusable, and what was expected."""
    where = f"cell {ref} (row {label!r}, column {column!r})"
    if raw is None or _text(raw) == "":
        return f"{where} is empty; expected a number or '-' for no data"
    if not isinstance(raw, str | int | float):
        # Excel turns '2,3' into a date when the sheet is opened in another locale.
        return f"{where} holds a {type(raw).__name__} ({_text(raw)!r}), not a number"
    return (f"{where}: {_text(raw)!r} is not a number; expected Indonesian notation "
            f"(48,70 / 793.400 / 5.407.220) or '-' for no data")


def _parse_number(text: str) -> float | None:
    """'48,70' → 48.7, '5.407.220' → 5407220; None for anything not in Indonesian notation."""
    compact = re.sub(r"\s+", "", text).removesuffix("%")
    if not _ID_NUMBER.fullmatch(compact):
        return None
    return float(compact.replace(".", "").replace(",", "."))


def _text(value: Any) -> str:
    """A cell or YAML value as trimmed text; whole floats without '.0' (XLSX header 2020.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fold(text: str) -> str:
    """Compare labels and headers case- and spacing-blind."""
    return " ".join(text.split()).casefold()


