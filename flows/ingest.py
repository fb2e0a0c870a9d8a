"""The ingest flow: raw files → validated figures in the DuckDB warehouse.

Run it with `prakerja-etl run`, `python flows/ingest.py`, or as the `daily` deployment.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.runtime import flow_run
from prefect.utilities.annotations import quote

from prakerja_etl import tasks
from prakerja_etl.batch import FileResult
from prakerja_etl.run import writer_session
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import SourceFile

DEFAULTS = Settings()


@flow(name="prakerja-ingest")
def ingest(raw_dir: str = str(DEFAULTS.raw_dir),
           warehouse_path: str = str(DEFAULTS.warehouse_path),
           official_source: str | None = None,
           dask_address: str | None = None) -> dict[str, Any]:
    """Load every new or changed raw file and the official statistics (a folder or URL;
    default `<raw_dir>/official`); with `dask_address`, extraction runs on that Dask
    cluster while loading stays here. Returns the run summary."""
    settings = Settings.from_env()
    with writer_session(Path(raw_dir), Path(warehouse_path), settings, flow_run.get_id()) as session:
        # quote(): Prefect would otherwise walk these objects' contents on every task call.
        plan = tasks.plan_sources(raw_dir, quote(session))
        todo = plan.to_process
        batches = [todo[i:i + settings.batch_size] for i in range(0, len(todo), settings.batch_size)]
        if dask_address:
            _ingest_on_dask(batches, dask_address, settings, session)
        else:
            for i, batch in enumerate(batches):
                following = batches[i + 1] if i + 1 < len(batches) else None
                tasks.ingest_batch(quote(batch), quote(session), i * settings.batch_size, len(todo),
                                   quote(following))
        tasks.load_official(official_source, raw_dir, quote(session))
        tasks.mark_removed(plan.removed, quote(session))
    return tasks.report_run(asdict(session.summary))


def _ingest_on_dask(batches: list[list[SourceFile]], address: str, settings: Settings, session: Any) -> None:
    """Extract a window of batches on Dask at a time (memory stays bounded), load each here."""
    from prefect_dask import DaskTaskRunner

    on_dask = extract_on_dask.with_options(task_runner=DaskTaskRunner(address=address))
    window = max(1, settings.dask_window)
    total = sum(len(b) for b in batches)
    done = 0
    for start in range(0, len(batches), window):
        for results in on_dask(quote(batches[start:start + window]), settings.max_file_bytes).unquote():
            done += len(results)
            tasks.load_batch(quote(results), quote(session), done, total)


@flow(name="prakerja-extract-on-dask")
def extract_on_dask(batches: list[list[SourceFile]], max_bytes: int) -> quote[list[list[FileResult]]]:
    """Extraction of several batches at once on the flow's Dask task runner."""
    # No quote() here: Dask would ship the wrapper itself, not its contents.
    futures = [tasks.extract_batch.submit(batch, max_bytes) for batch in batches]
    return quote([future.result() for future in futures])


if __name__ == "__main__":
    print(ingest())
