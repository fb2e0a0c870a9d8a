"""Timing of values that change, plans, former and supposed values, and repeats (CLAIMS.md's
basis `superseded` and rule 7), on sentences written for the test: for each rule a paraphrase
that must resolve and a look-alike that must not."""

from __future__ import annotations

import pytest
from timed import timing, timing_all

from prakerja_etl.sources.articles import extract_article


def test_the_old_value_of_a_change_is_replaced_in_either_order() -> None:
    got = timing("Mulai tahun depan, total bantuan bagi tiap peserta Kartu Prakerja naik dari Rp 3,9 juta "
                 "menjadi Rp 4,5 juta.")
    assert got["Rp 3,9 juta"][1:3] == (None, "superseded")
    assert got["Rp 4,5 juta"][1:3] == ("2024", "total")
    got = timing("Total bantuan bagi tiap peserta Kartu Prakerja kini menjadi Rp 4,5 juta "
                 "dari sebelumnya Rp 3,9 juta.")
    assert got["Rp 3,9 juta"][2] == "superseded"
    assert got["Rp 4,5 juta"][1:3] == ("2023", "total")
    got = timing("Pagu Kartu Prakerja dipangkas dari Rp 9 triliun jadi Rp 6 triliun.")
    assert got["Rp 9 triliun"][2] == "superseded"


def test_the_old_value_of_a_change_dated_by_its_own_words_is_that_periods() -> None:
    got = timing("Pagu Kartu Prakerja naik dari Rp 5 triliun tahun lalu menjadi Rp 6 triliun.")
    assert got["Rp 5 triliun"][1:3] == ("2022", "total")


def test_the_old_value_of_a_change_verb_without_its_new_value_is_not_the_value_in_force() -> None:
    got = timing("Insentif bulanan peserta Kartu Prakerja sekarang Rp 700 ribu, meningkat dari "
                 "sebelumnya hanya Rp 500 ribu.")
    assert got["Rp 500 ribu"][1:3] == (None, "total")
    assert got["Rp 700 ribu"][1] == "2023"
    got = timing("Tahun ini pagu Kartu Prakerja juga dinaikkan dari Rp 5 triliun.")
    assert got["Rp 5 triliun"][1] is None
    # look-alike: 'kurang dari' is a hedge (less than), not a change
    got = timing("Tahun ini penerima Kartu Prakerja kurang dari 2 juta orang.")
    assert got["2 juta"][1] == "2023"


def test_the_value_a_new_one_is_compared_with_is_not_the_value_in_force() -> None:
    got = timing("Insentif bulanan Kartu Prakerja sekarang Rp 700 ribu, lebih tinggi dari "
                 "sebelumnya Rp 500 ribu.")
    assert got["Rp 500 ribu"][1:3] == (None, "total")
    assert got["Rp 700 ribu"][1] == "2023"
    # look-alike: some of a whole after 'sedikit dari' keeps the whole's year
    got = timing("Tahun ini hanya sedikit dari 2 juta penerima Kartu Prakerja yang menganggur.")
    assert got["2 juta"][1] == "2023"


def test_an_original_plan_is_superseded_when_the_next_sentence_changes_it() -> None:
    got = timing("Semula program Kartu Prakerja diberi pagu Rp 8 triliun. "
                 "Belakangan pemerintah menambah pagunya menjadi Rp 12 triliun.")
    assert got["Rp 8 triliun"][2] == "superseded"
    assert got["Rp 12 triliun"][2] == "total"
    got = timing("Semula pemerintah menyiapkan Rp 8 triliun bagi 3 juta peserta Kartu Prakerja. "
                 "Pemerintah lalu menaikkan pagunya menjadi Rp 12 triliun dengan sasaran 4 juta orang.")
    assert got["3 juta"][2] == "superseded" and got["4 juta"][2] == "total"
    # look-alike: the next sentence only restates another plan, it changes nothing
    got = timing("Semula program Kartu Prakerja diberi pagu Rp 8 triliun. "
                 "Pagu itu dibagi menjadi dua tahap, masing-masing Rp 4 triliun.")
    assert got["Rp 8 triliun"][2] == "total"


def test_a_value_for_a_supposed_future_has_no_year() -> None:
    got = timing("Kalau nanti pandemi sudah reda, biaya pelatihan Kartu Prakerja bisa naik hingga Rp 4 juta.")
    assert got["Rp 4 juta"][1] is None
    # look-alike: a bare 'kalau' of counting is no supposition
    got = timing("Kalau dijumlahkan, anggaran Kartu Prakerja tahun ini mencapai Rp 10 triliun.")
    assert got["Rp 10 triliun"][1] == "2023"


