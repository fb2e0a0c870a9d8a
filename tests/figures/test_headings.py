"""A figure its own sentence does not name, under a line without figures that does (a heading, a
question), is what that line names (sentences written for these tests; each with a look-alike)."""

from classified import figures
from timed import timing, timing_all


def _got(text: str) -> list[tuple[str | None, str | None]]:
    return [(f.metric, f.province.name if f.province else None) for f in figures(text)]


def test_a_question_names_the_figure_of_its_answer() -> None:
    assert _got("Ada berapa pemegang kartu sepanjang tahun lalu?\nTotalnya sekitar 3,1 juta orang.") == \
        [("recipients_total", None)]
    # look-alike: the question is about another programme
    assert _got("Ada berapa penerima subsidi upah tahun lalu?\nTotalnya sekitar 9,1 juta orang.") == \
        [(None, None)]


def test_a_heading_names_the_figure_and_its_province() -> None:
    assert _got("Peserta terbanyak dari Sulawesi Selatan\nTotalnya 240 ribu orang.") == \
        [("province_recipients", "Sulawesi Selatan")]
    # look-alike: a sentence ending in a full stop, and no word pointing back, is no heading
    assert _got("Pelatihan digelar di Sulawesi Selatan.\nAda 240 ribu orang hadir.")[0][0] is None


def test_a_heading_with_a_year_times_the_plan_under_it() -> None:
    # (the article is of March 2023)
    assert timing("Pagu tahun 2024\nPemerintah menyiapkan Rp5,1 triliun.")["Rp5,1 triliun"][:2] == \
        ("budget_total", "2024")
    # look-alike: a plan in a paragraph of its own, after a sentence naming another year, is this year's
    assert timing("Pagu tahun 2024 belum dibahas.\nPemerintah menyiapkan anggaran Rp5,1 triliun.")[
        "Rp5,1 triliun"][:2] == ("budget_total", "2023")


def test_a_label_in_capitals_names_every_row_under_it() -> None:
    got = timing("PESERTA\nSejak awal: 9 juta orang\nTahun ini (gelombang 40 hingga 44): 1,2 juta orang\n"
                 "PENDAFTAR\nSejak awal: 40 juta orang")
    assert [got[k][0] for k in ("9 juta", "1,2 juta", "40 juta")] == \
        ["recipients_total", "recipients_total", "registrants_total"]
    # look-alike: a label in lower case is a line of prose, not a section's label
    got = timing("Peserta\nSejak awal: 9 juta orang\nTahun ini: 1,2 juta orang")
    assert got["1,2 juta"][0] is None


def test_a_table_column_names_every_cell_under_it() -> None:
    got = timing("Berikut rinciannya.\nTahun | Pendaftar | Peserta | Pagu\n"
                 "2021 | 11 juta | 2,1 juta | Rp9 triliun\n2022 | 13 juta | 2,4 juta | Rp8,5 triliun")
    assert [got[k][:2] for k in ("13 juta", "2,4 juta", "Rp8,5 triliun")] == \
        [("registrants_total", "2022"), ("recipients_total", "2022"), ("budget_total", "2022")]
    # look-alike: a column of another programme's beneficiaries names none of the programme's
    got = timing("Tahun | Penerima subsidi upah\n2021 | 8,1 juta\n2022 | 9,3 juta")
    assert got["9,3 juta"][0] is None
    # look-alike: a column its title does not name is not the count in the cell before it
    got = timing("Tahun | Peserta | Selisih\n2021 | 2,1 juta | 300 ribu\n2022 | 2,4 juta | 300 ribu")
    assert got["2,4 juta"][0] == "recipients_total" and got["300 ribu"][0] is None


def test_a_column_titled_by_a_year_leaves_its_cells_to_the_row() -> None:
    got = timing_all("Penerima per provinsi:\nProvinsi | 2020 | 2021\n"
                     "Jawa Barat | 868 ribu orang | 900 ribu orang")
    assert [g[:2] for g in got] == [("province_recipients", "2020"), ("province_recipients", "2021")]
    # look-alike: a column titled by words that name nothing leaves its cell unnamed
    got = timing_all("Provinsi | Penerima | Selisih\nJawa Barat | 868 ribu orang | 30 ribu orang")
    assert [g[0] for g in got] == ["province_recipients", None]
