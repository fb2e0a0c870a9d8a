"""The run report: one self-contained HTML file beside the warehouse, charts drawn as inline SVG.

It reads the warehouse read-only and needs no network to view: no script, font or style is
loaded from anywhere. Sections with nothing to show (no official statistics yet, no
conflicts) say so instead of drawing an empty chart.
"""

from __future__ import annotations

import html
import io
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from prakerja_etl.errors import ConfigError
from prakerja_etl.warehouse.store import QUERY_LIMITS, connect
from prakerja_etl.warehouse.views import STATED

# Runs never block readers; this is for another process holding the file read-write (DBeaver, Python).
LOCK_WAIT_SECONDS = 10.0
LATEST_ITEMS = 20
# A report over years of news must stay a page, not a dump: the warehouse holds the rest.
SHOWN_ROWS = 200
SHOWN_SOURCES = 12
CHART_WIDTH = 10.0      # inches: the page's width at 96 dpi

# Kemendagri codes start with the island group: one colour per group in the province chart.
REGIONS = {"1": "Sumatera", "2": "Sumatera", "3": "Jawa", "5": "Bali & Nusa Tenggara", "6": "Kalimantan",
           "7": "Sulawesi", "8": "Maluku", "9": "Papua"}
REGION_COLOURS = {"Sumatera": "#4c78a8", "Jawa": "#f58518", "Bali & Nusa Tenggara": "#54a24b",
                  "Kalimantan": "#b279a2", "Sulawesi": "#e45756", "Maluku": "#72b7b2", "Papua": "#9d755d"}
KIND_COLOURS = {"official": "#4c78a8", "article": "#f58518", "survey": "#54a24b"}


@dataclass
class ReportData:
    """Everything the report shows, read in one go from the warehouse."""

    counts: dict[str, int] = field(default_factory=dict)
    official_by_year: list[tuple[int, float]] = field(default_factory=list)
    reported_by_year: list[tuple[int, str, float, int]] = field(default_factory=list)  # year, kind, value, n
    sources_by_year: dict[int, int] = field(default_factory=dict)    # year → sources stating a value
    province_year: int | None = None
    provinces: list[tuple[str, str, float]] = field(default_factory=list)     # code, name, recipients
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


def read_report(warehouse: Path, limits: dict[str, str | int] = QUERY_LIMITS) -> ReportData:
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