def test_a_count_followed_by_the_waves_it_spans_takes_their_year() -> None:
    got = timing("Tercatat 11 gelombang pada 2020, lalu 9 gelombang, yakni gelombang 12 hingga 20, "
                 "sepanjang tahun berikutnya.")
    assert got["9"][:2] == ("waves_count", "2021")
    # look-alike: waves of two years give no single year
    got = timing("Pada 2021 sudah dibuka 14 gelombang, dari gelombang 5 hingga 18.")
    assert got["14"][1] == "2021"


def test_a_lone_dari_names_a_whole_not_a_change() -> None:
    got = timing("Pada 2022, sekitar 40 persen dari 3 juta penerima Kartu Prakerja tinggal di desa.")
    assert got["3 juta"][2] != "superseded"
    assert got["40 persen"][1] == "2022"


def test_a_value_of_a_former_time_has_no_period_of_the_article() -> None:
    got = timing("Bantuan Kartu Prakerja kini Rp 4,5 juta, lebih besar daripada skema lama "
                 "senilai Rp 3,9 juta.")
    assert got["Rp 4,5 juta"][1] == "2023"
    assert got["Rp 3,9 juta"][1:3] == (None, "total")
    got = timing("Insentif survei Kartu Prakerja waktu itu sebesar Rp 120 ribu.")
    assert got["Rp 120 ribu"][1] is None
    got = timing("Dulu insentif Kartu Prakerja Rp 500 ribu per bulan, sekarang bantuannya Rp 4,5 juta.")
    assert got["Rp 500 ribu"][1] is None
    assert got["Rp 4,5 juta"][1] == "2023"     # a word of the present ends the former time


def test_kala_itu_after_a_named_time_is_that_time() -> None:
    got = timing("Pendaftaran dibuka pada Mei 2022, dan kala itu kuota Kartu Prakerja dipatok "
                 "300 ribu peserta.")
    assert got["300 ribu"][1] == "2022"


def test_kala_itu_opening_a_sentence_is_the_past_time_its_paragraph_speaks_of() -> None:
    body = ("Rekor penerima Kartu Prakerja di Maluku terjadi pada 2021. Saat itu penerima asal "
            "Maluku tercatat 41 ribu orang.")
    assert timing(body)["41 ribu"][1] == "2021"
    # look-alike: 'kala itu' after this year's figures and a scheme is that scheme's former time,
    # not this year
    body = ("Tahun ini biaya pelatihan Kartu Prakerja lebih besar daripada skema semi bansos. Kala itu "
            "biaya pelatihan hanya Rp 1 juta.")
    assert timing(body)["Rp 1 juta"][1] is None


def test_a_plan_called_the_whole_is_the_years_not_the_carried_semester() -> None:
    body = ("Pada semester II-2021 kuota Kartu Prakerja 1 juta orang, dengan pagu Rp 4 triliun. "
            "Adapun total anggaran Rp 15 triliun untuk program itu belum final.")
    got = timing(body, dated="Senin, 5 Juli 2021 10:00 WIB")
    assert got["Rp 4 triliun"][1] == "2021-S2"
    assert got["Rp 15 triliun"][1] == "2021"


def test_a_target_up_to_a_date_above_the_running_total_is_a_running_total() -> None:
    body = ("Sejak diluncurkan, peserta Kartu Prakerja sudah 17 juta orang. "
            "Pemerintah menargetkan sampai akhir 2024 jumlahnya menjadi 18,5 juta orang.")
    got = timing(body, dated="Senin, 8 Januari 2024 10:00 WIB")
    assert got["18,5 juta"][1:] == (None, "to_date", "2024-12")
    got = timing("Hingga akhir 2024 ditargetkan total 20 juta alumni Kartu Prakerja.",
                 dated="Senin, 8 Januari 2024 10:00 WIB")
    assert got["20 juta"][1:] == (None, "to_date", "2024-12")


def test_a_years_target_up_to_its_end_stays_the_years() -> None:
    body = ("Sejak diluncurkan, peserta Kartu Prakerja sudah 17 juta orang. "
            "Target sampai akhir 2024 sebanyak 1,1 juta peserta baru.")
    got = timing(body, dated="Senin, 8 Januari 2024 10:00 WIB")
    assert got["1,1 juta"][2] == "total"


def test_survey_results_without_a_fieldwork_period_take_none_from_an_agents_name() -> None:
    body = ("Pada 2022 anggaran Kartu Prakerja Rp 9 triliun. "
            "Secara akumulatif, peserta sejak awal sudah 16 juta orang.\n\n"
            "Menurut survei terhadap peserta, 61 persen peserta Kartu Prakerja tinggal di desa.\n\n"
            "Survei lain yang dilakukan oleh Lembaga Riset 2022 menunjukkan hal serupa.")
    got = timing(body, dated="Senin, 5 Desember 2022 10:00 WIB")
    assert got["61 persen"][1] is None
    body = body.replace("Lembaga Riset 2022", "lembaga riset pada Oktober 2022")
    assert timing(body, dated="Senin, 5 Desember 2022 10:00 WIB")["61 persen"][1] == "2022-10"
    # …also after how it was done
    body = body.replace("oleh lembaga riset pada", "secara tatap muka dan lewat telepon pada")
    assert timing(body, dated="Senin, 5 Desember 2022 10:00 WIB")["61 persen"][1] == "2022-10"


