"""Find the raw files of a run and decide which need work: new, changed, unchanged, removed."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prakerja_etl.errors import ConfigError

# Folder under the raw dir → kind of source it holds, file by file. (official/ is read as
# one set of files by prakerja_etl.sources.official.)
KIND_FOLDERS = {"articles": "article", "surveys": "survey"}
SIDECAR_SUFFIXES = (".yaml", ".yml")
TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class SourceFile:
    """A file of the raw folder, with the hash of its bytes."""

    source_file: str        # path relative to the raw folder, '/'-separated
    path: Path
    kind: str
    size_bytes: int
    content_sha256: str
    problem: str | None = None   # found but not to be read (a link out of the raw folder)


@dataclass(frozen=True)
class Plan:
    to_process: list[SourceFile]
    unchanged: list[SourceFile]
    removed: list[str]

    @property
    def files_seen(self) -> int:
        return len(self.to_process) + len(self.unchanged)


def discover(raw_dir: Path) -> list[SourceFile]:
    """Every regular file under the raw folder's source folders, never leaving the folder."""
    if not raw_dir.is_dir():
        raise ConfigError(f"raw folder {raw_dir} does not exist; pass --raw-dir DIR")
    root = raw_dir.resolve()
    found: list[SourceFile] = []
    for folder, kind in KIND_FOLDERS.items():
        base = raw_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.name.startswith("."):
                continue  # hidden files (.DS_Store, editor swap files) are not input
            if path.is_symlink() and (problem := _link_problem(path, root)):
                found.append(_unread(path, raw_dir, kind, problem))
            elif path.is_file() and not (kind == "survey" and _is_sidecar(path)):
                found.append(_describe(path, raw_dir, kind))  # a sidecar is read with its table
    return found


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a link is not followed: it leaves the raw folder or leads nowhere (None: follow it)."""
    target = path.resolve()
    if not target.exists():
        return "a link to nothing (its target does not exist); fix or remove it"
    if not target.is_relative_to(root):
        return "a link leading out of the raw folder; it is never followed: copy the file in instead"
    return None


def _relative(path: Path, raw_dir: Path) -> str:
    """The path relative to the raw folder, as text the warehouse can store (always UTF-8)."""
    rel = path.relative_to(raw_dir).as_posix()
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        # A name in another encoding (an old zip, FTP): keep its bytes visible, stably.
        rel = os.fsencode(rel).decode("utf-8", "backslashreplace")
    return rel


def _unread(path: Path, raw_dir: Path, kind: str, problem: str) -> SourceFile:
    link = os.readlink(path)
    digest = hashlib.sha256(f"link:{link}".encode("utf-8", "backslashreplace")).hexdigest()
    return SourceFile(_relative(path, raw_dir), path, kind, 0, digest, problem)


def _is_sidecar(path: Path) -> bool:
    """A <stem>.yaml next to its <stem>.csv/.xlsx table."""
    return path.suffix.lower() in SIDECAR_SUFFIXES and any(
        path.with_suffix(s).is_file() for s in TABLE_SUFFIXES)


def _describe(path: Path, raw_dir: Path, kind: str) -> SourceFile:
    digest = hashlib.sha256()
    size = _hash_into(digest, path)
    sidecar = path.with_suffix(".yaml")
    if kind == "survey" and path.suffix.lower() in TABLE_SUFFIXES and sidecar.is_file():
        # An edited sidecar changes what the table means: it must trigger a reload.
        size += _hash_into(digest, sidecar)
    return SourceFile(_relative(path, raw_dir), path, kind, size, digest.hexdigest())


def _hash_into(digest: Any, path: Path) -> int:
    size = 0
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size


def plan(files: list[SourceFile], known: dict[str, tuple[str, str, str, str | None]],
         extractor_version: str) -> Plan:
    """Split files against what the warehouse holds (source_file → (sha, status, kind, version)):
    a file is unchanged when its bytes and the extractor that processed it are the same."""
    to_process, unchanged = [], []
    for f in files:
        previous = known.get(f.source_file)
        if previous and previous[0] == f.content_sha256 and previous[1] != "removed" \
                and previous[3] == extractor_version:
            unchanged.append(f)
        else:
            to_process.append(f)
    present = {f.source_file for f in files}
    removed = sorted(p for p, (_, status, kind, _) in known.items()
                     if p not in present and status != "removed" and kind in KIND_FOLDERS.values())
    return Plan(to_process, unchanged, removed)
