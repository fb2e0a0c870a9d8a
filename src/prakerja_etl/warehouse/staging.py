"""The run's working copy of the warehouse: made or resumed, checked, published.

A run never writes the published file: it loads into `<warehouse>.staging` and renames it
over the published file at the end. The staging copy is the run's load package (as dlt
calls it): every batch commits into it, and it outlives a killed run together with its
manifest, `<warehouse>.staging.json`, which names the published file it was copied from.
The next run reuses it, so a killed run's committed batches are never redone, when it is
still valid: the published file is the one it was copied from (same inode, size and
modification time), and it opens and reads whole. Otherwise it is discarded and the run
starts from a fresh copy.

Before publishing, every table of the copy is read from disk (DuckDB checks each block's
checksum as it reads it): a copy with a corrupt block is never published. The file a
publish replaces is kept as `<warehouse>.last-good` (a hard link, not a copy) to restore from.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from prakerja_etl import faults
from prakerja_etl.errors import DiskFull, WarehouseCorrupt, WarehouseLocked, one_line
from prakerja_etl.warehouse import connection


def follow(warehouse: Path) -> Path:
    """The file a warehouse path stands for: a run replaces a symlink's target, never the link."""
    return Path(os.path.realpath(warehouse))


def staging_path(published: Path) -> Path:
    return published.with_name(published.name + ".staging")


def manifest_path(published: Path) -> Path:
    return published.with_name(published.name + ".staging.json")


def last_good_path(published: Path) -> Path:
    return published.with_name(published.name + ".last-good")


def wal_path(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def prepare(published: Path, wait_seconds: float) -> tuple[Path, bool]:
    """The staging copy to load into, and whether it is a killed run's, resumed."""
    staging = staging_path(published)
    recover_stale_wal(published, wait_seconds)
    unusable = _unusable(published, staging)
    if unusable is None:
        return staging, True
    if manifest_path(published).exists():
        logging.getLogger(__name__).warning("a killed run's copy %s is not reused: %s", staging, unusable)
    discard(published)
    if published.exists():
        wait_for_writers(published, wait_seconds)
        shutil.copyfile(published, staging)
        connection.upgrade_storage(staging)   # a warehouse an older version of the project wrote
    # Written last: a copy without its manifest (the run was killed while copying) is never reused.
    manifest_path(published).write_text(json.dumps({"copied_from": _identity(published)}))
    return staging, False


def _unusable(published: Path, staging: Path) -> str | None:
    """Why a killed run's staging copy cannot be resumed; None when it can."""
    try:
        manifest = json.loads(manifest_path(published).read_text())
    except (OSError, ValueError):
        return "no manifest"
    if not staging.exists():
        return "no copy"
    if manifest.get("copied_from") != _identity(published):
        return "the published warehouse changed since it was copied"
    try:
        verify(staging, read_only=False)   # read-write: its WAL is replayed and checkpointed
    except WarehouseCorrupt as exc:
        return str(exc)
    return None


def _identity(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_ino, st.st_size, st.st_mtime_ns]


def discard(published: Path) -> None:
    """Remove the staging copy, its WAL and its manifest."""
    staging = staging_path(published)
    for path in (staging, wal_path(staging), manifest_path(published)):
        path.unlink(missing_ok=True)


def verify(database: Path, *, read_only: bool = True) -> None:
    """Read every table of `database` from disk; WarehouseCorrupt (with DuckDB's reason) when a
    block fails its checksum or the file cannot be read."""
    try:
        with duckdb.connect(str(database), read_only=read_only,
                            config={**connection.DUCKDB_CONFIG, **connection.run_read_limits()}) as con:
            tables = con.execute("SELECT table_name FROM duckdb_tables() "
                                 "WHERE database_name = current_database() AND NOT temporary").fetchall()
            for (table,) in tables:
                # hash() needs every value; count(column) would read only the validity masks.
                con.execute(f'SELECT bit_xor(hash(COLUMNS(*))) FROM "{table}"').fetchall()
    except duckdb.Error as exc:
        raise WarehouseCorrupt(one_line(exc)) from exc


def wait_for_writers(published: Path, wait_seconds: float) -> None:
    """Wait while another program holds the published file read-write (readers never block)."""
    with connection.connect(published, read_only=True, wait_seconds=wait_seconds,
                            limits=connection.run_read_limits()):
        pass


def recover_stale_wal(published: Path, wait_seconds: float) -> None:
    """A write-ahead log beside the published file is a writer's: one still running holds the
    file (wait for it), one that was killed left it behind. Then open the file read-write once:
    DuckDB replays the log, checkpoints and deletes it, so that the log never meets another file."""
    if not wal_path(published).exists():
        return
    with connection.connect(published, wait_seconds=wait_seconds, limits=connection.run_limits()):
        pass
    if wal_path(published).exists():
        raise WarehouseLocked(f"{published} still has a write-ahead log after a checkpoint: a program "
                              "has it open read-write; close it and run again")


def publish(staging: Path, published: Path, wait_seconds: float) -> None:
    """Check the finished staging copy, then atomically put it in the published file's place."""
    try:
        verify(staging)
    except WarehouseCorrupt as exc:
        discard(published)
        raise _corrupt(published, str(exc)) from exc
    if published.exists():
        recover_stale_wal(published, wait_seconds)
        wait_for_writers(published, wait_seconds)
        _keep_last_good(published)
    faults.point("before-publish")
    os.replace(staging, published)
    manifest_path(published).unlink(missing_ok=True)
    faults.point("published")
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)  # the rename itself survives a power cut
    finally:
        os.close(directory)


def _keep_last_good(published: Path) -> None:
    """The file about to be replaced (it was checked when it was published) becomes the last good copy."""
    last = last_good_path(published)
    new = last.with_name(last.name + ".new")
    new.unlink(missing_ok=True)
    try:
        os.link(published, new)
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise
        shutil.copyfile(published, new)   # a file system without hard links
    os.replace(new, last)


def _corrupt(published: Path, reason: str) -> WarehouseCorrupt:
    """The one line for a staging copy that failed its check: is the published file bad too?"""
    try:
        if published.exists():
            verify(published)
    except WarehouseCorrupt:
        last = last_good_path(published)
        restore = (f"restore the last good copy (cp {last} {published}) and run again: the run reloads "
                   "what was loaded after it" if last.exists() else "restore it from a backup, or move it "
                   "away and run again to rebuild it from the raw folder")
        return WarehouseCorrupt(f"warehouse {published} has a corrupt block ({reason}); it was not "
                                f"published again: {restore}")
    return WarehouseCorrupt(f"the run's copy of {published} has a corrupt block ({reason}); nothing was "
                            "published and the warehouse is unchanged: check the disk, then run again")


def disk_full(exc: BaseException | None) -> bool:
    """Whether `exc`, or an exception it came from, is a full disk (Python's or DuckDB's)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
            return True
        if isinstance(exc, duckdb.Error) and "no space left on device" in str(exc).lower():
            return True
        exc = exc.__cause__ or exc.__context__
    return False


@contextmanager
def discarded_if_disk_full(published: Path) -> Iterator[None]:
    """A run that fills the disk removes its staging copy (freeing the space) and says so."""
    try:
        yield
    except BaseException as exc:
        if not disk_full(exc):
            raise
        discard(published)
        raise DiskFull(f"no space left on the device of {published.parent}; the run's copy was removed and "
                       "the published warehouse is unchanged: free space (a run needs about twice the "
                       "warehouse's size) and run again") from exc
