"""Period, basis and as_of from the whole article (CLAIMS.md), on sentences written for the test:
for each rule a paraphrase that must resolve and a look-alike that must not."""

from __future__ import annotations

from datetime import date

import pytest
from timed import timing

from prakerja_etl.figures.waves import WAVES_PATH, load_waves
from prakerja_etl.sources.articles import extract_article
from prakerja_etl.text.metadata import undated_fallback
from prakerja_etl.text.periods import find_periods, span_period
from prakerja_etl.text.segment import split_lines


def test_running_total_since_launch_has_no_single_year() -> None:
    got = timing("Sejak diluncurkan pada 2020, penerima Kartu Prakerja sudah berjumlah 18,2 juta orang.")
    assert got["18,2 juta"][1:] == (None, "to_date", "2023-03-08")


def test_a_year_stated_plainly_is_a_total() -> None:
    got = timing("Pada 2021, penerima Kartu Prakerja tercatat 5,7 juta orang.")
    assert got["5,7 juta"][1:] == ("2021", "total", None)


def test_count_up_to_a_month_stands_at_that_month() -> None:
    got = timing("Hingga akhir Mei 2023, penerima Kartu Prakerja yang ditetapkan tercatat 420 ribu orang.")
    assert got["420 ribu"][1:] == ("2023", "to_date", "2023-05")


def test_a_count_up_to_a_date_larger_than_any_year_had_runs_from_the_launch() -> None:
    got = timing("Sampai penghujung Februari 2023, Kartu Prakerja sudah dinikmati 17,3 juta orang.")
    assert got["17,3 juta"][0] == "recipients_total"
    assert got["17,3 juta"][1:3] == (None, "to_date")
    # look-alikes: a count of one year's size, and one of the launch year, which is all of it
    got = timing("Sampai penghujung Februari 2023, Kartu Prakerja sudah dinikmati 310 ribu orang.")
    assert got["310 ribu"][1:3] == ("2023", "to_date")
    got = timing("Sampai penghujung Oktober 2020, Kartu Prakerja sudah dinikmati 7,2 juta orang.",
                 dated="Senin, 2 November 2020 09:00 WIB")
    assert got["7,2 juta"][1:3] == ("2020", "to_date")


def test_all_together_after_several_years_counts_over_them_but_after_one_year_is_that_years() -> None:
    got = timing("Tahun 2021 mencatat 5,8 juta peserta, sementara 2022 mencatat 4,9 juta.\n\n"
                 "Secara keseluruhan, peserta berasal dari 511 kabupaten/kota.")
    assert got["511"][:3] == ("regencies_covered", None, "to_date")
    # look-alike: after a paragraph of one year, the sentence is that year's
    got = timing("Tahun 2022 mencatat 4,9 juta peserta.\n\n"
                 "Secara keseluruhan, peserta berasal dari 511 kabupaten/kota.")
    assert got["511"][:3] == ("regencies_covered", "2022", "total")


def test_a_count_since_a_start_this_year_is_this_years_to_date() -> None:
    got = timing("Sejak pendaftaran tahun ini dimulai, pendaftar sudah mencapai 3,1 juta orang.")
    assert got["3,1 juta"][:3] == ("registrants_total", "2023", "to_date")
    # look-alike: since a start named with no year is since the launch
    got = timing("Sejak pendaftaran perdana dimulai, pendaftar sudah mencapai 110 juta orang.")
    assert got["110 juta"][:3] == ("registrants_total", None, "to_date")


def test_count_of_this_year_before_it_ends_runs_to_date() -> None:
    got = timing("Tahun ini penerima Kartu Prakerja sudah mencapai 300 ribu orang.")
    assert got["300 ribu"][1:] == ("2023", "to_date", "2023-03-08")


def test_relative_year_counts_back_from_the_article() -> None:
    got = timing("Tahun lalu penerima Kartu Prakerja mencapai 4,8 juta orang.")
    assert got["4,8 juta"][1:] == ("2022", "total", None)


@pytest.mark.parametrize(("said", "year"), [("Tiga tahun lalu", "2020"), ("Setahun yang lalu", "2022"),
                                            ("Dua tahun yang lalu", "2021")])
def test_a_count_of_years_ago_counts_that_many_years_back(said: str, year: str) -> None:
    got = timing(f"{said} penerima Kartu Prakerja di provinsi itu sekitar 90 ribu orang.")
    assert got["90 ribu"][1] == year
    # look-alike: 'dua tahun terakhir' spans the last two years, no one of them
    assert timing("Dalam dua tahun terakhir penerima di provinsi itu sekitar 90 ribu orang.")["90 ribu"][1] \
        != "2021"


def test_present_tense_target_is_the_articles_year_but_a_past_scheme_is_not() -> None:
    got = timing("Pemerintah menargetkan 1,1 juta peserta Kartu Prakerja.\n\n"
                 "Dulu insentif Kartu Prakerja Rp 600 ribu per bulan diberikan selama empat bulan.")
    assert got["1,1 juta"][1:3] == ("2023", "total")
    assert got["Rp 600 ribu"][1] is None


def test_one_waves_quota_is_part_of_the_wave_year() -> None:
    got = timing("Kuota gelombang 30 Kartu Prakerja dipatok 300 ribu peserta.")
    assert got["300 ribu"][1:3] == ("2022", "part")
    assert got["gelombang 30"][1] == "2022"   # the wave number itself: its wave's year


def test_a_wave_in_a_clause_saying_when_makes_no_part_of_a_plan_after_it() -> None:
    got = timing("Ketika gelombang 1 dibuka pada April 2020, anggaran Kartu Prakerja ditetapkan "
                 "Rp 20 triliun.", dated="Rabu, 8 Juli 2020 09:00 WIB")
    assert got["Rp 20 triliun"][1:3] == ("2020", "total")
    # look-alike: a wave in the figure's own clause makes it the wave's
    got = timing("Pada gelombang 1 yang dibuka April 2020, kuota Kartu Prakerja ditetapkan "
                 "160 ribu peserta.", dated="Rabu, 8 Juli 2020 09:00 WIB")
    assert got["160 ribu"][2] == "part"


