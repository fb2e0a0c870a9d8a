"""The DuckDB warehouse: opening it safely, loading batches atomically, publishing, bookkeeping.

One run writes at a time: it holds an OS lock on `<warehouse>.lock` from start to end
(released by the kernel if the process dies). It never writes the published file: it
loads into a staging copy that replaces the published file at the end (`staging.py`).
Analysts' read-only connections are never blocked and always see a complete run; a killed
run leaves the published file as it was, plus a marker (`<warehouse>.running`) from which
the next run records it as interrupted.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prakerja_etl import faults
from prakerja_etl.errors import ConfigError, WarehouseLocked
from prakerja_etl.fingerprint import extractor_fingerprint
from prakerja_etl.warehouse.ddl import TABLES, TABLES_BY_NAME, columns, create_statements, quote
from prakerja_etl.warehouse.views import VIEWS, view_statements

# The storage format of every file a run writes: one the DuckDB 1.4 and 1.5 clients analysts use
# read exactly (see CONTRACT.md). A 'v1.3.0' file opens in DuckDB 1.3 but its strings, stored
# with a newer compression, read as NULL without an error; a 'v1.4.0' file 1.3 refuses to open.
# tests/warehouse/test_clients.py opens the warehouse with each client and compares every value.
STORAGE_VERSION = "v1.4.0"
DUCKDB_CONFIG = {"storage_compatibility_version": STORAGE_VERSION}
# DuckDB caches pages up to 80 % of RAM by default. A run caps its connections so that its
# memory stays flat however large the warehouse grows: past the cap DuckDB evicts pages and
# spills to disk. Loading only appends and deletes by file; the run's own report reads with
# aggregations that spill, on one thread (each thread keeps its own hash tables, and two of
# them outgrow a 64 MB cap before spilling at 100,000 articles). Analysts get more room.
RUN_LIMITS: dict[str, str | int] = {"memory_limit": os.environ.get("PRAKERJA_DUCKDB_MEMORY", "64MB")}
RUN_READ_LIMITS: dict[str, str | int] = {**RUN_LIMITS, "threads": 1}
QUERY_LIMITS: dict[str, str | int] = {"memory_limit": os.environ.get("PRAKERJA_QUERY_MEMORY", "1GB")}
# Tables whose rows belong to one source file: replaced when it changes, marked when it goes.
_PER_FILE_TABLES = ("figures", "province_rankings", "articles", "survey_results", "official_recipients",
                    "official_province_totals", "data_quality", "quarantine")
_MARKED_TABLES = ("figures", "province_rankings", "articles", "survey_results", "official_recipients",
                  "official_province_totals")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class LoadBatch:
    """Everything a batch of source files contributes, validated and ready to insert."""

    source_files: list[dict[str, Any]] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)   # table name → rows

    def rows(self, table: str) -> int:
        frame = self.frames.get(table)
        return 0 if frame is None else len(frame)


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the single-writer lock of `warehouse` for a whole run."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        delay = 0.2
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"another prakerja-etl run is writing {warehouse} (waited "
                        f"{wait_seconds:.0f} s); let it finish, or raise PRAKERJA_LOCK_WAIT_SECONDS"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def connect(path: Path, *, read_only: bool = False, wait_seconds: float = 30.0,
            limits: dict[str, str | int] = QUERY_LIMITS) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying with backoff while another process holds DuckDB's lock."""
    if read_only and not path.exists():
        raise ConfigError(f"no warehouse at {path}; run `prakerja-etl run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only,
                                 config={**DUCKDB_CONFIG, **limits})
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise ConfigError(f"cannot open warehouse {path}: {exc}".splitlines()[0]) from exc
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is held by another process (DuckDB allows one writer); "
                    "close the other connection or wait for the run to finish"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        yield con
    finally:
        con.close()


def marker_path(published: Path) -> Path:
    return published.with_name(published.name + ".running")


def upgrade_storage(path: Path) -> None:
    """Rewrite a warehouse stored in a format older than STORAGE_VERSION (written by an earlier
    version of this project) in STORAGE_VERSION; opening it with the new setting would not
    rewrite the data it already holds."""
    with duckdb.connect(str(path), read_only=True, config=RUN_READ_LIMITS) as con:
        stored = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                             "WHERE database_name = current_database()").fetchall()[0][0]
    if _version(stored) >= _version(STORAGE_VERSION):
        return
    rewritten = path.with_name(path.name + ".upgrade")
    for leftover in (rewritten, rewritten.with_name(rewritten.name + ".wal")):
        leftover.unlink(missing_ok=True)   # an interrupted rewrite's
    with duckdb.connect(str(rewritten), config={**DUCKDB_CONFIG, **RUN_LIMITS}) as con:
        target = con.execute("SELECT current_database()").fetchall()[0][0].replace('"', '""')
        con.execute(f"ATTACH {quote(str(path))} AS previous (READ_ONLY)")
        con.execute(f'COPY FROM DATABASE previous TO "{target}"')
    os.replace(rewritten, path)


