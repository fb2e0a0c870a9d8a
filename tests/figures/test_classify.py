"""Classification into the catalog, on sentences written for these tests.

Each rule is shown with a paraphrase that must take the metric and a look-alike (another
metric, a part, spending) that must not.
"""

import pytest
from classified import figures, metrics, only

from prakerja_etl.figures.lexicon import stem


@pytest.mark.parametrize(("text", "metric"), [
    # head noun of the figure
    ("Sampai pekan ini tercatat 3,1 juta penerima di seluruh negeri.", "recipients_total"),
    ("Sampai pekan ini tercatat 3,1 juta alumni program tersebut.", "recipients_total"),
    ("Sampai pekan ini tercatat 3,1 juta pendaftar di laman resmi.", "registrants_total"),
    # verbs, in any affixed form (stems)
    ("Program ini sudah menjangkau 9 juta orang di desa dan kota.", "recipients_total"),
    ("Pelatihan daring itu dinikmati 4 juta orang sejak dibuka.", "recipients_total"),
    ("Lebih dari 30 juta orang telah mendaftarkan diri lewat situs.", "registrants_total"),
    ("Sekitar 12 juta warga mencoba daftar dalam sepekan.", "registrants_total"),
    ("Sebanyak 40 juta orang sudah registrasi di situs program.", "registrants_total"),
    ("Dalam sehari 1,3 juta orang membuat akun di situs program.", "registrants_total"),
    ("Dalam sehari 1,3 juta orang membuka pelatihan di situs program.", None),
    # targets and quotas
    ("Untuk tahun depan pemerintah menargetkan 1,5 juta peserta.", "recipients_target"),
    ("Kuotanya tahun ini 900 ribu orang.", "recipients_target"),
    ("Program itu akan menyasar 700 ribu peserta baru.", "recipients_target"),
    ("Tahun ini program diharapkan melatih 1,1 juta orang.", "recipients_target"),
    ("Dana itu diperuntukkan bagi 3 juta peserta.", "recipients_target"),
    ("Realisasinya, sesuai target, 2 juta peserta lulus seleksi.", None),
    # a plan is marked by modality or a future time, not by the word 'target'
    ("Tahun depan peserta program hanya 800 ribu orang.", "recipients_target"),
    ("Tahun lalu peserta program hanya 800 ribu orang.", "recipients_total"),
    ("Program ini bakal menjangkau 2 juta pencari kerja.", "recipients_target"),
    ("Dana itu disiapkan untuk 1,2 juta peserta.", "recipients_target"),
    ("Dana itu sudah dinikmati 1,2 juta peserta.", "recipients_total"),
    ("Dana tersebut dialokasikan bagi 2,1 juta peserta pada paruh pertama.", "recipients_target"),
    # a relative clause after a comma goes on speaking of the clause before
    ("Kuota kali ini lebih kecil dari putaran lalu, yang dapat menampung 90 ribu orang.",
     "recipients_target"),
    ("Pendaftar kali ini lebih banyak dari putaran lalu, yang diikuti 90 ribu orang.",
     "recipients_total"),
    ("Peminat program ini pada putaran pertama mencapai 4 juta orang.", "registrants_total"),
    ("Peminat BSU pada putaran pertama mencapai 4 juta orang.", None),          # another programme
    # a relative clause that only describes them (not a fault or a stage singling some out)
    ("Sebanyak 2,3 juta peserta yang tersebar di seluruh negeri mengikuti program ini.", "recipients_total"),
    # look-alike of a limit per family: a count of families' members reached
    ("Dari keluarga prasejahtera, program ini menjangkau 3 juta orang penerima.", "recipients_total"),
])
def test_persons(text: str, metric: str | None) -> None:
    assert only(text) == metric


@pytest.mark.parametrize("text", [
    "Insentif tahap pertama sudah dicairkan untuk 2,3 juta peserta.",        # paid so far
    "Temu alumni tersebut dihadiri 140 peserta program.",                    # an audience
    "Setiap kelas diampu 4 tenaga pelatih bagi para peserta.",               # another group
    "Di antara peserta, 2 orang datang terlambat.",                          # a handful
    "Sebanyak 1,4 juta orang telah menyelesaikan pelatihan pertama.",        # a subset
    "Sebanyak 2.300 peserta yang salah sasaran sudah mengembalikan dananya.",  # a subset at fault
    "Kini 2,2 juta peserta sedang mengikuti pelatihan.",                      # in progress
    "Sebanyak 15 juta pendaftar lolos verifikasi nomor induk.",               # a stage
    "Jumlah peserta per kelas paling banyak 60 peserta.",                     # a limit
    "Tiap kartu keluarga hanya boleh 3 orang penerima.",                     # a limit per family
    "Survei itu melibatkan 8.000 responden.",                   # a sample
    "Di Kabupaten Sleman tercatat 12.300 penerima.",                          # a regency
])
def test_persons_that_are_not_a_programme_total(text: str) -> None:
    assert only(text) is None


def test_a_count_reached_after_its_target_is_not_the_target() -> None:
    assert metrics("Dari target 3 juta orang itu kini sudah tercapai 2,4 juta peserta.") == [
        (3_000_000, "recipients_target"), (2_400_000, "recipients_total")]
    assert metrics("Targetnya 3 juta orang tahun ini dan 3,5 juta orang tahun depan.") == [
        (3_000_000, "recipients_target"), (3_500_000, "recipients_target")]


def test_seats_made_available_are_the_quota() -> None:
    assert only("Peminatnya banyak, padahal kursi yang disediakan cuma 450 ribu.") == "recipients_target"
    # look-alike: people competing for seats are not the seats
    assert only("Sebanyak 450 ribu orang memperebutkan kursi pelatihan itu.") != "recipients_target"


def test_a_regency_opening_the_clause_owns_the_count_but_a_datelines_city_does_not() -> None:
    assert only("Tahun lalu, Pekalongan sendiri menyumbang 9.400 penerima.") is None
    # look-alike: the city of a dateline is where the news was written
    assert only("Pekalongan (ANTARA) - Penerima tahun ini mencapai 9.400 orang.") == "recipients_total"


def test_a_regency_spelled_as_local_news_spells_it_owns_the_count() -> None:
    assert only("Banjarbaru mencatat 4.300 penerima Kartu Prakerja tahun lalu.") is None
    assert only("Peserta di Kukar tahun lalu 9.100 orang.") is None
    # look-alike: the province's count
    assert only("Kalimantan Timur mencatat 91.000 penerima Kartu Prakerja tahun lalu.") == \
        "province_recipients"


