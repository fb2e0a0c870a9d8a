"""The figure finder on tiny sentences: what is a figure, its value and unit."""

import pytest

from prakerja_etl.figures.find import find_figures
from prakerja_etl.figures.units import unit_stated


def figures(sentence: str) -> list[tuple[float, str]]:
    return [(round(c.value, 2), c.unit) for c in find_figures(sentence)]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Program ini menjangkau 5,5 juta penerima.", [(5_500_000, "person")]),
    ("Jumlahnya 5.509.055 orang.", [(5_509_055, "person")]),
    ("Sebanyak 88,9 persen penerima puas.", [(88.9, "percent")]),
    ("Porsinya 45% dari total.", [(45, "percent")]),
    ("Bantuan Rp2,4 juta per peserta.", [(2_400_000, "rupiah")]),
    ("Insentif Rp 600.000 per bulan.", [(600_000, "rupiah")]),
    ("Anggaran Rp20 triliun disiapkan.", [(20e12, "rupiah")]),
    ("Insentif survei Rp50rb setiap kali.", [(50_000, "rupiah")]),
    ("Saldo pelatihan Rp 3,5 jt.", [(3_500_000, "rupiah")]),
    ("Realisasinya Rp804,2 miliar.", [(804.2e9, "rupiah")]),
    ("Terdapat 1.701 pelatihan dan 154 lembaga.", [(1701, "count"), (154, "count")]),
    ("Ada 7 platform digital dan 5 mitra pembayaran.", [(7, "count"), (5, "count")]),
    ("Survei di 30 ribu blok sensus.", [(30_000, "count")]),
])
def test_numerals_with_scale_currency_and_unit(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Pendaftaran gelombang ke-12 dibuka.", [(12, "ordinal")]),
    ("Gelombang 48 resmi dibuka.", [(48, "ordinal")]),
    ("Saya masuk waktu gelombang IV.", [(4, "ordinal")]),
    ("Sejak gelombang pertama dibuka.", [(1, "ordinal")]),
    ("Peserta gelombang 12 hingga 17 menerima.", [(12, "ordinal"), (17, "ordinal")]),
    ("Dibuka lewat 11 gelombang pendaftaran.", [(11, "count")]),
    ("Dijalankan lewat enam gelombang.", [(6, "count")]),
    ("Pendaftar batch 7 bisa login besok.", [(7, "ordinal")]),              # synonym of gelombang
    ("Kuota batch ke-3 sudah penuh.", [(3, "ordinal")]),
    ("Dana itu dibagi dalam 9 batch.", [(9, "count")]),
    ("Peserta gelombang dua belas mulai belajar.", [(12, "ordinal")]),      # cardinal word
    ("Hasil gelombang tiga diumumkan.", [(3, "ordinal")]),
    ("Dibuka gelombang dua kali sebulan.", []),                            # a frequency
    ("Sejak gelombang empat sampai 19 tercatat.", [(4, "ordinal"), (19, "ordinal")]),
    ("Realisasi batch 2-9 sudah cair.", [(2, "ordinal"), (9, "ordinal")]),
    ("Pendaftar gelombang 5 hingga 13 diverifikasi.", [(5, "ordinal"), (13, "ordinal")]),
    # a year's own first or second wave is not the programme's wave 1 or 2 ...
    ("Gelombang kedua tahun depan dibuka Maret.", []),
    ("Pendaftaran gelombang pertama pada 2024 ramai.", []),
    # ... but a wave the calendar runs in the year named after it is
    ("Pendaftaran gelombang pertama pada 2020 ramai.", [(1, "ordinal")]),
    ("Peserta gelombang 7 tahun 2020 dilatih.", [(7, "ordinal")]),
])
def test_waves_are_ordinals_after_the_word_and_counts_before_it(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


def test_both_ends_of_a_wave_range_are_wave_numbers() -> None:
    found = find_figures("Penerima dari batch 3 sampai 10 dihitung ulang.")
    assert [(c.value, c.unit, c.unit_from, c.range_part) for c in found] == [
        (3, "ordinal", "ordinal", "low"), (10, "ordinal", "ordinal", "high")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Penyaluran tersebar di 480 Kab/Kota.", [(480, "count")]),
    ("Penyaluran tersebar di 480 kab./kota.", [(480, "count")]),
    ("Penyaluran tersebar di 480 kab/kot.", [(480, "count")]),
    ("Penyaluran tersebar di 480 kabupaten kota.", [(480, "count")]),
    ("Bansos pangan untuk 12,4 juta KPM.", [(12_400_000, "count")]),         # households
    ("Bansos pangan untuk 12,4 juta keluarga penerima manfaat.", [(12_400_000, "count")]),
    ("Bansos pangan untuk 12,4 juta rumah tangga.", [(12_400_000, "count")]),
    ("Bansos pangan untuk 12,4 juta penerima manfaat.", [(12_400_000, "person")]),
    ("Pameran diikuti delapan komunitas kreatif.", [(8, "count")]),
    ("Acara digelar di empat tempat sekaligus.", [(4, "count")]),
    ("Kelas luring didampingi 4 tenaga pelatih dan 2 asisten pelatih.", [(4, "person"), (2, "person")]),
    ("Tersedia tujuh digital platform.", [(7, "count")]),                   # English word order
    ("Pembelian kursus mencapai 4,1 juta transaksi.", [(4_100_000, "count")]),   # what people buy
    ("Pembelian kursus dilakukan 4,1 juta pengguna.", [(4_100_000, "person")]),  # …and who buys
])
def test_nouns_decide_count_or_person(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Diikuti lebih dari lima juta orang.", [(5_000_000, "person")]),
    ("Per peserta empat koma dua juta rupiah.", [(4_200_000, "rupiah")]),
    ("Sepertiga penerima menabung.", [(33.33, "percent")]),
    ("Dua dari tiga penerima memakai insentif.", [(66.67, "percent")]),
    ("Hampir separuh penerima adalah perempuan.", [(50, "percent")]),
    ("Satu dari empat di antaranya belum punya rekening.", [(25, "percent")]),
    ("Kuota dipatok 3-4,5 juta orang.", [(3_000_000, "person"), (4_500_000, "person")]),
    ("Irisannya antara 10-15 persen.", [(10, "percent"), (15, "percent")]),
    ("Kartu Prakerja alone reached 5.9 million people.", [(5_900_000, "person")]),
])
def test_number_words_fractions_and_ranges(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Pada 2020 program dibuka.",                       # a year used as a period
    "Dibuka Selasa (23/2/2021) pukul 16.00 WIB.",      # dates and clock times
    "Jumat, 26 Februari 2021 16:12 WIB",               # page timestamp
    "Hubungi 0812-3456-7890 jika ragu.",               # phone number
    "Penerima berusia di atas 60 tahun.",              # age
    "Insentif dibayar selama empat bulan.",            # duration
    "Survei dilakukan tiga kali.",                     # frequency
    "Dengan 3 provinsi penerima terbanyak tercatat.",  # size of a ranking
    "Pandemi Covid-19 memukul pekerja.",               # part of a name
    "Indeks LQ45 naik.",                               # part of a name
    "Simak 5 fakta berikut.",                          # listicle count
    "Usianya 18-64 Tahun boleh ikut.",                 # age range
    "Data 2020-2022 dihimpun.",                        # year range
])
def test_numbers_that_are_not_figures(sentence: str) -> None:
    assert figures(sentence) == []


