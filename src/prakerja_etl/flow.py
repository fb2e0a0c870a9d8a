"""The ingest flow: raw files → validated figures in the DuckDB warehouse.

Run it with `prakerja-etl run`, `python flows/ingest.py`, or as the `daily` deployment
(`prakerja_etl.deployment`, entrypoint `flows/ingest.py:ingest`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from itertools import islice
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from prakerja_etl import progress, run, tasks
from prakerja_etl.batch import FileResult
from prakerja_etl.run import writer_session
from prakerja_etl.settings import Settings, default
from prakerja_etl.sources.discover import SourceFile


@flow(name="prakerja-ingest")
def ingest(raw_dir: str = str(default("raw_dir")),
           warehouse_path: str = str(default("warehouse_path")),
           official_source: str | None = None,
           dask_address: str | None = None,
           feeds: list[str] | None = None) -> dict[str, Any]:
    """Load every new or changed raw file and the official statistics (a folder or URL;
    default `<raw_dir>/official`); with `dask_address`, extraction runs on that Dask
    cluster while loading stays here; with `feeds` (RSS/Atom URLs), their items are fetched
    into the raw folder first. Returns the run summary."""
    progress.phase("opening the warehouse")
    settings = Settings.load(raw_dir=raw_dir, warehouse_path=warehouse_path,
                             official_source=official_source, dask_address=dask_address)
    if feeds:   # before taking the writer lock: fetching does not touch the warehouse
        tasks.fetch_feeds(feeds, raw_dir)
    with writer_session(Path(raw_dir), Path(warehouse_path), settings, flow_run.get_id()) as session:
        # quote(): Prefect would otherwise walk these objects' contents on every task call.
        plan = tasks.plan_sources(raw_dir, quote(session))
        batches = run.pending_batches(session, settings.batch_size)
        if dask_address:
            _ingest_on_dask((batch for batch, _ in batches), dask_address, settings, session)
        else:
            for batch, following in batches:
                tasks.ingest_batch(quote(batch), quote(session), quote(following))
        tasks.load_official(official_source, raw_dir, quote(session))
        tasks.mark_removed(plan.removed, quote(session))
    return tasks.report_run(asdict(session.summary))


def _ingest_on_dask(batches: Iterator[list[SourceFile]], address: str, settings: Settings,
                    session: Any) -> None:
    """Extract a window of batches on Dask at a time (memory stays bounded), load each here."""
    from prefect_dask import DaskTaskRunner

    on_dask = extract_on_dask.with_options(task_runner=DaskTaskRunner(address=address))
    window = max(1, settings.dask_window)
    while chunk := list(islice(batches, window)):
        for results in on_dask(quote(chunk), settings.max_file_bytes).unquote():
            tasks.load_batch(quote(results), quote(session))


@flow(name="prakerja-extract-on-dask")
def extract_on_dask(batches: list[list[SourceFile]], max_bytes: int) -> quote[list[list[FileResult]]]:
    """Extraction of several batches at once on the flow's Dask task runner."""
    # No quote() here: Dask would ship the wrapper itself, not its contents.
    futures = [tasks.extract_batch.submit(batch, max_bytes) for batch in batches]
    return quote([future.result() for future in futures])
