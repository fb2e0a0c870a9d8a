"""A count of areas sharing a property over a threshold is no coverage, and its bound is no count
(sentences written for these tests; each with a look-alike)."""

import pytest
from classified import figures


@pytest.mark.parametrize("text", [
    "Cuma empat provinsi yang pesertanya melampaui 250 ribu orang sepanjang tahun lalu.",
    "Sebanyak 9 kabupaten mencatat penerima kurang dari 500 orang.",
    "Ada 11 provinsi dengan jumlah pendaftarnya di atas 1 juta orang.",
])
def test_areas_over_a_threshold_are_neither_coverage_nor_a_count(text: str) -> None:
    assert [f.metric for f in figures(text)] == [None, None]
    assert [f.rule for f in figures(text)] == ["exclusion:areas-over-threshold",
                                               "exclusion:threshold-of-areas"]


@pytest.mark.parametrize(("text", "metrics"), [
    # the areas are what the programme reached, and the bounded count is all of its people
    ("Program ini menjangkau 34 provinsi dengan lebih dari 5 juta penerima.",
     ["provinces_covered", "recipients_total"]),
    # the count of areas is said with no property of each, and the next figure has no bound
    ("Sebanyak 34 provinsi yang sudah terjangkau mencatat 5,1 juta penerima.",
     ["provinces_covered", "recipients_total"]),
])
def test_coverage_with_a_count_after_it_stays_coverage(text: str, metrics: list[str]) -> None:
    assert [f.metric for f in figures(text)] == metrics
