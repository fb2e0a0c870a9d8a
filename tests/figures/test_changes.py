"""A value that changes is one quantity: the value it started from and the one it ended at take
the same metric, the change itself none. Sentences written for these tests, each rule with a
look-alike."""

from classified import figures, metrics, only


def test_the_value_a_change_leads_to_is_the_same_quantity() -> None:
    assert metrics("Awalnya kuota 800 ribu orang, kemudian dinaikkan menjadi 1,2 juta peserta.") == [
        (800_000, "recipients_target"), (1_200_000, "recipients_target")]
    # a count after a target with no word of change is its own quantity
    assert metrics("Kuotanya 800 ribu orang, lalu ada 1,2 juta peserta dari gelombang lain.")[1] == (
        1_200_000, "recipients_total")


def test_the_value_a_change_started_from_is_the_same_quantity() -> None:
    text = "Uang saku bulanan peserta kini menjadi Rp700 ribu per bulan dari sebelumnya Rp600 ribu."
    assert metrics(text) == [(700_000, "incentive_monthly"), (600_000, "incentive_monthly")]
    # look-alike: another amount after 'dari' and more words is its own quantity
    text = "Insentif bulanan kini menjadi Rp700 ribu per bulan dan biaya pelatihan dari APBN Rp1 juta."
    assert metrics(text) == [(700_000, "incentive_monthly"), (1_000_000, "training_fee_per_recipient")]


def test_the_value_a_change_ends_at_is_the_new_whole_but_the_change_itself_is_not() -> None:
    assert only("Pemerintah menambah pagunya menjadi Rp 12 triliun untuk pelatihan ini.") == "budget_total"
    assert only("Pemerintah meningkatkan anggaran program menjadi Rp 12 triliun.") == "budget_total"
    # look-alike: the amount added, not the whole
    assert only("Pemerintah menambah anggaran program sebesar Rp 2 triliun.") is None


def test_a_count_of_people_that_grows_into_a_level_is_that_level() -> None:
    assert only("Berkat gelombang tambahan, jumlah peserta naik dan bertambah menjadi 7,1 juta orang.") == \
        "recipients_total"
    # look-alike: the number of people it grew by is a change, not a count of the programme
    assert only("Berkat gelombang tambahan, jumlah peserta bertambah 400 ribu orang.") is None


def test_the_people_a_programme_adds_are_a_change_not_its_count() -> None:
    assert only("Dalam sepekan, program itu menambah 90 ribu peserta anyar.") is None
    assert only("Dalam sepekan, tambahan pesertanya 90 ribu orang.") is None
    # look-alikes: a speaker who adds a remark, and an added wave
    assert only("Ia menambahkan, peserta program itu sudah 16 juta orang.") == "recipients_total"
    assert only("Berkat gelombang tambahan, peserta program itu ada 16 juta orang.") == "recipients_total"


def test_the_amount_a_budget_is_cut_by_is_a_change_and_what_is_left_is_the_budget() -> None:
    assert only("Tahun ini pagu program pelatihan itu dipangkas Rp 2,5 triliun.") is None
    # look-alike: what the budget is after the cut
    assert only("Tahun ini pagu program itu dipangkas sehingga tinggal Rp 9 triliun.") == "budget_total"


def test_a_province_count_that_rises_again_stays_the_provinces() -> None:
    found = figures("Penerima asal Bali pada 2020 sebanyak 60 ribu orang. Tahun berikutnya tercatat 45 ribu "
                    "orang, lalu naik lagi menjadi 52 ribu orang pada 2022.")
    assert [(f.metric, f.province.name if f.province else None) for f in found] == \
        [("province_recipients", "Bali")] * 3
    # look-alike: 'berikutnya' (next) names no participants: a count after it with no noun of its own
    # and no count before it is no one's
    [f] = figures("Tahun berikutnya tercatat 45 ribu orang.")
    assert f.metric is None


def test_a_phrase_describing_the_first_value_does_not_part_it_from_its_new_value() -> None:
    text = ("Sasaran peserta mula-mula 900 ribu orang dengan skema daring, kemudian diubah menjadi "
            "1,3 juta orang.")
    assert metrics(text) == [(900_000, "recipients_target"), (1_300_000, "recipients_target")]
    # look-alike: a clause of its own between them names another quantity's change
    text = ("Sasaran 900 ribu orang tercapai pada Oktober, dan pesertanya kemudian bertambah menjadi "
            "1,3 juta orang.")
    assert metrics(text)[1] != (1_300_000, "recipients_target")


def test_a_change_of_a_target_said_after_a_comma_changes_the_target() -> None:
    text = "Kuota penerima kemudian dipangkas, dari semula 1,8 juta menjadi 1,4 juta orang."
    assert metrics(text) == [(1_800_000, "recipients_target"), (1_400_000, "recipients_target")]
    # look-alike: after a clause with no verb of change, 'dari' does not go on with the target
    assert metrics("Kuota penerima sudah terisi, dari 1,8 juta orang yang mendaftar.")[0] != (
        1_800_000, "recipients_target")
