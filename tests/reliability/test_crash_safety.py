"""kill -9 at each point of a run: the warehouse opens, loses nothing, and the next run heals it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

KILL_POINTS = ["staged", "mid-transaction", "batch-committed", "before-publish", "published"]


def run_cli(raw: Path, warehouse: Path, api_url: str, kill_at: str | None = None) -> int:
    # Small batches so that a run has several; the server is the test session's (no startup cost).
    env = dict(os.environ, PREFECT_API_URL=api_url, PRAKERJA_BATCH_SIZE="4", PRAKERJA_WORKERS="1")
    env.pop("PRAKERJA_FAULT_KILL_AT", None)
    if kill_at:
        env["PRAKERJA_FAULT_KILL_AT"] = kill_at
    done = subprocess.run([sys.executable, "-m", "prakerja_etl.cli", "run", "--raw-dir", str(raw),
                           "--warehouse", str(warehouse)], env=env, capture_output=True, text=True,
                          timeout=300)
    return done.returncode


def per_file(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every loaded file's figures, as a clean run would have them."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.execute("SELECT source_file, value, unit, metric, char_start FROM figures "
                           "WHERE removed_at IS NULL ORDER BY ALL").fetchall()
    out: dict[str, list[tuple[Any, ...]]] = {}
    for source_file, *rest in rows:
        out.setdefault(source_file, []).append(tuple(rest))
    return out


@pytest.fixture(scope="module")
def clean_state(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Any:
    raw = tmp_path_factory.mktemp("clean") / "raw"
    (raw / "articles").mkdir(parents=True)
    for path in sorted((corpus / "dev").glob("*.txt")):
        shutil.copy(path, raw / "articles" / path.name)
    warehouse = raw.parent / "clean.duckdb"
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    return per_file(warehouse)


@pytest.mark.parametrize("kill_at", KILL_POINTS)
def test_kill_9_loses_nothing_and_the_next_run_heals(kill_at: str, prefect_api_url: str, ingest: Any,
                                                     raw_dir: Path, tmp_path: Path, clean_state: Any) -> None:
    later = tmp_path / "later"
    later.mkdir()
    for path in sorted((raw_dir / "articles").glob("*.txt"))[8:]:
        path.rename(later / path.name)
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    before = per_file(warehouse)
    for path in later.iterdir():
        path.rename(raw_dir / "articles" / path.name)

    assert run_cli(raw_dir, warehouse, prefect_api_url, kill_at) == -signal.SIGKILL
    after_kill = per_file(warehouse)       # the file opens and holds whole files only
    if kill_at == "published":
        assert after_kill == clean_state
    else:
        assert after_kill == before
    assert all(after_kill[f] == clean_state[f] for f in after_kill)

    # The next run (here in-process, as a scheduled run would be) completes to a clean run's state.
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert per_file(warehouse) == clean_state
    with duckdb.connect(str(warehouse), read_only=True) as con:
        statuses = [s for (s,) in con.execute("SELECT status FROM load_runs ORDER BY started_at").fetchall()]
    expected = "completed" if kill_at == "published" else "interrupted"
    assert statuses == ["completed", expected, "completed"]
    assert not (tmp_path / "w.duckdb.running").exists()