def test_a_regency_recording_a_count_owns_it_wherever_it_stands_in_the_clause() -> None:
    assert only("Padahal pada 2021 Purwakarta masih mencatat 6.100 penerima.") is None
    assert only("Angka itu turun dibanding tahun lalu, ketika Klaten menyumbang 8.020 peserta.") is None
    # look-alike: a regency that is only where the count was announced does not own it
    assert only("Di Klaten, Menteri mengumumkan penerima tahun ini mencapai 1,1 juta orang.") == \
        "recipients_total"


def test_a_design_a_room_or_an_aim_for_people_is_a_target() -> None:
    assert only("Skema ini awalnya dirancang untuk 3 juta peserta Kartu Prakerja.") == "recipients_target"
    assert only("Masih ada ruang untuk kira-kira 400 ribu peserta lagi tahun ini.") == "recipients_target"
    assert only("Tahun ini pemerintah membidik 1,2 juta penerima Kartu Prakerja.") == "recipients_target"
    # look-alike: people who were reached are no target
    assert only("Tahun lalu program ini menjangkau 1,2 juta penerima Kartu Prakerja.") == "recipients_total"


def test_a_planned_number_of_waves_is_no_count_of_the_programmes_waves() -> None:
    assert only("Tahun ini pengelola merencanakan kira-kira 24 gelombang pendaftaran.") is None
    # look-alike: waves opened are counted
    assert only("Tahun ini pengelola sudah membuka kira-kira 24 gelombang pendaftaran.") == "waves_count"


def test_a_target_a_count_passed_is_the_targets_value_past_its_relative_clause() -> None:
    assert metrics("Pesertanya mencapai 1,3 juta orang, melampaui target yang awalnya 900 ribu orang.") == [
        (1_300_000, "recipients_total"), (900_000, "recipients_target")]
    # look-alike: the count that passed a target named without its value
    assert metrics("Pesertanya melampaui target, yang awalnya tercatat 900 ribu orang.") == [
        (900_000, "recipients_total")]


def test_a_share_now_working_after_its_group_was_named_is_the_unemployed_now_working() -> None:
    assert only("Dari kelompok tersebut, 33 persen kini sudah bekerja atau membuka usaha.") == \
        "unemployed_now_working_share"
    assert only("Menurut survei, 70 persen alumni sudah bekerja.") == "unemployed_now_working_share"
    # look-alike: those already working when they joined are a profile, not a change
    assert only("Sebanyak 45 persen responden yang sudah bekerja mengikuti kelas daring.") is None


def test_what_each_participant_receives_is_the_benefit_and_a_share_saving_it_is_savings() -> None:
    assert only("Unggahan itu menyebut setiap peserta akan langsung menerima Rp7 juta.") == \
        "benefit_per_recipient"
    assert only("Survei mencatat 12 persen responden menabungnya.") == "incentive_savings_share"
    # look-alikes: what each participant pays, and a share spending it
    assert only("Unggahan itu menyebut setiap peserta akan langsung membayar Rp7 juta.") is None
    assert only("Survei mencatat 12 persen responden membelanjakannya.") is None


def test_a_count_since_a_start_is_counted_not_worked_out() -> None:
    assert only("Jika dihitung sejak 2020, penerima Kartu Prakerja sudah sekitar 14 juta orang.") == \
        "recipients_total"
    # look-alike: what a budget would pay for, worked out, counts no one
    assert only("Jika dihitung, anggaran itu cukup bagi 14 juta orang.") is None


def test_the_result_of_a_change_is_a_count_not_the_change() -> None:
    assert only("Sampai Oktober, jumlah penerima bertambah menjadi sekitar 17 juta orang.") == \
        "recipients_total"
    # look-alike: the change itself
    assert only("Sampai Oktober, jumlah penerima bertambah sekitar 700 ribu orang.") is None


def test_people_counted_as_cases_and_the_next_of_their_ranking_are_cases() -> None:
    found = figures("Bengkulu mencatat kasus terbanyak, yakni 2.140 penerima, disusul Jambi dengan "
                    "1.870 penerima.")
    assert [f.metric for f in found] == [None, None]
    # look-alike: a ranking of recipients
    found = figures("Bengkulu mencatat penerima terbanyak, yakni 92.140 orang, disusul Jambi dengan "
                    "71.870 penerima.")
    assert [f.metric for f in found] == ["province_recipients", "province_recipients"]


def test_a_target_word_after_a_comma_opens_a_clause_of_its_own() -> None:
    assert only("Pesertanya kini 3 juta orang, jatah kursi hampir habis.") == "recipients_total"
    # look-alike: in the figure's own clause the word labels it
    assert only("Pesertanya 3 juta orang yang ditargetkan pemerintah.") == "recipients_target"


def test_people_paid_the_training_fee_are_the_recipients() -> None:
    assert metrics("Dana Rp 8 triliun itu sudah disalurkan kepada 2,3 juta peserta.")[1] == (
        2_300_000, None)
    assert only("Biaya pelatihan dan insentif sudah tersalurkan ke 2,3 juta peserta.") == "recipients_total"


def test_a_value_stated_twice_is_one_quantity() -> None:
    # the article calls the count a target once; where a generic noun labels it, it stays the target
    text = ("Peserta program tahun ini cuma 700 ribu orang. Pemerintah menetapkan target "
            "700 ribu orang itu dalam rapat kabinet.")
    assert metrics(text) == [(700_000, "recipients_target"), (700_000, "recipients_target")]
    # …unless its own clause says the count was reached
    text = ("Kini sudah tercatat 700 ribu peserta. Semula target tahun ini juga 700 ribu orang.")
    assert metrics(text) == [(700_000, "recipients_total"), (700_000, "recipients_target")]
    # a figure nothing labels takes the quantity the article gives its value
    text = "Tahun ini ada 612.400 penerima. Laporan lain menyebut 612.400 orang di tahap akhir."
    assert [f.rule for f in figures(text)] == ["head-noun:penerima", "same-value:head-noun:penerima"]
    assert metrics("Program bermitra dengan 6 platform digital. Keenam platform itu ialah A dan B.") == [
        (6, "digital_platforms_count")]


def test_an_amount_broken_down_into_the_training_fee_is_the_package() -> None:
    text = ("Setiap peserta akan mendapat insentif Rp 4,1 juta. Dari jumlah itu, Rp 1,5 juta "
            "untuk biaya pelatihan.")
    assert metrics(text) == [(4_100_000, "benefit_per_recipient"), (1_500_000, "training_fee_per_recipient")]
    text = ("Setiap peserta akan mendapat insentif Rp 2,4 juta. Di luar itu, biaya pelatihan "
            "Rp 1,5 juta.")
    assert metrics(text) == [(2_400_000, "incentive_total_per_recipient"),
                             (1_500_000, "training_fee_per_recipient")]


