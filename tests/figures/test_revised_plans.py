"""A plan the sentence says came first, revised later in the same sentence, is superseded; the
revised value is the same quantity (sentences written for these tests; each with a look-alike)."""

import pytest
from timed import timing, timing_all


def test_values_said_to_come_first_and_then_revised_are_superseded() -> None:
    got = timing("Mula-mula kuota tahun ini dipatok 700 ribu peserta dengan pagu Rp3 triliun, lalu "
                 "dinaikkan menjadi 900 ribu peserta setelah pagunya ditambah menjadi Rp4 triliun.")
    assert [got[k][2] for k in ("700 ribu", "Rp3 triliun", "900 ribu", "Rp4 triliun")] == \
        ["superseded", "superseded", "total", "total"]
    assert got["900 ribu"][0] == "recipients_target"
    # look-alike: a result of adding up ('sehingga … menjadi') after a year's count replaces nothing
    got = timing("Semula banyak yang ragu, tetapi penerima 2021 mencapai 4,8 juta orang, sehingga jumlah "
                 "alumni menjadi 10,1 juta.")
    assert got["4,8 juta"][2] == "total"


def test_the_year_of_a_value_compared_with_frames_no_later_sentence() -> None:
    got = timing("Paket bantuan kini Rp4,6 juta per orang, naik dari Rp3,9 juta tahun lalu. "
                 "Isinya, biaya pelatihan Rp3,8 juta per orang.")
    assert (got["Rp3,9 juta"][1], got["Rp3,8 juta"][1]) == ("2022", "2023")
    # look-alike: the year of the sentence's own value frames the sentence after it
    got = timing("Paket bantuan tahun lalu Rp3,9 juta per orang. Isinya, biaya latih Rp1,1 juta per orang.")
    assert (got["Rp3,9 juta"][1], got["Rp1,1 juta"][1]) == ("2022", "2022")


def test_the_first_plan_a_figure_was_raised_from_is_superseded() -> None:
    got = timing("Tahun ini pagu program Rp6 triliun, naik dari rencana semula Rp4 triliun.")
    assert (got["Rp6 triliun"][2], got["Rp4 triliun"][2]) == ("total", "superseded")
    # look-alike: raised from last year's amount, which was no plan of this year
    got = timing("Tahun ini pagu program Rp6 triliun, naik dari Rp4 triliun pada tahun lalu.")
    assert got["Rp4 triliun"][1:3] == ("2022", "total")


def test_a_plan_raised_partway_through_the_year_is_the_years() -> None:
    got = timing("Pada 2022, memasuki semester II, pagu program dinaikkan menjadi Rp17 triliun.")
    assert got["Rp17 triliun"][:3] == ("budget_total", "2022", "total")
    # look-alike: an amount allotted for a half of the year is that half's
    got = timing("Untuk semester II-2022, pagu program yang disiapkan Rp7 triliun.")
    assert got["Rp7 triliun"][1] == "2022-S2"


def test_a_count_of_all_the_waves_is_no_one_waves_part() -> None:
    got = timing("Tahun lalu dibuka 20 gelombang. Dari seluruh gelombang itu, 3,9 juta orang menjadi "
                 "peserta. Angka tersebut lebih rendah dibanding tahun sebelumnya.")
    assert got["3,9 juta"][1:3] == ("2022", "total")
    # look-alike: one wave pointed back to is a part
    got = timing("Tahun lalu dibuka gelombang 40. Dari gelombang itu, 390 ribu orang menjadi peserta.")
    assert got["390 ribu"][2] == "part"


def test_a_plan_the_next_sentence_points_back_to_and_raises_is_superseded() -> None:
    got = timing_all("Pagu tahun ini Rp9 triliun. Pagu itu sempat diumumkan awal tahun sebesar Rp9 triliun. "
                     "Namun, pagu tersebut kemudian dinaikkan menjadi Rp13 triliun.")
    assert [f[2] for f in got] == ["total", "superseded", "total"]
    # look-alike: the next sentence speaks of the plan without changing it
    got = timing_all("Pagu tahun ini Rp9 triliun. Pagu itu sempat diumumkan awal tahun sebesar Rp9 triliun. "
                     "Namun, pagu tersebut kemudian dibahas lagi oleh DPR.")
    assert [f[2] for f in got] == ["total", "total"]


