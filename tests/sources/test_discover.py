"""Finding the raw files and planning a run: streamed in path order, planned in the warehouse."""

from __future__ import annotations

import os
from pathlib import Path

from prakerja_etl import run
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import discover


def write(raw: Path, names: list[str]) -> None:
    for name in names:
        path = raw / "articles" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Sebanyak {len(name)} juta orang menerima Kartu Prakerja.\n", encoding="utf-8")


def test_files_come_in_path_order_folder_by_folder(tmp_path: Path) -> None:
    names = ["b.txt", "a.txt", "a/z.txt", "a/b/c.txt", "A.txt", "a-b.txt", "2021/01.txt", ".swap.txt"]
    write(tmp_path, names)
    found = [f.source_file for f in discover(tmp_path)]
    expected = sorted(Path("articles", n) for n in names if not n.startswith("."))
    assert found == [p.as_posix() for p in expected]


def test_a_linked_folder_is_one_entry_and_not_entered(tmp_path: Path) -> None:
    write(tmp_path, ["real/one.txt"])
    os.symlink(tmp_path / "articles" / "real", tmp_path / "articles" / "alias")
    assert [f.source_file for f in discover(tmp_path)] == ["articles/real/one.txt"]


def test_a_run_plans_in_the_warehouse_and_hands_out_batches_with_the_next(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, [f"{i:02d}.txt" for i in range(7)])
    settings = Settings(workers=1)
    with run.writer_session(raw, tmp_path / "w.duckdb", settings) as session:
        plan = run.plan_sources(raw, session)
        pairs = list(run.pending_batches(session, 3))
    assert (plan.files_seen, plan.to_process, plan.unchanged, plan.removed) == (7, 7, 0, [])
    batches = [[f.source_file for f in batch] for batch, _ in pairs]
    assert batches == [[f"articles/{i:02d}.txt" for i in group] for group in ([0, 1, 2], [3, 4, 5], [6])]
    assert [following for _, following in pairs] == [pairs[1][0], pairs[2][0], None]


def test_a_second_plan_holds_only_changed_files_and_names_removed_ones(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, ["keep.txt", "edit.txt", "gone.txt"])
    settings = Settings(workers=1)
    warehouse = tmp_path / "w.duckdb"
    with run.writer_session(raw, warehouse, settings) as session:
        run.plan_sources(raw, session)
        for batch, _ in run.pending_batches(session, 10):
            run.load_results(run.extract(batch, session), session)
    (raw / "articles" / "edit.txt").write_text("Sebanyak 9 juta orang mendaftar.\n", encoding="utf-8")
    (raw / "articles" / "gone.txt").unlink()
    write(raw, ["new.txt"])
    with run.writer_session(raw, warehouse, settings) as session:
        plan = run.plan_sources(raw, session)
        pending = [f.source_file for batch, _ in run.pending_batches(session, 10) for f in batch]
    assert (plan.files_seen, plan.to_process, plan.unchanged) == (3, 2, 1)
    assert pending == ["articles/edit.txt", "articles/new.txt"]
    assert plan.removed == ["articles/gone.txt"]
