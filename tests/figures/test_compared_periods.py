"""The period a figure is compared with is not its own, and a year before a word for people is
still a year after a word of time. Sentences written for these tests, each with a look-alike."""

from __future__ import annotations

import pytest
from timed import timing

from prakerja_etl.text.periods import find_periods


def test_a_year_after_a_word_of_time_is_a_period_even_before_a_word_for_people() -> None:
    found = find_periods("Sepanjang 2021 peserta pelatihan daring bertambah.", 2023)
    assert [p.period for p in found] == ["2021"]
    # look-alike: a bare four-digit number before a word for people counts them
    assert find_periods("Sebanyak 2021 peserta mengikuti ujian susulan.", 2023) == ()


def test_a_period_the_figure_is_compared_with_is_not_its_own() -> None:
    got = timing("Pada 2021 peserta Kartu Prakerja berjumlah 5,9 juta orang, melonjak dari 2020.")
    assert got["5,9 juta"][1] == "2021"
    got = timing("Anggaran program pelatihan itu kini Rp 4 triliun, lebih kecil dibandingkan tahun lalu.")
    assert got["Rp 4 triliun"][:3] == ("budget_total", "2023", "total")
    # look-alike: after the comparison, the period dates the figure that follows it
    got = timing("Jumlah peserta tahun ini turun dibanding 2021 yang mencapai 5,9 juta orang.")
    assert got["5,9 juta"][1] == "2021"


def test_a_period_after_the_figure_compared_with_is_that_figures() -> None:
    got = timing("Biaya pelatihan per peserta kini Rp3,5 juta, lebih tinggi ketimbang Rp1 juta di 2020.")
    assert got["Rp3,5 juta"][1] == "2023"
    assert got["Rp1 juta"][1] == "2020"
    # look-alike: two figures joined without a comparison share the period named after both
    got = timing("Biaya pelatihan per peserta Rp1 juta dan insentif Rp600 ribu sebulan di tahun 2020.")
    assert (got["Rp1 juta"][1], got["Rp600 ribu"][1]) == ("2020", "2020")


def test_the_year_a_value_before_is_compared_with_does_not_time_a_later_clause() -> None:
    got = timing("Untuk tahun depan, pagu diusulkan Rp9 triliun, turun dibanding tahun ini, dengan sasaran "
                 "2,1 juta peserta.")
    assert got["2,1 juta"][:2] == ("recipients_target", "2024")
    # look-alike: the value right after the year compared with is that year's
    got = timing("Pagu tahun depan Rp9 triliun, turun dibanding tahun ini yang mencapai Rp12 triliun.")
    assert got["Rp12 triliun"][:2] == ("budget_total", "2023")


def test_the_year_of_what_a_figure_is_said_to_exceed_is_not_its_own() -> None:
    got = timing("Kuota 9 juta yang diklaim itu bahkan melebihi jumlah penerima pada 2021 yang sekitar 5,9 "
                 "juta orang.")
    assert got["9 juta"][1] == "2023"
    # look-alike: a year right after the figure, with nothing compared, is its own
    got = timing("Kuota 9 juta berlaku pada 2021.")
    assert got["9 juta"][1] == "2021"


def test_a_period_in_a_contrasting_clause_after_the_figure_is_the_next_figures() -> None:
    got = timing("Penerima asal Bengkulu tahun ini 9.120 orang, padahal tahun lalu mencapai 40 ribu orang.")
    assert got["9.120"][:2] == ("province_recipients", "2023")
    assert got["40 ribu"][:2] == ("province_recipients", "2022")
    got = timing("Penerima asal Bengkulu tercatat 9.120 orang, sedangkan pada 2021 sekitar 40 ribu orang.")
    assert got["9.120"][1] != "2021"
    # look-alike: an opening phrase shares the main clause's time ('Dengan …, … sepanjang 2022 …')
    got = timing("Dengan insentif Rp600 ribu per bulan, dana yang mengalir sepanjang 2022 mencapai "
                 "Rp9 triliun.")
    assert got["Rp600 ribu"][1] == "2022"