def test_a_one_wave_figure_keeps_its_metric() -> None:
    assert metrics("Pada gelombang 31 program ini diikuti 520 ribu peserta.") == [
        (31, "wave_number"), (520_000, "recipients_total")]


def test_the_whole_of_a_fraction_is_not_covered() -> None:
    text = "Program sudah hadir di 470 kabupaten/kota dari 514 kabupaten/kota."
    assert metrics(text) == [(470, "regencies_covered"), (514, None)]


@pytest.mark.parametrize(("text", "metric"), [
    ("Untuk tahun ini pemerintah menyiapkan anggaran Rp 11 triliun.", "budget_total"),
    ("Anggarannya dipangkas menjadi Rp 9 triliun.", "budget_total"),
    ("Pemerintah mengucurkan Rp 12 triliun untuk program ini.", "budget_total"),
    ("Negara menggelontorkan anggaran Rp 5 triliun untuk pelatihan peserta.", "budget_total"),
    ("Realisasi penyerapan baru Rp 3 triliun.", None),
    # a portion of an amount is not the amount; 'sebagian besar insentif' names the part that is
    ("Sebagian insentifnya, sekitar Rp800 ribu, ia pakai untuk modal warung.", None),
    ("Dari paket itu, sebagian besar berupa insentif, Rp2,1 juta.", "incentive_total_per_recipient"),
    # what an amount includes labels its parts, not the amount; the part itself keeps its label
    ("Tiap alumni menerima Rp3,9 juta, termasuk insentif bulanan.", None),
    ("Tiap alumni menerima insentif Rp2,1 juta, termasuk bonus survei.", "incentive_total_per_recipient"),
    ("Kementerian sudah menggelontorkan Rp 4 triliun sejauh ini.", None),
    ("Tahun ini ada tambahan anggaran Rp 2 triliun.", None),
    ("Insentif yang sudah dicairkan kepada peserta mencapai Rp 6 triliun.", "incentive_disbursed_total"),
    ("Biaya pelatihan untuk tiap orang Rp 2,5 juta.", "training_fee_per_recipient"),
    ("Insentif pasca pelatihan yang diterima Rp 700 ribu.", "incentive_total_per_recipient"),
    ("Insentif dana pasca pelatihan Rp 700 ribu.", "incentive_total_per_recipient"),
    ("Insentifnya Rp 500 ribu setiap bulan.", "incentive_monthly"),
    ("Untuk mengisi survei, peserta dapat Rp 75 ribu.", "survey_incentive"),
    ("Paket bantuan untuk setiap orang bernilai Rp 4 juta.", "benefit_per_recipient"),
    ("Tiap penerima mendapatkan uang Rp 3,9 juta.", "benefit_per_recipient"),
    ("Setiap peserta nantinya bakal memperoleh total Rp 3,9 juta.", "benefit_per_recipient"),
    ("Setiap peserta nantinya bakal membayar total Rp 3,9 juta.", None),
    ("Manfaatnya Rp 3,7 juta dengan rincian biaya pelatihan dan insentif.", "benefit_per_recipient"),
    ("Gaji rata-rata peserta Rp 2,8 juta sebulan.", None),
])
def test_amounts(text: str, metric: str | None) -> None:
    assert metrics(text)[0][1] == metric


def test_the_unit_an_amount_is_paid_per_names_what_it_pays_for() -> None:
    assert only("Bagi yang menjawab kuesioner ada insentif Rp 40 ribu per survei.") == "survey_incentive"
    assert only("Bagi yang menjawab kuesioner ada insentif Rp 40 ribu per peserta.") == \
        "incentive_total_per_recipient"


def test_a_per_person_label_frames_the_package_only_when_it_comes_first() -> None:
    assert only("Dana pelatihan kini Rp 2,9 juta per orang.") == "training_fee_per_recipient"
    assert only("Tahun ini nilainya Rp 2,9 juta per orang.") == "benefit_per_recipient"
    assert only("Biaya pelatihan per peserta sebesar Rp 1.200.000.") == "training_fee_per_recipient"
    assert only("Per orang kini tiga koma delapan juta rupiah.") == "benefit_per_recipient"


def test_a_province_that_is_the_subject_of_the_clause_owns_its_counts() -> None:
    found = figures("Provinsi Bali mencatat 90 ribu pendaftar dengan 31 ribu penerima.")
    assert [(f.metric, f.province.name) for f in found] == [
        ("registrants_total", "Bali"), ("province_recipients", "Bali")]
    text = "Jawa Timur menyumbang 90 ribu pendaftar dari total nasional 5 juta penerima."
    assert metrics(text)[1] == (5_000_000, "recipients_total")


def test_a_province_count_stated_again_at_another_precision_keeps_its_province() -> None:
    lead = "Penerima di Jawa Timur menembus 430 ribu orang. "
    [_, again] = figures(lead + "Menurut dinas, yang lolos hingga akhir tahun sekitar 431.250 orang.")
    assert (again.metric, again.province.name, again.rule) == (
        "province_recipients", "Jawa Timur", "same-quantity:province:person:reach")
    [_, other] = figures(lead + "Menurut dinas, yang lolos hingga akhir tahun 5,5 juta orang.")
    assert (other.metric, other.province) == ("recipients_total", None)


@pytest.mark.parametrize(("text", "metric", "rule"), [
    ("Anggaran insentif untuk peserta di Sumatera Utara mencapai Rp 400 miliar.",
     "incentive_disbursed_total", "province:paid-out"),
    ("Alokasi dana untuk Bali tahun ini mencapai Rp 300 miliar.", None, "province:not-the-budget"),
    ("Anggaran insentif untuk seluruh peserta mencapai Rp 4 triliun.", "budget_total", "rupiah:budget"),
])
def test_the_budget_is_national_a_province_has_money_paid_out(text: str, metric, rule: str) -> None:
    [f] = figures(text)
    assert (f.metric, f.rule) == (metric, rule)


