from prakerja_etl.figures.rankings import find_rankings
from prakerja_etl.text.segment import split_sentences


def rankings(text: str) -> list[tuple[str, str, int]]:
    return [(r.province.province.name, r.direction, r.rank) for r in find_rankings(split_sentences(text))]


def test_a_list_after_n_provinces_most() -> None:
    text = "Tiga provinsi dengan penerima terbanyak adalah Jawa Timur, Jabar, dan Banten."
    assert rankings(text) == [("Jawa Timur", "most", 1), ("Jawa Barat", "most", 2), ("Banten", "most", 3)]


def test_least_and_followed_by() -> None:
    text = "Kaltara menjadi provinsi dengan penerima paling sedikit, disusul Gorontalo dan Sulbar."
    assert rankings(text) == [("Kalimantan Utara", "least", 1), ("Gorontalo", "least", 2),
                              ("Sulawesi Barat", "least", 3)]


def test_position_words_continue_a_ranking() -> None:
    text = ("Jawa Barat menjadi provinsi dengan penerima terbanyak. Posisi kedua ditempati Jawa Tengah. "
            "DKI Jakarta berada di urutan ketiga.")
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Tengah", "most", 2),
                              ("DKI Jakarta", "most", 3)]


def test_regencies_are_not_province_rankings() -> None:
    assert rankings("Penerima terbanyak ada di Kabupaten Bogor, disusul Kota Bekasi.") == []


def test_a_table_announced_by_a_colon() -> None:
    text = ("Berikut tiga provinsi dengan penerima terbanyak:\nProvinsi | Penerima\n"
            "Jawa Barat | 2.652.418\nJawa Timur | 1.967.305\nJawa Tengah | 1.403.230")
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2),
                              ("Jawa Tengah", "most", 3)]


def test_a_list_after_terbanyak_adalah() -> None:
    text = ("Provinsi dengan peserta terbanyak adalah Jawa Barat (1,1 juta orang), Jawa Timur "
            "(880 ribu orang), dan Jawa Tengah (700 ribu orang).")
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2),
                              ("Jawa Tengah", "most", 3)]


# Each phrasing of a ranking, in sentences written for these tests, and a look-alike that is not one.

def test_subject_with_superlative_and_disusul() -> None:
    text = "Banten tercatat sebagai provinsi dengan jumlah peserta terbesar, disusul Lampung dan Bali."
    assert rankings(text) == [("Banten", "most", 1), ("Lampung", "most", 2), ("Bali", "most", 3)]


def test_least_list_after_adalah() -> None:
    text = "Adapun tiga provinsi dengan jumlah peserta paling sedikit adalah Maluku, Gorontalo, dan Papua."
    assert rankings(text) == [("Maluku", "least", 1), ("Gorontalo", "least", 2), ("Papua", "least", 3)]


def test_position_then_urutan_berikutnya() -> None:
    text = ("Sumatera Utara memimpin jumlah penerima program ini. Peringkat kedua diduduki Riau. "
            "Urutan berikutnya ditempati Aceh dan Jambi.")
    assert rankings(text) == [("Sumatera Utara", "most", 1), ("Riau", "most", 2), ("Aceh", "most", 3),
                              ("Jambi", "most", 4)]


def test_continuation_sentence_after_a_ranking() -> None:
    text = ("Penerima terbanyak berasal dari Jawa Timur dengan 600 ribu orang. "
            "Selanjutnya Jawa Tengah dengan 450 ribu orang dan Banten 300 ribu orang.")
    assert rankings(text) == [("Jawa Timur", "most", 1), ("Jawa Tengah", "most", 2), ("Banten", "most", 3)]


def test_a_numbered_list_after_berikut() -> None:
    text = ("Berikut lima besar provinsi penerima Kartu Prakerja terbanyak:\n1. Jawa Barat: 1,2 juta\n"
            "2. Jawa Timur: 900 ribu\n3. Jawa Tengah: 750 ribu\n4. DKI Jakarta: 600 ribu\n"
            "5. Banten: 310 ribu\nProgram ini dibuka lagi tahun depan.")
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2),
                              ("Jawa Tengah", "most", 3), ("DKI Jakarta", "most", 4), ("Banten", "most", 5)]


def test_an_inline_numbered_list() -> None:
    text = "Provinsi dengan alumni terbanyak: 1) Jawa Tengah, 2) Jawa Barat, 3) Jawa Timur."
    assert rankings(text) == [("Jawa Tengah", "most", 1), ("Jawa Barat", "most", 2),
                              ("Jawa Timur", "most", 3)]


def test_nth_province_with_most_recipients() -> None:
    text = "Sulawesi Selatan menjadi provinsi ke-9 dengan jumlah penerima terbanyak secara nasional."
    assert rankings(text) == [("Sulawesi Selatan", "most", 9)]


