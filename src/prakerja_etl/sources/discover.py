"""Find the raw files of a run and hash them (the warehouse decides which need work)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prakerja_etl.errors import ConfigError

# Folder under the raw dir → kind of source it holds, file by file. (official/ is read as
# one set of files by prakerja_etl.sources.official.)
KIND_FOLDERS = {"articles": "article", "surveys": "survey"}
SIDECAR_SUFFIXES = (".yaml", ".yml")
# What `prakerja-etl fetch` notes beside a page it saved (url, when, ETag): not an article.
FETCH_SIDECAR_SUFFIX = ".fetch.yaml"
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


def discover(raw_dir: Path) -> Iterator[SourceFile]:
    """Every regular file under the raw folder's source folders, never leaving the folder, in
    path order; files are found and hashed one at a time, so a corpus of any size streams."""
    if not raw_dir.is_dir():
        raise ConfigError(f"raw folder {raw_dir} does not exist; pass --raw-dir DIR")
    root = raw_dir.resolve()
    for folder, kind in KIND_FOLDERS.items():
        base = raw_dir / folder
        if not base.is_dir():
            continue
        for path in _walk(base):
            if path.name.startswith("."):
                continue  # hidden files (.DS_Store, editor swap files) are not input
            if path.is_symlink() and (problem := _link_problem(path, root)):
                yield _unread(path, raw_dir, kind, problem)
            elif path.is_file() and not _is_sidecar(path, kind):
                try:
                    yield _describe(path, raw_dir, kind)
                except OSError as exc:   # unreadable (permissions, I/O error): that file's problem
                    yield _unread(path, raw_dir, kind, f"cannot read the file: {exc.strerror or exc}")


def count_up_to(raw_dir: Path, limit: int) -> int:
    """How many files the raw folder's source folders hold, counting no further than `limit`
    (a cheap look before hashing them all)."""
    found = 0
    for folder in KIND_FOLDERS:
        for _, _, names in os.walk(raw_dir / folder):
            found += len(names)
            if found >= limit:
                return limit
    return found


def _walk(folder: Path) -> Iterator[Path]:
    """Every path below `folder`, sorted, listing one folder at a time; linked folders are
    not entered (a link is one entry, checked like a file)."""
    try:
        with os.scandir(folder) as entries:
            listing = sorted((entry.name, entry.is_dir(follow_symlinks=False)) for entry in entries)
    except OSError:   # an unreadable folder holds nothing the run can use
        return
    for name, is_folder in listing:
        path = folder / name
        yield path
        if is_folder:
            yield from _walk(path)


def _link_problem(path: Path, root: Path) -> str | None:
    """Why a link is not followed: it leaves the raw folder or leads nowhere (None: follow it)."""
    try:
        target = path.resolve()
    except (OSError, RuntimeError):   # Python raises RuntimeError for a symlink loop
        return "a link loop (links pointing at each other); remove it"
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
    """A file not to be read; hashed on its link target or its problem, so it is quarantined
    once and again only when that changes."""
    what = f"link:{os.readlink(path)}" if path.is_symlink() else f"unread:{problem}"
    digest = hashlib.sha256(what.encode("utf-8", "backslashreplace")).hexdigest()
    return SourceFile(_relative(path, raw_dir), path, kind, 0, digest, problem)


def _is_sidecar(path: Path, kind: str) -> bool:
    """A <stem>.yaml next to its <stem>.csv/.xlsx table (read with the table), or the
    <stem>.fetch.yaml of a fetched page (read by nobody but `fetch`)."""
    if kind == "article":
        return path.name.lower().endswith(FETCH_SIDECAR_SUFFIX)
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