def test_a_years_quota_is_not_a_part() -> None:
    got = timing("Kuota Kartu Prakerja sepanjang 2024 dipatok 1,3 juta peserta.")
    assert got["1,3 juta"][1:3] == ("2024", "total")


def test_initial_stage_is_part() -> None:
    got = timing("Untuk tahap awal, pemerintah menyiapkan kuota 400 ribu peserta Kartu Prakerja.")
    assert got["400 ribu"][2] == "part"


def test_what_is_left_of_the_years_quota_is_part_of_it() -> None:
    got = timing("Setelah gelombang terbaru ditutup, sisa kuota Kartu Prakerja tahun ini tinggal "
                 "75 ribu kursi.")
    assert got["75 ribu"][:3] == ("recipients_target", "2023", "part")
    got = timing("Setelah gelombang terbaru ditutup, masih ada ruang untuk 75 ribu peserta Kartu "
                 "Prakerja lagi tahun ini.")
    assert got["75 ribu"][:3] == ("recipients_target", "2023", "part")
    # … but what is left of a semester's quota is that semester's quota
    got = timing("Sisa kuota Kartu Prakerja untuk semester II sekitar 640 ribu orang.")
    assert got["640 ribu"][1:3] == ("2023-S2", "total")
    # look-alike: money left over, then a quota raised in another clause, is the raised quota
    got = timing("Sisa dana pelatihan diputar lagi, sehingga kuota Kartu Prakerja dinaikkan menjadi "
                 "1,25 juta orang.")
    assert got["1,25 juta"][2] == "total"


def test_a_count_of_waves_the_sentence_plans_runs_to_no_date() -> None:
    got = timing("Tahun ini pengelola merencanakan pendaftaran Kartu Prakerja dibuka hingga Oktober, "
                 "dengan total 12 gelombang.")
    assert got["12"][1:4] == ("2023", "total", None)
    # look-alike: waves opened so far this year are a running count
    got = timing("Hingga kini pengelola Kartu Prakerja sudah membuka 4 gelombang pendaftaran tahun ini.")
    assert got["4"][2] == "to_date"


def test_a_count_over_a_number_of_waves_pointed_to_is_no_part() -> None:
    got = timing("Tahun lalu, program yang digelar dalam 9 gelombang tersebut menjaring 4,8 juta "
                 "penerima Kartu Prakerja.")
    assert got["4,8 juta"][1:3] == ("2022", "total")
    # look-alike: one wave pointed to is a part of its year
    got = timing("Tahun lalu, gelombang tersebut menjaring 480 ribu penerima Kartu Prakerja.")
    assert got["480 ribu"][2] == "part"


def test_the_programmes_first_year_before_a_comma_is_its_launch_year() -> None:
    got = timing("Pada tahun pertama, Kartu Prakerja menjangkau sekitar 5,8 juta orang.")
    assert got["5,8 juta"][1] == "2020"
    # look-alike: the first year of something else is not the programme's
    got = timing("Pada tahun pertama, skema normal Kartu Prakerja menjangkau sekitar 1,1 juta orang.")
    assert got["1,1 juta"][1] != "2020"


def test_an_amount_each_person_gets_in_a_semester_is_its_years() -> None:
    got = timing("Pada semester II 2021, setiap penerima Kartu Prakerja mendapat insentif Rp600 ribu "
                 "per bulan.")
    assert got["Rp600 ribu"][:2] == ("incentive_monthly", "2021")
    # look-alike: a count of the semester keeps the semester
    got = timing("Pada semester II 2021, penerima Kartu Prakerja mencapai 2,9 juta orang.")
    assert got["2,9 juta"][1] == "2021-S2"


def test_superseded_value_and_its_replacement() -> None:
    got = timing("Anggaran Kartu Prakerja semula Rp 9 triliun, kemudian dinaikkan menjadi Rp 12 triliun.")
    assert got["Rp 9 triliun"][2] == "superseded"
    assert got["Rp 12 triliun"][2] == "total"


def test_period_carries_to_a_following_sentence_without_one() -> None:
    got = timing("Laporan tahunan Kartu Prakerja 2021 dirilis pekan ini.\n\n"
                 "Porsi perempuan di antara penerima Kartu Prakerja sebesar 49 persen.")
    assert got["49 persen"][1] == "2021"


def test_without_a_period_anywhere_a_share_stays_null() -> None:
    got = timing("Laporan Kartu Prakerja dirilis pekan ini.\n\n"
                 "Porsi perempuan di antara penerima Kartu Prakerja sebesar 49 persen.")
    assert got["49 persen"][1] is None


def test_waves_of_several_years_run_to_date() -> None:
    got = timing("Penerima Kartu Prakerja dari gelombang 1 hingga 40 berjumlah 14 juta orang.")
    assert got["14 juta"][1:3] == (None, "to_date")


def test_waves_of_one_finished_year_are_that_years_total() -> None:
    got = timing("Penerima Kartu Prakerja dari gelombang 12 hingga 22 berjumlah 5,8 juta orang.")
    assert got["5,8 juta"][1:3] == ("2021", "total")


def test_a_years_count_up_to_a_wave_before_its_last_runs_to_date_as_of_that_wave() -> None:
    got = timing("Sampai gelombang 17, peserta tahun 2021 berjumlah 2,4 juta orang.")
    assert got["2,4 juta"][1:] == ("2021", "to_date", "2021-06")
    # look-alike: up to the year's last wave the count is the year's total
    got = timing("Sampai gelombang 11, peserta tahun 2020 berjumlah 5,4 juta orang.")
    assert got["5,4 juta"][1:] == ("2020", "total", None)


def test_up_to_the_years_last_wave_within_that_year_is_not_yet_final() -> None:
    # said in the year itself, even in a look back at it, the count up to its last wave is to date
    got = timing("Catatan akhir tahun. Sampai gelombang 11 yang diumumkan Senin (14/12), peserta "
                 "tahun ini berjumlah 5,4 juta orang. Jawa Tengah menyumbang 600 ribu peserta.",
                 dated="Selasa, 29 Desember 2020 10:00 WIB")
    assert got["5,4 juta"][1:3] == ("2020", "to_date") and got["5,4 juta"][3][:7] == "2020-12"
    assert got["600 ribu"][2] == "to_date"
    # look-alike: the year's waves as a span, looked back on from the next year, are its total
    got = timing("Catatan awal tahun. Sepanjang tahun lalu, dari gelombang 1 hingga gelombang 11, "
                 "peserta berjumlah 5,4 juta orang.", dated="Selasa, 12 Januari 2021 10:00 WIB")
    assert got["5,4 juta"][1:] == ("2020", "total", None)


