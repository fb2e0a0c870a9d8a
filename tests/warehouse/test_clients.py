"""Every DuckDB client an analyst may have reads exactly the warehouse's values, or refuses to open it.

Each client version is installed with uv into its own virtualenv under .cache/duckdb-clients/
(git-ignored, kept between runs), and reads every table and view of a warehouse the pipeline
built; its values are compared with what the project's own duckdb reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import REPO
from prakerja_etl.warehouse.connection import STORAGE_VERSION
from test_analyst_guide import build_full_warehouse

# What README.md promises for each client: the oldest and newest of the lines that read it, the
# newest of the line that must refuse it.
CLIENTS = {"1.3.2": "refuses", "1.4.0": "reads", "1.4.5": "reads", "1.5.6": "reads"}
READER = Path(__file__).with_name("read_every_value.py")
VENVS = REPO / ".cache" / "duckdb-clients"

pytestmark = pytest.mark.slow


def uv() -> str:
    """The uv that `make setup` uses: $UV, on PATH, or the private copy in .tools/."""
    found = os.environ.get("UV") or shutil.which("uv") or str(REPO / ".tools" / "bin" / "uv")
    if not Path(found).is_file():
        pytest.fail("uv not found: run `make setup` (it installs .tools/bin/uv), or set UV=/path/to/uv")
    return found


def client_python(version: str) -> Path:
    """The python of a virtualenv holding duckdb==`version`, made once (built aside, then renamed,
    so an interrupted install is never taken for a finished one)."""
    venv = VENVS / f"duckdb-{version}"
    if not (venv / "bin" / "python").exists():
        building = VENVS / f".building-{version}-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        for argv in ([uv(), "venv", "--quiet", "--python", sys.executable, str(building)],
                     [uv(), "pip", "install", "--quiet", "--python", str(building / "bin" / "python"),
                      f"duckdb=={version}"]):
            done = subprocess.run(argv, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, f"{' '.join(argv)}: {done.stderr}"
        try:
            os.replace(building, venv)
        except OSError:               # another test session finished it first
            shutil.rmtree(building)
    return venv / "bin" / "python"


def read_with(python: Path | str, warehouse: Path) -> dict[str, Any]:
    done = subprocess.run([str(python), str(READER), str(warehouse)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def differences(expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """What a client read differently: relations missing or unreadable, row counts, columns."""
    out = []
    for relation, want in expected.items():
        have = got.get(relation)
        if have is None or "error" in have:
            out.append(f"{relation}: {have and have['error'] or 'missing'}")
        elif have["rows"] != want["rows"]:
            out.append(f"{relation}: {have['rows']} rows, not {want['rows']}")
        elif have != want:
            columns = [c for c in want["columns"] if have["columns"].get(c) != want["columns"][c]]
            out.append(f"{relation}: values differ in {', '.join(columns) or 'rows'}")
    return out


def storage_version(warehouse: Path) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                           "WHERE database_name = current_database()").fetchall()[0][0]


@pytest.fixture(scope="module")
def built(ingest: Any, tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> Path:
    """The bundled sample loaded by the flow (raw folder beside it, in `raw/`)."""
    return build_full_warehouse(ingest, tmp_path_factory.mktemp("clients"), corpus)


@pytest.mark.parametrize("version", CLIENTS)
def test_each_client_reads_every_value_or_refuses(built: Path, version: str) -> None:
    expected = read_with(sys.executable, built)
    assert expected["version"] == duckdb.__version__
    assert {"figures", "articles", "claims", "conflicts"} <= set(expected["relations"])
    got = read_with(client_python(version), built)
    if CLIENTS[version] == "refuses":
        misread = "refused" not in got and differences(expected["relations"], got["relations"])
        assert "refused" in got, f"duckdb {version} opened it (README: it refuses), misread: {misread}"
        assert "version number" in got["refused"]
    else:
        assert "refused" not in got, got
        assert differences(expected["relations"], got["relations"]) == []
        assert set(got["relations"]) == set(expected["relations"])


def test_a_warehouse_from_an_earlier_version_is_rewritten_by_the_next_run(
        built: Path, ingest: Any, tmp_path: Path) -> None:
    # Written as earlier versions of the project did (storage v1.3.0): DuckDB 1.3 opens it and
    # misreads it, which is what the comparison above exists to catch.
    old = tmp_path / "prakerja.duckdb"
    with duckdb.connect(str(old), config={"storage_compatibility_version": "v1.3.0"}) as con:
        con.execute(f"ATTACH '{built}' AS built (READ_ONLY)")
        con.execute("COPY FROM DATABASE built TO prakerja")
    expected = read_with(sys.executable, old)["relations"]
    misread = differences(expected, read_with(client_python("1.3.2"), old)["relations"])
    assert any(line.startswith("figures: values differ in") and "metric" in line for line in misread)

    summary = ingest(raw_dir=str(built.parent / "raw"), warehouse_path=str(old))
    assert summary["status"] == "completed" and summary["files_loaded"] == 0, summary
    assert storage_version(old) == f"{STORAGE_VERSION}+"
    assert "refused" in read_with(client_python("1.3.2"), old)
    now = read_with(sys.executable, old)["relations"]
    assert differences({r: now[r] for r in ("figures", "articles", "conflicts")},
                       read_with(client_python("1.5.6"), old)["relations"]) == []
    assert all(now[r]["table"] == expected[r]["table"] for r in ("figures", "articles", "conflicts"))
