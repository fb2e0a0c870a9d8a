"""One file's failure is charged to that file (or cell), never to the batch or the run.

Each reader is made to raise an arbitrary exception for one file; the file is quarantined with
a reason and every other file of the batch loads. A value one row cannot hold (a date past
2262) rejects that row only, and a garbled date leaves the article loaded with NULL dates.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from prakerja_etl import schemas
from prakerja_etl.batch import build_batch, build_official_batch, extract_file
from prakerja_etl.sources import articles, official
from prakerja_etl.sources.discover import SourceFile, discover
from prakerja_etl.sources.surveys import sidecar as survey_sidecar
from prakerja_etl.sources.surveys import table as survey_table
from prakerja_etl.validate import split_valid

MAX_BYTES = 8 << 20
# An article written for these tests, dated in its body like the outlets do: Senin (1/3/2021).
ARTICLE = ("Penerima Kartu Prakerja Bertambah\n"
           "Jakarta - Pemerintah menyalurkan insentif kepada 2,5 juta penerima Kartu Prakerja, kata "
           "pejabat program dalam jumpa pers di Jakarta, Senin ({day}).\n"
           "Anggaran program tahun ini mencapai Rp 20 triliun.\n")


class Surprise(Exception):
    """An exception no reader expects."""


def raw_folder(tmp_path: Path, corpus: Path) -> Path:
    """Dev articles and survey tables, an HTML page and a scraper JSON article."""
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "surveys").mkdir()
    for path in sorted((corpus / "dev").glob("*.txt"))[:4]:
        shutil.copy(path, raw / "articles" / path.name)
    for path in sorted((corpus / "dev" / "surveys").glob("*.*")):
        if path.suffix in (".csv", ".xlsx", ".yaml"):
            shutil.copy(path, raw / "surveys" / path.name)
    body = ARTICLE.format(day="1/3/2021")
    (raw / "articles" / "halaman.html").write_text(
        "<html><body><article><h1>Penerima Bertambah</h1>"
        + "".join(f"<p>{line}</p>" for line in body.splitlines()[1:]) + "</article></body></html>")
    scraped = {"title": "Penerima Bertambah", "content": body}
    (raw / "articles" / "scraper.json").write_text(json.dumps(scraped))
    return raw


def run_batch(raw: Path) -> tuple[dict[str, str], Any]:
    """{source_file: status} and the quarantine frame of one batch over the whole raw folder."""
    batch = build_batch([extract_file(s, MAX_BYTES) for s in discover(raw)], "run")
    return {f["source_file"]: f["status"] for f in batch.source_files}, batch.frames["quarantine"]


# reader → a function making it raise for one file of the raw folder, returning that file.
READERS = {
    "txt": lambda mp, raw: _patch_bytes(mp, raw, ".txt", sorted((raw / "articles").glob("*.txt"))[0]),
    "html": lambda mp, raw: _patch_bytes(mp, raw, ".html", raw / "articles" / "halaman.html"),
    "json": lambda mp, raw: _patch_bytes(mp, raw, ".json", raw / "articles" / "scraper.json"),
    "csv": lambda mp, raw: _patch_path(mp, "_read_csv", next((raw / "surveys").glob("*.csv"))),
    "xlsx": lambda mp, raw: _patch_path(mp, "_read_xlsx", next((raw / "surveys").glob("*.xlsx"))),
    "sidecar": lambda mp, raw: _patch_sidecar(mp, next((raw / "surveys").glob("*.xlsx"))),
}


def _patch_bytes(mp: pytest.MonkeyPatch, raw: Path, suffix: str, target: Path) -> str:
    real = articles._TO_TEXT[suffix]
    poison = target.read_bytes()

    def reader(data: bytes) -> Any:
        if data == poison:
            raise Surprise("kejutan di pembaca")
        return real(data)
    mp.setitem(articles._TO_TEXT, suffix, reader)
    return target.relative_to(raw).as_posix()


def _patch_path(mp: pytest.MonkeyPatch, name: str, target: Path) -> str:
    real = getattr(survey_table, name)

    def reader(path: Path, *args: Any) -> Any:
        if path == target:
            raise ZeroDivisionError("kejutan di pembaca")
        return real(path, *args)
    mp.setattr(survey_table, name, reader)
    return f"surveys/{target.name}"


def _patch_sidecar(mp: pytest.MonkeyPatch, table: Path) -> str:
    real = survey_sidecar._parse_sidecar

    def parse(doc: dict[str, Any], name: str) -> Any:
        if name == table.with_suffix(".yaml").name:
            raise KeyError("kejutan di pembaca")
        return real(doc, name)
    mp.setattr(survey_sidecar, "_parse_sidecar", parse)
    return f"surveys/{table.name}"


@pytest.mark.parametrize("reader", sorted(READERS))
def test_any_exception_in_a_reader_quarantines_only_its_file(reader: str, tmp_path: Path, corpus: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_folder(tmp_path, corpus)
    target = READERS[reader](monkeypatch, raw)
    status, quarantine = run_batch(raw)
    assert status.pop(target) == "quarantined"
    assert set(status.values()) == {"loaded"} and len(status) >= 8
    [reason] = quarantine.loc[quarantine["source_file"] == target, "reason"]
    assert "kejutan di pembaca" in reason and "\n" not in reason


def official_files(corpus: Path) -> dict[str, bytes]:
    return {f"official/{p.name}": p.read_bytes() for p in sorted((corpus / "official").glob("*.json"))}


def official_sources(files: dict[str, bytes]) -> list[SourceFile]:
    return [SourceFile(name, Path(name), "official", len(data), hashlib.sha256(data).hexdigest())
            for name, data in files.items()]


@pytest.mark.parametrize("step", ["parse_regencies", "parse_province_file", "check_mapping"])
def test_any_exception_in_the_official_reader_quarantines_only_its_file(
        step: str, corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = official_files(corpus)
    real = getattr(official, step)
    poisoned = {"parse_regencies": official.REGENCIES_FILE, "check_mapping": official.MAPPING_FILE,
                "parse_province_file": official.PROVINCES_2020_FILE}[step]

    def step_that_fails(*args: Any) -> Any:
        names = [getattr(a, "source_file", "") for a in args]
        if any(n.endswith(poisoned) for n in names):
            raise IndexError("kejutan resmi")
        return real(*args)
    monkeypatch.setattr(official, step, step_that_fails)
    batch, held = build_official_batch(files, official_sources(files), "run")
    assert held == [f"official/{poisoned}"]
    loaded = {f["source_file"] for f in batch.source_files}
    assert loaded == set(files) - set(held)
    quarantine = batch.frames["quarantine"]
    assert quarantine.loc[quarantine["source_file"] == held[0], "reason"].str.contains("kejutan resmi").any()
    if poisoned != official.REGENCIES_FILE:
        assert len(batch.frames["official_recipients"]) == 2570


def test_a_value_its_column_cannot_hold_rejects_only_its_row() -> None:
    rows = [{"article_id": f"a{i}", "source_file": f"articles/{i}.txt", "content_sha256": "0" * 64,
             "outlet": None, "dateline": None, "event_date": day, "published_date": None, "author": None,
             "title": None, "encoding": "utf-8", "n_chars": 10}
            for i, day in enumerate([date(2021, 3, 1), date(9021, 3, 1), date(2022, 1, 5)])]
    frame = pd.DataFrame(rows, columns=list(schemas.ArticleRow.to_schema().columns))
    valid, rejected = split_valid(schemas.ArticleRow, frame)
    assert list(valid["article_id"]) == ["a0", "a2"]
    [bad] = rejected
    assert "event_date=datetime.date(9021, 3, 1)" in bad["reason"]
    assert json.loads(bad["payload"])["source_file"] == "articles/1.txt"


@pytest.mark.parametrize("day", ["45/3/2021", "1/3/9021", "1/3/1021", "1/13/2021"])
def test_a_garbled_date_loads_the_article_with_null_dates_and_a_note(day: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    for i in range(9):
        (raw / "articles" / f"baik-{i}.txt").write_text(ARTICLE.format(day=f"{i + 1}/3/2021"))
    (raw / "articles" / "acak.txt").write_text(ARTICLE.format(day=day))
    batch = build_batch([extract_file(s, MAX_BYTES) for s in discover(raw)], "run")
    assert {f["status"] for f in batch.source_files} == {"loaded"} and len(batch.source_files) == 10
    assert batch.frames["quarantine"].empty
    loaded = batch.frames["articles"].set_index("source_file")
    assert pd.isna(loaded.loc["articles/acak.txt", "event_date"])
    assert loaded.drop("articles/acak.txt")["event_date"].notna().all()
    [note] = batch.frames["data_quality"].to_dict("records")
    assert (note["source_file"], note["check_name"], note["observed"]) == (
        "articles/acak.txt", "article_date_garbled", f"Senin ({day})")
    assert len(batch.frames["figures"].query("source_file == 'articles/acak.txt'")) >= 2


def test_a_link_loop_is_quarantined_and_discovery_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "articles" / "baik.txt").write_text(ARTICLE.format(day="1/3/2021"))
    os.symlink("b.txt", raw / "articles" / "a.txt")
    os.symlink("a.txt", raw / "articles" / "b.txt")
    os.symlink("diri", raw / "articles" / "diri")
    status, quarantine = run_batch(raw)
    assert status == {"articles/a.txt": "quarantined", "articles/b.txt": "quarantined",
                      "articles/baik.txt": "loaded", "articles/diri": "quarantined"}
    assert quarantine["reason"].str.contains("link loop").all()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_file_is_quarantined_and_discovery_goes_on(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    (raw / "articles" / "baik.txt").write_text(ARTICLE.format(day="1/3/2021"))
    locked = raw / "articles" / "terkunci.txt"
    locked.write_text(ARTICLE.format(day="2/3/2021"))
    locked.chmod(0)
    status, quarantine = run_batch(raw)
    assert status == {"articles/baik.txt": "loaded", "articles/terkunci.txt": "quarantined"}
    assert "cannot read the file" in quarantine["reason"].iloc[0]
