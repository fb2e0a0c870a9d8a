from pathlib import Path

import pytest

from prakerja_etl.text.provinces import (
    Province,
    canonical_province,
    find_provinces,
    load_provinces,
    province_by_code,
)


def names(text: str) -> list[str]:
    """Province names found in text, in order."""
    return [mention.province.name for mention in find_provinces(text)]


def test_reference_has_38_provinces_with_unique_two_digit_codes() -> None:
    provinces = load_provinces()
    codes = [p.code for p in provinces]
    assert len(provinces) == 38
    assert len(set(codes)) == 38
    assert all(len(code) == 2 and code.isdigit() for code in codes)
    assert len({p.name for p in provinces}) == 38


def test_only_the_four_2022_papua_provinces_are_flagged_since_2022() -> None:
    flagged = {p.code: p.name for p in load_provinces() if p.since_2022}
    assert flagged == {
        "93": "Papua Selatan",
        "94": "Papua Tengah",
        "95": "Papua Pegunungan",
        "96": "Papua Barat Daya",
    }


def test_province_by_code_returns_official_names() -> None:
    assert province_by_code("31").name == "DKI Jakarta"
    assert province_by_code("34").name == "DI Yogyakarta"
    assert province_by_code("19").name == "Kepulauan Bangka Belitung"
    assert province_by_code("96").name == "Papua Barat Daya"


def test_province_by_code_rejects_unknown_code() -> None:
    with pytest.raises(KeyError, match="two-digit"):
        province_by_code("94 ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jabar", "Jawa Barat"),
        ("NTB", "Nusa Tenggara Barat"),
        ("DIY", "DI Yogyakarta"),
        ("Babel", "Kepulauan Bangka Belitung"),
        ("Kep. Riau", "Kepulauan Riau"),
        ("Sumatra Utara", "Sumatera Utara"),
        ("NAD", "Aceh"),
        ("Papua Selatan", "Papua Selatan"),
        ("Papua Tengah", "Papua Tengah"),
        ("Papua Pegunungan", "Papua Pegunungan"),
        ("Papua Barat Daya", "Papua Barat Daya"),
        # sobriquets of regional news
        ("Bumi Etam", "Kalimantan Timur"),
        ("Benua Etam", "Kalimantan Timur"),
        ("Ranah Minang", "Sumatera Barat"),
        ("Bumi Lancang Kuning", "Riau"),
    ],
)
def test_alias_in_running_text_maps_to_official_name(text: str, expected: str) -> None:
    assert names(f"Penerima di {text} naik.") == [expected]


def test_longest_name_wins_and_mentions_come_in_order() -> None:
    text = "Papua Barat menjadi yang terendah, disusul Papua dan Maluku Utara"
    assert names(text) == ["Papua Barat", "Papua", "Maluku Utara"]
    assert names("Papua Barat Daya, Papua Barat dan Papua") == [
        "Papua Barat Daya",
        "Papua Barat",
        "Papua",
    ]


def test_dki_jakarta_is_one_mention_and_jakarta_alone_is_dki() -> None:
    assert [m.text for m in find_provinces("DKI Jakarta")] == ["DKI Jakarta"]
    assert names("warga Jakarta") == ["DKI Jakarta"]


def test_spans_slice_the_input() -> None:
    text = "Jawa Barat 793,4 ribu, JATIM 651,5 ribu dan D.I. Yogyakarta 98,6 ribu"
    mentions = find_provinces(text)
    assert [m.text for m in mentions] == ["Jawa Barat", "JATIM", "D.I. Yogyakarta"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Kabupaten Malang",
        "Kota Jambi",
        "Kota Surabaya",
        "Kabupaten Bengkulu Tengah dan Kota Bengkulu",
        "Kab. Lampung Selatan",
        "Bandar Lampung dan Banda Aceh",
        "Jakarta Selatan",
        "Papua Nugini",
    ],
)
def test_regencies_and_cities_are_not_provinces(text: str) -> None:
    assert find_provinces(text) == []


def test_regencies_of_a_province_still_name_the_province() -> None:
    assert names("38 kabupaten/kota di Jawa Timur") == ["Jawa Timur"]
    assert names("kabupaten dan kota Jateng") == ["Jawa Tengah"]


@pytest.mark.parametrize(
    "text",
    ["Pulau Jawa", "Jawa", "Jabarkan", "Kaltimur", "jabar", "detikJateng", "Indonesia"],
)
def test_no_province_without_a_whole_province_word(text: str) -> None:
    assert find_provinces(text) == []


def test_lowercase_di_is_a_preposition_not_daerah_istimewa() -> None:
    assert [m.text for m in find_provinces("Di Yogyakarta")] == ["Yogyakarta"]


def test_all_caps_abbreviations_must_be_capitals() -> None:
    assert names("JABAR dan Jabar") == ["Jawa Barat", "Jawa Barat"]
    assert names("ntb dan dki") == []


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("KEP. RIAU", "Kepulauan Riau"),
        ("Kep. Bangka Belitung", "Kepulauan Bangka Belitung"),
        ("DI Yogyakarta", "DI Yogyakarta"),
        ("Daerah Istimewa Yogyakarta", "DI Yogyakarta"),
        ("JAWA BARAT", "Jawa Barat"),
        ("Sumatra Utara", "Sumatera Utara"),
        ("  Jabar ", "Jawa Barat"),
        ("Provinsi Bali", "Bali"),
    ],
)
def test_canonical_province_reads_table_labels(label: str, expected: str) -> None:
    province = canonical_province(label)
    assert province is not None
    assert province.name == expected


@pytest.mark.parametrize("label", ["INDONESIA", "Indonesia", "Total", "Jumlah", "Kota Jambi", ""])
def test_canonical_province_is_none_for_non_provinces(label: str) -> None:
    assert canonical_province(label) is None


def test_load_provinces_asks_for_quoted_codes(tmp_path: Path) -> None:
    path = tmp_path / "provinces.yaml"
    path.write_text("provinces:\n  - {code: 31, name: DKI Jakarta, aliases: []}\n")
    with pytest.raises(ValueError, match="quoted"):
        load_provinces(path)


def test_load_provinces_reads_a_given_file(tmp_path: Path) -> None:
    path = tmp_path / "provinces.yaml"
    path.write_text('provinces:\n  - {code: "51", name: Bali, aliases: [Pulau Dewata]}\n')
    assert load_provinces(path) == [Province("51", "Bali", ("Pulau Dewata",))]


def test_a_sobriquets_words_alone_name_no_province() -> None:
    # look-alike: 'bumi' and 'ranah' are ordinary words ('ranah pelatihan', 'di muka bumi')
    assert names("Program ini masuk ranah pelatihan kerja yang diakui di muka bumi.") == []
