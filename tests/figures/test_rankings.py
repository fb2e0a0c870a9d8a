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
