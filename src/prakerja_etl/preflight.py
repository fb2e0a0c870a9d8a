"""What the CLI checks before Prefect starts: a wrong path or an unreachable source fails in
a second with one line saying what to do, not after the server has started and the run has begun.

Writability is tested by creating a file, never by permission bits: root ignores those, and a
read-only file system or an immutable folder refuses root too.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from prakerja_etl.errors import ConfigError

OFFICIAL_PROBE_SECONDS = 10.0


def check_run(raw_dir: Path, warehouse: Path, official_source: str | None) -> None:
    """Everything `prakerja-etl run` needs that a person can fix at once."""
    readable_folder(raw_dir, "raw folder", "--raw-dir DIR")
    writable_file(warehouse, "warehouse", "--warehouse FILE")
    if not official_source:
        return
    from prakerja_etl.sources import official  # only when needed: importing it delays the server

    source = official.OfficialSource.from_setting(official_source, raw_dir)
    if source.is_url:
        official.probe(source.location, within=OFFICIAL_PROBE_SECONDS)
    elif "://" in official_source:
        raise ConfigError(f"official source {official_source!r}: only http(s) URLs or a folder are "
                          "supported; pass --official-source DIR or URL")
    else:
        readable_folder(Path(official_source), "official source folder", "--official-source DIR or URL")


def readable_folder(path: Path, what: str, option: str) -> None:
    """`path` is a folder whose entries can be listed."""
    if not path.exists():
        raise ConfigError(f"{what} {path} does not exist; pass {option}")
    if not path.is_dir():
        raise ConfigError(f"{what} {path} is not a folder; pass {option}")
    try:
        os.listdir(path)
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path} ({exc.strerror}); pass {option}") from None


def writable_file(path: Path, what: str, option: str) -> None:
    """A file can be written at `path`: it is not a folder, and its folder (created if missing)
    takes a new file."""
    if path.is_dir():
        raise ConfigError(f"{what} {path} is a folder, not a file; pass {option} with a file name")
    writable_folder(path.parent, what, option)


def writable_folder(folder: Path, what: str, option: str) -> None:
    """`folder` exists (created if missing) and a new file can be created in it."""
    existing = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if existing is not None and not existing.is_dir():
        raise ConfigError(f"cannot write the {what}: {existing} is a file, not a folder; pass {option} "
                          "in a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".prakerja-write-check-"):
            pass
    except OSError as exc:
        raise ConfigError(f"cannot write the {what} in {folder} ({exc.strerror}); pass {option} in a "
                          "folder you can write") from None
