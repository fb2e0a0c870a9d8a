"""Finding the raw files and planning a run: streamed in path order, planned in the warehouse."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import run_without_prefect
from prakerja_etl import steps
from prakerja_etl.loader import writer_session
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


def test_a_run_plans_in_the_warehouse_and_hands_out_batches_in_path_order(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, [f"{i:02d}.txt" for i in range(7)])
    with writer_session(Settings(raw_dir=raw, warehouse_path=tmp_path / "w.duckdb")) as loader:
        plan = steps.plan_raw(raw, loader)
        batches = [[f.source_file for f in batch] for batch in steps.pending_batches(loader, 3)]
    assert (plan.files_seen, plan.to_process, plan.unchanged, plan.removed) == (7, 7, 0, [])
    assert batches == [[f"articles/{i:02d}.txt" for i in group] for group in ([0, 1, 2], [3, 4, 5], [6])]


def test_a_second_plan_holds_only_changed_files_and_names_removed_ones(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw, ["keep.txt", "edit.txt", "gone.txt"])
    warehouse = tmp_path / "w.duckdb"
    run_without_prefect(raw, warehouse)
    (raw / "articles" / "edit.txt").write_text("Sebanyak 9 juta orang mendaftar.\n", encoding="utf-8")
    (raw / "articles" / "gone.txt").unlink()
    write(raw, ["new.txt"])
    with writer_session(Settings(raw_dir=raw, warehouse_path=warehouse)) as loader:
        plan = steps.plan_raw(raw, loader)
        pending = [f.source_file for batch in steps.pending_batches(loader, 10) for f in batch]
    assert (plan.files_seen, plan.to_process, plan.unchanged) == (3, 2, 1)
    assert pending == ["articles/edit.txt", "articles/new.txt"]
    assert plan.removed == ["articles/gone.txt"]
