"""Load: the run's one DuckDB writer, and what it recorded.

`writer_session` takes the warehouse's writer lock, loads into a staging copy (a killed run's,
resumed, when it is valid), records the run in `load_runs` and publishes the copy atomically.
Inside it, a `Loader` (the connection and the run id, nothing else) notes the run's files as
the planner judges them, hands out the pending ones in batches, and writes validated batches.
The run's summary is derived from what was written: `load_runs` and the rows of the run.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prakerja_etl import faults, planner, schemas
from prakerja_etl.catalog import load_catalog
from prakerja_etl.errors import one_line
from prakerja_etl.fingerprint import extractor_fingerprint
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import SourceFile
from prakerja_etl.text.provinces import load_provinces
from prakerja_etl.warehouse import connection, load, runs, schema, staging

# This run's files, as the planner judged them: a temporary table (spilled to disk past the
# memory cap), so a run over any number of files never holds their list in Python.
_RUN_FILES = ("CREATE OR REPLACE TEMP TABLE run_files (seq BIGINT, source_file VARCHAR, path BLOB, "
              "kind VARCHAR, size_bytes BIGINT, content_sha256 VARCHAR, problem VARCHAR, pending BOOLEAN)")
_CHUNK = 2000
# The summary's row counts: the rows of the run in these tables.
_ROWS_LOADED = {"figures_loaded": ("figures",), "rankings_loaded": ("province_rankings",),
                "survey_rows_loaded": ("survey_results",),
                "official_rows_loaded": ("official_recipients", "official_province_totals")}
# The counts of a run, in the order its summary lists them.
RUN_COUNTS = ("files_seen", "files_loaded", "files_skipped", "files_quarantined", "files_removed",
              "figures_loaded", "rankings_loaded", "survey_rows_loaded", "official_rows_loaded",
              "rows_loaded", "rows_quarantined")
_COUNTED_TABLES = ("articles", "figures", "province_rankings", "survey_results", "official_recipients",
                   "official_province_totals")


@dataclass(frozen=True)
class Written:
    """What writing one batch did: files loaded, and the quarantined rows (file, reason)."""

    files_loaded: int
    quarantined: list[tuple[str, str]]


class Loader:
    """The run's connection to its staging copy, and its run id.

    A plain class, not a dataclass: Prefect walks dataclass parameters field by field.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, run_id: str) -> None:
        self.con, self.run_id = con, run_id

    def register(self, found: Iterable[SourceFile]) -> None:
        """Note files found by the run, a chunk at a time, each with the planner's verdict."""
        version = extractor_fingerprint()
        stream = iter(found)
        while chunk := list(islice(stream, _CHUNK)):
            flags = planner.pending_flags(chunk, self._known([f.source_file for f in chunk]), version)
            start = self.con.execute("SELECT coalesce(max(seq) + 1, 0) FROM run_files").fetchall()[0][0]
            self._with_frame("found", _run_files_frame(chunk, start, flags),
                             "INSERT INTO run_files SELECT * FROM found")

    def _known(self, names: list[str]) -> dict[str, planner.Known]:
        rows = self._with_frame("names", pd.DataFrame({"source_file": names}, dtype=str),
                                "SELECT source_file, content_sha256, status, extractor_version "
                                "FROM source_files JOIN names USING (source_file)")
        return {name: planner.Known(sha, status, version) for name, sha, status, version in rows}

    def _with_frame(self, name: str, frame: pd.DataFrame, sql: str) -> list[tuple[Any, ...]]:
        self.con.register(name, frame)
        try:
            return self.con.execute(sql).fetchall()
        finally:
            self.con.unregister(name)

    def plan(self, kinds: list[str]) -> planner.Plan:
        """The plan for the registered files of `kinds`, with the files of those kinds that the
        warehouse holds and the run did not find."""
        seen, pending = self.con.execute("SELECT count(*), count(*) FILTER (pending) FROM run_files "
                                         "WHERE list_contains(?, kind)", [kinds]).fetchall()[0]
        removed = [name for (name,) in self.con.execute(
            "SELECT source_file FROM source_files WHERE status <> 'removed' AND list_contains(?, kind) "
            "AND source_file NOT IN (SELECT source_file FROM run_files) ORDER BY source_file",
            [kinds]).fetchall()]
        return planner.Plan(int(seen), int(pending), removed)

    def pending_batches(self, size: int, kinds: list[str]) -> Iterator[list[SourceFile]]:
        """The pending files of `kinds`, `size` at a time in the order found (one batch in memory)."""
        after = -1
        while rows := self.con.execute(
                "SELECT seq, source_file, path, kind, size_bytes, content_sha256, problem FROM run_files "
                "WHERE pending AND list_contains(?, kind) AND seq > ? ORDER BY seq LIMIT ?",
                [kinds, after, size]).fetchall():
            after = rows[-1][0]
            yield [SourceFile(name, Path(os.fsdecode(path)), *rest) for _, name, path, *rest in rows]

    def settle(self, kind: str, processed: list[str]) -> None:
        """Record which files of `kind` the run processed after all (a set loaded together)."""
        self.con.execute("UPDATE run_files SET pending = list_contains(?, source_file) WHERE kind = ?",
                         [processed, kind])

    def write(self, batch: load.LoadBatch) -> Written:
        """Write one validated batch, atomically."""
        load.write_batch(self.con, batch, self.run_id)
        quarantine = batch.frames.get("quarantine")
        pairs = [] if quarantine is None else list(zip(quarantine["source_file"], quarantine["reason"],
                                                       strict=True))
        return Written(sum(f["status"] == "loaded" for f in batch.source_files), pairs)

    def mark_removed(self, removed: list[str]) -> int:
        """Mark the rows of files that left the raw folder (or the official source)."""
        load.mark_removed(self.con, removed, self.run_id)
        return len(removed)

    def official_rows(self) -> dict[str, int]:
        """The rows each official file has in the warehouse (not removed)."""
        return dict(self.con.execute(
            "SELECT source_file, count(*) FROM (SELECT source_file FROM official_recipients WHERE removed_at "
            "IS NULL UNION ALL SELECT source_file FROM official_province_totals WHERE removed_at IS NULL) "
            "GROUP BY ALL").fetchall())

    def counts(self) -> dict[str, int]:
        """The run's counts, from what it wrote: its files in `source_files`, its rows in each table."""
        def count(sql: str) -> int:
            return int(self.con.execute(sql, [self.run_id] * sql.count("?")).fetchall()[0][0])

        files = "SELECT count(*) FROM source_files WHERE run_id = ? AND status = "
        counts = {
            "files_seen": count("SELECT count(*) FROM run_files"),
            "files_loaded": count(files + "'loaded'"),
            # Files held back whole (official ones) have only their quarantine row.
            "files_quarantined": count(files + "'quarantined'") + count(
                "SELECT count(DISTINCT source_file) FROM quarantine WHERE run_id = ? AND stage = 'read' "
                "AND source_file NOT IN (SELECT source_file FROM source_files WHERE run_id = ?)"),
            "files_skipped": count("SELECT count(*) FROM run_files WHERE NOT pending"),
            "files_removed": count(files + "'removed'"),
            "rows_quarantined": count("SELECT count(*) FROM quarantine WHERE run_id = ?"),
        }
        rows = {t: count(f"SELECT count(*) FROM {t} WHERE run_id = ?") for t in _COUNTED_TABLES}
        counts |= {key: sum(rows[t] for t in tables) for key, tables in _ROWS_LOADED.items()}
        return counts | {"rows_loaded": sum(rows.values())}