def test_counts_after_a_count_since_the_start_run_to_the_same_date() -> None:
    body = ("Sejak dibuka hingga 10 Mei 2022, pendaftar Kartu Prakerja mencapai 90 juta orang. "
            "Di Bali, penerima Kartu Prakerja tercatat 150 ribu orang.")
    got = timing(body, dated="Kamis, 12 Mei 2022 10:00 WIB")
    assert got["150 ribu"][1:] == (None, "to_date", "2022-05-10")


def test_a_restated_figure_is_not_timed_by_a_period_named_for_another() -> None:
    body = ("Pemerintah menargetkan 7 juta peserta Kartu Prakerja. "
            "Dari 7 juta peserta itu, pada kuartal I sudah tersalurkan 1,5 juta penerima.")
    assert timing(body, dated="Senin, 5 Juli 2021 10:00 WIB")["1,5 juta"][1] == "2021-Q1"
    a = extract_article("articles/uji.txt", (
        "Kabar terbaru program pelatihan kerja dari pemerintah\nSenin, 5 Juli 2021 10:00 WIB\n"
        + body + "\n").encode("utf-8"))
    assert [f.period for f in a.figures if f.value == 7_000_000] == ["2021", "2021"]


def test_a_stage_amount_repeated_later_is_still_that_stage() -> None:
    body = ("Untuk tahap awal, pagu Kartu Prakerja disiapkan Rp 1,9 triliun.\n\n"
            "Menurut menteri, anggaran turun dari Rp 12 triliun jadi Rp 1,9 triliun tahun ini.")
    got = timing(body)
    assert got["Rp 1,9 triliun"][1:3] == ("2023", "part")
    assert got["Rp 12 triliun"][2] == "superseded"
    got = timing("Menurut menteri, pagu Kartu Prakerja tahun ini Rp 1,9 triliun.")
    assert got["Rp 1,9 triliun"][1:3] == ("2023", "total")


@pytest.mark.parametrize("opening", [
    "Kartu Prakerja merampungkan seluruh gelombang tahun 2023.",
    "Catatan Akhir Tahun: program ini menutup tahun dengan capaian di atas target.",
    "Kaleidoskop 2023: gelombang terakhir tahun ini sudah ditutup pekan lalu.",
])
def test_a_count_of_the_articles_own_year_runs_to_date_even_in_a_look_back(opening: str) -> None:
    # said within the year, even at its end, a count is not the year's final one
    got = timing(opening + " Sepanjang tahun ini penerima Kartu Prakerja mencapai 1,1 juta orang.",
                 dated="Jumat, 29 Desember 2023 10:00 WIB")
    assert got["1,1 juta"][1:] == ("2023", "to_date", "2023-12-29")


def test_a_look_back_at_a_year_past_holds_its_total() -> None:
    # look-alike: a year looked back on from the next is over, and its count final
    got = timing("Kilas balik 2022: sepanjang tahun lalu penerima Kartu Prakerja mencapai 5 juta orang.",
                 dated="Senin, 9 Januari 2023 10:00 WIB")
    assert got["5 juta"][1:] == ("2022", "total", None)


def test_a_participant_finishing_training_does_not_close_the_year() -> None:
    got = timing("Setiap peserta wajib menuntaskan pelatihan pertamanya dalam 30 hari. "
                 "Tahun ini penerima Kartu Prakerja sudah mencapai 300 ribu orang.")
    assert got["300 ribu"][1:] == ("2023", "to_date", "2023-03-08")


def test_a_wave_newer_than_the_calendar_runs_in_the_year_the_text_speaks_of() -> None:
    dated = "Senin, 5 Agustus 2024 10:00 WIB"
    got = timing("Tahun ini pendaftaran gelombang 90 dibuka dengan kuota 50 ribu peserta.", dated=dated)
    assert got["gelombang 90"][1] == "2024"
    assert got["50 ribu"][1:3] == ("2024", "part")
    alone = timing("Pendaftaran gelombang 90 dibuka pekan ini.", dated=dated)
    assert alone["gelombang 90"][1] is None   # nothing says which year


def test_a_year_after_the_one_named_before() -> None:
    got = timing("Pada 2020, penerima Kartu Prakerja di provinsi itu 120 ribu orang. "
                 "Setahun kemudian jumlah penerima Kartu Prakerja naik lagi, mencapai 150 ribu orang.")
    assert got["150 ribu"][1] == "2021"
    alone = timing("Setahun kemudian jumlah penerima Kartu Prakerja mencapai 150 ribu orang.")
    assert alone["150 ribu"][1] is None


