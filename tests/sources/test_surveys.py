"""Survey tables → tidy rows: the dev set against its gold, synthetic layouts, and bad input."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import yaml

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.schemas import SurveyResultRow
from prakerja_etl.sources.surveys import read_survey
from prakerja_etl.sources.surveys.cells import parse_number
from prakerja_etl.validate import split_valid

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "surveys"
DEV_TABLES = sorted(p for p in DEV.glob("*") if p.suffix in (".csv", ".xlsx")) if DEV.is_dir() else []
KEYS = ("label", "metric", "province", "group", "unit", "period")

BASE_SIDECAR: dict[str, Any] = {
    "survey": "Survei Uji", "publisher": "BPS", "period": "2020-08", "unit": "percent",
}


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    """A produced or gold row without its value, for matching."""
    province = row.get("province", row.get("province_name"))
    return tuple(province if k == "province" else row[k] for k in KEYS)


def _by_key(rows: Iterable[dict[str, Any]]) -> dict[tuple[Any, ...], float]:
    out: dict[tuple[Any, ...], float] = {}
    for row in rows:
        assert _key(row) not in out, f"duplicate row {_key(row)}"
        out[_key(row)] = row["value"]
    return out


def _write(tmp_path: Path, name: str, table: str | bytes, sidecar: dict[str, Any] | str | None) -> Path:
    """A table file and (unless None) its sidecar in tmp_path."""
    path = tmp_path / name
    path.write_bytes(table.encode("utf-8") if isinstance(table, str) else table)
    if sidecar is not None:
        text = sidecar if isinstance(sidecar, str) else yaml.safe_dump(sidecar, allow_unicode=True)
        path.with_suffix(".yaml").write_text(text, encoding="utf-8")
    return path


def _metric_sidecar(**extra: Any) -> dict[str, Any]:
    return {**BASE_SIDECAR, "dimension": "metric", "value_column": "Persentase", **extra}


def _province_sidecar(**extra: Any) -> dict[str, Any]:
    return {**BASE_SIDECAR, "dimension": "province", "metric": "province_recipient_share",
            "value_column": "Persentase", **extra}


def _reasons(problems: list[tuple[str, str | None]]) -> str:
    return " | ".join(reason for reason, _ in problems)


# --- the dev set against its gold ----------------------------------------------------------------


@pytest.mark.skipif(not DEV_TABLES, reason=f"dev survey tables not found under {DEV}")
@pytest.mark.parametrize("table", DEV_TABLES, ids=lambda p: p.name)
def test_dev_table_matches_gold(table: Path) -> None:
    gold = json.loads((DEV / "gold" / f"{table.stem}.json").read_text(encoding="utf-8"))
    result = read_survey(table, f"surveys/{table.name}")
    produced, expected = _by_key(result.rows), _by_key(gold["rows"])
    assert set(produced) == set(expected)
    for key, value in expected.items():
        assert math.isclose(produced[key], value, rel_tol=1e-4), key
    assert result.problems == []
    assert sorted(map(_missing_key, result.missing)) == sorted(map(_missing_key, gold["missing"]))
    assert result.ignored_lines == gold["ignored_lines"]


@pytest.mark.skipif(not DEV_TABLES, reason=f"dev survey tables not found under {DEV}")
@pytest.mark.parametrize("table", DEV_TABLES, ids=lambda p: p.name)
def test_dev_rows_pass_the_contract(table: Path) -> None:
    rows = read_survey(table, f"surveys/{table.name}").rows
    valid, rejected = split_valid(SurveyResultRow, pd.DataFrame(rows))
    assert rejected == []
    assert len(valid) == len(rows)


@pytest.mark.skipif(not DEV_TABLES, reason=f"dev survey tables not found under {DEV}")
def test_dev_lineage_points_at_the_cell() -> None:
    xlsx = read_survey(DEV / "bps_sakernas-2020-08_sebaran-provinsi.xlsx", "s.xlsx").rows
    jakarta = next(r for r in xlsx if r["province_name"] == "DKI Jakarta")
    assert (jakarta["sheet"], jakarta["row_number"], jakarta["cell"]) == ("Tabel 5", 13, "B13")
    assert jakarta["province_code"] == "31" and jakarta["column_name"] == "Persentase"
    csv_rows = read_survey(DEV / "bps_sakernas-2020-08_penggunaan-insentif.csv", "p.csv").rows
    saved = next(r for r in csv_rows if r["label"] == "Ditabung" and r["group"] == "Perempuan")
    assert (saved["sheet"], saved["row_number"], saved["cell"]) == (None, 4, "r4c3")


def _missing_key(row: dict[str, Any]) -> tuple[Any, ...]:
    province = row.get("province", row.get("province_name"))
    return row["label"], row["metric"], province, row["group"], row["period"]


# --- synthetic layouts ---------------------------------------------------------------------------


def test_period_columns_semicolon_bom_crlf_title_capitals_and_total(tmp_path: Path) -> None:
    table = "\r\n".join([
        "Tabel 1. Jumlah Penerima Kartu Prakerja menurut Provinsi, 2020-2021;;",
        ";;",
        "Provinsi;2020;2021",
        "KEP. RIAU;45.012;51.230",
        "DI Yogyakarta;38.100;-",
        "JAWA BARAT;1.234.567;1.402.003",
        "INDONESIA;5.407.220;5.900.000",
        ";;",
        "Sumber: Manajemen Pelaksana Program Kartu Prakerja;;",
    ]) + "\r\n"
    sidecar = {**BASE_SIDECAR, "period": ["2020", "2021"], "unit": "person", "dimension": "province",
               "metric": "province_recipients", "value_column": None,
               "period_columns": {"2020": "2020", "2021": "2021"}}
    path = _write(tmp_path, "prov.csv", b"\xef\xbb\xbf" + table.encode("utf-8"), sidecar)
    result = read_survey(path, "surveys/prov.csv")
    got = {(r["province_name"], r["group"], r["period"]): r["value"] for r in result.rows}
    assert got == {
        ("Kepulauan Riau", None, "2020"): 45012, ("Kepulauan Riau", None, "2021"): 51230,
        ("DI Yogyakarta", None, "2020"): 38100,
        ("Jawa Barat", None, "2020"): 1234567, ("Jawa Barat", None, "2021"): 1402003,
        (None, "total", "2020"): 5407220, (None, "total", "2021"): 5900000,
    }
    assert result.problems == []
    assert [(m["label"], m["period"]) for m in result.missing] == [("DI Yogyakarta", "2021")]
    assert result.ignored_lines == [
        "Tabel 1. Jumlah Penerima Kartu Prakerja menurut Provinsi, 2020-2021",
        "Sumber: Manajemen Pelaksana Program Kartu Prakerja",
    ]
    riau = next(r for r in result.rows if r["label"] == "KEP. RIAU" and r["period"] == "2021")
    assert (riau["row_number"], riau["cell"], riau["column_name"]) == (4, "r4c3", "2021")
    assert split_valid(SurveyResultRow, pd.DataFrame(result.rows))[1] == []


def test_group_columns_comma_csv_with_column_numbers_row(tmp_path: Path) -> None:
    table = (
        '"Tabel 2. Persentase Penerima menurut Status, Agustus 2020",,,\n'
        "Status,Laki-laki,Perempuan,Total\n"
        "(1),(2),(3),(4)\n"
        'Penganggur kini bekerja,"40,10","35,90","38,36"\n'
        'Lainnya,"59,90","64,10","61,64"\n'
        "Catatan: angka sementara,,,\n"
        "dibulatkan ke dua desimal,,,\n"
    )
    sidecar = _metric_sidecar(value_column="Total", group_columns=["Laki-laki", "Perempuan"],
                              rows={"Penganggur kini bekerja": "unemployed_now_working_share",
                                    "Lainnya": None})
    result = read_survey(_write(tmp_path, "status.csv", table, sidecar), "status.csv")
    got = [(r["label"], r["metric"], r["group"], r["value"]) for r in result.rows]
    assert got == [
        ("Penganggur kini bekerja", "unemployed_now_working_share", None, 38.36),
        ("Penganggur kini bekerja", "unemployed_now_working_share", "Laki-laki", 40.10),
        ("Penganggur kini bekerja", "unemployed_now_working_share", "Perempuan", 35.90),
        ("Lainnya", None, None, 61.64), ("Lainnya", None, "Laki-laki", 59.90),
        ("Lainnya", None, "Perempuan", 64.10),
    ]
    assert result.problems == []
    assert result.ignored_lines[1:] == ["Catatan: angka sementara", "dibulatkan ke dua desimal"]


def _merged_workbook(path: Path) -> None:
    """A sheet with a merged title, 'Indikator' merged down and 'Tahun' merged over 2020 | 2021."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Tabel 7"
    sheet["A1"] = "Tabel 7. Komposisi Penerima Kartu Prakerja, 2020-2021"
    sheet.merge_cells("A1:C1")
    sheet["A2"], sheet["B2"] = "Indikator", "Tahun"
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("B2:C2")
    sheet["B3"], sheet["C3"] = 2020, 2021
    sheet.append(["Perempuan", 50.2, "52,3"])
    sheet.append(["Penyandang disabilitas", "-", 0.4])
    sheet.append([])
    sheet["A7"] = "Sumber: Manajemen Pelaksana Program Kartu Prakerja"
    sheet.merge_cells("A7:C7")
    book.save(path)