@pytest.mark.parametrize(("text", "expected"), [
    ("Dari seluruh peserta, 57 persen perempuan dan 2 persen difabel.",
     [(57, "recipients_female_share"), (2, "recipients_disabled_share")]),
    ("Sebanyak 61 persen dari 9 juta peserta adalah perempuan.",
     [(61, "recipients_female_share"), (9_000_000, "recipients_total")]),
    ("Sekitar 42 persen memakai insentifnya untuk kebutuhan pokok.", [(42, "incentive_daily_needs_share")]),
    ("Ada 33 persen peserta yang dulu menganggur dan kini sudah bekerja.",
     [(33, "unemployed_now_working_share")]),
    ("Sekitar 12 persen penerima ternyata bukan pengangguran.", [(12, None)]),
    ("Penerima tersebar di 9 persen kabupaten/kota tertinggal.",
     [(9, "recipients_underdeveloped_region_share")]),
    # a change verb right before the figure makes it a change; 'naik menjadi' gives the new level
    ("Porsi peserta perempuan naik 3 persen.", [(3, None)]),
    ("Porsi peserta perempuan naik menjadi 58 persen.", [(58, "recipients_female_share")]),
    # the dash of an age range is not a clause break; a dash between words is
    ("Kelompok umur 18 - 24 tahun yang terdata mencapai 41 persen.", [(41, "recipients_youth_share")]),
    ("Kelompok umur 18 - 24 tahun kini dominan - sisanya 41 persen.", [(41, None)]),
    # the verb of improving before the skill, after the share's people; before the share it can
    # be an effect's size
    ("Ada 87 persen alumni mengaku kursusnya mengasah kemampuan mereka.", [(87, "skill_improved_share")]),
    ("Kursus itu mengasah kemampuan berdagang sebesar 37 persen.", [(37, None)]),
])
def test_shares(text: str, expected: list) -> None:
    assert metrics(text) == expected


def test_items_of_a_list_take_their_own_label_not_the_previous_one() -> None:
    text = "Insentif dipakai untuk bahan makanan 90%, membayar listrik 70%, dan modal usaha 40%."
    assert metrics(text) == [(90, "incentive_daily_needs_share"), (70, None),
                             (40, "incentive_business_capital_share")]


def test_a_restatement_after_its_connector_inherits_the_metric() -> None:
    assert metrics("Porsi perempuan 56%, naik dari 49% pada tahun sebelumnya.") == [
        (56, "recipients_female_share"), (49, "recipients_female_share")]


def test_a_figure_compared_with_the_one_pointed_back_to_is_the_same_quantity() -> None:
    text = ("Porsi peserta perempuan tahun ini 55 persen. Angka itu naik 4 persen dibandingkan "
            "tahun lalu yang sebesar 51 persen.")
    assert metrics(text) == [(55, "recipients_female_share"), (4, None), (51, "recipients_female_share")]
    text = "Porsi peserta perempuan tahun ini 55 persen. Ekonomi tumbuh 4 persen dibandingkan 3 persen."
    assert metrics(text)[2] == (3, None)


def test_a_restatement_of_spending_is_spending() -> None:
    text = "Anggaran Rp 20 triliun, dengan realisasi anggaran 85 persen atau Rp 17 triliun."
    assert metrics(text) == [(20e12, "budget_total"), (85, None), (17e12, None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Program menjangkau 512 kabupaten/kota di 37 provinsi.",
     [(512, "regencies_covered"), (37, "provinces_covered")]),
    ("Peserta datang dari 480 kabupaten kota.", [(480, "regencies_covered")]),
    ("Ekosistemnya meliputi 7 platform digital dan 5 mitra pembayaran.",
     [(7, "digital_platforms_count"), (5, "payment_partners_count")]),
    ("Ada juga 3 platform pekerjaan yang ikut bergabung.", [(3, None)]),
    ("Jumlah pelatihan yang tersedia kini 1.700 jenis.", [(1700, "trainings_count")]),
    ("Program ini telah hadir di 7 provinsi.", [(7, "provinces_covered")]),
    ("Survei itu menanyai 1.200 responden di 7 provinsi.", [(1200, None), (7, None)]),   # a sample
    ("Bantuan diarahkan ke 150 kabupaten/kota miskin.", [(150, None)]),                 # a part
    ("Tersedia 40 pelatihan terkait pemasaran digital.", [(40, None)]),
    ("Tersedia 40 pelatihan baru bulan ini.", [(40, "trainings_count")]),
    ("Pemerintah akan mendahulukan 150 kabupaten/kota di tahun depan.", [(150, None)]),   # a plan
    # partners a plan names exist already; 'lebih dari' hedges, it is not 'N dari M'
    ("Dana itu akan dikirim lewat 6 mitra pembayaran.", [(6, "payment_partners_count")]),
    ("Kini ada 9 lembaga dan lebih dari 1.800 jenis pelatihan.",
     [(9, "training_institutions_count"), (1800, "trainings_count")]),
    ("Sebanyak 9 pelatihan dari 1.800 pelatihan ditutup.", [(9, "trainings_count"), (1800, None)]),
])
def test_counts(text: str, expected: list) -> None:
    assert metrics(text) == expected


def test_every_figure_says_which_rule_decided() -> None:
    text = "Sebanyak 4 juta penerima tercatat, anggarannya Rp 15 triliun. Ada 9 orang hadir."
    assert [f.rule for f in figures(text)] == ["head-noun:penerima", "rupiah:budget", "weak-evidence"]


def test_stems_are_looked_up_once_and_conflations_need_an_affix() -> None:
    assert stem("pendaftar") == stem("mendaftar") == "daftar"
    # 'serta' (and) is also the stem of 'pesertanya': heads are matched by surface form.
    assert only("Sebanyak 6 juta orang, serta keluarganya, hadir.") is None
    assert only("Pesertanya tahun lalu 2,4 juta orang.") == "recipients_total"


def test_a_regency_in_the_figures_noun_phrase_makes_it_the_regencys() -> None:
    # A regency has no catalog metric; the same count of the whole programme keeps one.
    [local] = figures("Tahun ini 52.300 penduduk Kota Bekasi menerima Kartu Prakerja.")
    [national] = figures("Tahun ini 5,3 juta penduduk menerima Kartu Prakerja.")
    assert (local.metric, local.rule, national.metric) == (None, "exclusion:regency", "recipients_total")


@pytest.mark.parametrize("text", [
    "Dari jumlah itu, sekitar separuhnya tinggal di enam provinsi di Pulau Sumatera.",
    "Penyaluran tahap ini baru menjangkau 12 kabupaten di Jawa Tengah.",
    "Pelatihan luring digelar di tiga provinsi di luar Jawa.",
])
def test_a_count_narrowed_to_a_region_is_not_coverage(text: str) -> None:
    counts = [f for f in figures(text) if f.unit == "count"]
    assert [(f.metric, f.rule) for f in counts] == [(None, "exclusion:region")]


def test_the_whole_countrys_coverage_keeps_its_metric() -> None:
    text = "Penerimanya tersebar di 510 kabupaten/kota di 34 provinsi di Indonesia."
    assert [f.metric for f in figures(text)] == [
        "regencies_covered", "provinces_covered"]