def test_a_value_unchanged_from_last_year_holds_this_year() -> None:
    got = timing("Besaran insentif Kartu Prakerja tidak berubah dari tahun lalu, yakni Rp600 ribu.")
    assert got["Rp600 ribu"][1] == "2023"
    dated_by_it = timing("Dibanding tahun lalu yang mencapai 4,8 juta orang, penerima Kartu Prakerja "
                         "kini lebih sedikit.")
    assert dated_by_it["4,8 juta"][1] == "2022"


def test_a_value_no_longer_paid_is_of_no_period_of_the_article() -> None:
    got = timing("Insentif Kartu Prakerja tidak lagi dibayar Rp500 ribu per bulan.\n\n"
                 "Kalau sebelumnya biaya pelatihan Rp1 juta, kini biaya pelatihan Kartu Prakerja Rp3,5 juta.")
    assert got["Rp500 ribu"][1] is None
    assert got["Rp1 juta"][1] is None
    assert got["Rp3,5 juta"][1] == "2023"
    still = timing("Insentif Kartu Prakerja dibayar Rp500 ribu per bulan.")
    assert still["Rp500 ribu"][1] == "2023"


def test_a_count_up_to_last_week_runs_to_the_article() -> None:
    got = timing("Hingga pekan lalu, pendaftar Kartu Prakerja sudah lebih dari 12 juta orang.")
    assert got["12 juta"][2:] == ("to_date", "2023-03-08")
    week = timing("Pada pekan lalu pendaftar Kartu Prakerja bertambah 300 ribu orang.")
    assert week["300 ribu"][2] != "to_date"


def test_next_years_plan_does_not_time_the_counts_after_it() -> None:
    got = timing("Pemerintah menargetkan 1,2 juta peserta Kartu Prakerja pada tahun depan. "
                 "Kartu Prakerja bermitra dengan tujuh platform digital.")
    assert got["1,2 juta"][1] == "2024"
    assert got["tujuh"][1] is None


def test_this_years_stock_of_partners_is_the_years_unless_said_to_be_now() -> None:
    got = timing("Tahun ini Kartu Prakerja bermitra dengan tujuh platform digital.")
    assert got["tujuh"][1:3] == ("2023", "total")
    now = timing("Tahun ini penerima Kartu Prakerja sudah 300 ribu orang. "
                 "Saat ini Kartu Prakerja bermitra dengan tujuh platform digital.")
    assert now["tujuh"][1:] == ("2023", "to_date", "2023-03-08")


def test_a_period_right_after_a_part_cue_times_the_part() -> None:
    got = timing("Kuota tiap gelombang Kartu Prakerja pada 2023 dipatok 80 ribu peserta.")
    assert got["80 ribu"][1:3] == ("2023", "part")
    whole = timing("Kuota tiap gelombang diatur kemudian, sedangkan sepanjang 2023 pemerintah menargetkan "
                   "1 juta peserta Kartu Prakerja.")
    assert whole["1 juta"][1:3] == ("2023", "total")


def test_a_quota_for_a_wave_named_after_it_is_that_waves() -> None:
    got = timing("Masih tersisa kuota Kartu Prakerja sebanyak 150 ribu peserta untuk gelombang 30.")
    assert got["150 ribu"][2] == "part"
    running = timing("Penerima Kartu Prakerja mencapai 2,5 juta orang hingga gelombang 30.")
    assert running["2,5 juta"][2] != "part"


def test_each_of_the_surveys_is_a_part_of_the_survey_incentive() -> None:
    got = timing("Insentif survei Kartu Prakerja Rp100 ribu untuk dua kali pengisian, "
                 "masing-masing Rp50 ribu.")
    assert got["Rp50 ribu"][2] == "part"
    assert got["Rp100 ribu"][2] == "total"
    whole = timing("Insentif survei Kartu Prakerja sebesar Rp150 ribu.")
    assert whole["Rp150 ribu"][2] == "total"


def test_a_replaced_plan_is_of_the_year_of_its_replacement() -> None:
    got = timing("Anggaran Kartu Prakerja tahun ini ditambah. "
                 "Tadinya pemerintah menargetkan 900 ribu peserta, lalu menjadi 1,3 juta peserta.")
    assert got["900 ribu"][1:3] == ("2023", "superseded")
    count = timing("Tadinya pendaftar Kartu Prakerja 900 ribu orang, lalu menjadi 1,3 juta orang.")
    assert count["900 ribu"][1:3] == (None, "superseded")   # a count: no plan year to take


def test_a_target_repeated_later_is_the_target_first_stated() -> None:
    got = timing("Tahun depan pemerintah menargetkan 1,4 juta peserta Kartu Prakerja.\n\n"
                 "Menurut pengamat, sasaran 1.400.000 peserta Kartu Prakerja masih terlalu kecil.")
    assert got["1.400.000"][1] == "2024"
    other = timing("Tahun depan pemerintah menargetkan 1,4 juta peserta Kartu Prakerja.\n\n"
                   "Menurut pengamat, target 1,2 juta peserta Kartu Prakerja masih terlalu kecil.")
    assert other["1,2 juta"][1] == "2023"   # another figure: the article's year