def gather(con: duckdb.DuckDBPyConnection) -> ReportData:
    """Read what the report shows."""
    def rows(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return con.execute(sql, list(params)).fetchall()

    data = ReportData(counts={name: int(rows(sql)[0][0]) for name, sql in _COUNTS.items()})
    data.official_by_year = [(int(y), float(v)) for y, v in rows(
        "SELECT period::INTEGER, value FROM claims WHERE metric = 'recipients_total' "
        "AND source_kind = 'official' AND province_code IS NULL ORDER BY 1")]
    data.reported_by_year = [(int(y), k, float(v), int(n)) for y, k, v, n in rows(
        "SELECT period::INTEGER, source_kind, value, count(DISTINCT source_file) FROM claims "
        "WHERE metric = 'recipients_total' AND source_kind <> 'official' AND province_code IS NULL "
        "AND basis = 'total' AND period SIMILAR TO '[0-9]{4}' GROUP BY ALL ORDER BY ALL")]
    data.sources_by_year = {int(y): int(n) for y, n in rows(
        "SELECT period::INTEGER, count(DISTINCT source_kind || ':' || source_file) FROM claims "
        "WHERE metric = 'recipients_total' AND source_kind <> 'official' AND province_code IS NULL "
        "AND basis = 'total' AND period SIMILAR TO '[0-9]{4}' GROUP BY ALL")}
    data.province_year = rows("SELECT max(year) FROM official_province_recipients")[0][0]
    data.provinces = [(c, n, float(r)) for c, n, r in rows(
        "SELECT o.province_code, p.province_name, o.recipients FROM official_province_recipients o "
        "JOIN provinces p USING (province_code) WHERE o.year = ? ORDER BY o.recipients DESC",
        [data.province_year])]
    for name, sql in _TABLES.items():
        setattr(data, name, rows(sql))
    # The first sources of each group (min(x, n) keeps n per group, however many there are);
    # only the conflicts' are shown.
    stated = {tuple(key): (sorted(first), n) for *key, first, n in rows(_CONFLICT_SOURCES)}
    data.conflicts = [(*row[:4], *row[5:], *stated.get(row[:5], ([], 0))) for row in rows(_CONFLICTS)]
    return data


# A conflict's group: (metric, period, basis, as_of month, province_code).
_CONFLICTS = ("SELECT metric, period, basis, as_of, province_code, coalesce(province_name, 'national'), "
              "unit, n_sources, min_value, max_value, spread FROM conflict_groups "
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
    "conflicts": "SELECT count(*) FROM conflict_groups",
    "claims to review": "SELECT count(DISTINCT claim_id) FROM review",
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
    "review_by_rule": "SELECT rule, count(*) AS n, count(DISTINCT source_file) FROM review GROUP BY rule "
                      "ORDER BY n DESC, rule",
    "review": "SELECT rule, metric, period, basis, coalesce(province_name, 'national'), value, unit, "
              "source_kind, source_file, locator, detail FROM review "
              f"ORDER BY rule, metric, source_file LIMIT {SHOWN_ROWS}",
    "runs": "SELECT run_id, started_at, finished_at, status, files_seen, files_loaded, files_skipped, "
            "files_quarantined, files_removed, rows_loaded, rows_quarantined, message FROM load_runs "
            "ORDER BY started_at DESC LIMIT 10",
}


# Rendering

def render(data: ReportData, warehouse: Path) -> str:
    """The whole HTML document."""
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        _section("recipients", "Recipients per year: reported vs official", _recipients_section(data)),
        _section("provinces", "Official recipients by province" +
                 (f", {data.province_year}" if data.province_year else ""), _provinces_section(data)),
        _section("conflicts", "Conflicts between sources", _conflicts_section(data)),
        _section("review", "Claims to review", _review_section(data)),
        _section("rankings", "Province rankings stated vs official", _rankings_section(data)),
        _section("quarantine", "Quarantine", _quarantine_section(data)),
        _section("quality", "Data-quality findings in the official files", _quality_section(data)),
        _section("runs", "Latest runs", _runs_section(data)),
    ]
    cards = "".join(f'<div class="card"><b>{v:,}</b><span>{_e(k)}</span></div>'
                    for k, v in data.counts.items())
    return _PAGE.format(
        title="prakerja-etl run report", css=_CSS, warehouse=_e(str(warehouse)), generated=_e(generated),
        latest=_latest_run_line(data), cards=cards, body="\n".join(sections))


def _section(anchor: str, title: str, content: str) -> str:
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>\n{content}\n</section>'


def _latest_run_line(data: ReportData) -> str:
    if not data.runs:
        return "No run recorded yet."
    run_id, started, finished, status, *_ = data.runs[0]
    end = f", finished {_when(finished)}" if finished else ""
    return (f'Latest run <code>{_e(run_id)}</code>: <span class="status {_e(status)}">{_e(status)}</span>, '
            f"started {_when(started)}{end}.")


def _recipients_section(data: ReportData) -> str:
    if not data.official_by_year and not data.reported_by_year:
        return _empty("No recipients_total figure with a year yet: load articles or the official statistics.")
    note = ("" if data.official_by_year else
            _empty("No official statistics loaded: only the reported figures are shown."))
    years = sorted({y for y, _ in data.official_by_year} | {y for y, *_ in data.reported_by_year})
    official = dict(data.official_by_year)
    table_rows = []
    for year in years:
        stated = [v for y, _, v, _ in data.reported_by_year if y == year]
        table_rows.append((year, official.get(year), min(stated, default=None), max(stated, default=None),
                           data.sources_by_year.get(year, 0)))
    table = _table(["year", "official", "lowest reported", "highest reported", "sources reporting"],
                   table_rows, numeric={1, 2, 3, 4}, formats={0: str, 1: _int, 2: _int, 3: _int})
    caption = ("Bars: the official total (sum over regencies/cities). Dots: each value articles or survey "
               "tables state for that calendar year; larger dots are stated by more sources.")
    return note + _figure(recipients_chart(data), caption) + table


