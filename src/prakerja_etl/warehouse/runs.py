"""The runs' own records: `load_runs` in the warehouse, and the marker file
(`<warehouse>.running`) a run leaves beside it while it works. A killed run leaves the
published file as it was plus its marker, from which the next run records it as interrupted;
a run that another program's lock kept from starting leaves a marker saying it failed."""

from __future__ import annotations

import json
import os
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from prakerja_etl.errors import WarehouseLocked
from prakerja_etl.fingerprint import code_fingerprint
from prakerja_etl.warehouse.connection import run_lock, utcnow


def marker_path(published: Path) -> Path:
    return published.with_name(published.name + ".running")


def write_marker(published: Path, run_id: str, started_at: datetime, raw_dir: str,
                 failure: str | None = None) -> None:
    """Note that a run is under way; it outlives the process only if the run was killed, or
    failed (with `failure`) before it could record itself in the warehouse (a lock)."""
    marker = {"run_id": run_id, "started_at": started_at.isoformat(), "raw_dir": raw_dir, "pid": os.getpid()}
    if failure is not None:
        marker.update(status="failed", message=failure, finished_at=utcnow().isoformat())
    marker_path(published).write_text(json.dumps(marker))


def record_blocked_run(published: Path, raw_dir: str, message: str) -> None:
    """Leave the marker of a run that another program's hold on the warehouse kept from starting,
    so that the next run records it as failed; not while another run is under way, nor over the
    marker of a killed run (which the next run records as interrupted)."""
    try:
        with run_lock(published, 0):
            if read_marker(published) is None:
                write_marker(published, uuid.uuid4().hex[:12], utcnow(), raw_dir, failure=message)
    except WarehouseLocked:
        pass


def read_marker(published: Path) -> dict[str, Any] | None:
    """The marker a killed run left behind, if any."""
    try:
        marker = json.loads(marker_path(published).read_text())
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def _killed_run_id(marker: dict[str, Any] | None) -> str | None:
    """The run a marker names, unless it records a failure (a run a lock blocked keeps that)."""
    return marker["run_id"] if marker and marker.get("status") != "failed" else None


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, raw_dir: str, flow_run_id: str | None,
              started_at: datetime, interrupted: dict[str, Any] | None, resumed: bool = False) -> None:
    """Record a new run, and the run before it if that one was killed or failed before it could
    record itself (its marker says which). Resuming a killed run's staging copy, the killed runs
    recorded there (never published) become interrupted, with the files they loaded, which this
    run keeps."""
    if interrupted and not con.execute("SELECT 1 FROM load_runs WHERE run_id = ?",
                                       [interrupted["run_id"]]).fetchall():
        finished = interrupted.get("finished_at")
        con.execute("INSERT INTO load_runs (run_id, raw_dir, started_at, finished_at, status, message) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [interrupted["run_id"], interrupted.get("raw_dir"),
                     datetime.fromisoformat(interrupted["started_at"]),
                     datetime.fromisoformat(finished) if finished else None,
                     interrupted.get("status", "interrupted"),
                     interrupted.get("message", "the process stopped before the run finished")])
    if resumed:
        con.execute("UPDATE load_runs SET status = 'interrupted', message = ?, "
                    "files_loaded = (SELECT count(*) FILTER (s.status = 'loaded') FROM source_files s "
                    "WHERE s.run_id = load_runs.run_id), "
                    "files_quarantined = (SELECT count(*) FILTER (s.status = 'quarantined') "
                    "FROM source_files s WHERE s.run_id = load_runs.run_id) "
                    "WHERE status = 'running' OR run_id = ?",
                    ["the process stopped before the run finished; the next run kept what it loaded",
                     _killed_run_id(interrupted)])
    con.execute("INSERT INTO load_runs (run_id, flow_run_id, raw_dir, started_at, status, code_version) "
                "VALUES (?, ?, ?, ?, 'running', ?)",
                [run_id, flow_run_id, raw_dir, started_at, code_fingerprint()])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str,
               counts: dict[str, int], message: str | None = None) -> None:
    """Close the run's record with its counts."""
    names = ("files_seen", "files_loaded", "files_skipped", "files_quarantined", "files_removed",
             "rows_loaded", "figures_loaded", "rankings_loaded", "survey_rows_loaded", "official_rows_loaded",
             "rows_quarantined")
    assignments = ", ".join(f"{n} = ?" for n in names)
    con.execute(f"UPDATE load_runs SET finished_at = ?, status = ?, message = ?, {assignments} "
                "WHERE run_id = ?",
                [utcnow(), status, message, *(int(counts.get(n, 0)) for n in names), run_id])
