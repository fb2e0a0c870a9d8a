"""Warehouse DDL and column comments, generated from the Pandera models."""

from __future__ import annotations

from dataclasses import dataclass

import pandera.pandas as pa

from prakerja_etl import schemas


@dataclass(frozen=True)
class Table:
    name: str
    comment: str
    model: type[pa.DataFrameModel] | None
    extra: tuple[tuple[str, str, str], ...] = ()     # (column, SQL type, comment)


_LINEAGE = (
    ("run_id", "VARCHAR", "Run that loaded the row (see load_runs)"),
    ("loaded_at", "TIMESTAMP", "When the row was loaded (UTC)"),
    ("removed_at", "TIMESTAMP", "When the source file disappeared from the raw folder; NULL while it exists"),
)

TABLES: tuple[Table, ...] = (
    Table("source_files", "Every raw file seen: its hash and whether it is loaded, quarantined or removed",
          None, (
        ("source_file", "VARCHAR", "Path relative to the raw folder"),
        ("kind", "VARCHAR", "article / survey / official"),
        ("content_sha256", "VARCHAR", "SHA-256 of the bytes last processed"),
        ("size_bytes", "BIGINT", "File size in bytes"),
        ("status", "VARCHAR", "loaded / quarantined / removed"),
        ("extractor_version", "VARCHAR", "Fingerprint of the extraction code and reference data that processed it"),
        ("run_id", "VARCHAR", "Run that last processed the file"),
        ("loaded_at", "TIMESTAMP", "When the file was last processed (UTC)"),
        ("removed_at", "TIMESTAMP", "When the file disappeared from the raw folder"),
        ("content_since", "TIMESTAMP", "When the file's current bytes were first loaded (UTC): its "
                                       "claims hold from then (claim_revisions.valid_from)"),
        ("content_run_id", "VARCHAR", "Run that first loaded the file's current bytes"),
    )),
    Table("articles", "One row per article file", schemas.ArticleRow, _LINEAGE),
    Table("article_texts", "The decoded text of each article: figure spans index into it", None, (
        ("article_id", "VARCHAR", "Article id"),
        ("text", "VARCHAR",
         "Decoded file text; substr(text, char_start + 1, char_end - char_start) is a figure"),
    )),
    Table("figures", "One row per number stated in an article", schemas.FigureRow, _LINEAGE),
    Table("province_rankings", "Provinces an article names as having the most or least recipients",
          schemas.RankingRow, _LINEAGE),
    Table("survey_results", "One row per value cell of a published survey table",
          schemas.SurveyResultRow, _LINEAGE),
    Table("official_recipients", "Recipients per regency/city and year, as the programme office publishes them",
          schemas.OfficialRecipientRow, _LINEAGE),
    Table("official_province_totals", "Recipients per province as the province-level official files publish them",
          schemas.OfficialProvinceTotalRow, _LINEAGE),
    Table("data_quality", "Quirks of the input files (official statistics, garbled article dates), reported and never patched", schemas.DataQualityRow, (
        ("run_id", "VARCHAR", "Run that found it"),
        ("loaded_at", "TIMESTAMP", "When it was found (UTC)"),
    )),
    Table("metrics", "The metric catalog", schemas.MetricRow, ()),
    Table("provinces", "Province reference (Kemendagri codes as in the official statistics)",
          schemas.ProvinceRow, ()),
    Table("quarantine", "Rejected input files and rows, with the reason", schemas.QuarantineRow, (
        ("quarantined_at", "TIMESTAMP", "When it was rejected (UTC)"),
    )),
    Table("claims_history", "The claims a file stated before its content changed (an edited article, "
          "a revised official file): one row per claim of each superseded version. Current claims are "
          "in `claims`; `claim_revisions` lists both", None, (
        *((name, typ, f"As in claims.{name}") for name, typ in (
            ("claim_id", "VARCHAR"), ("metric", "VARCHAR"), ("period", "VARCHAR"), ("basis", "VARCHAR"),
            ("as_of", "VARCHAR"), ("qualifier", "VARCHAR"), ("province_code", "VARCHAR"),
            ("province_name", "VARCHAR"), ("value", "DOUBLE"), ("value_low", "DOUBLE"),
            ("value_high", "DOUBLE"), ("unit", "VARCHAR"), ("source_kind", "VARCHAR"),
            ("source_file", "VARCHAR"), ("locator", "VARCHAR"))),
        ("valid_from", "TIMESTAMP", "When the version stating the claim was first loaded (UTC)"),
        ("valid_to", "TIMESTAMP", "When a changed version of the file replaced it (UTC)"),
        ("run_id", "VARCHAR", "Run that loaded the version stating the claim"),
        ("superseded_by_run", "VARCHAR", "Run that loaded the changed version"),
    )),
    Table("load_runs", "One row per run of the ingest flow", None, (
        ("run_id", "VARCHAR", "Run id"),
        ("flow_run_id", "VARCHAR", "Prefect flow run id, when run by Prefect"),
        ("raw_dir", "VARCHAR", "Raw folder that was read"),
        ("started_at", "TIMESTAMP", "Start (UTC)"),
        ("finished_at", "TIMESTAMP", "End (UTC); NULL while running or if interrupted"),
        ("status", "VARCHAR", "running / completed / failed / interrupted"),
        ("files_seen", "BIGINT", "Files found in the raw folder"),
        ("files_loaded", "BIGINT", "New or changed files loaded"),
        ("files_skipped", "BIGINT", "Unchanged files skipped"),
        ("files_quarantined", "BIGINT", "Files rejected whole"),
        ("files_removed", "BIGINT", "Files gone from the raw folder, their rows marked"),
        ("rows_loaded", "BIGINT", "Rows loaded into the fact tables"),
        ("rows_quarantined", "BIGINT", "Rows and files put in quarantine"),
        ("message", "VARCHAR", "Why the run failed, if it did"),
        ("figures_loaded", "BIGINT", "Rows loaded into figures"),
        ("rankings_loaded", "BIGINT", "Rows loaded into province_rankings"),
        ("survey_rows_loaded", "BIGINT", "Rows loaded into survey_results"),
        ("official_rows_loaded", "BIGINT", "Rows loaded into official_recipients and official_province_totals"),
        ("code_version", "VARCHAR", "Hash of the prakerja-etl package that ran (code, reference data, "
         "view SQL, report templates); `prakerja-etl run` skips a run with nothing new to load only "
         "when it equals the last completed run's"),
    )),
)
TABLES_BY_NAME = {t.name: t for t in TABLES}


