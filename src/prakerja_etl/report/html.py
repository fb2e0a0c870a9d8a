"""The run report: one self-contained HTML file beside the warehouse, charts drawn as inline SVG.

It reads the warehouse read-only and needs no network to view: no script, font or style is
loaded from anywhere (the stylesheet is inlined from `report.css`). The page is laid out by
the Jinja templates in `templates/`; this module reads the warehouse and shapes what they show.
Sections with nothing to show say so instead of drawing an empty chart.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import duckdb
import jinja2

from prakerja_etl.errors import ConfigError
from prakerja_etl.report import charts
from prakerja_etl.report.formats import compact, exact
from prakerja_etl.warehouse.connection import Config, connect
from prakerja_etl.warehouse.views import STATED

# Runs never block readers; this is for another process holding the file read-write (DBeaver, Python).
LOCK_WAIT_SECONDS = 10.0
LATEST_ITEMS = 20
# A report over years of news must stay a page, not a dump: the warehouse holds the rest.
SHOWN_ROWS = 200
SHOWN_SOURCES = 12


@dataclass
class ReportData:
    """Everything the report shows, read in one go from the warehouse."""

    counts: dict[str, int] = field(default_factory=dict)
    official_by_year: list[tuple[int, float]] = field(default_factory=list)
    # (year, kind, middle of a band of values, sources stating a value in it): capped marks.
    reported_bands: list[tuple[int, str, float, int]] = field(default_factory=list)
    band_width: float = 0.0
    reported_by_year: list[tuple[int, float, float, int]] = field(default_factory=list)  # lowest, highest, n
    provinces: dict[int, list[tuple[str, str, float]]] = field(default_factory=dict)  # year → code, name, n
    province_year: int | None = None       # the year shown first: the one rankings and conflicts are about
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)
    review_by_rule: list[tuple[Any, ...]] = field(default_factory=list)
    review: list[tuple[Any, ...]] = field(default_factory=list)
    ranking_checks: list[tuple[Any, ...]] = field(default_factory=list)
    quarantine_by_reason: list[tuple[Any, ...]] = field(default_factory=list)
    quarantine_latest: list[tuple[Any, ...]] = field(default_factory=list)
    data_quality: list[tuple[Any, ...]] = field(default_factory=list)
    runs: list[tuple[Any, ...]] = field(default_factory=list)


def default_path(warehouse: Path) -> Path:
    """`<warehouse stem>.report.html` beside the warehouse."""
    return warehouse.with_name(f"{warehouse.stem}.report.html")


def read_report(warehouse: Path, limits: Config | None = None) -> ReportData:
    """What the report of `warehouse` shows, read with these DuckDB settings."""
    with connect(warehouse, read_only=True, wait_seconds=LOCK_WAIT_SECONDS, limits=limits) as con:
        try:
            return gather(con)
        except duckdb.Error as exc:    # e.g. a warehouse written by an older version, without a view
            raise ConfigError(f"cannot report on {warehouse}: {str(exc).splitlines()[0]}; "
                              "run `prakerja-etl run` to bring it up to date") from None


def write_report(warehouse: Path, out: Path | None = None, data: ReportData | None = None) -> Path:
    """Write the HTML report of `warehouse` (default beside it; from `data` when already read)
    and return its path."""
    target = out or default_path(warehouse)
    _write_atomically(target, render(data or read_report(warehouse), warehouse))
    return target


# Reading

# Values stated for a whole year by articles and survey tables: the recipients chart's dots.
_REPORTED = ("FROM claims WHERE metric = 'recipients_total' AND source_kind <> 'official' "
             "AND province_code IS NULL AND basis = 'total' AND period SIMILAR TO '[0-9]{4}'")


def gather(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Read what the report shows."""
    def rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return con.execute(sql, params or []).fetchall()

    # Views read by several queries below are computed once, as this connection's temporary tables.
    for view in _READ_ONCE:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {view} AS SELECT * FROM main.{view}")
    data = ReportData(counts={name: int(rows(sql)[0][0]) for name, sql in _COUNTS.items()})
    data.official_by_year = [(int(y), float(v)) for y, v in rows(
        "SELECT period::INTEGER, value FROM claims WHERE metric = 'recipients_total' "
        "AND source_kind = 'official' AND province_code IS NULL ORDER BY 1")]
    data.reported_by_year = [(int(y), float(lo), float(hi), int(n)) for y, lo, hi, n in rows(
        f"SELECT period::INTEGER, min(value), max(value), count(DISTINCT source_kind || ':' || source_file) "
        f"{_REPORTED} GROUP BY ALL ORDER BY 1")]
    highest = max([hi for *_, hi, _ in data.reported_by_year] + [v for _, v in data.official_by_year],
                  default=0.0)
    width = data.band_width = charts.band_width(highest)
    data.reported_bands = [(int(y), k, (b + 0.5) * width, int(n)) for y, k, b, n in rows(
        f"SELECT period::INTEGER, source_kind, floor(value / ?), count(DISTINCT source_file) "
        f"{_REPORTED} GROUP BY ALL ORDER BY ALL", [width])]
    for year, code, name, recipients in rows(
            "SELECT o.year, o.province_code, p.province_name, o.recipients "
            "FROM official_province_recipients o JOIN provinces p USING (province_code) "
            "ORDER BY o.year, o.recipients DESC, p.province_name"):
        data.provinces.setdefault(int(year), []).append((code, name, float(recipients)))
    data.province_year = _focus_year(rows, set(data.provinces))
    for name, sql in _TABLES.items():
        setattr(data, name, rows(sql))
    # The first sources of each group (min(x, n) keeps n per group, however many there are);
    # only the conflicts' are shown.
    stated = {tuple(key): (sorted(first), n) for *key, first, n in rows(_CONFLICT_SOURCES)}
    data.conflicts = [(*row[:4], *row[5:], *stated.get(row[:5], ([], 0))) for row in rows(_CONFLICTS)]
    return data


