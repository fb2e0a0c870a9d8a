"""Loading: each batch of source files replaces everything those files contributed, in one
transaction; files gone from the raw folder keep their rows, marked; the reference tables are
rewritten from the project's files. What a changed file stated before goes to claims_history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from prakerja_etl import faults
from prakerja_etl.fingerprint import extractor_fingerprint
from prakerja_etl.warehouse.connection import transaction, utcnow
from prakerja_etl.warehouse.ddl import TABLES_BY_NAME, columns

# Tables whose rows belong to one source file: replaced when it changes, marked when it goes.
_PER_FILE_TABLES = ("figures", "province_rankings", "articles", "survey_results", "official_recipients",
                    "official_province_totals", "data_quality", "quarantine")
_MARKED_TABLES = ("figures", "province_rankings", "articles", "survey_results", "official_recipients",
                  "official_province_totals")


@dataclass
class LoadBatch:
    """Everything a batch of source files contributes, validated and ready to insert."""

    source_files: list[dict[str, Any]] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)   # table name → rows

    def rows(self, table: str) -> int:
        frame = self.frames.get(table)
        return 0 if frame is None else len(frame)


def write_batch(con: duckdb.DuckDBPyConnection, batch: LoadBatch, run_id: str) -> None:
    """Replace everything the batch's files contributed, in one transaction."""
    if not batch.source_files and all(frame.empty for frame in batch.frames.values()):
        return   # (a batch of held-back files only still writes their quarantine rows)
    now = utcnow()
    version = extractor_fingerprint()
    files = pd.DataFrame({"source_file": [f["source_file"] for f in batch.source_files],
                          "content_sha256": [f["content_sha256"] for f in batch.source_files]}, dtype=str)
    with transaction(con, batch_files=files):
        # A file's rows exist only beside its source_files row (both are written in one
        # transaction): new files have nothing to replace, and skipping the deletes spares a
        # scan of every table per batch, which would make a cold run quadratic.
        replacing = con.execute("SELECT count(*) FROM source_files WHERE source_file IN "
                                "(SELECT source_file FROM batch_files)").fetchall()[0][0] > 0
        if replacing:
            _keep_revisions(con, run_id, now)
            con.execute("DELETE FROM article_texts WHERE article_id IN (SELECT article_id FROM articles "
                        "WHERE source_file IN (SELECT source_file FROM batch_files))")
            for table in (*_PER_FILE_TABLES, "source_files"):
                con.execute(f"DELETE FROM {table} WHERE source_file IN (SELECT source_file FROM batch_files)")
        faults.point("mid-transaction")
        sources = pd.DataFrame(batch.source_files).assign(run_id=run_id, loaded_at=now, removed_at=None,
                                                          extractor_version=version, content_since=now,
                                                          content_run_id=run_id)
        _insert(con, "source_files", sources)
        if replacing:   # same bytes re-extracted (newer code): its claims still hold since then
            con.execute("UPDATE source_files SET content_since = p.since, content_run_id = p.since_run "
                        "FROM previous_files p WHERE source_files.source_file = p.source_file AND p.same")
        for table, frame in batch.frames.items():
            _insert(con, table, _with_lineage(table, frame, run_id, now))
    faults.point("batch-committed")


def _keep_revisions(con: duckdb.DuckDBPyConnection, run_id: str, now: datetime) -> None:
    """Before a batch replaces its files' rows: the claims of each file whose bytes changed go
    to `claims_history`, valid from when that version was first loaded until now. Files only
    re-extracted (same bytes, newer code) did not change what they state: nothing is kept."""
    con.execute("CREATE OR REPLACE TEMP TABLE previous_files AS "
                "SELECT s.source_file, coalesce(s.content_since, s.loaded_at) AS since, "
                "coalesce(s.content_run_id, s.run_id) AS since_run, "
                "s.content_sha256 = b.content_sha256 AS same "
                "FROM source_files s JOIN batch_files b USING (source_file) WHERE s.status <> 'removed'")
    if con.execute("SELECT count(*) FROM previous_files WHERE NOT same").fetchall()[0][0]:
        con.execute("INSERT INTO claims_history BY NAME "
                    "SELECT c.*, p.since AS valid_from, ? AS valid_to, p.since_run AS run_id, "
                    "? AS superseded_by_run "
                    "FROM claims c JOIN previous_files p USING (source_file) WHERE NOT p.same",
                    [now, run_id])


def _with_lineage(table: str, frame: pd.DataFrame, run_id: str, now: datetime) -> pd.DataFrame:
    names = {name for name, _, _ in columns(TABLES_BY_NAME[table])}
    extra: dict[str, Any] = {}
    if "run_id" in names and "run_id" not in frame:
        extra["run_id"] = run_id
    if "loaded_at" in names:
        extra["loaded_at"] = now
    if "quarantined_at" in names:
        extra["quarantined_at"] = now
    return frame.assign(**extra) if extra else frame


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    con.register("batch_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
    finally:
        con.unregister("batch_rows")


def mark_removed(con: duckdb.DuckDBPyConnection, source_files: list[str], run_id: str) -> None:
    """Keep the rows of files gone from the raw folder, marked with when they went."""
    if not source_files:
        return
    now = utcnow()
    with transaction(con, gone_files=pd.DataFrame({"source_file": source_files})):
        for table in _MARKED_TABLES:
            con.execute(f"UPDATE {table} SET removed_at = ? WHERE removed_at IS NULL AND "
                        "source_file IN (SELECT source_file FROM gone_files)", [now])
        con.execute("UPDATE source_files SET status = 'removed', removed_at = ?, run_id = ? "
                    "WHERE source_file IN (SELECT source_file FROM gone_files)", [now, run_id])


def replace_reference(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """Rewrite the small reference tables (catalog, provinces) from the project's files."""
    with transaction(con):
        for table, frame in frames.items():
            con.execute(f"DELETE FROM {table}")
            _insert(con, table, frame)
