"""Files crafted to cost far more than their size, and files one bad value used to sink with
others: each class the pipeline must quarantine (or load) on its own, within bounded memory.

`write_bombs(raw, corpus)` writes one of each beside whatever `raw` holds and returns
{path relative to raw: expected status in source_files}.
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import openpyxl

LOADED, QUARANTINED = "loaded", "quarantined"
PROVINCE_SIDECAR = {
    "survey": "Survei uji", "publisher": "Penguji", "period": "2021", "unit": "percent",
    "dimension": "province", "metric": "province_recipient_share", "value_column": "Persentase",
}


def small_workbook() -> bytes:
    """A valid two-province table."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (["Provinsi", "Persentase"], ["Jawa Barat", 20.5], ["Aceh", 1.5]):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_parts(workbook: bytes, parts: dict[str, list[bytes]]) -> bytes:
    """The workbook with some of its zip parts replaced or added, each written from its chunks
    (a part of a gigabyte is written without ever being held whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info.filename, src.read(info.filename))
        for name, chunks in parts.items():
            with dst.open(name, "w", force_zip64=True) as part:
                for chunk in chunks:
                    part.write(chunk)
    return out.getvalue()


def sheet_xml(rows: list[bytes], dimension: str = "A1:B3") -> list[bytes]:
    head = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><dimension ref="' + dimension.encode() + b'"/><sheetData>')
    return [head, *rows, b"</sheetData></worksheet>"]


TABLE_ROWS = [b'<row r="1"><c r="A1" t="inlineStr"><is><t>Provinsi</t></is></c>'
              b'<c r="B1" t="inlineStr"><is><t>Persentase</t></is></c></row>',
              b'<row r="2"><c r="A2" t="inlineStr"><is><t>Jawa Barat</t></is></c><c r="B2"><v>20.5</v></c>'
              b"</row>",
              b'<row r="3"><c r="A3" t="inlineStr"><is><t>Aceh</t></is></c><c r="B3"><v>1.5</v></c></row>']
SHEET = "xl/worksheets/sheet1.xml"


def claims_last_cell() -> bytes:
    """A small table whose sheet says it reaches XFD1048576, the last cell a sheet can have."""
    return rewrite_parts(small_workbook(), {SHEET: sheet_xml(TABLE_ROWS, "A1:XFD1048576")})


def stray_last_cell() -> bytes:
    """The same table with an empty formatted cell really written at XFD1048576."""
    stray = b'<row r="1048576"><c r="XFD1048576" s="0"/></row>'
    return rewrite_parts(small_workbook(), {SHEET: sheet_xml([*TABLE_ROWS, stray])})


def huge_shared_string(size: int = 1_000_000_000) -> bytes:
    """One shared string of `size` characters (a 1 GB string is about 1 MB compressed)."""
    block = b"a" * 1_000_000
    strings = [b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
               b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
               *(block for _ in range(size // len(block))), b"</t></si></sst>"]
    rows = [b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>']
    return rewrite_parts(small_workbook(), {"xl/sharedStrings.xml": strings, SHEET: sheet_xml(rows)})


def million_rows(rows: int = 1_000_000) -> bytes:
    """A million identical rows (no row numbers: each follows the last), a few hundred KB zipped."""
    block = b'<row><c t="inlineStr"><is><t>Aceh</t></is></c><c><v>1.5</v></c></row>' * 1000
    blocks = (block for _ in range(rows // 1000))
    return rewrite_parts(small_workbook(), {SHEET: sheet_xml([*TABLE_ROWS, *blocks])})


def alias_bomb_yaml() -> str:
    """The billion laughs in YAML: ten levels of anchors, each naming the previous nine times."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    sidecar = {**PROVINCE_SIDECAR, "illustrative": True}
    lines += [f"{k}: {json.dumps(v)}" for k, v in sidecar.items()]
    lines.append("published_cells: {Jawa Barat: *a9}")
    return "\n".join(lines) + "\n"


def deep_yaml(depth: int = 100_000) -> str:
    return "\n".join(f"{k}: {json.dumps(v)}" for k, v in PROVINCE_SIDECAR.items()) + \
        "\nrows: " + "[" * depth + "]" * depth + "\n"


def bad_cells_csv(rows: int = 60_000) -> bytes:
    """About 2 MB of rows whose every value is text where a number belongs."""
    lines = ["Provinsi,Persentase"] + [f"Aceh,tidak-ada-angka-{i}" for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def write(raw: Path, rel: str, data: bytes | str) -> Path:
    path = raw / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def write_bombs(raw: Path) -> dict[str, str]:
    """One file of each costly or poisonous class under `raw` (articles/ and surveys/)."""
    sidecar = "\n".join(f"{k}: {json.dumps(v)}" for k, v in PROVINCE_SIDECAR.items()) + "\n"
    expected: dict[str, str] = {}
    tables = {
        "surveys/klaim-sel-terakhir.xlsx": (claims_last_cell(), sidecar, LOADED),
        "surveys/sel-liar-terakhir.xlsx": (stray_last_cell(), sidecar, LOADED),
        "surveys/string-raksasa.xlsx": (huge_shared_string(), sidecar, QUARANTINED),
        "surveys/sejuta-baris.xlsx": (million_rows(), sidecar, QUARANTINED),
        "surveys/sel-buruk-2mb.csv": (bad_cells_csv(), sidecar, LOADED),
        "surveys/alias-bom.csv": (b"Provinsi,Persentase\nAceh,\"1,5\"\n", alias_bomb_yaml(), QUARANTINED),
        "surveys/yaml-dalam.csv": (b"Provinsi,Persentase\nAceh,\"1,5\"\n", deep_yaml(), QUARANTINED),
        "surveys/sidecar-daftar.csv": (b"Provinsi,Persentase\nAceh,\"1,5\"\n",
                                       sidecar + "illustrative: true\npublished_cells: [Aceh]\n",
                                       QUARANTINED),
    }
    for rel, (table, side, outcome) in tables.items():
        write(raw, rel, table)
        write(raw, str(Path(rel).with_suffix(".yaml")), side)
        expected[rel] = outcome
    write(raw, "articles/json-dalam.json", "[" * 200_000 + "]" * 200_000)
    expected["articles/json-dalam.json"] = QUARANTINED
    loop = raw / "articles" / "putaran"
    os.symlink("putaran-balik", loop)
    os.symlink("putaran", raw / "articles" / "putaran-balik")
    expected["articles/putaran"] = expected["articles/putaran-balik"] = QUARANTINED
    return expected
