"""Which province a figure is of, on sentences written for these tests: a province labelling a
list row or opening a sentence frames its figures; a national phrase makes a figure the country's.
Each rule with a paraphrase and a look-alike."""

import pytest
from classified import figures


def test_a_province_labelling_a_list_row_owns_itsfigures() -> None:
    rows = ("Sebaran penerima per provinsi tahun lalu:\n"
            "Kalimantan Barat: 101.200 penerima\n"
            "Bali: 87.450 penerima (1,6 persen)\n"
            "Seluruh Indonesia: 5.400.000 penerima")
    got = [(f.metric, f.province.name if f.province else None)
           for f in figures(rows)]
    assert got == [("province_recipients", "Kalimantan Barat"), ("province_recipients", "Bali"),
                   ("province_recipient_share", "Bali"), ("recipients_total", None)]


@pytest.mark.parametrize("opening", ["Di Maluku Utara, ", "Di Maluku Utara saja, ",
                                     "Untuk wilayah Maluku Utara, ", "Khusus Provinsi Maluku Utara, "])
def test_a_province_opening_the_sentence_frames_its_count(opening: str) -> None:
    [f] = figures(opening + "pemegang kartu yang aktif tercatat 41 ribu orang.")
    assert (f.metric, f.province.name) == ("province_recipients", "Maluku Utara")


def test_a_province_opening_the_sentence_does_not_frame_a_count_said_to_be_the_nations() -> None:
    text = "Di Maluku Utara, peserta aktif ada 41 ribu orang, adapun se-Indonesia 4,1 juta orang."
    got = [(f.metric, f.province.name if f.province else None) for f in figures(text)]
    assert got == [("province_recipients", "Maluku Utara"), ("recipients_total", None)]
    # look-alike: a second count of the province, with no national word, stays the province's
    text = "Di Maluku Utara, peserta aktif ada 41 ribu orang, adapun yang sudah lulus 30 ribu orang."
    assert [f.province.name if f.province else None for f in figures(text)] == ["Maluku Utara"] * 2


def test_a_province_inside_the_sentence_does_not_frame_the_count() -> None:
    # look-alike: the province is where an event was held, not an opening frame
    [f] = figures("Menteri berkunjung ke Maluku Utara pekan lalu; jumlah penerima tercatat 4,1 juta orang.")
    assert (f.metric, f.province) == ("recipients_total", None)


def test_a_national_phrase_in_the_figures_noun_phrase_makes_it_the_countrys() -> None:
    [f] = figures("Wali kota dari Gorontalo bilang program ini menjangkau 4,1 juta orang se-Indonesia.")
    assert (f.metric, f.province) == ("recipients_total", None)
    # look-alike: the national total is the whole the province's share is of
    [f] = figures("Penerima di Gorontalo setara 0,8 persen dari total penerima nasional.")
    assert f.province is not None and f.province.name == "Gorontalo"


def test_a_province_after_the_figure_before_is_thatfigures() -> None:
    text = "Penerimanya 300 ribu orang dari Bali dan 200 ribu orang dari Banten."
    got = [f.province.name for f in figures(text)]
    assert got == ["Bali", "Banten"]
    # look-alike: a province that opens the clause is the subject of every figure in it
    got = [f.province.name for f in figures("Banten mencatat 300 ribu pendaftar dan 200 ribu penerima.")]
    assert got == ["Banten", "Banten"]


def test_figures_after_a_word_of_respectively_take_the_provinces_listed_before_it() -> None:
    text = "Pendaftar yang lolos di Aceh, Riau dan Jambi berturut-turut 61 ribu, 58 ribu dan 40 ribu orang."
    got = [(f.metric, f.province.name if f.province else None) for f in figures(text)]
    assert got == [("province_recipients", "Aceh"), ("province_recipients", "Riau"),
                   ("province_recipients", "Jambi")]
    # look-alikes: 'masing-masing' before a noun is 'each of them'; a province named after it is its own
    text = "Di Aceh dan Riau, masing-masing peserta menerima Rp600 ribu, sedangkan di Jambi 40 ribu orang."
    assert [f.province.name if f.province else None for f in figures(text)] == [None, "Jambi"]


