"""Figures over a span of time rather than one period: a plan summed over several years has no
one year, half a year is a semester, a running total stated for an earlier year stands at that
year. Sentences written for these tests, each with a look-alike."""

from __future__ import annotations

from timed import timing


def test_a_budget_summed_over_several_years_has_no_one_year() -> None:
    for text in ("Selama empat tahun terakhir, pemerintah mengucurkan anggaran Kartu Prakerja Rp60 triliun.",
                 "Sejak 2020, seluruh anggaran Kartu Prakerja berjumlah Rp60 triliun."):
        assert timing(text)["Rp60 triliun"][:2] == ("budget_total", None)
    # look-alike: this year's budget, stated with no span, is the article's year's
    assert timing("Anggaran Kartu Prakerja untuk tahun ini Rp4,5 triliun.")["Rp4,5 triliun"][:2] == \
        ("budget_total", "2023")


def test_half_a_year_is_its_semester() -> None:
    got = timing("Pada paruh pertama 2022, penerima Kartu Prakerja mencapai 1,4 juta orang.")
    assert got["1,4 juta"][1] == "2022-S1"
    got = timing("Dalam enam bulan pertama 2021, penerima mencapai 2,2 juta orang.")
    assert got["2,2 juta"][1] == "2021-S1"
    # look-alike: part-time workers are no half of a year
    got = timing("Pada 2022, penerima yang bekerja paruh waktu mencapai 1,4 juta orang.")
    assert got["1,4 juta"][1] == "2022"


def test_a_running_total_stated_for_an_earlier_year_stands_at_that_year() -> None:
    got = timing("Pada akhir 2021, peserta Kartu Prakerja sejak 2020 telah mencapai 11 juta orang.")
    assert got["11 juta"] == ("recipients_total", None, "to_date", "2021-12")
    got = timing("Pada Juli 2022, peserta sejak program diluncurkan mencapai 14 juta orang.")
    assert got["14 juta"][3] == "2022-07"
    # look-alike: this year's running total since the start stands at the article's date
    got = timing("Tahun ini, peserta Kartu Prakerja sejak 2020 telah mencapai 17 juta orang.")
    assert got["17 juta"] == ("recipients_total", None, "to_date", "2023-03-08")


def test_a_count_up_to_a_later_wave_counts_every_wave_from_the_first() -> None:
    for text in ("Sampai gelombang 50, peserta Kartu Prakerja tercatat 17,2 juta orang.",
                 "Peserta program hingga gelombang 50 telah berjumlah 17,2 juta orang."):
        assert timing(text)["17,2 juta"] == ("recipients_total", None, "to_date", "2023-03-08")
    # look-alike: with a year named, the waves up to it are that year's
    got = timing("Sampai gelombang 50, peserta Kartu Prakerja tahun ini tercatat 450 ribu orang.")
    assert got["450 ribu"][1:3] == ("2023", "to_date")


def test_a_count_since_the_launch_named_with_its_date_has_no_one_year() -> None:
    got = timing("Program yang diluncurkan pada April 2020 itu kini beranggotakan 17 juta alumni.")
    assert got["17 juta"] == ("recipients_total", None, "to_date", "2023-03-08")
    # look-alike: a date of another kind stays the count's period
    got = timing("Pada April 2020, program itu menjangkau 400 ribu alumni pertama.")
    assert got["400 ribu"][1] == "2020"


def test_a_time_clause_of_the_launch_dates_the_plans_told_after_it() -> None:
    # 'ketika diluncurkan pada …' says when, not since when: the first plan is that year's
    got = timing("Saat diluncurkan pada Maret 2020, program ini ditujukan bagi pencari kerja. "
                 "Pemerintah awalnya menganggarkan Rp8 triliun untuk 1,5 juta orang.")
    assert got["Rp8 triliun"][:2] == ("budget_total", "2020")
    assert got["1,5 juta"][:2] == ("recipients_target", "2020")
    # look-alike: 'kini' after it speaks of the article's time
    got = timing("Ketika pertama kali diluncurkan pada Maret 2020, anggarannya Rp8 triliun. "
                 "Kini anggarannya tinggal Rp3 triliun.")
    assert got["Rp8 triliun"][1] == "2020"
    assert got["Rp3 triliun"][1] == "2023"


def test_a_half_or_quarter_without_a_year_is_of_the_year_named_before_it() -> None:
    got = timing("Pagu 2021 Rp20 triliun terbagi atas kuartal III Rp6 triliun dan sisanya kemudian.")
    assert got["Rp6 triliun"][1] == "2021-Q3"
    # look-alike: a relative year after the half is counted from the article's date
    got = timing("Pada 2021 ada 5,9 juta peserta, dan pada semester kedua tahun lalu 1,4 juta peserta.")
    assert got["1,4 juta"][1] == "2022-S2"


