"""Revision history: a file whose content changes keeps what it stated before in
`claim_revisions`, while `claims` (and every other view) shows the current version only.

Runs call the run's plain functions (no Prefect): plan, extract, load, official, removed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import run_without_prefect

PAGE = """<html><head><title>Penerima program pelatihan tahun lalu</title>
<meta property="article:published_time" content="2021-03-01T09:00:00+07:00"></head>
<body><article><h1>Penerima program pelatihan tahun lalu</h1>
<p>Jakarta - Kementerian menyebut penerima Kartu Prakerja pada 2020 mencapai {figure} orang di seluruh
Indonesia.</p>
<p>Pelatihan daring menjadi pilihan utama para peserta selama masa pandemi, kata juru bicara program.</p>
</article></body></html>
"""
ARTICLE = "articles/contoh/penerima-2020.html"
OFFICIAL = "official/all_kabupaten_kota.json"


def run_once(raw: Path, warehouse: Path) -> dict[str, Any]:
    return run_without_prefect(raw, warehouse)


def query(warehouse: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def write_article(raw: Path, figure: str) -> None:
    path = raw / ARTICLE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(figure=figure), encoding="utf-8")


def regency(code: int, province: int, name: str, year_2020: int) -> dict[str, Any]:
    """A regency entry shaped like all_kabupaten_kota.json, recipients in 2020 only."""
    years = {f"RPL_{y}": year_2020 if y == 2020 else 0 for y in range(2020, 2025)}
    return {"KOTA_KABUPATEN_ID": code, "KOTA_KABUPATEN": f"Kabupaten {code}", "PROVINCE_CODE": province,
            "PROVINSI": name, "TOTAL": str(year_2020), **years}


def write_official(raw: Path, aceh: int) -> None:
    path = raw / OFFICIAL
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([regency(1101, 11, "Aceh", aceh), regency(1201, 12, "Sumatera Utara", 700)]),
                    encoding="utf-8")


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    write_article(folder, "5,5 juta")
    write_official(folder, 400)
    return folder


def test_an_edited_article_keeps_its_old_value_as_a_revision(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    first = run_once(raw, warehouse)["run_id"]
    write_article(raw, "5,9 juta")
    second = run_once(raw, warehouse)["run_id"]

    revisions = query(warehouse, "SELECT value, run_id, superseded_by_run, valid_from, valid_to "
                                 "FROM claim_revisions WHERE source_file = ? AND metric = 'recipients_total' "
                                 "AND period = '2020' ORDER BY valid_from", ARTICLE)
    assert [row[:3] for row in revisions] == [(5_500_000, first, second), (5_900_000, second, None)]
    (_, _, _, old_from, old_to), (_, _, _, new_from, new_to) = revisions
    assert old_from < old_to == new_from and new_to is None
    assert query(warehouse, "SELECT value FROM claims WHERE source_file = ?", ARTICLE) == [(5_900_000,)]
    assert query(warehouse, "SELECT count(*) FROM figures WHERE source_file = ?", ARTICLE) == [(1,)]
    # The conflict with the official total is the current value's only.
    sources = query(warehouse, "SELECT sources FROM conflicts WHERE metric = 'recipients_total'")
    assert all("5500000" not in s for (s,) in sources)


def test_an_official_file_whose_province_count_changes_keeps_the_old_count(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    first = run_once(raw, warehouse)["run_id"]
    write_official(raw, 450)
    second = run_once(raw, warehouse)["run_id"]

    aceh = query(warehouse, "SELECT value, run_id, valid_to IS NULL FROM claim_revisions "
                            "WHERE metric = 'province_recipients' AND period = '2020' "
                            "AND province_name = 'Aceh' ORDER BY valid_from")
    assert aceh == [(400, first, False), (450, second, True)]
    assert query(warehouse, "SELECT value FROM claims WHERE metric = 'province_recipients' "
                            "AND period = '2020' AND province_name = 'Aceh'") == [(450,)]
    assert query(warehouse, "SELECT recipients FROM official_province_recipients "
                            "WHERE year = 2020 AND province_code = '11'") == [(450,)]
    national = query(warehouse, "SELECT value, valid_to IS NULL FROM claim_revisions "
                                "WHERE metric = 'recipients_total' AND source_kind = 'official' "
                                "AND period = '2020' ORDER BY valid_from")
    assert national == [(1100, False), (1150, True)]


def test_unchanged_input_changes_nothing(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run_once(raw, warehouse)
    before = query(warehouse, "SELECT * FROM claim_revisions ORDER BY ALL")
    summary = run_once(raw, warehouse)
    assert summary["files_loaded"] == 0
    assert query(warehouse, "SELECT * FROM claim_revisions ORDER BY ALL") == before
    assert query(warehouse, "SELECT count(*) FROM claims_history") == [(0,)]


def test_re_extracting_the_same_bytes_is_not_a_revision(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run_once(raw, warehouse)
    before = query(warehouse, "SELECT valid_from, run_id FROM claim_revisions WHERE source_file = ?", ARTICLE)
    with duckdb.connect(str(warehouse)) as con:   # as if a newer extractor had come out
        con.execute("UPDATE source_files SET extractor_version = 'older'")
    assert run_once(raw, warehouse)["files_loaded"] >= 1
    assert query(warehouse, "SELECT count(*) FROM claims_history") == [(0,)]
    assert query(warehouse, "SELECT valid_from, run_id FROM claim_revisions WHERE source_file = ?",
                 ARTICLE) == before


def test_a_removed_file_keeps_its_rows_marked_and_no_revision(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run_once(raw, warehouse)
    (raw / ARTICLE).unlink()
    assert run_once(raw, warehouse)["files_removed"] == 1
    assert query(warehouse, "SELECT removed_at IS NOT NULL FROM figures WHERE source_file = ?",
                 ARTICLE) == [(True,)]
    assert query(warehouse, "SELECT count(*) FROM claims WHERE source_file = ?", ARTICLE) == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM claims_history") == [(0,)]


def test_every_view_but_claim_revisions_shows_the_current_version(raw: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "w.duckdb"
    run_once(raw, warehouse)
    write_article(raw, "5,9 juta")
    write_official(raw, 450)
    run_once(raw, warehouse)
    for view in ("claims", "compared_claims", "review"):
        assert query(warehouse, f"SELECT count(*) FROM {view} WHERE value IN (5500000, 400)") == [(0,)], view
    for view in ("official_province_recipients", "official_province_rankings"):
        assert query(warehouse, f"SELECT count(*) FROM {view} WHERE recipients = 400") == [(0,)], view
    assert query(warehouse, "SELECT count(*) FROM conflicts WHERE sources LIKE '%=5500000.0 %'") == [(0,)]
