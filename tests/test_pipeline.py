"""The article pipeline end to end through the Prefect flow, on real files and a real DuckDB."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

from conftest import SHARED

FOUNDING = "liputan6_2021-02-23_prakerja-2020.txt"
FACT_TABLES = ("articles", "figures", "province_rankings", "quarantine", "source_files", "article_texts")


def snapshot(warehouse: Path) -> dict[str, list[tuple[Any, ...]]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in FACT_TABLES}


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_dev_corpus_meets_the_quality_targets(ingest: Any, raw_dir: Path, tmp_path: Path,
                                              corpus: Path) -> None:
    """Issues 11 and 12 on the dev corpus, with the shared scoring tools: figures, metrics,
    claims, periods and bases, and conflicts against the official statistics."""
    shutil.copytree(corpus / "dev" / "surveys", raw_dir / "surveys",
                    ignore=shutil.ignore_patterns("gold", "*.md"))
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse), official_source=str(corpus / "official"))
    tools, gold = SHARED / "tools", corpus / "dev" / "gold"
    out = subprocess.run(
        [sys.executable, str(tools / "score.py"), str(warehouse), str(gold),
         str(corpus / "dev" / "surveys" / "gold"), "--json", str(tmp_path / "score.json")],
        capture_output=True, text=True, check=True)
    print(out.stdout)
    score = json.loads((tmp_path / "score.json").read_text())
    assert score["figure_f1"] >= 0.95
    assert score["metric_accuracy"] >= 0.92
    assert score["claim_precision"] >= 0.95
    assert score["period_accuracy"] >= 0.90
    assert score["basis_accuracy"] >= 0.95
    assert score["ranking_recall"] >= 0.90
    assert score["survey_recall"] >= 0.95
    conflicts = subprocess.run(
        [sys.executable, str(tools / "conflicts_score.py"), str(warehouse), str(corpus / "official"),
         str(gold)],
        capture_output=True, text=True, check=True).stdout.split()
    measured = dict(pair.split("=") for pair in conflicts if "=" in pair)
    print(measured)
    assert float(measured["conflict_precision"]) >= 0.90
    assert float(measured["conflict_recall"]) >= 0.75


def test_founding_article_figures_and_rankings_are_exact(ingest: Any, raw_dir: Path, tmp_path: Path,
                                                         corpus: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    gold = json.loads((corpus / "dev" / "gold" / FOUNDING.replace(".txt", ".json")).read_text())
    got = query(warehouse, "SELECT f.value, f.unit, f.metric FROM figures f JOIN articles a "
                           f"USING (article_id) WHERE a.source_file = 'articles/{FOUNDING}'")
    expected = [(g["value"], g["unit"], g["metric"]) for g in gold["figures"]]
    remaining = list(got)
    for value, unit, metric in expected:
        match = next((r for r in remaining if math.isclose(r[0], value) and r[1:] == (unit, metric)), None)
        assert match is not None, f"missing {value} {unit} {metric}"
        remaining.remove(match)
    ignorable = {i["value"] for i in gold["ignorable"] if i.get("value") is not None}
    assert [r for r in remaining if r[0] not in ignorable] == []
    rankings = query(warehouse, "SELECT province_name, direction, rank FROM province_rankings "
                                f"WHERE source_file = 'articles/{FOUNDING}'")
    assert sorted(rankings) == sorted((r["province"], r["direction"], r["rank"]) for r in gold["rankings"])


def test_rerun_on_unchanged_input_changes_nothing(ingest: Any, raw_dir: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    first = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    before = snapshot(warehouse)
    second = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert snapshot(warehouse) == before
    assert (first["files_loaded"], second["files_loaded"], second["files_skipped"]) == (15, 0, 15)
    runs = query(warehouse, "SELECT status, files_loaded, files_skipped FROM load_runs ORDER BY started_at")
    assert runs == [("completed", 15, 0), ("completed", 0, 15)]


def test_editing_one_article_replaces_only_its_rows(ingest: Any, raw_dir: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    before = snapshot(warehouse)["figures"]
    edited = raw_dir / "articles" / FOUNDING
    edited.write_text(edited.read_text(encoding="utf-8").replace("5,5 juta", "5,6 juta")
                      + "\nHingga kini tercatat 19 juta penerima di seluruh Indonesia.\n", encoding="utf-8")
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    after = snapshot(warehouse)["figures"]
    assert (summary["files_loaded"], summary["files_skipped"]) == (1, 14)
    others_before = [r for r in before if r[2] != f"articles/{FOUNDING}"]
    others_after = [r for r in after if r[2] != f"articles/{FOUNDING}"]
    assert others_after == others_before
    mine = {(r[3], r[5]) for r in after if r[2] == f"articles/{FOUNDING}"}
    assert (5_600_000.0, "recipients_total") in mine and (5_500_000.0, "recipients_total") not in mine
    assert (19_000_000.0, "recipients_total") in mine


def test_removed_article_keeps_its_rows_marked(ingest: Any, raw_dir: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    count = query(warehouse, f"SELECT count(*) FROM figures WHERE source_file = 'articles/{FOUNDING}'")[0][0]
    (raw_dir / "articles" / FOUNDING).unlink()
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert summary["files_removed"] == 1
    kept = query(warehouse, "SELECT count(*), count(removed_at) FROM figures "
                            f"WHERE source_file = 'articles/{FOUNDING}'")[0]
    assert kept == (count, count)
    assert query(warehouse, f"SELECT status FROM source_files WHERE source_file = 'articles/{FOUNDING}'") == [
        ("removed",)]


def test_unusable_files_are_quarantined_and_the_rest_loads(ingest: Any, raw_dir: Path,
                                                           tmp_path: Path) -> None:
    articles = raw_dir / "articles"
    (articles / "empty.txt").write_bytes(b"")
    (articles / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (articles / "report.pdf").write_bytes(b"%PDF-1.4 not an article")
    nested = articles / "2021" / "02"
    nested.mkdir(parents=True)
    shutil.copy(articles / FOUNDING, nested / "copy of 'founding' (1).txt")
    warehouse = tmp_path / "w.duckdb"
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert (summary["files_loaded"], summary["files_quarantined"]) == (16, 3)
    reasons = dict(query(warehouse, "SELECT source_file, reason FROM quarantine"))
    assert set(reasons) == {"articles/empty.txt", "articles/binary.txt", "articles/report.pdf"}
    assert "empty" in reasons["articles/empty.txt"] and "binary" in reasons["articles/binary.txt"]
    copies = query(warehouse, "SELECT count(*) FROM figures WHERE source_file LIKE 'articles/2021/02/%'")
    assert copies == [(18,)]


def test_warehouse_comments_describe_every_column(ingest: Any, raw_dir: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    missing = query(warehouse, "SELECT table_name, column_name FROM duckdb_columns() "
                               "WHERE database_name = 'w' AND (comment IS NULL OR comment = '')")
    assert missing == []


def test_a_new_extractor_reprocesses_unchanged_files(ingest: Any, raw_dir: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    with duckdb.connect(str(warehouse)) as con:
        # As if the files had been processed by an older release of the extraction code.
        con.execute("UPDATE source_files SET extractor_version = 'older' WHERE source_file LIKE '%kompas%'")
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert (summary["files_loaded"], summary["files_skipped"]) == (1, 14)
    assert query(warehouse, "SELECT DISTINCT extractor_version <> 'older' FROM source_files") == [(True,)]


def test_a_warehouse_from_an_older_version_gains_new_columns(ingest: Any, raw_dir: Path,
                                                             tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    with duckdb.connect(str(warehouse)) as con:
        con.execute("ALTER TABLE source_files DROP COLUMN extractor_version")
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert summary["status"] == "completed" and summary["files_loaded"] == 15
