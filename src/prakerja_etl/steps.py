"""The run's steps as plain functions, each joining the planner, an executor's results and the
loader; `tasks` gives each a Prefect task, `flow` puts them in order. Nothing here imports Prefect.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prakerja_etl.batch import FileResult, build_batch, build_official_batch
from prakerja_etl.errors import ConfigError
from prakerja_etl.loader import Loader, Written
from prakerja_etl.planner import Plan
from prakerja_etl.settings import Settings
from prakerja_etl.sources import official
from prakerja_etl.sources.discover import KIND_FOLDERS, SourceFile, discover
from prakerja_etl.warehouse import connection

# The kinds of file found in the raw folder (the official statistics are fetched on their own).
RAW_KINDS = list(KIND_FOLDERS.values())


def plan_raw(raw_dir: Path, loader: Loader) -> Plan:
    """Hash the raw folder's files and judge each against the warehouse's record of it."""
    loader.register(discover(raw_dir))
    return loader.plan(RAW_KINDS)


def pending_batches(loader: Loader, size: int) -> Iterator[list[SourceFile]]:
    """The raw files to process, `size` at a time in path order."""
    return loader.pending_batches(size, RAW_KINDS)


@contextmanager
def long_lived_frozen() -> Iterator[None]:
    """Around loading the batches: the objects alive when it starts (modules, Prefect's client, the
    warehouse connection) outlive it, so the collector need not scan them again for every batch
    (GC 1.35 → 0.6 s of a cold 20k run). Unfrozen after, so a long-lived process still collects
    them."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def load_results(results: list[FileResult], loader: Loader) -> Written:
    """Validate and write one batch of extracted files."""
    return loader.write(build_batch(results, loader.run_id))


def load_official(settings: Settings, loader: Loader) -> Written:
    """Fetch the official statistics (a folder or URL; default `<raw_dir>/official`) and load them
    when the planner finds any file new, changed or gone: all together, as they are cross-checked."""
    setting, raw_dir = settings.official_source, settings.raw_dir
    source = official.OfficialSource.from_setting(setting, raw_dir)
    if not (source.is_url or source.is_folder):
        if setting:
            raise ConfigError(f"official source {setting} is neither a folder nor an http(s) URL")
        return Written(0, [])   # nothing configured and no <raw-dir>/official: no official data this run
    files, found = source.found(raw_dir)
    loader.register(found)
    plan = loader.plan(["official"])
    if not plan.changed:
        return Written(0, [])
    # A file that would shrink the rows it has in the warehouse is held back (quarantined).
    batch, held = build_official_batch(files, found, loader.run_id, loader.official_rows(),
                                       settings.official_max_shrink)
    written = loader.write(batch)
    loader.settle("official", [f["source_file"] for f in batch.source_files] + held)
    loader.mark_removed(plan.removed)
    return written


def report(summary: dict[str, Any]) -> dict[str, Any]:
    """Count the conflicts and write the HTML report of the published warehouse; a failure here
    is logged, never fatal: the data is already loaded."""
    from prakerja_etl.report.html import read_report, write_report

    warehouse = Path(summary["warehouse"])
    try:
        data = read_report(warehouse, connection.run_read_limits())   # one read: the count and the page
        summary["conflicts"] = data.counts["conflicts"]
        summary["report"] = str(write_report(warehouse, data=data))
    except Exception as exc:  # noqa: BLE001 - reporting must not fail a completed load
        summary["report_error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        logging.getLogger(__name__).warning("run report not written: %s", summary["report_error"])
    return summary
