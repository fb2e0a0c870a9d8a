"""Hostile input through the Prefect flow: the run completes, every file is loaded or quarantined
as it should be, good files load exactly as they do alone, nothing outside the raw folder is read.
"""

from __future__ import annotations

import math
import os
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hostile import (
    CHROME_FIGURES,
    COPIES,
    FOUNDING,
    IGNORED,
    KOMPAS,
    LOADED,
    MAX_FILE_BYTES,
    OUTSIDE_FIGURE,
    OUTSIDE_MARKER,
    QUARANTINED,
    SQL_NAME,
    copy_good_articles,
    make_hostile_raw,
)

from prakerja_etl.batch import build_batch, extract_file
from prakerja_etl.sources.discover import discover
from prakerja_etl.text.clean import clean_text
from prakerja_etl.text.decode import decode_bytes

# What the quarantine must say about each file that cannot be used (a phrase of the reason).
REASONS = {
    "articles/binary.txt": "looks binary",
    "articles/empty.txt": "empty",
    "articles/whitespace-only.txt": "empty",
    "articles/laporan.pdf": "not a supported article file",
    "articles/artikel-raksasa.txt": "PRAKERJA_MAX_FILE_BYTES",
    "articles/hanya-menu.html": "no article text found in the HTML page",
    "articles/scraper/rusak.json": "not valid JSON: Unterminated string",
    "articles/scraper/dua-artikel.json": "list of 2 articles",
    "surveys/rusak.xlsx": "cannot be opened as an XLSX workbook",
    "surveys/yaml-rusak.csv": "not valid YAML",
    "surveys/tanpa-sidecar.csv": "no sidecar tanpa-sidecar.yaml",
    "surveys/yatim.yaml": "sidecar without its table",
    "articles/tautan-ke-luar.txt": "link leading out of the raw folder",
    "articles/folder-luar": "link leading out of the raw folder",
    "articles/tautan-putus.txt": "link to nothing",
}
# Every relation of the contract, plus the ones the pipeline adds.
RELATIONS = {"articles", "article_texts", "figures", "province_rankings", "survey_results",
             "official_recipients", "metrics", "provinces", "quarantine", "load_runs", "source_files",
             "claims", "conflicts"}

pytestmark = pytest.mark.slow


def query(warehouse: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, list(params)).fetchall()


def figures_by_file(warehouse: Path) -> dict[str, Counter[tuple[float, str, str | None]]]:
    """(value, unit, metric) of each file's figures, as a multiset."""
    out: dict[str, Counter[tuple[float, str, str | None]]] = {}
    rows = query(warehouse, "SELECT a.source_file, f.value, f.unit, f.metric "
                            "FROM figures f JOIN articles a USING (article_id)")
    for source_file, value, unit, metric in rows:
        out.setdefault(source_file, Counter())[(round(value, 6), unit, metric)] += 1
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile") / "raw"
    return root, make_hostile_raw(root, corpus)


@pytest.fixture(scope="module")
def hostile_run(ingest: Any, hostile: tuple[Path, dict[str, str]]) -> tuple[dict[str, Any], Path]:
    root, _ = hostile
    warehouse = root.parent / "hostile.duckdb"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PRAKERJA_MAX_FILE_BYTES", str(MAX_FILE_BYTES))
        started = time.monotonic()
        summary = ingest(raw_dir=str(root), warehouse_path=str(warehouse))
    print(f"hostile run: {time.monotonic() - started:.1f} s, {summary}")
    return summary, warehouse