def test_merged_xlsx_header_with_period_columns(tmp_path: Path) -> None:
    path = tmp_path / "komposisi.xlsx"
    _merged_workbook(path)
    sidecar = "\n".join([
        "survey: Survei Uji", "publisher: PMO", "period: [2020, 2021]", "unit: percent",
        "dimension: metric", "rows:", "  Perempuan: recipients_female_share",
        "  Penyandang disabilitas: recipients_disabled_share", "value_column: null",
        "period_columns:", "  2020: 2020", "  2021: '2021'",
    ])
    path.with_suffix(".yaml").write_text(sidecar, encoding="utf-8")
    result = read_survey(path, "komposisi.xlsx")
    got = [(r["metric"], r["period"], r["value"], r["cell"], r["column_name"]) for r in result.rows]
    assert got == [
        ("recipients_female_share", "2020", 50.2, "B4", "2020"),
        ("recipients_female_share", "2021", 52.3, "C4", "2021"),
        ("recipients_disabled_share", "2021", 0.4, "C5", "2021"),
    ]
    assert {r["sheet"] for r in result.rows} == {"Tabel 7"}
    assert [m["cell"] for m in result.missing] == ["B5"]
    assert result.problems == []
    assert result.ignored_lines == ["Tabel 7. Komposisi Penerima Kartu Prakerja, 2020-2021",
                                    "Sumber: Manajemen Pelaksana Program Kartu Prakerja"]


