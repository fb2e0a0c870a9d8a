"""An article that checks claims is told from one that only reports them, on articles written
for the test: a fact-check states the claimed value beside the true one on purpose, so the
`review` rule contradicts_own_article passes its two values by (tests/warehouse/test_claims.py)."""

from __future__ import annotations

from prakerja_etl.sources.articles import article_row, extract_article

FACT_CHECK = """Periksa Fakta: Benarkah Penerima Kartu Prakerja 2021 Mencapai 9 Juta Orang?
Rabu, 9 Maret 2022
Jakarta - Sebuah pesan berantai menyebut penerima Kartu Prakerja sepanjang 2021 mencapai 9 juta orang.
Data program mencatat penerima tahun itu 6.019.842 orang, sehingga narasi dalam pesan itu menyesatkan.
"""

# Claims are reported, none is checked: a company's own count, an insurance claim.
REPORTS_CLAIMS = """Platform Belajar Daring Raup Ratusan Ribu Pengguna Prakerja
Rabu, 9 Maret 2022
Jakarta - Perusahaan itu mengklaim 400 ribu penerima Kartu Prakerja belajar di platformnya sepanjang 2021.
Direkturnya juga menyebut klaim asuransi pengguna naik tiga kali lipat tahun lalu.
"""


def checks_claims(text: str) -> bool:
    return bool(article_row(extract_article("articles/a.txt", text.encode("utf-8")))["checks_claims"])


def test_a_fact_check_is_an_article_that_checks_claims() -> None:
    assert checks_claims(FACT_CHECK)
    assert checks_claims(FACT_CHECK.replace("Periksa Fakta: ", "").replace("menyesatkan", "hoaks"))


def test_an_article_reporting_a_claim_does_not_check_it() -> None:
    assert not checks_claims(REPORTS_CLAIMS)
