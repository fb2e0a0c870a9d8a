"""A hostile raw folder: every kind of bad input a scraper, a person or a file system produces.

`make_hostile_raw(root, corpus)` writes it and returns what each file must become:

- `loaded`: in `source_files` with status 'loaded' (a survey table may still send single
  cells to `quarantine`);
- `quarantined`: in `source_files` with status 'quarantined' and a `quarantine` row saying why;
- `ignored`: never read and never registered — hidden files (`.DS_Store`) are not input.
  Links that leave the raw folder or lead nowhere are never followed: they are quarantined
  with that reason, unread.
- `sidecar`: a survey's `<stem>.yaml`, read (and hashed) with its table, not a row of its own.

The huge article is quarantined for its size only under `MAX_FILE_BYTES` (set
PRAKERJA_MAX_FILE_BYTES to it); the default limit is 8 MiB, since extraction costs 7–9 s a MB
of figure-dense article text (the 1 MiB one-line article yields some 13,000 figures).
"""

from __future__ import annotations

import html
import json
import os
import random
import shutil
from pathlib import Path

LOADED, QUARANTINED, IGNORED, SIDECAR = "loaded", "quarantined", "ignored", "sidecar"
MAX_FILE_BYTES = 16 * 1024 * 1024
HUGE_BYTES = 24 * 1024 * 1024
# A figure and a phrase that exist only outside the raw folder: they must never be loaded.
OUTSIDE_FIGURE = 7_777_777.0
OUTSIDE_MARKER = "RAHASIA-DI-LUAR-FOLDER"
# Figures that exist only in the page chrome around the HTML article: never loaded either.
CHROME_FIGURES = (999e12, 888_000.0, 333.0, 4_444.0)
SQL_NAME = "articles/'; DROP TABLE figures; --.txt"

FOUNDING = "liputan6_2021-02-23_prakerja-2020.txt"
KOMPAS = "kompas_2020-04-11_pendaftaran-prakerja-dibuka.txt"
ANTARA = "antara_2021-02-26_inklusivitas-prakerja.txt"
BISNIS = "bisnis_2021-02-26_sebaran-provinsi-prakerja.txt"
TEMPO = "tempo_2022-09-05_prakerja-semi-bansos.txt"
CNBC = "cnbcindonesia_2021-09-20_prakerja-2021-gelombang.txt"   # no inline 'Baca juga:' link
# Hostile copies of good articles: (file, its original). Each must yield the original's figures.
COPIES = {
    "articles/utf16-bom.txt": FOUNDING,
    "articles/utf8-bom.txt": ANTARA,
    "articles/nul-bytes.txt": BISNIS,
    SQL_NAME: TEMPO,
    "articles/kutipan \"ganda\" & 'tunggal'.txt": ANTARA,
    "articles/nama  dengan spasi .txt": BISNIS,
    "articles/berita-ünïcödé-日本語-🚀.txt": FOUNDING,
    "articles/baris\nbaru.txt": TEMPO,
    "articles/2021/02/23/sangat/dalam/bersarang.txt": KOMPAS,
    "articles/tautan-di-dalam.txt": KOMPAS,
}

CP1252_ARTICLE = (
    "Anggaran Prakerja 2021 Naik, Insentif Tetap Rp 600 Ribu\n"
    "Jakarta – Pemerintah menyiapkan anggaran Rp 20 triliun untuk Program Kartu Prakerja pada 2021, "
    "kata Ketua Tim Pelaksana “Kartu Prakerja” dalam jumpa pers di Jakarta, Senin (4/1/2021).\n"
    "Target penerima tahun ini sebanyak 5,6 juta orang. Setiap peserta mendapat bantuan pelatihan "
    "Rp 1 juta dan insentif Rp 600.000 per bulan selama empat bulan – total manfaat Rp 3,55 juta.\n"
    "Menurut dia, peserta tak perlu khawatir: “Semua proses gratis,” ujarnya. Café dan warung "
    "pun ikut ramai menjadi tempat pendaftaran.\n"
)

CHROME_PAGE = """<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - Kompas.com</title>
<meta property="og:site_name" content="Kompas.com">
<meta property="article:published_time" content="2020-04-11T17:05:00+07:00">
<script>window.dataLayer = [{{"anggaran": "Rp 999 triliun"}}];
document.write("<p>Rp 999 triliun</p>");</script>
<style>p {{ margin: 0 }} .iklan:after {{ content: "Rp 999 triliun" }}</style>
</head><body>
<header class="site-header"><a class="logo" href="/">Kompas.com</a>
<nav class="menu"><ul><li><a href="/">Beranda</a></li><li><a href="/money">Money</a></li>
<li><a href="/tren">Tren: penerima 888 ribu orang</a></li></ul></nav></header>
<div class="ads iklan-atas" id="div-gpt-ad-1">ADVERTISEMENT</div>
<main><article class="read"><h1 class="read__title">{title}</h1>
<div class="read__time">Kompas.com - 11/04/2020, 17:05 WIB</div>
<div class="read__content">
{body}
<div class="related"><h3>Berita terkait</h3><ul>
<li><a href="/a">Penerima Prakerja gelombang 77 capai 888 ribu orang</a></li></ul></div>
</div></article></main>
<aside class="sidebar"><h3>Terpopuler</h3><ol><li><a href="/b">Harga emas naik 333 persen</a></li></ol>
</aside>
<footer><p>Copyright 2008 - 2024 PT Kompas Cyber Media. 4.444 pembaca hari ini</p></footer>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>
</body></html>
"""


