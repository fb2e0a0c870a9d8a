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
from prakerja_etl.report import publish_run_artifacts
from prakerja_etl.run import writer_session
from prakerja_etl.settings import Settings

DEFAULTS = Settings()


@flow(name="prakerja-ingest")
def ingest(raw_dir: str = str(DEFAULTS.raw_dir),
           warehouse_path: str = str(DEFAULTS.warehouse_path),
           official_source: str | None = None) -> dict[str, Any]:
    """Load every new or changed raw file and the official statistics (a folder or URL;
    default `<raw_dir>/official`); returns the run summary."""
    settings = Settings.from_env()
    with writer_session(Path(raw_dir), Path(warehouse_path), settings, flow_run.get_id()) as session:
        # quote(): Prefect would otherwise walk these objects' contents on every task call.
        plan = tasks.plan_sources(raw_dir, quote(session))
        todo = plan.to_process
        for start in range(0, len(todo), settings.batch_size):
            tasks.ingest_batch(quote(todo[start:start + settings.batch_size]), quote(session), start,
                               len(todo))
        tasks.load_official(official_source, raw_dir, quote(session))
        tasks.mark_removed(plan.removed, quote(session))
    summary = asdict(session.summary)
    publish_run_artifacts(summary)
    return summary


if __name__ == "__main__":
    print(ingest())
