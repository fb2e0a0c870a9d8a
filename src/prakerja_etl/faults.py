"""Fault injection for the crash-safety tests: kill this process at a named point of a run.

Set PRAKERJA_FAULT_KILL_AT to a point's name (see the calls of `point`) and the run dies
there with SIGKILL, exactly as `kill -9` would; `name:N` dies the N-th time the run reaches
it (`batch-committed:3`: after the third batch). Unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_ENV = "PRAKERJA_FAULT_KILL_AT"
_reached: Counter[str] = Counter()


def point(name: str) -> None:
    """Die here when the environment asks for it."""
    wanted = os.environ.get(_ENV)
    if not wanted:
        return
    target, _, nth = wanted.partition(":")
    if target != name:
        return
    _reached[name] += 1
    if _reached[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