def _focus_year(rows: Callable[[str], list[tuple[Any, ...]]], years: set[int]) -> int | None:
    """The year of official province data that most ranking checks and conflicts are about, else
    the latest: the province chart opens on the year the rest of the report discusses."""
    if not years:
        return None
    counted = rows("SELECT y FROM (SELECT TRY_CAST(left(period, 4) AS INTEGER) AS y FROM ranking_checks "
                   f"UNION ALL SELECT TRY_CAST(left(period, 4) AS INTEGER) FROM {_FOUND}) "
                   f"WHERE y IN ({', '.join(map(str, sorted(years)))}) "
                   "GROUP BY y ORDER BY count(*) DESC, y DESC LIMIT 1")
    return int(counted[0][0]) if counted else max(years)


# The views several queries read, each held once as a temporary table of its name. The table
# hides its view from this connection's queries and from the views that read it (DuckDB looks in
# `temp` first): conflict_groups and the conflicts' sources read that review, not each their own.
_FOUND, _REVIEW = "conflict_groups", "review"
_READ_ONCE = (_REVIEW, _FOUND)   # review first: conflict_groups reads it
# A conflict's group: (metric, period, basis, as_of month, province_code).
_CONFLICTS = ("SELECT metric, period, basis, as_of, province_code, coalesce(province_name, 'national'), "
              f"unit, n_sources, min_value, max_value, spread FROM {_FOUND} "
              f"ORDER BY metric, period, basis, as_of, province_name NULLS FIRST LIMIT {SHOWN_ROWS}")
_CONFLICT_SOURCES = (
    f"SELECT metric, period, basis, as_of_month, province_code, min(stated, {SHOWN_SOURCES}), count(*) "
    f"FROM ({STATED}) GROUP BY ALL")


_COUNTS = {
    "articles": "SELECT count(*) FROM articles WHERE removed_at IS NULL",
    "figures": "SELECT count(*) FROM figures WHERE removed_at IS NULL",
    "survey cells": "SELECT count(*) FROM survey_results WHERE removed_at IS NULL",
    "official rows": "SELECT count(*) FROM official_recipients WHERE removed_at IS NULL",
    "claims": "SELECT count(*) FROM claims",
    "conflicts": f"SELECT count(*) FROM {_FOUND}",
    "claims to review": f"SELECT count(DISTINCT claim_id) FROM {_REVIEW}",
    "quarantined": "SELECT count(*) FROM quarantine",
    "data-quality findings": "SELECT count(*) FROM data_quality",
}
# ReportData field → the rows it shows, as they are shown.
_TABLES = {
    "ranking_checks": "SELECT source_file, period, direction, rank, stated_province, official_province, "
                      "official_recipients, agrees FROM ranking_checks "
                      f"ORDER BY agrees NULLS LAST, source_file, direction DESC, rank LIMIT {SHOWN_ROWS}",
    "quarantine_by_reason": "SELECT stage, reason, count(*) AS n, count(DISTINCT source_file) "
                            "FROM quarantine GROUP BY ALL "
                            f"ORDER BY n DESC, stage, reason LIMIT {LATEST_ITEMS}",
    "quarantine_latest": "SELECT quarantined_at, run_id, source_file, stage, reason FROM quarantine "
                         f"ORDER BY quarantined_at DESC, source_file LIMIT {LATEST_ITEMS}",
    "data_quality": "SELECT severity, check_name, count(*), min(detail) FROM data_quality "
                    "GROUP BY severity, check_name "
                    "ORDER BY list_position(['error', 'warning', 'info'], severity), check_name",
    "review_by_rule": f"SELECT rule, count(*) AS n, count(DISTINCT source_file) FROM {_REVIEW} GROUP BY rule "
                      "ORDER BY n DESC, rule",
    "review": "SELECT rule, metric, period, basis, coalesce(province_name, 'national'), value, unit, "
              f"source_kind, source_file, locator, detail FROM {_REVIEW} "
              f"ORDER BY rule, metric, source_file LIMIT {SHOWN_ROWS}",
    "runs": "SELECT run_id, started_at, finished_at, status, files_seen, files_loaded, files_skipped, "
            "files_quarantined, files_removed, rows_loaded, rows_quarantined, message FROM load_runs "
            "ORDER BY started_at DESC LIMIT 10",
}


