"""Progress of a run for whoever is watching (the CLI's bar or its log lines); silent otherwise.

A run goes through phases; in the one that counts files, `advance` is called as each chunk of
files is extracted (from the extraction pool's thread too), so a watcher sees the count move
several times a second rather than once a batch.
"""

from __future__ import annotations

from typing import Protocol


class Listener(Protocol):
    def phase(self, name: str, total: int | None) -> None:
        """A new phase begins; `total` is the number of files it counts, if it counts files."""

    def advance(self, files: int) -> None:
        """`files` more files of the current phase are done."""


_listener: Listener | None = None


def listen(listener: Listener | None) -> None:
    """Receive the run's progress; None stops listening."""
    global _listener
    _listener = listener


def phase(name: str, total: int | None = None) -> None:
    if _listener is not None:
        _listener.phase(name, total)


def advance(files: int) -> None:
    if _listener is not None:
        _listener.advance(files)
