"""Plan → extract → load: the planner's one change test, the executors' order, the summary
derived from what the loader wrote."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import duckdb

from conftest import raw_with, run_without_prefect
from prakerja_etl.executor import PARALLEL_MIN_FILES, LocalExecutor
from prakerja_etl.planner import Known, is_pending, pending_flags
from prakerja_etl.sources.discover import SourceFile, count_up_to

SHA = "a" * 64


def found(name: str, sha: str = SHA) -> SourceFile:
    return SourceFile(name, Path(name), "article", 10, sha)


def test_one_change_test_decides_for_every_file() -> None:
    same = Known(SHA, "loaded", "v1")
    assert not is_pending(found("a"), same, "v1")
    assert not is_pending(found("a"), Known(SHA, "quarantined", "v1"), "v1")   # same answer again
    assert is_pending(found("a"), None, "v1")                                   # new
    assert is_pending(found("a", "b" * 64), same, "v1")                         # other bytes
    assert is_pending(found("a"), same, "v2")                                   # other extraction code
    assert is_pending(found("a"), Known(SHA, "removed", "v1"), "v1")            # came back
    assert pending_flags([found("a"), found("b")], {"a": same}, "v1") == [False, True]


def test_the_local_executor_yields_each_batch_in_order_from_a_process_pool(raw_dir: Path) -> None:
    files = sorted((raw_dir / "articles").glob("*.txt"))
    sources = [SourceFile(f"articles/{p.name}", p, "article", p.stat().st_size, SHA) for p in files]
    batches = [sources[i:i + 4] for i in range(0, len(sources), 4)] + [sources * 5]   # 75 ≥ the pool's 64
    with closing(LocalExecutor(workers=2, max_bytes=1 << 20)) as executor:
        results = list(executor.extract(iter(batches)))
        assert executor._pool is not None   # the large batch went to the pool
    assert [[r.source.source_file for r in batch] for batch in results] == [
        [s.source_file for s in batch] for batch in batches]
    assert all(r.quarantine_reason is None and r.tables["figures"] for batch in results for r in batch)


def test_a_run_of_many_files_starts_the_pool_before_its_first_batch(raw_dir: Path) -> None:
    files = sorted((raw_dir / "articles").glob("*.txt"))
    sources = [SourceFile(f"articles/{p.name}", p, "article", p.stat().st_size, SHA) for p in files]
    assert count_up_to(raw_dir, 4) == 4 and count_up_to(raw_dir, 10_000) == len(files)
    with closing(LocalExecutor(workers=2, max_bytes=1 << 20)) as few:
        few.prepare(PARALLEL_MIN_FILES - 1)
        assert few._preparing is None and few._pool is None   # a small run extracts in-process
    with closing(LocalExecutor(workers=2, max_bytes=1 << 20)) as many:
        many.prepare(PARALLEL_MIN_FILES)
        assert many._preparing is not None
        results = list(many.extract(iter([sources[:2]])))   # waits for the pool being started
        assert many._pool is not None
    assert [r.source.source_file for r in results[0]] == [s.source_file for s in sources[:2]]


def test_official_files_are_planned_like_the_others_and_counted_from_the_rows(
        tmp_path: Path, corpus: Path) -> None:
    raw = raw_with(tmp_path / "raw", "official", sorted((corpus / "official").glob("*.json")))
    warehouse = tmp_path / "w.duckdb"
    first = run_without_prefect(raw, warehouse)
    again = run_without_prefect(raw, warehouse)
    (raw / "official" / "indonesia-2020.json").unlink()
    gone = run_without_prefect(raw, warehouse)
    seen = len(list((corpus / "official").glob("*.json")))
    assert (first["files_seen"], first["files_loaded"], first["files_skipped"]) == (seen, seen, 0)
    assert (again["files_seen"], again["files_loaded"], again["files_skipped"]) == (seen, 0, seen)
    # One file gone: the set is loaded again, as one, and the gone file's rows are marked.
    assert (gone["files_seen"], gone["files_loaded"], gone["files_removed"]) == (seen - 1, seen - 1, 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        now = con.execute("SELECT (SELECT count(*) FROM official_recipients WHERE run_id = ?) + "
                          "(SELECT count(*) FROM official_province_totals WHERE run_id = ?)",
                          [gone["run_id"]] * 2).fetchone()
        recorded = con.execute("SELECT files_seen, files_loaded, official_rows_loaded FROM load_runs "
                               "ORDER BY started_at").fetchall()
    assert gone["official_rows_loaded"] == now[0] > 0
    assert recorded == [(seen, seen, first["official_rows_loaded"]), (seen, 0, 0),
                        (seen - 1, seen - 1, gone["official_rows_loaded"])]
