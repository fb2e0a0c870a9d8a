"""Classification into the catalog, on sentences written for these tests."""

import pytest

from prakerja_etl.figures.extract import extract_figures
from prakerja_etl.text.segment import split_sentences


def metrics(text: str) -> list[tuple[float, str | None]]:
    return [(round(f.value, 2), f.metric) for f in extract_figures(split_sentences(text), 2022)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Hingga kini program telah diikuti 17,5 juta peserta.", [(17_500_000, "recipients_total")]),
    ("Jumlah pendaftar menembus 60 juta orang.", [(60_000_000, "registrants_total")]),
    ("Tahun ini pemerintah menargetkan 2 juta peserta.", [(2_000_000, "recipients_target")]),
    ("Sebanyak 2 juta orang telah menyelesaikan pelatihan.", [(2_000_000, None)]),
    ("Pemerintah menyiapkan anggaran Rp 15 triliun.", [(15e12, "budget_total")]),
    ("Realisasi anggaran baru Rp 2 triliun.", [(2e12, None)]),
    ("Biaya pelatihan Rp 3,5 juta dan insentif survei Rp 100 ribu.",
     [(3_500_000, "training_fee_per_recipient"), (100_000, "survey_incentive")]),
    ("Insentif pasca pelatihan Rp 600 ribu per bulan.", [(600_000, "incentive_monthly")]),
    ("Setiap peserta menerima total bantuan Rp 4,2 juta.", [(4_200_000, "benefit_per_recipient")]),
    ("Sebanyak 60 persen penerima adalah perempuan dan 3 persen penyandang disabilitas.",
     [(60, "recipients_female_share"), (3, "recipients_disabled_share")]),
    ("Sekitar 70 persen menggunakan insentif untuk kebutuhan sehari-hari.",
     [(70, "incentive_daily_needs_share")]),
    ("Penerima tersebar di 514 kabupaten/kota di 38 provinsi.",
     [(514, "regencies_covered"), (38, "provinces_covered")]),
    ("Ekosistemnya mencakup 6 platform digital dan 4 mitra pembayaran.",
     [(6, "digital_platforms_count"), (4, "payment_partners_count")]),
])
def test_catalog_metrics_from_cues(text: str, expected: list) -> None:
    assert metrics(text) == expected


def test_other_programmes_are_not_prakerja_metrics() -> None:
    text = "BSU senilai Rp 600 ribu per bulan diberikan kepada 12 juta pekerja."
    assert [m for _, m in metrics(text)] == [None, None]


def test_province_figures_carry_the_province() -> None:
    text = "Jabar menyumbang 800 ribu penerima atau 14 persen dari total penerima."
    found = extract_figures(split_sentences(text), 2021)
    assert [(f.metric, f.province.name if f.province else None) for f in found] == [
        ("province_recipients", "Jawa Barat"), ("province_recipient_share", "Jawa Barat")]


def test_a_share_restated_in_the_next_clause_inherits_the_metric() -> None:
    text = "Porsi perempuan 54%, naik dari 51% pada tahun sebelumnya."
    assert metrics(text) == [(54, "recipients_female_share"), (51, "recipients_female_share")]


def test_periods_are_normalised() -> None:
    text = "Pada semester I-2021 targetnya 2,7 juta penerima, dan per Agustus 2022 sudah 3,1 juta orang."
    found = extract_figures(split_sentences(text), 2022)
    assert [f.period for f in found] == ["2021-S1", "2022-08"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Dana itu akan menyasar 2,9 juta peserta.", [(2_900_000, "recipients_target")]),
    ("Sebanyak 1.223.456 orang mendaftar pada gelombang ini.", [(1_223_456, "registrants_total")]),
    ("Peserta perempuan mendominasi dengan porsi 52,3 persen, sementara peserta dari desa "
     "mencapai 38 persen.",
     [(52.3, "recipients_female_share"), (38, "recipients_rural_share")]),
    ("Sebanyak 35 persen penerima yang awalnya menganggur, pada saat survei mengatakan telah bekerja.",
     [(35, "unemployed_now_working_share")]),
])
def test_targets_single_waves_and_shares_across_clauses(text: str, expected: list) -> None:
    assert metrics(text) == expected


def test_the_dateline_city_is_not_the_figures_province() -> None:
    text = "Liputan6.com, Jakarta - Penerima mencapai 5,5 juta orang."
    found = extract_figures(split_sentences(text), 2021)
    assert [(f.metric, f.province) for f in found] == [("recipients_total", None)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Biaya pelatihan per peserta sebesar Rp1.000.000.", [(1_000_000, "training_fee_per_recipient")]),
    ("Totalnya Rp4,2 juta per orang.", [(4_200_000, "benefit_per_recipient")]),
    ("Per peserta sekarang empat koma dua juta rupiah.", [(4_200_000, "benefit_per_recipient")]),
])
def test_per_participant_names_the_package_only_when_it_frames_the_amount(text: str, expected: list) -> None:
    assert metrics(text) == expected