def bases(text: str, *amounts: str) -> list[str]:
    """The basis of each of these figures of the text, in order."""
    got = timing(text)
    return [got[k][2] for k in amounts]


def test_the_people_a_replaced_budget_was_for_were_replaced_with_it() -> None:
    assert bases("Awalnya program hanya diberi anggaran Rp8 triliun untuk 1,5 juta peserta, lalu "
                 "dinaikkan menjadi Rp15 triliun setelah wabah meluas.",
                 "Rp8 triliun", "1,5 juta", "Rp15 triliun") == ["superseded", "superseded", "total"]
    # look-alike: the people the new budget is for are its plan, not the replaced one's
    assert bases("Awalnya program hanya diberi anggaran Rp8 triliun, lalu dinaikkan menjadi Rp15 "
                 "triliun untuk 4 juta peserta.",
                 "Rp8 triliun", "Rp15 triliun", "4 juta") == ["superseded", "total", "total"]


def test_a_plan_said_first_earlier_in_its_clause_and_changed_next_is_superseded() -> None:
    assert bases("Kuota tahun ini semula ditetapkan 2 juta orang dengan anggaran Rp8 triliun. "
                 "Pemerintah kemudian menaikkan anggaran menjadi Rp12 triliun sehingga kuota bertambah "
                 "menjadi 3 juta.",
                 "2 juta", "Rp8 triliun", "Rp12 triliun") == ["superseded", "superseded", "total"]
    # look-alike: the new value in the same clause ('sebelum dinaikkan menjadi') was not said first
    got = timing("Untuk 2022, pagu semula Rp8 triliun sebelum dinaikkan menjadi Rp12 triliun. Pagu 2023 "
                 "lalu turun menjadi Rp4 triliun.")
    assert got["Rp12 triliun"][1:3] == ("2022", "total")


def test_a_first_target_revised_in_its_relative_clause_is_superseded() -> None:
    got = timing("Capaian itu melampaui target awal 3 juta, yang pada pertengahan tahun direvisi menjadi "
                 "4 juta.")
    assert got["3 juta"][:3] == ("recipients_target", "2023", "superseded")
    # look-alike: a first target nothing says was revised stands
    got = timing("Capaian itu melampaui target awal 3 juta yang ditetapkan pemerintah.")
    assert got["3 juta"][2] == "total"


@pytest.mark.parametrize(("text", "metric"), [
    # a budget of a year that is over, said as what it paid for: the year's recipients
    ("Pada 2021 anggarannya Rp15 triliun untuk 4,4 juta penerima.", "recipients_total"),
    ("Tahun lalu, pagu program sebesar Rp15 triliun bagi 4,4 juta peserta.", "recipients_total"),
    # look-alikes: a word of planning before it, or the article's own year, keeps it a target
    ("Pada 2021 pemerintah mengalokasikan Rp15 triliun untuk 4,4 juta penerima.", "recipients_target"),
    ("Tahun ini anggarannya Rp15 triliun untuk 4,4 juta penerima.", "recipients_target"),
])
def test_the_people_a_past_years_budget_was_for_are_its_recipients(text: str, metric: str) -> None:
    assert timing(text)["4,4 juta"][0] == metric


def test_a_raise_pointing_back_with_nya_raises_the_amount_not_the_people() -> None:
    got = timing("Tahun ini pagu program awalnya Rp5 triliun bagi 1,2 juta peserta. Pemerintah lantas "
                 "menambahnya menjadi Rp7 triliun supaya skema bantuan tunai tetap jalan.")
    assert got["Rp7 triliun"][0] == "budget_total"
    assert (got["Rp5 triliun"][2], got["1,2 juta"][2]) == ("superseded", "superseded")
    # look-alike: an amount not said to come first is not raised by the next sentence
    got = timing("Tahun ini pagu program Rp5 triliun bagi 1,2 juta peserta. Pemerintah lantas "
                 "menambahnya menjadi Rp7 triliun supaya skema bantuan tunai tetap jalan.")
    assert got["Rp5 triliun"][2] == "total"