def test_qualifiers_are_kept() -> None:
    found = find_figures("Jumlahnya sekitar 3,1 juta orang, lebih dari 70 juta pendaftar, 651 ribu lebih.")
    assert [c.qualifier for c in found] == ["sekitar", "lebih dari", "lebih dari"]


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("Alumninya kini 4,2 juta orang lebih.", "lebih dari"),
    ("Ada 4 juta lebih alumni di seluruh negeri.", "lebih dari"),
    # look-alikes: 'lebih' comparing, not bounding
    ("Alumninya kini 4,2 juta, lebih sedikit dari perkiraan.", None),
    ("Alumninya 4,2 juta lebih rendah dari tahun lalu.", None),
])
def test_more_than_written_after_the_number(sentence: str, qualifier: str | None) -> None:
    assert [c.qualifier for c in find_figures(sentence)] == [qualifier]


def test_approximate_scale_words() -> None:
    found = find_figures("Jawa Barat mencatat 612 ribuan penerima.")
    assert [(c.value, c.unit, c.qualifier) for c in found] == [(612_000, "person", "sekitar")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kuotanya setengah juta peserta.", [(500_000, "person")]),
    ("The programme reached 5,900,000 people in 2021.", [(5_900_000, "person")]),
    ("The fund paid 1.5 million people.", [(1_500_000, "person")]),
    # look-alike: several dots group thousands whatever the scale word (it used to raise)
    ("Tercatat 2.345.678 million akun.", [(2_345_678_000_000, "count")]),
])
def test_half_a_million_and_english_thousands(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kuotanya 2 sampai 3,5 juta orang.", [(2_000_000, "person"), (3_500_000, "person")]),
    ("Kuotanya 2 hingga 3,5 juta orang.", [(2_000_000, "person"), (3_500_000, "person")]),
    ("Kelas diisi 20-30 peserta.", [(20, "person"), (30, "person")]),
    # look-alikes: two figures with years between them, a span of years, a size class
    ("Naik dari 4,8 juta pada 2021 hingga 6,2 juta orang.", [(4_800_000, "person"), (6_200_000, "person")]),
    ("Berlangsung 2019 sampai 2022 saja.", []),
    ("Kebanyakan usaha mikro mempekerjakan 1-3 pegawai.", []),
])
def test_ranges_in_words_and_size_classes(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Dengan dana Rp9 triliun, pendaftar yang lolos mencapai 2,7 juta.",
     [(9e12, "rupiah"), (2_700_000, "person")]),
    ("Insentif Rp450 ribu per peserta, totalnya 1,8 juta.", [(450_000, "rupiah"), (1_800_000, "rupiah")]),
])
def test_a_people_noun_between_ends_an_amounts_frame(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Hanya tiga persen alumni yang belum bekerja.", [(3, "percent")]),
    ("Satu persen pendaftar gagal verifikasi.", [(1, "percent")]),
    ("Sekitar empat puluh persennya lulusan SMA.", [(40, "percent")]),
    ("Sekitar 61 persennya perempuan.", [(61, "percent")]),
    ("Lebih dari sepertiganya sudah bekerja lagi.", [(33.33, "percent")]),
    ("Setengah hari pelatihan dibatalkan.", []),                            # not a share
])
def test_shares_in_words_and_with_nya(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Tinggal satu provinsi yang belum terjangkau.", [(1, "count")]),
    ("Satu provinsi menolak usulan itu.", []),                              # the article 'a'
    ("Dari mitra itu, 14 di antaranya lembaga luring.", [(14, "count")]),
    ("Ia menyebut 14 sebagai angka keberuntungan.", []),
])
def test_one_as_a_count_and_a_part_of_a_group(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Kirim pesan ke nomor 0813 5521 904 untuk bertanya.", []),              # phone after 'nomor'
    ("Diatur Permenko Nomor 11 Tahun 2021 bagi 300 ribu peserta.", [(300_000, "person")]),
    ("Diperbarui 2022-11-07, penerima 14 juta orang.", [(14_000_000, "person")]),  # ISO date
])
def test_phone_numbers_and_iso_dates_are_not_figures(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


def test_scaled_decimals_are_whole() -> None:
    assert [c.value for c in find_figures("Yang lolos 4,1 juta orang.")] == [4_100_000]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Sisa kuota sekitar 75.000 untuk periode berikutnya.", [(75_000, "person")]),
    ("Tahun ini tersedia kuota 300 ribu bagi pelamar baru.", [(300_000, "person")]),
    # look-alikes: an amount whose own unit is money, a quota of data
    ("Kuota anggaran Rp 2 triliun belum terserap.", [(2e12, "rupiah")]),
    ("Peserta mendapat kuota internet 15 GB.", []),
])
def test_a_quota_counts_persons(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


def test_a_quota_ends_the_frame_of_an_amount() -> None:
    found = find_figures("Tidak ada kuota 250 ribu untuk pelamar awal.", previous_unit="rupiah")
    assert [(c.value, c.unit) for c in found] == [(250_000, "person")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Jumlah pelamar sepanjang tahun tembus 60 juta akun.", [(60_000_000, "person")]),
    # look-alike: accounts with no people named in the clause stay things
    ("Platform itu memblokir 20 ribu akun palsu.", [(20_000, "count")]),
])
def test_accounts_of_the_people_the_clause_names(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Video hoaks itu ditonton 15.000 kali dalam sehari.", [(15_000, "count")]),
    ("Pesan berantai tersebut diteruskan lebih dari 800 kali.", [(800, "count")]),
    # look-alikes: a frequency and a multiplier
    ("Insentif dicairkan empat kali.", []),
    ("Minat naik 100 kali lipat.", []),
])
def test_many_repetitions_count_events(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Hoaks itu memancing 640 komentar dan 38 unggahan ulang.", [(640, "count"), (38, "count")]),
    ("Dinas menerima 23 pengaduan soal situs palsu.", [(23, "count")]),
    ("Pembayaran lewat tiga mitra, yaitu satu bank daerah dan dua dompet digital.",
     [(3, "count"), (1, "count"), (2, "count")]),
    # look-alike: 'satu' outside a breakdown is the article 'a'
    ("Ia menunjuk satu bank daerah sebagai penyalur.", []),
])
def test_counts_of_posts_reports_and_the_parts_of_a_breakdown(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Surat bernomor B.12/207/DJ.3/2022 mengatur 40 ribu peserta.", [(40_000, "person")]),
    ("Edaran SE.5/318/KEU/2021 menyebut 2.000 lembaga.", [(2000, "count")]),
    # look-alike: a number after a slash with a space is a figure
    ("Target / 315 ribu peserta.", [(315_000, "person")]),
])
def test_segments_of_a_reference_code_are_not_figures(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("caption", "unit"), [
    ("Diagram: alasan ikut pelatihan, 2022 (persen)", "percent"),
    ("Sebaran jawaban responden (dalam %)", "percent"),
    ("Tabel 2. Penerima per provinsi, satuan: orang", "person"),
    # look-alikes: a figure in a sentence, a caption that states no unit
    ("Sebanyak 40 persen penerima menabung.", None),
    ("Grafik: sebaran penerima menurut provinsi", None),
])
def test_a_caption_states_the_unit_of_the_numbers_under_it(caption: str, unit: str | None) -> None:
    assert unit_stated(caption) == unit