def test_a_figure_after_an_apposition_speaks_of_the_clause_before() -> None:
    [f] = figures("Bali menjadi provinsi dengan peserta paling sedikit, yakni 8.100 orang.")
    assert (f.metric, f.province.name) == ("province_recipients", "Bali")
    [f] = figures("Penerima tahun ini menjadi yang terbanyak, yakni 3,2 juta orang.")
    assert (f.metric, f.province) == ("recipients_total", None)
    assert metrics("Peserta didominasi perempuan, yaitu 57 persen, sedangkan pria 43 persen.") == [
        (57, "recipients_female_share"), (43, "recipients_male_share")]
    # the province is the clause's subject, not the group of the share
    text = "Peserta di Bali kebanyakan berumur 30-40 tahun, yakni sekitar 45 persen."
    assert metrics(text)[-1] == (45, None)


@pytest.mark.parametrize(("text", "metric"), [
    ("Pagu tahun ini Rp 9 triliun untuk 2,4 juta peserta.", "recipients_target"),
    ("Anggarannya Rp 9 triliun, cukup untuk sekitar 2,4 juta orang.", "recipients_target"),
    # money paid out to people reached them; a sum worked out on paper counts nobody
    ("Insentif Rp 9 triliun sudah disalurkan untuk 2,4 juta peserta.", None),
    ("Pagu Rp 9 triliun secara hitungan kasar cukup untuk 2,4 juta orang.", None),
])
def test_the_people_a_budget_is_for_are_its_target(text: str, metric: str | None) -> None:
    assert metrics(text)[1] == (2_400_000, metric)


@pytest.mark.parametrize(("text", "metric"), [
    # the whole in an opening 'dari' clause and the words after the share make one description
    ("Di antara alumni yang dulu menganggur, 41 persen sekarang sudah bekerja.",
     "unemployed_now_working_share"),
    ("Dari alumni yang dulu menganggur, 41 persen tinggal di kota.", None),
    # unemployment as a former state is where a change started, not the share's group
    ("Ada 41 persen peserta yang sebelumnya menganggur kini berhasil membuka warung.", None),
    ("Ada 41 persen peserta yang saat mendaftar menganggur.", "recipients_unemployed_share"),
])
def test_a_share_of_people_who_were_unemployed(text: str, metric: str | None) -> None:
    assert only(text) == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("Pendaftar batch 2 sampai 4 tercatat 9 juta orang.", "registrants_total"),
    ("Penerima gelombang 2 sampai 4 tercatat 900 ribu orang.", "recipients_total"),
    # look-alike: the noun before the waves is another programme's
    ("Penerima BSU gelombang 2 sampai 4 mencapai 9 juta orang.", None),
])
def test_the_words_before_wave_numbers_describe_the_figure_after_them(text: str, metric: str | None) -> None:
    assert metrics(text)[-1][1] == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("Realisasi pencairan insentif sampai Agustus 2021 tercatat Rp9,1 triliun.", "incentive_disbursed_total"),
    # look-alike: the budget realised so far is spending, not a metric of the catalog
    ("Realisasi anggaran program sampai Agustus 2021 tercatat Rp9,1 triliun.", None),
])
def test_money_realised_by_paying_out_incentives_was_paid_out(text: str, metric: str | None) -> None:
    assert only(text) == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("Dari 9 juta pendaftar, 48 persen adalah laki-laki.", None),
    ("Ada 9 juta orang mendaftar. Dari angka itu, sekitar 48 persen laki-laki.", None),
    ("Sebanyak 48 persen pendaftar berjenis kelamin laki-laki.", None),
    # look-alikes: the same shares of recipients
    ("Dari 9 juta penerima, 48 persen adalah laki-laki.", "recipients_male_share"),
    ("Sebanyak 48 persen penerima berjenis kelamin laki-laki.", "recipients_male_share"),
])
def test_the_make_up_of_registrants_is_not_the_recipients(text: str, metric: str | None) -> None:
    assert metrics(text)[-1] == (48, metric)


def test_a_regency_named_by_its_people_or_in_the_figures_noun_phrase_owns_the_count() -> None:
    assert only("Tahun lalu warga Klaten yang lolos seleksi program ini sebanyak 12.400 orang.") is None
    assert only("Program itu sudah menjangkau 8.100 penerima di Kota Palu.") is None
    assert only("Program itu sudah menjangkau 8.100 penerima di Sigi.") is None
    # look-alike: a city where the news was told is not what the count is about
    assert only("Di Bandung, menteri menyebut penerima program sudah 5,9 juta orang.") == "recipients_total"


def test_a_local_area_pointed_back_to_owns_the_count() -> None:
    assert only("Sepanjang tahun lalu, penerima program di kabupaten tersebut ada 31.500 orang.") is None
    assert only("Menurut bupati, peserta Kartu Prakerja dari daerah ini sudah 14 ribu orang.") is None
    # look-alikes: an official of the area giving the national count, and the area's people unnamed
    assert only("Pemerintah kota itu mengutip angka nasional: penerima program sudah 16 juta orang.") == \
        "recipients_total"
    assert only("Kini tiap daerah punya peserta; totalnya 16 juta orang menerima Kartu Prakerja.") == \
        "recipients_total"


def test_a_district_named_before_a_count_owns_it() -> None:
    assert only("Kecamatan dengan pendaftar terbanyak ialah Cibeber dengan 1.240 orang.") is None
    # look-alike: the same frame for a province is still a programme figure
    assert only("Provinsi dengan penerima terbanyak ialah Jawa Barat, 1,2 juta orang.") is not None


def test_people_a_programme_is_felt_by_are_its_recipients() -> None:
    assert only("Manfaat Kartu Prakerja sudah dirasakan oleh 9 juta orang di pelosok negeri.") == \
        "recipients_total"
    # look-alike: another programme felt by its own people
    assert only("Manfaat bantuan subsidi upah dirasakan oleh 9 juta pekerja.") is None


def test_an_amount_paid_over_months_or_called_monthly_is_the_monthly_incentive() -> None:
    assert only("Peserta memperoleh uang insentif Rp 700 ribu selama tiga bulan.") == "incentive_monthly"
    assert only("Uang insentif bulanan peserta kini ditetapkan Rp 700 ribu.") == "incentive_monthly"
    # look-alikes: the months are those of the training, and a month named is not 'monthly'
    assert only("Peserta memperoleh insentif Rp 2,1 juta setelah pelatihan selama tiga bulan.") == \
        "incentive_total_per_recipient"
    assert only("Insentif bulan Mei untuk setiap peserta ditetapkan Rp 2,1 juta.") == \
        "incentive_total_per_recipient"


