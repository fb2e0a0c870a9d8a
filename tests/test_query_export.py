"""`prakerja-etl query` (read-only, four formats, one-line errors) and `prakerja-etl export`."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from prakerja_etl.analyst.export import RELATIONS
from prakerja_etl.analyst.query import QueryError, check_read_only, print_result
from prakerja_etl.cli import main
from prakerja_etl.warehouse.connection import connect
from test_analyst_guide import QUERIES, build_full_warehouse, contract_relations


@pytest.fixture(scope="module")
def warehouse(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    return build_full_warehouse(ingest, tmp_path_factory.mktemp("query"), corpus)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`prakerja-etl ARGV` in-process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def count(warehouse: Path, relation: str) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return int(con.execute(f'SELECT count(*) FROM "{relation}"').fetchall()[0][0])


# query: formats

def test_table_is_duckdbs_box_with_the_columns(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "query", "SELECT metric, period, n_sources FROM conflicts ORDER BY metric",
                           "--warehouse", str(warehouse))
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].startswith("┌") and lines[1].split("│")[1].strip() == "metric"
    assert "recipients_total" in out


def test_csv_has_a_header_and_one_line_per_row(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT metric, period, value, province_code FROM claims "
                         "WHERE source_kind = 'official' AND metric = 'recipients_total' ORDER BY period",
                         "--format", "csv", "--warehouse", str(warehouse))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(rows) == 5
    assert rows[0] == {"metric": "recipients_total", "period": "2020", "value": "5987674.0",
                       "province_code": ""}


def test_json_is_an_array_of_objects_with_nulls(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT run_id, started_at, finished_at, 'NaN'::DOUBLE AS nan, "
                         "NULL AS nothing, 1.50::DECIMAL(4,2) AS amount FROM load_runs",
                         "--format", "json", "--warehouse", str(warehouse))
    [record] = json.loads(out)
    assert status == 0 and record["nan"] is None and record["nothing"] is None and record["amount"] == 1.5
    assert record["started_at"] < record["finished_at"]       # ISO timestamps sort as text


def test_markdown_is_a_table_with_numbers_right_aligned(warehouse: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT province_code, province_name, recipients FROM "
                         "official_province_rankings WHERE year = 2020 AND direction = 'most' AND rank <= 3 "
                         "ORDER BY rank",
                         "--format", "markdown", "--warehouse", str(warehouse))
    lines = out.splitlines()
    assert status == 0 and len(lines) == 5
    assert lines[0] == "| province_code | province_name | recipients |"
    assert lines[1] == "| --- | --- | ---: |"
    assert lines[2] == "| 32 | Jawa Barat | 868543 |"


def test_a_pipe_in_a_value_does_not_break_the_markdown_table(warehouse: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "query", "SELECT 'a|b' AS x, 'two\nlines' AS y", "--format", "markdown",
                    "--warehouse", str(warehouse))
    assert out.splitlines()[2] == "| a\\|b | two<br>lines |"


def test_max_rows_elides_the_middle_of_the_table(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT metric FROM metrics", "--max-rows", "4",
                         "--warehouse", str(warehouse))
    assert status == 0 and "42 rows (4 shown)" in out


def test_a_reader_that_stops_early_is_not_an_error(warehouse: Path) -> None:
    # `prakerja-etl query … | head -1`: the pipe closes while rows are still being written.
    argv = [sys.executable, "-m", "prakerja_etl.cli", "query", "SELECT * FROM official_recipients",
            "--format", "csv", "--warehouse", str(warehouse)]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().startswith("regency_code,")
    process.stdout.close()
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None and process.stderr.read() == ""


def test_describing_statements_are_allowed(warehouse: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sql in ("DESCRIBE figures", "SHOW TABLES", "SUMMARIZE metrics", "PRAGMA table_info('claims')",
                "EXPLAIN SELECT * FROM conflicts", "FROM provinces LIMIT 2", "CALL pragma_version()",
                "WITH t AS (SELECT 1 AS x) SELECT * FROM t;", "EXPLAIN ANALYZE SELECT count(*) FROM claims",
                "EXPLAIN (FORMAT json) SELECT * FROM figures", "CALL main.pragma_table_info('figures')",
                "PIVOT claims ON source_kind IN ('article', 'official') USING count(*) GROUP BY metric",
                "-- what the warehouse holds\nSHOW ALL TABLES", "VALUES (1, 'a')", "DESCRIBE SELECT 1 AS x"):
        status, out, err = run(capsys, "query", sql, "--format", "csv", "--warehouse", str(warehouse))
        assert (status, err) == (0, ""), sql
        assert out, sql


# query: refusals and errors, one line each, exit 2

@pytest.mark.parametrize("sql", [
    "INSERT INTO metrics (metric) VALUES ('x')", "UPDATE figures SET value = 0", "DELETE FROM figures",
    "CREATE TABLE t AS SELECT 1", "DROP TABLE figures", "ALTER TABLE figures ADD COLUMN x INT",
    "COPY figures TO 'out.csv'", "COPY figures FROM 'in.csv'", "ATTACH 'other.duckdb'", "DETACH other",
    "INSTALL httpfs", "LOAD httpfs", "SET threads = 1", "RESET threads", "PRAGMA enable_profiling",
    "CHECKPOINT", "FORCE CHECKPOINT", "CALL checkpoint()", "VACUUM", "EXPORT DATABASE 'out'",
    "BEGIN TRANSACTION", "WITH t AS (SELECT 1) INSERT INTO metrics (metric) SELECT * FROM t",
    "CREATE MACRO m(x) AS x + 1", "USE memory", "CREATE TEMP TABLE t AS SELECT 1", "SET VARIABLE v = 1",
    "PRAGMA threads = 1", "CALL enable_logging()", "UPDATE EXTENSIONS", "PREPARE p AS SELECT 1", "EXECUTE p",
    "PIVOT figures ON metric",            # without IN (…) it creates a type first
    "EXPLAIN ANALYZE COPY figures TO 'out.csv'", "EXPLAIN (ANALYZE, FORMAT json) COPY figures TO 'out.csv'",
    "EXPLAIN ANALYZE INSERT INTO metrics (metric) VALUES ('x')", "EXPLAIN ANALYZE CALL checkpoint()",
    "/* SELECT */ DROP TABLE figures", "-- only reads\nINSERT INTO metrics (metric) VALUES ('x')",
])
def test_write_statements_are_refused_before_they_run(warehouse: Path, capsys: pytest.CaptureFixture[str],
                                                      sql: str) -> None:
    status, out, err = run(capsys, "query", sql, "--warehouse", str(warehouse))
    assert status == 2 and out == ""
    assert err.startswith("prakerja-etl: refused: ") and err.count("\n") == 1, err


def test_explain_analyze_copy_writes_no_file(warehouse: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    # It used to run: COPY … TO overwrote another DuckDB file, or could overwrite the warehouse.
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE kept AS SELECT 42 AS answer")
    before = {path: path.read_bytes() for path in (other, warehouse)}
    for target in (other, warehouse, tmp_path / "new.csv"):
        for explain in ("EXPLAIN ANALYZE", "EXPLAIN (ANALYZE)", "EXPLAIN /* plan */ ANALYZE"):
            status, out, err = run(capsys, "query", f"{explain} COPY (SELECT 1) TO '{target}'",
                                   "--warehouse", str(warehouse))
            assert (status, out) == (2, "") and err.startswith("prakerja-etl: refused: EXPLAIN"), err
    assert {path: path.read_bytes() for path in before} == before
    assert not (tmp_path / "new.csv").exists()


@pytest.mark.parametrize("reading", [
    "SELECT content FROM read_text('{secret}')", "SELECT * FROM read_blob('{secret}')",
    "SELECT * FROM read_csv('{secret}')", "SELECT * FROM '{secret}'", "SELECT * FROM glob('{folder}/*')",
    "SELECT * FROM sniff_csv('{secret}')", "SELECT * FROM query('SELECT * FROM read_text(''{secret}'')')",
    "SELECT * FROM read_parquet('http://127.0.0.1:9/x.parquet')",
    "DESCRIBE SELECT * FROM read_text('{secret}')", "EXPLAIN ANALYZE SELECT * FROM read_text('{secret}')",
])
def test_no_file_outside_the_warehouse_is_read(warehouse: Path, tmp_path: Path, reading: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("name,token\nanalyst,s3cr3t-token\n")
    sql = reading.format(secret=secret, folder=tmp_path)
    status, out, err = run(capsys, "query", sql, "--format", "csv", "--warehouse", str(warehouse))
    assert (status, out) == (2, "") and err.count("\n") == 1, err
    assert "s3cr3t" not in err
    assert err.startswith(("prakerja-etl: refused: Permission Error", "prakerja-etl: query failed: Catalog"))


def test_settings_and_extensions_stay_as_opened(warehouse: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    logs = tmp_path / "logs"
    logging = f"SELECT * FROM enable_logging(storage='file', storage_path='{logs}')"
    status, _, err = run(capsys, "query", logging, "--warehouse", str(warehouse))
    assert status == 2 and "configuration has been locked" in err and err.count("\n") == 1
    assert not logs.exists()
    status, out, _ = run(capsys, "query", "SELECT name, value FROM duckdb_settings() WHERE name IN "
                         "('enable_external_access', 'lock_configuration', 'autoload_known_extensions', "
                         "'autoinstall_known_extensions') ORDER BY name", "--format", "csv",
                         "--warehouse", str(warehouse))
    assert status == 0 and out.splitlines()[1:] == [
        "autoinstall_known_extensions,false", "autoload_known_extensions,false",
        "enable_external_access,false", "lock_configuration,true"]


@pytest.mark.parametrize(("heading", "sql"), QUERIES, ids=[f"{i:02d}" for i in range(len(QUERIES))])
def test_every_guide_query_runs_in_query(warehouse: Path, capsys: pytest.CaptureFixture[str], heading: str,
                                         sql: str) -> None:
    status, out, err = run(capsys, "query", sql, "--format", "csv", "--warehouse", str(warehouse))
    assert (status, err) == (0, ""), heading
    assert out.count("\n") >= 1, heading


def test_the_read_only_connection_is_the_real_guard(warehouse: Path) -> None:
    # A write that got past the statement check still fails, with the same kind of one-line message.
    refused = pytest.raises(QueryError, match="opened read-only")
    with connect(warehouse, read_only=True) as con, refused as exc:
        print_result(con, "INSERT INTO metrics (metric) VALUES ('x')", "csv", io.StringIO())
    assert "\n" not in str(exc.value)
    assert count(warehouse, "metrics") == 42


@pytest.mark.parametrize(("sql", "message"), [
    ("SELECT * FROM nope", "query failed: Catalog Error: Table with name nope does not exist! Did you mean"),
    ("SELECT nope FROM figures", "query failed: Binder Error: Referenced column \"nope\" not found"),
    ("SELEC 1", "invalid SQL: Parser Error: syntax error at or near"),
    ("SELECT 1; SELECT 2", "give one statement at a time (got 2)"),
    ("SELECT 1 -- the rest is a comment?\n; DROP TABLE figures", "give one statement at a time (got 2)"),
    ("SELECT 1 /* ; */; ATTACH 'x.duckdb'", "give one statement at a time (got 2)"),
    ("  ", "no SQL statement given"),
])
def test_bad_sql_is_one_line_and_exit_2(warehouse: Path, capsys: pytest.CaptureFixture[str], sql: str,
                                        message: str) -> None:
    for fmt in ("table", "json"):
        status, out, err = run(capsys, "query", sql, "--format", fmt, "--warehouse", str(warehouse))
        assert status == 2 and out == ""
        assert err.startswith(f"prakerja-etl: {message}") and err.count("\n") == 1, err


def test_no_warehouse_says_to_run_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb"))
    assert status == 2 and "run `prakerja-etl run` first" in err and err.count("\n") == 1


@pytest.fixture
def held(warehouse: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the warehouse that another process holds open read-write, as a run or DBeaver would."""
    copy = tmp_path / "held.duckdb"
    shutil.copy(warehouse, copy)
    script = ("import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('open', flush=True); "
              "time.sleep(120)")
    holder = subprocess.Popen([sys.executable, "-c", script, str(copy)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        yield copy
    finally:
        holder.kill()
        holder.wait(timeout=30)


def test_a_held_warehouse_says_what_to_do(held: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "query", "SELECT 1", "--warehouse", str(held), "--wait", "0.3")
    assert status == 2 and out == ""
    assert "held by another process" in err and "close the other connection" in err and err.count("\n") == 1


def test_check_read_only_returns_the_statement() -> None:
    assert check_read_only("SELECT 1;").strip().rstrip(";") == "SELECT 1"


# export

def test_export_writes_every_relation_as_parquet_and_csv(warehouse: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "exports"
    status, out, err = run(capsys, "export", "--to", str(out_dir), "--warehouse", str(warehouse), "--csv")
    assert status == 0 and err == ""
    assert out.splitlines()[0] == f"exported {len(RELATIONS)} relations to {out_dir}"
    for relation in RELATIONS:
        rows = count(warehouse, relation)
        table = pq.read_table(out_dir / f"{relation}.parquet")
        assert table.num_rows == rows, relation
        with open(out_dir / f"{relation}.csv", newline="", encoding="utf-8") as handle:
            assert sum(1 for _ in csv.DictReader(handle)) == rows, relation
        assert any(line.split()[0] == relation and f"{relation}.parquet, {relation}.csv" in line
                   for line in out.splitlines()[1:]), relation


def test_export_covers_the_contract(warehouse: Path) -> None:
    assert set(contract_relations()) <= set(RELATIONS)


def test_parquet_files_carry_the_comments_and_integer_sums(warehouse: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "export", "--to", str(tmp_path), "--warehouse", str(warehouse))[0] == 0
    assert not list(tmp_path.glob("*.csv"))
    metadata = pq.read_schema(tmp_path / "figures.parquet").metadata
    assert metadata[b"relation"] == b"figures"
    assert metadata[b"comment"] == b"One row per number stated in an article"
    assert json.loads(metadata[b"columns"])["char_start"].startswith("Start offset")
    # sum() over BIGINT is a HUGEINT in DuckDB, which Parquet would store as a DOUBLE
    schema = pq.read_schema(tmp_path / "official_province_recipients.parquet")
    assert str(schema.field("recipients").type) == "int64"


def test_export_into_a_file_is_a_one_line_error(warehouse: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    status, _, err = run(capsys, "export", "--to", str(target), "--warehouse", str(warehouse))
    assert status == 2 and err.count("\n") == 1
    assert err.startswith("prakerja-etl: cannot write the export") and "is a file, not a folder" in err
    assert "--to DIR" in err
