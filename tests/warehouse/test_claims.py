"""claims, conflicts and review on a real DuckDB warehouse, with rows written for each rule.

The warehouse is made by the loader's own `ensure_schema` and reference tables; article figures
pass the `FigureRow` contract with the interval `figure_rows` would give them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from prakerja_etl.figures.interval import interval, stored
from prakerja_etl.loader import reference_frames
from prakerja_etl.schemas import FigureRow
from prakerja_etl.validate import split_valid
from prakerja_etl.warehouse.connection import connect
from prakerja_etl.warehouse.load import replace_reference
from prakerja_etl.warehouse.schema import ensure_schema

M = 1_000_000
OFFICIAL_2020 = 5_987_674      # Jawa Barat 3,000,000 + Jawa Timur 2,987,674


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with connect(tmp_path / "w.duckdb") as connection:
        ensure_schema(connection)
        replace_reference(connection, reference_frames())
        official(connection, [("3201", "32", 2020, 3_000_000), ("3501", "35", 2020, 2_987_674)])
        yield connection


def official(con: duckdb.DuckDBPyConnection, rows: list[tuple[str, str, int, int]]) -> None:
    names = dict(con.execute("SELECT province_code, province_name FROM provinces").fetchall())
    frame = pd.DataFrame([{"regency_code": r, "regency_name": f"Kabupaten {r}", "province_code": p,
                           "province_name": names[p], "province_name_published": names[p], "year": y,
                           "recipients": n, "source_file": "official/all_kabupaten_kota.json"}
                          for r, p, y, n in rows])
    insert(con, "official_recipients", frame)


def insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> None:
    con.register("new_rows", frame)
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM new_rows")
    con.unregister("new_rows")


_count = 0


def figure(value: float, raw: str, *, metric: str | None = "recipients_total", unit: str = "person",
           period: str | None = "2020", basis: str = "total", as_of: str | None = None,
           qualifier: str | None = None, province: tuple[str, str] | None = None, subject: str | None = None,
           article: str = "a") -> dict[str, Any]:
    """One figure row as `figure_rows` writes it (the sentence is a placeholder)."""
    global _count
    _count += 1
    low, high = stored(interval(value, raw, unit, qualifier))
    return {"figure_id": f"{article}-{_count:04d}", "article_id": article,
            "source_file": f"articles/{article}.txt",
            "value": value, "unit": unit, "metric": metric, "raw_text": raw, "sentence": f"… {raw} …",
            "char_start": 10 * _count, "char_end": 10 * _count + len(raw), "period": period,
            "province_code": province[0] if province else None,
            "province_name": province[1] if province else None,
            "qualifier": qualifier, "range_part": None, "subject": subject, "rule": "test", "basis": basis,
            "as_of": as_of, "value_low": low, "value_high": high}


def load(con: duckdb.DuckDBPyConnection, *rows: dict[str, Any]) -> None:
    valid, rejected = split_valid(FigureRow, pd.DataFrame(list(rows)))
    assert not rejected, rejected
    insert(con, "figures", valid)


def conflicts(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute("SELECT metric, period, basis, as_of, province_name FROM conflicts "
                       "ORDER BY ALL").fetchall()


def review(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    return set(con.execute("SELECT source_file, rule FROM review").fetchall())


# Which figures are claims

def test_claims_are_prakerja_quantities_and_the_official_counts_per_year(
        con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5.5 * M, "5,5 juta"),
         figure(12, "ke-12", metric="wave_number", unit="ordinal"),        # a wave's number is a name
         figure(12 * M, "12 juta", subject="BSU", metric=None),            # another programme
         figure(8 * M, "8 juta", metric=None))                             # fits no metric
    rows = con.execute("SELECT source_kind, metric, period, province_name, value, value_low, value_high "
                       "FROM claims ORDER BY ALL").fetchall()
    assert rows == [
        ("article", "recipients_total", "2020", None, 5.5 * M, 5.45 * M, 5.6 * M),
        ("official", "province_recipients", "2020", "Jawa Barat", 3 * M, 3 * M, 3 * M),
        ("official", "province_recipients", "2020", "Jawa Timur", 2_987_674, 2_987_674, 2_987_674),
        ("official", "recipients_total", "2020", None, OFFICIAL_2020, OFFICIAL_2020, OFFICIAL_2020),
        ("official", "regencies_covered", "2020", None, 2, 2, 2),
    ]


def test_before_2022_a_new_papua_province_counts_in_the_one_it_was_split_from(
        con: duckdb.DuckDBPyConnection) -> None:
    official(con, [("9401", "94", 2021, 700), ("9101", "91", 2021, 300), ("9401", "94", 2022, 500)])
    rows = con.execute("SELECT period, province_code, value FROM claims WHERE metric = 'province_recipients' "
                       "AND province_code LIKE '9%' ORDER BY ALL").fetchall()
    assert rows == [("2021", "91", 1000), ("2022", "94", 500)]


def test_a_survey_cell_is_rounded_to_the_decimals_it_prints(con: duckdb.DuckDBPyConnection) -> None:
    insert(con, "survey_results", pd.DataFrame([{
        "source_file": "surveys/t.csv", "survey": "S", "publisher": "P", "period": "2021", "metric":
        "recipients_female_share", "province_code": None, "province_name": None, "group": None, "value": 12.5,
        "unit": "percent", "label": "Perempuan", "sheet": None, "row_number": 2, "column_name": "%",
        "cell": "r2c2", "published": True}]))
    low, high = con.execute("SELECT value_low, value_high FROM claims "
                            "WHERE source_kind = 'survey'").fetchone()
    assert (low, high) == pytest.approx((12.45, 12.55))


# When do sources disagree: intervals

def test_more_than_five_million_does_not_conflict_with_the_official_count(
        con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5 * M, "5 juta", qualifier="lebih dari"))
    assert conflicts(con) == []


def test_five_and_a_half_million_conflicts_with_the_official_count(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5.5 * M, "5,5 juta"))
    assert conflicts(con) == [("recipients_total", "2020", "total", None, None)]
    sources, gap = con.execute("SELECT sources, gap FROM conflicts").fetchone()
    assert "article:articles/a.txt=5500000.0 [5450000.0, 5600000.0] total" in sources
    assert f"official:official/all_kabupaten_kota.json={OFFICIAL_2020}.0 [" in sources
    assert gap == OFFICIAL_2020 - 5.6 * M


def test_five_point_nine_million_covers_the_official_count(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5.9 * M, "5,9 juta"))
    assert conflicts(con) == []


def test_about_and_almost_widen_the_interval(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(6 * M, "6 juta", qualifier="hampir", period="2020"))      # 5,7–6 juta
    assert conflicts(con) == []
    load(con, figure(5.6 * M, "5,6 juta", qualifier="sekitar", article="b"))  # 5,32–5,88 juta
    assert conflicts(con) == [("recipients_total", "2020", "total", None, None)]


def test_almost_a_rounded_number_is_loose_not_wrong(con: duckdb.DuckDBPyConnection) -> None:
    # 'hampir 6 juta' of 6.100.000: '6 juta' was rounded, so it can reach 6,3 juta
    load(con, figure(6 * M, "6 juta", qualifier="hampir", period="2021"),
         figure(6_100_000, "6.100.000", period="2021", article="b"))
    assert conflicts(con) == []
    # look-alike: a count well above the rounding's reach disagrees
    load(con, figure(6_400_000, "6.400.000", period="2021", article="c"))
    assert conflicts(con) == [("recipients_total", "2021", "total", None, None)]


def test_one_source_alone_never_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(4 * M, "4 juta", period="2019"), figure(7 * M, "7 juta", period="2019"))
    assert conflicts(con) == []


# When do sources disagree: basis

def test_parts_and_superseded_values_never_conflict(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(600_000, "600 ribu", basis="part"), figure(2 * M, "2 juta", basis="superseded"),
         figure(700_000, "700 ribu", basis="part", article="b"))
    assert conflicts(con) == []


def test_a_total_without_a_period_is_not_compared(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5 * M, "5 juta", period=None), figure(9 * M, "9 juta", period=None, article="b"))
    assert conflicts(con) == []


def test_running_totals_are_compared_by_the_month_they_stand_at(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(16 * M, "16 juta", period=None, basis="to_date", as_of="2023-03-02"),
         figure(18.9 * M, "18,9 juta", period=None, basis="to_date", as_of="2023-03-27", article="b"),
         figure(17 * M, "17 juta", period=None, basis="to_date", as_of="2023-05", article="c"))
    assert conflicts(con) == [("recipients_total", None, "to_date", "2023-03", None)]
    sources = con.execute("SELECT sources FROM conflicts").fetchone()[0]
    assert "to_date@2023-03-02" in sources and "articles/c.txt" not in sources


def test_a_running_total_is_not_compared_with_the_whole_year(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(2 * M, "2 juta", period="2020", basis="to_date", as_of="2020-06"))
    assert conflicts(con) == []


# Plausibility: the review list

def test_a_share_above_100_loads_and_is_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(124, "124 persen", metric="recipients_female_share", unit="percent"))
    assert review(con) == {("articles/a.txt", "share_over_100")}


def test_a_fraction_of_a_person_is_reviewed_and_kept_out_of_conflicts(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(2.7, "2,7 orang"), figure(0.5, "0,5 orang", period=None, article="b"),
         figure(3, "3 orang", article="c", metric="province_recipients", province=("32", "Jawa Barat")))
    # (2,7 people in 2020 is also below a province's official count of that year)
    assert review(con) == {("articles/a.txt", "persons_not_whole"), ("articles/b.txt", "persons_not_whole"),
                           ("articles/a.txt", "national_below_province")}
    assert ("recipients_total", "2020", "total", None, None) not in conflicts(con)


def test_a_per_person_amount_above_the_budget_is_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(20e12, "Rp20 triliun", metric="budget_total", unit="rupiah"),
         figure(600_000, "Rp600 ribu", metric="incentive_monthly", unit="rupiah", period="2020-06",
                article="b"),
         figure(30e12, "Rp30 triliun", metric="incentive_monthly", unit="rupiah", article="c"),
         figure(30e12, "Rp30 triliun", metric="incentive_monthly", unit="rupiah", period="2019", article="d"))
    assert review(con) == {("articles/c.txt", "per_person_above_budget")}


def test_a_running_total_that_falls_later_is_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(16.4 * M, "16,4 juta", period=None, basis="to_date", as_of="2023-01-10"),
         figure(12 * M, "12 juta", period=None, basis="to_date", as_of="2023-06-01", article="b"),
         figure(17 * M, "17 juta", period=None, basis="to_date", as_of="2023-09", article="c"),
         figure(16 * M, "16 juta", period=None, basis="to_date", as_of="2023-10", article="d",
                qualifier="lebih dari"))
    assert review(con) == {("articles/b.txt", "running_total_falls")}


def test_a_province_above_the_nation_is_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(7 * M, "7 juta", metric="province_recipients", province=("32", "Jawa Barat")),
         figure(2 * M, "2 juta", metric="province_recipients", province=("35", "Jawa Timur"), article="b"))
    assert review(con) == {("articles/a.txt", "province_above_national")}
    # Otherwise it conflicts with the official Jawa Barat count; under review, it does not.
    assert [c for c in conflicts(con) if c[4] == "Jawa Barat"] == []


def test_a_national_total_below_a_provinces_official_count_is_reviewed(
        con: duckdb.DuckDBPyConnection) -> None:
    # the official 2020 counts: Jawa Barat 3 juta, Jawa Timur 2.987.674 (the nation's 5.987.674)
    load(con, figure(14_300, "14.300"), figure(5.5 * M, "5,5 juta", article="b"),
         figure(14_300, "14.300", period=None, article="c"),
         figure(14_300, "14.300", basis="to_date", as_of="2020-06", article="d"))
    assert review(con) == {("articles/a.txt", "national_below_province")}
    # the 5,5 juta still conflicts with the official count; the local 14.300 does not
    assert ("recipients_total", "2020", "total", None, None) in conflicts(con)
    compared = "SELECT count(*) FROM compared_claims WHERE value = 14300 AND basis = 'total'"
    assert con.execute(compared).fetchone() == (0,)


def test_shares_of_one_breakdown_adding_past_100_are_reviewed(con: duckdb.DuckDBPyConnection) -> None:
    share = dict(unit="percent", period="2021")
    load(con, figure(60, "60 persen", metric="recipients_male_share", **share),
         figure(45, "45 persen", metric="recipients_female_share", **share),
         # rounded shares adding to a little over 100 are fine
         figure(55.5, "55,5 persen", metric="recipients_male_share", article="b", **share),
         figure(44.6, "44,6 persen", metric="recipients_female_share", article="b", **share),
         # and two sources never add up
         figure(70, "70 persen", metric="recipients_urban_share", article="c", **share),
         figure(40, "40 persen", metric="recipients_rural_share", article="d", **share))
    assert con.execute("SELECT metric, rule FROM review ORDER BY ALL").fetchall() == [
        ("recipients_female_share", "breakdown_over_100"), ("recipients_male_share", "breakdown_over_100")]


def article_rows(con: duckdb.DuckDBPyConnection, **checks_claims: bool) -> None:
    """The `articles` rows of the named test articles: whether each checks someone's claims."""
    insert(con, "articles", pd.DataFrame([
        {"article_id": name, "source_file": f"articles/{name}.txt", "content_sha256": name,
         "encoding": "utf-8", "n_chars": 100, "checks_claims": checks}
        for name, checks in checks_claims.items()]))


