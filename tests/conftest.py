"""Shared fixtures: an isolated Prefect home, the shared corpus, a flow runner."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"

# Before Prefect is imported anywhere: never touch the developer's ~/.prefect, no telemetry.
_PREFECT_HOME = tempfile.mkdtemp(prefix="prakerja-test-prefect-")
os.environ["PREFECT_HOME"] = _PREFECT_HOME
# Nor the developer's cache of report charts (each test session starts with none).
os.environ["XDG_CACHE_HOME"] = os.path.join(_PREFECT_HOME, "cache")
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
for key in [k for k in os.environ if k.startswith("PRAKERJA_")]:
    del os.environ[key]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The shared annotated corpus (read-only)."""
    if not (CORPUS / "dev").is_dir():
        # CI lays ../shared beside the checkout: a missing corpus is a broken setup, not a skip.
        pytest.fail(f"shared corpus not found at {CORPUS}: check out ../shared beside the repo")
    return CORPUS


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[None]:
    """One temporary Prefect server for every flow test of the session."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def prefect_api_url(prefect_server: None) -> str:
    """The test server's API URL, for flow runs in subprocesses."""
    from prefect.settings import PREFECT_API_URL

    return str(PREFECT_API_URL.value())


@pytest.fixture(scope="session")
def ingest(prefect_server: None) -> Any:
    """The ingest flow, loaded the way the deployment loads it (its entrypoint), which is the
    package's flow the CLI imports."""
    from prefect.flows import load_flow_from_entrypoint

    from prakerja_etl.flow import ingest

    loaded = load_flow_from_entrypoint(f"{REPO / 'flows' / 'ingest.py'}:ingest")
    assert loaded is ingest, "flows/ingest.py must be a thin entry point importing prakerja_etl.flow"
    return loaded


def run_without_prefect(raw: Path, warehouse: Path, **settings: Any) -> dict[str, Any]:
    """One run through the plain steps, in the flow's order but without Prefect (faster, and
    nothing of Prefect's in the way of what a test checks); returns the run's summary."""
    from contextlib import closing

    from prakerja_etl import steps
    from prakerja_etl.executor import executor_for
    from prakerja_etl.loader import read_summary, writer_session
    from prakerja_etl.settings import Settings

    chosen = Settings(raw_dir=raw, warehouse_path=warehouse,
                      **{"workers": 1, "lock_wait_seconds": 5, **settings})
    with writer_session(chosen) as loader:
        plan = steps.plan_raw(raw, loader)
        with closing(executor_for(chosen)) as executor:
            for results in executor.extract(steps.pending_batches(loader, chosen.batch_size)):
                steps.load_results(results, loader)
        steps.load_official(chosen, loader)
        loader.mark_removed(plan.removed)
    return read_summary(chosen, loader.run_id)


@pytest.fixture
def raw_dir(tmp_path: Path, corpus: Path) -> Path:
    """A raw folder holding the dev articles."""
    return raw_with(tmp_path / "raw", "articles", sorted((corpus / "dev").glob("*.txt")))


def raw_with(raw: Path, kind: str, files: list[Path]) -> Path:
    """The raw folder `raw` with copies of `files` in its `kind` folder (articles, official…)."""
    (raw / kind).mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, raw / kind / path.name)
    return raw


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler] | Any) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 (a free port) in a thread, for as long as the block runs;
    yields its base URL, e.g. 'http://127.0.0.1:40123'."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
