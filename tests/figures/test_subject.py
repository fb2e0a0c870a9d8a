"""What a figure is about, on sentences written for these tests: only Kartu Prakerja figures get
a metric; others keep metric NULL and name their subject."""

import pytest

from prakerja_etl.figures.extract import extract_figures
from prakerja_etl.text.segment import split_sentences


def about(text: str) -> list[tuple[float, str | None, str | None]]:
    return [(round(f.value, 2), f.metric, f.subject)
            for f in extract_figures(split_sentences(text), 2022)]


def test_a_comparison_gives_each_figure_its_own_subject() -> None:
    text = "Penerima BSU mencapai 11 juta, sementara penerima Kartu Prakerja 4,8 juta."
    assert about(text) == [(11_000_000, None, "BSU"), (4_800_000, "recipients_total", None)]


def test_a_programme_named_after_the_figure_is_its_subject() -> None:
    text = "Tahun lalu pemerintah membantu 9 juta penerima BLT Dana Desa."
    assert about(text) == [(9_000_000, None, "BLT Dana Desa")]


def test_a_programme_the_figures_people_received_is_its_subject() -> None:
    text = "Tahun lalu 6 juta buruh anggota serikat pekerja mendapatkan bantuan subsidi upah."
    assert about(text) == [(6_000_000, None, "BSU")]
    # look-alike: people who received the programme itself, then another one too
    text = "Tahun lalu 3 juta peserta Kartu Prakerja juga memperoleh BSU."
    assert about(text) == [(3_000_000, "recipients_total", None)]


@pytest.mark.parametrize(("text", "subject"), [
    ("Anggaran PEN tahun ini Rp 650 triliun.", "PEN"),
    ("Program Keluarga Harapan menjangkau 10 juta keluarga.", "PKH"),
    ("Bantuan Subsidi Upah diberikan kepada 7 juta pekerja.", "BSU"),
    ("Kartu Sembako menyasar 18 juta keluarga penerima.", "Kartu Sembako"),
    ("Tingkat pengangguran terbuka turun menjadi 5,4 persen.", "pengangguran nasional (BPS)"),
    ("Menurut BPS, angkatan kerja Indonesia kini 145 juta orang.", "angkatan kerja nasional (BPS)"),
    ("Singapura melatih 500 ribu warganya setiap tahun.", "negara lain"),
    ("Peserta pelatihan di Balai Latihan Kerja tahun lalu mencapai 150 ribu orang.", "BLK"),
    ("Manfaat Jaminan Kehilangan Pekerjaan dibayarkan kepada 10 ribu pekerja.", "JKP"),
    ("Digital Talent Scholarship tahun ini menyasar 150 ribu peserta.", "Digital Talent Scholarship"),
    ("Program padat karya menyerap 300 ribu tenaga kerja di desa.", "Padat Karya"),
    ("Pagu indikatif Kemnaker untuk tahun depan ditetapkan Rp 6,9 triliun.", "anggaran kementerian"),
    ("Calon itu menjanjikan Kartu Usaha Muda bagi 2 juta pemuda.", "program kartu lain"),
])
def test_other_programmes_and_statistics_get_no_metric(text: str, subject: str) -> None:
    [(_, metric, found)] = about(text)
    assert (metric, found) == (None, subject)


def test_the_programme_inside_an_umbrella_keeps_its_own_figure() -> None:
    # PEN names the umbrella only in its own clause.
    text = "Kartu Prakerja, bagian dari program PEN, mendapat anggaran Rp 21 triliun."
    assert about(text) == [(21e12, "budget_total", None)]


def test_the_programme_named_inside_a_ministrys_budget_keeps_its_own_figure() -> None:
    text = "Dari anggaran Kemenko Perekonomian, Kartu Prakerja memperoleh Rp 4,1 triliun."
    assert about(text) == [(4.1e12, "budget_total", None)]


