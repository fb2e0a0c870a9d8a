"""`prakerja-etl export`: every warehouse relation (tables and views) as Parquet, and CSV if asked.

One file per relation, written by DuckDB's COPY from one read-only connection, so all files
come from the same state of the warehouse. Each Parquet file carries the relation's comment
and its column comments as key-value metadata.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from prakerja_etl.analyst import LOCK_WAIT_SECONDS
from prakerja_etl.errors import ConfigError
from prakerja_etl.warehouse.connection import connect
from prakerja_etl.warehouse.ddl import TABLES, quote
from prakerja_etl.warehouse.views import VIEWS

# Tables first, then the views derived from them, in the order the warehouse defines them.
RELATIONS: tuple[str, ...] = tuple(t.name for t in TABLES) + tuple(v.name for v in VIEWS)


@dataclass
class Exported:
    relation: str
    rows: int
    files: list[Path] = field(default_factory=list)


def export(warehouse: Path, to: Path, *, csv: bool = False,
           wait_seconds: float = LOCK_WAIT_SECONDS) -> list[Exported]:
    """Write every relation of the warehouse into `to`; returns what was written."""
    try:
        to.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create export folder {to}: {exc.strerror}") from None
    done: list[Exported] = []
    with connect(warehouse, read_only=True, wait_seconds=wait_seconds) as con:
        comments = _comments(con)
        for relation in RELATIONS:
            if relation in comments:      # a warehouse from an older version may lack a relation
                done.append(_export_one(con, relation, comments[relation], to, csv))
    return done


def _export_one(con: duckdb.DuckDBPyConnection, relation: str, comment: tuple[str, dict[str, str]],
                to: Path, csv: bool) -> Exported:
    select = _select(con, relation)
    table_comment, column_comments = comment
    metadata = (f"relation: {quote(relation)}, comment: {quote(table_comment)}, "
                f"columns: {quote(json.dumps(column_comments, ensure_ascii=False))}")
    parquet = to / f"{relation}.parquet"
    rows = _copy(con, select, parquet, f"FORMAT parquet, KV_METADATA {{{metadata}}}")
    out = Exported(relation, rows, [parquet])
    if csv:
        out.files.append(to / f"{relation}.csv")
        _copy(con, select, out.files[-1], "FORMAT csv, HEADER")
    return out


def _select(con: duckdb.DuckDBPyConnection, relation: str) -> str:
    """SELECT of every column; HUGEINT sums become BIGINT, which Parquet stores as integers
    (DuckDB would write a HUGEINT as DOUBLE)."""
    types = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                        "ORDER BY column_index", [relation]).fetchall()
    columns = [f'"{name}"::BIGINT AS "{name}"' if typ in ("HUGEINT", "UHUGEINT") else f'"{name}"'
               for name, typ in types]
    return f'SELECT {", ".join(columns)} FROM "{relation}"'


def _copy(con: duckdb.DuckDBPyConnection, select: str, path: Path, options: str) -> int:
    try:
        return int(con.execute(f"COPY ({select}) TO {quote(str(path))} ({options})").fetchall()[0][0])
    except duckdb.IOException as exc:
        raise ConfigError(f"cannot write {path}: {str(exc).splitlines()[0]}") from None


def _comments(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, dict[str, str]]]:
    """relation → (its comment, column → comment) for every table and view in the warehouse."""
    relations = con.execute("SELECT table_name, comment FROM duckdb_tables() WHERE NOT internal "
                            "UNION ALL SELECT view_name, comment FROM duckdb_views() WHERE NOT internal"
                            ).fetchall()
    columns = con.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                          "WHERE NOT internal ORDER BY table_name, column_index").fetchall()
    out: dict[str, tuple[str, dict[str, str]]] = {name: (comment or "", {}) for name, comment in relations}
    for table, column, comment in columns:
        if table in out:
            out[table][1][column] = comment or ""
    return out


def describe(done: list[Exported], to: Path) -> list[str]:
    """What was written: a heading line, then one line per relation with its rows and files."""
    width = max((len(e.relation) for e in done), default=0)
    lines = [f"exported {len(done)} relations to {to}"]
    for e in done:
        rows = f"{e.rows:,} row" + ("" if e.rows == 1 else "s")
        lines.append(f"  {e.relation:<{width}}  {rows:>12}  {', '.join(f.name for f in e.files)}")
    return lines
