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


def test_number_words_take_the_precision_of_their_value() -> None:
    assert interval(3.5 * M, "tiga setengah juta", "person", None) == pytest.approx((3.45 * M, 3.6 * M))
    assert interval(7, "tujuh", "count", None) == (7, 7)


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


def test_about_is_five_percent_either_way_and_almost_is_just_below() -> None:
    assert interval(6 * M, "6 juta", "person", "sekitar") == pytest.approx((5.7 * M, 6.3 * M))
    assert interval(6 * M, "6 juta", "person", "kurang lebih") == pytest.approx((5.7 * M, 6.3 * M))
    assert interval(6 * M, "6 juta", "person", "hampir") == pytest.approx((5.7 * M, 6 * M))
    assert interval(6 * M, "6 juta", "person", "Nyaris") == pytest.approx((5.7 * M, 6 * M))


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
