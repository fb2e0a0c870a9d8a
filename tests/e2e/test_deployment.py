"""End to end: the `prakerja-ingest/daily` deployment on a real Prefect server.

`scripts/stack.sh start` starts a server on a free loopback port and the serve process,
with PREFECT_HOME in a temp dir; runs are triggered with `prefect deployment run --watch`
as an operator would. Teardown runs `stack.sh stop` and then makes sure, by PID, that no
process is left (SIGTERM twice, then SIGKILL).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
ARTICLES = REPO / "data" / "raw" / "articles"
STACK = REPO / "scripts" / "stack.sh"
DEPLOYMENT = "prakerja-ingest/daily"
SUMMARY_KEY = "prakerja-run-summary"
QUARANTINE_KEY = "prakerja-run-quarantine"
N_ARTICLES = 4
LINEAGE = {"run_id", "loaded_at", "removed_at"}


@dataclass
class Stack:
    api: str                   # http://127.0.0.1:<port>/api
    env: dict[str, str]        # environment of every subprocess
    home: Path                 # PREFECT_HOME (holds stack/pids and the logs)
    pids: list[int]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _recorded_pids(home: Path) -> list[int]:
    pidfile = home / "stack" / "pids"
    if not pidfile.exists():
        return []
    return [int(line.split()[1]) for line in pidfile.read_text().splitlines() if len(line.split()) == 2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie is dead for our purposes.
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().rsplit(")", 1)[-1].split()[0] == "Z")


def _terminate(pid: int, wait: float = 10.0) -> bool:
    """SIGTERM, SIGTERM again, then SIGKILL (the process and its group); True if it had to act."""
    if not _alive(pid):
        return False
    for sig in (signal.SIGTERM, signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            break
        deadline = time.monotonic() + wait
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if not _alive(pid):
            break
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)   # stack.sh starts each process in its own group
    return True


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    tmp = tmp_path_factory.mktemp("stack")
    home = tmp / "prefect-home"
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "PRAKERJA_"))}
    env.update({
        "PRAKERJA_PREFECT_PORT": str(port),
        "PRAKERJA_PREFECT_HOME": str(home),
        "PREFECT_HOME": str(home),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS": "2",
        # The deployment's default parameters: never the repository's own warehouse.
        "PRAKERJA_RAW_DIR": str(tmp / "default-raw"),
        "PRAKERJA_WAREHOUSE": str(tmp / "default.duckdb"),
    })
    pids: list[int] = []
    try:
        started = time.monotonic()
        result = subprocess.run(["bash", str(STACK), "start"], env=env, capture_output=True, text=True,
                                timeout=300)
        pids = _recorded_pids(home)
        assert result.returncode == 0, f"stack.sh start failed:\n{result.stdout}\n{result.stderr}"
        print(f"\nstack.sh start: {time.monotonic() - started:.1f} s\n{result.stdout}")
        assert {"server", "serve"} <= {line.split()[0] for line in
                                      (home / "stack" / "pids").read_text().splitlines()}
        status = subprocess.run(["bash", str(STACK), "status"], env=env, capture_output=True, text=True,
                                timeout=60)
        assert status.returncode == 0 and "deployment prakerja-ingest/daily: active" in status.stdout, \
            status.stdout + status.stderr
        yield Stack(api=env["PREFECT_API_URL"], env=env, home=home, pids=pids)
    finally:
        pids = pids or _recorded_pids(home)
        stop = subprocess.run(["bash", str(STACK), "stop"], env=env, capture_output=True, text=True,
                              timeout=120)
        leftovers = [pid for pid in pids if _terminate(pid)]
        assert stop.returncode == 0, stop.stdout + stop.stderr
        assert not (home / "stack" / "pids").exists(), "stack.sh stop left its PID file"
        assert not leftovers, f"stack.sh stop left processes {leftovers}; killed them"


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("input") / "raw"
    (raw / "articles").mkdir(parents=True)
    for path in sorted(ARTICLES.glob("*.txt"))[:N_ARTICLES]:
        shutil.copy(path, raw / "articles" / path.name)
    return raw


def _trigger(stack: Stack, raw: Path, warehouse: Path,
             start_at: datetime | None = None) -> subprocess.Popen[str]:
    when = ["--start-at", f"at {start_at:%Y-%m-%d %H:%M:%S}"] if start_at else []
    return subprocess.Popen(
        [str(VENV_BIN / "prefect"), "deployment", "run", DEPLOYMENT,
         "--param", f"raw_dir={raw}", "--param", f"warehouse_path={warehouse}", *when,
         "--watch", "--watch-timeout", "300"],
        env=stack.env, cwd=raw.parent, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(stack: Stack, proc: subprocess.Popen[str]) -> str:
    """Wait for a triggered run; its flow run id once it COMPLETED."""
    try:
        out, _ = proc.communicate(timeout=330)
    finally:
        if proc.poll() is None:
            _terminate(proc.pid)
    serve_log = stack.home / "stack" / "serve.log"
    assert proc.returncode == 0, (f"deployment run did not complete:\n{out}\n--- {serve_log} (end):\n"
                                  + "\n".join(serve_log.read_text().splitlines()[-40:]))
    assert "Completed" in out, out
    match = re.search(r"UUID: ([0-9a-f-]{36})", out)
    assert match, out
    return match.group(1)


def _api(stack: Stack, method: str, path: str, **kwargs: Any) -> Any:
    response = httpx.request(method, stack.api + path, timeout=30, **kwargs)
    response.raise_for_status()
    return response.json()


def _figures(warehouse: Path) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cols = [r[0] for r in con.execute("DESCRIBE figures").fetchall() if r[0] not in LINEAGE]
        return con.execute(f"SELECT {', '.join(cols)} FROM figures ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def single_run(stack: Stack, raw_dir: Path) -> tuple[str, Path]:
    """One ad hoc run of the deployment: (flow run id, warehouse)."""
    warehouse = raw_dir.parent / "single" / "prakerja.duckdb"
    started = time.monotonic()
    flow_run_id = _finish(stack, _trigger(stack, raw_dir, warehouse))
    print(f"\nsingle deployment run: {time.monotonic() - started:.1f} s (trigger to COMPLETED)")
    return flow_run_id, warehouse


def test_deployment_run_loads_the_warehouse_and_publishes_the_report(
        stack: Stack, single_run: tuple[str, Path]) -> None:
    flow_run_id, warehouse = single_run
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        figures = con.execute("SELECT count(*) FROM figures").fetchone()[0]
        runs = con.execute("SELECT flow_run_id, status FROM load_runs").fetchall()
    assert articles == N_ARTICLES
    assert figures > 0
    assert runs == [(flow_run_id, "completed")]

    deployment = _api(stack, "GET", f"/deployments/name/{DEPLOYMENT}")
    assert deployment["concurrency_options"]["collision_strategy"] == "ENQUEUE"
    assert deployment["global_concurrency_limit"]["limit"] == 1
    assert [s["schedule"].get("cron") for s in deployment["schedules"]] == ["0 2 * * *"]

    artifacts = _api(stack, "POST", "/artifacts/filter", json={
        "artifacts": {"flow_run_id": {"any_": [flow_run_id]}}})
    by_key = {a["key"]: a for a in artifacts}
    assert {SUMMARY_KEY, QUARANTINE_KEY} <= set(by_key)
    summary = by_key[SUMMARY_KEY]
    assert summary["type"] == "markdown"
    assert f"| Files loaded | {N_ARTICLES} |" in summary["data"]
    assert "| Conflicts found |" in summary["data"]
    assert str(warehouse) in summary["data"]
    assert by_key[QUARANTINE_KEY]["type"] == "table"


def test_overlapping_runs_queue_instead_of_colliding(
        stack: Stack, raw_dir: Path, single_run: tuple[str, Path]) -> None:
    warehouse = raw_dir.parent / "overlap" / "prakerja.duckdb"
    started = time.monotonic()
    # Both runs are due at the same moment, so the runner takes them up together and the second
    # must wait for the slot; triggered "now", a poll between the two triggers could let the first
    # finish before the second is even seen, and the test would depend on that race.
    due = datetime.now().replace(microsecond=0) + timedelta(seconds=10)
    procs = [_trigger(stack, raw_dir, warehouse, due) for _ in range(2)]
    ids = [_finish(stack, proc) for proc in procs]
    print(f"\ntwo overlapping runs: {time.monotonic() - started:.1f} s (trigger to both COMPLETED)")

    runs = [_api(stack, "GET", f"/flow_runs/{i}") for i in ids]
    assert [r["state_type"] for r in runs] == ["COMPLETED", "COMPLETED"]
    first, second = sorted(runs, key=lambda r: r["start_time"])
    assert datetime.fromisoformat(first["end_time"]) <= datetime.fromisoformat(second["start_time"]), \
        "the two runs of the deployment ran at the same time"
    waited = {i for i in ids
              if "AwaitingConcurrencySlot" in {s["name"] for s in
                                               _api(stack, "GET", "/flow_run_states/",
                                                    params={"flow_run_id": i})}}
    assert waited, "neither run waited for the deployment's concurrency slot"

    # One run loaded everything, the queued one found nothing new: the content of a single run.
    overlap, single = set(_figures(warehouse)), set(_figures(single_run[1]))
    assert overlap == single, (f"figures differ from a single run's: only after the overlapping runs "
                               f"{sorted(overlap - single)[:3]}, only after the single run "
                               f"{sorted(single - overlap)[:3]}")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        load_runs = con.execute("SELECT flow_run_id, status, files_loaded, files_skipped FROM load_runs "
                                "ORDER BY started_at").fetchall()
    assert [(r[0], r[1]) for r in load_runs] == [(first["id"], "completed"), (second["id"], "completed")]
    assert [r[2:] for r in load_runs] == [(N_ARTICLES, 0), (0, N_ARTICLES)]