def test_ranks_ahead_of_the_subject() -> None:
    text = "Jatim kini menempati urutan ketiga penerima terbanyak, di belakang Jawa Barat dan Jawa Tengah."
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Tengah", "most", 2),
                              ("Jawa Timur", "most", 3)]


def test_least_subject_then_followed() -> None:
    text = "Papua Barat menjadi daerah dengan penerima paling rendah, diikuti oleh Papua."
    assert rankings(text) == [("Papua Barat", "least", 1), ("Papua", "least", 2)]


def test_other_topics_are_not_rankings() -> None:
    assert rankings("Provinsi dengan tingkat pengangguran tertinggi adalah Banten, disusul Jawa Barat.") == []
    assert rankings("Jawa Barat menjadi provinsi dengan pendaftar terbanyak, disusul Jawa Timur.") == []
    assert rankings("Anggaran terbesar dialokasikan untuk Jawa Timur, diikuti Jawa Tengah.") == []
    assert rankings("Pelatihan yang paling banyak diminati peserta di Sumatera Barat adalah pemasaran.") == []


def test_rankings_within_a_province_or_region_are_not_national() -> None:
    assert rankings("Peserta di Jawa Tengah paling banyak berasal dari Kota Semarang.") == []
    assert rankings("Kabupaten Sleman adalah kabupaten dengan penerima terbanyak di DI Yogyakarta.") == []
    assert rankings("Bali menjadi provinsi dengan penerima terbanyak kedua di kawasan timur.") == []


def test_a_province_named_for_another_reason() -> None:
    text = ("Di Jawa Barat, Menteri meninjau pelatihan. Provinsi dengan penerima terbanyak adalah "
            "Jawa Timur.")
    assert rankings(text) == [("Jawa Timur", "most", 1)]


def test_clauses_rank_separately() -> None:
    text = ("Tingkat pengangguran tertinggi ada di Kepulauan Riau, sementara penerima terbanyak ada di "
            "Jawa Barat.")
    assert rankings(text) == [("Jawa Barat", "most", 1)]


def test_each_province_with_its_own_ordinal() -> None:
    text = "Kalimantan Timur berada di posisi teratas penerima, Riau kedua, dan Sumatera Selatan ketiga."
    assert rankings(text) == [("Kalimantan Timur", "most", 1), ("Riau", "most", 2),
                              ("Sumatera Selatan", "most", 3)]


def test_first_position_states_the_direction() -> None:
    text = "Urutan pertama jumlah peserta masih dipegang Jawa Barat. Posisi kedua ditempati Jawa Timur."
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2)]


def test_a_numbered_list_without_berikut() -> None:
    text = ("Lima provinsi dengan penerima terbanyak tahun ini.\n1. Jawa Barat\n2. Jawa Timur\n"
            "3. Jawa Tengah\nBanten tidak masuk daftar itu.")
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2),
                              ("Jawa Tengah", "most", 3)]


def test_a_regency_named_after_the_superlative() -> None:
    assert rankings("Peserta tertinggi di Sumatera Utara berasal dari Kota Medan dan Kabupaten Karo.") == []
    text = "Penerima terbanyak ada di Jawa Barat, yang tersebar di 27 kabupaten dan kota."
    assert rankings(text) == [("Jawa Barat", "most", 1)]


def test_a_scope_before_the_superlative_makes_a_regional_ranking() -> None:
    assert rankings("Di luar Sumatera, Bali mencatat peserta paling banyak, disusul Papua.") == []
    assert rankings("Untuk kawasan timur, Maluku menjadi provinsi dengan penerima terbesar.") == []
    # look-alikes: a scope that is the whole country, and a province that is the ranked subject
    assert rankings("Di seluruh Indonesia, Banten mencatat peserta paling banyak.") == [("Banten", "most", 1)]
    assert rankings("Penerima di Banten paling banyak dibanding provinsi lain.") == [("Banten", "most", 1)]


def test_a_province_the_clause_moves_on_from_scopes_a_local_ranking() -> None:
    text = "Alumni Prakerja di Jambi Naik Jadi 90 Ribu, Muaro Jambi Terbanyak"
    assert rankings(text) == []
    # look-alike: the same scope with a national ranking after the superlative
    text = "Di Jambi, jumlah alumninya terbanyak se-Indonesia."
    assert rankings(text) == [("Jambi", "most", 1)]
    text = "Di Bengkulu, yang menjadi provinsi dengan peserta terbanyak tahun ini, kelas luring dibuka."
    assert rankings(text) == [("Bengkulu", "most", 1)]


