"""A run killed with kill -9 is resumed: the next run keeps the batches it committed.

A warehouse holds some articles, as many again arrive, and the run loading them is killed three
times (after committed batches and inside a batch's transaction). After each kill the published
warehouse is exactly what it was; the run after the kills loads only what no killed run had
committed, and ends with the same tables and values as a clean run.
"""

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

REPO = Path(__file__).resolve().parents[2]
OLD, NEW, BATCH = 48, 48, 8   # the new articles make 6 batches
# Columns that name a run or a moment: they differ between any two runs.
_VOLATILE = {"run_id", "flow_run_id", "content_run_id", "superseded_by_run", "content_since",
             "valid_from", "valid_to"}


def snapshot(warehouse: Path, *, stable_only: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's and view's rows, sorted; with `stable_only`, without run ids and timestamps
    (and without load_runs, which lists the runs themselves)."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relations = con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT internal UNION ALL "
                                "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()
        for (name,) in sorted(relations):
            if stable_only and name == "load_runs":
                continue
            cols = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                              "ORDER BY column_index", [name]).fetchall()
                    if not (stable_only and (c in _VOLATILE or c.endswith("_at")))]
            select = ", ".join(f'"{c}"' for c in cols)
            out[name] = con.execute(f'SELECT {select} FROM "{name}" ORDER BY ALL').fetchall()
    return out


def run_cli(raw: Path, warehouse: Path, api_url: str, kill_at: str | None = None) -> int:
    """`prakerja-etl run` as its own process, killed with SIGKILL at `kill_at` (see faults.py)."""
    env = dict(os.environ, PREFECT_API_URL=api_url, PRAKERJA_BATCH_SIZE=str(BATCH), PRAKERJA_WORKERS="1")
    env.pop("PRAKERJA_FAULT_KILL_AT", None)
    if kill_at:
        env["PRAKERJA_FAULT_KILL_AT"] = kill_at
    cmd = [sys.executable, "-m", "prakerja_etl.cli", "run", "--raw-dir", str(raw),
           "--warehouse", str(warehouse)]
    return subprocess.run(cmd, env=env, capture_output=True, timeout=300).returncode


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(out), "-n", str(OLD + NEW)],
                   check=True, capture_output=True)
    return sorted((out / "articles").rglob("*.txt"))


def fill(raw: Path, files: list[Path]) -> None:
    (raw / "articles").mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, raw / "articles" / path.name)


@pytest.fixture(scope="module")
def clean_run(articles: list[Path], ingest: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a run that is never killed makes of the old articles, then the new ones."""
    raw = tmp_path_factory.mktemp("clean") / "raw"
    warehouse = raw.parent / "clean.duckdb"
    fill(raw, articles[:OLD])
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    fill(raw, articles[OLD:])
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    return snapshot(warehouse, stable_only=True)


def test_three_kills_then_a_run_that_redoes_nothing(articles: list[Path], ingest: Any, clean_run: Any,
                                                    prefect_api_url: str, tmp_path: Path) -> None:
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    fill(raw, articles[:OLD])
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    published = snapshot(warehouse)
    fill(raw, articles[OLD:])

    # Killed after two batches, after two more, then inside the transaction of the third run's
    # second batch (its first is kept): one batch of six is left.
    for kill_at in ("batch-committed:2", "batch-committed:2", "mid-transaction:2"):
        assert run_cli(raw, warehouse, prefect_api_url, kill_at) == -signal.SIGKILL
        assert snapshot(warehouse) == published     # opens, with the old articles whole
        assert (tmp_path / "w.duckdb.staging").exists()

    assert run_cli(raw, warehouse, prefect_api_url) == 0
    assert snapshot(warehouse, stable_only=True) == clean_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT status, files_loaded FROM load_runs ORDER BY started_at").fetchall()
        loaded_by = dict(con.execute("SELECT run_id, count(*) FROM source_files GROUP BY run_id").fetchall())
        run_ids = [r for (r,) in con.execute("SELECT run_id FROM load_runs ORDER BY started_at").fetchall()]
    # Each file was extracted and loaded once: the killed runs' files are still theirs.
    kept = [2 * BATCH, 2 * BATCH, BATCH]
    assert runs == [("completed", OLD), *(("interrupted", n) for n in kept), ("completed", NEW - sum(kept))]
    assert [loaded_by.get(r, 0) for r in run_ids] == [OLD, *kept, NEW - sum(kept)]
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("w.duckdb."))
    assert leftovers == ["w.duckdb.last-good", "w.duckdb.lock"]


def corrupt_a_block_of(database: Path, table: str) -> None:
    """Flip bytes inside a block holding `table`'s rows (DuckDB: three 4 KiB headers, 256 KiB blocks)."""
    with duckdb.connect(str(database), read_only=True) as con:
        block = con.execute("SELECT max(block_id) FROM pragma_storage_info(?) WHERE block_id >= 0",
                            [table]).fetchall()[0][0]
    with open(database, "r+b") as handle:
        handle.seek(3 * 4096 + block * 262144 + 4096)
        data = handle.read(64)
        handle.seek(3 * 4096 + block * 262144 + 4096)
        handle.write(bytes(b ^ 0xFF for b in data))


@pytest.mark.parametrize("damage", ["corrupt copy", "published file replaced"])
def test_a_killed_runs_copy_is_reused_only_while_valid(damage: str, articles: list[Path], ingest: Any,
                                                       clean_run: Any, prefect_api_url: str,
                                                       tmp_path: Path) -> None:
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    fill(raw, articles[:OLD])
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    fill(raw, articles[OLD:])
    assert run_cli(raw, warehouse, prefect_api_url, "batch-committed:2") == -signal.SIGKILL
    if damage == "corrupt copy":
        corrupt_a_block_of(tmp_path / "w.duckdb.staging", "figures")
    else:   # e.g. restored from a backup: the copy was made from another file
        shutil.copyfile(warehouse, tmp_path / "restored")
        os.replace(tmp_path / "restored", warehouse)

    assert run_cli(raw, warehouse, prefect_api_url) == 0
    assert snapshot(warehouse, stable_only=True) == clean_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT status, files_loaded FROM load_runs ORDER BY started_at").fetchall()
    assert runs == [("completed", OLD), ("interrupted", None), ("completed", NEW)]   # all of it redone