def test_provinces_subject_of_their_clause_pair_with_the_respective_figures_past_their_verb() -> None:
    text = "Riau dan Jambi menempati posisi berikutnya dengan masing-masing 98 ribu dan 71 ribu penerima."
    assert [f.province.name if f.province else None for f in figures(text)] == ["Riau", "Jambi"]
    # look-alike: past a clause break the provinces are not what the figures are each of
    text = "Riau dan Jambi naik peringkat, sedangkan dua provinsi lain masing-masing 98 ribu dan 71 ribu."
    assert [f.province for f in figures(text) if f.value > 1000] == [None, None]


def test_a_count_after_a_list_of_provinces_is_of_them_together() -> None:
    text = ("Tiga provinsi dengan penerima paling sedikit, yaitu Gorontalo, Maluku, dan Bengkulu, totalnya "
            "91.500 orang.")
    assert [f.province for f in figures(text)] == [None]
    # look-alike: one province before the count is its own
    text = "Provinsi dengan penerima paling sedikit, yaitu Gorontalo, totalnya 21.500 orang."
    assert [f.province and f.province.name for f in figures(text)] == ["Gorontalo"]


def test_a_whole_of_one_province_opening_the_sentence_frames_its_parts() -> None:
    text = "Dari 820 ribu pendaftar asal Lampung tahun lalu, sebanyak 140 ribu diterima sebagai penerima."
    got = [(f.metric, f.province.name if f.province else None) for f in figures(text)]
    assert got == [("registrants_total", "Lampung"), ("province_recipients", "Lampung")]
    # look-alike: provinces listed in the opening, with no whole counted there, frame nothing
    [f] = figures("Dari Lampung, Bengkulu dan Jambi, penerima tahun lalu mencapai 1,4 juta orang.")
    assert (f.metric, f.province) == ("recipients_total", None)


def test_a_province_opening_the_sentence_after_its_dateline_frames_its_count() -> None:
    [f] = figures("Ternate (ANTARA) - Di Maluku Utara, pemegang kartu yang aktif tercatat 41 ribu orang.")
    assert (f.metric, f.province.name) == ("province_recipients", "Maluku Utara")
    # look-alike: the dateline's own city names no province, and a province later in the
    # sentence is where something happened
    [f] = figures("Ternate (ANTARA) - Pemegang kartu yang aktif tercatat 4,1 juta orang, "
                  "kata pejabat di Maluku Utara.")
    assert (f.metric, f.province) == ("recipients_total", None)


def test_a_clause_with_no_subject_of_its_own_counts_in_the_province_before() -> None:
    text = "Provinsi Gorontalo mencatat 85 ribu pelamar, tetapi yang dinyatakan lolos cuma 21 ribu orang."
    got = [(f.metric, f.province.name if f.province else None) for f in figures(text)]
    assert got == [("registrants_total", "Gorontalo"), ("province_recipients", "Gorontalo")]
    # look-alikes: the clause names the nation, or has a subject of its own
    text = "Provinsi Gorontalo mencatat 85 ribu pelamar, tetapi secara nasional yang lolos 5,1 juta orang."
    assert [f.province for f in figures(text)][1] is None
    text = "Provinsi Gorontalo mencatat 85 ribu pelamar, tetapi program ini menjangkau 5,1 juta orang."
    assert [f.province for f in figures(text)][1] is None


def test_a_province_opening_a_paragraph_frames_its_later_sentences() -> None:
    text = "Untuk Maluku Utara, minat warga cukup besar. Pemegang kartu tahun lalu tercatat 41 ribu orang."
    [f] = figures(text)
    assert (f.metric, f.province.name) == ("province_recipients", "Maluku Utara")
    # look-alikes: a national word in the later sentence, or a new paragraph, ends the frame
    [f] = figures("Untuk Maluku Utara, minat warga cukup besar. Se-Indonesia, pemegang kartu tahun lalu "
                  "tercatat 4,1 juta orang.")
    assert (f.metric, f.province) == ("recipients_total", None)
    [f] = figures("Untuk Maluku Utara, minat warga cukup besar.\n"
                  "Pemegang kartu tahun lalu tercatat 4,1 juta orang.")
    assert (f.metric, f.province) == ("recipients_total", None)


def test_an_elliptical_clause_counts_in_the_province_before_it() -> None:
    text = "Peserta asal Maluku Utara masih paling sedikit, hanya 12 ribu orang."
    assert [(f.metric, f.province.name) for f in figures(text)] == [("province_recipients", "Maluku Utara")]
    text = "Penerima di Maluku Utara tahun lalu 12 ribu orang, sedangkan pada 2021 sebanyak 15 ribu orang."
    assert [f.province.name for f in figures(text)] == ["Maluku Utara"] * 2
    # look-alike: the clause after the comma has a subject of its own
    text = "Peserta asal Maluku Utara masih paling sedikit, program ini menjangkau 4,1 juta orang."
    assert [f.province for f in figures(text)] == [None]