def _provinces_section(data: ReportData) -> str:
    if not data.provinces:
        return _empty("No official statistics loaded yet (the JSON files in <raw-dir>/official).")
    caption = (f"Official recipients per province in {data.province_year}, in that year's provinces "
               "(before 2022 the new Papua provinces count in the province they were split from); "
               "colours group the provinces by island.")
    return _figure(provinces_chart(data), caption)


def _conflicts_section(data: ReportData) -> str:
    if not data.conflicts:
        return _empty("No conflicts: the statements of every (metric, period, basis, province) stated by two "
                      "or more sources can all hold at once.")
    headers = ["metric", "period", "basis", "province", "sources", "lowest", "highest", "spread"]
    numeric = {4, 5, 6, 7}
    head = "".join(f"<th{_num(i, numeric)}>{h}</th>" for i, h in enumerate(headers))
    body = []
    for row in data.conflicts:
        metric, period, basis, as_of, province, unit, n, low, high, spread, sources, n_stated = row
        share = f" ({spread / high:.0%})" if unit != "percent" and high else " points"
        cells = [_e(metric), _e(period or ""), _e(basis + (f" at {as_of}" if as_of else "")), _e(province),
                 str(n), _e(_value(low, unit)), _e(_value(high, unit)), _e(_value(spread, unit) + share)]
        body.append("<tr>" + "".join(f"<td{_num(i, numeric)}>{c}</td>" for i, c in enumerate(cells))
                    + "</tr>")
        # Who states what, on its own full-width row: file paths are long.
        detail = _sources(sources, n_stated, unit)
        body.append(f'<tr class="detail"><td colspan="{len(headers)}">{detail}</td></tr>')
    shown = (f"The first {SHOWN_ROWS} by metric and period; `SELECT * FROM conflicts` lists all. "
             if len(data.conflicts) >= SHOWN_ROWS else "")
    caption = (f"{shown}Each statement is an interval: its written precision ('5,5 juta' covers 5,45 up to "
               "5,6 juta; a count written in full and the official counts are exact) and its qualifier "
               "('lebih dari' has no upper bound, 'sekitar' is ±5 %). Sources conflict when their intervals "
               "do not all overlap. Only claims of the same basis are compared, running totals (to_date) "
               "of the same month; parts, superseded values and claims to review never conflict.")
    return (f'<div class="scroll"><table class="conflicts"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div><p class="hint">{_e(caption)}</p>')


def _review_section(data: ReportData) -> str:
    if not data.review:
        return _empty("Nothing to review: no claim breaks a plausibility rule.")
    by_rule = _table(["rule", "claims", "files"], data.review_by_rule, numeric={1, 2})
    rows = [(*row[:2], row[2] or "", *row[3:5], _value(row[5], row[6]), *row[7:]) for row in data.review]
    listing = _table(["rule", "metric", "period", "basis", "province", "value", "source", "file", "where",
                      "measured against"], rows, numeric={5})
    shown = f"The first {SHOWN_ROWS}. " if len(data.review) >= SHOWN_ROWS else ""
    return (f"<h3>By rule</h3>{by_rule}<h3>Claims</h3>{listing}"
            f'<p class="hint">{_e(shown)}Claims that break a plausibility rule stay out of the conflicts '
            'until a person has looked: <code>prakerja-etl query "SELECT * FROM review"</code></p>')


def _rankings_section(data: ReportData) -> str:
    if not data.ranking_checks:
        return _empty("No article states a province ranking.")
    rows = [(f, p, d, r, s, o, _int(n), {True: "✓ agrees", False: "✗ differs", None: "no official data"}[a])
            for f, p, d, r, s, o, n, a in data.ranking_checks]
    return _table(["article", "period", "direction", "rank", "stated", "official", "official recipients", ""],
                  rows, numeric={3, 6})


def _quarantine_section(data: ReportData) -> str:
    if not data.quarantine_latest:
        return _empty("Nothing quarantined: every file and row passed.")
    by_reason = _table(["stage", "reason", "rows", "files"], data.quarantine_by_reason, numeric={2, 3})
    latest = _table(["when (UTC)", "run", "file", "stage", "reason"],
                    [(_when(t), r, f, s, why) for t, r, f, s, why in data.quarantine_latest])
    return (f"<h3>By stage and reason</h3>{by_reason}<h3>Latest {len(data.quarantine_latest)}</h3>{latest}"
            '<p class="hint">All of them: <code>prakerja-etl query "SELECT * FROM quarantine"</code></p>')


