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


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, never empty (its type name when it has no message)."""
    return " ".join(str(exc).split()) or type(exc).__name__


def failure_reason(exc: BaseException) -> str:
    """Why one file could not be used, as its quarantine reason: whatever a reader raised (a
    parser's own error, a type it did not expect, nesting too deep) costs that file, never the run."""
    if isinstance(exc, UnreadableInput):
        return one_line(exc)
    if isinstance(exc, RecursionError):
        return "nested too deeply to read (lists or mappings inside each other); flatten the file"
    if isinstance(exc, MemoryError):
        return "too large to read within memory; split the file or lower its size"
    if isinstance(exc, OSError):
        return f"cannot read the file: {exc.strerror or one_line(exc)}"
    return (f"the file could not be read ({type(exc).__name__}: {one_line(exc)[:200]}); "
            "check it is a well-formed file of its kind")
