"""What someone wants is no programme figure, and a price said of everyone counted over several years
holds for no one year (sentences written for these tests; each rule with a look-alike)."""

from __future__ import annotations

from timed import timing, timing_all


def test_a_writers_proposal_and_the_list_after_it_have_no_metric() -> None:
    got = timing("Skema ini sebaiknya diperbaiki lebih dulu. Pertama, kuota tahun depan cukup 1,5 juta "
                 "orang. Kedua, pagunya cukup Rp6 triliun saja.")
    assert got["1,5 juta"][0] is None and got["Rp6 triliun"][0] is None
    got = timing("Usul saya, anggaran program dipangkas menjadi Rp6 triliun per tahun.")
    assert got["Rp6 triliun"][0] is None


def test_a_ministrys_proposal_and_a_list_without_one_keep_their_metrics() -> None:
    # a ministry proposing a budget is how a budget is planned
    got = timing("Pemerintah mengusulkan pagu program tahun depan Rp6 triliun.")
    assert got["Rp6 triliun"][0] == "budget_total"
    # an enumeration that follows no proposal lists facts
    got = timing("Ada dua catatan. Pertama, kuota tahun ini 1,5 juta orang.")
    assert got["1,5 juta"][0] == "recipients_target"


def test_a_doubled_plan_was_replaced() -> None:
    got = timing("Program ini semula dianggarkan Rp6 triliun sebagai pelatihan. Setelah wabah datang, "
                 "anggarannya digandakan menjadi Rp12 triliun.", dated="Senin, 13 Juli 2020 09:00 WIB")
    assert got["Rp6 triliun"][1:3] == ("2020", "superseded")
    assert got["Rp12 triliun"][1:3] == ("2020", "total")


def test_a_price_each_of_the_people_since_the_start_got_holds_over_the_years() -> None:
    got = timing_all("Menurut unggahan itu, program ini sudah dinikmati 40 juta orang sejak 2020, dan "
                     "masing-masing dapat bantuan Rp7 juta. Benarkah ada peserta yang mendapat bantuan "
                     "Rp7 juta?")
    prices = [g for g in got if g[0] == "benefit_per_recipient"]
    assert [g[1] for g in prices] == [None, None]
    # look-alike: a price in a clause of its own is the article's year's
    got = timing("Sejak 2020 program ini menjangkau 40 juta orang; tahun ini bantuannya Rp4,2 juta per "
                 "peserta.")
    assert got["Rp4,2 juta"][:2] == ("benefit_per_recipient", "2023")


def test_a_list_that_urges_is_a_proposal_and_a_list_that_states_is_not() -> None:
    got = timing("Ada tiga catatan. Pertama, naikkan kuota tahun depan menjadi 1,5 juta orang. Kedua, "
                 "beri tambahan pagu Rp2 triliun bagi daerah tertinggal.")
    assert got["1,5 juta"][0] is None and got["Rp2 triliun"][0] is None
    # look-alike: a list stating facts keeps its metrics
    got = timing("Ada tiga catatan. Pertama, penerima tahun lalu 1,5 juta orang. Kedua, pagunya Rp2 triliun.")
    assert got["1,5 juta"][0] == "recipients_total" and got["Rp2 triliun"][0] == "budget_total"


def test_an_amount_worked_out_on_paper_is_no_programme_amount() -> None:
    for text in ("Pagu Rp6 triliun dibagi 1,5 juta peserta menghasilkan kira-kira Rp4 juta per orang.",
                 "Kalau dihitung, setiap peserta mengantongi Rp4 juta."):
        assert timing(text)["Rp4 juta"][0] is None
    # look-alike: an amount set for each participant
    assert timing("Setiap peserta mengantongi Rp4 juta.")["Rp4 juta"][0] == "benefit_per_recipient"


def test_a_budget_since_an_earlier_year_holds_for_no_one_year() -> None:
    got = timing_all("Unggahan itu menyebut dana program ini sudah mencapai Rp90 triliun sejak 2020. Angka "
                     "Rp90 triliun itu tidak benar.")
    assert [g[1] for g in got if g[0] == "budget_total"] == [None, None]
    # look-alike: this year's budget beside a count since an earlier year is this year's
    got = timing("Sejak 2020, program ini menjangkau 17 juta orang. Tahun ini pagunya Rp5 triliun.")
    assert got["Rp5 triliun"][:2] == ("budget_total", "2023")


