"""A cell of a flattened table holds for the period its column's header names. Tables written for
the test."""

from __future__ import annotations

from timed import timing


def test_each_column_of_years_dates_its_own_cells() -> None:
    got = timing("Sebaran peserta menurut provinsi.\nProvinsi | Peserta 2021 | Peserta 2022\n"
                 "Aceh | 91.000 | 47.000\nRiau | 88.000 | 52.000")
    assert [got[v][1] for v in ("91.000", "47.000", "88.000", "52.000")] == ["2021", "2022", "2021", "2022"]
    # look-alike: columns that name no year leave the cells to the period stated above them
    got = timing("Peserta menurut provinsi pada 2021.\nProvinsi | Peserta | Pendaftar\n"
                 "Aceh | 91.000 | 470.000")
    assert got["91.000"][1] == got["470.000"][1] == "2021"