def make_hostile_raw(root: Path, corpus: Path) -> dict[str, str]:
    """Write the hostile raw folder under `root`; return {path relative to root: expected outcome}.

    A folder beside it, `<root>-outside`, holds what links point to outside the raw folder.
    """
    raw = _Raw(root, corpus / "dev")
    (root / "articles").mkdir(parents=True)
    (root / "surveys").mkdir()
    for path in sorted(raw.dev.glob("*.txt")):
        raw.write(f"articles/{path.name}", path.read_bytes(), LOADED)
    for part in (_not_text, _encodings, _sizes, _scraped, _names, _links, _surveys):
        part(raw)
    return raw.expected


class _Raw:
    """The hostile folder being written, and the outcome expected of each file in it."""

    def __init__(self, root: Path, dev: Path) -> None:
        self.root, self.dev = root, dev
        self.expected: dict[str, str] = {}

    def write(self, rel: str, data: bytes, outcome: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.expected[rel] = outcome
        return path

    def text(self, name: str) -> str:
        return (self.dev / name).read_text(encoding="utf-8")


def _not_text(raw: _Raw) -> None:
    raw.write("articles/binary.txt", b"\x89PNG\r\n\x1a\n" + random.Random(7).randbytes(64_000), QUARANTINED)
    raw.write("articles/empty.txt", b"", QUARANTINED)
    raw.write("articles/whitespace-only.txt", b" \n\t\r\n   \n\n", QUARANTINED)
    raw.write("articles/laporan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n", QUARANTINED)


def _encodings(raw: _Raw) -> None:
    """Encodings and stray bytes around real articles."""
    raw.write("articles/cp1252.txt", CP1252_ARTICLE.encode("cp1252"), LOADED)
    raw.write("articles/utf16-bom.txt", raw.text(FOUNDING).encode("utf-16"), LOADED)
    raw.write("articles/utf8-bom.txt", raw.text(ANTARA).encode("utf-8-sig"), LOADED)
    bisnis = raw.text(BISNIS)
    cut = [i for i, ch in enumerate(bisnis) if ch == " "]
    nul = "".join(ch + ("\x00" if i in (cut[5], cut[40], cut[80]) else "") for i, ch in enumerate(bisnis))
    raw.write("articles/nul-bytes.txt", nul.encode("utf-8"), LOADED)


def _sizes(raw: _Raw) -> None:
    """A 1 MiB article on one line, and an article far over the size limit."""
    line = " ".join(raw.text(CNBC).split()) + " "
    one_line = (line * (2**20 // len(line.encode()) + 1)).encode("utf-8")[:2**20]
    raw.write("articles/satu-baris-1mb.txt", one_line.rsplit(b" ", 1)[0] + b"\n", LOADED)
    block = raw.text(KOMPAS).encode("utf-8") + b"\n"
    raw.write("articles/artikel-raksasa.txt", (block * (HUGE_BYTES // len(block) + 1))[:HUGE_BYTES],
              QUARANTINED)


def _scraped(raw: _Raw) -> None:
    """Scraped pages and scraper JSON."""
    kompas = [ln for ln in raw.text(KOMPAS).splitlines() if ln.strip()]
    paragraphs = "\n".join(f"<p>{html.escape(ln)}</p>" for ln in kompas[1:])
    raw.write("articles/halaman-berita.html",
              CHROME_PAGE.format(title=html.escape(kompas[0]), body=paragraphs).encode("utf-8"), LOADED)
    legacy = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
              "<title>Insentif Prakerja</title></head><body><article><h1>Insentif Prakerja cair “tepat "
              "waktu”</h1><p>" + CP1252_ARTICLE.split("\n")[2] + "</p></article></body></html>")
    raw.write("articles/halaman-LAMA.HTM", legacy.encode("cp1252"), LOADED)
    raw.write("articles/hanya-menu.html", b"<html><head><script>var penerima = 5500000;</script></head><body>"
              b"<nav><ul><li><a href='/'>Beranda</a></li><li><a href='/x'>Prakerja</a></li></ul></nav>"
              b"<footer>Copyright 2024</footer></body></html>", QUARANTINED)
    founding = [ln for ln in raw.text(FOUNDING).splitlines() if ln.strip()]
    scraped = {"url": "https://www.liputan6.com/bisnis/read/4490000/prakerja-2020",
               "headline": "Airlangga: Kartu Prakerja 2020 Tersalurkan ke 5,5 Juta Penerima",
               "published_at": "2021-02-23T14:05:00+07:00", "author": {"name": "Dwi Aditya Putra"},
               "content": "".join(f"<p>{html.escape(p)}</p>" for p in founding)}
    raw.write("articles/scraper/liputan6-4490000.json", json.dumps(scraped, ensure_ascii=False).encode(),
              LOADED)
    raw.write("articles/scraper/rusak.json", b'{"title": "Prakerja", "content": "Penerima 5 juta',
              QUARANTINED)
    raw.write("articles/scraper/dua-artikel.json", json.dumps([scraped, scraped]).encode(), QUARANTINED)


def _names(raw: _Raw) -> None:
    """Names: quotes, spaces, unicode, a line break, SQL; nested folders. Copies of good articles."""
    for rel in (SQL_NAME, "articles/kutipan \"ganda\" & 'tunggal'.txt", "articles/nama  dengan spasi .txt",
                "articles/berita-ünïcödé-日本語-🚀.txt", "articles/baris\nbaru.txt",
                "articles/2021/02/23/sangat/dalam/bersarang.txt"):
        raw.write(rel, (raw.dev / COPIES[rel]).read_bytes(), LOADED)


def _links(raw: _Raw) -> None:
    """Links: inside the raw folder (followed), outside it or to nothing (never followed), hidden files."""
    root = raw.root
    outside = root.parent / f"{root.name}-outside"
    outside.mkdir(exist_ok=True)
    (outside / "rahasia.txt").write_text(
        f"{OUTSIDE_MARKER}\nJakarta - Penerima Kartu Prakerja mencapai 7.777.777 orang menurut data ini.\n",
        encoding="utf-8")
    nested = Path("2021/02/23/sangat/dalam/bersarang.txt")
    _link("articles/tautan-di-dalam.txt", nested, root, raw.expected, LOADED)
    _link("articles/tautan-ke-luar.txt", outside / "rahasia.txt", root, raw.expected, QUARANTINED)
    _link("articles/folder-luar", outside, root, raw.expected, QUARANTINED)
    _link("articles/tautan-putus.txt", root / "tidak-ada.txt", root, raw.expected, QUARANTINED)
    raw.write("articles/.DS_Store", b"\x00\x00\x00\x01Bud1" + bytes(64), IGNORED)


def _surveys(raw: _Raw) -> None:
    """The dev tables, then broken workbooks, sidecars and cells."""
    dev = raw.dev
    for path in sorted((dev / "surveys").glob("*.*")):
        if path.suffix in (".csv", ".xlsx", ".yaml"):
            outcome = SIDECAR if path.suffix == ".yaml" else LOADED
            raw.write(f"surveys/{path.name}", path.read_bytes(), outcome)
    provinces = dev / "surveys" / "bps_sakernas-2020-08_sebaran-provinsi"
    workbook = provinces.with_suffix(".xlsx").read_bytes()
    raw.write("surveys/rusak.xlsx", workbook[: len(workbook) // 2], QUARANTINED)
    raw.write("surveys/rusak.yaml", provinces.with_suffix(".yaml").read_bytes(), SIDECAR)
    reasons = dev / "surveys" / "bps_sakernas-2020-08_alasan-mengikuti"
    table = reasons.with_suffix(".csv").read_text(encoding="utf-8")
    raw.write("surveys/yaml-rusak.csv", table.encode(), QUARANTINED)
    raw.write("surveys/yaml-rusak.yaml", b"survey: [Sakernas\npublisher: : BPS\n  unit: percent\n", SIDECAR)
    raw.write("surveys/tanpa-sidecar.csv", table.encode(), QUARANTINED)
    raw.write("surveys/yatim.yaml", reasons.with_suffix(".yaml").read_bytes(), QUARANTINED)
    bad_cells = table.replace('"27,73"', "n/a").replace('"12,98"', '"150,00"')
    raw.write("surveys/sel-buruk.csv", bad_cells.encode(), LOADED)
    raw.write("surveys/sel-buruk.yaml", reasons.with_suffix(".yaml").read_bytes(), SIDECAR)


def _link(rel: str, target: Path, root: Path, expected: dict[str, str], outcome: str) -> None:
    os.symlink(target, root / rel)
    expected[rel] = outcome


def copy_good_articles(root: Path, corpus: Path) -> Path:
    """A clean raw folder holding only the dev articles (the yardstick for the good files)."""
    (root / "articles").mkdir(parents=True)
    for path in sorted((corpus / "dev").glob("*.txt")):
        shutil.copy(path, root / "articles" / path.name)
    return root
