"""Progress of a run for whoever is watching (the CLI's bar or its log lines); silent otherwise.

A run goes through phases; in the one that counts files, `advance` is called as each chunk of
files is extracted (from the extraction pool's thread too), so a watcher sees the count move
several times a second rather than once a batch. `Display` is the CLI's watcher.
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:   # rich is imported only when a bar is drawn
    from rich.progress import Progress, ProgressColumn, Task, TaskID


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


def clock() -> float:
    """Seconds on the clock the CLI's process start reads."""
    return time.clock_gettime(time.CLOCK_BOOTTIME) if hasattr(time, "CLOCK_BOOTTIME") else time.time()


class Display:
    """What the run is doing, as it does it: on a terminal a bar (files done/total, files per
    second, redrawn ten times a second), otherwise a plain line per phase and per 10 s of files.
    Listens to `prakerja_etl.progress` while the block runs."""

    _LINE_EVERY_SECONDS = 10.0

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.work_started: float | None = None   # when the flow began its work, on `clock()`
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._lock = threading.Lock()
        self._done = 0
        self._total: int | None = None
        self._phase_started = self._last_line = time.monotonic()

    def __enter__(self) -> Display:
        if self.terminal:
            import rich.progress as rp
            from rich.console import Console

            self._bar = rp.Progress(rp.SpinnerColumn(), rp.TextColumn("{task.description}"), rp.BarColumn(),
                                    _files_column(), rp.TimeElapsedColumn(),
                                    rp.TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._bar.start()
        listen(self)
        return self

    def __exit__(self, *exc: object) -> None:
        listen(None)
        if self._bar is not None:
            self._bar.stop()

    def phase(self, name: str, total: int | None) -> None:
        if self.work_started is None and name != "starting Prefect":
            self.work_started = clock()
        with self._lock:
            self._done, self._total = 0, total
            self._phase_started = self._last_line = time.monotonic()
            if self._bar is not None:
                if self._task is not None:
                    self._bar.remove_task(self._task)
                self._task = self._bar.add_task(f"{name}…", total=total)
            else:
                self._line(f"{name}…" if total is None else f"{name}: {total} files")

    def advance(self, files: int) -> None:
        with self._lock:
            self._done += files
            if self._bar is not None:
                if self._task is not None:   # set by the CLI's first phase, before any file is done
                    self._bar.advance(self._task, files)
            elif time.monotonic() - self._last_line >= self._LINE_EVERY_SECONDS or self._done == self._total:
                self._last_line = time.monotonic()
                rate = self._done / max(self._last_line - self._phase_started, 1e-9)
                self._line(f"  {self._done}/{self._total} files ({rate:.0f} files/s)")

    @staticmethod
    def _line(text: str) -> None:
        with contextlib.suppress(OSError):   # a reader that went away (`| head`) must not fail the run
            print(text, flush=True)


def _files_column() -> ProgressColumn:
    """A rich column: files done/total and files per second (over the last half minute), in the
    phases that count files."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class FilesColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            speed = "" if task.speed is None else f", {task.speed:.0f} files/s"
            return Text(f"{task.completed:.0f}/{task.total:.0f} files{speed}", style="progress.data.speed")

    return FilesColumn()
