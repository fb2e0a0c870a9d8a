"""A figure the one before it is compared with, in the same sentence, is the same quantity at
another time, of the same place (sentences written for these tests; each with a look-alike)."""

import pytest
from classified import figures
from timed import timing


def _got(text: str) -> list[tuple[str | None, str | None]]:
    return [(f.metric, f.province.name if f.province else None) for f in figures(text)]


@pytest.mark.parametrize("text", [
    "Gorontalo mencatat 31 ribu penerima tahun ini, merosot dari 44 ribu setahun sebelumnya.",
    "Penerima di Gorontalo tahun ini 31 ribu orang, lebih sedikit dibanding tahun lalu yang 44 ribu orang.",
    "Dinas Gorontalo mencatat 31 ribu warga menjadi penerima, jauh di atas tahun lalu yang 24 ribu orang.",
])
def test_the_compared_figure_is_the_same_provinces_count(text: str) -> None:
    assert _got(text) == [("province_recipients", "Gorontalo")] * 2


def test_the_compared_figure_of_the_nation_stays_the_nations() -> None:
    text = "Penerima tahun ini 3,1 juta orang, bertambah dari 2,7 juta orang setahun sebelumnya."
    assert _got(text) == [("recipients_total", None)] * 2


def test_a_compared_figure_named_by_its_own_words_keeps_its_metric() -> None:
    # look-alike: a plan compared with last year's realised count
    text = ("Pemerintah mematok sasaran 800 ribu peserta tahun ini, jauh di bawah tahun lalu yang "
            "menjangkau 2,7 juta orang.")
    assert [m for m, _ in _got(text)] == ["recipients_target", "recipients_total"]
    # look-alike: 'dari' after no change word is the whole a part is of, named by its own noun
    text = "Sebanyak 31 ribu dari 44 ribu pelamar di Gorontalo dinyatakan lolos."
    assert [f.rule for f in figures(text)][1] != "compared-in-sentence"
    # look-alike: the change itself, after the comparison word
    text = "Penerima tahun ini 3,1 juta orang; dibanding setahun sebelumnya, bertambah 400 ribu orang."
    assert [m for m, _ in _got(text)] == ["recipients_total", None]


def test_a_change_in_a_provinces_count_is_no_share_of_it() -> None:
    [f] = figures("Peserta di Gorontalo bertambah 12 persen dibanding tahun sebelumnya.")
    assert (f.metric, f.rule) == (None, "exclusion:spending-or-change")
    # look-alike: the province's share of the whole
    [f] = figures("Peserta di Gorontalo setara 0,6 persen dari seluruh peserta.")
    assert f.metric == "province_recipient_share"


def test_a_count_of_provinces_is_no_one_provinces() -> None:
    [f] = figures("Program ini sudah hadir di 38 provinsi sejak wilayah Papua dimekarkan.")
    assert (f.metric, f.province) == ("provinces_covered", None)
    # look-alike: a count of one province's regencies is that province's
    [f] = figures("Di Gorontalo, penerima tersebar di enam kabupaten/kota.")
    assert f.province is not None and f.province.name == "Gorontalo"


def test_a_fraction_of_another_times_count_compares_the_same_quantity() -> None:
    text = ("Peserta asal Bengkulu tahun ini tercatat 21.400 orang, kurang dari separuh capaian tahun lalu "
            "yang mencapai 50 ribu lebih.")
    assert _got(text) == [("province_recipients", "Bengkulu")] * 2
    # look-alike: the nation's count of another time, named as such, stays the nation's
    text = ("Peserta asal Bengkulu tahun ini tercatat 21.400 orang, sedangkan penerima nasional tahun lalu "
            "mencapai 5 juta lebih.")
    assert _got(text) == [("province_recipients", "Bengkulu"), ("recipients_total", None)]


def test_a_figure_compared_with_the_one_pointed_back_to_is_its_provinces_count_then() -> None:
    body = ("Sampai akhir Agustus 2023 baru 2.150 warga Jambi yang lolos menjadi peserta. Angka itu masih "
            "jauh di bawah capaian tahun lalu yang tercatat 9.300 peserta.")
    got = timing(body, dated="Kamis, 14 September 2023 10:00 WIB")
    assert got["9.300"] == ("province_recipients", "2022", "total", None)
    # look-alike: compared with the nation's count, it stays the nation's
    body = ("Sampai akhir Agustus 2023 baru 2.150 warga Jambi yang lolos menjadi peserta. Angka itu kecil "
            "dibanding capaian nasional yang sudah 1,1 juta peserta.")
    assert timing(body, dated="Kamis, 14 September 2023 10:00 WIB")["1,1 juta"][0] == "recipients_total"