def test_the_target_of_a_programme_said_to_go_on_has_no_one_year() -> None:
    got = timing("Menurut menteri, Kartu Prakerja akan terus dilanjutkan dengan target peserta 3 juta orang.")
    assert got["3 juta"][:2] == ("recipients_target", None)
    # A year stated for it still times it; without a verb of going on, the article's year does.
    got = timing("Kartu Prakerja dilanjutkan pada 2024 dengan target peserta 1,2 juta orang.")
    assert got["1,2 juta"][:2] == ("recipients_target", "2024")
    got = timing("Selanjutnya pemerintah menetapkan target peserta Kartu Prakerja 1,1 juta orang.")
    assert got["1,1 juta"][:2] == ("recipients_target", "2023")
    got = timing("Lebih lanjut, anggaran Kartu Prakerja disiapkan sebesar Rp4 triliun.")
    assert got["Rp4 triliun"][:2] == ("budget_total", "2023")


def test_a_count_said_to_stand_now_in_a_part_of_this_year_is_the_years_to_date() -> None:
    frame = "Anggaran program untuk semester I 2023 disiapkan sebesar Rp 8 triliun. "
    dated = "Jumat, 8 September 2023 10:00 WIB"
    now = timing(frame + "Lembaga pelatihan yang bergabung saat ini berjumlah 160 lembaga.", dated)
    assert now["160"] == ("training_institutions_count", "2023", "to_date", "2023-09-08")
    # look-alike: no word of the present
    plain = timing(frame + "Lembaga pelatihan yang bergabung berjumlah 160 lembaga.", dated)
    assert plain["160"][1:] == ("2023-S1", "total", None)
    # (after a part of an earlier year, 'saat ini' is no longer that year's)
    earlier = timing(frame.replace("2023", "2021") + "Lembaga pelatihan yang bergabung saat ini "
                     "berjumlah 160 lembaga.", dated)
    assert earlier["160"][1:3] == (None, "total")


def test_figures_that_break_a_whole_down_are_its_parts() -> None:
    whole = "Sepanjang 2022, penerima Kartu Prakerja tercatat 5,9 juta orang, terdiri atas "
    parts = timing(whole + "3,1 juta penerima skema normal dan 2,8 juta penerima skema semi-bansos.")
    assert parts["5,9 juta"][2] == "total"
    assert parts["3,1 juta"][2] == parts["2,8 juta"][2] == "part"
    # look-alikes: figures that do not add up to the whole, or follow it without a word of breakdown
    apart = timing(whole + "3,1 juta penerima skema normal dan 1,2 juta penerima skema semi-bansos.")
    assert apart["3,1 juta"][2] != "part"
    unopened = timing("Sepanjang 2022, penerima Kartu Prakerja tercatat 5,9 juta orang, sementara "
                      "3,1 juta penerima skema normal dan 2,8 juta penerima skema semi-bansos.")
    assert unopened["3,1 juta"][2] != "part"


def test_figures_breaking_down_a_whole_pointed_back_to_are_its_parts() -> None:
    whole = ("Pagu program itu tahun lalu Rp14,5 triliun. Jumlah itu terdiri atas Rp12 triliun untuk "
             "pelatihan ")
    got = timing(whole + "dan tambahan Rp2,5 triliun pada akhir tahun.")
    assert got["Rp12 triliun"][::2] == got["Rp2,5 triliun"][::2] == ("budget_total", "part")
    # look-alike: figures that do not add up to the whole pointed back to
    got = timing(whole + "dan tambahan Rp1 triliun pada akhir tahun.")
    assert got["Rp12 triliun"][2] != "part" and got["Rp1 triliun"][2] != "part"


def test_a_target_broken_down_by_halves_in_the_next_sentence_is_each_halfs_target() -> None:
    got = timing("Sasaran peserta tahun 2022 dipatok 3 juta orang. Perinciannya, 1,8 juta orang di "
                 "semester I yang dijaring lewat enam gelombang, serta 1,2 juta orang di semester II.",
                 dated="Senin, 14 Maret 2022 10:00 WIB")
    assert got["1,8 juta"] == ("recipients_target", "2022-S1", "total", None)
    assert got["1,2 juta"] == ("recipients_target", "2022-S2", "total", None)
    # look-alike: counts reached, broken down by years, stay each year's count of recipients
    got = timing("Sejak 2020 peserta sudah 11 juta orang. Perinciannya, 5,5 juta orang pada 2020 yang "
                 "dijaring lewat 11 gelombang, serta 5,5 juta orang pada 2021.")
    assert got["5,5 juta"][:3] == ("recipients_total", "2021", "total")


