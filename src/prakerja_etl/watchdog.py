"""Everything a `prakerja-etl run` starts dies with it, however the run dies.

A run starts processes (Prefect's temporary server, the extraction forkserver, its workers,
multiprocessing's resource tracker) that outlive the CLI when it is killed with SIGKILL:
nothing runs in a killed process, so the cleanup has to live outside it. The CLI first
starts this watchdog, in a session of its own (a Ctrl-C or a kill of the CLI's process group
does not reach it). It records the CLI's descendants (pid and create time) in
`<warehouse>.<cli pid>.procs` and, once the CLI is gone, stops those still alive, their
children, and any process carrying the run's token in its environment (one started since
the last look, or one that detached itself), then deletes the file. If the watchdog was
killed too, the next run finds the file and does the same (`reap`).

A process is identified by pid *and* create time: a recycled pid is never signalled.
Making the CLI a supervisor of a child doing the work would not help: the supervisor can be
SIGKILLed just the same, and the CLI's pid would no longer be the run's.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

import psutil

TOKEN_ENV = "PRAKERJA_RUN_TOKEN"
_POLL_SECONDS = 0.2
_GRACE_SECONDS = 3.0   # between SIGTERM and SIGKILL


class _State(TypedDict):
    """What the watchdog writes to the `.procs` file: each process as its (pid, create time)."""
    cli: tuple[int, float]
    watchdog: tuple[int, float]
    token: str
    procs: list[tuple[int, float]]


def start(warehouse: Path) -> None:
    """Start the watchdog of this process (the CLI), and mark what it starts from now on."""
    token = uuid.uuid4().hex
    with contextlib.suppress(OSError):   # the run itself says why it cannot write there
        warehouse.parent.mkdir(parents=True, exist_ok=True)
    subprocess.Popen([sys.executable, "-m", __name__, str(os.getpid()), str(_state_path(warehouse)), token],
                     start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL, close_fds=True)
    os.environ[TOKEN_ENV] = token   # inherited by every process the run starts, not by the watchdog


def reap(warehouse: Path) -> list[int]:
    """Stop what runs on `warehouse` left behind when they and their watchdog were killed;
    returns the pids stopped."""
    stopped: list[int] = []
    for path in sorted(warehouse.parent.glob(f"{warehouse.name}.*.procs")):
        try:
            state = json.loads(path.read_text())
            if _find(*state["cli"]) or _find(*state["watchdog"]):
                continue   # a run under way (maybe waiting for the lock), or its watchdog cleaning up
            procs = [p for p in (_find(pid, created) for pid, created in state["procs"]) if p]
            stopped += stop(procs, state["token"])
        except (OSError, ValueError, KeyError, TypeError):
            pass   # unreadable: written by something else, or half-written when killed
        path.unlink(missing_ok=True)
    return stopped


def stop(procs: Iterable[psutil.Process], token: str | None = None) -> list[int]:
    """SIGTERM `procs`, their descendants and the holders of `token`; SIGKILL those still alive
    after a grace period. Returns the pids that were running."""
    targets = {p.pid: p for p in procs if _alive(p)}
    for p in list(targets.values()):
        with contextlib.suppress(psutil.Error):
            targets.update((c.pid, c) for c in p.children(recursive=True))
    if token:
        targets.update((p.pid, p) for p in _holders(token))
    targets.pop(os.getpid(), None)
    for p in targets.values():
        with contextlib.suppress(psutil.Error):
            p.terminate()   # psutil refuses to signal a pid that was reused
    deadline = time.monotonic() + _GRACE_SECONDS
    while (left := [p for p in targets.values() if _alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    for p in left:
        with contextlib.suppress(psutil.Error):
            p.kill()
    return sorted(targets)


def pool_worker() -> None:
    """Initializer of the extraction pool's workers: a Ctrl-C is the run's to handle (it shuts
    the pool down), and on Linux the kernel kills a worker as soon as its parent, the
    forkserver, is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


def _watch(cli_pid: int, state_path: Path, token: str) -> None:
    try:
        cli = psutil.Process(cli_pid)
    except psutil.Error:
        cli = None
    seen: dict[int, psutil.Process] = {}
    state: _State = {"cli": _identity(cli) if cli else (cli_pid, 0.0),
                     "watchdog": _identity(psutil.Process()), "token": token, "procs": []}
    _write(state_path, state)
    # Reparented (to init or a subreaper) exactly when the CLI is gone: no pid-reuse question.
    while cli is not None and os.getppid() == cli_pid:
        try:
            descendants = [p for p in cli.children(recursive=True) if p.pid != os.getpid()]
        except psutil.Error:
            break
        new = [p for p in descendants if seen.get(p.pid) != p]
        if new:
            seen.update((p.pid, p) for p in new)
            state["procs"] = [_identity(p) for p in seen.values() if _alive(p)]
            _write(state_path, state)
        time.sleep(_POLL_SECONDS)
    stop(seen.values(), token)
    state_path.unlink(missing_ok=True)


def _state_path(warehouse: Path) -> Path:
    return warehouse.with_name(f"{warehouse.name}.{os.getpid()}.procs")


def _identity(p: psutil.Process) -> tuple[int, float]:
    return (p.pid, p.create_time())


def _find(pid: int, created: float) -> psutil.Process | None:
    """The process `pid` if it is still the one created at `created`."""
    try:
        p = psutil.Process(int(pid))
        return p if p.create_time() == created and _alive(p) else None
    except psutil.Error:
        return None


def _alive(p: psutil.Process) -> bool:
    """Running and not a zombie (an exited process whose parent has not collected it yet)."""
    try:
        return p.is_running() and p.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _holders(token: str) -> list[psutil.Process]:
    """Processes whose environment carries the run's token (only our own user's are readable)."""
    found = []
    for p in psutil.process_iter(["environ"]):
        if (p.info["environ"] or {}).get(TOKEN_ENV) == token and _alive(p):
            found.append(p)
    return found


def _write(path: Path, state: _State) -> None:
    """Replace the state file atomically; a run without a writable folder just goes unrecorded."""
    try:
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(state))
        os.replace(tmp, path)
    except OSError:
        pass


if __name__ == "__main__":
    _watch(int(sys.argv[1]), Path(sys.argv[2]), sys.argv[3])