def sql_type(dtype: object) -> str:
    """DuckDB type for a Pandera column dtype."""
    name = str(dtype).lower()
    if "int" in name:
        return "BIGINT"
    if "float" in name:
        return "DOUBLE"
    if "bool" in name:
        return "BOOLEAN"
    if "datetime" in name:
        return "DATE"
    return "VARCHAR"


def columns(table: Table) -> list[tuple[str, str, str]]:
    """(name, SQL type, comment) of every column of `table`, model columns first."""
    cols: list[tuple[str, str, str]] = []
    if table.model is not None:
        for name, col in table.model.to_schema().columns.items():
            cols.append((name, sql_type(col.dtype), col.description or ""))
    return cols + list(table.extra)


def create_statements(table: Table) -> list[str]:
    """CREATE TABLE plus COMMENT ON statements for `table`."""
    # No key constraints: a file's rows are replaced by delete-then-insert in one
    # transaction, and uniqueness is checked by the Pandera models before loading.
    defs = [f'"{name}" {typ}' for name, typ, _ in columns(table)]
    out = [f"CREATE TABLE IF NOT EXISTS {table.name} ({', '.join(defs)})",
           f"COMMENT ON TABLE {table.name} IS {quote(table.comment)}"]
    out += [f'COMMENT ON COLUMN {table.name}."{name}" IS {quote(comment)}'
            for name, _, comment in columns(table) if comment]
    return out


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