def test_a_quote_of_only_times_and_bare_numbers_goes_on_counting_the_paragraph_before() -> None:
    text = ('Warga Maluku Utara yang diterima program tahun ini baru 12.345 orang.\n\n'
            '"Tahun lalu kira-kira 9 ribu. Tahun ini sudah 12 ribu lebih," ujar Kepala Dinas.')
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)] == \
        [("province_recipients", "Maluku Utara")] * 3
    # look-alike: a paragraph further on no longer speaks of that count
    text = ('Warga Maluku Utara yang diterima program tahun ini baru 12.345 orang.\n\n'
            'Pelatihan digelar di balai desa.\n\n'
            '"Tahun lalu kira-kira 9 ribu," ujar Kepala Dinas.')
    assert [f.metric for f in figures(text)][1:] == [None]


def test_a_province_pointed_back_to_is_the_one_named_last() -> None:
    text = ("Gubernur Maluku Utara membuka pelatihan. Tahun lalu, peserta dari provinsi ini tercatat "
            "12 ribu orang.")
    assert [(f.metric, f.province.name) for f in figures(text)] == [("province_recipients", "Maluku Utara")]
    # look-alike: 'secara nasional' after a province's count points back to the count, not the province
    text = "Peserta dari Maluku Utara 12 ribu orang. Secara nasional, jumlahnya 4,1 juta orang."
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)] == \
        [("province_recipients", "Maluku Utara"), ("recipients_total", None)]


def test_some_of_a_provinces_count_pointed_back_to_is_of_that_province() -> None:
    text = ("Sejak 2020, penerima Kartu Prakerja asal Bengkulu mencapai 92.310 orang. Dari angka tersebut, "
            "8.150 orang merupakan penerima tahun ini. Tahun lalu jumlahnya 9.020 orang.")
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)] == \
        [("province_recipients", "Bengkulu")] * 3
    # look-alike: a larger count pointing back to the province's is the nation's, not some of it
    text = ("Sejak 2020, penerima Kartu Prakerja asal Bengkulu mencapai 92.310 orang. Dari angka tersebut "
            "terlihat porsi yang kecil, sebab penerima nasional sudah 18 juta orang.")
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)] == \
        [("province_recipients", "Bengkulu"), ("recipients_total", None)]


