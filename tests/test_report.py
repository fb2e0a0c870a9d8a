"""The HTML run report: self-contained, charts that render in a browser, empty warehouses handled."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from conftest import REPO
from prakerja_etl.cli import main
from prakerja_etl.report.charts import BANDS, REGION_COLOURS
from prakerja_etl.report.html import SHOWN_SOURCES, write_report
from prakerja_etl.warehouse.connection import connect
from prakerja_etl.warehouse.schema import ensure_schema
from test_analyst_guide import build_full_warehouse

# An empty file and a binary one: quarantined whole, so the report has a quarantine to show.
BAD_FILES = {"articles/kosong.txt": b"", "articles/gambar.txt": bytes(range(256)) * 8}
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
SCREEN_WIDTH = 1280
GENERATED_ARTICLES = 3_000


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


def section(text: str, name: str) -> str:
    return text.split(f'<section id="{name}">')[1].split("</section>")[0]


def test_the_report_has_its_charts_and_the_tables(report: Path) -> None:
    text = report.read_text()
    charts = re.findall(r"<svg\b.*?</svg>", text, re.DOTALL)
    assert len(charts) == 1 + 5          # recipients, then provinces in each official year 2020-2024
    assert all(chart.count("<path") > 20 for chart in charts)
    assert "2024" in charts[0] and all("Jawa Barat" in chart for chart in charts[1:])
    assert "recipients_total" in section(text, "conflicts")
    assert "official/all_kabupaten_kota.json" in section(text, "conflicts")
    # The province chart opens on the year the rankings and conflicts are about, not the latest.
    assert re.search(r'id="province-year-2020" checked', section(text, "provinces"))
    assert "Official recipients by province, 2024" in section(text, "provinces")
    assert "the file is empty" in section(text, "quarantine")
    assert "articles/kosong.txt" in section(text, "quarantine")
    assert "completed" in section(text, "runs")
    assert "✗ differs" in section(text, "rankings") and "grand_total_mismatch" in section(text, "quality")


def test_numbers_read_the_indonesian_way(report: Path) -> None:
    text = report.read_text()
    assert "5.987.674" in section(text, "recipients")        # the official 2020 total, every digit
    assert "Rp11 triliun" in section(text, "conflicts") and "11,000,000,000,000" not in text
    assert re.search(r"[0-9],[0-9]{1,2} juta", section(text, "conflicts"))


def test_captions_describe_only_what_is_drawn(sample_warehouse: Path, tmp_path: Path) -> None:
    text = write_report(sample_warehouse, tmp_path / "report.html").read_text()
    caption = section(text, "recipients").split("<figcaption>")[1].split("</figcaption>")[0]
    assert "Bars" not in caption and "Dots" in caption      # no official totals: no bars
    assert "No official statistics loaded yet" in section(text, "provinces")
    assert "<svg" not in section(text, "provinces")


def test_a_conflict_stated_by_many_sources_shows_the_first_and_counts_the_rest(ingest: Any,
                                                                                tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "articles").mkdir(parents=True)
    for i in range(SHOWN_SOURCES + 3):
        (raw / "articles" / f"berita-{i:02d}.txt").write_text(
            f"Jumlah penerima Kartu Prakerja pada 2020 mencapai 5,{i:02d} juta orang.\n", encoding="utf-8")
    summary = ingest(raw_dir=str(raw), warehouse_path=str(tmp_path / "w.duckdb"))
    assert summary["conflicts"] == 1
    conflicts = section(Path(summary["report"]).read_text(), "conflicts")
    assert conflicts.count("<li>") == SHOWN_SOURCES + 1
    assert "articles/berita-00.txt" in conflicts and "articles/berita-14.txt" not in conflicts
    assert "… and 3 more" in conflicts


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


# Layout at 1280 px, measured by Chromium for three warehouses: the bundled sample, the sample with
# the official statistics and survey tables, and 3,000 generated articles.

@pytest.fixture(scope="module")
def sample_warehouse(ingest: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("sample") / "raw"
    shutil.copytree(REPO / "data" / "raw" / "articles", raw / "articles")
    summary = ingest(raw_dir=str(raw), warehouse_path=str(raw.parent / "prakerja.duckdb"))
    assert summary["status"] == "completed", summary
    return raw.parent / "prakerja.duckdb"


@pytest.fixture(scope="session")
def generated_warehouse(ingest: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3,000 generated articles, loaded once per session: the layout of a warehouse that has grown."""
    raw = tmp_path_factory.mktemp("generated") / "raw"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(raw),
                    "-n", str(GENERATED_ARTICLES)], check=True, capture_output=True)
    summary = ingest(raw_dir=str(raw), warehouse_path=str(raw.parent / "prakerja.duckdb"))
    assert summary["status"] == "completed", summary
    return raw.parent / "prakerja.duckdb"