@pytest.mark.parametrize("point", ["pekan terakhir", "minggu kedua", "pekan pertama bulan"])
def test_a_count_up_to_a_week_of_a_month_stands_at_that_month(point: str) -> None:
    got = timing(f"Kilas balik tahun ini. Program ditutup dengan 4,6 juta peserta hingga {point} Desember.",
                 dated="Rabu, 28 Desember 2022 09:00 WIB")
    assert got["4,6 juta"][1:] == ("2022", "to_date", "2022-12")


@pytest.mark.parametrize(("first", "last", "want"), [
    (8, 12, "2020-S2"), (5, 6, "2020-Q2"), (3, 4, "2020-S1"), (7, 7, "2020-07"), (2, 11, "2020"),
    (11, 2, None),
])
def test_fieldwork_months_give_the_smallest_period(first: int, last: int, want: str | None) -> None:
    assert span_period(2020, first, last) == want


def test_survey_fieldwork_span_in_text() -> None:
    [m] = find_periods("Survei digelar 3 Juli hingga 20 September 2021 di seluruh provinsi.", 2022)
    assert m.period == "2021-Q3"


def test_a_regulation_number_is_not_a_period() -> None:
    assert find_periods("diatur dalam Peraturan Menteri Nomor 3 Tahun 2021 tentang pelatihan", 2022) == ()


def test_wave_calendar_is_consistent_and_cited() -> None:
    import yaml

    cal = load_waves()
    assert (cal.year_of(1), cal.year_of(11), cal.year_of(12), cal.year_of(47), cal.year_of(48)) == \
        (2020, 2020, 2021, 2022, 2023)
    assert cal.year_of(1, 11) == 2020 and cal.year_of(1, 22) is None and cal.year_of(400) is None
    assert cal.start_year == 2020
    rows = yaml.safe_load(WAVES_PATH.read_text(encoding="utf-8"))["waves"]
    assert all(row.get("source") for row in rows)