def test_people_there_are_of_the_province_named_last() -> None:
    text = ("Pelatihan tatap muka sudah dibuka lagi di Gorontalo. Tahun ini, peserta di sana baru "
            "4.250 orang.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)] == \
        [("province_recipients", "Gorontalo")]
    # look-alike: a bare 'di sana' may point to a website, not to the province named earlier
    text = ("Warga Gorontalo dapat membuka laman resmi program. Di sana tercatat 5,1 juta penerima "
            "tahun ini.")
    assert [(f.metric, f.province) for f in figures(text)] == [("recipients_total", None)]


def test_a_share_pointing_back_past_a_wave_number_is_the_provinces_share() -> None:
    text = ("Sebanyak 8.400 warga Gorontalo lolos menjadi penerima Kartu Prakerja hingga gelombang 5. "
            "Jumlah tersebut setara 1,2 persen dari penerima nasional.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)][-1] == \
        ("province_recipient_share", "Gorontalo")
    # look-alike: pointing back to the nation's count, the share is no province's
    text = ("Sebanyak 2 juta orang lolos menjadi penerima Kartu Prakerja hingga gelombang 5. "
            "Jumlah tersebut setara 40 persen dari pendaftar.")
    assert [f.province for f in figures(text)][-1] is None


def test_a_share_restating_a_provinces_count_past_two_hedges_is_its_share() -> None:
    text = ("Warga Lampung yang lolos tercatat 35.200 orang, atau hanya sekitar 2 persen dari penerima "
            "nasional.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)][-1] == \
        ("province_recipient_share", "Lampung")
    # look-alike: a share naming its own group is that group's, not the province's share
    text = "Warga Lampung yang lolos tercatat 35.200 orang, kira-kira 40 persen di antaranya perempuan."
    assert [f.metric for f in figures(text)][-1] == "recipients_female_share"


def test_the_waves_of_a_provinces_count_listed_after_it_are_the_provinces() -> None:
    text = ("Kata Kepala Dinas, peserta asal Bengkulu di gelombang pertama tercatat 2.110 orang, gelombang "
            "kedua 3.480 orang, dan gelombang ketiga 4.015 orang.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text) if f.unit == "person"] == \
        [("province_recipients", "Bengkulu")] * 3
    # look-alike: a list item naming another province is that province's
    text = ("Peserta asal Bengkulu pada gelombang pertama 2.110 orang, sedangkan Jambi pada gelombang kedua "
            "3.480 orang.")
    assert [f.province and f.province.name for f in figures(text) if f.unit == "person"] == \
        ["Bengkulu", "Jambi"]


def test_a_provinces_share_of_the_nations_recipients_is_its_share() -> None:
    assert [(f.metric, f.province and f.province.name) for f in
            figures("Tahun ini Riau menyumbang kira-kira 3 persen penerima nasional.")] == \
        [("province_recipient_share", "Riau")]
    # look-alike: the share several provinces take together is none of theirs
    together = "Riau dan Jambi menyumbang kira-kira 5 persen penerima nasional."
    assert [f.province for f in figures(together)] == [None]


def test_all_the_regencies_of_one_province_are_its_coverage() -> None:
    found = figures("Tahun ini penerima sudah tersebar di seluruh 10 kabupaten/kota di Bengkulu.")
    assert [(f.metric, f.province and f.province.name) for f in found] == [("regencies_covered", "Bengkulu")]
    # look-alike: some regencies of an island are a part of the country, no coverage
    found = figures("Tahun ini penerima sudah tersebar di 80 kabupaten/kota di Pulau Sumatera.")
    assert [f.metric for f in found] == [None]


def test_a_province_pointed_to_owns_its_count_past_the_whole_its_share_is_of() -> None:
    text = ("Kuota Bali tahun ini kecil. Padahal tahun lalu provinsi ini mendapat 51 ribu penerima atau "
            "1 persen dari total nasional.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)][0] == \
        ("province_recipients", "Bali")
    # … and among other provinces its sentence names, it stands where it is pointed to
    text = ("Jawa Barat terus memimpin. Pada 2021, provinsi ini mencatat 700 ribu penerima, lalu "
            "Jawa Timur dengan 450 ribu orang.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)] == \
        [("province_recipients", "Jawa Barat"), ("province_recipients", "Jawa Timur")]
    # look-alike: a count of several provinces pointed to is of none of them
    text = "Jawa Barat dan Banten memimpin. Kedua provinsi itu mencatat 900 ribu penerima nasional."
    assert [f.province for f in figures(text)] == [None]


def test_a_regencys_share_of_its_province_is_no_provinces_share() -> None:
    [f] = figures("Di Maluku Utara, Kota Ternate menyumbang 30 persen dari peserta.")
    assert f.metric is None
    # look-alike: the province's own share
    [f] = figures("Di Maluku Utara, porsinya 0,3 persen dari peserta nasional.")
    assert f.metric == "province_recipient_share"


def test_the_whole_a_provinces_part_is_of_is_the_nations() -> None:
    text = "Tahun lalu, Gorontalo menyumbang 12 ribu dari 4,1 juta peserta program."
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)] == \
        [("province_recipients", "Gorontalo"), ("recipients_total", None)]
    # look-alike: a province's part of its own registrants stays the province's
    text = "Di Gorontalo, 12 ribu dari 40 ribu pelamar dinyatakan lolos."
    assert [f.province.name for f in figures(text)] == ["Gorontalo", "Gorontalo"]


def test_a_province_followed_by_a_relative_clause_owns_its_count() -> None:
    text = "Gorontalo, yang pada 2021 berada di urutan ke-30 dengan 12 ribu peserta, kini naik peringkat."
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text)][-1] == \
        ("province_recipients", "Gorontalo")
    # look-alike: the relative clause names the nation
    text = "Gorontalo, yang secara nasional tertinggal, mencatat program ini menjangkau 4,1 juta peserta."
    assert [f.province for f in figures(text)] == [None]


def test_list_rows_under_an_announcing_line_are_what_it_announces() -> None:
    text = ("Berikut tiga provinsi dengan peserta terbanyak tahun lalu:\n1. Banten - 301,2 ribu\n"
            "2. Bali - 120,4 ribu\n3. Gorontalo - 45,1 ribu")
    assert [(f.metric, f.province.name) for f in figures(text) if f.unit == "person"] == \
        [("province_recipients", name) for name in ("Banten", "Bali", "Gorontalo")]
    # look-alike: rows under a line announcing another programme's people are not the programme's
    text = "Berikut penerima subsidi upah per tahap:\n1. Tahap pertama — 2,1 juta\n2. Tahap kedua — 3,2 juta"
    assert [f.metric for f in figures(text) if f.unit == "person"] == [None, None]


def test_a_clause_of_only_a_time_goes_on_counting_the_same_people() -> None:
    text = ("Sejak 2020, warga Gorontalo yang pernah menjadi peserta sekitar 60 ribu orang. Pada 2021 ada "
            "sekitar 14 ribu, lalu 2022 sekitar 17 ribu.")
    assert [f.province.name for f in figures(text)] == ["Gorontalo"] * 3
    assert [f.metric for f in figures(text)][1:] == ["province_recipients"] * 2
    # look-alike: a clause with a noun of its own counts other people
    text = ("Sejak 2020, warga Gorontalo yang pernah menjadi peserta sekitar 60 ribu orang. Pada 2021 ada "
            "sekitar 14 ribu pengangguran baru.")
    assert [f.metric for f in figures(text)][1] is None


def test_a_breakdown_of_a_count_by_year_goes_on_counting_the_same_people() -> None:
    text = ("Sejak 2020, program ini menjangkau 9,6 juta peserta. Rinciannya, 4,8 juta orang pada 2020 dan "
            "4,8 juta orang pada 2021.")
    assert [f.metric for f in figures(text)] == ["recipients_total"] * 3
    # look-alike: a breakdown of something else, named, is not the programme's count
    text = "Sejak 2020, program ini menjangkau 9,6 juta peserta. Rinciannya, 4,8 juta pengangguran pada 2020."
    assert [f.metric for f in figures(text)][1] is None


def test_a_plan_called_the_provinces_is_of_the_province_named_before_it() -> None:
    found = figures("Tahun ini 52.300 warga Gorontalo lolos seleksi, mendekati kuota provinsi yang "
                    "dipatok 60 ribu orang.")
    assert [(f.metric, f.province and f.province.name) for f in found][-1] == \
        ("recipients_target", "Gorontalo")
    # look-alike: a plan with no word of a province stays the nation's
    found = figures("Tahun ini 52.300 warga Gorontalo lolos seleksi, sementara kuota nasional dipatok "
                    "600 ribu orang.")
    assert [(f.metric, f.province) for f in found][-1] == ("recipients_target", None)


def test_a_province_opening_the_sentence_before_an_apposition_is_its_subject() -> None:
    found = figures("Riau, daerah asal kedua peserta itu, mencatat sekitar 95 ribu penerima.")
    assert [(f.metric, f.province and f.province.name) for f in found] == [("province_recipients", "Riau")]
    # look-alike: a province inside the sentence's first clause is no subject of the next
    found = figures("Selain Riau, daerah lain juga ramai, dan secara nasional penerima mencapai 5 juta "
                    "orang.")
    assert [(f.metric, f.province) for f in found] == [("recipients_total", None)]


def test_a_province_set_off_after_a_short_lead_is_its_sentences_subject() -> None:
    found = figures("Di sisi lain, Bengkulu, provinsi yang paling kecil kuotanya, mencatat 8 ribu penerima.")
    assert [(f.metric, f.province and f.province.name) for f in found] == \
        [("province_recipients", "Bengkulu")]
    found = figures("Daerah tetangganya, Jambi, hanya mendapat sekitar 20 ribu penerima.")
    assert [(f.metric, f.province and f.province.name) for f in found] == [("province_recipients", "Jambi")]
    # look-alike: a province in a lead clause of its own frames no count after it
    found = figures("Menurut data Bengkulu, jumlah penerima nasional mencapai 5 juta orang.")
    assert [(f.metric, f.province) for f in found] == [("recipients_total", None)]


def test_a_clause_of_only_a_conjunction_and_its_number_counts_in_the_province_before() -> None:
    found = figures("Riau memang penyumbang penerima terbanyak tahun lalu, tetapi jumlahnya hanya 95.000 "
                    "orang.")
    assert [(f.metric, f.province and f.province.name) for f in found] == [("province_recipients", "Riau")]
    # look-alike: a clause said to be the nation's is the nation's
    found = figures("Riau memang penyumbang penerima terbanyak tahun lalu, tetapi secara nasional jumlahnya "
                    "5 juta orang.")
    assert [(f.metric, f.province) for f in found] == [("recipients_total", None)]


def test_a_sentence_opening_with_only_lead_words_counts_in_the_province_before() -> None:
    text = ("Disnaker Jawa Tengah mencatat 500 ribu warga Jateng menerima Kartu Prakerja sejak 2020. "
            "Tahun lalu pesertanya 120 ribu orang, dan tahun ini baru 40 ribu orang.")
    got = [(f.metric, f.province.name if f.province else None) for f in figures(text)][1:]
    assert got == [("province_recipients", "Jawa Tengah")] * 2
    # look-alikes: a national phrase, or only a time, opens the next sentence
    for after in ("Secara nasional, pesertanya 5,9 juta orang.",
                  "Pada 2021, 5,9 juta orang menerima Kartu Prakerja di seluruh Indonesia."):
        got = [(f.metric, f.province) for f in figures(text.split(". ")[0] + ". " + after)][1:]
        assert got == [("recipients_total", None)]


def test_a_clause_going_on_about_the_peak_keeps_the_province_and_a_count_of_waves_has_none() -> None:
    [first, peak] = figures("Pada 2020 penerima asal Bengkulu sekitar 30 ribu orang, dan puncaknya terjadi "
                            "pada 2021 dengan 48.100 penerima.")
    assert (peak.metric, peak.province and peak.province.name) == ("province_recipients", "Bengkulu")
    # look-alike: the waves a province's people joined are the nation's waves
    [_, waves] = figures("Penerima asal Bengkulu tahun ini 9.000 orang, dengan 6 gelombang.")
    assert (waves.metric, waves.province) == ("waves_count", None)


def test_a_sentence_about_a_provinces_people_frames_the_counts_after_it() -> None:
    text = ("Pada tahun-tahun sebelumnya, jumlah penerima asal Jambi juga jauh lebih besar. Pada 2020 "
            "tercatat 72.875 penerima, sedangkan pada 2021 sebanyak 63.131 penerima.")
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text, 2023)] == [
        ("province_recipients", "Jambi")] * 2
    # look-alike: a national count after it says so
    text = ("Pada tahun-tahun sebelumnya, jumlah penerima asal Jambi juga jauh lebih besar. Secara nasional, "
            "pada 2020 tercatat 5,9 juta penerima.")
    assert [(f.metric, f.province) for f in figures(text, 2023)] == [("recipients_total", None)]