def test_one_person_named_before_a_count_is_no_trait_of_its_people() -> None:
    got = timing("Seorang pria yang mengaku pelatih menyebut penerima program tahun lalu 4,2 juta orang.")
    assert got["4,2 juta"][:3] == ("recipients_total", "2022", "total")
    # look-alike: the people counted are men
    got = timing("Penerima pria tahun lalu 2,2 juta orang.")
    assert got["2,2 juta"][2] == "part"


def test_a_count_of_the_people_with_a_trait_is_a_part() -> None:
    for text in ("Peserta laki-laki tahun lalu tercatat 3,1 juta orang.",
                 "Tahun lalu ada 3,1 juta peserta laki-laki."):
        assert timing(text)["3,1 juta"] == ("recipients_total", "2022", "part", None)
    # look-alikes: the whole a share is of (the trait after a copula), people at places
    got = timing("Tahun lalu, sebanyak 48 persen dari 3,1 juta peserta adalah laki-laki.")
    assert got["3,1 juta"] == ("recipients_total", "2022", "total", None)
    assert timing("Tahun lalu ada 9 juta peserta di desa dan kota.")["9 juta"][2] == "total"


def test_a_count_whose_people_are_said_to_be_of_one_kind_is_a_part() -> None:
    for text in ("Tahun lalu, 2,2 juta peserta Kartu Prakerja merupakan korban pemutusan hubungan kerja.",
                 "Sebanyak 2,2 juta penerima tahun lalu berasal dari kalangan pekerja informal."):
        assert timing(text)["2,2 juta"] == ("recipients_total", "2022", "part", None)
    # look-alikes: a count said to be a record, and the whole a share after 'dari' is of
    got = timing("Tahun lalu, 2,2 juta penerima merupakan jumlah terbanyak sepanjang program berjalan.")
    assert got["2,2 juta"][2] != "part"
    got = timing("Tahun lalu, 30 persen dari 2,2 juta peserta adalah lulusan perguruan tinggi.")
    assert got["2,2 juta"] == ("recipients_total", "2022", "total", None)


def test_a_count_restricted_to_one_kind_before_it_is_a_part() -> None:
    got = timing("Tahun lalu, peserta yang tergolong pemuda desa tercatat 1,4 juta orang.")
    assert got["1,4 juta"] == ("recipients_total", "2022", "part", None)
    # look-alike: a relative clause about the programme, not a kind of its people
    got = timing("Tahun lalu, program yang merupakan andalan pemerintah itu menjangkau 2,9 juta peserta.")
    assert got["2,9 juta"] == ("recipients_total", "2022", "total", None)


def test_a_count_over_several_years_up_to_a_later_one_has_no_single_year() -> None:
    got = timing("Penerima Kartu Prakerja dari tahun 2021 sampai 2023 berjumlah 7,3 juta orang.")
    assert got["7,3 juta"] == ("recipients_total", None, "to_date", "2023-12")
    # look-alike: a year after 'dari' that is compared, not counted from, keeps its own timing
    got = timing("Pada 2022 penerima Kartu Prakerja tercatat 2,7 juta orang, turun dari 2021.")
    assert got["2,7 juta"] == ("recipients_total", "2022", "total", None)


def test_a_count_over_the_years_the_programme_has_run_is_to_date() -> None:
    got = timing("Selama lebih dari tiga tahun pelaksanaannya, program itu diikuti 15 juta peserta.")
    assert got["15 juta"] == ("recipients_total", None, "to_date", "2023-03-08")
    # look-alike: 'dalam tahun berjalan' is the current year, not the years since the launch
    got = timing("Dalam tahun berjalan, kuota penerima Kartu Prakerja sebanyak 1 juta orang.")
    assert got["1 juta"][2] == "total"


def test_money_already_paid_out_with_no_period_is_paid_so_far() -> None:
    got = timing("Pemerintah telah mencairkan insentif Kartu Prakerja sebesar Rp 14 triliun.")
    assert got["Rp 14 triliun"] == ("incentive_disbursed_total", None, "to_date", "2023-03-08")
    # look-alike: a year stated times the payment
    got = timing("Pada 2021 pemerintah telah mencairkan insentif Kartu Prakerja sebesar Rp 14 triliun.")
    assert got["Rp 14 triliun"][1:3] == ("2021", "total")


def test_some_of_a_whole_named_before_is_a_part_of_it() -> None:
    got = timing("Pada 2021, dari 5 juta peserta Kartu Prakerja, 1,3 juta di antaranya memakai aplikasi.")
    assert got["1,3 juta"][:3] == ("recipients_total", "2021", "part")
    # look-alike: a province's people among the whole are that province's whole count
    got = timing("Pada 2021, dari 5 juta peserta Kartu Prakerja, 300 ribu di antaranya warga Riau.")
    assert got["300 ribu"][:3] == ("province_recipients", "2021", "total")
    # a count of things among a whole is a part too
    got = timing("Tersedia 900 pelatihan, dan 120 pelatihan di antaranya bersertifikat.")
    assert got["120"][2] == "part"
    got = timing("Peserta Kartu Prakerja sepanjang 2021 sampai 2023 berjumlah 9 juta orang.")
    assert got["9 juta"][1:3] == (None, "to_date")