def test_a_short_question_naming_a_year_frames_the_answer_below_it() -> None:
    body = "Bagaimana rencana tahun depan?\nPaketnya berubah. Biaya pelatihan per peserta Rp2,5 juta."
    assert timing(body)["Rp2,5 juta"][:2] == ("training_fee_per_recipient", "2024")
    # look-alike: a question that names no time leaves the answer's price the article's year
    body = "Bagaimana rencana program?\nPaketnya berubah. Biaya pelatihan per peserta Rp2,5 juta."
    assert timing(body)["Rp2,5 juta"][:2] == ("training_fee_per_recipient", "2023")


def test_a_period_in_a_relative_clause_after_another_figure_describes_that_figure() -> None:
    got = timing("Rapat itu membahas pagu 2024. Paket per peserta dirancang naik menjadi Rp5 juta dari "
                 "Rp4,2 juta yang berlaku tahun ini, dengan porsi biaya pelatihan Rp4 juta.")
    assert (got["Rp5 juta"][1], got["Rp4,2 juta"][1], got["Rp4 juta"][1]) == ("2024", "2023", "2024")
    # look-alike: the clause of a wave dates the point a count stands at
    got = timing("Hingga gelombang 50 yang diumumkan akhir Februari 2023, penerima asal Jambi baru "
                 "4.100 orang.")
    assert got["4.100"][1] == "2023"
    # look-alike: a figure that points back to the period keeps it
    got = timing("Baru Rp2 triliun yang cair untuk semester pertama, dengan sasaran 500 ribu peserta pada "
                 "periode tersebut.")
    assert got["500 ribu"][1] == "2023-S1"


def test_another_year_a_relative_clause_describes_a_place_by_frames_nothing_after_it() -> None:
    body = ("Tahun ini Riau mencatat 61 ribu penerima Kartu Prakerja. Adapun Aceh, yang pada 2021 "
            "sempat di posisi sepuluh besar, tahun ini baru 40 ribu penerima. Di urutan terbawah, "
            "Gorontalo hanya 5.200 penerima.")
    assert timing(body)["5.200"][1] == "2023"
    # look-alike: a relative clause naming the sentence's own year leaves the sentence's month in force
    body = ("Gelombang 51, yang menjadi gelombang pertama tahun ini, dibuka pada Maret dengan kuota "
            "100 ribu peserta. Pendaftarnya 800 ribu orang.")
    assert timing(body)["800 ribu"][1] == timing(body)["100 ribu"][1]


def test_a_lone_figure_of_two_years_listed_together_holds_for_neither_alone() -> None:
    dated = "Jumat, 23 Juli 2021 09:00 WIB"
    got = timing("Jika anggaran 2020 dan 2021 dijumlahkan, totalnya Rp35 triliun.", dated)
    assert got["Rp35 triliun"][:2] == ("budget_total", None)
    # look-alike: two figures listed with the two years take one year each
    got = timing("Anggaran 2020 dan 2021 masing-masing Rp15 triliun dan Rp20 triliun.", dated)
    assert (got["Rp15 triliun"][1], got["Rp20 triliun"][1]) == ("2020", "2021")


def test_the_years_before_reduplicated_name_no_year() -> None:
    assert find_periods("Seperti tahun-tahun sebelumnya, Jambi menjadi penyumbang terbanyak.", 2023, 12) == ()
    # look-alike: the year before is a year
    assert [p.period for p in find_periods("Penerima tahun sebelumnya 5 juta.", 2023, 12)] == ["2022"]