def _quality_section(data: ReportData) -> str:
    if not data.data_quality:
        return _empty("No finding: the official files are consistent (or not loaded).")
    return _table(["severity", "check", "findings", "example"], data.data_quality, numeric={2})


def _runs_section(data: ReportData) -> str:
    if not data.runs:
        return _empty("No run recorded yet.")
    rows = [(r, _when(s), _when(f), st, fs, fl, fsk, fq, fr, rl, rq, m or "")
            for r, s, f, st, fs, fl, fsk, fq, fr, rl, rq, m in data.runs]
    return _table(["run", "started (UTC)", "finished (UTC)", "status", "files seen", "loaded", "skipped",
                   "quarantined", "removed", "rows loaded", "rows quarantined", "message"],
                  rows, numeric=set(range(4, 11)))


# Charts (matplotlib, rendered to SVG text)

def recipients_chart(data: ReportData) -> str:
    """Official totals as bars, reported values as dots, per year."""
    fig, ax = _figure_axes(CHART_WIDTH, 3.8)
    years = sorted({y for y, _ in data.official_by_year} | {y for y, *_ in data.reported_by_year})
    if data.official_by_year:
        ax.bar([y for y, _ in data.official_by_year], [v / 1e6 for _, v in data.official_by_year], width=0.6,
               color=KIND_COLOURS["official"], alpha=0.85, label="official (sum over regencies/cities)")
    for kind in ("article", "survey"):
        points = [(y, v, n) for y, k, v, n in data.reported_by_year if k == kind]
        if points:
            offset = -0.12 if kind == "article" else 0.12
            ax.scatter([y + offset for y, _, _ in points], [v / 1e6 for _, v, _ in points],
                       s=[28 + 22 * n for _, _, n in points], color=KIND_COLOURS[kind], edgecolor="white",
                       linewidth=0.8, zorder=3, label=f"stated in {kind}s")
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("recipients (millions)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.02), ncols=3, fontsize=8, frameon=False)
    return _svg(fig, "recipients")


def provinces_chart(data: ReportData) -> str:
    """Official recipients per province, largest first, coloured by island group."""
    from matplotlib.patches import Patch

    provinces = list(reversed(data.provinces))     # barh draws bottom-up: largest on top
    fig, ax = _figure_axes(CHART_WIDTH, 0.8 + 0.22 * len(provinces))
    colours = [REGION_COLOURS[REGIONS.get(code[:1], "Papua")] for code, _, _ in provinces]
    values = [v for _, _, v in provinces]
    ax.barh([name for _, name, _ in provinces], values, color=colours, height=0.72)
    for i, value in enumerate(values):
        ax.text(value, i, f" {value:,.0f}", va="center", fontsize=7)
    ax.set_xlim(right=max(values, default=1) * 1.15)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:,.0f}")
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="x", alpha=0.3)
    present = [r for r in REGION_COLOURS if r in {REGIONS.get(c[:1], "Papua") for c, _, _ in provinces}]
    ax.legend(handles=[Patch(color=REGION_COLOURS[r], label=r) for r in present], loc="lower right",
              fontsize=8, frameon=False)
    return _svg(fig, "provinces")


def _figure_axes(width: float, height: float) -> tuple[Any, Any]:
    # The object API, not pyplot: no global figure state, safe inside a long-lived flow process.
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _svg(fig: Any, name: str) -> str:
    """The figure as an <svg> element: text kept as text, ids unique per chart, no timestamp."""
    import matplotlib

    buffer = io.StringIO()
    # fonttype 'none' keeps labels as searchable text; a fixed salt makes the ids reproducible.
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"prakerja-{name}"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    # The XML prolog cannot stand inside HTML; the RDF metadata block only names matplotlib.
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text[text.index("<svg"):], flags=re.DOTALL)
    # matplotlib numbers its ids per figure ('figure_1', 'patch_1'): prefix them, as one page holds two.
    text = re.sub(r'\bid="([^"]+)"', rf'id="{name}-\1"', text)
    return re.sub(r'(href="|url\()#', rf"\1#{name}-", text)


