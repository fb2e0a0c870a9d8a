"""The `prakerja-etl` command: exit codes, one-line messages, counts and timing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import serving
from prakerja_etl.cli import main
from prakerja_etl.report.artifacts import summary_markdown
from prakerja_etl.sources.official import OFFICIAL_FILES
from prakerja_etl.warehouse import connection, schema

# Every failure a user can hit says what to do in one line, in less than this.
MESSAGE_WITHIN_SECONDS = 15


def one_line_failure(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the CLI expecting a failure: exit 2, one line on stderr, in time; returns the line."""
    started = time.monotonic()
    assert main(argv) == 2
    assert time.monotonic() - started < MESSAGE_WITHIN_SECONDS
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("prakerja-etl: "), err
    return err[0]


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody can create files in, root included (root ignores permission bits: the
    folder is made immutable instead, as a read-only file system would refuse it)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a folder read-only for root here (chattr +i refused)")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@contextmanager
def held_read_write(warehouse: Path) -> Iterator[None]:
    """Another program holding the warehouse read-write (DuckDB allows one writer)."""
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb, time; c = duckdb.connect({str(warehouse)!r}); "
                               "print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()


def official_handler(folder: Path, failing: dict[str, int] | None = None, hang: float = 0.0) -> Any:
    """A handler serving the official files of `folder`, answering 503 for the file names in
    `failing` (all of them when None), or sleeping `hang` seconds first; counts requests."""
    class Handler(BaseHTTPRequestHandler):
        requests: Counter[str] = Counter()

        def do_GET(self) -> None:
            name = self.path.rsplit("/", 1)[-1]
            self.requests[name] += 1
            time.sleep(hang)
            try:
                if failing is None or name in failing:
                    self.send_error(503)
                    return
                body = (folder / name).read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass   # the client gave up waiting

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def test_run_prints_a_summary_and_exits_0(prefect_server: None, raw_dir: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "new folder" / "w.duckdb"    # a missing folder is created
    started = time.time()
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    took = time.time() - started
    out = capsys.readouterr().out
    assert "15 seen, 15 loaded" in out
    timing = re.search(r"completed in ([\d.]+) s \(start-up ([\d.]+) s, work ([\d.]+) s\)", out)
    assert timing is not None, out
    total, startup, work = map(float, timing.groups())
    # Wall time from the process's start: in this test process that is more than the call took.
    assert total >= took - 0.1 and abs(total - startup - work) <= 0.11
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (15,)


def test_every_kind_of_row_is_counted_in_the_summary_the_artifact_and_load_runs(
        ingest: Any, raw_dir: Path, corpus: Path, tmp_path: Path) -> None:
    (raw_dir / "surveys").mkdir()
    for path in (corpus / "dev" / "surveys").glob("*.*"):
        shutil.copy(path, raw_dir / "surveys" / path.name)
    (raw_dir / "surveys" / "no-sidecar.csv").write_text("a,b\n1,2\n")   # quarantined whole
    shutil.copytree(corpus / "official", raw_dir / "official")
    warehouse = tmp_path / "w.duckdb"
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        def count(sql: str) -> int:
            return int(con.execute(sql).fetchone()[0])

        expected = {
            "figures_loaded": count("SELECT count(*) FROM figures"),
            "rankings_loaded": count("SELECT count(*) FROM province_rankings"),
            "survey_rows_loaded": count("SELECT count(*) FROM survey_results"),
            "official_rows_loaded": count("SELECT (SELECT count(*) FROM official_recipients) + "
                                          "(SELECT count(*) FROM official_province_totals)"),
            "rows_quarantined": count("SELECT count(*) FROM quarantine"),
        }
        recorded = con.execute(f"SELECT {', '.join(expected)} FROM load_runs").fetchall()
    assert all(expected.values())
    assert {k: summary[k] for k in expected} == expected
    assert recorded == [tuple(expected.values())]
    artifact = summary_markdown(summary)
    labels = {"figures_loaded": "Figures loaded", "rankings_loaded": "Province rankings loaded",
              "survey_rows_loaded": "Survey rows loaded", "official_rows_loaded": "Official rows loaded",
              "rows_quarantined": "Rows quarantined"}
    for key, label in labels.items():
        assert f"| {label} | {expected[key]} |" in artifact


def test_a_report_that_cannot_be_written_is_one_line_and_the_run_still_succeeds(
        prefect_server: None, raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    (tmp_path / "w.report.html").mkdir()     # where the report goes: a folder, not writable as a file
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("  report")]
    assert len(lines) == 1 and "report not written" in lines[0] and "`prakerja-etl report`" in lines[0]


def test_missing_raw_folder_is_one_line_and_exit_2(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_failure(["run", "--raw-dir", str(tmp_path / "nope"), "--warehouse",
                            str(tmp_path / "w.duckdb")], capsys)
    assert "does not exist" in err and "--raw-dir" in err


def test_a_raw_folder_that_is_a_file_is_one_line_and_exit_2(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "raw").write_text("not a folder")
    err = one_line_failure(["run", "--raw-dir", str(tmp_path / "raw"), "--warehouse",
                            str(tmp_path / "w.duckdb")], capsys)
    assert "is not a folder" in err and "--raw-dir" in err


def test_a_warehouse_in_a_read_only_folder_fails_before_anything_starts(
        raw_dir: Path, read_only_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for warehouse in (read_only_dir / "w.duckdb", read_only_dir / "missing" / "w.duckdb"):
        err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)], capsys)
        assert f"cannot write the warehouse in {warehouse.parent}" in err
        assert "--warehouse FILE in a folder you can write" in err
    assert not list(read_only_dir.iterdir())


