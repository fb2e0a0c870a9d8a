"""`fetch`: pages, feeds, redirects, conditional requests, retries, robots.txt and refusals,
against a real HTTP server on 127.0.0.1 started by the test (no other network)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import run_without_prefect, serving
from prakerja_etl.cli import main
from prakerja_etl.sources.discover import discover
from prakerja_etl.sources.fetch import Fetcher, FetchOptions, fetch

FAST = FetchOptions(delay=0.0, timeout=5, retries=3, backoff=0.05, max_retry_after=5)
LAST_MODIFIED = "Mon, 01 Mar 2021 02:00:00 GMT"
HUGE = 20 * 1024 * 1024


def page(title: str, sentence: str) -> bytes:
    return (f"<html><head><title>{title}</title>"
            '<meta property="article:published_time" content="2021-03-01T09:00:00+07:00"></head>'
            f"<body><article><h1>{title}</h1><p>{sentence}</p>"
            "<p>Pelatihan daring menjadi pilihan para peserta, kata juru bicara program.</p>"
            "</article></body></html>").encode()


PAGES = {
    "/berita/penerima-2020.html": page("Penerima tahun lalu",
                                       "Penerima Kartu Prakerja pada 2020 mencapai 5,5 juta orang."),
    "/berita/satu.html": page("Satu", "Kuota gelombang pertama dibuka untuk 164 ribu peserta."),
    "/berita/dua.html": page("Dua", "Insentif dibayarkan Rp 600 ribu setiap bulan selama empat bulan."),
    "/berita/tiga.html": page("Tiga", "Anggaran program tahun ini disebut mencapai Rp 20 triliun."),
}
FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title><link>/</link>
<item><title>Satu</title><link>/berita/satu.html</link></item>
<item><title>Dua</title><link>/berita/dua.html</link></item>
<item><title>Tiga</title><link>/berita/tiga.html</link></item>
</channel></rss>"""