# Rendering: this shapes rows and charts; templates/report.html.j2 lays them out.

@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("prakerja_etl.report", "templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(compact=compact, exact=exact, when=_when)
    return env


def render(data: ReportData, warehouse: Path) -> str:
    """The whole HTML document."""
    css = files("prakerja_etl.report").joinpath("report.css").read_text(encoding="utf-8")
    template = _environment().get_template("report.html.j2")
    return template.render(
        css=css, warehouse=str(warehouse), generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        data=data, shown_rows=SHOWN_ROWS, latest_run=data.runs[0] if data.runs else None,
        recipients=_recipients(data), provinces=_provinces(data), conflicts=_conflicts(data),
        review=[(*row[:5], compact(row[5], row[6]), *row[7:]) for row in data.review],
        rankings=[(f, p, d, r, s, o, exact(n), {True: "✓ agrees", False: "✗ differs",
                                                 None: "no official data"}[a])
                  for f, p, d, r, s, o, n, a in data.ranking_checks],
        quarantine=[(_when(t), r, f, s, why) for t, r, f, s, why in data.quarantine_latest],
        runs=[_run_row(row) for row in data.runs])


def _recipients(data: ReportData) -> dict[str, Any] | None:
    if not data.official_by_year and not data.reported_by_year:
        return None
    official = dict(data.official_by_year)
    reported = {y: (lo, hi, n) for y, lo, hi, n in data.reported_by_year}
    years = sorted(official.keys() | reported.keys())
    kinds = [k for k in charts.KIND_OFFSET if any(kind == k for _, kind, _, _ in data.reported_bands)]
    return {
        "svg": charts.recipients_chart(data.official_by_year, data.reported_bands),
        "official": bool(official), "kinds": kinds, "colours": charts.KIND_COLOURS,
        "most_sources": max((n for *_, n in data.reported_bands), default=0),
        "band": compact(data.band_width),
        "table": [(str(y), exact(official.get(y)), *(compact(v) for v in reported.get(y, (None, None))[:2]),
                   exact(reported.get(y, (0, 0, 0))[2])) for y in years],
    }


def _provinces(data: ReportData) -> dict[str, Any] | None:
    if not data.provinces:
        return None
    present = {charts.region(code) for rows in data.provinces.values() for code, _, _ in rows}
    return {
        "years": [(year, year == data.province_year, charts.provinces_chart(year, rows))
                  for year, rows in data.provinces.items()],
        "regions": [(r, c, "bar") for r, c in charts.REGION_COLOURS.items() if r in present],
    }


_STATEMENT = re.compile(r"^(?P<kind>[^:]*):(?P<path>.*)=(?P<value>\S+) \[(?P<low>\S+), (?P<high>\S+)\] "
                        r"(?P<basis>\S+)$")


def _conflicts(data: ReportData) -> list[dict[str, Any]]:
    """Each conflict with the first of its statements ('kind:file=value [low, high] basis') parsed."""
    out = []
    for row in data.conflicts:
        metric, period, basis, as_of, province, unit, n, low, high, spread, sources, n_stated = row
        statements = []
        for source in sources:
            m = _STATEMENT.match(source)
            statements.append({"text": source} if not m else {
                "value": compact(float(m["value"]), unit), "exact": exact(float(m["value"]), unit),
                "interval": f"{_bound(m['low'], unit)} – {_bound(m['high'], unit)}",
                "basis": m["basis"], "kind": m["kind"], "path": m["path"]})
        # A spread in percent is in points; else it is also given as a share of the highest.
        if unit == "percent":
            spread_text = f"{exact(spread)} points"
        else:
            spread_text = compact(spread, unit) + (f" ({spread / high:.0%})" if high else "")
        out.append({"metric": metric, "period": period or "", "province": province, "sources": n,
                    "basis": basis + (f" at {as_of}" if as_of else ""),
                    "low": compact(low, unit), "high": compact(high, unit),
                    "spread": spread_text, "statements": statements,
                    "more": max(n_stated - len(sources), 0)})
    return out


def _bound(text: str, unit: str) -> str:
    """An interval bound as stated in `sources`: a number, or '-inf' / 'inf' for an open side."""
    value = float(text)
    return "open" if math.isinf(value) else compact(value, unit)


def _run_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    run_id, started, finished, status, *files_done, rows, rows_q, message = row
    took = f"{(finished - started).total_seconds():,.0f} s" if finished and started else ""
    files_cell = " / ".join(exact(n or 0) for n in files_done)   # seen, loaded, skipped, quarantined, removed
    return (run_id, _when(started), took, status, files_cell, f"{exact(rows or 0)} / {exact(rows_q or 0)}",
            message or "")


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, datetime) else str(value or "")


def _write_atomically(target: Path, text: str) -> None:
    """Write via a temporary file and rename, so a browser never shows half a report."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