def test_a_province_that_follows_continues_the_ranking() -> None:
    text = ("Provinsi dengan peserta paling sedikit adalah Gorontalo. Bengkulu menyusul dengan 12 ribu "
            "peserta, lalu Sulawesi Barat dengan 13 ribu peserta.")
    assert rankings(text) == [("Gorontalo", "least", 1), ("Bengkulu", "least", 2),
                              ("Sulawesi Barat", "least", 3)]
    # look-alike: a province that only opens the next sentence does not follow
    text = ("Provinsi dengan peserta paling sedikit adalah Gorontalo. Bengkulu mencatat 12 ribu "
            "peserta, lalu Sulawesi Barat 13 ribu.")
    assert rankings(text) == [("Gorontalo", "least", 1)]


def test_membership_of_a_top_group_is_not_a_rank() -> None:
    text = "Lampung kembali masuk lima besar provinsi dengan penerima terbanyak."
    assert rankings(text) == []
    text = "Jabar, Jatim, dan Jateng menjadi tiga provinsi dengan penerima terbanyak."
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Jawa Timur", "most", 2),
                              ("Jawa Tengah", "most", 3)]


def test_the_size_of_a_ranked_group_said_with_a_position_word_or_besar() -> None:
    # paraphrase: the provinces before 'N posisi teratas' / 'N besar' fill the N ranks
    text = "Riau, Jambi, dan Bengkulu mengisi tiga posisi teratas untuk jumlah peserta pelatihan."
    assert rankings(text) == [("Riau", "most", 1), ("Jambi", "most", 2), ("Bengkulu", "most", 3)]
    text = "Aceh dan Sumbar berturut-turut mengisi dua besar provinsi penerima terbanyak tahun ini."
    assert rankings(text) == [("Aceh", "most", 1), ("Sumatera Barat", "most", 2)]
    # look-alike: one province in a top ten has no known rank
    assert rankings("Jambi juga masuk sepuluh besar penerima terbanyak.") == []
    # look-alike: a move by two places is not a group of two
    assert rankings("Riau naik dua peringkat menjadi provinsi dengan peserta terbanyak keempat.") == [
        ("Riau", "most", 4)]


def test_being_outside_a_ranked_group_still_names_the_group() -> None:
    text = "Gorontalo di luar tiga provinsi dengan peserta terbanyak, yaitu Jawa Barat, Banten dan Bali."
    assert rankings(text) == [("Jawa Barat", "most", 1), ("Banten", "most", 2), ("Bali", "most", 3)]
    # look-alike: outside a region, the ranking is the region's
    assert rankings("Di luar Sumatera, Gorontalo menjadi provinsi dengan peserta terbanyak.") == []


def test_a_clause_pointing_back_ranks_what_the_sentence_before_counted() -> None:
    text = ("Peserta dari Gorontalo tahun ini 9 ribu orang. Jumlah itu kalah dari Banten di posisi teratas "
            "dan Bali di urutan kedua.")
    assert rankings(text) == [("Banten", "most", 1), ("Bali", "most", 2)]
    # look-alike: the sentence before counted something else
    text = ("Pengangguran di Gorontalo ada 9 ribu orang. Jumlah itu kalah dari Banten di posisi teratas "
            "dan Bali di urutan kedua.")
    assert rankings(text) == []


def test_a_province_pointed_back_to_is_followed_by_the_next_ones() -> None:
    text = ("Bali menjadi penyumbang peserta terbanyak tahun lalu. Provinsi tersebut disusul NTB dan NTT.")
    assert rankings(text) == [("Bali", "most", 1), ("Nusa Tenggara Barat", "most", 2),
                              ("Nusa Tenggara Timur", "most", 3)]
    # look-alike: a following sentence with no word of following ranks nothing more
    text = "Bali menjadi penyumbang peserta terbanyak tahun lalu. Provinsi tersebut dekat dengan NTB."
    assert rankings(text) == [("Bali", "most", 1)]


def test_a_ranking_with_no_noun_of_its_own_ranks_what_the_sentence_before_spoke_of() -> None:
    text = "Peserta dari Riau mencapai 90 ribu orang. Posisi teratas tetap ditempati Jambi, disusul Aceh."
    assert rankings(text) == [("Jambi", "most", 1), ("Aceh", "most", 2)]
    # look-alike: after a sentence about registrants it ranks registrants, no province ranking
    text = "Pendaftar dari Riau mencapai 90 ribu orang. Posisi teratas tetap ditempati Jambi, disusul Aceh."
    assert rankings(text) == []


def test_provinces_said_to_be_among_a_ranked_group_have_no_order() -> None:
    text = "Riau bersama Jambi dan Aceh masuk tiga provinsi dengan penerima terbanyak tahun ini."
    assert rankings(text) == []
    # look-alike: the group's members listed after it, in order, are ranked
    text = "Tiga provinsi dengan penerima terbanyak tahun ini adalah Riau, Jambi, dan Aceh."
    assert rankings(text) == [("Riau", "most", 1), ("Jambi", "most", 2), ("Aceh", "most", 3)]
