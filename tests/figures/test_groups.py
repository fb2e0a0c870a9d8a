"""Groups the text singles out are not the programme's total: people of a fault, an outcome, a
region, an audience or an event, other people (users, the unemployed), jobs, places named one by
one, a top list, a projection, what money could fund or money not paid out; the figure after a
target that was met is that target. Sentences written for these tests, each with a look-alike."""

from __future__ import annotations

from classified import metrics, only


def test_people_singled_out_by_a_fault_or_an_outcome_are_not_the_programmes_total() -> None:
    assert only("Hasil audit: 90 ribu peserta dinyatakan tidak memenuhi kriteria program.") is None
    assert only("Sebanyak 700 ribu peserta yang berhasil memperoleh pekerjaan tetap tercatat.") is None
    # look-alike: the people who met the criteria and were accepted are the recipients
    assert only("Sebanyak 700 ribu peserta memenuhi syarat dan ditetapkan sebagai penerima.") == \
        "recipients_total"


def test_an_audience_of_followers_is_not_the_programmes_people() -> None:
    assert only("Akun Instagram Kartu Prakerja diikuti 1,4 juta pengikut.") is None
    # look-alike: a programme followed by its participants
    assert only("Kartu Prakerja diikuti 1,4 juta peserta.") == "recipients_total"


def test_places_named_one_by_one_or_a_top_list_are_a_group_not_coverage() -> None:
    assert only("Kelas tatap muka dibuka di empat provinsi, yaitu Aceh, Riau, Jambi, dan Bali.") is None
    assert only("Ada 240 pelatihan yang diadakan di Bali, Banten, dan Lampung.") is None
    assert only("Enam pelatihan terpopuler tahun ini didominasi kelas digital.") is None
    # look-alikes: coverage of the country, and a province named after the clause ends
    assert only("Kelas tatap muka kini dibuka di 34 provinsi, dengan peserta terbanyak di Bali.") == \
        "provinces_covered"
    assert only("Peserta dapat memilih 240 pelatihan dari berbagai lembaga.") == "trainings_count"


def test_people_of_a_region_that_is_no_province_are_not_the_total() -> None:
    assert only("Peserta asal luar Pulau Jawa tercatat 1,8 juta orang.") is None
    assert only("Di kawasan timur Indonesia, penerima Kartu Prakerja ada 700 ribu orang.") is None
    # look-alikes: a province named in a region's scope, and a province whose name starts alike
    assert only("Di luar Pulau Jawa, Riau mencatat peserta terbanyak dengan 250 ribu orang.") == \
        "province_recipients"
    assert only("Peserta asal Sulawesi Tengah tercatat 90 ribu orang.") == "province_recipients"


def test_the_whole_after_dari_keeps_its_own_noun() -> None:
    assert metrics("Pada gelombang itu, 400 ribu peserta lolos dari 2 juta pendaftar.")[1] == (
        2_000_000, "registrants_total")
    # look-alike: a whole of the same people restates what the article counts elsewhere
    assert metrics("Pada gelombang itu, 400 ribu peserta lolos dari 2 juta peserta.")[1] == (2_000_000, None)


def test_a_projection_is_a_target_and_what_money_could_fund_is_no_count() -> None:
    assert only("Peserta Kartu Prakerja tahun depan diproyeksikan 800 ribu orang.") == "recipients_target"
    assert only("Dana sebesar itu mampu membiayai 800 ribu peserta pelatihan.") is None
    # look-alikes: a count reached, and money that did pay for people
    assert only("Peserta Kartu Prakerja tahun lalu tercatat 800 ribu orang.") == "recipients_total"
    assert only("Dana sebesar itu sudah membiayai 800 ribu peserta pelatihan.") == "recipients_total"


def test_a_programme_that_is_present_again_is_no_audience() -> None:
    assert only("Tahun ini program itu kembali hadir untuk 900 ribu peserta.") == "recipients_total"
    # look-alike: the people present at an event are its audience
    assert only("Acara sosialisasi Kartu Prakerja dihadiri 900 peserta.") is None


def test_people_set_apart_from_the_programmes_are_not_its_count() -> None:
    assert only("Di luar peserta Kartu Prakerja, masih ada 4 juta orang yang antre.") is None
    # look-alike: the same sentence without a word that sets the group apart
    assert only("Bersama peserta Kartu Prakerja, tercatat ada 4 juta orang yang antre.") == "recipients_total"


def test_people_at_an_event_around_the_programme_are_no_participants_of_it() -> None:
    assert only("Tercatat 2.400 peserta menghadiri bursa kerja yang digelar bersama Kartu Prakerja.") is None
    assert only("Ada 900 orang yang mengikuti webinar Kartu Prakerja kemarin.") is None
    # look-alike: the training is the programme itself
    assert only("Tercatat 2,4 juta peserta mengikuti pelatihan Kartu Prakerja.") == "recipients_total"


def test_users_the_unemployed_and_job_seekers_are_other_people() -> None:
    assert only("Kelas daring di aplikasi itu diikuti 55 ribu pengguna tiap pekan.") is None
    assert only("Dari 8,4 juta penganggur, hanya sedikit yang mendaftar program itu.") is None
    assert only("Kelas persiapan kerja itu diikuti 700 ribu pencari kerja.") is None
    # look-alike: the recipients named by their own noun, after the same verb
    assert only("Kelas daring di aplikasi itu diikuti 55 ribu penerima Kartu Prakerja.") == "recipients_total"


def test_the_figure_right_after_a_target_that_was_met_is_the_targets_value() -> None:
    got = metrics("Tahun lalu penerima tercatat 3,1 juta, melebihi target awal 2,8 juta orang.")
    assert got == [(3_100_000, "recipients_total"), (2_800_000, "recipients_target")]
    # look-alike: after 'yakni' or 'dengan' the figure is the count that met the target
    assert only("Penerima tahun lalu sudah melebihi target, yakni 3,1 juta orang.") == "recipients_total"
    assert only("Tahun lalu realisasinya melebihi target dengan 3,1 juta penerima.") == "recipients_total"


def test_jobs_a_project_creates_or_fills_are_no_participants() -> None:
    assert only("Kawasan industri baru itu ditargetkan menyerap 40 ribu tenaga kerja.") is None
    assert only("Sebuah pabrik di Karawang mempekerjakan 3.000 alumni program pelatihan itu.") is None
    # look-alike: a programme that absorbed money and reached people
    assert only("Program yang menyerap dana besar itu menjangkau 40 ribu peserta.") == "recipients_total"


def test_money_not_yet_paid_out_is_no_amount_paid_out() -> None:
    assert only("Sampai Desember, insentif yang belum dicairkan masih Rp640 miliar.") is None
    # look-alike: the same words without the negation are money paid out
    assert only("Sampai Desember, insentif yang sudah dicairkan mencapai Rp6,4 triliun.") == \
        "incentive_disbursed_total"