def test_the_programme_scheme_named_semi_bansos_is_prakerja() -> None:
    text = "Dengan skema semi-bansos, setiap penerima memperoleh manfaat Rp 3,7 juta."
    assert about(text) == [(3_700_000, "benefit_per_recipient", None)]


def test_a_survey_of_the_labour_force_reports_on_prakerja_recipients() -> None:
    text = ("Survei Angkatan Kerja Nasional mencatat 77 persen penerima memakai insentif "
            "untuk kebutuhan pokok.")
    assert about(text) == [(77, "incentive_daily_needs_share", None)]


def test_a_sentence_pointing_back_keeps_the_previous_subject() -> None:
    text = "Pemerintah juga menyalurkan BLT Dana Desa. Bantuan itu menjangkau 6 juta keluarga."
    assert about(text)[-1][2] == "BLT Dana Desa"


def test_a_sentence_pointing_back_keeps_the_previous_subject_up_to_a_name_it_gives_later() -> None:
    text = ("Kemensos menegaskan tahun ini tidak ada BLT Dana Desa. Bantuan itu terakhir dibagikan kepada "
            "7 juta keluarga, dan tidak berkaitan dengan Kartu Prakerja.")
    assert about(text)[-1] == (7_000_000, None, "BLT Dana Desa")
    # look-alike: a programme named before the figure in its own sentence is its subject
    text = ("Kemensos menegaskan tahun ini tidak ada BLT Dana Desa. Bantuan itu berbeda dengan Kartu "
            "Prakerja, yang tahun lalu menjangkau 4,8 juta peserta.")
    assert about(text)[-1] == (4_800_000, "recipients_total", None)


def test_a_sentence_pointing_back_past_the_amount_it_describes_keeps_the_previous_subject() -> None:
    text = ("Pemerintah kembali menyalurkan subsidi upah tahun ini. Bantuan senilai Rp600 ribu per bulan "
            "tersebut menyasar 9 juta pekerja.")
    assert about(text) == [(600_000, None, "BSU"), (9_000_000, None, "BSU")]
    # look-alike: an amount described without pointing back is the programme's own
    text = ("Pemerintah kembali menyalurkan subsidi upah tahun ini. Bantuan senilai Rp600 ribu per bulan "
            "juga diterima peserta Kartu Prakerja.")
    assert about(text) == [(600_000, "incentive_monthly", None)]


def test_a_possessive_opening_the_sentence_keeps_the_previous_subject() -> None:
    text = "Pemerintah menyalurkan BLT Dana Desa kepada 5 juta keluarga. Total anggarannya Rp9 triliun."
    assert about(text)[-1] == (9e12, None, "BLT Dana Desa")
    # look-alike: a budget that names its programme is that programme's
    text = ("Pemerintah menyalurkan BLT Dana Desa kepada 5 juta keluarga. Total anggaran Kartu Prakerja "
            "Rp9 triliun.")
    assert about(text)[-1] == (9e12, "budget_total", None)


def test_a_school_meals_programme_is_another_programme() -> None:
    assert about("Program Makan Bergizi Gratis mendapat pagu Rp70 triliun tahun depan.") == \
        [(70e12, None, "Makan Bergizi Gratis")]
    assert about("Program Kartu Prakerja mendapat pagu Rp5 triliun tahun depan.") == \
        [(5e12, "budget_total", None)]


def test_a_sample_is_its_own_subject() -> None:
    [(_, metric, subject)] = about("Survei itu melibatkan 6.500 responden.")
    assert (metric, subject) == (None, "sampel survei")


@pytest.mark.parametrize("text", ["Sebanyak 2.950 pemegang kartu yang disurvei merasa terbantu.",
                                  "Ada 1.640 peserta yang diwawancarai oleh lembaga riset itu.",
                                  "Sampelnya 2.310 responden alumni program pelatihan itu.",
                                  "Lembaga itu mewawancarai 2.310 responden pemegang kartu."])