def test_a_warehouse_under_a_file_or_naming_a_folder_is_one_line_and_exit_2(
        raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a-file").write_text("")
    err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse",
                            str(tmp_path / "a-file" / "sub" / "w.duckdb")], capsys)
    assert f"{tmp_path / 'a-file'} is a file, not a folder" in err and "--warehouse FILE" in err
    err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(tmp_path)], capsys)
    assert "is a folder, not a file" in err and "--warehouse FILE with a file name" in err


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    """A warehouse with every table and view and no rows."""
    path = tmp_path / "w.duckdb"
    with connection.connect(path) as con:
        schema.ensure_schema(con)
    return path


def test_report_into_a_read_only_folder_or_under_a_file_is_one_line_and_exit_2(
        empty_warehouse: Path, read_only_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_failure(["report", "--warehouse", str(empty_warehouse), "--out",
                            str(read_only_dir / "r.html")], capsys)
    assert f"cannot write the report in {read_only_dir}" in err and "--out FILE" in err
    err = one_line_failure(["report", "--warehouse", str(empty_warehouse), "--out",
                            str(empty_warehouse / "r.html")], capsys)
    assert "is a file, not a folder" in err and "--out FILE" in err
    # A missing folder is created.
    out = tmp_path / "new" / "r.html"
    assert main(["report", "--warehouse", str(empty_warehouse), "--out", str(out)]) == 0
    assert out.is_file()


def test_an_unreachable_official_source_fails_before_prefect_starts(
        raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serving(official_handler(tmp_path)) as base:
        closed = base   # nothing listens there once the block ends
    err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(tmp_path / "w.duckdb"),
                            "--official-source", f"{closed}/official"], capsys)
    assert f"cannot reach {closed}/official/{OFFICIAL_FILES[0]}" in err
    assert "--official-source DIR" in err
    assert not (tmp_path / "w.duckdb").exists()


def test_an_official_source_that_does_not_answer_fails_within_10_s(
        raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.monotonic()
    with serving(official_handler(tmp_path, hang=30)) as base:
        err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(tmp_path / "w.duckdb"),
                                "--official-source", f"{base}/official"], capsys)
        assert time.monotonic() - started < 11
    assert "cannot reach" in err and "--official-source DIR" in err


def test_an_official_source_answering_503_is_asked_4_times_and_says_so(
        raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    handler = official_handler(tmp_path)
    with serving(handler) as base:
        err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(tmp_path / "w.duckdb"),
                                "--official-source", f"{base}/official"], capsys)
    assert "answered HTTP 503" in err and "(4 attempts in " in err and "try again later" in err
    assert handler.requests == {OFFICIAL_FILES[0]: 4}