def test_an_amount_for_one_month_of_a_series_is_the_monthly_incentive() -> None:
    assert only("Kemarin insentif Rp 650 ribu untuk bulan kedua masuk ke rekening peserta.") == \
        "incentive_monthly"
    # look-alike: a sum paid for a month is no person's monthly amount
    assert only("Kemarin insentif Rp 95 miliar untuk bulan kedua masuk ke rekening peserta.") != \
        "incentive_monthly"


def test_an_amount_in_a_clause_about_what_was_spent_is_spending() -> None:
    found = metrics("Realisasi program sampai kini mencapai 3 juta peserta dengan anggaran Rp 7 triliun.")
    assert found[1] == (7e12, None)
    # look-alikes: the ceiling after the amount spent, and a budget with no word of spending
    found = metrics("Realisasi program mencapai Rp 7 triliun atau 95 persen dari pagu Rp 7,4 triliun.")
    assert found[-1] == (7.4e12, "budget_total")
    found = metrics("Program itu menjangkau 3 juta peserta dengan anggaran Rp 7 triliun.")
    assert found[1] == (7e12, "budget_total")


@pytest.mark.parametrize(("text", "metric"), [
    # a noun's possessive ending does not hide what the amount pays for
    ("Biaya pelatihannya Rp2 juta per orang.", "training_fee_per_recipient"),
    # the incentive of the surveys, said after them
    ("Tahun ini ada tiga survei dengan insentif total Rp90 ribu.", "survey_incentive"),
    # look-alikes: the package per person, and the incentive of the training
    ("Bantuannya Rp2 juta per orang.", "benefit_per_recipient"),
    ("Tahun ini pelatihan itu datang dengan insentif total Rp900 ribu.", "incentive_total_per_recipient"),
])
def test_what_an_amount_pays_for_is_read_through_suffixes_and_after_its_noun(text: str, metric: str) -> None:
    assert only(text) == metric


@pytest.mark.parametrize(("text", "metric"), [
    # a wave opened for so many people is its quota
    ("Kabarnya gelombang baru dibuka untuk 3 juta orang.", "recipients_target"),
    # what each registrant is said to receive is the package
    ("Kabarnya setiap pendaftar langsung menerima Rp7 juta.", "benefit_per_recipient"),
    # look-alikes: the people who registered for an opened wave, and a registrant's fee
    ("Gelombang baru dibuka, dan pendaftarnya 3 juta orang.", "registrants_total"),
])
def test_a_quota_opened_for_people_and_what_each_registrant_receives(text: str, metric: str) -> None:
    assert only(text) == metric


def test_a_monthly_amount_summed_over_its_months_is_the_whole_incentive() -> None:
    found = figures("Insentif Rp500 ribu per bulan selama tiga bulan atau total Rp1,5 juta, serta insentif "
                    "survei Rp90 ribu.")
    assert [(f.metric, f.rule) for f in found][1] == ("incentive_total_per_recipient", "monthly-summed")
    # look-alike: the amount after the next label is that label's
    assert [f.metric for f in found][2] == "survey_incentive"


def test_a_monthly_amount_said_again_as_its_sum_over_the_months_is_the_whole_incentive() -> None:
    # no word of a total: the sum is known by being the monthly amount times the months stated
    for text in ("Bantuannya Rp500 ribu per bulan selama enam bulan atau Rp3 juta, di luar biaya kursus "
                 "Rp1 juta.", "Tiap bulan Rp300 ribu per bulan selama 5 bulan, jadi Rp1,5 juta.",
                 "Dananya Rp500 ribu per bulan selama enam bulan, sehingga tiap alumni dapat Rp3 juta."):
        found = figures(text)
        assert [(f.metric, f.rule) for f in found][1] == ("incentive_total_per_recipient", "monthly-summed")
    # look-alike: another amount after the months is not their sum
    found = figures("Insentif Rp500 ribu per bulan selama enam bulan atau Rp2 juta untuk biaya pelatihan.")
    assert [f.metric for f in found][1] == "training_fee_per_recipient"


@pytest.mark.parametrize(("text", "metric"), [
    ("Pelatihan senilai Rp3 juta per orang itu harus relevan.", "training_fee_per_recipient"),
    # look-alike: a package per person, worth so much
    ("Bantuan senilai Rp3 juta per orang itu harus tepat sasaran.", "benefit_per_recipient"),
])
def test_a_training_worth_an_amount_is_its_fee(text: str, metric: str) -> None:
    assert only(text) == metric


def test_the_upper_bound_of_a_spread_is_what_the_lower_is() -> None:
    found = figures("Harga kelasnya berkisar Rp200 ribu sampai Rp900 ribu per paket.")
    assert [f.metric for f in found] == [None, None]
    found = figures("Insentif survei berkisar antara Rp25 ribu dan Rp75 ribu.")
    assert [f.metric for f in found] == ["survey_incentive", "survey_incentive"]
    # look-alike: with no word of spread, the second amount is read by its own words
    found = figures("Harga kelasnya Rp200 ribu, sedangkan bantuan pelatihan Rp900 ribu per peserta.")
    assert [f.metric for f in found] == [None, "training_fee_per_recipient"]


def test_courses_someone_took_are_no_count_of_the_courses_on_offer() -> None:
    found = figures("Rina mengaku sudah menuntaskan dua pelatihan sebelum insentifnya cair.")
    assert [(f.metric, f.rule) for f in found] == [(None, "exclusion:taken")]
    # look-alike: what the platforms offer is the count
    found = figures("Kini para mitra menawarkan lebih dari 1.500 pelatihan daring.")
    assert [f.metric for f in found] == ["trainings_count"]


def test_places_where_a_service_stands_are_no_coverage() -> None:
    found = figures("Pemprov membuka posko pendampingan di 18 kabupaten/kota agar warga mudah mendaftar.")
    assert [(f.metric, f.rule) for f in found] == [(None, "exclusion:service-sites")]
    # look-alike: where the participants are is the coverage
    found = figures("Peserta program ini tersebar di 18 kabupaten/kota.")
    assert [f.metric for f in found] == ["regencies_covered"]


