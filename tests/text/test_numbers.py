import pytest

from prakerja_etl.text.numbers import parse_number_words, parse_numeral, parse_roman, scale


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


@pytest.mark.parametrize(("numeral", "multiplier", "value"), [
    ("16,4", 1e6, 16_400_000), ("4,1", 1e12, 4_100_000_000_000), ("8,38", 1e12, 8_380_000_000_000),
    ("5,509055", 1e6, 5_509_055), ("0,3", 1e9, 300_000_000), ("27,4", 1.0, 27.4),
])
def test_scaled_numerals_are_exact(numeral: str, multiplier: float, value: float) -> None:
    # Equality, not approx: binary floats make 16,4 × 10⁶ into 16399999.999999998.
    assert scale(parse_numeral(numeral), multiplier) == value


@pytest.mark.parametrize(("words", "value"), [
    ("empat koma satu juta", 4_100_000), ("delapan koma dua miliar", 8_200_000_000),
    ("enam belas koma empat juta", 16_400_000), ("satu koma satu triliun", 1_100_000_000_000),
])
def test_number_words_with_decimals_are_exact(words: str, value: int) -> None:
    assert parse_number_words(words) == value


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