def _run_files_frame(found: list[SourceFile], start: int, pending: list[bool]) -> pd.DataFrame:
    return pd.DataFrame({
        "seq": range(start, start + len(found)), "source_file": [f.source_file for f in found],
        "path": [os.fsencode(f.path) for f in found], "kind": [f.kind for f in found],
        "size_bytes": [f.size_bytes for f in found], "content_sha256": [f.content_sha256 for f in found],
        "problem": [f.problem for f in found], "pending": pending})


@contextmanager
def writer_session(settings: Settings, flow_run_id: str | None = None) -> Iterator[Loader]:
    """Lock, load into a staging copy (a killed run's, resumed, when it is valid), record the run
    there, then publish it atomically; read the run's summary with `read_summary`."""
    run_id, raw_dir = uuid.uuid4().hex[:12], str(settings.raw_dir)
    started_at = connection.utcnow()
    warehouse, wait = staging.follow(settings.warehouse_path), settings.lock_wait_seconds
    error: BaseException | None = None
    with connection.run_lock(warehouse, wait), staging.discarded_if_disk_full(warehouse):
        interrupted = runs.read_marker(warehouse)
        runs.write_marker(warehouse, run_id, started_at, raw_dir)
        with _failure_marked(warehouse, run_id, started_at, raw_dir):
            path, resumed = staging.prepare(warehouse, wait)
        faults.point("staged")
        with connection.connect(path, wait_seconds=wait, limits=connection.run_writer_limits()) as con:
            schema.ensure_schema(con)
            load.replace_reference(con, reference_frames())
            runs.start_run(con, run_id, raw_dir, flow_run_id, started_at, interrupted, resumed)
            con.execute(_RUN_FILES)
            loader = Loader(con, run_id)
            try:
                yield loader
                _finish(loader, "completed", None)
            except BaseException as exc:
                error = exc
                if staging.disk_full(exc):
                    raise   # nothing is published; the copy goes (discarded_if_disk_full)
                # Batches loaded so far are complete and consistent: publish them with the failure.
                with contextlib.suppress(duckdb.Error):   # a connection DuckDB gave up on cannot record it
                    _finish(loader, "failed", one_line(exc))
        with _failure_marked(warehouse, run_id, started_at, raw_dir):
            staging.publish(path, warehouse, wait)
        runs.marker_path(warehouse).unlink(missing_ok=True)
    if error is not None:
        raise error


