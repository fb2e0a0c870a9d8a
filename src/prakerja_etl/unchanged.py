"""Whether a CLI run has anything to do, decided read-only while Prefect's server starts.

A run whose raw folder and local official files are what the warehouse recorded, judged by the
same planner as the flow, with the same code as the last completed run and nothing left by an
interrupted one, on a warehouse whose every block reads back (as the flow checks before it
publishes), would load nothing, mark nothing and publish a warehouse equal to the one there:
the CLI says so and stops instead of starting the flow (a re-run in about a second instead of
five). Any doubt (an official URL, whose answer can change; a warehouse held by a writer; an
unreadable record) means "run the flow".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import duckdb

from prakerja_etl import planner
from prakerja_etl.errors import PrakerjaError
from prakerja_etl.fingerprint import code_fingerprint, extractor_fingerprint
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import KIND_FOLDERS, SourceFile, discover
from prakerja_etl.sources.official import OfficialSource
from prakerja_etl.warehouse import connection, runs, staging


@dataclass(frozen=True)
class LastRun:
    """The completed run whose result stands."""

    run_id: str
    finished_at: datetime
    files: int


def nothing_to_load(settings: Settings) -> LastRun | None:
    """The last run, when this one would change nothing; None when the flow must run."""
    warehouse = staging.follow(settings.warehouse_path)
    leftovers = (runs.marker_path(warehouse), staging.staging_path(warehouse),
                 staging.manifest_path(warehouse), staging.wal_path(warehouse))
    source = OfficialSource.from_setting(settings.official_source, settings.raw_dir)
    if not warehouse.exists() or any(p.exists() for p in leftovers) or source.is_url:
        return None
    # The official files count when there is a folder of them: without one the flow leaves the
    # official rows as they are.
    kinds = [*KIND_FOLDERS.values(), *(["official"] if source.is_folder else [])]
    try:
        with connection.run_lock(warehouse, 0), \
                connection.connect(warehouse, read_only=True, wait_seconds=0) as con:
            last = con.execute("SELECT run_id, finished_at, status, code_version FROM load_runs "
                               "ORDER BY started_at DESC LIMIT 1").fetchone()
            known = {name: planner.Known(sha, status, version) for name, sha, status, version in con.execute(
                "SELECT source_file, content_sha256, status, extractor_version FROM source_files "
                "WHERE list_contains(?, kind)", [kinds]).fetchall()}
        if last is None or last[2] != "completed" or last[3] != code_fingerprint():
            return None
        if not planner.changes_nothing(_found(settings, source), known, extractor_fingerprint()):
            return None
        staging.verify(warehouse)   # a corrupt block: the flow restores the last good copy and says so
    except (PrakerjaError, duckdb.Error, OSError):
        return None
    # Nothing changed: the files found are exactly those the warehouse holds (not removed).
    return LastRun(last[0], last[1], sum(k.status != "removed" for k in known.values()))


def _found(settings: Settings, source: OfficialSource) -> Iterator[SourceFile]:
    """The files the flow would judge, one at a time: the raw folder's, then the official folder's."""
    yield from discover(settings.raw_dir)
    if source.is_folder:
        yield from source.found(settings.raw_dir)[1]