@pytest.mark.parametrize(("count", "metrics", "look_alike"), [
    # a count said to be reached …
    ("Pada semester I, program ini menjangkau 1,8 juta orang. Target tahun ini juga 1,8 juta orang.",
     ["recipients_total", "recipients_target"],
     # … not one nothing says was reached
     "Pada semester I, jumlahnya 1,8 juta orang. Target tahun ini juga 1,8 juta orang."),
    # the number of recipients …
    ("Target tahun ini 1,3 juta peserta. Tahun lalu, jumlah penerima lebih dari 1,3 juta orang.",
     ["recipients_target", "recipients_total"],
     # … not a number of participants decided for this year (the plan)
     "Target tahun ini 1,3 juta peserta. Tahun ini diputuskan jumlah pesertanya 1,3 juta orang."),
    # a count whose people are said to have got in, after it …
    ("Kuota gelombang itu 90 ribu peserta. Pada akhirnya, 90 ribu orang lolos seleksi.",
     ["recipients_target", "recipients_total"],
     # … not one an adverb after it leads to a plan's verb
     "Kuota gelombang itu 90 ribu peserta. Pada akhirnya, 90 ribu orang yang sudah disasar."),
])
def test_a_count_keeps_its_metric_beside_a_target_of_the_same_value(count: str, metrics: list[str],
                                                                     look_alike: str) -> None:
    assert [f.metric for f in figures(count)] == metrics
    assert [f.metric for f in figures(look_alike)] == ["recipients_target", "recipients_target"]


def test_a_colon_after_an_amount_opens_its_parts() -> None:
    found = figures("Ia sendiri menerima total Rp4,2 juta: saldo pelatihan Rp3,5 juta dan insentif "
                    "Rp600 ribu.")
    assert [f.metric for f in found][0] == "benefit_per_recipient"
    # look-alike: a label right after the amount, with no colon, is the amount's
    found = figures("Tiap peserta mendapat Rp3,5 juta saldo pelatihan.")
    assert [f.metric for f in found] == ["training_fee_per_recipient"]


def test_an_amount_said_again_as_the_sum_of_the_amounts_before_it_is_their_sum() -> None:
    found = figures("Yang cair tunai hanya insentif Rp500 ribu dan insentif survei Rp150 ribu, atau "
                    "Rp650 ribu per orang.")
    assert [(f.metric, f.rule) for f in found][2] == (None, "exclusion:sum-of-parts")
    found = figures("Rinciannya biaya pelatihan Rp3 juta, insentif Rp500 ribu dan insentif survei "
                    "Rp150 ribu, atau Rp3,65 juta.")
    assert [(f.metric, f.rule) for f in found][3] == ("benefit_per_recipient", "sum-of-parts")
    # look-alike: an amount that is not their sum is read by its own words
    found = figures("Insentif Rp500 ribu dan insentif survei Rp150 ribu, atau Rp900 ribu per orang.")
    assert [f.rule for f in found][2] != "exclusion:sum-of-parts"


def test_the_incentive_after_training_is_labelled_right_before_its_amount() -> None:
    found = figures("Peserta hanya menerima insentif pasca pelatihan Rp500 ribu dan insentif survei "
                    "Rp150 ribu.")
    assert [f.metric for f in found] == ["incentive_total_per_recipient", "survey_incentive"]
    # look-alike: an amount with no label of its own takes the survey label after it
    found = figures("Peserta hanya menerima Rp150 ribu insentif survei.")
    assert [f.metric for f in found] == ["survey_incentive"]


def test_the_capital_of_a_province_is_a_city() -> None:
    found = figures("Pada 2021, peserta asal ibu kota provinsi itu mencapai 30 ribu orang.")
    assert [(f.metric, f.rule) for f in found] == [(None, "exclusion:regency")]
    # look-alike: the province itself is the province
    found = figures("Pada 2021, peserta asal provinsi itu mencapai 300 ribu orang.")
    assert [f.metric for f in found] != [None]


def test_what_a_regencys_government_aims_at_is_the_regencys() -> None:
    found = figures("Pemkot Sorong menargetkan 6.500 warganya ikut program ini tahun depan.")
    assert [(f.metric, f.rule) for f in found] == [(None, "exclusion:regency")]
    # look-alike: the central government's target, announced in a city
    found = figures("Saat berkunjung ke Kota Sorong, menteri menyebut pemerintah menargetkan 1,1 juta "
                    "peserta tahun depan.")
    assert [f.metric for f in found] == ["recipients_target"]


def test_regencies_named_bare_at_the_regency_level_or_next_in_a_list_are_regencies() -> None:
    found = figures("Di tingkat kabupaten/kota, Sleman menyumbang 21.000 penerima, disusul Bantul sekitar "
                    "15 ribu orang.")
    assert [f.rule for f in found] == ["exclusion:regency", "exclusion:regency"]
    # look-alike: provinces next in a list are provinces
    found = figures("Jawa Barat menyumbang 800 ribu penerima, disusul Jawa Timur sekitar 700 ribu orang.")
    assert [f.metric for f in found] == ["province_recipients", "province_recipients"]


def test_regencies_of_a_place_named_by_its_nickname_are_a_region_not_coverage() -> None:
    assert only("Dari tujuh kabupaten/kota di Bumi Sriwijaya, Palembang paling banyak pesertanya.") is None
    # look-alike: the whole country, however it is named, is coverage
    assert only("Tahun ini pesertanya tersebar di 500 kabupaten/kota di Tanah Air.") == "regencies_covered"


def test_money_each_person_gets_to_spend_on_courses_is_the_training_fee() -> None:
    assert only("Tiap peserta memperoleh Rp2 juta yang bisa dibelanjakan untuk kursus daring.") == \
        "training_fee_per_recipient"
    # look-alike: money each person gets for anything is their benefit
    assert only("Tiap peserta memperoleh Rp2 juta yang bisa dibelanjakan sesuka hati.") == \
        "benefit_per_recipient"


def test_netting_people_is_reaching_them() -> None:
    assert only("Tahun lalu program pelatihan itu menjaring 4,9 juta orang.") == "recipients_total"
    # look-alike: 'jaringan' (a network) is another word
    text = "Di kabupaten itu ada 40 ribu orang yang belum terhubung jaringan internet."
    assert only(text) != "recipients_total"


def test_a_headlines_bare_verb_of_reach_reaches() -> None:
    # headlines drop the verb's prefix: 'Prakerja Jangkau …' is 'menjangkau'
    assert only("Program Pelatihan Jangkau 4,9 Juta Orang Tahun Ini") == "recipients_total"
    # look-alike: a bare verb with another root reaches nobody
    assert only("Program Pelatihan Tunda 4,9 Juta Orang Tahun Ini") != "recipients_total"


def test_the_package_named_with_its_possessive_is_the_package() -> None:
    assert only("Menurut peserta itu, total bantuannya Rp4,2 juta.") == "benefit_per_recipient"
    # look-alike: its incentive, possessive too, is the incentive
    assert only("Menurut peserta itu, insentifnya Rp2,4 juta.") == "incentive_total_per_recipient"


