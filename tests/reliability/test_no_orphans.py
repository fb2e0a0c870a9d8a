"""A killed run leaves nothing running: Prefect's temporary server, the extraction pool and
everything else the CLI started go with it, however it goes (SIGKILL, SIGTERM, SIGINT)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from prakerja_etl import watchdog

REPO = Path(__file__).resolve().parents[2]
ARTICLES = 3000   # about 12 s of extraction on two workers: the run is mid-load when we look


@pytest.fixture(scope="module")
def big_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("big") / "raw"
    subprocess.run([sys.executable, str(REPO / "benchmarks" / "generate.py"), str(raw),
                    "-n", str(ARTICLES)], check=True, capture_output=True)
    return raw


def start_cli(raw: Path, warehouse: Path, api_url: str | None = None,
              name: str = "cli") -> subprocess.Popen[bytes]:
    """`prakerja-etl run` as its own program (output in `<name>.out`, `<name>.err` beside the
    warehouse); without `api_url` it starts a temporary Prefect server."""
    env = dict(os.environ, PRAKERJA_WORKERS="2")
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    with warehouse.with_name(f"{name}.out").open("wb") as out, \
            warehouse.with_name(f"{name}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", "prakerja_etl.cli", "run", "--raw-dir", str(raw),
                                 "--warehouse", str(warehouse)], env=env, stdout=out, stderr=err)


def alive(p: psutil.Process) -> bool:
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE   # a zombie holds nothing
    except psutil.Error:
        return False


def cmdline(p: psutil.Process) -> str:
    try:
        return " ".join(p.cmdline())
    except psutil.Error:
        return ""


def wait_mid_load(cli: subprocess.Popen[bytes], err: Path) -> list[psutil.Process]:
    """Every process the CLI started, once the temporary server is up and the pool's workers
    are extracting."""
    root = psutil.Process(cli.pid)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert cli.poll() is None, f"the run ended before its pool started: {err.read_text()[-2000:]}"
        procs = root.children(recursive=True)
        lines = [cmdline(p) for p in procs if alive(p)]
        server = any("uvicorn" in line for line in lines)
        pool = sum("multiprocessing.forkserver" in line for line in lines)   # the server and its workers
        if server and pool >= 3:
            assert cli.poll() is None
            return root.children(recursive=True)
        time.sleep(0.1)
    raise AssertionError("the temporary server and the process pool never came up")


@pytest.fixture
def leftovers() -> Iterator[list[psutil.Process]]:
    """Processes the test watches; whatever survives a failing test is stopped by pid."""
    procs: list[psutil.Process] = []
    yield procs
    for p in procs:
        if alive(p):
            p.kill()


def assert_all_gone(procs: list[psutil.Process], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while any(alive(p) for p in procs) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [cmdline(p)[:80] for p in procs if alive(p)] == []


@pytest.mark.parametrize(("sig", "code", "message"), [
    (signal.SIGKILL, -signal.SIGKILL, None),
    (signal.SIGTERM, 128 + signal.SIGTERM, "stopped (SIGTERM); the next run resumes"),
    (signal.SIGINT, 130, "interrupted; the next run resumes"),
])
def test_everything_the_run_started_dies_with_it(sig: int, code: int, message: str | None, big_raw: Path,
                                                 tmp_path: Path, leftovers: list[psutil.Process]) -> None:
    cli = start_cli(big_raw, tmp_path / "w.duckdb")
    leftovers.append(psutil.Process(cli.pid))
    leftovers += wait_mid_load(cli, tmp_path / "cli.err")
    assert any("prakerja_etl.watchdog" in cmdline(p) for p in leftovers)

    os.kill(cli.pid, sig)   # the CLI alone, not its process group
    assert cli.wait(timeout=10) == code, (tmp_path / "cli.err").read_text()[-3000:]
    assert_all_gone(leftovers)
    if message:
        err = (tmp_path / "cli.err").read_text()
        assert err.strip().splitlines()[-1] == f"prakerja-etl: {message} from what was loaded"
        assert "Traceback" not in err
    assert list(tmp_path.glob("w.duckdb.*.procs")) == []   # the watchdog's record, done with


def test_the_next_run_stops_what_a_killed_run_and_its_watchdog_left(
        big_raw: Path, raw_dir: Path, tmp_path: Path, prefect_api_url: str,
        leftovers: list[psutil.Process]) -> None:
    warehouse = tmp_path / "w.duckdb"
    cli = start_cli(big_raw, warehouse)
    leftovers += wait_mid_load(cli, tmp_path / "cli.err")
    (guard,) = [p for p in leftovers if "prakerja_etl.watchdog" in cmdline(p)]
    time.sleep(0.5)   # the watchdog has recorded the workers
    guard.kill()
    assert_all_gone([guard])
    cli.kill()
    cli.wait(timeout=5)
    orphans = [p for p in leftovers if alive(p)]
    assert any("uvicorn" in cmdline(p) for p in orphans)   # what issue 17 was about

    again = start_cli(raw_dir, warehouse, api_url=prefect_api_url, name="again")
    assert again.wait(timeout=120) == 0
    err = (tmp_path / "again.err").read_text().strip().splitlines()
    assert len(err) == 1 and err[0].startswith("prakerja-etl: stopped ")
    assert "processes left by an interrupted run (pids " in err[0]
    assert {p.pid for p in orphans} <= {int(pid) for pid in err[0].split("(pids ")[1].rstrip(")").split()}
    assert_all_gone(orphans)


def test_reaping_spares_a_recycled_pid_and_a_run_still_under_way(tmp_path: Path,
                                                                 leftovers: list[psutil.Process]) -> None:
    left, recycled, other_run = (psutil.Popen(["sleep", "60"]) for _ in range(3))
    leftovers += [left, recycled, other_run]
    me = [os.getpid(), psutil.Process().create_time()]

    def record(name: str, cli: list[float], procs: list[list[float]]) -> Path:
        path = tmp_path / f"w.duckdb.{name}.procs"
        path.write_text(json.dumps({"cli": cli, "watchdog": [os.getpid(), 0.0], "token": name,
                                    "procs": procs}))
        return path

    # A dead run (its recorded pid now belongs to a process created at another time: not it).
    dead = record("1", [os.getpid(), 0.0], [[left.pid, left.create_time()],
                                            [recycled.pid, recycled.create_time() - 100]])
    # A run still under way (waiting for the lock, say): its processes are its own business.
    live = record("2", me, [[other_run.pid, other_run.create_time()]])

    assert watchdog.reap(tmp_path / "w.duckdb") == [left.pid]
    assert not alive(left)
    assert alive(recycled) and alive(other_run)
    assert not dead.exists() and live.exists()