def test_the_end_of_a_month_said_to_be_past_is_of_last_year_when_that_month_is_still_ahead() -> None:
    got = timing("Pada akhir Oktober lalu, sebanyak 400 ribu peserta baru lolos seleksi.")
    assert got["400 ribu"][1::2] == ("2022", "2022-10")
    # look-alike: a month already past this year is this year's
    got = timing("Pada akhir Februari lalu, sebanyak 400 ribu peserta baru lolos seleksi.")
    assert got["400 ribu"][1::2] == ("2023", "2023-02")


def test_a_span_of_years_said_with_a_word_of_until_names_none_of_them() -> None:
    for text in ("Pada 2019 hingga 2021, biaya kursus bagi peserta Rp1 juta per orang.",
                 "Selama 2019 sampai dengan 2021, biaya pelatihan peserta Rp1 juta per orang."):
        assert timing(text)["Rp1 juta"][:2] == ("training_fee_per_recipient", None)
    # look-alike: a count from one year up to another is a running total standing at the second
    got = timing("Sejak 2020 hingga 2022, program ini menjangkau 16 juta penerima.")
    assert got["16 juta"][1:] == (None, "to_date", "2022-12")


def test_the_end_of_a_span_of_months_is_no_date_a_count_stands_at() -> None:
    got = timing("Survei itu digelar pada April hingga Juni 2022. Hasilnya, 70,5 persen responden merasa "
                 "keterampilannya bertambah.")
    assert got["70,5 persen"][1:] == ("2022-Q2", "total", None)
    # look-alike: a count up to a month stands at that month
    got = timing("Hingga Juli 2022, penerima Kartu Prakerja tahun ini mencapai 1,5 juta orang.")
    assert got["1,5 juta"][2:] == ("to_date", "2022-07")


def test_a_budget_over_several_years_said_after_it_has_no_one_year() -> None:
    got = timing("Negara sudah mengalokasikan Rp60 triliun untuk program ini selama empat tahun.")
    assert got["Rp60 triliun"][:2] == ("budget_total", None)
    # look-alike: a plan for one year, whatever runs for years after it
    got = timing("Negara mengalokasikan Rp5 triliun untuk program ini, yang sudah berjalan "
                 "selama empat tahun.")
    assert got["Rp5 triliun"][:2] == ("budget_total", "2023")


def test_a_period_past_the_next_clauses_figure_is_that_figures() -> None:
    got = timing("Hingga kini penerima mencapai 18 juta orang, dan pagu Rp20 triliun hanya berlaku "
                 "pada 2020.")
    assert got["18 juta"][1:3] == (None, "to_date")
    assert got["Rp20 triliun"][:2] == ("budget_total", "2020")
    # look-alikes: with no comma, the period after both figures is the sentence's; a figure saying
    # the same amount again after the comma shares its period
    got = timing("Penerima 18 ribu orang dan pagu Rp20 miliar itu tercatat pada 2020.")
    assert got["18 ribu"][1] == "2020"
    got = timing("Serapan hingga akhir Juni baru Rp800 miliar, atau 18 persen dari pagu tahun ini.")
    assert got["Rp800 miliar"][1] == "2023"


def test_a_year_of_another_figure_before_a_count_since_the_start_does_not_date_it() -> None:
    got = timing("Tahun lalu pesertanya 4 juta orang, sejak awal sudah 19 juta orang.")
    assert got["19 juta"] == ("recipients_total", None, "to_date", "2023-03-08")
    # look-alike: a year framing the count itself is when it stood
    got = timing("Pada akhir tahun lalu, peserta sejak awal sudah 19 juta orang.")
    assert got["19 juta"] == ("recipients_total", None, "to_date", "2022-12")


def test_a_plan_said_before_it_to_be_of_several_years_has_no_one_year() -> None:
    for text in ("Bila semua pagu empat tahun itu ditotal, jumlahnya Rp60 triliun.",
                 "Anggaran tiga tahun program ini berjumlah Rp50 triliun."):
        assert timing(text)["Rp60 triliun" if "60" in text else "Rp50 triliun"][:2] == ("budget_total", None)
    # look-alike: this year's budget set beside the first year's is this year's
    got = timing("Pagu tahun ini Rp5 triliun, seperempat anggaran tahun pertamanya.")
    assert got["Rp5 triliun"][:2] == ("budget_total", "2023")