def test_people_said_to_be_surveyed_are_a_sample(text: str) -> None:
    [(_, metric, subject)] = about(text)
    assert (metric, subject) == (None, "sampel survei")
    # look-alike: people counted by another kind of record are the programme's
    [(_, metric, subject)] = about("Sebanyak 950 ribu pemegang kartu yang terdata merasa terbantu.")
    assert (metric, subject) == ("recipients_total", None)


def test_the_subject_rule_is_recorded() -> None:
    [f] = extract_figures(split_sentences("Anggaran PKH tahun ini Rp 28 triliun."), 2022)
    assert (f.metric, f.subject, f.rule) == (None, "PKH", "subject:PKH")


def test_pointing_back_to_a_statistic_or_a_comparison_carries_no_subject() -> None:
    # 'Program ini' can only mean a programme; after a sentence naming two subjects it is ambiguous.
    statistic = ("Angka pengangguran nasional kini 6,1 persen. "
                 "Program ini bekerja sama dengan 9 platform digital.")
    assert about(statistic)[1] == (9, "digital_platforms_count", None)
    compared = ("Penerima BLT tercatat 8 juta, sedangkan tingkat pengangguran terbuka 6,1 persen. "
                "Program tersebut menggandeng 9 platform digital.")
    assert about(compared)[2] == (9, "digital_platforms_count", None)
    programme = ("Penerima BLT tercatat 8 juta keluarga. "
                 "Program tersebut juga menyalurkan bantuan kepada 2 juta pekerja.")
    assert about(programme)[1] == (2_000_000, None, "BLT")


@pytest.mark.parametrize(("text", "expected"), [
    # a fact-check's verdict on an amount, before or after it in its clause: still the claim it makes
    ("Kabar bahwa setiap pendaftar dapat bantuan Rp8 juta adalah hoaks.", ("benefit_per_recipient", None)),
    ("Kementerian menegaskan tidak ada kuota 300 ribu bagi pendaftar awal.", ("recipients_target", None)),
    # look-alike: another programme's refuted amount stays that programme's
    ("Kabar bahwa penerima BSU dapat Rp8 juta adalah hoaks.", (None, "BSU")),
])
def test_a_figure_the_article_refutes_is_still_the_claim_it_makes(text: str, expected: tuple) -> None:
    [(_, metric, subject)] = about(text)
    assert (metric, subject) == expected


def test_a_sentence_about_the_people_of_the_one_before_keeps_its_subject() -> None:
    other = "Subsidi upah menyasar 9 juta buruh. Masing-masing mendapat Rp 500 ribu per bulan."
    assert about(other)[1] == (500_000, None, "BSU")
    own = "Kartu Prakerja tahun ini diikuti 2 juta orang. Mereka mendapat Rp 600 ribu per bulan."
    assert about(own)[1] == (600_000, "incentive_monthly", None)


def test_vocational_training_of_the_programme_is_the_programmes() -> None:
    # look-alike of the BLK name: training of any kind, not the ministry's training centres
    text = "Peserta Kartu Prakerja yang memilih pelatihan vokasi daring tahun lalu mencapai 150 ribu orang."
    assert about(text) == [(150_000, "recipients_total", None)]


def test_a_sentence_opening_with_a_word_of_the_programme_named_before_is_about_it() -> None:
    text = ("Kemnaker juga menyalurkan subsidi upah pekan ini. Subsidi sebesar Rp500 ribu itu menyasar "
            "9,1 juta pekerja.")
    assert [(metric, subject) for _, metric, subject in about(text)] == [(None, "BSU"), (None, "BSU")]
    # look-alike: the sentence opens with another word, about the programme
    text = "Kemnaker juga menyalurkan subsidi upah pekan ini. Pelatihan Prakerja menyasar 1,1 juta peserta."
    assert [(metric, subject) for _, metric, subject in about(text)] == [("recipients_target", None)]