def test_an_article_giving_two_values_of_one_quantity_is_reviewed_not_compared(
        con: duckdb.DuckDBPyConnection) -> None:
    article_rows(con, a=False, b=False, c=False, d=False)
    load(con, figure(3 * M, "3 juta"), figure(4 * M, "4 juta"),                       # a: cannot both hold
         figure(5.5 * M, "5,5 juta", article="b"),
         figure(5.9 * M, "5,9 juta", article="c"), figure(6 * M, "6 juta", qualifier="hampir", article="c"),
         # the two bounds of one range ('antara 3 dan 4,5 juta') are one statement
         {**figure(3 * M, "3", article="d"), "range_part": "low"},
         {**figure(4.5 * M, "4,5 juta", article="d"), "range_part": "high"})
    assert review(con) == {("articles/a.txt", "contradicts_own_article")}
    assert con.execute("SELECT count(*) FROM review").fetchone() == (2,)
    # b's 5,5 juta still conflicts with the official count; a's two values stay out of it
    assert conflicts(con) == [("recipients_total", "2020", "total", None, None)]
    assert "articles/a.txt" not in con.execute("SELECT sources FROM conflicts").fetchone()[0]


def test_an_own_value_near_the_official_count_is_compared_with_it(con: duckdb.DuckDBPyConnection) -> None:
    # 5,5 juta is within 15 % of the official 5.987.674: a reporter's slip about that count, so it
    # meets the official one; 4 juta beside it, far from it, is left to a person.
    article_rows(con, a=False)
    load(con, figure(5.5 * M, "5,5 juta"), figure(4 * M, "4 juta"))
    assert con.execute("SELECT value FROM review").fetchall() == [(4 * M,)]
    assert "articles/a.txt=5500000.0" in con.execute("SELECT sources FROM conflicts").fetchall()[0][0]
    # look-alike: of a year the programme published no count for, neither value is taken
    load(con, figure(5.5 * M, "5,5 juta", period="2023"), figure(4 * M, "4 juta", period="2023"))
    assert con.execute("SELECT count(*) FROM review WHERE period = '2023'").fetchone() == (2,)