def test_a_failing_official_file_in_the_run_is_retried_in_one_layer_only(
        prefect_server: None, raw_dir: Path, corpus: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    failing = OFFICIAL_FILES[1]
    handler = official_handler(corpus / "official", failing={failing: 503})
    with serving(handler) as base:
        err = one_line_failure(["run", "--raw-dir", str(raw_dir), "--warehouse", str(tmp_path / "w.duckdb"),
                                "--official-source", f"{base}/official"], capsys)
    assert f"{failing} answered HTTP 503" in err and "(4 attempts)" in err
    # The probe before the run, then the run's fetch; no Prefect task retry on top of its own.
    assert handler.requests == {OFFICIAL_FILES[0]: 2, failing: 4}


def test_locked_warehouse_fails_with_a_clear_message(prefect_server: None, raw_dir: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    with held_read_write(warehouse):
        monkeypatch.setenv("PRAKERJA_LOCK_WAIT_SECONDS", "1")
        started = time.monotonic()
        assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 2
        assert time.monotonic() - started < 60
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "held by another process" in err[0]
    # The next run records the blocked one as failed, with the lock's message.
    monkeypatch.setenv("PRAKERJA_LOCK_WAIT_SECONDS", "30")
    assert main(["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]) == 0
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT status, message, finished_at IS NOT NULL FROM load_runs "
                           "ORDER BY started_at").fetchall()
    assert [(status, done) for status, _, done in runs] == [("failed", True), ("completed", True)]
    assert "held by another process" in runs[0][1]


def test_a_flow_run_blocked_by_a_lock_is_recorded_as_failed_by_the_next(
        ingest: Any, raw_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same without the CLI's early check: the flow itself meets the lock."""
    warehouse = tmp_path / "w.duckdb"
    duckdb.connect(str(warehouse)).close()
    monkeypatch.setenv("PRAKERJA_LOCK_WAIT_SECONDS", "1")
    with held_read_write(warehouse), pytest.raises(Exception, match="held by another process"):
        ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        runs = con.execute("SELECT status, message FROM load_runs ORDER BY started_at").fetchall()
    assert [status for status, _ in runs] == ["failed", "completed"]
    assert "held by another process" in runs[0][1]


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


def test_a_run_with_nothing_new_is_skipped_without_starting_the_flow(
        prefect_server: None, raw_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    warehouse = tmp_path / "w.duckdb"
    argv = ["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse)]
    assert main(argv) == 0
    capsys.readouterr()
    before = warehouse.read_bytes()
    assert main(argv) == 0
    out = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(r"run skipped in [\d.]+ s: none of the 15 files is new, changed or gone since run "
                        r"\w{12} \(.*\), with the same code; .* are as that run left them", out), out
    assert warehouse.read_bytes() == before          # not even published again
    # A changed file, or other code than the last run's, runs the flow again.
    article = next((raw_dir / "articles").iterdir())
    article.write_text(article.read_text() + "\nPenerima Kartu Prakerja bertambah 7 ribu orang.\n")
    assert main(argv) == 0
    assert "15 seen, 1 loaded" in capsys.readouterr().out
    with duckdb.connect(str(warehouse)) as con:
        con.execute("UPDATE load_runs SET code_version = 'an older one'")
    assert main(argv) == 0
    assert "15 seen, 0 loaded" in capsys.readouterr().out
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM load_runs").fetchone() == (3,)


def test_a_run_whose_official_files_changed_or_went_is_not_skipped(
        prefect_server: None, raw_dir: Path, corpus: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    official = tmp_path / "official"
    official.mkdir()
    shutil.copy(corpus / "official" / "data-statistik.json", official)
    warehouse = tmp_path / "w.duckdb"
    argv = ["run", "--raw-dir", str(raw_dir), "--warehouse", str(warehouse),
            "--official-source", str(official)]
    assert main(argv) == 0
    assert main(argv) == 0
    assert "run skipped" in capsys.readouterr().out
    (official / "data-statistik.json").unlink()
    assert main(argv) == 0
    assert "1 removed" in capsys.readouterr().out
