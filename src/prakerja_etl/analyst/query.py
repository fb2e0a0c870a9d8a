"""`prakerja-etl query`: one read-only SQL statement, printed as a table, CSV, JSON or markdown.

Two guards. DuckDB's own parser names the statement's type, and only reading types run
(SELECT in all its forms, EXPLAIN of one, describing PRAGMAs); the rest are refused before
they run. The connection is read-only and sealed: no file but the warehouse (no COPY … TO,
read_text, glob or ATTACH), no extensions, no settings changed. Whatever the first guard
lets through fails there, with the same kind of one-line message.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import decimal
import json
import math
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
from prakerja_etl.warehouse.connection import connect, query_limits

_FETCH_ROWS = 10_000
# Piped to a file or a pager (`less -S`), a table hides no column.
_PIPED_WIDTH = 100_000
_NUMERIC_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER",
                  "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "DECIMAL"}

# Statement types that only read: DESCRIBE, SHOW, SUMMARIZE, VALUES, FROM-first queries and
# PIVOT … IN (…) are all parsed as SELECT. EXPLAIN is allowed when the statement it explains is.
_READ_TYPES = {"SELECT"}
# PRAGMAs (and their CALL pragma_… forms) that only describe; the others change settings or write.
_READ_PRAGMAS = {
    "table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list",
    "database_size", "storage_info", "metadata_info", "version", "platform", "functions", "collations",
    "user_agent", "extension_versions",
}
# The query's connection, whatever a statement asks: no file but the warehouse, no extension
# installed or loaded, no setting changed once it is open.
SEALED: dict[str, bool] = {
    "enable_external_access": False, "autoinstall_known_extensions": False,
    "autoload_known_extensions": False, "lock_configuration": True}
_HINTS = {
    "COPY": "to save a result use --format csv > FILE, or `prakerja-etl export --to DIR`",
    "EXPORT": "to save the warehouse use `prakerja-etl export --to DIR`",
    "SET": "settings cannot be changed here; open the file with the duckdb client for that",
    "PRAGMA": "only describing PRAGMAs (table_info, show_tables, database_size, …) are allowed",
    "LOAD": "extensions cannot be installed or loaded here; open the file with the duckdb client for that",
    "ATTACH": "other databases cannot be attached here; open them with the duckdb client",
    "DETACH": "other databases cannot be attached here; open them with the duckdb client",
    "TRANSACTION": "a single read needs no transaction",
    "CALL": "only describing CALLs (pragma_version(), pragma_table_info('figures'), …) are allowed",
    "CHECKPOINT": "checkpoints are written by `prakerja-etl run`",
    "MULTI": "name the values of a PIVOT: PIVOT … ON column IN ('a', 'b') USING …",
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
    with connect(warehouse, read_only=True, wait_seconds=wait_seconds,
                 limits={**query_limits(), **SEALED}) as con:
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
    statements = _parse(sql)
    if not statements:
        raise QueryError("no SQL statement given")
    if len(statements) > 1:
        raise QueryError(f"give one statement at a time (got {len(statements)})")
    refused = _refused(statements[0])
    if refused is not None:
        verb, kind = refused
        raise QueryError(f"refused: {verb} is not a read-only statement; {_HINTS.get(kind, _DEFAULT_HINT)}")
    return statements[0].query


def _parse(sql: str) -> list[duckdb.Statement]:
    """DuckDB's own split of `sql` into statements, each with its type."""
    try:
        return duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise QueryError(f"invalid SQL: {one_line(exc)}") from None


def _refused(statement: duckdb.Statement) -> tuple[str, str] | None:
    """None if the statement only reads, else (its verb, its type) for the message."""
    words = _words(statement.query)
    try:
        kind = statement.type.name
    except ValueError:   # a type the Python API has no name for (UPDATE EXTENSIONS)
        return words[0], "UNKNOWN"
    if kind in _READ_TYPES:
        return None
    if kind == "EXPLAIN":
        return _refused_explain(statement.query, words)
    if kind in ("PRAGMA", "CALL") and _called(words).removeprefix("pragma_") in _READ_PRAGMAS:
        return None
    if kind == "CALL":   # so are CHECKPOINT and FORCE CHECKPOINT
        verb = f"CALL {_called(words)}" if words[0] == "CALL" else " ".join(words[:2])
        return verb, "CHECKPOINT" if "CHECKPOINT" in verb.upper() else kind
    return (kind if words[0] in ("WITH", "FROM") else words[0]), kind


def _refused_explain(query: str, words: list[str]) -> tuple[str, str] | None:
    """EXPLAIN [ANALYZE] [(options)] S only reads when S does (EXPLAIN ANALYZE runs S)."""
    tokens = _tokens(query)
    prefix = 2 if words[1:2] in (["ANALYZE"], ["ANALYSE"]) else 1
    i, depth = prefix, 0
    while i < len(tokens) and (depth or tokens[i][1] == "("):   # options: (FORMAT json, ANALYZE)
        depth += tokens[i][1].count("(") - tokens[i][1].count(")")
        i += 1
    explained = _parse(query[tokens[i][0]:]) if i < len(tokens) else []
    if len(explained) != 1:
        return " ".join(words[:i]), "EXPLAIN"
    refused = _refused(explained[0])
    return None if refused is None else (f"{' '.join(words[:prefix])} {refused[0]}", refused[1])


def _tokens(query: str) -> list[tuple[int, str]]:
    """(position, text) of each token DuckDB's tokenizer finds in `query`, comments left out."""
    found = duckdb.tokenize(query)
    ends = [start for start, _ in found[1:]] + [len(query)]
    return [(start, query[start:end].strip()) for (start, kind), end in zip(found, ends, strict=True)
            if kind.name != "comment"]


def _words(query: str) -> list[str]:
    """The statement's tokens as text, keywords upper-cased, quotes of identifiers removed."""
    return [text.strip('"') if text.startswith('"') else text.upper() if text.isidentifier() else text
            for _, text in _tokens(query)] or [""]


def _called(words: list[str]) -> str:
    """The function a PRAGMA or CALL names, lower-case, without its schema: `CALL main.f()` → 'f'."""
    name = ""
    for word in words[1:]:
        if word != ".":
            if not word.isidentifier():
                break
            name = word.lower()
    return name


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
    except duckdb.PermissionException as exc:
        raise QueryError(f"refused: {one_line(exc)}; `query` reads only the warehouse "
                         "(open other files with the duckdb client)") from None
    except duckdb.Error as exc:
        if "read-only mode" in str(exc):
            raise QueryError(f"refused: the warehouse is opened read-only ({one_line(exc)}); "
                             f"{_DEFAULT_HINT}") from None
        if "configuration has been locked" in str(exc):
            raise QueryError(f"refused: {one_line(exc)}; {_HINTS['SET']}") from None
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
