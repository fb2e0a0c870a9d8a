"""Fingerprints of the code: of everything that decides what a file yields (the extraction code
and the reference data; a file is re-extracted when its bytes or this change), and of the whole
package (a run with nothing new to load is skipped only when this equals the last run's)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from prakerja_etl.reference_data import REFERENCE_DIR

_PACKAGE = Path(__file__).resolve().parent
# Code and data whose change changes extracted rows (not the loader, CLI or flow plumbing).
_INPUTS = ("text", "figures", "sources", "batch.py", "schemas.py", "validate.py", "catalog.py")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Short hash of the extraction code and the reference data under schemas/."""
    digest = hashlib.sha256()
    files: list[Path] = []
    for name in _INPUTS:
        path = _PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    files += sorted(REFERENCE_DIR.glob("*.yaml"))   # the catalog, lexicon, provinces, wave calendar
    for path in files:
        digest.update(path.relative_to(path.parents[1]).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# What the package is made of: code, reference data, view SQL, report templates and style.
_PACKAGE_SUFFIXES = {".py", ".yaml", ".sql", ".j2", ".css"}


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Short hash of every file of the package that is code or data (not caches)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in _PACKAGE.rglob("*") if p.suffix in _PACKAGE_SUFFIXES and p.is_file()):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
