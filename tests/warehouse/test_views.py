"""The view models: each .sql file is a listed model, in layer order, and each column of each view
is described; a model that read one created after it would fail to be created here."""

from __future__ import annotations

from pathlib import Path

from prakerja_etl.warehouse import views
from prakerja_etl.warehouse.connection import connect
from prakerja_etl.warehouse.schema import ensure_schema

FOLDER = Path(views.__file__).parent


def test_every_sql_file_is_a_listed_model_and_every_model_has_a_file() -> None:
    files = {f"{p.parent.name}/{p.stem}" for p in FOLDER.glob("*/*.sql") if not p.name.startswith("_")}
    listed = {f"{v.layer}/{v.name}" for v in views.VIEWS}
    assert files == listed
    assert [v.layer for v in views.VIEWS] == sorted((v.layer for v in views.VIEWS),
                                                   key=["staging", "claims", "conflicts"].index)


def test_every_view_column_is_described_and_every_description_is_a_column(tmp_path: Path) -> None:
    with connect(tmp_path / "w.duckdb") as con:
        ensure_schema(con)   # creates the views in order: a model reading a later one fails here
        for view in views.VIEWS:
            columns = [name for (name,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index",
                [view.name]).fetchall()]
            assert columns and set(columns) == set(view.columns), view.name
            comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = ?",
                                  [view.name]).fetchall()[0][0]
            assert comment == view.comment

