"""The sidecar (`<stem>.yaml` beside a survey table): read, checked against the input contract
(`corpus/dev/surveys/README.md`), its metrics against the catalog and its value columns resolved."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prakerja_etl.errors import UnreadableInput, one_line
from prakerja_etl.schemas import PERIOD_PATTERN, UNITS, metric_units
from prakerja_etl.settings import Settings
from prakerja_etl.sources.bounded import load_yaml
from prakerja_etl.sources.surveys.cells import cell_text, fold

REQUIRED_KEYS = ("survey", "publisher", "period", "unit", "dimension")
_PERIOD = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True)
class ColumnSpec:
    """A value column the sidecar names, and what its cells mean."""

    header: str
    kind: str            # 'value', 'group' or 'period'
    group: str | None
    period: str


@dataclass(frozen=True)
class Sidecar:
    """The parsed, checked sidecar."""

    survey: str
    publisher: str
    unit: str
    dimension: str
    rows: dict[str, str | None]   # folded label → metric id or None (dimension 'metric')
    metric: str | None            # dimension 'province'
    columns: tuple[ColumnSpec, ...]
    # An illustrative table has fill-in cells; only `published_cells` (folded label → folded
    # column headers) are real figures.
    illustrative: bool = False
    published_cells: dict[str, frozenset[str]] = field(default_factory=dict)

    def published(self, label: str, column: str) -> bool:
        """False for a fill-in cell of an illustrative table."""
        return not self.illustrative or fold(column) in self.published_cells.get(fold(label), ())


def load_sidecar(table: Path, limits: Settings) -> Sidecar:
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


def _parse_sidecar(doc: dict[str, Any], name: str) -> Sidecar:
    """Check the keys the table needs and resolve metrics, units and value columns."""
    missing = [key for key in REQUIRED_KEYS if doc.get(key) in (None, "")]
    if missing:
        raise UnreadableInput(f"sidecar {name} lacks required key(s) {', '.join(missing)}")
    unit = str(doc["unit"]).strip()
    if unit not in UNITS:
        raise UnreadableInput(f"sidecar {name}: unit {unit!r} is not one of {', '.join(UNITS)}")
    dimension = str(doc["dimension"]).strip()
    rows, metric = _dimension_keys(doc, dimension, name)
    for metric_id in {m for m in (metric, *rows.values()) if m is not None}:
        _check_metric(metric_id, unit, name)
    published = doc.get("published_cells") or {}
    if not isinstance(published, dict):
        raise UnreadableInput(f"sidecar {name}: published_cells must map row label → list of column headers")
    return Sidecar(survey=str(doc["survey"]).strip(), publisher=str(doc["publisher"]).strip(),
                    unit=unit, dimension=dimension, rows=rows, metric=metric,
                    columns=_column_specs(doc, name), illustrative=bool(doc.get("illustrative")),
                    published_cells={fold(str(label)): frozenset(fold(str(c)) for c in (cols or {}))
                                     for label, cols in published.items()})


def _dimension_keys(doc: dict[str, Any], dimension: str,
                    name: str) -> tuple[dict[str, str | None], str | None]:
    """(folded row label → metric, the one metric) as the dimension requires."""
    if dimension == "metric":
        rows = doc.get("rows")
        if not isinstance(rows, dict) or not rows:
            raise UnreadableInput(f"sidecar {name}: dimension 'metric' needs a 'rows' mapping label → metric")
        return {fold(cell_text(k)): (None if v is None else str(v).strip()) for k, v in rows.items()}, None
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


def _column_specs(doc: dict[str, Any], name: str) -> tuple[ColumnSpec, ...]:
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
            specs.append(ColumnSpec(cell_text(value_column), "value", None, one_period))
        specs.extend(ColumnSpec(cell_text(g), "group", cell_text(g), one_period) for g in group_columns)
    specs.extend(ColumnSpec(cell_text(h), "period", None, _period(p, name))
                 for h, p in period_columns.items())
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
    text = cell_text(value)
    if not _PERIOD.fullmatch(text):
        raise UnreadableInput(
            f"sidecar {name}: period {value!r} is not YYYY, YYYY-MM, YYYY-S1/S2 or YYYY-Qn (quote it)"
        )
    return text
