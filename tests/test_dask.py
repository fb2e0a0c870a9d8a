"""Extraction on a Dask cluster gives exactly the warehouse of the default run."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pytest

CONTENT = {
    "figures": "SELECT figure_id, source_file, value, unit, metric, raw_text, char_start, char_end, period, "
               "province_code, qualifier FROM figures",
    "articles": "SELECT article_id, source_file, content_sha256, outlet, dateline, event_date FROM articles",
    "province_rankings": "SELECT article_id, province_code, direction, rank, period FROM province_rankings",
    "quarantine": "SELECT source_file, stage, reason FROM quarantine",
}


def content(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {name: sorted(con.execute(sql).fetchall(), key=repr) for name, sql in CONTENT.items()}


@pytest.mark.slow
def test_dask_extraction_matches_the_default_run(ingest: Any, prefect_api_url: str, raw_dir: Path,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from distributed import LocalCluster

    # Workers report their task runs to the test's Prefect server, not to servers of their own.
    monkeypatch.setenv("PREFECT_API_URL", prefect_api_url)
    monkeypatch.setenv("PRAKERJA_BATCH_SIZE", "4")
    (raw_dir / "articles" / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    default = tmp_path / "default.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(default))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      env={"PREFECT_API_URL": prefect_api_url, "PREFECT_HOME": os.environ["PREFECT_HOME"]},
                      ) as cluster:
        on_dask = tmp_path / "dask.duckdb"
        summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(on_dask),
                         dask_address=cluster.scheduler_address)
    assert summary["files_loaded"] == 15 and summary["files_quarantined"] == 1
    assert content(on_dask) == content(default)
