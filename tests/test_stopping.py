"""A stop signal that lands inside a DuckDB query is still a stop: DuckDB replaces the exception the
handler raised with its own 'Query interrupted', and `stopping.behind` finds the signal behind it.
A real query in a real process gets a real signal."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

PROGRAM = """
import os, signal, threading, duckdb
from prakerja_etl import stopping
stopping.catch()
threading.Timer(0.5, os.kill, (os.getpid(), {sig})).start()
try:
    duckdb.connect().execute("SELECT count(*) FROM range(100000000000) a").fetchall()
    print("finished")
except Exception as exc:
    stop = stopping.behind(exc)
    print(type(exc).__name__, type(stop).__name__, getattr(stop, "signal", None))
"""


@pytest.mark.parametrize(("sig", "expected"), [
    (signal.SIGTERM, "Terminated 15"),
    (signal.SIGINT, "KeyboardInterrupt None"),
])
def test_a_signal_during_a_query_is_found_behind_the_interrupted_query(sig: int, expected: str) -> None:
    out = subprocess.run([sys.executable, "-c", PROGRAM.format(sig=int(sig))], capture_output=True,
                         text=True, timeout=120)
    assert out.stdout.split(maxsplit=1)[1].strip() == expected, out.stdout + out.stderr


def test_a_failure_with_no_signal_behind_it_is_no_stop() -> None:
    from prakerja_etl import stopping

    try:
        try:
            raise ValueError("a bad row")
        except ValueError as exc:
            raise RuntimeError("the batch failed") from exc
    except RuntimeError as failure:
        assert stopping.behind(failure) is None
