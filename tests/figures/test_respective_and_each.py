"""Periods listed before 'masing-masing'/'berturut-turut' pair with the figures after it; one amount
after 'masing-masing' is what each unit gets, and a stage in a figure's own phrase makes it a part
(sentences written for these tests; each with a look-alike)."""

from timed import timing


def test_years_listed_before_respectively_pair_with_the_figures_in_order() -> None:
    got = timing("Peserta tahun 2021 dan 2022 berturut-turut sebanyak 4,8 juta dan 2,1 juta orang.")
    assert (got["4,8 juta"][1], got["2,1 juta"][1]) == ("2021", "2022")
    # look-alike: one year before the cue, the figures are places' (the year holds for both)
    got = timing("Peserta tahun 2022 di Bali dan Aceh masing-masing 61 ribu dan 48 ribu orang.")
    assert (got["61 ribu"][1], got["48 ribu"][1]) == ("2022", "2022")


def test_one_amount_after_each_is_a_part_of_the_whole() -> None:
    got = timing("Dana program 2022 Rp16 triliun dicairkan dalam dua tahap, masing-masing Rp8 triliun.")
    assert got["Rp16 triliun"][2] == "total" and got["Rp8 triliun"][2] == "part"
    # look-alike: a list of amounts after the cue, one for each year, is each year's total
    got = timing("Dana program tahun 2021 dan 2022 masing-masing Rp19 triliun dan Rp16 triliun.")
    assert (got["Rp19 triliun"][1:3], got["Rp16 triliun"][1:3]) == (("2021", "total"), ("2022", "total"))


def test_a_stage_in_the_figures_own_phrase_makes_it_a_part() -> None:
    got = timing("Pemerintah menyiapkan anggaran Rp1,9 triliun untuk tahap pertama program tahun ini.")
    assert got["Rp1,9 triliun"][2] == "part"
    # look-alike: the stage is named in another clause, after the year's whole amount
    got = timing("Pemerintah menyiapkan anggaran Rp4 triliun tahun ini, dan tahap pertama dibuka "
                 "bulan depan.")
    assert got["Rp4 triliun"][2] == "total"


def test_a_count_carried_into_a_later_sentence_that_contradicts_the_years_count_has_no_period() -> None:
    got = timing("Tahun 2021 jadi puncak program dengan 4,8 juta peserta. Program itu lalu diteruskan. "
                 "Jumlah pesertanya menyusut menjadi 2,1 juta orang.")
    assert (got["4,8 juta"][1], got["2,1 juta"][1]) == ("2021", None)
    # look-alike: a later sentence restating the year's count within its precision keeps the year
    got = timing("Tahun 2021 jadi puncak program dengan 4,8 juta peserta. Program itu lalu diteruskan. "
                 "Jumlah pesertanya hampir 5 juta orang.")
    assert (got["4,8 juta"][1], got["5 juta"][1]) == ("2021", "2021")


def test_a_count_the_text_sets_against_the_years_count_keeps_the_year() -> None:
    got = timing("Tahun 2021 jadi puncak program dengan 4.812.310 peserta. Angka ini berbeda dengan yang "
                 "kerap diumumkan kementerian, yaitu 4,5 juta peserta.")
    assert (got["4.812.310"][1], got["4,5 juta"][1]) == ("2021", "2021")
    # look-alike: a count said in the sentence after without setting it against the year's count
    got = timing("Tahun 2021 jadi puncak program dengan 4.812.310 peserta. Angka ini lalu menyusut "
                 "menjadi 4,5 juta peserta.")
    assert got["4,5 juta"][1] is None


def test_an_amount_for_each_of_several_surveys_is_a_part() -> None:
    got = timing("Peserta juga memperoleh insentif survei Rp40 ribu untuk masing-masing dari tiga survei.")
    assert got["Rp40 ribu"][::2] == ("survey_incentive", "part")
    # look-alike: the amount for all the surveys together is the whole
    got = timing("Peserta juga memperoleh insentif survei Rp120 ribu untuk tiga survei.")
    assert got["Rp120 ribu"][::2] == ("survey_incentive", "total")


def test_an_amount_paid_for_each_survey_after_its_verb_is_a_part() -> None:
    got = timing("Rinciannya, saldo pelatihan Rp3 juta, insentif Rp500 ribu, dan Rp40 ribu dibayarkan untuk "
                 "setiap survei yang diisi.")
    assert got["Rp40 ribu"][::2] == ("survey_incentive", "part")
    # look-alike: an amount paid once the surveys are done is the whole
    got = timing("Rinciannya, saldo pelatihan Rp3 juta, insentif Rp500 ribu, dan Rp80 ribu dibayarkan "
                 "setelah dua survei diisi.")
    assert got["Rp80 ribu"][::2] == ("survey_incentive", "total")