def test_a_quota_asked_about_right_after_one_wave_is_that_waves() -> None:
    got = timing("Kapan gelombang 9 dibuka? Kabarnya pekan depan, dan kuotanya sekitar 250 ribu.",
                 dated="Kamis, 3 September 2020 09:00 WIB")
    assert got["250 ribu"][:3] == ("recipients_target", "2020", "part")
    # look-alike: a sentence naming no wave leaves the quota the year's
    got = timing("Kapan pendaftaran dibuka lagi? Kabarnya pekan depan, dan kuotanya sekitar 250 ribu.",
                 dated="Kamis, 3 September 2020 09:00 WIB")
    assert got["250 ribu"][2] == "total"


def test_a_plan_said_to_have_been_only_so_much_at_first_was_replaced() -> None:
    got = timing("Pagu program tahun ini awalnya cuma Rp3 triliun, sebelum banjir permintaan datang.")
    assert got["Rp3 triliun"][1:3] == ("2023", "superseded")
    # look-alike: a plan set at first with no word of 'only' names no replacement
    got = timing("Pagu program tahun ini awalnya ditetapkan Rp3 triliun, dan sudah terserap separuhnya.")
    assert got["Rp3 triliun"][2] == "total"


def test_a_plan_for_the_full_year_and_its_revision_are_the_years_not_the_half_before() -> None:
    body = ("Untuk semester I, kuotanya 1,1 juta orang. Untuk setahun penuh, pemerintah semula menyasar "
            "2,2 juta orang, lalu dinaikkan menjadi 2,6 juta orang.")
    got = timing(body, dated="Rabu, 14 Juli 2021 09:00 WIB")
    assert (got["1,1 juta"][1], got["2,2 juta"][1:3], got["2,6 juta"][1:3]) == (
        "2021-S1", ("2021", "superseded"), ("2021", "total"))
    # look-alike: with no word of the whole year, the half carried from before frames the plan
    got = timing("Untuk semester I, kuotanya 1,1 juta orang. Pemerintah semula menyasar 1,0 juta orang, lalu "
                 "dinaikkan menjadi 1,2 juta orang.", dated="Rabu, 14 Juli 2021 09:00 WIB")
    assert got["1,0 juta"][1] == "2021-S1"


def test_a_quota_opening_a_sentence_after_one_wave_is_named_is_that_waves() -> None:
    dated = "Rabu, 21 Juli 2021 09:00 WIB"
    got = timing("Pesan itu berbunyi: pendaftaran gelombang 19 sudah dibuka. Daftar sekarang juga. Kuota "
                 "hanya 40.000 pendaftar tercepat.", dated)
    assert got["40.000"][1:3] == ("2021", "part")
    # look-alike: the year's quota, said so, is the year's
    got = timing("Pendaftaran gelombang 19 sudah dibuka. Daftar sekarang juga. Kuota tahun ini 5,6 juta "
                 "peserta.", dated)
    assert got["5,6 juta"][1:3] == ("2021", "total")


def test_a_first_value_before_its_raise_is_superseded_when_the_new_one_came_first() -> None:
    got = timing("Pagu program tahun ini Rp12 triliun, yang semula Rp6 triliun sebelum dilipatgandakan pada "
                 "Mei.")
    assert (got["Rp12 triliun"][2], got["Rp6 triliun"][2]) == ("total", "superseded")
    # look-alike: a value before something else happened stays the year's
    got = timing("Pagu program tahun ini Rp12 triliun, yang sudah ditetapkan sebelum pandemi merebak.")
    assert got["Rp12 triliun"][2] == "total"