def layout(chromium: str, report: Path, tmp_path: Path) -> dict[str, Any]:
    """What tests/report_layout.js measures on a copy of `report` at SCREEN_WIDTH px."""
    script = (Path(__file__).parent / "report_layout.js").read_text()
    page = tmp_path / "measured.html"      # the report itself never carries a script
    page.write_text(report.read_text().replace("</body>", f"<script>{script}</script></body>"))
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                          "--disable-background-networking", "--disable-component-update", "--no-first-run",
                          f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={SCREEN_WIDTH},1000",
                          "--dump-dom", page.as_uri()],
                         check=True, capture_output=True, text=True, timeout=120).stdout
    found = re.search(r'<pre id="layout">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the layout script did not run"
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("data", ["sample", "sample with official and surveys", "3,000 articles"])
def test_the_report_fits_a_1280_px_screen(chromium: str, request: pytest.FixtureRequest, tmp_path: Path,
                                          data: str) -> None:
    warehouse = request.getfixturevalue({"sample": "sample_warehouse",
                                         "sample with official and surveys": "warehouse",
                                         "3,000 articles": "generated_warehouse"}[data])
    measured = layout(chromium, write_report(warehouse, tmp_path / "report.html"), tmp_path)
    assert measured["viewport"] <= SCREEN_WIDTH
    assert measured["page_width"] <= measured["viewport"], "the page scrolls sideways"
    assert measured["overflowing"] == [] and measured["past_the_edge"] == []
    charts = measured["charts"] + [chart for year in measured["years"] for chart in year["charts"]]
    assert charts and all(c["svg_width"] > 0 and c["svg_right"] <= measured["viewport"] for c in charts)
    assert not any(c["legend_over_chart"] for c in charts), "a legend covers a chart"
    [recipients] = [c for c in measured["charts"] if c["section"] == "recipients"]
    assert 0 < recipients["dots"] <= 2 * BANDS * 6    # capped: article and survey bands, years
    assert recipients["overlapping_dots"] == 0 and recipients["biggest_dot"] < 20
    if data != "sample with official and surveys":
        assert measured["years"] == []       # no official data: no province chart, no year buttons


def test_the_year_buttons_show_each_years_province_chart(chromium: str, warehouse: Path,
                                                        tmp_path: Path) -> None:
    measured = layout(chromium, write_report(warehouse, tmp_path / "report.html"), tmp_path)
    shown = {year["year"]: [c["title"] for c in year["charts"]] for year in measured["years"]}
    assert shown == {str(y): [f"Official recipients by province, {y}"] for y in range(2020, 2025)}


def test_a_chart_already_drawn_is_taken_from_the_cache(sample_warehouse: Path, tmp_path: Path) -> None:
    """A report of unchanged data draws nothing: matplotlib is not even imported, and the page
    holds the same drawing."""
    script = ("import sys; from pathlib import Path; from prakerja_etl.report.html import write_report; "
              f"write_report(Path({str(sample_warehouse)!r}), Path(sys.argv[1])); "
              "print('matplotlib' in sys.modules)")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    drew = [subprocess.run([sys.executable, "-c", script, str(tmp_path / f"{n}.html")], env=env,
                           capture_output=True, text=True, check=True).stdout.strip() for n in (1, 2)]
    assert drew == ["True", "False"]
    first, second = (section((tmp_path / f"{n}.html").read_text(), "recipients") for n in (1, 2))
    assert "<svg" in first and first == second
    assert len(list((tmp_path / "cache" / "prakerja-etl" / "charts").glob("*.svg"))) == 1