class Site(BaseHTTPRequestHandler):
    """The test site. `hits` counts requests per path; `bodies` counts pages sent in full."""

    hits: Counter[str] = Counter()
    bodies: Counter[str] = Counter()
    times: list[float] = []

    def do_GET(self) -> None:  # noqa: C901 - one branch per behaviour under test
        path = self.path
        self.hits[path] += 1
        self.times.append(time.monotonic())
        try:
            if path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /rahasia/\n", "text/plain")
            elif path in PAGES:
                etag = f'"{abs(hash(PAGES[path]))}"'
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", None, etag=etag)
                else:
                    self._send(200, PAGES[path], "text/html; charset=utf-8", etag=etag)
            elif path == "/feed.xml":
                self._send(200, FEED, "application/rss+xml")
            elif path == "/lama":
                self.send_response(301)
                self.send_header("Location", "/berita/penerima-2020.html")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif path == "/sibuk.html":
                if self.hits[path] == 1:
                    self._send(429, b"too many", "text/plain", retry_after="1")
                else:
                    self._send(200, PAGES["/berita/satu.html"], "text/html")
            elif path == "/goyah.html":
                if self.hits[path] == 1:
                    self._send(500, b"oops", "text/plain")
                else:
                    self._send(200, PAGES["/berita/dua.html"], "text/html")
            elif path == "/dokumen.pdf":
                self._send(200, b"%PDF-1.4 not a page", "application/pdf")
            elif path == "/raksasa.html":
                self._send(200, b"<p>" + b"x" * HUGE + b"</p>", "text/html")
            elif path == "/raksasa-tanpa-panjang.html":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                for _ in range(HUGE // (1 << 20)):
                    self.wfile.write(b"x" * (1 << 20))
            else:
                self._send(404, b"not here", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading an oversized page

    def _send(self, status: int, body: bytes, kind: str | None, **headers: str) -> None:
        self.send_response(status)
        if kind:
            self.send_header("Content-Type", kind)
        if status == 200:
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.bodies[self.path] += 1
        for name, value in headers.items():
            self.send_header(name.replace("_", "-").title(), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(key, raising=False)
    Site.hits, Site.bodies, Site.times = Counter(), Counter(), []
    with serving(Site) as url:
        yield url


def fetch_one(raw: Path, url: str, options: FetchOptions = FAST) -> Any:
    report = fetch(raw, [url], options=options)
    assert len(report.results) == 1
    return report.results[0]


def written(raw: Path) -> list[str]:
    return sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())


def test_a_page_is_saved_with_its_sidecar_and_the_run_reads_only_the_page(site: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    result = fetch_one(raw, f"{site}/berita/penerima-2020.html")
    assert result.outcome == "saved"
    assert result.path.parent == raw / "articles" / "127.0.0.1"
    assert result.path.read_bytes() == PAGES["/berita/penerima-2020.html"]
    sidecar = yaml.safe_load(result.path.with_suffix("").with_suffix(".fetch.yaml").read_text())
    assert sidecar["url"] == sidecar["final_url"] == f"{site}/berita/penerima-2020.html"
    assert sidecar["status"] == 200 and sidecar["etag"] and sidecar["last_modified"] == LAST_MODIFIED
    assert sidecar["fetched_at"]
    assert [f.source_file for f in discover(raw)] == [result.path.relative_to(raw).as_posix()]


def test_a_second_fetch_of_a_feed_downloads_nothing_new(site: str, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    first = fetch(raw, feeds=[f"{site}/feed.xml"], options=FAST)
    assert [r.outcome for r in first.results] == ["saved"] * 3 and first.exit_code == 0
    files = {p: p.stat().st_mtime_ns for p in (raw / "articles").rglob("*")}
    assert len([p for p in files if p.suffix == ".html"]) == 3
    second = fetch(raw, feeds=[f"{site}/feed.xml"], options=FAST)
    assert [r.outcome for r in second.results] == ["unchanged"] * 3
    assert all(Site.bodies[f"/berita/{n}.html"] == 1 for n in ("satu", "dua", "tiga"))   # then 304s
    assert {p: p.stat().st_mtime_ns for p in (raw / "articles").rglob("*")} == files


def test_a_redirect_is_followed_and_the_final_url_noted(site: str, tmp_path: Path) -> None:
    result = fetch_one(tmp_path, f"{site}/lama")
    assert result.outcome == "saved"
    sidecar = yaml.safe_load(result.path.with_name(result.path.stem + ".fetch.yaml").read_text())
    assert sidecar["url"] == f"{site}/lama"
    assert sidecar["final_url"] == f"{site}/berita/penerima-2020.html"


def test_an_unchanged_page_answers_304_and_nothing_is_rewritten(site: str, tmp_path: Path) -> None:
    url = f"{site}/berita/satu.html"
    saved = fetch_one(tmp_path, url)
    mtime = saved.path.stat().st_mtime_ns
    again = fetch_one(tmp_path, url)
    assert again.outcome == "unchanged" and "not modified" in again.message
    assert Site.hits["/berita/satu.html"] == 2 and Site.bodies["/berita/satu.html"] == 1
    assert saved.path.stat().st_mtime_ns == mtime


def test_a_429_waits_as_long_as_retry_after_says(site: str, tmp_path: Path) -> None:
    started = time.monotonic()
    result = fetch_one(tmp_path, f"{site}/sibuk.html")
    assert result.outcome == "saved" and Site.hits["/sibuk.html"] == 2
    assert time.monotonic() - started >= 1.0


def test_a_retry_after_beyond_the_bound_is_not_waited_for(site: str, tmp_path: Path) -> None:
    impatient = FetchOptions(delay=0.0, timeout=5, retries=3, backoff=0.05, max_retry_after=0.5)
    result = fetch_one(tmp_path, f"{site}/sibuk.html", impatient)
    assert result.outcome == "failed" and "asks to wait 1 s" in result.message
    assert written(tmp_path) == []


def test_a_500_then_200_is_retried(site: str, tmp_path: Path) -> None:
    result = fetch_one(tmp_path, f"{site}/goyah.html")
    assert result.outcome == "saved" and Site.hits["/goyah.html"] == 2


def test_robots_txt_forbids_a_path(site: str, tmp_path: Path) -> None:
    result = fetch_one(tmp_path, f"{site}/rahasia/laporan.html")
    assert result.outcome == "failed" and "robots.txt" in result.message
    assert Site.hits["/rahasia/laporan.html"] == 0 and written(tmp_path) == []


@pytest.mark.parametrize(("path", "why"), [
    ("/dokumen.pdf", "not an HTML page (application/pdf)"),
    ("/raksasa.html", "over the 8,388,608-byte limit"),
    ("/raksasa-tanpa-panjang.html", "over the 8,388,608-byte limit"),
    ("/hilang.html", "HTTP 404"),
])
def test_refused_answers_write_nothing(site: str, tmp_path: Path, path: str, why: str) -> None:
    result = fetch_one(tmp_path, site + path)
    assert result.outcome == "failed" and why in result.message and "\n" not in result.message
    assert written(tmp_path) == []


def test_requests_to_one_host_are_spaced_by_the_delay(site: str, tmp_path: Path) -> None:
    polite = FetchOptions(delay=0.2, timeout=5, retries=0)
    with Fetcher(tmp_path, polite) as fetcher:
        fetcher.fetch_all([f"{site}/berita/satu.html", f"{site}/berita/dua.html"])
    gaps = [b - a for a, b in zip(Site.times, Site.times[1:], strict=False)]
    assert len(Site.times) == 3 and min(gaps) >= 0.19     # robots.txt, then the two pages


def test_cli_exit_codes_and_one_line_per_failure(site: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKERJA_FETCH_DELAY", "0")
    raw = str(tmp_path / "raw")
    assert main(["fetch", "--raw-dir", raw, "not a url", f"{site}/dokumen.pdf"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "not an http(s) URL" in err[0] and "not an HTML page" in err[1]
    assert not (tmp_path / "raw").exists()

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# reading list\n{site}/berita/satu.html\n\n{site}/dokumen.pdf\n")
    assert main(["fetch", "--raw-dir", raw, "--urls", str(urls)]) == 1     # some saved, some not
    out, err = capsys.readouterr()
    assert "1 saved, 0 unchanged, 1 failed" in out and len(err.strip().splitlines()) == 1

    assert main(["fetch", "--raw-dir", raw, "--feed", f"{site}/feed.xml"]) == 0
    assert main(["fetch", "--raw-dir", raw, "--urls", str(tmp_path / "none.txt")]) == 2
    assert "cannot read the URL list" in capsys.readouterr().err


def test_the_next_run_loads_a_fetched_page_like_any_html_article(site: str, tmp_path: Path) -> None:
    from prakerja_etl.warehouse.connection import connect

    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    saved = fetch_one(raw, f"{site}/berita/penerima-2020.html")
    run_without_prefect(raw, warehouse)
    with connect(warehouse, read_only=True) as con:
        assert con.execute("SELECT source_file, status FROM source_files").fetchall() == [
            (saved.path.relative_to(raw).as_posix(), "loaded")]
        assert con.execute("SELECT metric, period, value FROM claims").fetchall() == [
            ("recipients_total", "2020", 5_500_000)]


def test_the_ingest_flow_fetches_its_feeds_first(site: str, tmp_path: Path, ingest: Any,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKERJA_FETCH_DELAY", "0")
    raw = tmp_path / "raw"
    raw.mkdir()
    summary = ingest(raw_dir=str(raw), warehouse_path=str(tmp_path / "w.duckdb"), feeds=[f"{site}/feed.xml"])
    assert summary["status"] == "completed" and summary["files_loaded"] == 3


def test_the_daily_deployment_takes_its_feeds_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from prakerja_etl.settings import FLOWS_DIR

    monkeypatch.chdir(Path.cwd())    # build_deployment moves to the repository root
    monkeypatch.setenv("PRAKERJA_FEEDS", "https://a.example/rss, https://b.example/atom.xml")
    spec = importlib.util.spec_from_file_location("serve", FLOWS_DIR / "serve.py")
    assert spec is not None and spec.loader is not None
    serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(serve)
    deployment = serve.build_deployment()
    assert deployment.parameters["feeds"] == ["https://a.example/rss", "https://b.example/atom.xml"]