@pytest.mark.parametrize(("text", "figure", "period"), [
    # a time a change is compared with frames no later sentence
    ("Survei itu digelar pada Mei 2023. Sebanyak 62 persen penerima kini bekerja. Porsi itu naik dibanding "
     "Mei 2022. Sebanyak 54 persen penerima adalah perempuan.", "54 persen", "2023-05"),
    # …nor does one a sentence opens by comparing with, when it names its own time after it
    ("Berbeda dengan tahun lalu, peserta tahun ini menerima Rp4,2 juta. Rinciannya, biaya pelatihan "
     "Rp3,5 juta.", "Rp3,5 juta", "2023"),
    # look-alikes: a sentence opening with the time compared with, naming no other, frames what follows
    ("Survei itu digelar pada Mei 2023. Sebanyak 62 persen penerima kini bekerja. Dibanding Mei 2022, "
     "sebanyak 54 persen penerima adalah perempuan.", "54 persen", "2022-05"),
    # … and so does a time not compared with
    # (amounts no scheme had: an amount of another scheme than the frame's is of that scheme's years)
    ("Seperti tahun lalu, peserta tahun ini menerima Rp4,6 juta. Rinciannya, biaya pelatihan Rp3,8 juta.",
     "Rp3,8 juta", "2022"),
])
def test_a_time_compared_with_frames_no_later_sentence(text: str, figure: str, period: str) -> None:
    assert timing(text)[figure][1] == period


def test_the_time_of_what_a_count_is_a_fraction_of_is_not_its_own() -> None:
    text = "Hingga pekan ini, peserta asal Bengkulu 21.400 orang, kurang dari separuh capaian tahun lalu."
    assert timing(text)["21.400"][1:3] == (None, "to_date")   # (since when, the sentence does not say)
    # look-alike: a count said of last year itself
    text = "Hingga akhir tahun lalu, peserta asal Bengkulu 21.400 orang."
    assert timing(text)["21.400"][1] == "2022"


def test_a_budget_under_a_heading_of_several_years_and_its_people_hold_for_no_one_year() -> None:
    got = timing("Empat Tahun Program Pelatihan: Anggaran Rp60 Triliun untuk 17 Juta Peserta")
    assert (got["Rp60 Triliun"][1], got["17 Juta"][1]) == (None, None)
    # look-alike: a heading of no span of years: the article's year
    got = timing("Program Pelatihan: Anggaran Rp60 Triliun untuk 17 Juta Peserta")
    assert (got["Rp60 Triliun"][1], got["17 Juta"][1]) == ("2023", "2023")


def test_the_year_an_aside_compares_with_times_its_own_paragraph_only() -> None:
    body = ("Sepanjang tahun ini, 1,1 juta orang telah menjadi peserta.\n\n"
            "Sebagai perbandingan, pada 2021 program ini menjangkau 5,9 juta penerima. Angka itu "
            "ditopang pagu Rp20 triliun.\n\n"
            "Banten mencatat 61.500 peserta, terbanyak kelima.")
    got = timing(body, dated="Jumat, 15 Desember 2023 09:00 WIB")
    assert got["5,9 juta"][1] == "2021" and got["Rp20 triliun"][1] == "2021"
    assert got["61.500"][1] == "2023"
    body = ("Sepanjang tahun ini, 1,1 juta orang telah menjadi peserta.\n\n"
            "Padahal pada 2021 porsi peserta muda masih 28 persen.\n\n"
            "Banten mencatat 61.500 peserta, terbanyak kelima.")
    assert timing(body, dated="Jumat, 15 Desember 2023 09:00 WIB")["61.500"][1] == "2023"
    # look-alike: a year stated without an aside times the paragraphs after it
    body = ("Sepanjang tahun ini, 1,1 juta orang telah menjadi peserta.\n\n"
            "Pada 2021 program ini menjangkau 5,9 juta penerima.\n\n"
            "Banten mencatat 61.500 peserta, terbanyak kelima.")
    assert timing(body, dated="Jumat, 15 Desember 2023 09:00 WIB")["61.500"][1] == "2021"
