"""Saved news pages and scraper JSON → article text, on small pages written for the tests."""

from __future__ import annotations

import json

import pytest

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.sources.articles import ARTICLE_SUFFIXES, article_row, extract_article
from prakerja_etl.sources.html_article import MAX_ELEMENTS, read_html
from prakerja_etl.sources.json_article import read_json

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<title>Penerima Prakerja 2020 Capai 5,5 Juta Orang - Kompas.com</title>
<meta property="og:site_name" content="Kompas.com">
<meta property="article:published_time" content="2021-02-23T10:15:00+07:00">
<meta name="author" content="Ratna Puspitasari">
<script>var anggaran = "Rp 999 triliun";</script><style>body { width: 1234px }</style></head>
<body><header><nav><ul><li><a href="/">Beranda</a></li><li><a href="/money">Money 777</a></li></ul>
</nav></header>
<div class="iklan ads">ADVERTISEMENT diskon 75 persen</div>
<main><article>
<h1>Penerima Prakerja 2020 Capai 5,5 Juta Orang</h1>
<p>JAKARTA, KOMPAS.com - Pemerintah mencatat penerima Kartu Prakerja pada 2020 mencapai
<b>5,5 juta</b> orang dari 11 gelombang pendaftaran, kata Menko Airlangga, Selasa (23/2/2021).</p>
<p>Anggaran program tahun itu sebesar Rp 20 triliun&nbsp;dan insentif Rp 600.000 per bulan.</p>
</article></main>
<aside><h3>Terpopuler</h3><ul><li><a href="/x">Harga emas naik 333 persen</a></li></ul></aside>
<footer><p>Copyright 2008 - 2024 PT Kompas Cyber Media, 4.444 pembaca</p></footer>
</body></html>"""


# --- HTML -----------------------------------------------------------------------------------------


def test_html_page_yields_title_byline_and_paragraphs_without_chrome() -> None:
    text = read_html(PAGE.encode("utf-8"))[0]
    lines = text.splitlines()
    assert lines[0] == "Penerima Prakerja 2020 Capai 5,5 Juta Orang"
    assert lines[1] == "Kompas.com - 23 Februari 2021"
    assert lines[2] == "Penulis: Ratna Puspitasari"
    assert lines[3].startswith("JAKARTA, KOMPAS.com - Pemerintah mencatat") and "5,5 juta orang" in lines[3]
    assert lines[4] == "Anggaran program tahun itu sebesar Rp 20 triliun dan insentif Rp 600.000 per bulan."
    assert len(lines) == 5
    for chrome in ("999", "1234", "Beranda", "777", "ADVERTISEMENT", "333", "Copyright", "4.444"):
        assert chrome not in text


def test_html_article_goes_through_the_usual_pipeline() -> None:
    a = extract_article("articles/page.html", PAGE.encode("utf-8"))
    found = {(f.value, f.unit) for f in a.figures}
    assert {(5_500_000, "person"), (20_000_000_000_000, "rupiah"), (600_000, "rupiah")} <= found
    assert not any(f.value in (999_000_000_000_000, 333, 4_444, 75) for f in a.figures)
    for f in a.figures:
        start, end = a.clean.to_raw(f.start), a.clean.to_raw(f.end)
        assert a.text[start:end].strip()   # spans index into the extracted text
    row = article_row(a)
    assert (row["outlet"], str(row["published_date"]), row["author"]) == (
        "Kompas.com", "2021-02-23", "Ratna Puspitasari")
    assert row["n_chars"] == len(a.text) and row["encoding"] == "utf-8"


def test_broken_markup_still_yields_the_text() -> None:
    broken = (b"<html><body><div class='content'><h1>Prakerja Gelombang 12 Resmi Dibuka Hari Ini"
              b"<p>Kuota gelombang ini 600 ribu peserta <b>di seluruh <i>Indonesia</p>"
              b"<p>Pendaftaran dibuka hingga Kamis &amp; kuota terbatas<div></span></td>")
    text = read_html(broken)[0]
    assert "Kuota gelombang ini 600 ribu peserta" in text
    assert "Pendaftaran dibuka hingga Kamis & kuota terbatas" in text
    assert "<" not in text


def test_charset_comes_from_meta_when_it_decodes() -> None:
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'></head>"
            "<body><article><p>Insentif “Prakerja” cair – total Rp 2,4 juta per peserta tahun ini.</p>"
            "</article></body></html>")
    text, encoding = read_html(page.encode("cp1252"))
    assert encoding == "cp1252"   # browsers read iso-8859-1 as windows-1252
    assert "“Prakerja” cair – total Rp 2,4 juta" in text


def test_a_wrong_meta_charset_falls_back_to_the_decoder() -> None:
    page = ("<html><head><meta charset='utf-8'></head><body><article><p>Peserta café menerima "
            "Rp 600.000 per bulan selama empat bulan dari Kartu Prakerja.</p></article></body></html>")
    text, _ = read_html(page.encode("cp1252"))
    assert "Peserta café menerima Rp 600.000" in text


def test_utf16_page_with_bom_and_control_characters() -> None:
    page = ("<html><body><article><p>Penerima\x00 Kartu Prakerja\x07 mencapai 5,9 juta orang pada 2021 "
            "menurut data Manajemen Pelaksana.</p></article></body></html>")
    assert "Penerima Kartu Prakerja mencapai 5,9 juta orang" in read_html(page.encode("utf-16"))[0]


def test_plain_text_saved_as_html_is_the_article_as_it_stands() -> None:
    plain = "Penerima Kartu Prakerja 5,5 juta orang.\nAnggaran Rp 20 triliun.\n"
    assert read_html(plain.encode())[0] == plain


@pytest.mark.parametrize("page", [
    b"<html><head><script>var penerima = 5500000;</script><style>p{}</style></head><body></body></html>",
    b"<html><body><nav><a href='/'>Beranda</a> <a href='/b'>Berita</a></nav>"
    b"<footer>Copyright 2024</footer></body></html>",
    b"<!-- nothing but a comment -->",
])
def test_a_page_without_article_text_is_refused(page: bytes) -> None:
    with pytest.raises(UnreadableInput, match="no article text found in the HTML page"):
        read_html(page)[0]


def test_empty_and_binary_html_are_refused_like_text() -> None:
    with pytest.raises(UnreadableInput, match="empty"):
        read_html(b"  \n ")[0]
    with pytest.raises(UnreadableInput, match="binary"):
        read_html(bytes(range(256)) * 40)[0]


def test_a_page_with_an_absurd_number_of_elements_is_refused() -> None:
    page = b"<html><body>" + b"<span>x</span>" * (MAX_ELEMENTS + 1) + b"</body></html>"
    with pytest.raises(UnreadableInput, match="elements"):
        read_html(page)[0]


# --- JSON -----------------------------------------------------------------------------------------


def test_scraper_json_is_laid_out_like_a_txt_article() -> None:
    doc = {"title": "Prakerja 2021 Dibuka untuk 2,8 Juta Orang", "published_at": "2021-04-09T08:00:00Z",
           "author": ["Andi Saputra", {"name": "Rina Wulandari"}], "url": "https://www.liputan6.com/bisnis/x",
           "content": "<p>Liputan6.com, Jakarta - Pemerintah membuka gelombang 17 untuk 2,8 juta orang.</p>"
                      "<script>alert(1)</script><p>Anggaran Rp 10 triliun.<br>Baca juga: Cara daftar</p>"}
    assert read_json(json.dumps(doc).encode())[0] == (
        "Prakerja 2021 Dibuka untuk 2,8 Juta Orang\n"
        "liputan6.com - 9 April 2021\n"
        "Penulis: Andi Saputra, Rina Wulandari\n"
        "Liputan6.com, Jakarta - Pemerintah membuka gelombang 17 untuk 2,8 juta orang.\n"
        "Anggaran Rp 10 triliun.\n"
        "Baca juga: Cara daftar\n")


def test_json_metadata_and_figures_reach_the_article_row() -> None:
    doc = {"Headline": "Kuota Prakerja Gelombang 12 Sebanyak 600 Ribu", "Source": "Kontan",
           "datePublished": "2021-02-23", "byline": "Dina Mirayanti",
           "body": ["Kuota gelombang 12 sebanyak 600.000 orang.",
                    {"text": "Insentif Rp 2,4 juta per orang."}]}
    a = extract_article("articles/x.json", json.dumps(doc).encode())
    row = article_row(a)
    assert (row["title"], row["outlet"], str(row["published_date"]), row["author"]) == (
        "Kuota Prakerja Gelombang 12 Sebanyak 600 Ribu", "Kontan", "2021-02-23", "Dina Mirayanti")
    assert {(600_000, "person"), (2_400_000, "rupiah")} <= {(f.value, f.unit) for f in a.figures}


@pytest.mark.parametrize(("value", "shown"), [
    (1614049200, "23 Februari 2021"), (1614049200000, "23 Februari 2021"),
    ("2021-02-23 10:15:00", "23 Februari 2021"),
    ("Selasa, 23 Feb 2021 10:15 WIB", "Selasa, 23 Feb 2021 10:15 WIB"),
])
def test_json_dates_in_the_usual_forms(value: object, shown: str) -> None:
    doc = {"title": "Judul berita Prakerja yang cukup panjang", "source": "Tempo", "date": value,
           "text": "Isi berita."}
    assert read_json(json.dumps(doc).encode())[0].splitlines()[1] == f"Tempo - {shown}"


def test_a_wrapped_article_or_a_list_of_one_is_unwrapped() -> None:
    inner = {"title": "Judul berita Prakerja hari ini", "text": "Penerima 5 juta orang."}
    expected = "Judul berita Prakerja hari ini\nPenerima 5 juta orang.\n"
    assert read_json(json.dumps({"status": "ok", "data": inner}).encode())[0] == expected
    assert read_json(json.dumps([inner]).encode())[0] == expected


@pytest.mark.parametrize(("data", "reason"), [
    (b'{"title": "Prakerja", "content": "Penerima 5 juta', "not valid JSON: Unterminated string starting at"),
    (b"{'title': 'single quotes'}", "not valid JSON: Expecting property name enclosed in double quotes"),
    (b"[" * 100_000, "not valid JSON"),
    (b"[]", "empty list"),
    (json.dumps([{"text": "a"}, {"text": "b"}]).encode(),
     "list of 2 articles; one file must hold one article"),
    (b'"just a string"', "holds a string, not an article object"),
    (b'{"title": "Judul saja", "url": "https://x.id"}', "no body text"),
    (b'{"title": "Judul", "content": "<script>x()</script>"}', "no body text"),
])
def test_unusable_json_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput, match=reason) as caught:
        read_json(data)[0]
    assert "\n" not in str(caught.value)


def test_json_in_utf16_with_bom() -> None:
    doc = {"title": "Judul berita Prakerja hari ini", "text": "Insentif “Prakerja” Rp 600 ribu."}
    text, encoding = read_json(json.dumps(doc, ensure_ascii=False).encode("utf-16"))
    assert encoding == "utf-16" and "“Prakerja”" in text


def test_article_suffixes() -> None:
    assert ARTICLE_SUFFIXES == (".txt", ".html", ".htm", ".json")
