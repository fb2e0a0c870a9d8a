"""`prakerja-etl query`: one read-only SQL statement, printed as a table, CSV, JSON or markdown.

Two guards: statements that write (or change the session) are refused before they run, and
the warehouse is opened read-only, so anything the first guard misses fails in DuckDB,
whose error is turned into the same kind of one-line message.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import json
import math
import re
import shutil
import sys
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import duckdb

from prakerja_etl.analyst import FORMATS, LOCK_WAIT_SECONDS
from prakerja_etl.errors import TerminalError
from prakerja_etl.warehouse.store import connect

_FETCH_ROWS = 10_000
# Piped to a file or a pager (`less -S`), a table hides no column.
_PIPED_WIDTH = 100_000
_NUMERIC_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                  "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL"}

# Statement kinds that only read. EXPLAIN ANALYZE runs its statement, but on a read-only connection.
_READ_TYPES = {"SELECT", "EXPLAIN"}
# PRAGMAs that only describe; the others change settings (profiling, threads, …) or write.
_READ_PRAGMAS = {
    "table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list",
    "database_size", "storage_info", "metadata_info", "version", "platform", "functions", "collations",
    "user_agent", "extension_versions",
}
# CALL runs a table function; these are the ones that write.
_WRITING_CALLS = {"checkpoint", "force_checkpoint"}
_HINTS = {
    "COPY": "to save a result use --format csv > FILE, or `prakerja-etl export --to DIR`",
    "EXPORT": "to save the warehouse use `prakerja-etl export --to DIR`",
    "SET": "settings cannot be changed here; open the file with the duckdb client for that",
    "PRAGMA": "only describing PRAGMAs (table_info, show_tables, database_size, …) are allowed",
    "LOAD": "extensions cannot be installed or loaded here; open the file with the duckdb client for that",
    "ATTACH": "other databases cannot be attached here; open them with the duckdb client",
    "DETACH": "other databases cannot be attached here; open them with the duckdb client",
    "TRANSACTION": "a single read needs no transaction",
    "CALL": "checkpoints are written by `prakerja-etl run`",
}
_DEFAULT_HINT = "the warehouse is loaded only by `prakerja-etl run`"


class QueryError(TerminalError):
    """A statement that cannot run here: refused, invalid, or failed in DuckDB."""


def run_query(warehouse: Path, sql: str, fmt: str = "table", out: TextIO | None = None,
              *, max_rows: int | None = None, wait_seconds: float = LOCK_WAIT_SECONDS) -> None:
    """Check `sql` only reads, run it on a read-only connection and print the result to `out`."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    statement = check_read_only(sql)
    with connect(warehouse, read_only=True, wait_seconds=wait_seconds) as con:
        print_result(con, statement, fmt, out, max_rows=max_rows)


def print_result(con: duckdb.DuckDBPyConnection, sql: str, fmt: str = "table", out: TextIO | None = None,
                 *, max_rows: int | None = None) -> None:
    """Run `sql` on `con` and print its result; DuckDB's errors become one-line QueryErrors."""
    with _duckdb_errors():
        if fmt == "table":
            _print_table(con, sql, out, max_rows)
        else:
            WRITERS[fmt](fetch(con, sql), _stream(out))


def check_read_only(sql: str) -> str:
    """The one statement in `sql`, if it only reads; QueryError (one line, with a hint) if not."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"invalid SQL: {one_line(exc)}") from None
    if not statements:
        raise QueryError("no SQL statement given")
    if len(statements) > 1:
        raise QueryError(f"give one statement at a time (got {len(statements)})")
    statement = statements[0]
    kind = statement.type.name
    if kind in _READ_TYPES or _reads(kind, statement.query):
        return statement.query
    raise QueryError(f"refused: {_verb(statement.query, kind)} is not a read-only statement; "
                     f"{_HINTS.get(kind, _DEFAULT_HINT)}")


def _reads(kind: str, query: str) -> bool:
    """True for a describing PRAGMA or a CALL of a table function that does not write."""
    name = re.match(r"\s*(?:pragma|call)\s+([\w.]+)", query, re.IGNORECASE)
    if name is None:
        return False
    function = name.group(1).lower().rsplit(".", 1)[-1]
    if kind == "PRAGMA":
        return function in _READ_PRAGMAS
    return kind == "CALL" and function not in _WRITING_CALLS


def _verb(query: str, kind: str) -> str:
    """The statement's own first keyword (INSTALL, not LOAD), or its kind after a WITH clause."""
    words = re.findall(r"[A-Za-z_]+", query)
    word = words[0].upper() if words else kind
    if word == "CALL" and len(words) > 1:
        return f"CALL {words[1]}"
    return kind if word in ("WITH", "FROM") else word


