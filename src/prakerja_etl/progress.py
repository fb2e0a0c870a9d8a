"""Progress of a run for whoever is watching (the CLI's progress bar); silent otherwise."""

from __future__ import annotations

from collections.abc import Callable

_listener: Callable[[str, int, int], None] | None = None


def listen(callback: Callable[[str, int, int], None] | None) -> None:
    """Receive (stage, done, total) updates; None stops listening."""
    global _listener
    _listener = callback


def report(stage: str, done: int, total: int) -> None:
    if _listener is not None:
        _listener(stage, done, total)