def test_a_regency_named_after_di_before_a_count_owns_it() -> None:
    text = "Pada 2021, penerima di Sleman mencapai 35.764 orang dan di Bantul 37.147 orang."
    assert [f.metric for f in figures(text, 2023)] == [None, None]
    # look-alike: a province named so owns its count
    text = "Pada 2021, penerima di Jambi mencapai 35.764 orang."
    assert [(f.metric, f.province.name if f.province else None) for f in figures(text, 2023)] == [
        ("province_recipients", "Jambi")]


def test_a_count_of_several_provinces_together_is_none_of_theirs_nor_the_nations() -> None:
    text = ("Setelah Jawa Tengah ada Sulawesi Selatan 200 ribu dan Bali 90 ribu penerima. Ketiga provinsi "
            "tersebut menampung hampir 1 juta penerima, sekitar 20 persen dari semua penerima.")
    got = [(f.metric, f.province and f.province.name) for f in figures(text)]
    assert got[2:] == [(None, None), (None, None)]
    # … and so is their make-up, said in the clause of the group
    text = ("Bali dan NTB paling banyak. Kedua provinsi itu menyumbang 31 persen dari seluruh peserta "
            "perempuan, sementara peserta dari kabupaten tertinggal 4 persen.")
    assert [f.metric for f in figures(text)] == [None, "recipients_underdeveloped_region_share"]
    # look-alike: a province named at its figure in such a sentence still owns it
    text = ("Di antara beberapa provinsi di Sumatra, porsi terbesar ada di Riau dengan 80 ribu "
            "penerima. Sumatera Barat menyusul.")
    assert [(f.metric, f.province and f.province.name) for f in figures(text)] == \
        [("province_recipients", "Riau")]