def test_wave_calendar_refuses_two_years_for_one_wave(tmp_path) -> None:
    bad = tmp_path / "waves.yaml"
    bad.write_text("programme_start: '2020-04'\nwaves:\n"
                   "  - {from: 1, to: 5, year: 2020, source: a}\n"
                   "  - {from: 5, to: 6, year: 2021, source: b}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="wave 5"):
        load_waves(bad)


def test_undated_text_takes_its_latest_stated_date() -> None:
    lines = split_lines("Program pelatihan dibuka lagi\nPendaftaran dibuka 4 Januari 2022.\n"
                        "Hal itu disampaikan menteri pada Kamis (17/3/2022).\n")
    assert undated_fallback(lines) == (date(2022, 3, 17), 2022)


def test_an_old_date_quoted_in_a_later_text_gives_only_the_year() -> None:
    lines = split_lines("Program pelatihan tahun 2024 berlanjut\n"
                        "Program ini lahir pada 11 April 2020 di tengah pandemi.\n")
    assert undated_fallback(lines) == (None, 2024)


def test_a_weekday_tells_the_year_of_a_day_written_without_one() -> None:
    # 9 August fell on a Wednesday in 2023 (not in 2022, which the text also names)
    lines = split_lines("Program pelatihan berlanjut\nKuota 2022 sudah habis.\n"
                        "Hal itu disampaikan kepala program di Bandung, Rabu (9/8).\n")
    assert undated_fallback(lines) == (date(2023, 8, 9), 2023)


def test_a_weekday_that_fits_no_year_gives_no_day() -> None:
    # 9 August 2022 was a Tuesday, so 'Senin (9/8)' in a text about 2022 is no date
    lines = split_lines("Program pelatihan 2022 berlanjut\n"
                        "Hal itu disampaikan pada Senin (9/8) lalu, kata dia.\n")
    assert undated_fallback(lines) == (None, 2022)


def test_iso_dates_and_misspelt_months_are_dates() -> None:
    assert undated_fallback(split_lines("tanggal 2022-05-17 Kartu Prakerja dibuka lagi\n")) == \
        (date(2022, 5, 17), 2022)
    assert undated_fallback(split_lines("Ditulis pada Kamis 12 Agutsus 2021 oleh redaksi\n")) == \
        (date(2021, 8, 12), 2021)
    assert find_periods("tanggal 2022-05-17 program dibuka", 2022) == ()


@pytest.mark.parametrize("dated", ["21-04-2022 08:15", "Diperbarui April 21, 2022",
                                   "2022-04-21T08:15:00+07:00", "Terbit: 2022-04-21"])
def test_a_date_with_dashes_in_english_order_or_iso_dates_the_article(dated: str) -> None:
    assert timing("Tahun ini peserta Kartu Prakerja sudah 400 ribu orang.", dated=dated)["400 ribu"] == (
        "recipients_total", "2022", "to_date", "2022-04-21")
    # look-alike: a day and month with a dash but no year is no date of the article
    got = timing("Tahun ini peserta Kartu Prakerja sudah 400 ribu orang.", dated="21-04 08:15")
    assert got["400 ribu"][3] != "2022-04-21"


def test_a_share_of_a_running_total_runs_to_date_and_so_does_its_breakdown() -> None:
    got = timing("Sejak 2020 peserta Kartu Prakerja sudah mencapai 18 juta orang.\n\n"
                 "Dari 18 juta peserta itu, 52 persen adalah perempuan.\n\n"
                 "Lalu 4 persen peserta merupakan penyandang disabilitas.")
    assert got["52 persen"][1:] == (None, "to_date", "2023-03-08")
    assert got["4 persen"][1:] == (None, "to_date", "2023-03-08")


def test_a_share_after_a_new_period_does_not_continue_the_running_breakdown() -> None:
    got = timing("Sejak 2020 peserta Kartu Prakerja sudah mencapai 18 juta orang, 52 persen perempuan.\n\n"
                 "Laporan tahunan 2021 mencatat 4 persen peserta merupakan penyandang disabilitas.")
    assert got["52 persen"][2] == "to_date"
    assert got["4 persen"][1:3] == ("2021", "total")


def test_a_share_of_this_years_recipients_runs_to_date_but_a_carried_year_does_not() -> None:
    got = timing("Untuk tahun ini, porsi peserta perempuan Kartu Prakerja tercatat 55 persen.")
    assert got["55 persen"][1:] == ("2023", "to_date", "2023-03-08")
    got = timing("Laporan Kartu Prakerja tahun ini dirilis pekan lalu.\n\n"
                 "Menurut survei, 55 persen peserta adalah perempuan.")
    assert got["55 persen"][2] == "total"


def titled(title: str, body: str) -> dict[str, tuple]:
    text = f"{title}\nRabu, 8 Maret 2023 09:00 WIB\n{body}\n"
    a = extract_article("articles/uji.txt", text.encode("utf-8"))
    return {f.sentence.text[f.start - f.sentence.start:f.end - f.sentence.start]:
            (f.metric, f.period, f.basis, f.as_of) for f in a.figures}


def test_a_headline_figure_takes_the_timing_of_the_body_figure_it_rounds() -> None:
    got = titled("Penerima Kartu Prakerja Tembus 1,2 Juta Orang",
                 "Hingga akhir Februari 2023, penerima Kartu Prakerja tercatat 1,18 juta orang.")
    assert got["1,2 Juta"][1:] == got["1,18 juta"][1:] == ("2023", "to_date", "2023-02")


def test_a_headline_figure_outside_the_body_figures_rounding_keeps_its_own_timing() -> None:
    got = titled("Penerima Kartu Prakerja Capai 1,2 Juta Orang",
                 "Pada 2021, penerima Kartu Prakerja tercatat 1,31 juta orang.")
    assert got["1,31 juta"][1] == "2021"
    assert got["1,2 Juta"][1] != "2021"


def test_a_running_count_stated_twice_stands_where_the_article_dates_it() -> None:
    got = timing("Dalam jumpa pers Senin (27/2/2023), menteri menyebut penerima Kartu Prakerja tahun ini "
                 "sudah 200 ribu orang.\n\n"
                 "Ia menambahkan, angka 200 ribu penerima tahun ini akan terus naik.")
    assert got["200 ribu"][1:] == ("2023", "to_date", "2023-02-27")


def test_a_period_describing_the_people_is_not_the_figures() -> None:
    got = timing("Survei dilakukan pada 2 Juli-15 Oktober. Hasilnya, 41 persen peserta yang menganggur "
                 "pada Maret 2022 kini sudah bekerja.", dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["41 persen"][1] == "2022-S2"        # the survey's months, not March
    got = timing("Pada Maret 2022, 41 persen peserta Kartu Prakerja sudah bekerja.",
                 dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["41 persen"][1] == "2022-03"        # a period of the figure itself


def test_months_without_a_year_take_the_articles_year() -> None:
    sentence = "Pendataan berlangsung 4 Februari-20 Maret di semua kabupaten."
    assert [m.period for m in find_periods(sentence, 2022)] == ["2022-Q1"]
    assert [m.period for m in find_periods(sentence, None)] == [None]


def test_a_surveys_fieldwork_stated_after_its_results_times_them() -> None:
    body = ("Sebanyak 64 persen responden penerima Kartu Prakerja adalah perempuan.\n\n"
            "Kuota Kartu Prakerja ditambah 100 ribu orang.\n\n"
            "Survei itu dilakukan pada 3 Juli-25 September 2022 terhadap 9.000 penerima.")
    got = timing(body, dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["64 persen"][1] == "2022-Q3"
    assert got["100 ribu"][1] != "2022-Q3"          # not a survey result


def test_a_record_cited_after_a_survey_is_not_timed_by_its_fieldwork() -> None:
    survey = "Survei kepuasan dilakukan pada 1 Juli-30 September. Hasilnya, 70 persen peserta puas. "
    record = "Berdasarkan data pendaftaran di laman resmi, tercatat 2.345.678 pendaftar."
    got = timing(survey + record, dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["70 persen"][1] == "2022-Q3"           # a result of the survey
    # the record is timed as it is without the survey before it
    assert got["2.345.678"] == timing(record, dated="Senin, 5 Desember 2022 10:00 WIB")["2.345.678"]
    assert got["2.345.678"][1] != "2022-Q3"
    # look-alike: the survey's own data is still the survey's
    got = timing(survey + "Menurut data survei itu, 1.234 responden pernah menganggur.",
                 dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["1.234"][1] == "2022-Q3"


def test_two_fieldwork_periods_time_no_survey_result() -> None:
    body = ("Sebanyak 64 persen responden penerima Kartu Prakerja adalah perempuan.\n\n"
            "Survei pertama dilakukan pada Juli 2022, survei kedua digelar pada Oktober 2022.")
    got = timing(body, dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["64 persen"][1] not in ("2022-07", "2022-10")


def test_a_count_of_alumni_without_a_period_is_everyone_so_far() -> None:
    got = timing("Menurut menteri, program ini telah melatih lebih dari 18 juta alumni di seluruh Indonesia.")
    assert got["18 juta"][1:] == (None, "to_date", "2023-03-08")
    got = timing("Pada 2021, program ini melatih 5,9 juta alumni di seluruh Indonesia.")
    assert got["5,9 juta"][1:3] == ("2021", "total")


def test_the_day_a_count_started_is_not_the_day_it_stands() -> None:
    got = timing("Sejak pertama kali dibuka untuk umum pada Sabtu, 11 April 2020, sampai hari ini "
                 "sudah ada 45 gelombang Kartu Prakerja.")
    assert got["45"][2:] == ("to_date", "2023-03-08")
    got = timing("Dalam rapat pada Senin, 6 Maret 2023, menteri menyebut sampai hari ini "
                 "sudah ada 45 gelombang Kartu Prakerja.")
    assert got["45"][2:] == ("to_date", "2023-03-06")


def test_an_event_stated_next_times_the_figures_before_it() -> None:
    got = timing("Pekan pelatihan itu melibatkan lebih dari 150 lembaga pelatihan Kartu Prakerja. "
                 "Acara ini digelar pada 3-9 Oktober 2023.")
    assert got["150"][1] == "2023-10"
    got = timing("Pekan pelatihan itu melibatkan lebih dari 150 lembaga pelatihan Kartu Prakerja. "
                 "Pendaftar lain mengaku mendengarnya pada 9 Oktober 2023.")
    assert got["150"][1] != "2023-10"     # one day an event happened on, not a span


def test_a_count_up_to_the_end_of_a_period_stands_at_its_last_month() -> None:
    dated = "Senin, 7 Maret 2022 10:00 WIB"
    got = timing("Sampai akhir 2021, jumlah alumni Kartu Prakerja tercatat 5,4 juta orang.", dated=dated)
    assert got["5,4 juta"][1:] == ("2021", "to_date", "2021-12")
    got = timing("Hingga semester I 2021, alumni Kartu Prakerja tercatat 2,8 juta orang.", dated=dated)
    assert got["2,8 juta"][1:] == ("2021", "to_date", "2021-06")
    # since a start in an earlier year: no one year's count, standing at the span's end
    got = timing("Alumni Kartu Prakerja sejak 2020 sampai akhir 2021 tercatat 11,4 juta orang.", dated=dated)
    assert got["11,4 juta"][1:] == (None, "to_date", "2021-12")
    # look-alike: a target up to a date is the plan of that year, not a count standing then
    got = timing("Pemerintah menargetkan alumni Kartu Prakerja mencapai 14 juta orang hingga akhir 2022.",
                 dated=dated)
    assert got["14 juta"] == ("recipients_target", "2022", "total", None)


def test_a_period_after_each_figure_is_its_own() -> None:
    got = timing("Pagu Kartu Prakerja Rp10 triliun pada 2021 serta Rp11 triliun pada 2022.")
    assert (got["Rp10 triliun"][1], got["Rp11 triliun"][1]) == ("2021", "2022")
    # look-alike: each period before its figure
    got = timing("Pada 2021 pagu Kartu Prakerja Rp10 triliun, pada 2022 Rp11 triliun.")
    assert (got["Rp10 triliun"][1], got["Rp11 triliun"][1]) == ("2021", "2022")


def test_the_year_before_is_before_the_year_the_text_speaks_of() -> None:
    got = timing("Pagu Kartu Prakerja pada 2021 Rp10 triliun, turun dari tahun sebelumnya yang Rp20 triliun.")
    assert got["Rp20 triliun"][1] == "2020"
    # look-alike: with no year named, the year before the article's
    got = timing("Pagu Kartu Prakerja tahun sebelumnya mencapai Rp20 triliun.")
    assert got["Rp20 triliun"][1] == "2022"


def test_a_date_a_count_stands_at_may_follow_it_in_its_clause() -> None:
    got = timing("Insentif yang telah disalurkan mencapai Rp5 triliun hingga Agustus 2021.")
    assert got["Rp5 triliun"] == ("incentive_disbursed_total", "2021", "to_date", "2021-08")
    # look-alike: the date of another clause
    got = timing("Insentif yang telah disalurkan mencapai Rp5 triliun, sementara pendaftaran dibuka "
                 "hingga Agustus 2021.")
    assert got["Rp5 triliun"][3] != "2021-08"


@pytest.mark.parametrize("text", ["Sampai minggu ini, alumni Kartu Prakerja tercatat 17 juta orang.",
                                  "Hingga berita ini diturunkan, alumni Kartu Prakerja ada 17 juta orang."])
def test_a_count_up_to_this_week_or_this_news_runs_to_the_articles_date(text: str) -> None:
    assert timing(text)["17 juta"] == ("recipients_total", None, "to_date", "2023-03-08")


def test_a_count_of_this_week_alone_is_no_running_count() -> None:
    # look-alike: the week's own count, not one up to it
    assert timing("Pada pekan ini saja, ada 20 ribu pendaftar Kartu Prakerja.")["20 ribu"][2] == "total"


@pytest.mark.parametrize("text", ["Pelatihan Kartu Prakerja sudah diikuti 2,2 juta orang.",
                                  "Ada 2,2 juta orang yang telah menerima Kartu Prakerja."])
def test_people_already_reached_are_a_count_so_far(text: str) -> None:
    assert timing(text)["2,2 juta"] == ("recipients_total", None, "to_date", "2023-03-08")


def test_people_already_reached_in_a_year_in_force_are_that_years() -> None:
    # look-alike: a year framing the paragraph times the count
    got = timing("Pada 2021, program berjalan lancar. Sebanyak 2,2 juta orang telah menerima Kartu Prakerja.")
    assert got["2,2 juta"] == ("recipients_total", "2021", "total", None)


def test_the_release_date_of_a_report_is_not_the_period_it_counts() -> None:
    got = timing("Sepanjang 2021 program berjalan lancar. Laporan tahunan yang dirilis Maret 2022 mencatat "
                 "4,6 juta peserta.")
    assert got["4,6 juta"][1:3] == ("2021", "total")
    # look-alike: a period the report counts is the figure's
    got = timing("Sepanjang 2021 program berjalan lancar. Laporan itu mencatat 4,6 juta peserta pada 2020.")
    assert got["4,6 juta"][1] == "2020"


def test_survey_results_take_the_fieldwork_not_a_period_they_were_compared_with() -> None:
    got = timing("Survei dilakukan pada April hingga Juni 2022. Sebanyak 70,5 persen responden merasa "
                 "keterampilannya bertambah, di atas hasil survei BPS Agustus 2021 yang 66 persen. "
                 "Lalu 40,2 persen responden memakai insentif untuk modal usaha.")
    assert got["40,2 persen"][:2] == ("incentive_business_capital_share", "2022-Q2")
    # look-alike: a sentence citing another record too is not the survey's alone
    got = timing("Survei dilakukan pada April hingga Juni 2022. Pada 2021, berdasarkan data administrasi "
                 "dan survei, 48 persen penerima adalah perempuan.")
    assert got["48 persen"][:2] == ("recipients_female_share", "2021")


def test_the_waves_of_a_surveys_respondents_do_not_date_its_results() -> None:
    got = timing("Survei terhadap alumni gelombang 3 sampai 9 itu digelar pada Februari hingga Maret 2021. "
                 "Hasilnya, 81 persen responden merasa keterampilannya bertambah.")
    assert got["81 persen"][:2] == ("skill_improved_share", "2021-Q1")
    # look-alike: a count of a wave's people pointing back to a sentence naming its waves is theirs
    got = timing("Gelombang 3 sampai 9 dibuka sepanjang 2020. Jumlah tersebut mencakup 1,4 juta penerima.",
                 dated="Rabu, 8 Maret 2021 09:00 WIB")
    assert got["1,4 juta"][1] == "2020"


def test_a_period_of_a_value_a_figure_is_below_or_above_dates_that_value() -> None:
    got = timing("Survei dilakukan pada April hingga Juni 2022. Hasilnya, 70,5 persen responden merasa "
                 "keterampilannya bertambah. Angka ini di bawah temuan BPS Agustus 2021 yang 76 persen.")
    assert got["70,5 persen"][1] == "2022-Q2"
    # look-alike: a sentence pointing back that dates the figure itself
    got = timing("Pada semester ini, 70,5 persen peserta merasa keterampilannya bertambah. Angka itu dicatat "
                 "pada Agustus 2022.")
    assert got["70,5 persen"][1] == "2022-08"


def test_a_month_a_wave_opened_in_leaves_the_wave_its_year() -> None:
    got = timing("Gelombang 55 yang dibuka awal Juni 2023 menyediakan kuota 40 ribu peserta.",
                 dated="Rabu, 14 Juni 2023 09:00 WIB")
    assert got["Gelombang 55"][:2] == ("wave_number", "2023")
    # look-alike: a month set beside the wave is its time
    got = timing("Pada gelombang 55, Juni 2023, kuota yang tersedia 40 ribu peserta.",
                 dated="Rabu, 14 Juni 2023 09:00 WIB")
    assert got["gelombang 55"][:2] == ("wave_number", "2023-06")


def test_one_waves_quota_is_of_the_waves_year_not_of_the_month_it_opens() -> None:
    got = timing("Gelombang 18 rencananya dibuka akhir Juli dengan kuota nasional 600 ribu peserta.",
                 dated="Selasa, 6 Juli 2021 09:00 WIB")
    assert got["600 ribu"][1:3] == ("2021", "part")
    # look-alike: a quota of the month, with no wave, is that month's
    got = timing("Pada Juli, kuota nasional disiapkan 600 ribu peserta.",
                 dated="Selasa, 6 Juli 2021 09:00 WIB")
    assert got["600 ribu"][2] == "total"


def test_a_year_that_names_which_wave_it_is_leaves_the_wave_its_quota() -> None:
    got = timing("Gelombang 21 nanti menjadi gelombang pamungkas tahun ini dengan kuota 500 ribu orang.",
                 dated="Selasa, 5 Oktober 2021 09:00 WIB")
    assert got["500 ribu"][:3] == ("recipients_target", "2021", "part")
    # look-alike: a year of its own after the wave is the quota's frame, the whole year's
    got = timing("Gelombang 21 ditutup kemarin; sepanjang tahun ini kuotanya 5,6 juta orang.",
                 dated="Selasa, 5 Oktober 2021 09:00 WIB")
    assert got["5,6 juta"][:3] == ("recipients_target", "2021", "total")


def test_scheme_calendar_is_cited_and_knows_the_semi_bansos_years() -> None:
    import yaml

    cal = load_waves()
    at, scheme = cal.scheme_named("Waktu itu berlaku skema semi-bansos, bukan skema normal.") or (0, None)
    assert scheme is not None and (scheme.first, scheme.last) == (2020, 2022) and at > 0
    rows = yaml.safe_load(WAVES_PATH.read_text(encoding="utf-8"))["schemes"]
    assert all(row.get("source") for row in rows)


def test_a_figure_of_a_scheme_over_before_the_article_has_the_schemes_years() -> None:
    got = timing("Di era skema semi bansos, saldo pelatihan cuma Rp1 juta. Uang sakunya pun Rp600 ribu "
                 "per bulan.", dated="Senin, 4 Maret 2024 09:00 WIB")
    assert got["Rp1 juta"][:2] == ("training_fee_per_recipient", None)
    assert got["Rp600 ribu"][:2] == ("incentive_monthly", None)
    # look-alikes: the current scheme's amount is the article year's, as is one in an article
    # written while the scheme ran, and one whose sentence only names the scheme after it
    got = timing("Di era skema semi bansos, saldo pelatihan cuma Rp1 juta. Dengan skema normal, saldo "
                 "pelatihan kini Rp3,5 juta.", dated="Senin, 4 Maret 2024 09:00 WIB")
    assert got["Rp3,5 juta"][:2] == ("training_fee_per_recipient", "2024")
    got = timing("Di era skema semi bansos, saldo pelatihan cuma Rp1 juta.",
                 dated="Senin, 7 Maret 2022 09:00 WIB")
    assert got["Rp1 juta"][1] == "2022"
    got = timing("Anggarannya dipangkas menjadi Rp5 triliun karena skema semi bansos berakhir.",
                 dated="Senin, 4 Maret 2024 09:00 WIB")
    assert got["Rp5 triliun"][1] == "2024"


def test_waves_past_another_figure_are_that_figures() -> None:
    got = timing("Kuota 9 juta yang diklaim itu melebihi penerima yang hampir 6 juta orang dari gelombang 1 "
                 "sampai 11.", dated="Kamis, 13 Juni 2024 09:00 WIB")
    assert got["9 juta"][1] == "2024" and got["6 juta"][1] == "2020"
    # look-alike: waves right after the figure are its own
    got = timing("Kuota 9 juta berlaku untuk gelombang 1 sampai 11.", dated="Kamis, 13 Juni 2024 09:00 WIB")
    assert got["9 juta"][1] == "2020"


def test_a_period_describing_the_wave_leaves_its_count_one_waves() -> None:
    got = timing("Gelombang 15, yang ditutup pada semester pertama, diikuti 300 ribu peserta.",
                 dated="Rabu, 7 Juli 2021 09:00 WIB")
    assert got["300 ribu"][2] == "part"
    # look-alike: a period of the count's own clause after the wave times the half-year's count
    got = timing("Hingga gelombang 15, pada semester pertama tercatat 2,4 juta peserta.",
                 dated="Rabu, 7 Juli 2021 09:00 WIB")
    assert got["2,4 juta"][1:3] == ("2021-S1", "total")


def test_a_national_count_of_one_year_restates_no_province_count_of_the_years_since() -> None:
    body = ("Menurut klaim itu, sejak 2020 penerima di Jawa Tengah sudah 4 juta orang. Faktanya, penerima "
            "pada 2021 sekitar 4,1 juta orang.")
    a = extract_article("articles/uji.txt", f"Judul\nRabu, 8 Maret 2023 09:00 WIB\n{body}\n".encode())
    assert [(f.metric, f.period) for f in a.figures] == [
        ("province_recipients", None), ("recipients_total", "2021")]
    # look-alike: the province's count of that year said again at another precision stays the province's
    body = ("Penerima di Jawa Tengah pada 2021 tercatat 400 ribu orang. Menurut dinas, yang lolos pada tahun "
            "itu sekitar 401.250 orang.")
    a = extract_article("articles/uji.txt", f"Judul\nRabu, 8 Maret 2023 09:00 WIB\n{body}\n".encode())
    assert [(f.metric, f.province.name if f.province else None) for f in a.figures] == [
        ("province_recipients", "Jawa Tengah")] * 2


def test_a_count_up_to_the_announcement_of_a_wave_runs_to_date() -> None:
    dated = "Senin, 5 Oktober 2020 09:00 WIB"
    got = timing("Sampai penetapan gelombang 9, penerima asal Bengkulu berjumlah 30.115 orang.", dated)
    assert got["30.115"][1:] == ("2020", "to_date", "2020-10-05")
    # look-alike: the count at one wave's announcement is that wave's
    got = timing("Pada penetapan gelombang 9, penerima asal Bengkulu berjumlah 3.115 orang.", dated)
    assert got["3.115"][1:3] == ("2020", "part")


def test_a_years_breakdown_by_province_stands_where_the_nations_running_count_stands() -> None:
    dated = "Rabu, 28 Desember 2022 09:00 WIB"
    body = ("Kilas Balik 2022: program pelatihan.\n\nHingga Jumat (23/12), penerima tahun ini mencapai "
            "4.901.230 orang.\n\nPagu program tahun ini Rp18 triliun.\n\nSebaran penerima\n\nProvinsi dengan "
            "penerima terbanyak tahun ini ialah Jawa Tengah, yang menyumbang 512 ribu penerima atau 10,4 "
            "persen dari total nasional.")
    got = timing(body, dated)
    assert got["512 ribu"][2:] == got["10,4 persen"][2:] == ("to_date", "2022-12-23")
    # look-alike: where the article gives a past year's total, its breakdown is of that total
    total = body.replace("Hingga Jumat (23/12), penerima tahun ini", "Sepanjang tahun lalu, penerima") \
        .replace("terbanyak tahun ini", "terbanyak tahun lalu")
    got = timing(total, "Senin, 9 Januari 2023 09:00 WIB")
    assert got["512 ribu"][1:] == got["10,4 persen"][1:] == ("2022", "total", None)


def test_a_wave_of_a_pandemic_is_no_registration_wave() -> None:
    got = timing("Gelombang kedua pandemi membuat pagu program tahun ini dinaikkan menjadi Rp19 triliun.")
    assert list(got) == ["Rp19 triliun"] and got["Rp19 triliun"][2] == "total"
    # look-alike: the programme's second wave is a wave, and its count a part
    got = timing("Gelombang kedua program tahun ini menjaring 300 ribu peserta.")
    assert got["Gelombang kedua"][0] == "wave_number" and got["300 ribu"][2] == "part"


def test_a_count_over_the_years_up_to_now_holds_for_no_one_year() -> None:
    dated = "Senin, 13 Januari 2025 09:00 WIB"
    got = timing("Pada 2022 penerima turun menjadi 5,1 juta orang. Dari sisi sebaran, Jawa Tengah menyumbang "
                 "penerima terbanyak selama lima tahun, yakni 2,1 juta orang.", dated)
    assert got["2,1 juta"] == ("province_recipients", None, "to_date", "2025-01-13")
    # look-alike: the years ahead are a plan's, and no count so far
    got = timing("Pada 2022 penerima turun menjadi 5,1 juta orang. Selama lima tahun ke depan, pemerintah "
                 "menargetkan 2,1 juta peserta.", dated)
    assert got["2,1 juta"][0] == "recipients_target" and got["2,1 juta"][2] == "total"


def test_a_period_in_a_relative_clause_about_a_wave_leaves_the_count_the_waves() -> None:
    dated = "Rabu, 28 Desember 2022 09:00 WIB"
    got = timing("Gelombang 46 yang menjadi penutup tahun ini menjaring 205.300 peserta.", dated)
    assert got["205.300"][1:3] == ("2022", "part")
    # look-alike: a count the next clause runs up to a month is the year's so far, not the wave's
    got = timing("Gelombang 46 yang menjadi penutup tahun ini hanya menyediakan kuota 200 ribu peserta, "
                 "tetapi hingga awal Desember peserta yang ditetapkan sudah 4,9 juta orang.", dated)
    assert got["200 ribu"][2] == "part" and got["4,9 juta"][2:] == ("to_date", "2022-12")


def test_a_count_said_to_stand_at_a_wave_after_it_runs_to_date_even_in_a_look_back() -> None:
    # a wave newer than the calendar knows is of the article's own year
    dated = "Jumat, 27 Desember 2024 10:00 WIB"
    got = timing("Kaleidoskop tahun ini. Peserta yang ditetapkan tahun ini berjumlah 1,3 juta orang sampai "
                 "gelombang 81 yang diumumkan Senin lalu.", dated=dated)
    assert got["1,3 juta"][1:3] == ("2024", "to_date")
    # look-alike: the year's waves as a span after the count name no wave it stands at
    got = timing("Peserta yang ditetapkan tahun ini berjumlah 1,3 juta orang dari gelombang 70 sampai "
                 "gelombang 81.", dated=dated)
    assert got["1,3 juta"][1:] == ("2024", "to_date", "2024-12-27")


def test_a_years_first_wave_takes_that_year_not_the_programmes_first() -> None:
    got = timing("Paket manfaat Rp4,2 juta per orang tidak berubah, sedangkan gelombang pertama tahun depan "
                 "dijadwalkan dibuka Februari.", dated="Kamis, 28 Desember 2023 10:00 WIB")
    assert got["Rp4,2 juta"][:2] == ("benefit_per_recipient", "2024")
    # look-alike: the programme's first wave, named by its year, is of 2020
    got = timing("Paket manfaat Rp3,55 juta per orang berlaku, sedangkan gelombang pertama tahun 2020 "
                 "dibuka April.", dated="Kamis, 28 Desember 2023 10:00 WIB")
    assert got["Rp3,55 juta"][:2] == ("benefit_per_recipient", "2020")


def test_in_a_list_of_counts_each_followed_by_its_period_the_last_takes_its_own() -> None:
    dated = "Senin, 13 November 2023 10:00 WIB"
    got = timing("Perinciannya, 6 juta orang pada 2021, 5 juta orang pada 2022, dan 1,1 juta orang sepanjang "
                 "tahun ini.", dated=dated)
    assert [got[k][1] for k in ("6 juta", "5 juta", "1,1 juta")] == ["2021", "2022", "2023"]
    # look-alike: each period before its count stays that count's
    got = timing("Pada 2021 pesertanya 6 juta orang, pada 2022 sebanyak 5 juta orang, dan tahun ini 1,1 juta "
                 "orang.", dated=dated)
    assert [got[k][1] for k in ("6 juta", "5 juta", "1,1 juta")] == ["2021", "2022", "2023"]


def test_the_amounts_of_a_scheme_said_to_run_several_years_are_of_no_one_year() -> None:
    got = timing("Selama tiga tahun masa pandemi, tiap peserta memperoleh manfaat Rp3,55 juta, terdiri atas "
                 "biaya pelatihan Rp1 juta dan insentif Rp2,4 juta.")
    assert [got[k][1] for k in ("Rp3,55 juta", "Rp1 juta", "Rp2,4 juta")] == [None, None, None]
    # look-alike: the same amounts said of this year are this year's
    got = timing("Tahun ini tiap peserta menerima Rp3,55 juta, terdiri atas biaya pelatihan Rp1 juta dan "
                 "insentif Rp2,4 juta.")
    assert [got[k][1] for k in ("Rp3,55 juta", "Rp1 juta", "Rp2,4 juta")] == ["2023", "2023", "2023"]


def test_an_amount_among_a_package_is_its_own_amount_but_people_among_a_count_are_a_part() -> None:
    got = timing("Tahun ini tiap peserta memperoleh paket Rp4,2 juta, dan Rp3,5 juta di antaranya berupa "
                 "saldo untuk membeli pelatihan.")
    assert got["Rp3,5 juta"][0::2] == ("training_fee_per_recipient", "total")
    # look-alike: people among a count are a part of it
    got = timing("Tahun ini peserta program sudah 1,2 juta orang, dan 500 ribu orang di antaranya "
                 "lulusan SMA.")
    assert got["500 ribu"][2] == "part"


def test_an_amount_only_a_past_scheme_had_is_of_its_years() -> None:
    body = "Tiap orang mendapat paket manfaat Rp3,55 juta, di dalamnya ada insentif Rp600 ribu per bulan."
    got = timing(body, dated="Senin, 11 September 2023 10:00 WIB")
    assert got["Rp3,55 juta"][:2] == ("benefit_per_recipient", None)
    assert got["Rp600 ribu"][:2] == ("incentive_monthly", None)
    # look-alikes: said while that scheme ran it is the year's; the scheme of the article's year is its own
    got = timing(body, dated="Senin, 13 September 2021 10:00 WIB")
    assert got["Rp3,55 juta"][:2] == ("benefit_per_recipient", "2021")
    got = timing("Setiap peserta memperoleh manfaat Rp4,2 juta.", dated="Senin, 11 September 2023 10:00 WIB")
    assert got["Rp4,2 juta"][:2] == ("benefit_per_recipient", "2023")


def test_a_year_shifted_in_a_relative_clause_set_apart_describes_the_subject_then() -> None:
    body = ("Pada 2022 penerima nasional 5 juta orang. Banten, yang setahun sebelumnya di posisi kelima, "
            "turun ke posisi ketujuh dengan 210 ribu penerima.")
    assert timing(body)["210 ribu"][1] == "2022"
    # look-alike: a year shifted in the main clause dates its figure
    body = "Pada 2022 penerima nasional 5 juta orang. Setahun sebelumnya, Banten mencatat 210 ribu penerima."
    assert timing(body)["210 ribu"][1] == "2021"


def test_a_survey_incentive_of_what_one_survey_pays_is_one_surveys() -> None:
    # no scheme ever paid Rp50 ribu for all its surveys: that amount is one survey's
    got = timing("Selain itu peserta memperoleh insentif survei Rp50 ribu untuk tiga kali pengisian.")
    assert got["Rp50 ribu"][0::2] == ("survey_incentive", "part")
    # look-alike: the whole survey incentive is the total
    got = timing("Selain itu peserta memperoleh insentif survei Rp150 ribu untuk tiga kali pengisian.")
    assert got["Rp150 ribu"][0::2] == ("survey_incentive", "total")


def test_one_past_year_among_a_count_since_the_start_is_that_years_total() -> None:
    got = timing("Sejak program dimulai, pesertanya sudah 14 juta orang. Sekitar 4,8 juta di antaranya "
                 "lolos seleksi selama 2021.")
    assert got["4,8 juta"][:3] == ("recipients_total", "2021", "total")
    # look-alike: some of one year's count, timed to that year, is a part of it
    got = timing("Pada 2021 pesertanya 4,8 juta orang. Sekitar 1,9 juta di antaranya lolos seleksi "
                 "selama 2021.")
    assert got["1,9 juta"][:3] == ("recipients_total", "2021", "part")
