"""Errors users can meet, each saying what went wrong and what to do.

Terminal errors (bad input, bad configuration) are never retried; transient ones
(a locked warehouse, a network hiccup) may be.
"""

from __future__ import annotations


class PrakerjaError(Exception):
    """Base class: the message is one line a person can act on."""


class TerminalError(PrakerjaError):
    """Retrying will not help: the input or the configuration must change."""


class TransientError(PrakerjaError):
    """Retrying later may help (a lock held by another process, a network error)."""


class UnreadableInput(TerminalError):
    """A raw file that cannot be decoded or parsed; it goes to quarantine."""


class ConfigError(TerminalError):
    """A setting or a CLI argument that cannot work."""


class WarehouseLocked(TransientError):
    """Another process holds the DuckDB file."""


class WarehouseCorrupt(TerminalError):
    """A block of the warehouse (or of the run's copy of it) fails DuckDB's checksum."""


class DiskFull(TerminalError):
    """The device holding the warehouse ran out of space during a run."""


def is_transient(exc: BaseException) -> bool:
    """True when a retry may succeed."""
    return isinstance(exc, TransientError)


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, never empty (its type name when it has no message)."""
    return " ".join(str(exc).split()) or type(exc).__name__
