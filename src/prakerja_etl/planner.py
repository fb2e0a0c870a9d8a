"""Plan: which files a run has to process, by one change test for every kind of source.

Pure: it compares what was found (articles, surveys, official files, as `SourceFile`s) with
what the warehouse recorded for them (`Known`), and reads or writes nothing. The loader asks
it about each chunk of files and keeps the answer (`loader.Loader.register`), so a run over
any number of files never holds their list in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from prakerja_etl.sources.discover import SourceFile


@dataclass(frozen=True)
class Known:
    """What the warehouse recorded for a file when it last processed it."""

    content_sha256: str
    status: str                       # loaded, quarantined or removed
    extractor_version: str | None     # the extraction code's fingerprint then


def is_pending(found: SourceFile, known: Known | None, extractor_version: str) -> bool:
    """Whether a file has to be processed: it is new, came back after it was removed, its bytes
    changed, or the extraction code (or its reference data) did. A file quarantined before with
    the same bytes and code stays quarantined: processing it again would give the same answer."""
    return (known is None or known.status == "removed" or known.content_sha256 != found.content_sha256
            or known.extractor_version != extractor_version)


def pending_flags(found: Sequence[SourceFile], known: Mapping[str, Known],
                  extractor_version: str) -> list[bool]:
    """`is_pending` of each file found, in order."""
    return [is_pending(f, known.get(f.source_file), extractor_version) for f in found]


def changes_nothing(found: Iterable[SourceFile], known: Mapping[str, Known], extractor_version: str) -> bool:
    """Whether a run finding `found` would process nothing and mark nothing removed: no file is
    pending, and every file the warehouse holds (not removed) is among them. Stops at the first
    pending file, so a run with work to do reads no more of the folder than it must."""
    names = set()
    for f in found:
        if is_pending(f, known.get(f.source_file), extractor_version):
            return False
        names.add(f.source_file)
    return all(k.status == "removed" or name in names for name, k in known.items())


@dataclass(frozen=True)
class Plan:
    """What a run (or one kind of source in it) has to do."""

    files_seen: int
    to_process: int
    removed: list[str]   # files the warehouse holds that were not found: rows kept, marked

    @property
    def unchanged(self) -> int:
        return self.files_seen - self.to_process

    @property
    def changed(self) -> bool:
        """Anything to load or mark: the official files are loaded as one set when this is true."""
        return bool(self.to_process or self.removed)