@dataclass
class Result:
    names: list[str]
    types: list[str]               # DuckDB type names: 'BIGINT', 'VARCHAR', 'DECIMAL(4,2)', …
    rows: Iterator[Sequence[Any]]  # fetched in chunks while they are written out

    def numeric(self) -> list[bool]:
        """Which columns hold numbers (right-aligned in markdown)."""
        return [t.split("(")[0] in _NUMERIC_TYPES for t in self.types]


def fetch(con: duckdb.DuckDBPyConnection, sql: str) -> Result:
    """The result of `sql`: run now, its rows streamed in chunks."""
    cursor = con.execute(sql)
    description = cursor.description or []

    def rows() -> Iterator[Sequence[Any]]:
        while chunk := cursor.fetchmany(_FETCH_ROWS):
            yield from chunk

    return Result([d[0] for d in description], [str(d[1]) for d in description], rows())


def _print_table(con: duckdb.DuckDBPyConnection, sql: str, out: TextIO | None, max_rows: int | None) -> None:
    """DuckDB's own box rendering: as wide as the terminal, or every column when piped to a file."""
    relation = con.sql(sql)
    if relation is None:     # a statement with no result (a CALL that returns nothing)
        return
    stream = _stream(out)
    width = shutil.get_terminal_size().columns if stream.isatty() else _PIPED_WIDTH
    with contextlib.redirect_stdout(stream):
        relation.show(max_width=width, max_rows=max_rows)


@contextlib.contextmanager
def _duckdb_errors() -> Iterator[None]:
    """DuckDB errors as one-line QueryErrors; a write caught by the read-only connection says so."""
    try:
        yield
    except duckdb.Error as exc:
        if "read-only mode" in str(exc):
            raise QueryError(f"refused: the warehouse is opened read-only ({one_line(exc)}); "
                             f"{_DEFAULT_HINT}") from None
        raise QueryError(f"query failed: {one_line(exc)}") from None


def one_line(exc: BaseException) -> str:
    """A DuckDB error on one line: its message plus any 'Did you mean' or candidates hint."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    hints = [line for line in lines[1:] if line.startswith(("Did you mean", "Candidate"))]
    return " ".join([lines[0], *hints]) if lines else type(exc).__name__


def write_csv(result: Result, out: TextIO) -> None:
    """RFC 4180 CSV with a header; NULL is an empty field."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.names)
    for row in result.rows:
        writer.writerow(["" if v is None else _text(v) for v in row])


def write_json(result: Result, out: TextIO) -> None:
    """A JSON array of objects, one per row; NULL, NaN and infinities are null."""
    records = [{n: _json_value(v) for n, v in zip(result.names, row, strict=True)} for row in result.rows]
    print(json.dumps(records, ensure_ascii=False, indent=1), file=out)


def write_markdown(result: Result, out: TextIO) -> None:
    """A GitHub-flavoured markdown table; numeric columns right-aligned, NULL left empty."""
    print("| " + " | ".join(_markdown_cell(n) for n in result.names) + " |", file=out)
    print("|" + "|".join(" ---: " if num else " --- " for num in result.numeric()) + "|", file=out)
    for row in result.rows:
        print("| " + " | ".join(_markdown_cell(v) for v in row) + " |", file=out)


WRITERS = {"csv": write_csv, "json": write_json, "markdown": write_markdown}


def _stream(out: TextIO | None) -> TextIO:
    return out if out is not None else sys.stdout


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text, decimals as numbers, non-finite floats as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta | uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def _markdown_cell(value: Any) -> str:
    if value is None:
        return ""
    return _text(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")
