"""Read one published survey table (CSV or XLSX, with its `<stem>.yaml` sidecar) into tidy cell rows.

The input contract (layout, sidecar keys) is `corpus/dev/surveys/README.md`. `sidecar` reads the
sidecar, `table` the file's lines, `header` finds the header and columns, `rows` turns data lines
into rows; `read_survey` below runs them in that order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prakerja_etl.settings import Settings
from prakerja_etl.sources.surveys.cells import fold
from prakerja_etl.sources.surveys.header import (
    find_header,
    first_filled,
    is_column_numbers,
    is_title,
    label_column,
    locate_columns,
    names_columns,
)
from prakerja_etl.sources.surveys.rows import RowBuilder
from prakerja_etl.sources.surveys.sidecar import load_sidecar
from prakerja_etl.sources.surveys.table import read_grid

__all__ = ["SURVEY_SUFFIXES", "SurveyExtraction", "read_survey"]

SURVEY_SUFFIXES = (".csv", ".xlsx")

_FOOTNOTE = re.compile(r"(?:sumber|catatan|keterangan)\s*:", re.IGNORECASE)


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


def read_survey(path: Path, source_file: str, limits: Settings | None = None) -> SurveyExtraction:
    """Tidy rows of one survey table; raises UnreadableInput when the file cannot be used or
    would cost more than `limits` allow (default: the PRAKERJA_* settings)."""
    path = Path(path)
    limits = limits or Settings.from_env()
    sidecar = load_sidecar(path, limits)
    headers = [spec.header for spec in sidecar.columns]
    grid = read_grid(path, headers, limits)
    header_at = find_header(grid.lines, headers)
    columns = locate_columns(grid.lines[header_at], sidecar.columns)
    label_at = label_column(grid.lines[header_at:], columns)
    builder = RowBuilder(grid, sidecar, source_file, label_at, columns, limits.max_problems_per_file)
    # A lone cell further right is a group row's merged header ('Tahun' over 2020 | 2021), not a title.
    builder.ignored.extend(line.joined() for line in grid.lines[:header_at]
                           if is_title(line) and line.own()[0][0] <= label_at)
    wanted = {fold(h) for h in headers}
    in_footer = False
    for line in grid.lines[header_at + 1:]:
        if line.blank() or is_column_numbers(line) or names_columns(line, wanted):
            continue
        if _FOOTNOTE.match(line.text(first_filled(line))) or (in_footer and is_title(line)):
            # A footnote may wrap onto further single-cell lines.
            in_footer = True
            builder.ignored.append(line.joined())
            continue
        builder.add_line(line)
    return SurveyExtraction(builder.rows, builder.problems, builder.missing, builder.ignored,
                            builder.unlisted)
