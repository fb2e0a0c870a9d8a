"""The warehouse's schema: the tables (DDL and column comments generated from the Pandera
models, `ddl.py`) and the views (`views/`, loaded layer by layer), created or brought up to date
at the start of every run."""

from __future__ import annotations

import duckdb

from prakerja_etl.warehouse.connection import transaction
from prakerja_etl.warehouse.ddl import TABLES, TABLES_BY_NAME, columns, create_statements
from prakerja_etl.warehouse.views import VIEWS, view_statements


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing tables, (re)create the views, and (re)write the comments: in one
    transaction, as each statement on its own would be a commit and a sync to disk (~1 s)."""
    with transaction(con):
        for table in TABLES:
            create, *comments = create_statements(table)
            con.execute(create)
            _add_missing_columns(con, table.name)
            for statement in comments:
                con.execute(statement)
        for view in VIEWS:
            for statement in view_statements(view):
                con.execute(statement)


def _add_missing_columns(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Bring a warehouse made by an older version up to date: new columns start NULL."""
    have = {name for (name,) in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'",
        [table]).fetchall()}
    for name, sql_type, _ in columns(TABLES_BY_NAME[table]):
        if name not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')