@contextmanager
def _failure_marked(warehouse: Path, run_id: str, started_at: datetime, raw_dir: str) -> Iterator[None]:
    """Around the steps that touch the published file (another program may hold it): when one
    fails, the run cannot record itself in the warehouse, so the marker tells the next run."""
    try:
        yield
    except Exception as exc:
        runs.write_marker(warehouse, run_id, started_at, raw_dir, failure=one_line(exc))
        raise


def _finish(loader: Loader, status: str, message: str | None) -> None:
    runs.finish_run(loader.con, loader.run_id, status, loader.counts(), message)
    loader.con.execute("CHECKPOINT")


def read_summary(settings: Settings, run_id: str) -> dict[str, Any]:
    """What a published run did, as `load_runs` recorded it, with its quarantined rows
    (file, reason) in the order they were written; the CLI prints it, Prefect publishes it."""
    published = staging.follow(settings.warehouse_path)
    with connection.connect(published, read_only=True, wait_seconds=settings.lock_wait_seconds,
                       limits=connection.run_read_limits()) as con:
        cursor = con.execute("SELECT *, round(epoch(finished_at - started_at), 2) AS seconds "
                             "FROM load_runs WHERE run_id = ?", [run_id])
        row = dict(zip([d[0] for d in cursor.description], cursor.fetchall()[0], strict=True))
        quarantined = con.execute("SELECT source_file, reason FROM quarantine WHERE run_id = ? "
                                  "ORDER BY quarantined_at, rowid", [run_id]).fetchall()
    counts = {name: int(row[name] or 0) for name in RUN_COUNTS}
    return {"run_id": run_id, "warehouse": str(settings.warehouse_path), "raw_dir": row["raw_dir"],
            "status": row["status"], **counts, "seconds": float(row["seconds"] or 0.0),
            "quarantined": quarantined}


def reference_frames() -> dict[str, pd.DataFrame]:
    """The catalog and the province reference as table rows."""
    metrics = pd.DataFrame([{"metric": m.metric, "unit": m.unit, "label": m.label, "topic": m.topic,
                             "cues": "; ".join(m.cues)} for m in load_catalog()])
    provinces = pd.DataFrame([{"province_code": p.code, "province_name": p.name,
                               "aliases": "; ".join(p.aliases), "since_2022": p.since_2022,
                               "split_from": p.split_from}
                              for p in load_provinces()])
    return {"metrics": schemas.MetricRow.validate(metrics),
            "provinces": schemas.ProvinceRow.validate(provinces)}