def _version(tag: str | None) -> tuple[int, ...]:
    """'v1.3.0+' → (1, 3, 0); a file without a tag counts as the oldest."""
    return tuple(int(part) for part in re.findall(r"\d+", tag or ""))


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
        return json.loads(marker_path(published).read_text())
    except (OSError, ValueError):
        return None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, (re)create the views, and (re)write the comments: in one
    transaction, as each statement on its own would be a commit and a sync to disk (~1 s)."""
    with _transaction(con):
        for table in TABLES:
            create, *comments = create_statements(table)
            con.execute(create)
            _add_missing_columns(con, table.name)
            for statement in comments:
                con.execute(statement)
        for view in VIEWS:
            for statement in view_statements(view):
                con.execute(statement)


def _add_missing_columns(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Bring a warehouse made by an older version up to date: new columns start NULL."""
    have = {name for (name,) in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'",
        [table]).fetchall()}
    for name, sql_type, _ in columns(TABLES_BY_NAME[table]):
        if name not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')


def registry(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, tuple[str, str, str | None]]:
    """source_file → (content_sha256, status, extractor_version) of every file of `kind` seen before."""
    rows = con.execute("SELECT source_file, content_sha256, status, extractor_version FROM source_files "
                       "WHERE kind = ?", [kind]).fetchall()
    return {path: (sha, status, version) for path, sha, status, version in rows}


# This run's raw files: a temporary table (spilled to disk past the memory cap), so a run over
# any number of files never holds their list in Python.
_RUN_FILES = ("CREATE OR REPLACE TEMP TABLE run_files (seq BIGINT, source_file VARCHAR, path BLOB, "
              "kind VARCHAR, size_bytes BIGINT, content_sha256 VARCHAR, problem VARCHAR, pending BOOLEAN)")
_RUN_FILES_CHUNK = 2000


def register_run_files(con: duckdb.DuckDBPyConnection, files: Iterable[Any], extractor_version: str) -> None:
    """Note the run's files (SourceFile-like), a chunk at a time; a file is pending unless the
    warehouse holds it, not removed, with the same bytes and the same extractor."""
    con.execute(_RUN_FILES)
    stream = iter(files)
    seq = 0
    while chunk := list(islice(stream, _RUN_FILES_CHUNK)):
        frame = pd.DataFrame({
            "seq": range(seq, seq + len(chunk)), "source_file": [f.source_file for f in chunk],
            "path": [os.fsencode(f.path) for f in chunk], "kind": [f.kind for f in chunk],
            "size_bytes": [f.size_bytes for f in chunk], "content_sha256": [f.content_sha256 for f in chunk],
            "problem": [f.problem for f in chunk]})
        seq += len(chunk)
        con.register("chunk_files", frame)
        try:
            con.execute("INSERT INTO run_files SELECT c.*, r.source_file IS NULL OR r.status = 'removed' "
                        "OR r.content_sha256 <> c.content_sha256 OR r.extractor_version IS DISTINCT FROM ? "
                        "FROM chunk_files c LEFT JOIN source_files r USING (source_file)",
                        [extractor_version])
        finally:
            con.unregister("chunk_files")


def run_file_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(files seen, files pending) of the run."""
    seen, pending = con.execute("SELECT count(*), count(*) FILTER (pending) FROM run_files").fetchall()[0]
    return int(seen), int(pending)


def pending_files(con: duckdb.DuckDBPyConnection, after: int,
                  limit: int) -> list[tuple[int, str, Path, str, int, str, str | None]]:
    """The next `limit` pending files after position `after`: (seq, source_file, path, kind,
    size_bytes, content_sha256, problem)."""
    rows = con.execute("SELECT seq, source_file, path, kind, size_bytes, content_sha256, problem "
                       "FROM run_files WHERE pending AND seq > ? ORDER BY seq LIMIT ?",
                       [after, limit]).fetchall()
    return [(seq, name, Path(os.fsdecode(path)), *rest) for seq, name, path, *rest in rows]


def absent_files(con: duckdb.DuckDBPyConnection, kinds: list[str]) -> list[str]:
    """Files of these kinds that the warehouse holds, not yet marked removed, and the run did not find."""
    return [name for (name,) in con.execute(
        "SELECT source_file FROM source_files WHERE status <> 'removed' AND list_contains(?, kind) "
        "AND source_file NOT IN (SELECT source_file FROM run_files) ORDER BY source_file",
        [kinds]).fetchall()]


def write_batch(con: duckdb.DuckDBPyConnection, batch: LoadBatch, run_id: str) -> None:
    """Replace everything the batch's files contributed, in one transaction."""
    if not batch.source_files and all(frame.empty for frame in batch.frames.values()):
        return   # (a batch of held-back files only still writes their quarantine rows)
    now = utcnow()
    version = extractor_fingerprint()
    files = pd.DataFrame({"source_file": [f["source_file"] for f in batch.source_files],
                          "content_sha256": [f["content_sha256"] for f in batch.source_files]}, dtype=str)
    with _transaction(con, batch_files=files):
        # A file's rows exist only beside its source_files row (both are written in one
        # transaction): new files have nothing to replace, and skipping the deletes spares a
        # scan of every table per batch, which would make a cold run quadratic.
        replacing = con.execute("SELECT count(*) FROM source_files WHERE source_file IN "
                                "(SELECT source_file FROM batch_files)").fetchall()[0][0] > 0
        if replacing:
            _keep_revisions(con, run_id, now)
            con.execute("DELETE FROM article_texts WHERE article_id IN (SELECT article_id FROM articles "
                        "WHERE source_file IN (SELECT source_file FROM batch_files))")
            for table in (*_PER_FILE_TABLES, "source_files"):
                con.execute(f"DELETE FROM {table} WHERE source_file IN (SELECT source_file FROM batch_files)")
        faults.point("mid-transaction")
        sources = pd.DataFrame(batch.source_files).assign(run_id=run_id, loaded_at=now, removed_at=None,
                                                          extractor_version=version, content_since=now,
                                                          content_run_id=run_id)
        _insert(con, "source_files", sources)
        if replacing:   # same bytes re-extracted (newer code): its claims still hold since then
            con.execute("UPDATE source_files SET content_since = p.since, content_run_id = p.since_run "
                        "FROM previous_files p WHERE source_files.source_file = p.source_file AND p.same")
        for table, frame in batch.frames.items():
            _insert(con, table, _with_lineage(table, frame, run_id, now))
    faults.point("batch-committed")


