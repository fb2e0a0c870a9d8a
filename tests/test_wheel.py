"""The package as users install it: the wheel built (through the sdist) from this checkout,
installed into a new virtualenv (pinned to uv.lock), runs the bundled sample without the
repository around it.

It fails when a file the package reads at run time (reference data, view SQL, report
templates, the flow) is not in the wheel, or is found only through the checkout."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _uv() -> str:
    """uv on PATH, else the private copy `make setup` installs into .tools/."""
    private = REPO / ".tools" / "bin" / "uv"
    found = shutil.which("uv") or (str(private) if private.is_file() else None)
    if found is None:
        pytest.fail("uv is not installed: run `make setup` (it installs uv into .tools/)")
    return found


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, f"{args[:3]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh virtualenv holding the wheel and the locked dependencies."""
    root = tmp_path_factory.mktemp("wheel")
    uv = _uv()
    # The sdist, then the wheel from it (what `uv build` and pip do): both must carry the data.
    _run(uv, "build", "--out-dir", root / "dist", REPO, cwd=root)
    [wheel] = (root / "dist").glob("prakerja_etl-*.whl")
    requirements = root / "requirements.txt"
    _run(uv, "export", "--frozen", "--no-dev", "--no-emit-project", "--no-hashes", "--quiet",
         "--output-file", requirements, cwd=REPO)
    _run(uv, "venv", "--quiet", "--python", sys.executable, root / "venv", cwd=root)
    python = root / "venv" / "bin" / "python"
    _run(uv, "pip", "install", "--quiet", "--python", python, "-r", requirements, wheel, cwd=root)
    return python.parent


def test_the_installed_wheel_runs_the_bundled_sample(installed: Path, tmp_path: Path) -> None:
    # Run outside the checkout, with nothing pointing at it: the package must find its own files.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PRAKERJA_", "VIRTUAL_ENV"))}
    where = _run(installed / "python", "-c", "import prakerja_etl; print(prakerja_etl.__file__)",
                 cwd=tmp_path, env=env)
    assert Path(where.strip()).is_relative_to(installed.parent), where
    [wheel] = (installed.parent.parent / "dist").glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("prakerja_etl/reference/metrics.yaml", "prakerja_etl/warehouse/views/models.yaml",
                    "prakerja_etl/warehouse/views/claims/claims.sql", "prakerja_etl/flow.py",
                    "prakerja_etl/report/templates/report.html.j2", "prakerja_etl/py.typed"):
        assert shipped in names, shipped

    warehouse = tmp_path / "out" / "sample.duckdb"
    raw = REPO / "data" / "raw"
    _run(installed / "prakerja-etl", "run", "--raw-dir", raw, "--warehouse", warehouse, cwd=tmp_path, env=env)

    articles = len(list((raw / "articles").glob("*.txt")))
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded, status = con.execute("SELECT files_loaded, status FROM load_runs").fetchall()[0]
        figures = con.execute("SELECT count(*) FROM figures WHERE metric IS NOT NULL").fetchall()[0][0]
        metrics = con.execute("SELECT count(*) FROM metrics").fetchall()[0][0]
        claims = con.execute("SELECT count(*) FROM claims").fetchall()[0][0]
    assert (loaded, status) == (articles, "completed")
    assert figures > articles and claims > 0 and metrics > 0
    assert warehouse.with_name("sample.report.html").is_file()
