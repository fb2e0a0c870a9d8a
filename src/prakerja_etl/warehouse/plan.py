"""Which raw files a run must process: its files in a temporary table, each compared with what
`source_files` holds (bytes and extractor version), so that unchanged files are skipped and
files gone from the raw folder are found. The list never lives in Python: a run over any
number of files streams it through DuckDB (spilled to disk past the memory cap)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

_RUN_FILES = ("CREATE OR REPLACE TEMP TABLE run_files (seq BIGINT, source_file VARCHAR, path BLOB, "
              "kind VARCHAR, size_bytes BIGINT, content_sha256 VARCHAR, problem VARCHAR, pending BOOLEAN)")
_RUN_FILES_CHUNK = 2000


def registry(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, tuple[str, str, str | None]]:
    """source_file → (content_sha256, status, extractor_version) of every file of `kind` seen before."""
    rows = con.execute("SELECT source_file, content_sha256, status, extractor_version FROM source_files "
                       "WHERE kind = ?", [kind]).fetchall()
    return {path: (sha, status, version) for path, sha, status, version in rows}


def register_run_files(con: duckdb.DuckDBPyConnection, files: Iterable[Any], extractor_version: str) -> None:
    """Note the run's files (SourceFile-like), a chunk at a time; a file is pending unless the
    warehouse holds it, not removed, with the same bytes and the same extractor."""
    con.execute(_RUN_FILES)
    stream = iter(files)
    seq = 0
    while chunk := list(islice(stream, _RUN_FILES_CHUNK)):
        frame = pd.DataFrame({
            "seq": range(seq, seq + len(chunk)), "source_file": [f.source_file for f in chunk],
            "path": [os.fsencode(f.path) for f in chunk], "kind": [f.kind for f in chunk],
            "size_bytes": [f.size_bytes for f in chunk], "content_sha256": [f.content_sha256 for f in chunk],
            "problem": [f.problem for f in chunk]})
        seq += len(chunk)
        con.register("chunk_files", frame)
        try:
            con.execute("INSERT INTO run_files SELECT c.*, r.source_file IS NULL OR r.status = 'removed' "
                        "OR r.content_sha256 <> c.content_sha256 OR r.extractor_version IS DISTINCT FROM ? "
                        "FROM chunk_files c LEFT JOIN source_files r USING (source_file)",
                        [extractor_version])
        finally:
            con.unregister("chunk_files")


def run_file_counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(files seen, files pending) of the run."""
    seen, pending = con.execute("SELECT count(*), count(*) FILTER (pending) FROM run_files").fetchall()[0]
    return int(seen), int(pending)


def pending_files(con: duckdb.DuckDBPyConnection, after: int,
                  limit: int) -> list[tuple[int, str, Path, str, int, str, str | None]]:
    """The next `limit` pending files after position `after`: (seq, source_file, path, kind,
    size_bytes, content_sha256, problem)."""
    rows = con.execute("SELECT seq, source_file, path, kind, size_bytes, content_sha256, problem "
                       "FROM run_files WHERE pending AND seq > ? ORDER BY seq LIMIT ?",
                       [after, limit]).fetchall()
    return [(seq, name, Path(os.fsdecode(path)), *rest) for seq, name, path, *rest in rows]


def absent_files(con: duckdb.DuckDBPyConnection, kinds: list[str]) -> list[str]:
    """Files of these kinds that the warehouse holds, not yet marked removed, and the run did not find."""
    return [name for (name,) in con.execute(
        "SELECT source_file FROM source_files WHERE status <> 'removed' AND list_contains(?, kind) "
        "AND source_file NOT IN (SELECT source_file FROM run_files) ORDER BY source_file",
        [kinds]).fetchall()]
