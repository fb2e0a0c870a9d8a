"""What one file may cost is bounded: crafted spreadsheets, sidecars and JSON are refused (or
read) within the limits, quarantine and artifacts stay small, and official statistics never
shrink silently. The last test runs `prakerja-etl run` over every bomb beside the dev corpus on
a loaded warehouse and bounds the run's peak memory.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from bombs import (
    LOADED,
    PROVINCE_SIDECAR,
    alias_bomb_yaml,
    bad_cells_csv,
    claims_last_cell,
    deep_yaml,
    huge_shared_string,
    million_rows,
    stray_last_cell,
    write_bombs,
)

from conftest import raw_with
from prakerja_etl import steps
from prakerja_etl.batch import build_batch, extract_file
from prakerja_etl.errors import UnreadableInput
from prakerja_etl.loader import read_summary, writer_session
from prakerja_etl.report.artifacts import ARTIFACT_ROWS, quarantine_table
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import discover
from prakerja_etl.sources.official import load_json
from prakerja_etl.sources.surveys import read_survey

SIDECAR = "\n".join(f"{k}: {json.dumps(v)}" for k, v in PROVINCE_SIDECAR.items()) + "\n"
SMALL_TABLE = b'Provinsi,Persentase\nAceh,"1,5"\n'
GB = 1024 ** 3


def table(tmp_path: Path, name: str, data: bytes, sidecar: str = SIDECAR) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    path.with_suffix(".yaml").write_text(sidecar)
    return path


@pytest.mark.parametrize("make", [claims_last_cell, stray_last_cell])
def test_a_sheet_is_read_to_its_real_extent_not_the_one_it_claims(make: Any, tmp_path: Path) -> None:
    result = read_survey(table(tmp_path, "t.xlsx", make()), "t.xlsx")
    assert [(r["province_name"], r["value"], r["cell"]) for r in result.rows] == [
        ("Jawa Barat", 20.5, "B2"), ("Aceh", 1.5, "B3")]


@pytest.mark.parametrize(("make", "refusal"), [
    (huge_shared_string, "PRAKERJA_MAX_UNPACKED_BYTES"),
    (million_rows, "PRAKERJA_MAX_UNPACKED_BYTES"),
    (lambda: million_rows(150_000), "PRAKERJA_MAX_TABLE_ROWS"),
])
def test_a_workbook_past_a_limit_is_refused(make: Any, refusal: str, tmp_path: Path) -> None:
    path = table(tmp_path, "t.xlsx", make())
    assert path.stat().st_size < 1_100_000
    with pytest.raises(UnreadableInput, match=refusal):
        read_survey(path, "t.xlsx")


def test_table_limits_are_settings(tmp_path: Path) -> None:
    path = table(tmp_path, "t.csv", bad_cells_csv(50))
    limits = {"max_table_rows": (20, "ROWS"), "max_table_cells": (60, "CELLS"),
              "max_table_columns": (1, "COLUMNS")}
    for field, (value, name) in limits.items():
        with pytest.raises(UnreadableInput, match=f"PRAKERJA_MAX_TABLE_{name}"):
            read_survey(path, "t.csv", Settings(**{field: value}))


@pytest.mark.parametrize(("sidecar", "refusal"), [
    (alias_bomb_yaml(), "uses a YAML alias"),
    (deep_yaml(), "not valid YAML|nests lists or mappings"),
    (SIDECAR + "rows: " + "[" * 60 + "]" * 60 + "\n", "more than 50 deep"),
    (SIDECAR + "illustrative: true\npublished_cells: [Aceh]\n", "published_cells must map"),
])
def test_a_sidecar_that_would_explode_or_has_the_wrong_shape_is_refused(sidecar: str, refusal: str,
                                                                        tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match=refusal):
        read_survey(table(tmp_path, "t.csv", SMALL_TABLE, sidecar), "t.csv")


def test_quarantine_rows_per_file_are_capped_with_one_summary(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "surveys").mkdir(parents=True)
    table(raw / "surveys", "buruk.csv", bad_cells_csv())
    assert (raw / "surveys" / "buruk.csv").stat().st_size > 1_500_000
    batch = build_batch([extract_file(s, 8 << 20) for s in discover(raw)], "run")
    quarantine = batch.frames["quarantine"]
    cap = Settings().max_problems_per_file
    assert len(quarantine) == cap + 1
    assert quarantine["reason"].iloc[-1].startswith(f"{60_000 - cap:,} more rejected rows or cells")


def test_the_quarantine_artifact_is_capped() -> None:
    rows = [(f"surveys/t{i}.csv", "x" * 2000) for i in range(100_000)]
    shown = quarantine_table({"run_id": "r1", "quarantined": rows})
    assert len(shown["reason"]) == ARTIFACT_ROWS + 1 and "99,500 more rows" in shown["reason"][-1]
    assert len(json.dumps(shown)) < 400_000


@pytest.mark.parametrize("data", [
    b"[" * 100_000 + b"]" * 100_000, b'[{"name": ' + b"[" * 60 + b"]" * 60 + b"}]",
    b'[{"value": 1' + b"0" * 5000 + b"}]", b"[" + b" " * (9 << 20) + b"]"])
def test_an_official_file_too_deep_too_long_or_too_large_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableInput, match="not valid JSON|deep|PRAKERJA_MAX_FILE_BYTES"):
        load_json("indonesia-all.json", data)


# --- official statistics never shrink silently -------------------------------------------------


def official_raw(tmp_path: Path, corpus: Path) -> Path:
    return raw_with(tmp_path / "raw", "official", sorted((corpus / "official").glob("*.json")))


def load_official(raw: Path, warehouse: Path, **settings: Any) -> dict[str, Any]:
    """A run that loads the official statistics alone."""
    chosen = Settings(raw_dir=raw, warehouse_path=warehouse, lock_wait_seconds=5, **settings)
    with writer_session(chosen) as loader:
        steps.load_official(chosen, loader)
    return read_summary(chosen, loader.run_id)


def official_state(warehouse: Path) -> tuple[Any, ...]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return tuple(con.execute(f"SELECT count(*), hash(string_agg(t::VARCHAR, '' ORDER BY ALL)) FROM {t} t"
                                 ).fetchone() for t in ("official_recipients", "official_province_totals",
                                                        "data_quality"))


REGENCY_FILE = "official/all_kabupaten_kota.json"
CHANGES = {
    "empty": lambda entries: [],
    "keys renamed": lambda entries: [{k.lower(): v for k, v in e.items()} for e in entries],
    "one regency gone": lambda entries: entries[1:],
    "counts of 2**62": lambda entries: [dict(e, RPL_2021=2**62) for e in entries],
    "more than Indonesia": lambda entries: [dict(e, RPL_2022=400_000_000) if i == 3 else e
                                            for i, e in enumerate(entries)],
    "id int() refuses": lambda entries: [dict(e, KOTA_KABUPATEN_ID="²") if i == 2 else e
                                         for i, e in enumerate(entries)],
    "4,000-digit id": lambda entries: [dict(e, KOTA_KABUPATEN_ID=int("9" * 4000)) if i == 2 else e
                                       for i, e in enumerate(entries)],
    "entry without a key": lambda entries: [{k: v for k, v in e.items() if k != "PROVINSI"} if i == 5 else e
                                            for i, e in enumerate(entries)],
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_official_file_that_would_shrink_is_quarantined_and_the_rows_stay(
        change: str, tmp_path: Path, corpus: Path) -> None:
    raw, warehouse = official_raw(tmp_path, corpus), tmp_path / "w.duckdb"
    load_official(raw, warehouse)
    before = official_state(warehouse)
    assert before[0][0] == 2570
    path = raw / REGENCY_FILE
    path.write_text(json.dumps(CHANGES[change](json.loads(path.read_text()))))
    summary = load_official(raw, warehouse)
    assert official_state(warehouse) == before
    assert (summary["status"], summary["files_quarantined"], summary["files_loaded"]) == ("completed", 1, 0)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        reasons = [r for (r,) in con.execute(
            "SELECT reason FROM quarantine WHERE stage = 'read' AND run_id = ?", [summary["run_id"]]
        ).fetchall()]
    assert len(reasons) == 1 and reasons[0].startswith(REGENCY_FILE)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT max(length(reason)) FROM quarantine").fetchone()[0] <= 400
    assert "rows" in reasons[0] or "schema" in reasons[0]


def test_a_shrink_the_setting_allows_is_loaded(tmp_path: Path, corpus: Path) -> None:
    raw, warehouse = official_raw(tmp_path, corpus), tmp_path / "w.duckdb"
    load_official(raw, warehouse)
    path = raw / REGENCY_FILE
    path.write_text(json.dumps(json.loads(path.read_text())[1:]))
    load_official(raw, warehouse, official_max_shrink=0.01)
    assert official_state(warehouse)[0][0] == 2565


def test_on_a_first_load_a_broken_official_file_costs_only_itself(tmp_path: Path, corpus: Path) -> None:
    raw, warehouse = official_raw(tmp_path, corpus), tmp_path / "w.duckdb"
    (raw / "official" / "indonesia-2020.json").write_text("[" * 100_000 + "]" * 100_000)
    summary = load_official(raw, warehouse)
    assert (summary["files_loaded"], summary["files_quarantined"]) == (4, 1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM official_recipients").fetchone() == (2570,)
        assert con.execute("SELECT DISTINCT source_file FROM official_province_totals").fetchall() == [
            ("official/indonesia-all.json",)]


# --- the whole run, on a loaded warehouse ------------------------------------------------------

TABLES = ("articles", "article_texts", "figures", "province_rankings", "survey_results",
          "official_recipients", "official_province_totals", "data_quality", "source_files")


def row_counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def run_cli(raw: Path, warehouse: Path, api_url: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PREFECT_API_URL=api_url)
    return subprocess.run([sys.executable, "-m", "prakerja_etl.cli", "run", "--raw-dir", str(raw),
                           "--warehouse", str(warehouse)], env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.mark.slow
def test_every_bomb_beside_the_dev_corpus_costs_bounded_memory_and_no_rows(
        prefect_api_url: str, tmp_path: Path, corpus: Path) -> None:
    raw = raw_with(official_raw(tmp_path, corpus), "articles", sorted((corpus / "dev").glob("*.txt")))
    raw_with(raw, "surveys", [p for p in sorted((corpus / "dev" / "surveys").glob("*.*"))
                              if p.suffix in (".csv", ".xlsx", ".yaml")])
    warehouse = tmp_path / "w.duckdb"
    assert run_cli(raw, warehouse, prefect_api_url).returncode == 0
    before = row_counts(warehouse)
    expected = write_bombs(raw)
    regencies = raw / REGENCY_FILE
    regencies.write_text(json.dumps([dict(e, RPL_2021=2**62) for e in json.loads(regencies.read_text())]))
    done = run_cli(raw, warehouse, prefect_api_url)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert done.returncode == 0, done.stderr[-2000:]
    assert peak < 1.5 * GB, f"peak RSS {peak / GB:.2f} GB"
    after = row_counts(warehouse)
    assert {t: (before[t], after[t]) for t in TABLES if after[t] < before[t]} == {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        status = dict(con.execute("SELECT source_file, status FROM source_files").fetchall())
    assert {path: status.get(path) for path in expected} == expected
    assert sum(outcome == LOADED for outcome in expected.values()) == 3


def test_an_article_stating_one_value_thousands_of_times_costs_linear_time() -> None:
    # Every figure used to be compared with every other of the same value: 5,000 paragraphs of
    # one figure took 53 s, 300,000 (7.8 MB) hours. A bound far above the linear cost (~1 s).
    import time

    from prakerja_etl.sources.articles import extract_article

    paragraphs = ["Penerima 5 juta orang."] * 5000
    data = json.dumps({"title": "Penerima bertambah", "content": paragraphs}).encode()
    started = time.monotonic()
    assert len(extract_article("a.json", data).figures) == 5000
    assert time.monotonic() - started < 20


def test_a_text_of_nothing_but_figures_is_quarantined_past_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "articles" / "angka.txt").write_text("Judul\n" + "Penerima 5 juta orang. " * 300 + "\n")
    monkeypatch.setenv("PRAKERJA_MAX_FIGURES_PER_ARTICLE", "200")
    [result] = [extract_file(s, 8 << 20) for s in discover(raw)]
    assert "more than 200 figures (PRAKERJA_MAX_FIGURES_PER_ARTICLE)" in result.quarantine_reason
    monkeypatch.setenv("PRAKERJA_MAX_FIGURES_PER_ARTICLE", "300")
    [result] = [extract_file(s, 8 << 20) for s in discover(raw)]
    assert result.quarantine_reason is None and len(result.tables["figures"]) == 300


def test_an_article_with_a_sentence_past_the_limit_is_quarantined(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "articles" / "koma.txt").write_text("Judul\n" + "Penerima 5 juta orang, " * 400_000 + "\n")
    [result] = [extract_file(s, 16 << 20) for s in discover(raw)]
    assert "PRAKERJA_MAX_SENTENCE_CHARS" in result.quarantine_reason