def _keep_revisions(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime) -> None:
    """Before a batch replaces its files' rows: the claims of each file whose bytes changed go
    to `claims_history`, valid from when that version was first loaded until now. Files only
    re-extracted (same bytes, newer code) did not change what they state: nothing is kept."""
    con.execute("CREATE OR REPLACE TEMP TABLE previous_files AS "
                "SELECT s.source_file, coalesce(s.content_since, s.loaded_at) AS since, "
                "coalesce(s.content_run_id, s.run_id) AS since_run, "
                "s.content_sha256 = b.content_sha256 AS same "
                "FROM source_files s JOIN batch_files b USING (source_file) WHERE s.status <> 'removed'")
    if con.execute("SELECT count(*) FROM previous_files WHERE NOT same").fetchall()[0][0]:
        con.execute("INSERT INTO claims_history BY NAME "
                    "SELECT c.*, p.since AS valid_from, ? AS valid_to, p.since_run AS run_id, "
                    "? AS superseded_by_run "
                    "FROM claims c JOIN previous_files p USING (source_file) WHERE NOT p.same",
                    [now, run_id])


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection, **frames: pd.DataFrame) -> Iterator[None]:
    """All statements inside commit together or not at all; `frames` are visible by name."""
    for name, frame in frames.items():
        con.register(name, frame)
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):   # a COMMIT that failed (a full disk) rolled back itself
            con.execute("ROLLBACK")
        raise
    finally:
        for name in frames:
            con.unregister(name)


def _with_lineage(table: str, frame: pd.DataFrame, run_id: str, now: datetime) -> pd.DataFrame:
    names = {name for name, _, _ in columns(TABLES_BY_NAME[table])}
    extra: dict[str, Any] = {}
    if "run_id" in names and "run_id" not in frame:
        extra["run_id"] = run_id
    if "loaded_at" in names:
        extra["loaded_at"] = now
    if "quarantined_at" in names:
        extra["quarantined_at"] = now
    return frame.assign(**extra) if extra else frame


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("batch_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
    finally:
        con.unregister("batch_rows")


def mark_removed(con: duckdb.DuckDBPyConnection, source_files: list[str], run_id: str) -> None:
    """Keep the rows of files gone from the raw folder, marked with when they went."""
    if not source_files:
        return
    now = utcnow()
    with _transaction(con, gone_files=pd.DataFrame({"source_file": source_files})):
        for table in _MARKED_TABLES:
            con.execute(f"UPDATE {table} SET removed_at = ? WHERE removed_at IS NULL AND "
                        "source_file IN (SELECT source_file FROM gone_files)", [now])
        con.execute("UPDATE source_files SET status = 'removed', removed_at = ?, run_id = ? "
                    "WHERE source_file IN (SELECT source_file FROM gone_files)", [now, run_id])


def replace_reference(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Rewrite the small reference tables (catalog, provinces) from the project's files."""
    with _transaction(con):
        for table, frame in frames.items():
            con.execute(f"DELETE FROM {table}")
            _insert(con, table, frame)


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
    con.execute("INSERT INTO load_runs (run_id, flow_run_id, raw_dir, started_at, status) "
                "VALUES (?, ?, ?, ?, 'running')", [run_id, flow_run_id, raw_dir, started_at])


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
