"""A survey table's data lines as rows: one per value cell, keyed by the metric or province its
label names and the group and period its column stands for; '-' cells are kept as missing, and
anything else unusable is a problem for the quarantine (the first few per file)."""

from __future__ import annotations

import json
import re
from typing import Any

from prakerja_etl.sources.surveys.cells import NO_DATA, Grid, Line, cell_number, cell_reason, cell_text, fold
from prakerja_etl.sources.surveys.header import Column
from prakerja_etl.sources.surveys.sidecar import Sidecar
from prakerja_etl.text.provinces import canonical_province

# Labels of the national total row, folded to lowercase letters only.
TOTAL_LABELS = frozenset({"indonesia", "total", "jumlah", "nasional", "totalindonesia", "jumlahtotal"})


class RowBuilder:
    """Turns data lines into rows, missing cells and problems."""

    def __init__(self, grid: Grid, sidecar: Sidecar, source_file: str, label_at: int,
                 columns: list[Column], max_problems: int) -> None:
        self.grid, self.sidecar, self.source_file = grid, sidecar, source_file
        self.label_at, self.columns = label_at, columns
        self.rows: list[dict[str, Any]] = []
        self.problems: list[tuple[str, str | None]] = []
        self.max_problems, self.unlisted = max_problems, 0
        self.missing: list[dict[str, Any]] = []
        self.ignored: list[str] = []
        self.seen: dict[tuple[Any, ...], int] = {}

    def add_line(self, line: Line) -> None:
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

    def _target(self, line: Line, label: str) -> dict[str, Any] | None:
        """metric, province and group of the line's label; None (and a problem) when unknown."""
        if self.sidecar.dimension == "metric":
            if fold(label) in self.sidecar.rows:
                return self._keys(self.sidecar.rows[fold(label)], None, None, None)
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

    def _add_cell(self, line: Line, label: str, column: Column, target: dict[str, Any]) -> None:
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
        if cell_text(raw) in NO_DATA:
            self.missing.append({k: v for k, v in row.items() if k != "value"})
            return
        value = cell_number(raw)
        if value is None:
            self._problem(cell_reason(raw, ref, label, column.name), self._cell_payload(row, raw))
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
            who = row["metric"] or fold(row["label"])
        key = (who, row["group"], row["period"])
        earlier = self.seen.setdefault(key, row["row_number"])
        return None if earlier == row["row_number"] else earlier

    def _problem(self, reason: str, payload: dict[str, Any]) -> None:
        if len(self.problems) >= self.max_problems:
            self.unlisted += 1   # counted, not kept: a table of bad cells must not flood the quarantine
            return
        self.problems.append((reason, json.dumps(payload, ensure_ascii=False, default=str)))


    def _line_payload(self, line: Line, label: str) -> dict[str, Any]:
        cells = [line.text(i) for i in range(len(line.cells))]
        return {"source_file": self.source_file, "sheet": self.grid.sheet, "row_number": line.number,
                "label": label, "cells": cells}

    def _cell_payload(self, row: dict[str, Any], raw: Any) -> dict[str, Any]:
        keys = ("source_file", "sheet", "row_number", "cell", "label", "column_name", "metric",
                "province_name", "group", "period")
        return {**{k: row[k] for k in keys}, "text": cell_text(raw)}