def test_a_plan_the_next_sentence_later_changes_into_another_value_is_superseded() -> None:
    assert bases("Ketika pendaftaran dibuka, pemerintah menyiapkan pagu Rp7 triliun. Seiring meluasnya "
                 "pemutusan kerja, pagu lalu dinaikkan menjadi Rp12 triliun.",
                 "Rp7 triliun", "Rp12 triliun") == ["superseded", "total"]
    # look-alikes: the next sentence changes its own first value, or another year's plan
    assert bases("Ketika pendaftaran dibuka, pemerintah menyiapkan pagu Rp7 triliun. Pagu program itu "
                 "semula Rp5 triliun, lalu dinaikkan menjadi Rp7 triliun.",
                 "Rp5 triliun") == ["superseded"]
    assert timing("Ketika pendaftaran dibuka, pemerintah menyiapkan pagu Rp7 triliun. Seiring meluasnya "
                  "pemutusan kerja, pagu lalu dinaikkan menjadi Rp7 triliun.")["Rp7 triliun"][2] == "total"
    assert bases("Pada 2021 pagu program Rp7 triliun. Pagu 2022 lalu dinaikkan menjadi Rp12 triliun.",
                 "Rp7 triliun") == ["total"]


def test_a_plan_set_in_one_phrase_with_a_replaced_plan_was_replaced_with_it() -> None:
    text = ("Pada awal tahun pemerintah sempat menetapkan sasaran 800 ribu peserta dengan pagu Rp4 "
            "triliun. Mengingat tingginya minat pencari kerja, pagu kemudian dinaikkan menjadi Rp6 triliun.")
    assert bases(text, "800 ribu", "Rp4 triliun", "Rp6 triliun") == ["superseded", "superseded", "total"]
    # look-alike: the sentences after say the plan set with it was kept
    assert bases("Pada awal tahun pemerintah sempat menetapkan sasaran 800 ribu peserta dengan pagu Rp4 "
                 "triliun. Mengingat tingginya minat pencari kerja, sasaran kemudian dinaikkan menjadi 900 "
                 "ribu peserta tanpa tambahan pagu.", "800 ribu", "Rp4 triliun") == ["superseded", "total"]


def test_a_plan_said_to_be_the_first_is_superseded_by_another_value_anywhere_in_the_article() -> None:
    body = ("Dalam rencana awal, pemerintah semula hanya menyiapkan pagu Rp6 triliun. Wabah lalu meluas. "
            "Ketika pendaftaran dibuka pada Maret, pagunya sudah Rp11 triliun.")
    assert bases(body, "Rp6 triliun", "Rp11 triliun") == ["superseded", "total"]
    # look-alikes: a range said to be the first plan is one statement; a first plan no other value replaces
    assert bases("Kuota tahun ini semula dipatok 2-3 juta orang.", "2", "3 juta") == ["total", "total"]
    assert bases("Pemerintah semula hanya menyiapkan pagu Rp6 triliun. Wabah lalu meluas.",
                 "Rp6 triliun") == ["total"]


def test_the_verb_of_change_nearest_the_new_value_is_the_raise_not_an_adjective_before() -> None:
    got = timing("Pagu pelatihan tahun ini semula Rp6 triliun. Sebab permintaan masih tinggi dan ongkos "
                 "hidup naik usai harga pangan melonjak, pemerintah menambahnya menjadi Rp9 triliun.")
    assert got["Rp9 triliun"][0] == "budget_total"
    assert got["Rp6 triliun"][2] == "superseded"
    # look-alike: a raise of something else the sentence names keeps the first plan in force
    got = timing("Pagu pelatihan tahun ini semula Rp6 triliun. Sebab permintaan masih tinggi, harga "
                 "pangan naik menjadi Rp9 ribu per kilogram.")
    assert got["Rp6 triliun"][2] == "total"


def test_a_plan_of_another_year_changed_next_does_not_replace_this_years() -> None:
    body = ("Setahun kemudian pagu awal Rp15 triliun ditambah hingga menjadi Rp17 triliun. Pada 2022, pagu "
            "semula hanya Rp9 triliun, lalu dinaikkan menjadi Rp12 triliun.")
    got = timing(body, dated="Jumat, 11 April 2025 10:00 WIB")
    assert got["Rp17 triliun"][2] == "total" and got["Rp9 triliun"][2] == "superseded"
    # look-alike: the same year's plan changed in the next sentence is replaced
    body = ("Pada 2021 pagu awal Rp15 triliun ditambah hingga menjadi Rp17 triliun. Pagu tahun itu lalu "
            "dinaikkan lagi menjadi Rp19 triliun.")
    got = timing(body, dated="Jumat, 11 April 2025 10:00 WIB")
    assert got["Rp17 triliun"][2] == "superseded"