def test_an_incentive_beside_a_training_fee_set_apart_is_no_package() -> None:
    got = metrics("Dulu insentif yang diterima tiap peserta Rp2,4 juta, sementara biaya pelatihannya "
                  "Rp1 juta.")
    assert got == [(2_400_000, "incentive_total_per_recipient"), (1_000_000, "training_fee_per_recipient")]
    # look-alike: an 'insentif' broken down into the training fee is the whole package
    got = metrics("Insentif tiap peserta Rp3,55 juta, terdiri atas biaya pelatihan Rp1 juta dan sisanya "
                  "tunai.")
    assert got[0] == (3_550_000, "benefit_per_recipient")


def test_an_amount_broken_down_after_a_comma_is_the_package_and_a_label_after_and_is_the_next() -> None:
    got = metrics("Dalam unggahan itu, pendaftar dijanjikan uang Rp5.000.000, terdiri dari insentif "
                  "Rp900.000 per bulan dan biaya kursus Rp1.400.000.")
    assert got[0] == (5_000_000, "benefit_per_recipient")
    got = metrics("Nominal Rp5 juta dan insentif Rp900 ribu per bulan di unggahan itu keliru.")
    assert got[0][1] != "incentive_total_per_recipient"
    # look-alikes: an amount the label right before it names, and a label before 'dan' that is its own
    got = metrics("Dalam unggahan itu, insentif Rp3.600.000, terdiri dari empat kali pembayaran.")
    assert got[0] == (3_600_000, "incentive_total_per_recipient")
    got = metrics("Insentif Rp2,4 juta dan sisanya untuk kursus.")
    assert got[0] == (2_400_000, "incentive_total_per_recipient")


def test_recipients_counted_twice_are_a_subset_not_the_provinces_count() -> None:
    assert only("Inspektorat menemukan 3.210 penerima ganda di Jawa Tengah.") is None
    assert only("Di Banten, auditor mendapati 812 peserta fiktif.") is None
    # look-alike: the province's recipients themselves
    assert only("Tahun lalu tercatat 312.400 penerima di Banten.") == "province_recipients"


def test_a_label_after_a_conjunction_is_the_next_shares() -> None:
    assert metrics("Di antara alumni, porsi perempuan tercatat 47 persen dan laki-laki 53 persen.") == \
        [(47, "recipients_female_share"), (53, "recipients_male_share")]
    # look-alike: each share followed by its own label
    assert metrics("Di antara alumni, 47 persen perempuan dan 53 persen laki-laki.") == \
        [(47, "recipients_female_share"), (53, "recipients_male_share")]


def test_people_a_paid_out_amount_went_to_and_people_surveyed_are_no_count_of_recipients() -> None:
    assert metrics("Sampai pekan lalu, insentif yang sudah dicairkan mencapai Rp3,1 triliun kepada "
                   "sekitar 1,3 juta peserta.")[-1] == (1_300_000, None)
    assert metrics("Untuk kajian ini, peneliti menyurvei 1.830 penerima Kartu Prakerja.")[0] == (1830, None)
    # look-alike: the people a budget is for are its plan
    assert metrics("Pemerintah menyiapkan pagu Rp9 triliun bagi 2,1 juta peserta.")[-1] == \
        (2_100_000, "recipients_target")


def test_a_figure_a_verb_of_change_turns_the_one_before_into_is_that_quantity() -> None:
    assert metrics("Kementerian semula menyasar 700 ribu peserta, lalu menaikkannya menjadi 900 ribu "
                   "orang.")[-1] == (900_000, "recipients_target")
    # look-alike: a figure with no verb of change before it stays as its words say
    assert metrics("Kementerian semula menyasar 700 ribu peserta, dan yang lolos 650 ribu orang.")[-1][1] != \
        "recipients_target"


def test_the_next_named_place_of_a_list_is_the_same_kind_of_figure() -> None:
    text = "Tahun lalu Kota Banjarmasin mencatat 9.410 penerima, sementara Banjarbaru 2.050 orang."
    assert metrics(text) == [(9410, None), (2050, None)]
    # look-alike: a province named next is that province's count
    assert metrics("Penerima di Jawa Tengah 500 ribu orang, sedangkan Banten 190 ribu orang.") == \
        [(500_000, "province_recipients"), (190_000, "province_recipients")]


def test_a_yardstick_target_with_what_it_is_the_target_of_is_a_target() -> None:
    assert metrics("Capaian itu melampaui target semester II sebanyak 1,4 juta peserta.") == \
        [(1_400_000, "recipients_target")]
    # look-alike: a yardstick that is an earlier count is no target
    text = "Capaian itu melampaui realisasi 2021 sebanyak 1,4 juta peserta."
    assert metrics(text)[0][1] != "recipients_target"


def test_a_yardstick_target_of_another_year_given_in_a_relative_clause_is_a_target() -> None:
    text = "Sasaran tahun ini 800 ribu orang, di bawah target tahun sebelumnya yang berjumlah 1,5 juta orang."
    assert metrics(text) == [(800_000, "recipients_target"), (1_500_000, "recipients_target")]
    # look-alike: past a comma, the relative clause says what was reached against the target
    text = "Penyaluran tahun ini melampaui target tahun sebelumnya, yang tercatat 1,5 juta penerima."
    assert metrics(text)[-1][1] != "recipients_target"


def test_a_count_of_another_year_than_a_target_of_the_same_value_is_no_target() -> None:
    text = ("Kuota tahun ini 2,5 juta orang. Sejauh ini sudah ada 9 juta lulusan, di antaranya 2,5 juta "
            "penerima tahun lalu.")
    assert metrics(text)[-1] == (2_500_000, "recipients_total")
    # look-alike: the same value said again of the same year is the target
    text = "Kuota tahun ini 2,5 juta orang. Pemerintah yakin 2,5 juta penerima tahun ini bisa tercapai."
    assert metrics(text)[-1] == (2_500_000, "recipients_target")


def test_the_people_a_plan_is_raised_into_are_the_plan() -> None:
    assert metrics("Kementerian mula-mula menargetkan 800 ribu peserta, lalu menaikkannya menjadi 950 ribu "
                   "peserta.")[-1] == (950_000, "recipients_target")
    # look-alike: a count that rose is a count
    assert metrics("Penerima semula 800 ribu peserta, kemudian naik menjadi 950 ribu peserta.")[-1] == \
        (950_000, "recipients_total")


def test_people_a_fault_singles_out_are_no_count_of_recipients() -> None:
    assert only("Ada 3.400 peserta Kartu Prakerja 2021 yang kemudian dinyatakan tidak berhak atas bantuan.") \
        is None
    # look-alike: people entitled to the benefit are the programme's recipients
    assert only("Ada 3,4 juta peserta Kartu Prakerja 2021 yang berhak atas bantuan itu.") == \
        "recipients_total"