def test_a_count_reported_as_a_claim_keeps_the_period_carried_to_it() -> None:
    body = ("Sebuah unggahan memuat jumlah penerima Kartu Prakerja per provinsi sepanjang 2021. Dalam "
            "unggahan itu, Banten disebut memiliki 600 ribu penerima. Faktanya, penerima di Banten pada "
            "2021 hanya 250 ribu orang.")
    got = timing(body, dated="Selasa, 23 Agustus 2022 09:00 WIB")
    assert got["600 ribu"][:2] == ("province_recipients", "2021")
    # look-alike: a count the article itself carries over, against its own count of that year, is of
    # some other time
    body = ("Penerima Kartu Prakerja sepanjang 2021 dirinci per provinsi. Banten memiliki 600 ribu "
            "penerima. Penerima di Banten pada 2021 tercatat 250 ribu orang.")
    got = timing(body, dated="Selasa, 23 Agustus 2022 09:00 WIB")
    assert got["600 ribu"][:2] == ("province_recipients", None)


def test_the_year_of_a_part_added_into_a_total_is_not_the_totals() -> None:
    got = timing("Bila ditambah dengan peserta tahun lalu, jumlah peserta sejak awal program kini 12 juta "
                 "orang.")
    assert got["12 juta"] == ("recipients_total", None, "to_date", "2023-03-08")
    # look-alike: the year of the running total itself is when it stood
    got = timing("Pada akhir tahun lalu, jumlah peserta sejak awal program mencapai 12 juta orang.")
    assert got["12 juta"] == ("recipients_total", None, "to_date", "2022-12")


def test_a_stock_said_to_stand_now_is_not_of_an_earlier_year_carried() -> None:
    got = timing("Ekosistem program dimulai pada 2020. Sekarang ada sembilan platform digital dan enam mitra "
                 "pembayaran.", dated="Rabu, 21 Juli 2021 09:00 WIB")
    assert got["sembilan"][1] is None and got["enam"][1] is None
    # look-alike: a stock of the year the text names is that year's
    got = timing("Pada 2020 ada sembilan platform digital.", dated="Rabu, 21 Juli 2021 09:00 WIB")
    assert got["sembilan"][1:3] == ("2020", "total")


def test_a_figure_pointed_back_to_keeps_a_period_its_own_sentence_names() -> None:
    got = timing("Anggaran 2021 sebesar Rp20 triliun. Pada 2020, program dengan anggaran Rp20 triliun itu "
                 "menjangkau 5,5 juta penerima.")
    assert [p for p in (got["Rp20 triliun"][1],)] == ["2020"]
    # look-alike: with no period of its own it is the figure stated before
    got = timing("Anggaran 2021 sebesar Rp20 triliun. Program dengan anggaran Rp20 triliun tersebut "
                 "menjangkau 5,5 juta penerima.")
    assert got["Rp20 triliun"][1] == "2021"


def test_the_programmes_first_year_is_the_year_of_its_first_wave() -> None:
    for text in ("Di tahun pertamanya, program ini menargetkan 5,6 juta peserta dengan pagu Rp20 triliun.",
                 "Pada tahun perdana pelaksanaan Kartu Prakerja, pagunya disiapkan Rp20 triliun untuk "
                 "5,6 juta peserta."):
        got = timing(text)
        assert got["5,6 juta"][:2] == ("recipients_target", "2020")
        assert got["Rp20 triliun"][:2] == ("budget_total", "2020")
    # look-alikes: the first two years are a span, and the first year of a scheme is not the programme's
    assert timing("Pada dua tahun pertama program, pagu Kartu Prakerja Rp20 triliun per tahun.")[
        "Rp20 triliun"][1] != "2020"
    got = timing("Tahun ini menjadi tahun pertama program kembali ke skema normal, dengan pagu "
                 "Rp4,37 triliun.")
    assert got["Rp4,37 triliun"][:2] == ("budget_total", "2023")


def test_a_years_count_after_a_count_since_the_start_is_that_years_total() -> None:
    body = ("Sejak diluncurkan, peserta Kartu Prakerja sudah 17 juta orang, termasuk 1,1 juta peserta "
            "tahun lalu.")
    got = timing(body, dated="Senin, 8 Januari 2024 10:00 WIB")
    assert got["17 juta"][1:3] == (None, "to_date")
    assert got["1,1 juta"][1:3] == ("2023", "total")
    # look-alike: a count since the start said to stand at the end of a year stands there
    body = "Sejak diluncurkan hingga akhir tahun lalu, peserta Kartu Prakerja sudah 17 juta orang."
    assert timing(body, dated="Senin, 8 Januari 2024 10:00 WIB")["17 juta"][2] == "to_date"