@pytest.fixture(scope="module")
def clean_run(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    root = copy_good_articles(tmp_path_factory.mktemp("clean") / "raw", corpus)
    warehouse = root.parent / "clean.duckdb"
    ingest(raw_dir=str(root), warehouse_path=str(warehouse))
    return warehouse


def test_the_run_completes_and_counts_every_file(hostile: tuple[Path, dict[str, str]],
                                                 hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, expected = hostile
    summary, warehouse = hostile_run
    outcomes = Counter(expected.values())
    assert summary["status"] == "completed"
    assert summary["files_loaded"] == outcomes[LOADED]
    assert summary["files_quarantined"] == outcomes[QUARANTINED]
    assert summary["files_seen"] == outcomes[LOADED] + outcomes[QUARANTINED]
    assert query(warehouse, "SELECT status, files_loaded FROM load_runs") == [("completed", outcomes[LOADED])]
    assert summary["seconds"] < 90, "the hostile run should take well under a minute"


def test_every_file_is_loaded_or_quarantined_as_expected(hostile: tuple[Path, dict[str, str]],
                                                         hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, expected = hostile
    _, warehouse = hostile_run
    registered = dict(query(warehouse, "SELECT source_file, status FROM source_files"))
    assert registered == {path: outcome for path, outcome in expected.items()
                          if outcome in (LOADED, QUARANTINED)}
    assert set(REASONS) == {path for path, outcome in expected.items() if outcome == QUARANTINED}


def test_each_quarantined_file_says_why(hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, warehouse = hostile_run
    read = query(warehouse, "SELECT source_file, reason FROM quarantine WHERE stage = 'read'")
    assert sorted(path for path, _ in read) == sorted(REASONS)
    for path, reason in read:
        assert REASONS[path] in reason, (path, reason)
        assert "\n" not in reason and "Traceback" not in reason and len(reason) < 400, (path, reason)


def test_good_articles_load_exactly_as_they_do_alone(hostile_run: tuple[dict[str, Any], Path],
                                                     clean_run: Path) -> None:
    _, warehouse = hostile_run
    alone, among_hostile = figures_by_file(clean_run), figures_by_file(warehouse)
    assert len(alone) == 15
    for path, figures in alone.items():
        assert among_hostile[path] == figures, path
    # Copies in other encodings, with NUL bytes, odd names, nested or reached through a link.
    for path, original in COPIES.items():
        assert among_hostile[path] == alone[f"articles/{original}"], path


def test_spans_index_into_the_stored_text(hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, warehouse = hostile_run
    # Sliced here: DuckDB's substr walks a megabyte-long text from its start for every figure.
    texts = dict(query(warehouse, "SELECT article_id, text FROM article_texts"))
    figures = query(warehouse, "SELECT article_id, raw_text, char_start, char_end FROM figures")
    assert len(figures) > 10_000
    # raw_text is the figure as written, repaired ('5,5Â juta' reads '5,5 juta'): the span repaired.
    assert [f for f in figures if clean_text(texts[f[0]][f[2]:f[3]]).text != f[1]] == []


def test_html_page_yields_its_article_not_its_chrome(hostile_run: tuple[dict[str, Any], Path],
                                                     clean_run: Path) -> None:
    _, warehouse = hostile_run
    page = figures_by_file(warehouse)["articles/halaman-berita.html"]
    assert page == figures_by_file(clean_run)[f"articles/{KOMPAS}"]
    assert not any(math.isclose(value, chrome) for value, _, _ in page for chrome in CHROME_FIGURES)
    row = query(warehouse, "SELECT outlet, published_date, title, encoding FROM articles "
                           "WHERE source_file = 'articles/halaman-berita.html'")
    assert row == [("Kompas.com", row[0][1], row[0][2], "utf-8")]
    assert str(row[0][1]) == "2020-04-11" and row[0][2].startswith("Pendaftaran Kartu Prakerja Dibuka")
    legacy = query(warehouse, "SELECT a.encoding, t.text FROM articles a JOIN article_texts t "
                              "USING (article_id) WHERE a.source_file = 'articles/halaman-LAMA.HTM'")
    assert legacy[0][0] == "cp1252" and "“tepat waktu”" in legacy[0][1] and "<" not in legacy[0][1]


def test_scraper_json_yields_the_article_with_its_metadata(hostile_run: tuple[dict[str, Any], Path],
                                                           clean_run: Path) -> None:
    _, warehouse = hostile_run
    path = "articles/scraper/liputan6-4490000.json"
    scraped = figures_by_file(warehouse)[path]
    # The body is the founding article; the headline adds its own '5,5 Juta Penerima'.
    assert scraped - figures_by_file(clean_run)[f"articles/{FOUNDING}"] == Counter(
        {(5_500_000.0, "person", "recipients_total"): 1})
    row = query(warehouse, "SELECT outlet, published_date, author, title FROM articles WHERE source_file = ?",
                path)
    assert [tuple(map(str, r)) for r in row] == [
        ("Liputan6.com", "2021-02-23", "Dwi Aditya Putra",
         "Airlangga: Kartu Prakerja 2020 Tersalurkan ke 5,5 Juta Penerima")]


def test_legacy_encoding_and_long_lines_load(hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, warehouse = hostile_run
    figures = figures_by_file(warehouse)
    cp1252 = {(value, unit) for value, unit, _ in figures["articles/cp1252.txt"]}
    assert {(20e12, "rupiah"), (5_600_000.0, "person"), (600_000.0, "rupiah")} <= cp1252
    text = query(warehouse, "SELECT t.text FROM article_texts t JOIN articles a USING (article_id) "
                            "WHERE a.source_file = 'articles/cp1252.txt'")[0][0]
    assert "“Kartu Prakerja”" in text and "Café" in text
    assert sum(figures["articles/satu-baris-1mb.txt"].values()) > 10_000


def test_nothing_outside_the_raw_folder_is_read(hostile: tuple[Path, dict[str, str]],
                                                hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, expected = hostile
    _, warehouse = hostile_run
    assert query(warehouse, "SELECT count(*) FROM figures WHERE value = ?", OUTSIDE_FIGURE) == [(0,)]
    texts = query(warehouse, "SELECT count(*) FROM article_texts WHERE contains(text, ?)", OUTSIDE_MARKER)
    assert texts == [(0,)]
    ignored = [path for path, outcome in expected.items() if outcome == IGNORED]
    mentioned = query(warehouse, "SELECT source_file FROM source_files "
                                 "UNION ALL SELECT source_file FROM quarantine")
    assert not [p for (p,) in mentioned for i in ignored if p == i or p.startswith(f"{i}/")]


def test_sql_looking_name_is_stored_verbatim_and_every_table_survives(
        hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, warehouse = hostile_run
    status = query(warehouse, "SELECT status FROM source_files WHERE source_file = ?", SQL_NAME)
    assert status == [("loaded",)]
    assert query(warehouse, "SELECT count(*) > 0 FROM figures WHERE source_file = ?", SQL_NAME) == [(True,)]
    names = query(warehouse, "SELECT table_name FROM duckdb_tables() "
                             "UNION SELECT view_name FROM duckdb_views() WHERE NOT internal")
    relations = {name for (name,) in names}
    assert relations >= RELATIONS


def test_bad_survey_cells_are_quarantined_and_the_rest_of_the_table_loads(
        hostile_run: tuple[dict[str, Any], Path]) -> None:
    _, warehouse = hostile_run
    table = "surveys/sel-buruk.csv"
    loaded = query(warehouse, "SELECT label, value FROM survey_results WHERE source_file = ?", table)
    assert sorted(label for label, _ in loaded) == sorted(
        ["Meningkatkan keterampilan kerja/skill", "Mengisi waktu luang", "Pendaftaran gratis", "Lainnya"])
    cells = dict(query(warehouse, "SELECT stage, reason FROM quarantine WHERE source_file = ?", table))
    assert "'n/a' is not a number" in cells["extract"]
    assert "between 0 and 100" in cells["validate"]


# --- file names and encodings at the edges -------------------------------------------------------


def test_a_file_name_that_is_not_utf8_does_not_stop_the_run(tmp_path: Path, corpus: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    latin1_name = os.fsdecode(os.fsencode(raw / "articles") + b"/berita-\xe9t\xe9.txt")
    shutil.copy(corpus / "dev" / KOMPAS, latin1_name)
    results = [extract_file(source, MAX_FILE_BYTES) for source in discover(raw)]
    batch = build_batch(results, "run")
    for row in batch.source_files:
        row["source_file"].encode("utf-8")


def test_utf16_without_bom_is_read(corpus: Path) -> None:
    text = " ".join((corpus / "dev" / KOMPAS).read_text(encoding="utf-8").encode("ascii", "ignore").decode()
                    .split())
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_bytes(text.encode(codec))[0] == text