def test_a_cluster_of_social_protection_is_an_umbrella_not_the_programme() -> None:
    text = "Prakerja masuk klaster perlindungan sosial yang diberi pagu Rp190 triliun."
    assert [subject for _, _, subject in about(text)] == ["perlindungan sosial"]
    # look-alike: the programme's own budget in the same sentence after a comma
    text = "Prakerja masuk klaster perlindungan sosial, dengan anggaran sendiri Rp19 triliun."
    assert [(metric, subject) for _, metric, subject in about(text)] == [("budget_total", None)]


def test_an_umbrella_the_sentence_opens_with_frames_its_figures() -> None:
    text = "Krisis itu mendesak. Untuk program Pemulihan Ekonomi Nasional, negara menyiapkan Rp600 triliun."
    assert about(text) == [(600e12, None, "PEN")]
    # look-alike: the programme named after the opening phrase owns its figure
    text = "Krisis itu mendesak. Dalam program PEN, Kartu Prakerja menerima anggaran Rp20 triliun."
    assert about(text) == [(20e12, "budget_total", None)]


def test_a_social_safety_net_is_an_umbrella_not_the_programme() -> None:
    text = "Paket stimulus itu memuat Rp95 triliun untuk jaring pengaman sosial."
    assert about(text) == [(95e12, None, "perlindungan sosial")]
    # look-alike: the programme's share of the safety net, in a clause of its own, is its budget
    text = "Dari seluruh jaring pengaman sosial, Kartu Prakerja sendiri memperoleh anggaran Rp19 triliun."
    assert about(text) == [(19e12, "budget_total", None)]


def test_the_workers_another_programme_pays_keep_its_subject() -> None:
    text = "Pemerintah menyalurkan BSU kepada 7 juta pekerja. Tiap pekerja mendapat Rp300 ribu per bulan."
    assert about(text) == [(7e6, None, "BSU"), (3e5, None, "BSU")]
    # look-alike: the programme's own participants named next are its own
    text = "Pemerintah menyalurkan BSU kepada 7 juta pekerja. Tiap peserta Prakerja mendapat Rp600 ribu " \
        "per bulan."
    assert about(text)[1] == (6e5, "incentive_monthly", None)


def test_what_another_programmes_amount_changed_into_is_still_that_programmes() -> None:
    text = "Anggaran PEN semula Rp600 triliun, kemudian dinaikkan menjadi Rp700 triliun."
    assert about(text) == [(600e12, None, "PEN"), (700e12, None, "PEN")]
    # look-alike: the programme's own amount changed stays its budget
    text = "Anggaran Prakerja semula Rp10 triliun, kemudian dinaikkan menjadi Rp20 triliun."
    assert [m for _, m, _ in about(text)] == ["budget_total", "budget_total"]


def test_a_social_protection_allocation_or_a_sectors_budget_is_an_umbrella() -> None:
    text = "Pagu itu naik, dengan alokasi perlindungan sosial Rp180 triliun."
    assert about(text) == [(180e12, None, "perlindungan sosial")]
    text = "Sekolah vokasi dibiayai dari anggaran pendidikan Rp600 triliun."
    assert about(text) == [(600e12, None, "anggaran sektor")]
    # look-alike: the programme's own budget named next to them is its own
    text = "Di luar anggaran pendidikan, Kartu Prakerja mendapat anggaran Rp20 triliun."
    assert about(text) == [(20e12, "budget_total", None)]


def test_an_identity_or_family_card_is_no_other_programme() -> None:
    # look-alike of 'Kartu Usaha Muda': a family card limits who gets Kartu Prakerja
    [(_, metric, found)] = about("Tahun ini penerima dengan Kartu Keluarga yang sama mencapai 2 juta orang.")
    assert found is None and metric == "recipients_total"


def test_a_statistic_of_people_owns_no_amount_of_money_in_its_sentence() -> None:
    text = "Karena tingkat pengangguran masih tinggi, pagu program itu lalu ditambah menjadi Rp15 triliun."
    assert about(text) == [(15_000_000_000_000, "budget_total", None)]
    # look-alike: the statistic's own people and rate stay its figures
    text = "Karena angka pengangguran naik menjadi 9,1 juta orang, pagu program itu ditambah."
    assert about(text) == [(9_100_000, None, "pengangguran nasional (BPS)")]


