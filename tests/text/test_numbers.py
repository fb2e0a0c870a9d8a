import pytest

from prakerja_etl.text.numbers import parse_number_words, parse_numeral, parse_roman


@pytest.mark.parametrize(("text", "value"), [
    ("5.509.055", 5509055), ("1.701", 1701), ("5,5", 5.5), ("88,9", 88.9), ("6.827,51", 6827.51),
    ("12,0", 12.0), ("45", 45),
])
def test_indonesian_numerals_use_dot_thousands_and_comma_decimals(text: str, value: float) -> None:
    assert parse_numeral(text) == pytest.approx(value)


def test_english_decimal_point_when_asked() -> None:
    assert parse_numeral("5.9", english=True) == pytest.approx(5.9)


@pytest.mark.parametrize(("words", "value"), [
    ("tujuh", 7), ("lima juta", 5_000_000), ("Satu Juta", 1_000_000), ("sebelas", 11),
    ("dua belas", 12), ("dua puluh tiga", 23), ("seratus ribu", 100_000),
    ("enam ratus ribu", 600_000), ("tiga setengah juta", 3_500_000),
    ("empat koma dua juta", 4_200_000), ("seribu lima ratus", 1500),
    ("dua juta lima ratus ribu", 2_500_000), ("tiga ratus dua puluh lima ribu", 325_000),
])
def test_number_words(words: str, value: float) -> None:
    assert parse_number_words(words) == pytest.approx(value)


def test_two_unit_words_in_a_row_are_not_one_number() -> None:
    assert parse_number_words("dua tiga") is None


@pytest.mark.parametrize(("roman", "value"), [("I", 1), ("IV", 4), ("IX", 9), ("XXII", 22)])
def test_roman_numerals(roman: str, value: int) -> None:
    assert parse_roman(roman) == value


def test_not_a_roman_numeral() -> None:
    assert parse_roman("IVA") is None


def test_cardinal_words_name_items_of_a_series() -> None:
    from prakerja_etl.text.numbers import CARDINAL_WORDS
    assert {"satu", "sembilan", "sebelas"} <= CARDINAL_WORDS and "nol" not in CARDINAL_WORDS