# HTML helpers

def _figure(svg: str, caption: str) -> str:
    return f'<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], *,
           numeric: AbstractSet[int] = frozenset(), raw: AbstractSet[int] = frozenset(),
           formats: dict[int, Callable[[Any], str]] | None = None) -> str:
    """An HTML table; `raw` columns are already HTML, the others are escaped."""
    formats = formats or {}
    head = "".join(f'<th{_num(i, numeric)}>{_e(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            text = formats[i](value) if i in formats else _cell(value)
            cells.append(f"<td{_num(i, numeric)}>{text if i in raw else _e(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table = f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
    return f'<div class="scroll">{table}</div>'


def _num(index: int, numeric: AbstractSet[int]) -> str:
    return ' class="num"' if index in numeric else ""


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, datetime):
        return _when(value)
    return str(value)


def _int(value: Any) -> str:
    return "" if value is None else f"{value:,.0f}"


def _value(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "percent":
        return f"{value:,.2f} %"
    prefix = "Rp " if unit == "rupiah" else ""
    return prefix + (f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}")


_STATEMENT = re.compile(r"^(?P<kind>[^:]*):(?P<path>.*)=(?P<value>\S+) \[(?P<low>\S+), (?P<high>\S+)\] "
                        r"(?P<basis>\S+)$")


def _sources(sources: list[str], total: int, unit: str) -> str:
    """The first of a conflict's `total` statements ('kind:file=value [low, high] basis') as an HTML
    list: value, the interval it allows, basis, kind, file."""
    items = []
    for source in sources:
        m = _STATEMENT.match(source)
        if not m:              # not the documented shape: show it as it is
            items.append(f"<li>{_e(source)}</li>")
            continue
        interval = f"{_bound(m['low'], unit)} – {_bound(m['high'], unit)}"
        items.append(f'<li><b>{_e(_value(float(m["value"]), unit))}</b> '
                     f'<span class="kind">[{_e(interval)}] {_e(m["basis"])} · {_e(m["kind"])}</span> '
                     f'<code>{_e(m["path"])}</code></li>')
    if total > len(sources):
        more = total - len(sources)
        items.append(f"<li>… and {more:,} more (<code>SELECT * FROM compared_claims</code>)</li>")
    return '<ul class="sources">' + "".join(items) + "</ul>"


def _bound(text: str, unit: str) -> str:
    """An interval bound as stated in `sources`: a number, or '-inf' / 'inf' for an open side."""
    value = float(text)
    return "open" if value in (float("inf"), float("-inf")) else _value(value, unit)


def _when(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if isinstance(value, datetime) else _cell(value)


def _empty(text: str) -> str:
    return f'<p class="empty">{_e(text)}</p>'


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


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


_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin-top: 1.2rem; }
.meta { color: #555; margin: .2rem 0; }
.cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: .5rem .8rem; min-width: 7rem; }
.card b { display: block; font-size: 1.3rem; } .card span { color: #555; font-size: .85rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .85rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: .85rem; margin: .5rem 0; }
th, td { border-bottom: 1px solid #e5e5e5; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } tr:nth-child(even) td { background: #fafafa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
ul.sources { margin: 0 0 .4rem; padding-left: 1.2rem; } ul.sources code { font-size: .8rem; }
table.conflicts td { background: none !important; border-bottom: none; }
table.conflicts tr.detail td { border-bottom: 1px solid #ccc; }
.kind { color: #555; font-size: .8rem; }
.empty { color: #555; font-style: italic; } .hint { color: #555; font-size: .85rem; }
.status.completed { color: #2a7a2a; } .status.failed, .status.interrupted { color: #b02a2a; }
code { background: #f3f3f3; padding: 0 .2rem; border-radius: 3px; }
"""

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}</style>
</head>
<body>
<h1>{title}</h1>
<p class="meta">Warehouse <code>{warehouse}</code>, report generated {generated}.</p>
<p class="meta">{latest}</p>
<div class="cards">{cards}</div>
{body}
</body>
</html>
"""
