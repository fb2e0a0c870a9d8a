"""Publish a run's summary and quarantine as keyed Prefect artifacts.

Every flow run creates a new version of both keys, so the Artifacts page shows the
latest run and each flow run's page shows its own. Publishing is best effort: a run
that loaded its data never fails because the Prefect API could not take its report.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

SUMMARY_KEY = "prakerja-run-summary"
QUARANTINE_KEY = "prakerja-run-quarantine"

# The quarantine artifact lists this many rows of at most this many characters (about 250 KB).
ARTIFACT_ROWS = 500
ARTIFACT_CELL_CHARS = 500

_log = logging.getLogger(__name__)


def summary_markdown(summary: dict[str, Any]) -> str:
    """The run summary as a markdown report."""
    s = summary
    conflicts = s.get("conflicts")
    rows = [
        ("Status", s.get("status", "?")),
        ("Files seen", s.get("files_seen", 0)),
        ("Files loaded", s.get("files_loaded", 0)),
        ("Files skipped (unchanged)", s.get("files_skipped", 0)),
        ("Files quarantined", s.get("files_quarantined", 0)),
        ("Files removed (rows kept, marked)", s.get("files_removed", 0)),
        ("Figures loaded", s.get("figures_loaded", 0)),
        ("Province rankings loaded", s.get("rankings_loaded", 0)),
        ("Survey rows loaded", s.get("survey_rows_loaded", 0)),
        ("Official rows loaded", s.get("official_rows_loaded", 0)),
        ("Rows loaded (all tables)", s.get("rows_loaded", 0)),
        ("Rows quarantined", s.get("rows_quarantined", 0)),
        ("Conflicts found", "not computed" if conflicts is None else conflicts),
        ("Duration", f"{float(s.get('seconds', 0.0)):.1f} s"),
        ("Raw folder", f"`{s.get('raw_dir', '?')}`"),
        ("Warehouse", f"`{s.get('warehouse', '?')}`"),
        ("HTML report", _link(s.get("report"))),
    ]
    lines = [f"# prakerja-ingest run `{s.get('run_id', '?')}`", "",
             "| | |", "| --- | --- |"]
    lines += [f"| {name} | {_cell(value)} |" for name, value in rows]
    quarantined = s.get("quarantined") or []
    lines += ["", f"Quarantined rows: see the `{QUARANTINE_KEY}` artifact ({len(quarantined)} row(s)) "
              f"or `SELECT * FROM quarantine WHERE run_id = '{s.get('run_id', '?')}'`; "
              "every run is listed in `load_runs`."]
    return "\n".join(lines) + "\n"


def quarantine_table(summary: dict[str, Any]) -> dict[str, list[str]]:
    """The run's quarantine as table columns (kept even when empty, so the headers show): the first
    ARTIFACT_ROWS rows, each cell cut to ARTIFACT_CELL_CHARS, then one row pointing at the rest, so
    the artifact stays small (the Prefect API takes seconds per MB) however much was quarantined."""
    pairs = summary.get("quarantined") or []
    shown = [(_cut(f), _cut(r)) for f, r in pairs[:ARTIFACT_ROWS]]
    if len(pairs) > ARTIFACT_ROWS:
        shown.append(("…", f"{len(pairs) - ARTIFACT_ROWS:,} more rows: SELECT * FROM quarantine "
                           f"WHERE run_id = '{summary.get('run_id', '?')}'"))
    return {"source_file": [f for f, _ in shown], "reason": [r for _, r in shown]}


def _cut(value: object) -> str:
    text = str(value)
    return text if len(text) <= ARTIFACT_CELL_CHARS else text[:ARTIFACT_CELL_CHARS - 1] + "…"


def publish_run_artifacts(summary: dict[str, Any]) -> None:
    """Create the run's summary and quarantine artifacts; log, never raise, if that fails."""
    try:
        from prefect.artifacts import create_markdown_artifact, create_table_artifact
        from prefect.context import FlowRunContext

        if FlowRunContext.get() is None:   # artifacts belong to a flow run; outside one, skip
            _log.debug("not in a flow run: run artifacts not published")
            return

        create_markdown_artifact(markdown=summary_markdown(summary), key=SUMMARY_KEY,
                                 description="What this prakerja-ingest run loaded, skipped and rejected")
        create_table_artifact(table=quarantine_table(summary), key=QUARANTINE_KEY,
                              description="Files and rows this run quarantined, with the reason")
    except Exception as exc:  # noqa: BLE001 - a report must never fail a run that loaded its data
        _logger().warning("could not publish the run artifacts (%s: %s); the warehouse is loaded "
                          "and load_runs has the run", type(exc).__name__, (str(exc).splitlines() or [""])[0])


def _link(path: str | None) -> str:
    """A markdown link to the HTML report file (it sits next to the warehouse)."""
    return f"[{path}]({Path(path).resolve().as_uri()})" if path else "not written"


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _logger() -> logging.Logger | logging.LoggerAdapter[logging.Logger]:
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # noqa: BLE001 - outside a flow run there is no run logger
        return _log
