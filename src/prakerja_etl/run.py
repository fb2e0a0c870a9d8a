"""One ingest run as plain functions: the writer session, planning, loading, the summary.

Prefect tasks (`prakerja_etl.tasks`) wrap these; nothing here imports Prefect.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from prakerja_etl import schemas
from prakerja_etl.batch import FileResult, build_batch, build_official_batch
from prakerja_etl.catalog import load_catalog
from prakerja_etl.errors import ConfigError
from prakerja_etl.settings import Settings
from prakerja_etl.sources import official
from prakerja_etl.sources.discover import Plan, SourceFile, discover, plan
from prakerja_etl.text.provinces import load_provinces
from prakerja_etl.warehouse import store

# Tables whose rows count as loaded in a run's summary.
_COUNTED_TABLES = ("articles", "figures", "province_rankings", "survey_results", "official_recipients",
                   "official_province_totals")


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
    rows_loaded: int = 0
    rows_quarantined: int = 0
    seconds: float = 0.0
    quarantined: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int)}


@dataclass
class Session:
    """A run holding the warehouse's writer lock."""

    warehouse: Path
    settings: Settings
    summary: RunSummary
    started: float = field(default_factory=time.monotonic)


@contextmanager
def writer_session(raw_dir: Path, warehouse: Path, settings: Settings,
                   flow_run_id: str | None = None) -> Iterator[Session]:
    """Lock the warehouse for this run, record the run, and close the record at the end."""
    summary = RunSummary(run_id=uuid.uuid4().hex[:12], warehouse=str(warehouse), raw_dir=str(raw_dir))
    with store.run_lock(warehouse, settings.lock_wait_seconds):
        with store.connect(warehouse, wait_seconds=settings.lock_wait_seconds) as con:
            store.ensure_schema(con)
            store.replace_reference(con, reference_frames())
            store.start_run(con, summary.run_id, str(raw_dir), flow_run_id)
        session = Session(warehouse, settings, summary)
        try:
            yield session
        except BaseException as exc:
            summary.status = "failed"
            _close(session, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            raise
        summary.status = "completed"
        _close(session, None)


def _close(session: Session, message: str | None) -> None:
    s = session.summary
    s.seconds = round(time.monotonic() - session.started, 2)
    with store.connect(session.warehouse, wait_seconds=session.settings.lock_wait_seconds) as con:
        store.finish_run(con, s.run_id, s.status, s.counts(), message)


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


def plan_sources(raw_dir: Path, session: Session) -> Plan:
    """Hash the raw files and compare them with the warehouse's registry."""
    files = discover(raw_dir)
    with store.connect(session.warehouse, wait_seconds=session.settings.lock_wait_seconds) as con:
        result = plan(files, store.registry(con))
    s = session.summary
    s.files_seen, s.files_skipped = result.files_seen, len(result.unchanged)
    return result


def load_results(results: list[FileResult], session: Session) -> None:
    """Validate and write one batch, atomically."""
    _write(build_batch(results, session.summary.run_id), session)


def mark_removed(removed: list[str], session: Session) -> None:
    """Mark the rows of files that left the raw folder."""
    with store.connect(session.warehouse, wait_seconds=session.settings.lock_wait_seconds) as con:
        store.mark_removed(con, removed, session.summary.run_id)
    session.summary.files_removed = len(removed)


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
    with store.connect(session.warehouse, wait_seconds=session.settings.lock_wait_seconds) as con:
        known = {k: v for k, v in store.registry(con).items() if v[2] == "official" and v[1] != "removed"}
    s = session.summary
    s.files_seen += len(sources)
    if {f.source_file: f.content_sha256 for f in sources} == {k: v[0] for k, v in known.items()}:
        s.files_skipped += len(sources)
        return
    batch = build_official_batch(official.parse_official(files), sources, s.run_id)
    _write(batch, session)
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


def _write(batch: store.LoadBatch, session: Session) -> None:
    s = session.summary
    with store.connect(session.warehouse, wait_seconds=session.settings.lock_wait_seconds) as con:
        store.write_batch(con, batch, s.run_id)
    loaded = [f for f in batch.source_files if f["status"] == "loaded"]
    s.files_loaded += len(loaded)
    s.files_quarantined += len(batch.source_files) - len(loaded)
    s.figures_loaded += batch.rows("figures")
    s.rankings_loaded += batch.rows("province_rankings")
    s.rows_loaded += sum(batch.rows(t) for t in _COUNTED_TABLES)
    quarantine = batch.frames["quarantine"]
    s.rows_quarantined += len(quarantine)
    s.quarantined += list(zip(quarantine["source_file"], quarantine["reason"], strict=True))