def test_a_count_of_all_alumni_named_before_it_is_a_count_so_far() -> None:
    got = timing("Jumlah alumni Kartu Prakerja kini tembus 19 juta orang.")
    assert got["19 juta"][1:] == (None, "to_date", "2023-03-08")
    got = timing("Jumlah alumni Kartu Prakerja mencapai 19 juta orang.")
    assert got["19 juta"][2:] == ("to_date", "2023-03-08")
    # look-alike: the alumni of one year are that year's
    got = timing("Jumlah alumni Kartu Prakerja tahun 2021 mencapai 5,9 juta orang.")
    assert got["5,9 juta"][1:3] == ("2021", "total")


def test_a_smaller_count_of_the_whole_a_sentence_opens_with_is_a_part() -> None:
    got = timing("Dari 5 juta peserta Kartu Prakerja pada 2021, sekitar 800 ribu orang berusia lanjut.")
    assert got["800 ribu"][1:3] == ("2021", "part")
    # look-alike: a count of other people after the whole is their own total
    got = timing("Dari 9 juta pendaftar pada 2021, hanya 800 ribu yang diterima sebagai peserta.")
    assert got["800 ribu"][:3] == ("recipients_total", "2021", "total")


def test_a_value_said_to_be_the_first_is_superseded_by_the_next_sentences_new_value() -> None:
    got = timing("Pagu program tahun ini semula cuma Rp3 triliun. Pada Juli, pemerintah menambah Rp1 triliun "
                 "sehingga pagunya menjadi Rp4 triliun.")
    assert (got["Rp3 triliun"][2], got["Rp4 triliun"][2]) == ("superseded", "total")
    # look-alike: a later amount that is no new value of it supersedes nothing (a plan said to have been
    # only so much at first is replaced by its own words: tests/figures/test_revised_plans.py)
    got = timing("Pagu program tahun ini awalnya ditetapkan Rp3 triliun. Pada Juli, pemerintah menambah "
                 "Rp1 triliun untuk program lain.")
    assert got["Rp3 triliun"][2] == "total"


def test_a_revision_that_restates_the_people_supersedes_the_first_plans_people() -> None:
    got = timing("Kementerian semula menyediakan Rp6 triliun bagi 1,5 juta peserta, lalu meningkatkannya "
                 "menjadi Rp8 triliun agar dapat menjangkau 2 juta orang.")
    assert [got[k][::2] for k in ("Rp6 triliun", "1,5 juta", "Rp8 triliun", "2 juta")] == [
        ("budget_total", "superseded"), ("recipients_target", "superseded"),
        ("budget_total", "total"), ("recipients_target", "total")]
    # look-alike: people named only with the new amount are the revision's, the first plan had none
    got = timing("Kementerian semula menyediakan Rp6 triliun, lalu meningkatkannya menjadi Rp8 triliun "
                 "bagi 2 juta orang.")
    assert got["2 juta"][::2] == ("recipients_target", "total")


def test_when_a_plan_was_drawn_up_is_not_the_year_it_is_for() -> None:
    got = timing("Ketika disusun pada akhir tahun lalu, program ini diberi anggaran Rp8 triliun.")
    assert got["Rp8 triliun"][:2] == ("budget_total", "2023")
    # look-alike: the year a plan is said to be for
    got = timing("Untuk tahun lalu, program ini diberi anggaran Rp8 triliun.")
    assert got["Rp8 triliun"][:2] == ("budget_total", "2022")


def test_a_first_value_is_superseded_by_a_change_two_sentences_later() -> None:
    got = timing("Pagu program tahun ini semula hanya Rp3 triliun. Pandemi lalu mengubah semua hitungan. "
                 "Pemerintah kemudian menaikkan pagunya menjadi Rp5 triliun.")
    assert (got["Rp3 triliun"][2], got["Rp5 triliun"][2]) == ("superseded", "total")
    # look-alike: a value not said to be the first is not replaced by a change two sentences on
    got = timing("Pagu program tahun ini Rp3 triliun. Pandemi lalu mengubah semua hitungan. "
                 "Pemerintah kemudian menaikkan pagu program lain menjadi Rp5 triliun.")
    assert got["Rp3 triliun"][2] == "total"


