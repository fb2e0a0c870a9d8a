"""Indonesian words that decide whether a number is a figure and what it counts."""

from __future__ import annotations

import re


def words(*alternatives: str) -> str:
    """One regex alternation of whole words or phrases (longest first)."""
    return r"\b(?:" + "|".join(sorted(alternatives, key=len, reverse=True)) + r")\b"


# Nouns for people: a number followed by one of them counts persons.
PEOPLE = words(
    "orang", "jiwa", "penerima", "peserta", "pendaftar", "pekerja", "warga", "alumni",
    "responden", "penduduk", "pelamar", "buruh", "karyawan", "pegawai", "penganggur",
    "pengangguran", "mahasiswa", "lulusan", "perempuan", "laki-laki", "wanita", "pria",
    "petani", "nelayan", "pemuda", "difabel", "penyandang disabilitas", "tenaga kerja",
    "angkatan kerja", "korban PHK", "calon peserta", "penerima manfaat", "pelaku usaha",
    "people", "persons", "recipients", "participants", "workers", "beneficiaries",
)
# Countable things of the programme's world: a number followed by one counts them.
THINGS = words(
    "gelombang", "provinsi", "kabupaten/kota", "kabupaten", "kota", "kecamatan", "desa",
    "kelurahan", "platform", "mitra", "lembaga", "pelatihan", "keluarga", "rumah tangga",
    "blok", "blok sensus", "unit", "perusahaan", "sekolah", "kursus", "kelas", "modul",
    "lowongan", "sektor", "jenis", "kategori", "bidang", "akun", "aplikasi", "kanal",
    "negara", "UMKM", "usaha", "sertifikat", "tahap", "batch", "daerah", "wilayah", "judul",
)
# Units of time and repetition: '4 bulan', '60 tahun', 'tiga kali' are not figures.
NOT_A_QUANTITY_AFTER = re.compile(
    r"^\s*(?:" + "|".join((
        "tahun", "thn", "bulan", "minggu", "pekan", "hari", "jam", "menit", "detik", "kali",
        "x", "years?", "months?", "weeks?", "days?", "hours?", "minutes?", "seconds?", "times",
        "fakta", "tips", "cara", "langkah", "syarat", "alasan", "hal", "poin", "penyebab",
        "angka", "program", "komponen", "tahapan", "kelompok",
    )) + r")\b",
    re.IGNORECASE,
)
PEOPLE_AFTER = re.compile(r"^\s*(?:lebih\s+|an\s+)?" + PEOPLE, re.IGNORECASE)
THINGS_AFTER = re.compile(r"^\s*(?:lebih\s+)?" + THINGS, re.IGNORECASE)

# Before a number: a qualifier of its precision, kept as an attribute of the figure.
QUALIFIER_BEFORE = re.compile(
    r"(?P<q>lebih\s+dari(?:pada)?|lebih\s+kurang|kurang\s+lebih|kurang\s+dari|di\s+atas|"
    r"di\s+bawah|sedikitnya|setidaknya|sekurang-kurangnya|minimal|maksimal|paling\s+sedikit|"
    r"paling\s+banyak|sekitar|kira-kira|hampir|nyaris|mendekati|more\s+than|about|almost|"
    r"nearly|around|over|±)\s*$",
    re.IGNORECASE,
)
QUALIFIER_AFTER = re.compile(r"^\s*(?:lebih|an)\b(?!\s+(?:dari|besar|banyak|kecil|tinggi))",
                             re.IGNORECASE)

# Direction words of a province ranking.
MOST = r"terbanyak|terbesar|tertinggi|teratas|paling\s+banyak|paling\s+besar|paling\s+tinggi"
LEAST = (r"paling\s+sedikit|tersedikit|terendah|terkecil|terbawah|paling\s+kecil"
         r"|paling\s+rendah")
