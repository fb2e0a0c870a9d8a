"""Fault injection for the crash-safety tests: kill this process at a named point of a run.

Set PRAKERJA_FAULT_KILL_AT to a point's name (see the calls of `point`) and the run dies
there with SIGKILL, exactly as `kill -9` would; unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import signal

_ENV = "PRAKERJA_FAULT_KILL_AT"


def point(name: str) -> None:
    """Die here when the environment asks for it."""
    if os.environ.get(_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