def test_a_pledge_and_its_value_said_again_are_no_programme_figures() -> None:
    got = timing_all("Pasangan itu berjanji menaikkan pagu program menjadi Rp25 triliun per tahun. Menurut "
                     "pengamat, janji Rp25 triliun itu cukup untuk sekitar 6 juta orang, bukan 8 juta.")
    assert [g[0] for g in got][:2] == [None, None]
    # look-alike: what recipients are promised is the programme's amount, as a claim
    got = timing("Setiap peserta dijanjikan insentif Rp600 ribu per bulan.")
    assert got["Rp600 ribu"][0] == "incentive_monthly"


def test_the_budget_a_count_since_the_start_was_reached_with_spans_its_years() -> None:
    got = timing("Sejak diluncurkan, peserta program sudah 14 juta orang dengan anggaran Rp50 triliun.")
    assert got["Rp50 triliun"][:2] == ("budget_total", None)
    # look-alike: the budget of this year's count is this year's
    got = timing("Tahun ini peserta program sudah 900 ribu orang dengan anggaran Rp4 triliun.")
    assert got["Rp4 triliun"][:2] == ("budget_total", "2023")


def test_a_budget_summed_since_an_earlier_year_named_before_it_runs_to_date() -> None:
    got = timing('"Sejak 2021, program ini sudah menjangkau 15 juta orang, anggarannya hampir Rp60 triliun," '
                 "ujarnya.")
    assert got["Rp60 triliun"] == ("budget_total", None, "to_date", "2023-03-08")
    # look-alike: a yearly plan set from an earlier year on sums up nothing
    got = timing("Sejak 2022, program memakai skema baru dengan pagu Rp5 triliun per tahun.")
    assert got["Rp5 triliun"][::2] == ("budget_total", "total")


def test_an_amount_of_budget_divided_among_people_is_no_programme_amount() -> None:
    for text, raw in (("Jika anggaran tahun itu dibagi jumlah penerimanya, hasilnya sekitar Rp3,7 juta per "
                       "orang.", "Rp3,7 juta"),
                      ("Menurut unggahan itu, setiap peserta dianggarkan Rp40 juta.", "Rp40 juta"),
                      ("Jika dibagi rata, tiap penerima tahun itu memperoleh insentif Rp1,9 juta.",
                       "Rp1,9 juta")):
        assert timing(text)[raw][0] is None
    # look-alike: an amount each participant gets is the package
    assert timing("Setiap peserta mendapat bantuan Rp4,1 juta.")["Rp4,1 juta"][0] == "benefit_per_recipient"


def test_the_changes_a_proposal_states_in_its_next_sentence_are_proposed() -> None:
    dated = "Selasa, 14 Juni 2022 09:00 WIB"
    got = timing_all("Saya mengusulkan komposisi manfaat dibalik mulai tahun depan. Biaya pelatihan "
                     "dinaikkan menjadi Rp2,4 juta per orang, sedangkan insentif dipangkas menjadi "
                     "Rp800 ribu.", dated)
    assert [g[0] for g in got] == [None, None]
    # look-alike: what is now, said after the proposal, is the programme's
    got = timing_all("Saya mengusulkan komposisi manfaat dibalik. Saat ini biaya pelatihan Rp1 juta per "
                     "orang.", dated)
    assert [g[0] for g in got] == ["training_fee_per_recipient"]


def test_an_example_of_a_made_up_person_states_no_programme_figure() -> None:
    got = timing("Sebagai ilustrasi, seorang alumni yang mengambil kursus kopi seharga Rp900 ribu masih "
                 "bisa memakai sisa saldonya untuk kelas lain.")
    assert got["Rp900 ribu"][0] is None
    got = timing('"Seandainya sepertiga dari 1,2 juta peserta tahun ini naik gaji, itu sudah 400 ribu '
                 'orang," katanya.')
    assert got["400 ribu"][0] is None and got["1,2 juta"][0] == "recipients_total"
    # look-alike: a real case given as an example keeps its metric
    got = timing("Pada 2022, misalnya, peserta asal Bali tercatat 88 ribu orang.")
    assert got["88 ribu"][0] == "province_recipients"


def test_an_example_of_what_a_participant_would_do_states_no_programme_figure() -> None:
    got = timing("Misalnya, jika peserta membeli pelatihan seharga Rp950 ribu, sisanya tetap berupa saldo.")
    assert got["Rp950 ribu"][0] is None
