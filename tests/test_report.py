"""The HTML run report: self-contained, charts that render in a browser, empty warehouses handled."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from prakerja_etl.cli import main
from prakerja_etl.report.html import REGION_COLOURS, SHOWN_SOURCES, write_report
from prakerja_etl.warehouse.store import connect, ensure_schema
from test_analyst_guide import build_full_warehouse

# An empty file and a binary one: quarantined whole, so the report has a quarantine to show.
BAD_FILES = {"articles/kosong.txt": b"", "articles/gambar.txt": bytes(range(256)) * 8}
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


@pytest.fixture(scope="module")
def warehouse(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    return build_full_warehouse(ingest, tmp_path_factory.mktemp("report"), corpus, BAD_FILES)


@pytest.fixture(scope="module")
def report(warehouse: Path) -> Path:
    return write_report(warehouse)


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    """A warehouse with its schema and nothing loaded: no run, no official data, no conflicts."""
    path = tmp_path / "empty.duckdb"
    with connect(path) as con:
        ensure_schema(con)
    return path


def test_the_report_is_written_beside_the_warehouse(warehouse: Path, report: Path) -> None:
    assert report == warehouse.with_name("prakerja.report.html") and report.stat().st_size > 10_000
    assert [p.name for p in report.parent.glob("*.report.html*")] == [report.name]   # no temporary left


def test_the_report_loads_nothing_from_anywhere(report: Path) -> None:
    text = report.read_text()
    assert "<script" not in text and "@import" not in text
    references = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)""", text)
    references += re.findall(r"url\(([^)]*)\)", text)
    assert all(ref.startswith("#") for ref in references), references
    ids = re.findall(r'\bid="([^"]+)"', text)
    assert len(ids) == len(set(ids)), "two charts share an element id"
    assert {ref[1:] for ref in references} <= set(ids)


def test_the_report_has_both_charts_and_the_tables(report: Path) -> None:
    text = report.read_text()
    charts = re.findall(r"<svg\b.*?</svg>", text, re.DOTALL)
    assert len(charts) == 2
    assert all(chart.count("<path") > 20 for chart in charts)
    assert "Jawa Barat" in charts[1] and "2024" in charts[0]
    section = lambda name: text.split(f'<section id="{name}">')[1].split("</section>")[0]  # noqa: E731
    assert "recipients_total" in section("conflicts")
    assert "official/all_kabupaten_kota.json" in section("conflicts")
    assert "Official recipients by province, 2024" in section("provinces")
    assert "the file is empty" in section("quarantine") and "articles/kosong.txt" in section("quarantine")
    assert "completed" in section("runs")
    assert "✗ differs" in section("rankings") and "grand_total_mismatch" in section("quality")


def test_a_conflict_stated_by_many_sources_shows_the_first_and_counts_the_rest(ingest: Any,
                                                                                tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    for i in range(SHOWN_SOURCES + 3):
        (raw / "articles" / f"berita-{i:02d}.txt").write_text(
            f"Jumlah penerima Kartu Prakerja pada 2020 mencapai 5,{i:02d} juta orang.\n", encoding="utf-8")
    summary = ingest(raw_dir=str(raw), warehouse_path=str(tmp_path / "w.duckdb"))
    assert summary["conflicts"] == 1
    section = Path(summary["report"]).read_text().split('<section id="conflicts">')[1].split("</section>")[0]
    assert section.count("<li>") == SHOWN_SOURCES + 1
    assert "articles/berita-00.txt" in section and "articles/berita-14.txt" not in section
    assert "… and 3 more" in section


def test_an_empty_warehouse_gets_a_report_without_charts(empty_warehouse: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sub" / "r.html"
    assert main(["report", "--warehouse", str(empty_warehouse), "--out", str(out)]) == 0
    assert capsys.readouterr().out == f"report written to {out}\n"
    text = out.read_text()
    assert "<svg" not in text
    for placeholder in ("No official statistics loaded yet", "No conflicts", "Nothing quarantined",
                        "No run recorded yet"):
        assert placeholder in text


def test_no_warehouse_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `prakerja-etl run` first" in err


@pytest.fixture(scope="module")
def chromium() -> str:
    """The browser; skipped without one, except where REQUIRE_CHROMIUM=1 (CI) makes that a failure."""
    if CHROMIUM is None:
        reason = ("chromium is not installed (`make chromium`, or apt-get install chromium): "
                  "the report's charts cannot be rendered")
        if os.environ.get("REQUIRE_CHROMIUM") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return CHROMIUM


def test_the_charts_render_in_a_headless_browser(chromium: str, request: pytest.FixtureRequest,
                                                 tmp_path: Path) -> None:
    report = request.getfixturevalue("report")      # after the browser check: a skip costs no Prefect server
    png = tmp_path / "report.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={png}", "--window-size=1200,2400", report.as_uri()],
                   check=True, capture_output=True, timeout=120)
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 200, "the page looks blank"
    pixels = {colour: n for n, colour in colours}
    # Bars of the province chart in their island colours: the SVG was drawn, not just the text.
    for region in ("Jawa", "Sumatera"):
        rgb = tuple(int(REGION_COLOURS[region][i:i + 2], 16) for i in (1, 3, 5))
        assert pixels.get(rgb, 0) > 2_000, f"no {region} bars on the screenshot"
