"""The ingest flow: raw files → validated figures in the DuckDB warehouse.

Run it with `prakerja-etl run`, `python flows/ingest.py`, or as the `daily` deployment
(`prakerja_etl.deployment`, entrypoint `flows/ingest.py:ingest`). Plan → extract → load:
the planner judges each file (`planner`), an executor extracts the pending ones (`executor`:
this machine's processes, or Dask), the loader writes them (`loader`); `steps` joins them.
"""

from __future__ import annotations

from contextlib import closing
from typing import Any, TypeVar, cast

from prefect import flow
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from prakerja_etl import progress, steps, tasks
from prakerja_etl.executor import PARALLEL_MIN_FILES, executor_for
from prakerja_etl.loader import read_summary, writer_session
from prakerja_etl.settings import Settings, default
from prakerja_etl.sources.discover import SourceFile, count_up_to

T = TypeVar("T")


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
    with closing(executor_for(settings)) as executor:
        executor.prepare(count_up_to(settings.raw_dir, PARALLEL_MIN_FILES))
        with writer_session(settings, flow_run.get_id()) as loader:
            plan = tasks.plan_sources(settings.raw_dir, as_is(loader))
            with steps.long_lived_frozen():
                for results in executor.extract(steps.pending_batches(loader, settings.batch_size)):
                    tasks.load_batch(results, loader)
            tasks.load_official(as_is(settings), as_is(loader))
            tasks.mark_removed(plan.removed, as_is(loader))
    return tasks.report_run(read_summary(settings, loader.run_id))


def as_is(value: T) -> T:
    """`value` for a task parameter, quoted: Prefect would otherwise walk its contents on every
    task call. Typed as the value, which is what the task receives."""
    return cast(T, quote(value))


@flow(name="prakerja-extract-on-dask")
def extract_on_dask(batches: list[list[SourceFile]], max_bytes: int) -> quote:
    """Extraction of several batches at once on the flow's Dask task runner."""
    # No quote() here: Dask would ship the wrapper itself, not its contents.
    futures = [tasks.extract_batch.submit(batch, max_bytes) for batch in batches]
    return quote([future.result() for future in futures])