@pytest.mark.parametrize(("text", "first", "new", "metric"), [
    # the verb points back with '-nya' …
    ("Pagu Kartu Prakerja tahun ini awalnya hanya Rp8 triliun. Karena PHK meluas, pemerintah lalu "
     "menambahnya menjadi Rp15 triliun.", "Rp8 triliun", "Rp15 triliun", "budget_total"),
    # … or the sentence opens by pointing back, whatever people noun comes later in it
    ("Kuota peserta tahun ini semula ditetapkan 800 ribu orang. Angka tersebut lalu dinaikkan menjadi "
     "950 ribu orang, karena banyak peserta gelombang lalu tidak memakai saldonya.", "800 ribu", "950 ribu",
     "recipients_target"),
])
def test_a_first_value_changed_in_the_next_sentence_is_replaced_by_the_new_one(
        text: str, first: str, new: str, metric: str) -> None:
    got = timing(text)
    assert (got[first][:3], got[new][:3]) == ((metric, "2023", "superseded"), (metric, "2023", "total"))


def test_what_rose_by_its_own_words_is_no_new_value_of_a_first_value() -> None:
    got = timing("Pagu Kartu Prakerja tahun ini awalnya hanya Rp8 triliun. Harga paket pelatihan lalu naik "
                 "menjadi Rp1,5 juta.")
    assert got["Rp1,5 juta"][0] != "budget_total"
    got = timing("Target peserta tahun ini semula 1 juta orang. Jumlah pendaftar kemudian naik menjadi "
                 "3 juta orang.")
    assert (got["1 juta"][2], got["3 juta"][0]) == ("total", "registrants_total")


def test_a_first_value_revised_into_one_named_before_it_is_superseded() -> None:
    got = timing("Pagu 2021: Rp9 triliun (semula Rp6 triliun, kemudian dinaikkan pada Mei)")
    assert (got["Rp9 triliun"][2], got["Rp6 triliun"][2]) == ("total", "superseded")
    # look-alike: an earlier value that was not revised
    got = timing("Pagu 2021: Rp9 triliun (pada 2020 Rp6 triliun, kemudian tidak berubah)")
    assert got["Rp6 triliun"][2] == "total"


def test_the_year_before_a_word_of_changing_into_is_the_old_values() -> None:
    # …and the new value stays the quantity that changed, though a target of the same value is named
    found = timing_all("Target tahun ini 900 ribu orang. Peserta program merosot dari 5 juta pada 2021 "
                       "menjadi sekitar 900 ribu orang tahun ini.")
    assert [f[:2] for f in found[1:]] == [("recipients_total", "2021"), ("recipients_total", "2023")]
    # look-alike: with no period after the new value, the one before it is the sentence's
    got = timing("Pada 2021 peserta program naik menjadi 5 juta orang.")
    assert got["5 juta"][:2] == ("recipients_total", "2021")


def test_a_provinces_count_in_a_year_whose_national_count_runs_to_a_date_runs_to_it_too() -> None:
    dated = "Senin, 19 Desember 2022 10:00 WIB"
    got = timing("Kilas balik 2022: sampai 15 Desember 2022, peserta Kartu Prakerja tahun ini berjumlah "
                 "1,2 juta orang. Jawa Timur menjadi provinsi dengan peserta terbanyak, yakni 250 ribu "
                 "orang.", dated=dated)
    assert got["250 ribu"] == ("province_recipients", "2022", "to_date", "2022-12-15")
    # look-alike: a national count of a year past is its total, and so is the province's
    got = timing("Kilas balik 2022: sepanjang tahun lalu peserta Kartu Prakerja berjumlah 1,2 juta orang. "
                 "Jawa Timur menjadi provinsi dengan peserta terbanyak, yakni 250 ribu orang.",
                 dated="Senin, 9 Januari 2023 10:00 WIB")
    assert got["250 ribu"] == ("province_recipients", "2022", "total", None)


def test_a_count_up_to_a_weekdays_date_runs_to_it_in_a_year_looked_back_on() -> None:
    dated = "Rabu, 28 Desember 2022 10:00 WIB"
    got = timing_all("Kilas balik 2022: hingga Jumat (23/12), penerima Kartu Prakerja tahun ini "
                     "tercatat 5,1 juta orang. Dari 5,1 juta penerima nasional tahun ini, 900 ribu berasal "
                     "dari Jawa Barat. Pada 2021, Jawa Barat mencatat 700 ribu penerima.", dated=dated)
    running = ("2022", "to_date", "2022-12-23")
    assert [g[1:] for g in got] == [running, running, running, ("2021", "total", None)]
    # look-alike: a day the year's last wave closed is no date the count stands at: the article's is
    got = timing_all("Kilas balik 2022: pada Jumat (23/12), pemerintah menutup gelombang terakhir. "
                     "Penerima Kartu Prakerja tahun ini tercatat 5,1 juta orang, dan 900 ribu di antaranya "
                     "berasal dari Jawa Barat.", dated=dated)
    assert [g[1:] for g in got] == [("2022", "to_date", "2022-12-28")] * 2