def test_bare_numbers_of_a_row_take_the_stated_unit() -> None:
    row = "Belanja harian 71,3 | Tabungan 22,8 | Lainnya 9"
    found = find_figures(row, table_header=row.split("|"), stated_unit="percent")
    assert [(c.value, c.unit) for c in found] == [(71.3, "percent"), (22.8, "percent"), (9, "percent")]
    # look-alike: a cell with its own noun keeps it
    found = find_figures("Lulus | 120 peserta", table_header=["Status", "Jumlah"], stated_unit="percent")
    assert [(c.value, c.unit) for c in found] == [(120, "person")]


def test_a_column_title_states_the_unit_of_its_cells() -> None:
    found = find_figures("Riau | 3,4 | 41.200", table_header=["Provinsi", "Porsi (%)", "Jumlah"])
    assert [(c.value, c.unit) for c in found] == [(3.4, "percent"), (41_200, "person")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Jumlah pelamar menembus 45 juta akun.", [(45_000_000, "person")]),
    ("Sistem mencatat 8 juta akun pelamar baru.", [(8_000_000, "person")]),
    ("Pekan lalu 1,2 juta akun baru mendaftar.", [(1_200_000, "person")]),
    # look-alike: accounts of a platform, with no people or registering in the clause
    ("Aplikasi itu kini punya 30 juta akun aktif.", [(30_000_000, "count")]),
])
def test_accounts_counted_as_persons(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Anggaran Rp 8 triliun. Kuota yang masih tersedia kira-kira 150.000.",
     [(8e12, "rupiah"), (150_000, "person")]),
    # look-alike: a quota of data is no count of persons
    ("Pelatihan memberi kuota data sebesar 12 GB.", []),
])
def test_a_quota_a_few_words_before_the_number(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Jawaban responden (persen): pekerjaan baru 31,5; usaha sendiri 12,2.",
     [(31.5, "percent"), (12.2, "percent")]),
    # look-alike: the word 'persen' as a figure's own unit does not make a list header
    ("Porsi penerima muda: 61 persen, sisanya 1.200 orang.", [(61, "percent"), (1200, "person")]),
])
def test_a_list_header_inside_the_sentence_states_the_unit(sentence: str, expected: list) -> None:
    assert figures(sentence) == expected
