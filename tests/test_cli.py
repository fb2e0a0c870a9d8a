"""The `prakerja-etl` command: exit codes and one-line messages."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from prakerja_etl.cli import main


def test_run_prints_a_summary_and_exits_0(prefect_server: None, raw_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "completed" in out and "15 seen, 15 loaded" in out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (15,)


def test_a_report_that_cannot_be_written_is_one_line_and_the_run_still_succeeds(
        prefect_server: None, raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    (tmp_path / "w.report.html").mkdir()     # where the report goes: a folder, not writable as a file
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  report")]
    assert len(lines) == 1 and "report not written" in lines[0] and "`prakerja-etl report`" in lines[0]


def test_missing_raw_folder_is_one_line_and_exit_2(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--raw-dir", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "does not exist" in err and "--raw-dir" in err


def test_locked_warehouse_fails_with_a_clear_message(prefect_server: None, raw_dir: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); "
                               "print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("PRAKERJA_LOCK_WAIT_SECONDS", "1")
        started = time.monotonic()
        assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 2
        assert time.monotonic() - started < 60
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "held by another process" in err[0]


def test_readers_never_block_a_run_and_see_whole_runs(prefect_server: None, raw_dir: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    later = tmp_path / "later"
    later.mkdir()
    for path in sorted((raw_dir / "articles").glob("*.txt"))[:5]:
        path.rename(later / path.name)
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    # An analyst's read-only session in another process, open across the next run.
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys\n"
         f"con = duckdb.connect({str(warehouse)!r}, read_only=True)\n"
         "q = 'SELECT count(*) FROM articles'\n"
         "print(con.execute(q).fetchone()[0], flush=True); sys.stdin.readline()\n"
         "print(con.execute(q).fetchone()[0], flush=True)\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdin is not None
        assert reader.stdout.readline().strip() == "10"
        for path in later.iterdir():
            path.rename(raw_dir / "articles" / path.name)
        assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
        reader.stdin.write("\n")
        reader.stdin.flush()
        # The open session keeps the snapshot it opened: never half a run.
        assert reader.stdout.readline().strip() == "10"
    finally:
        reader.kill()
        reader.wait()
    with duckdb.connect(str(warehouse), read_only=True) as fresh:
        assert fresh.execute("SELECT count(*) FROM articles").fetchone() == (15,)
    assert "15 seen, 5 loaded" in capsys.readouterr().out
