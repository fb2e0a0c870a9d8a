"""One ingest run as plain functions: the writer session, planning, extracting, loading.

Prefect tasks (`prakerja_etl.tasks`) wrap these; nothing here imports Prefect.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import multiprocessing
import os
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from prakerja_etl import faults, progress, schemas, watchdog
from prakerja_etl.batch import FileResult, build_batch, build_official_batch, extract_files
from prakerja_etl.catalog import load_catalog
from prakerja_etl.errors import ConfigError, one_line
from prakerja_etl.fingerprint import extractor_fingerprint
from prakerja_etl.settings import Settings
from prakerja_etl.sources import official
from prakerja_etl.sources.discover import KIND_FOLDERS, SourceFile, discover
from prakerja_etl.text.provinces import load_provinces
from prakerja_etl.warehouse import connection, load, plan, runs, schema, staging

# Tables whose rows count as loaded in a run's summary.
_COUNTED_TABLES = ("articles", "figures", "province_rankings", "survey_results", "official_recipients",
                   "official_province_totals")
# Below this many files a process pool costs more than it saves.
_PARALLEL_MIN_FILES = 64


@dataclass
class RunSummary:
    """What a run did; the CLI prints it and Prefect publishes it as an artifact."""

    run_id: str
    warehouse: str
    raw_dir: str
    status: str = "running"
    files_seen: int = 0
    files_loaded: int = 0
    files_skipped: int = 0
    files_quarantined: int = 0
    files_removed: int = 0
    figures_loaded: int = 0
    rankings_loaded: int = 0
    survey_rows_loaded: int = 0
    official_rows_loaded: int = 0
    rows_loaded: int = 0
    rows_quarantined: int = 0
    seconds: float = 0.0
    quarantined: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int)}


class Session:
    """A run holding the writer lock, with its connection to the staging copy it loads into.

    A plain class, not a dataclass: Prefect walks dataclass parameters field by field.
    """

    def __init__(self, warehouse: Path, staging: Path, con: duckdb.DuckDBPyConnection,
                 settings: Settings, summary: RunSummary) -> None:
        self.warehouse, self.staging, self.con = warehouse, staging, con
        self.settings, self.summary = settings, summary
        self.started = time.monotonic()
        self._executor: Executor | None = None
        self._prefetched: dict[int, list[Future[list[FileResult]]]] = {}

    def executor(self) -> Executor | None:
        """A process pool for extraction (None with one worker), started on first use."""
        workers = self.settings.workers or os.cpu_count() or 1
        if workers > 1 and self._executor is None:
            # forkserver: workers fork from a clean process, not from this threaded one. Workers die
            # with the forkserver; it and anything else a killed run leaves go with the watchdog.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["prakerja_etl.batch"])
            self._executor = ProcessPoolExecutor(workers, mp_context=context,
                                                 initializer=watchdog.pool_worker)
        return self._executor

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)


@contextmanager
def writer_session(raw_dir: Path, warehouse: Path, settings: Settings,
                   flow_run_id: str | None = None) -> Iterator[Session]:
    """Lock, load into a staging copy (a killed run's, resumed, when it is valid), record the run
    there, then publish it atomically."""
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(warehouse), raw_dir=str(raw_dir))
    started_at = connection.utcnow()
    warehouse = staging.follow(warehouse)
    error: BaseException | None = None
    with connection.run_lock(warehouse, settings.lock_wait_seconds), \
            staging.discarded_if_disk_full(warehouse):
        interrupted = runs.read_marker(warehouse)
        runs.write_marker(warehouse, summary.run_id, started_at, str(raw_dir))
        with _failure_marked(warehouse, summary.run_id, started_at, raw_dir):
            path, resumed = staging.prepare(warehouse, settings.lock_wait_seconds)
        faults.point("staged")
        with connection.connect(path, wait_seconds=settings.lock_wait_seconds,
                                limits=connection.RUN_LIMITS) as con:
            schema.ensure_schema(con)
            load.replace_reference(con, reference_frames())
            runs.start_run(con, summary.run_id, str(raw_dir), flow_run_id, started_at, interrupted, resumed)
            session = Session(warehouse, path, con, settings, summary)
            try:
                yield session
                summary.status = "completed"
                _finish(session, None)
            except BaseException as exc:
                error = exc
                if staging.disk_full(exc):
                    raise   # nothing is published; the copy goes (discarded_if_disk_full)
                # Batches loaded so far are complete and consistent: publish them with the failure.
                summary.status = "failed"
                with contextlib.suppress(duckdb.Error):   # a connection DuckDB gave up on cannot record it
                    _finish(session, one_line(exc))
            finally:
                session.shutdown()
        with _failure_marked(warehouse, summary.run_id, started_at, raw_dir):
            staging.publish(path, warehouse, settings.lock_wait_seconds)
        runs.marker_path(warehouse).unlink(missing_ok=True)
    if error is not None:
        raise error


@contextmanager
def _failure_marked(warehouse: Path, run_id: str, started_at: datetime, raw_dir: Path) -> Iterator[None]:
    """Around the steps that touch the published file (another program may hold it): when one
    fails, the run cannot record itself in the warehouse, so the marker tells the next run."""
    try:
        yield
    except Exception as exc:
        runs.write_marker(warehouse, run_id, started_at, str(raw_dir), failure=one_line(exc))
        raise


def after_run(summary: dict[str, Any]) -> dict[str, Any]:
    """Count the conflicts and write the HTML report of the published warehouse; a failure here
    is logged, never fatal: the data is already loaded."""
    from prakerja_etl.report.html import read_report, write_report

    warehouse = Path(summary["warehouse"])
    try:
        data = read_report(warehouse, connection.RUN_READ_LIMITS)   # one read serves the count and the page
        summary["conflicts"] = data.counts["conflicts"]
        summary["report"] = str(write_report(warehouse, data=data))
    except Exception as exc:  # noqa: BLE001 - reporting must not fail a completed load
        summary["report_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        logging.getLogger(__name__).warning("run report not written: %s", summary["report_error"])
    return summary


def _finish(session: Session, message: str | None) -> None:
    s = session.summary
    s.seconds = round(time.monotonic() - session.started, 2)
    runs.finish_run(session.con, s.run_id, s.status, s.counts(), message)
    session.con.execute("CHECKPOINT")


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


@dataclass(frozen=True)
class Plan:
    """What a run has to do; the files themselves wait in the warehouse (`pending_batches`)."""

    files_seen: int
    to_process: int
    removed: list[str]

    @property
    def unchanged(self) -> int:
        return self.files_seen - self.to_process


def plan_sources(raw_dir: Path, session: Session) -> Plan:
    """Hash the raw files and compare them with the warehouse's registry."""
    plan.register_run_files(session.con, discover(raw_dir), extractor_fingerprint())
    seen, pending = plan.run_file_counts(session.con)
    removed = plan.absent_files(session.con, list(KIND_FOLDERS.values()))
    result = Plan(seen, pending, removed)
    session.summary.files_seen, session.summary.files_skipped = seen, result.unchanged
    return result


def pending_batches(session: Session,
                    size: int) -> Iterator[tuple[list[SourceFile], list[SourceFile] | None]]:
    """The files to process, `size` at a time in path order, each batch with the one after it
    (whose extraction starts while this one loads). Only two batches are in memory at once."""
    def fetch(after: int) -> tuple[int, list[SourceFile]]:
        rows = plan.pending_files(session.con, after, size)
        return (rows[-1][0] if rows else after), [SourceFile(*row[1:]) for row in rows]

    after, batch = fetch(-1)
    while batch:
        after, following = fetch(after)
        yield batch, following or None
        batch = following


def extract(sources: list[SourceFile], session: Session,
            then: list[SourceFile] | None = None) -> list[FileResult]:
    """Extract a batch of files, on every core when the batch is large enough; with `then`, the
    workers start on the next batch while this one is validated and loaded."""
    futures = session._prefetched.pop(id(sources), None) or _submit(sources, session)
    if then is not None:
        session._prefetched = {id(then): _submit(then, session)}
    return [r for future in futures for r in future.result()]


def _submit(sources: list[SourceFile], session: Session) -> list[Future[list[FileResult]]]:
    """Extraction of `sources` in chunks, each counted in the run's progress when it is done."""
    max_bytes = session.settings.max_file_bytes
    executor = session.executor() if len(sources) >= _PARALLEL_MIN_FILES else None
    workers = session.settings.workers or os.cpu_count() or 1
    size = max(1, -(-len(sources) // (workers * 4)))
    futures: list[Future[list[FileResult]]] = []
    for i in range(0, len(sources), size):
        chunk = sources[i:i + size]
        if executor is None:
            future: Future[list[FileResult]] = Future()
            future.set_result(extract_files(chunk, max_bytes))
        else:
            future = executor.submit(extract_files, chunk, max_bytes)
        future.add_done_callback(_count_done)
        futures.append(future)
    return futures


def _count_done(future: Future[list[FileResult]]) -> None:
    if not future.cancelled() and future.exception() is None:
        progress.advance(len(future.result()))


def load_results(results: list[FileResult], session: Session) -> None:
    """Validate and write one batch, atomically."""
    _write(build_batch(results, session.summary.run_id), session)


def mark_removed(removed: list[str], session: Session) -> None:
    """Mark the rows of files that left the raw folder."""
    load.mark_removed(session.con, removed, session.summary.run_id)
    session.summary.files_removed += len(removed)


def load_official(setting: str | None, raw_dir: Path, session: Session) -> None:
    """Load the official statistics when they changed (all files together: they are cross-checked)."""
    source = official.OfficialSource.from_setting(setting, raw_dir)
    if not source.is_url and not Path(source.location).is_dir():
        if setting:
            raise ConfigError(f"official source {setting} is neither a folder nor an http(s) URL")
        return  # nothing configured and no <raw-dir>/official: no official data this run
    files = {_official_name(source, raw_dir, name): data for name, data in source.fetch().items()}
    sources = [SourceFile(name, Path(name), "official", len(data), hashlib.sha256(data).hexdigest())
               for name, data in sorted(files.items())]
    known = {k: v for k, v in plan.registry(session.con, "official").items() if v[1] != "removed"}
    s = session.summary
    s.files_seen += len(sources)
    same_code = all(v[2] == extractor_fingerprint() for v in known.values())
    same_bytes = ({f.source_file: f.content_sha256 for f in sources}
                  == {k: v[0] for k, v in known.items()})
    if same_code and same_bytes:
        s.files_skipped += len(sources)
        return
    # Rows each official file has in the warehouse: a file that would shrink them is held back.
    previous = dict(session.con.execute(
        "SELECT source_file, count(*) FROM (SELECT source_file FROM official_recipients WHERE removed_at "
        "IS NULL UNION ALL SELECT source_file FROM official_province_totals WHERE removed_at IS NULL) "
        "GROUP BY ALL").fetchall())
    batch, held = build_official_batch(files, sources, s.run_id, previous,
                                       session.settings.official_max_shrink)
    _write(batch, session)
    # Held back, so not in the batch: quarantined, and the set they hold back with them skipped.
    s.files_quarantined += len(held)
    s.files_skipped += len(sources) - len(batch.source_files) - len(held)
    gone = sorted(set(known) - set(files))
    if gone:
        mark_removed(gone, session)


def _official_name(source: official.OfficialSource, raw_dir: Path, name: str) -> str:
    """How an official file is named in the warehouse: its URL, or its path in the raw folder."""
    if source.is_url:
        return f"{source.location.rstrip('/')}/{name}"
    path = (Path(source.location) / name).resolve()
    root = raw_dir.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _write(batch: load.LoadBatch, session: Session) -> None:
    s = session.summary
    load.write_batch(session.con, batch, s.run_id)
    loaded = [f for f in batch.source_files if f["status"] == "loaded"]
    s.files_loaded += len(loaded)
    s.files_quarantined += len(batch.source_files) - len(loaded)
    s.figures_loaded += batch.rows("figures")
    s.rankings_loaded += batch.rows("province_rankings")
    s.survey_rows_loaded += batch.rows("survey_results")
    s.official_rows_loaded += batch.rows("official_recipients") + batch.rows("official_province_totals")
    s.rows_loaded += sum(batch.rows(t) for t in _COUNTED_TABLES)
    quarantine = batch.frames["quarantine"]
    s.rows_quarantined += len(quarantine)
    s.quarantined += list(zip(quarantine["source_file"], quarantine["reason"], strict=True))
