"""Survey tables and the official statistics through the flow, with claims and conflicts."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import SHARED, serving

FOUNDING = "liputan6_2021-02-23_prakerja-2020.txt"


def query(warehouse: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


@pytest.fixture
def full_raw(raw_dir: Path, corpus: Path) -> Path:
    """Articles, the dev survey tables and a copy of the official files (made per test, not committed)."""
    (raw_dir / "surveys").mkdir()
    for path in (corpus / "dev" / "surveys").glob("*.*"):
        if path.suffix in (".csv", ".xlsx", ".yaml"):
            shutil.copy(path, raw_dir / "surveys" / path.name)
    shutil.copytree(corpus / "official", raw_dir / "official")
    return raw_dir


@pytest.fixture(scope="module")
def loaded(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    (raw / "articles").mkdir()
    shutil.copy(corpus / "dev" / FOUNDING, raw / "articles" / FOUNDING)
    shutil.copytree(corpus / "official", raw / "official")
    warehouse = raw.parent / "official.duckdb"
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    return warehouse


def test_dev_survey_tables_match_their_gold_exactly(ingest: Any, full_raw: Path, tmp_path: Path,
                                                    corpus: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(full_raw), warehouse_path=str(warehouse))
    subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(warehouse),
                    str(corpus / "dev" / "gold"), str(corpus / "dev" / "surveys" / "gold"),
                    "--json", str(tmp_path / "s.json")], check=True, capture_output=True)
    score = json.loads((tmp_path / "s.json").read_text())
    print({k: v for k, v in score.items() if k.startswith("survey")})
    assert score["survey_recall"] == 1.0 and score["survey_precision"] == 1.0


def test_official_statistics_facts(loaded: Path) -> None:
    assert query(loaded, "SELECT count(DISTINCT regency_code) FROM official_recipients") == [(514,)]
    total_2020 = query(loaded, "SELECT sum(recipients) FROM official_recipients WHERE year = 2020")
    assert total_2020 == [(5_987_674,)]
    per_year = query(loaded, "SELECT period, value FROM claims WHERE source_kind = 'official' "
                             "AND metric = 'recipients_total' ORDER BY period")
    sums = query(loaded, "SELECT year::VARCHAR, sum(recipients)::DOUBLE FROM official_recipients "
                         "GROUP BY year ORDER BY year")
    assert per_year == sums and len(sums) == 5


def test_the_one_person_difference_between_the_files_is_reported(loaded: Path) -> None:
    rows = query(loaded, "SELECT severity, expected, observed FROM data_quality "
                         "WHERE check_name = 'grand_total_mismatch'")
    assert len(rows) == 1 and rows[0][0] == "warning"
    assert {rows[0][1].replace(",", ""), rows[0][2].replace(",", "")} == {"19867589", "19867588"}


def test_conflicts_list_the_2020_recipient_total(loaded: Path) -> None:
    rows = query(loaded, "SELECT min_value, max_value, sources FROM conflicts "
                         "WHERE metric = 'recipients_total' AND period = '2020' AND province_code IS NULL")
    assert len(rows) == 1
    low, high, sources = rows[0]
    assert (low, high) == (5_500_000, 5_987_674)
    assert FOUNDING in sources and "official:" in sources


def test_founding_article_rankings_agree_with_the_official_2020_ranking(loaded: Path) -> None:
    rows = query(loaded, "SELECT direction, rank, stated_province, official_province, agrees "
                         "FROM ranking_checks ORDER BY direction DESC, rank")
    assert len(rows) == 6 and all(r[4] for r in rows), rows


def test_rerun_skips_unchanged_official_files(ingest: Any, loaded: Path) -> None:
    raw = next(p for p in loaded.parent.iterdir() if p.is_dir() and (p / "official").is_dir())
    before = query(loaded, "SELECT * FROM official_recipients ORDER BY regency_code, year")
    summary = ingest(raw_dir=str(raw), warehouse_path=str(loaded))
    assert summary["files_loaded"] == 0 and summary["files_skipped"] == summary["files_seen"]
    assert query(loaded, "SELECT * FROM official_recipients ORDER BY regency_code, year") == before


@pytest.fixture
def official_site(corpus: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(corpus / "official"))
    with serving(handler) as url:
        yield f"{url}/"


def test_official_source_can_be_a_url(ingest: Any, raw_dir: Path, tmp_path: Path, official_site: str) -> None:
    warehouse = tmp_path / "w.duckdb"
    ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse), official_source=official_site)
    assert query(warehouse, "SELECT count(*), min(source_file) LIKE 'http://127.0.0.1:%' "
                            "FROM official_recipients") == [(2570, True)]


def test_bad_survey_tables_are_quarantined_and_good_cells_load(ingest: Any, raw_dir: Path,
                                                               tmp_path: Path) -> None:
    surveys = raw_dir / "surveys"
    surveys.mkdir()
    (surveys / "no_sidecar.csv").write_text("Provinsi,Persentase\nAceh,\"1,5\"\n", encoding="utf-8")
    (surveys / "bad_cell.csv").write_text(
        "Provinsi,Persentase\nAceh,\"1,5\"\nBali,n/a\n", encoding="utf-8")
    (surveys / "bad_cell.yaml").write_text(
        "survey: S\npublisher: P\nperiod: '2021'\nmetric: province_recipient_share\n"
        "dimension: province\nunit: percent\nvalue_column: Persentase\n", encoding="utf-8")
    (surveys / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    shutil.copy(surveys / "bad_cell.yaml", surveys / "broken.yaml")
    warehouse = tmp_path / "w.duckdb"
    summary = ingest(raw_dir=str(raw_dir), warehouse_path=str(warehouse))
    assert summary["status"] == "completed"
    reasons = dict(query(warehouse, "SELECT source_file, reason FROM quarantine"))
    assert "no sidecar" in reasons["surveys/no_sidecar.csv"]
    assert "surveys/broken.xlsx" in reasons and "n/a" in reasons["surveys/bad_cell.csv"]
    assert query(warehouse, "SELECT province_name, value FROM survey_results") == [("Aceh", 1.5)]


def test_conflict_groups_are_the_conflicts_without_their_sources(loaded: Path) -> None:
    groups = query(loaded, "SELECT * FROM conflict_groups ORDER BY ALL")
    assert groups and groups == query(loaded, "SELECT * EXCLUDE (sources) FROM conflicts ORDER BY ALL")
