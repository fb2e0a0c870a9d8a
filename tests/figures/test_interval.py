"""A stated figure is an interval: its written precision and its qualifier (CLAIMS.md)."""

from __future__ import annotations

import math

import pytest

from prakerja_etl.figures.interval import hedge, interval, stored

M = 1_000_000


@pytest.mark.parametrize(("value", "raw", "expected"), [
    (5.5 * M, "5,5 juta", (5.45 * M, 5.6 * M)),            # rounded (5,45…) or cut off (…5,6)
    (5.9 * M, "5,9 juta", (5.85 * M, 6.0 * M)),
    (5.48 * M, "5,48 juta", (5.475 * M, 5.49 * M)),
    (2.25 * M, "2,25 jt", (2.245 * M, 2.26 * M)),          # abbreviated scale word
    (600_000, "Rp600 ribu", (599_500, 601_000)),            # trailing zeros written count
    (5_987_674, "5.987.674", (5_987_674, 5_987_674)),       # a count written in full is exact
    (1_701, "1.701", (1_701, 1_701)),
    (34, "34", (34, 34)),
])
def test_written_precision(value: float, raw: str, expected: tuple[float, float]) -> None:
    assert interval(value, raw, "person", None) == pytest.approx(expected)


def test_a_single_digit_with_a_scale_word_is_not_read_coarser_than_five_percent() -> None:
    assert interval(5 * M, "5 juta", "person", None) == pytest.approx((4.875 * M, 5.25 * M))


def test_number_words_write_no_digit_to_round() -> None:
    assert interval(3.5 * M, "tiga setengah juta", "person", None) == (3.5 * M, 3.5 * M)
    assert interval(5 * M, "lima juta", "person", "hampir") == pytest.approx((4.75 * M, 5 * M))
    # look-alike: the same value in digits was rounded
    assert interval(5 * M, "5 juta", "person", "hampir") == pytest.approx((4.75 * M, 5.25 * M))


def test_a_share_is_rounded_to_its_last_written_digit_even_when_whole() -> None:
    assert interval(88.9, "88,9 persen", "percent", None) == pytest.approx((88.85, 89.0))
    assert interval(40, "40%", "percent", None) == pytest.approx((39.5, 41.0))


@pytest.mark.parametrize(("qualifier", "expected"), [
    ("lebih dari", (4.875 * M, math.inf)),
    ("sedikitnya", (4.875 * M, math.inf)),
    ("di bawah", (-math.inf, 5.25 * M)),
    ("kurang dari", (-math.inf, 5.25 * M)),
])
def test_bounding_qualifiers_open_one_side(qualifier: str, expected: tuple[float, float]) -> None:
    assert interval(5 * M, "5 juta", "person", qualifier) == pytest.approx(expected)


def test_about_is_five_percent_either_way_and_almost_lowers_the_floor() -> None:
    assert interval(6 * M, "6 juta", "person", "sekitar") == pytest.approx((5.7 * M, 6.3 * M))
    assert interval(6 * M, "6 juta", "person", "kurang lebih") == pytest.approx((5.7 * M, 6.3 * M))
    # 'hampir' lowers the floor; '6 juta' is still rounded above, '6.000.000' is not
    assert interval(6 * M, "6 juta", "person", "hampir") == pytest.approx((5.7 * M, 6.3 * M))
    assert interval(6 * M, "6.000.000", "person", "Nyaris") == pytest.approx((5.7 * M, 6 * M))
    assert interval(5.1 * M, "5,1 juta", "person", "hampir") == pytest.approx((4.845 * M, 5.2 * M))


def test_qualifiers_are_read_whatever_their_spacing_and_an_unknown_one_changes_nothing() -> None:
    assert hedge("lebih   dari") == "at_least" and hedge(None) is None
    assert interval(5.5 * M, "5,5 juta", "person", "resmi") == interval(5.5 * M, "5,5 juta", "person", None)


def test_each_bound_of_a_range_is_stated_with_its_own_precision() -> None:
    high = interval(4.5 * M, "4,5 juta", "person", None)
    assert high == pytest.approx((4.45 * M, 4.6 * M))
    # so a range of 3 to 4,5 juta and another source's 2,9 juta cannot both hold
    assert interval(2.9 * M, "2,9 juta", "person", None)[1] < high[0]


def test_the_warehouse_stores_an_open_side_as_null() -> None:
    assert stored((5.0, math.inf)) == (5.0, None) and stored((-math.inf, 2.0)) == (None, 2.0)


def _bounds(body: str) -> list[tuple[str | None, tuple[float, float]]]:
    from prakerja_etl.sources.articles import extract_article
    a = extract_article("articles/uji.txt", f"Judul\nRabu, 8 Maret 2023 09:00 WIB\n{body}\n".encode())
    return [(f.qualifier, f.bounds()) for f in a.figures]


def test_a_negated_hedge_turns_its_bound_around() -> None:
    # 'not less than' is a floor, 'not even' a ceiling
    [(_, (low, high))] = _bounds("Dana pelatihan yang disiapkan tidak kurang dari Rp 4 triliun.")
    assert low > 3.8e12 and high == math.inf
    [(_, (low, high))] = _bounds("Penerima gelombang itu tak sampai 500 ribu orang.")
    assert low == -math.inf and high == pytest.approx(501_000)
    # look-alike: the plain hedge keeps its own side
    [(_, (low, high))] = _bounds("Penerima gelombang itu kurang dari 500 ribu orang.")
    assert low == -math.inf


def test_almost_reaching_lowers_the_floor_and_a_range_said_roughly_is_widened() -> None:
    [(qualifier, (low, high))] = _bounds("Jumlah peminatnya nyaris menembus 3 juta orang.")
    assert qualifier == "nyaris menembus" and high == 3.15e6 and low < 2.9e6
    [(qualifier, (low, high))] = _bounds("Peminat pelatihan itu berkisar 700 ribu orang.")
    assert qualifier == "berkisar" and low < 670_000 and high > 730_000
    # look-alike: breaking through a value is at least it
    [(qualifier, (low, high))] = _bounds("Jumlah peminatnya menembus 3 juta orang.")
    assert qualifier == "menembus" and high == math.inf