def test_merged_xlsx_group_row_over_group_columns(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Provinsi", "Jenis Kelamin", None, "Persentase"])
    sheet.append([None, "Laki-laki", "Perempuan", None])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:D2")
    sheet.append(["Kep. Bangka Belitung", 1.1, 0.9, 1.03])
    sheet.append(["Total", 100, 100, 100])
    path = tmp_path / "sebaran.xlsx"
    book.save(path)
    _write(tmp_path, "sebaran.yaml", "", _province_sidecar(group_columns=["Laki-laki", "Perempuan"]))
    result = read_survey(path, "sebaran.xlsx")
    got = [(r["province_name"], r["group"], r["value"], r["cell"]) for r in result.rows]
    assert got == [
        ("Kepulauan Bangka Belitung", None, 1.03, "D3"),
        ("Kepulauan Bangka Belitung", "Laki-laki", 1.1, "B3"),
        ("Kepulauan Bangka Belitung", "Perempuan", 0.9, "C3"),
        (None, "total", 100, "D4"), (None, "Laki-laki", 100, "B4"), (None, "Perempuan", 100, "C4"),
    ]


def test_lone_merged_group_cell_is_not_a_title(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Tabel 8. Persentase penerima perempuan"])
    sheet.append([None, "Tahun", None])
    sheet.merge_cells("B2:C2")
    sheet.append(["Indikator", "2020", "2021"])
    sheet.append(["Perempuan", "49,6", "51,2"])
    path = tmp_path / "lone.xlsx"
    book.save(path)
    sidecar = _metric_sidecar(period=["2020", "2021"], value_column=None,
                              rows={"Perempuan": "recipients_female_share"})
    _write(tmp_path, "lone.yaml", "", sidecar)
    result = read_survey(path, "lone.xlsx")
    assert [(r["period"], r["value"], r["cell"]) for r in result.rows] == [("2020", 49.6, "B4"),
                                                                           ("2021", 51.2, "C4")]
    assert result.ignored_lines == ["Tabel 8. Persentase penerima perempuan"]


def test_table_starting_in_column_b(tmp_path: Path) -> None:
    table = (',"Tabel 9. Persentase",\n,Provinsi,Persentase\n,Jabar,"16,00"\n,Papua,"0,46"\n'
             '"Sumber: BPS",,\n"(data diolah)",,\n')
    result = read_survey(_write(tmp_path, "b.csv", table, _province_sidecar()), "b.csv")
    assert [(r["province_name"], r["value"], r["cell"]) for r in result.rows] == [
        ("Jawa Barat", 16.0, "r3c3"), ("Papua", 0.46, "r4c3")]
    assert result.ignored_lines == ["Tabel 9. Persentase", "Sumber: BPS", "(data diolah)"]
    assert result.problems == []


@pytest.mark.parametrize(("text", "value"), [
    ("48,70", 48.7), ("793.400", 793400), ("5.407.220", 5407220), ("0,08", 0.08),
    ("1.234,5", 1234.5), ("12", 12), (" 2,3 ", 2.3), ("48,70%", 48.7),
    ("2.4", None), ("1.23.456", None), ("n.a.", None), ("", None), ("12a", None),
])
def test_indonesian_number_notation(text: str, value: float | None) -> None:
    assert parse_number(text) == value


# --- cells and rows that go to quarantine --------------------------------------------------------


def test_bad_cells_become_problems_and_the_rest_loads(tmp_path: Path) -> None:
    table = ('Provinsi,Persentase\nAceh,"2,40"\nSumut,n.a.\nBali,\nJawa Baratt,"16,0"\nPapua,2.4\n'
             'Papua,"0,46"\nNAD,"2,50"\n')
    result = read_survey(_write(tmp_path, "bad.csv", table, _province_sidecar()), "bad.csv")
    assert [(r["province_name"], r["value"]) for r in result.rows] == [("Aceh", 2.4), ("Papua", 0.46)]
    reasons = _reasons(result.problems)
    assert "'n.a.' is not a number" in reasons and "r3c2" in reasons
    assert "r4c2 (row 'Bali', column 'Persentase') is empty" in reasons
    assert "unknown province label 'Jawa Baratt'" in reasons
    assert "'2.4' is not a number" in reasons
    assert "a second value for 'NAD'" in reasons and "first in row 2" in reasons
    payload = json.loads(result.problems[0][1])
    assert payload["cell"] == "r3c2" and payload["text"] == "n.a." and payload["source_file"] == "bad.csv"


def test_label_missing_from_rows_mapping_is_a_problem(tmp_path: Path) -> None:
    table = 'Alasan,Persentase\nIkut teman/coba-coba,"12,98"\nBosan di rumah,"4,00"\n'
    sidecar = _metric_sidecar(rows={"Ikut teman/coba-coba": "reason_friends_share"})
    result = read_survey(_write(tmp_path, "alasan.csv", table, sidecar), "alasan.csv")
    assert [r["label"] for r in result.rows] == ["Ikut teman/coba-coba"]
    assert len(result.problems) == 1
    reason, payload = result.problems[0]
    assert "'Bosan di rumah'" in reason and "rows mapping" in reason
    assert json.loads(payload or "{}")["row_number"] == 3


def test_contract_rejects_out_of_range_values() -> None:
    row = {"source_file": "x.csv", "survey": "s", "publisher": "p", "period": "2020-08",
           "metric": "province_recipient_share", "province_code": "32", "province_name": "Jawa Barat",
           "group": None, "value": 16.0, "unit": "percent", "label": "Jawa Barat", "sheet": None,
           "row_number": 3, "column_name": "Persentase", "cell": "r3c2", "published": True}
    rows = [row, {**row, "value": 120.0}, {**row, "metric": "province_recipients", "unit": "person",
                                           "value": -5.0}, {**row, "period": "2020-13"},
            {**row, "metric": "province_recipients"}]
    valid, rejected = split_valid(SurveyResultRow, pd.DataFrame(rows))
    assert len(valid) == 1 and len(rejected) == 4
    assert "between 0 and 100" in rejected[0]["reason"]
    assert "unit differs" in rejected[3]["reason"]


# --- whole-file problems -------------------------------------------------------------------------


def test_missing_sidecar(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.csv", "Provinsi,Persentase\nAceh,1\n", None)
    with pytest.raises(UnreadableInput, match=r"no sidecar t\.yaml"):
        read_survey(path, "t.csv")


def test_invalid_yaml_sidecar(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.csv", "Provinsi,Persentase\nAceh,1\n", "survey: [unclosed\nunit: : :\n")
    with pytest.raises(UnreadableInput, match="not valid YAML"):
        read_survey(path, "t.csv")


@pytest.mark.parametrize(("sidecar", "message"), [
    ({k: v for k, v in _province_sidecar().items() if k != "publisher"}, "lacks required key.*publisher"),
    (_province_sidecar(metric="no_such_metric"), "unknown metric 'no_such_metric'"),
    (_metric_sidecar(rows={"Aceh": "bogus_share"}), "unknown metric 'bogus_share'"),
    (_province_sidecar(metric="province_recipients"), "differs from the unit of metric"),
    (_province_sidecar(period="Agustus 2020"), "is not YYYY"),
    (_province_sidecar(dimension="region"), "must be 'metric' or 'province'"),
    (_metric_sidecar(), "needs a 'rows' mapping"),
    (_province_sidecar(value_column=None), "value_column is missing"),
    ("- just\n- a list\n", "must be a YAML mapping"),
])
def test_unusable_sidecar(tmp_path: Path, sidecar: dict[str, Any] | str, message: str) -> None:
    path = _write(tmp_path, "t.csv", "Provinsi,Persentase\nAceh,1\n", sidecar)
    with pytest.raises(UnreadableInput, match=message):
        read_survey(path, "t.csv")


def test_corrupt_xlsx(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.xlsx", b"PK\x03\x04 this is not really a workbook", _province_sidecar())
    with pytest.raises(UnreadableInput, match="cannot be opened as an XLSX workbook"):
        read_survey(path, "t.xlsx")


def test_value_column_not_in_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.csv", "Tabel 1\nProvinsi,Persen\nAceh,1\n", _province_sidecar())
    with pytest.raises(UnreadableInput, match=r"'Persentase'.*not in the header \(row 2"):
        read_survey(path, "t.csv")


def test_no_header_row(tmp_path: Path) -> None:
    path = _write(tmp_path, "t.csv", "Tabel 1. Judul saja\n\nSumber: BPS\n", _province_sidecar())
    with pytest.raises(UnreadableInput, match="no header row found"):
        read_survey(path, "t.csv")


def test_empty_csv(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput):
        read_survey(_write(tmp_path, "t.csv", "", _province_sidecar()), "t.csv")