def test_a_figure_pointing_back_is_of_the_nearest_figure_of_its_unit_whatever_its_subject() -> None:
    text = ("Kuota gelombang ini 400 ribu peserta. Jumlah pengangguran Februari tercatat 8,4 juta orang. "
            "Angka itu lebih rendah dibanding Agustus tahun lalu yang mencapai 9,3 juta orang.")
    assert about(text)[-1] == (9_300_000, None, None)
    # look-alike: pointing back to the programme's own count keeps its metric
    text = ("Kuota gelombang ini 400 ribu peserta. Penerima tahun lalu tercatat 5,1 juta orang. "
            "Angka itu lebih rendah dibanding tahun sebelumnya yang mencapai 5,8 juta orang.")
    assert about(text)[-1] == (5_800_000, "recipients_total", None)


def test_the_label_of_an_amount_is_not_read_in_a_reason_after_it_nor_in_post_training() -> None:
    text = "Nilai bantuan per peserta naik menjadi Rp4,1 juta karena biaya pelatihannya lebih besar."
    assert about(text) == [(4_100_000, "benefit_per_recipient", None)]
    assert about("Porsi terbesarnya justru insentif pasca-pelatihan senilai Rp2,1 juta.") == [
        (2_100_000, "incentive_total_per_recipient", None)]
    # look-alikes: the training fee labelled before the amount, or named what it includes
    assert about("Porsi terbesarnya justru biaya pelatihan senilai Rp3,1 juta.") == [
        (3_100_000, "training_fee_per_recipient", None)]


def test_a_figure_compared_with_the_nations_is_no_provinces() -> None:
    text = "Di Jawa Timur, penerima tahun lalu mencapai 600 ribu orang, jauh di atas angka nasional 5,9 juta."
    found = extract_figures(split_sentences(text), 2022)
    assert (found[-1].metric, found[-1].province) == ("recipients_total", None)
    # look-alike: the province's own count of another year, compared, stays the province's
    text = ("Hingga gelombang 21, sebanyak 81.200 warga Jambi lolos sebagai penerima, jauh di atas jumlah "
            "sepanjang 2020 yang sekitar 40 ribu orang.")
    found = extract_figures(split_sentences(text), 2021)
    assert (found[-1].metric, found[-1].province.name if found[-1].province else None) == (
        "province_recipients", "Jambi")


def test_the_unemployed_a_relative_clause_counts_are_the_statistics() -> None:
    [(_, metric, subject)] = about("Pelatihan itu diharapkan menekan pengangguran yang kini masih 7,9 juta "
                                   "orang.")
    assert (metric, subject) == (None, "pengangguran nasional (BPS)")
    # look-alike: the people the programme is to train, beside the unemployment it is to reduce
    [(_, metric, subject)] = about("Program ini diharapkan menekan pengangguran dengan melatih 700 ribu "
                                   "peserta.")
    assert (metric, subject) == ("recipients_target", None)


def test_the_count_of_a_provinces_unemployed_is_no_count_of_recipients() -> None:
    # 'penganggur' is the root noun of 'pengangguran': a count of them is the statistic's
    [(_, metric, subject)] = about("Adapun jumlah penganggur di Jambi masih sekitar 88 ribu orang.")
    assert metric is None and subject
    # look-alike: the province's recipients, some of them formerly unemployed
    [(_, metric, _)] = about("Adapun jumlah peserta di Jambi sekitar 88 ribu orang, banyak yang semula "
                             "menganggur.")
    assert metric == "province_recipients"


def test_a_studys_comparison_group_is_not_the_programmes_people() -> None:
    assert about("Di kelompok kontrol, hanya 19 persen yang kini sudah bekerja.") == \
        [(19, None, "kelompok pembanding")]
    # look-alike: the participants the study compares it with
    assert about("Di antara peserta, 36 persen kini sudah bekerja.") == \
        [(36, "unemployed_now_working_share", None)]