def test_a_value_implausible_on_its_own_does_not_make_its_article_contradict_itself(
        con: duckdb.DuckDBPyConnection) -> None:
    # A town's count taken for the nation's is reviewed for that; the article's national count
    # beside it is no self-contradiction and still meets the official one.
    article_rows(con, a=False)
    load(con, figure(14_300, "14.300"), figure(5.5 * M, "5,5 juta"))
    assert con.execute("SELECT value, rule FROM review").fetchall() == [(14_300, "national_below_province")]
    assert conflicts(con) == [("recipients_total", "2020", "total", None, None)]
    assert "articles/a.txt=5500000.0" in con.execute("SELECT sources FROM conflicts").fetchone()[0]


def test_a_fact_check_keeps_the_claim_it_refutes_beside_the_true_count(
        con: duckdb.DuckDBPyConnection) -> None:
    article_rows(con, a=True)
    load(con, figure(9 * M, "9 juta"), figure(OFFICIAL_2020, "5.987.674"))
    assert review(con) == set()
    assert conflicts(con) == [("recipients_total", "2020", "total", None, None)]


def test_figure_contract_checks_the_interval_holds_the_value() -> None:
    row = figure(5.5 * M, "5,5 juta")
    _, rejected = split_valid(FigureRow, pd.DataFrame([{**row, "value_low": 6 * M}]))
    assert len(rejected) == 1 and "interval_holds_value" in rejected[0]["reason"]


def test_conflict_groups_are_the_conflicts_without_their_sources(con: duckdb.DuckDBPyConnection) -> None:
    load(con, figure(5.5 * M, "5,5 juta"),
         figure(16 * M, "16 juta", period=None, basis="to_date", as_of="2023-03-02", article="b"),
         figure(18.9 * M, "18,9 juta", period=None, basis="to_date", as_of="2023-03-27", article="c"))
    groups = con.execute("SELECT * FROM conflict_groups ORDER BY ALL").fetchall()
    assert len(groups) == 2
    assert groups == con.execute("SELECT * EXCLUDE (sources) FROM conflicts ORDER BY ALL").fetchall()
