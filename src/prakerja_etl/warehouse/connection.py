"""Opening the warehouse: the single-writer lock of a run, DuckDB connections with their
storage format and memory caps, transactions, and rewriting a file stored in an older format.

One run writes at a time: it holds an OS lock on `<warehouse>.lock` from start to end
(released by the kernel if the process dies). Analysts' read-only connections are never
blocked: a run loads into a staging copy (`staging.py`).
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from prakerja_etl.errors import ConfigError, WarehouseLocked
from prakerja_etl.settings import Settings
from prakerja_etl.warehouse.ddl import quote

# DuckDB's connection settings: values of these types (duckdb.connect's `config`).
Config = dict[str, str | bool | int | float | list[str]]

# The storage format of every file a run writes: one the DuckDB 1.4 and 1.5 clients analysts use
# read exactly (see CONTRACT.md). A 'v1.3.0' file opens in DuckDB 1.3 but its strings, stored
# with a newer compression, read as NULL without an error; a 'v1.4.0' file 1.3 refuses to open.
# tests/warehouse/test_clients.py opens the warehouse with each client and compares every value.
STORAGE_VERSION = "v1.4.0"
DUCKDB_CONFIG: Config = {"storage_compatibility_version": STORAGE_VERSION}
# DuckDB caches pages up to 80 % of RAM by default. A run caps its connections so that its
# memory stays flat however large the warehouse grows: past the cap DuckDB evicts pages and
# spills to disk. Loading only appends and deletes by file; the run's own report reads with
# aggregations that spill, on one thread (each thread keeps its own hash tables). The cap is
# 256 MB: under it the writer's checkpoints evict and read back the pages they merge (a 64 MB
# cap cost a cold run of 20,000 articles 1.2 CPU-s more). Analysts get more room.
# The caps are settings (PRAKERJA_DUCKDB_MEMORY, PRAKERJA_QUERY_MEMORY).


def run_limits() -> Config:
    return {"memory_limit": Settings.from_env().duckdb_memory}


# The writer checkpoints every 64 MB of log, not DuckDB's 16 MB (every 4th batch of 500
# articles): a checkpoint rewrites part of what earlier ones wrote (it merges row groups), so
# a third as many cut a cold run's load CPU by a quarter. The memory cap still holds.
def run_writer_limits() -> Config:
    return {**run_limits(), "checkpoint_threshold": "64MB"}


def run_read_limits() -> Config:
    return {**run_limits(), "threads": 1}


def query_limits() -> Config:
    return {"memory_limit": Settings.from_env().query_memory}


def utcnow() -> datetime:
    """Now, as the warehouse stores times: UTC without a zone."""
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def run_lock(warehouse: Path, wait_seconds: float) -> Iterator[None]:
    """Hold the single-writer lock of `warehouse` for a whole run."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse.with_name(warehouse.name + ".lock")
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        delay = 0.2
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(
                        f"another prakerja-etl run is writing {warehouse} (waited "
                        f"{wait_seconds:.0f} s); let it finish, or raise PRAKERJA_LOCK_WAIT_SECONDS"
                    ) from None
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def connect(path: Path, *, read_only: bool = False, wait_seconds: float = 30.0,
            limits: Config | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the warehouse, retrying with backoff while another process holds DuckDB's lock."""
    if read_only and not path.exists():
        raise ConfigError(f"no warehouse at {path}; run `prakerja-etl run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only,
                                 config={**DUCKDB_CONFIG, **(limits or query_limits())})
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise ConfigError(f"cannot open warehouse {path}: {exc}".splitlines()[0]) from exc
            if time.monotonic() >= deadline:
                raise WarehouseLocked(
                    f"warehouse {path} is held by another process (DuckDB allows one writer); "
                    "close the other connection or wait for the run to finish"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection, **frames: pd.DataFrame) -> Iterator[None]:
    """All statements inside commit together or not at all; `frames` are visible by name."""
    for name, frame in frames.items():
        con.register(name, frame)
    con.execute("BEGIN TRANSACTION")
    try:
        yield
        con.execute("COMMIT")
    except BaseException:
        with suppress(duckdb.Error):   # a COMMIT that failed (a full disk) rolled back itself
            con.execute("ROLLBACK")
        raise
    finally:
        for name in frames:
            con.unregister(name)


def upgrade_storage(path: Path) -> None:
    """Rewrite a warehouse stored in a format older than STORAGE_VERSION (written by an earlier
    version of this project) in STORAGE_VERSION; opening it with the new setting would not
    rewrite the data it already holds."""
    with duckdb.connect(str(path), read_only=True, config=run_read_limits()) as con:
        stored = con.execute("SELECT tags['storage_version'] FROM duckdb_databases() "
                             "WHERE database_name = current_database()").fetchall()[0][0]
    if _version(stored) >= _version(STORAGE_VERSION):
        return
    rewritten = path.with_name(path.name + ".upgrade")
    for leftover in (rewritten, rewritten.with_name(rewritten.name + ".wal")):
        leftover.unlink(missing_ok=True)   # an interrupted rewrite's
    with duckdb.connect(str(rewritten), config={**DUCKDB_CONFIG, **run_limits()}) as con:
        target = con.execute("SELECT current_database()").fetchall()[0][0].replace('"', '""')
        con.execute(f"ATTACH {quote(str(path))} AS previous (READ_ONLY)")
        con.execute(f'COPY FROM DATABASE previous TO "{target}"')
    os.replace(rewritten, path)


def _version(tag: str | None) -> tuple[int, ...]:
    """'v1.3.0+' → (1, 3, 0); a file without a tag counts as the oldest."""
    return tuple(int(part) for part in re.findall(r"\d+", tag or ""))
