"""Extract: where batches of files are turned into rows. Two executors, one interface.

`LocalExecutor` extracts on this machine's cores (a process pool); `DaskExecutor` on a Dask
cluster (through prefect-dask). `executor_for(settings)` picks one: Dask when a scheduler
address is set. Either takes the run's batches in order and yields each batch's results in the
same order, extracting ahead of the caller (which loads meanwhile) by a bounded number of
batches, so memory stays flat however many files a run has. `close()` (or
`contextlib.closing`) stops what it started.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Protocol, cast

from prakerja_etl import progress, watchdog
from prakerja_etl.batch import EXTRACTORS, FileResult, extract_files, warm_up
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import SourceFile

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 64


class Executor(Protocol):
    def prepare(self, files: int) -> None:
        """Get ready, in the background, for a run of about this many files."""

    def extract(self, batches: Iterable[list[SourceFile]]) -> Iterator[list[FileResult]]:
        """Each batch's results, in batch order."""

    def close(self) -> None:
        """Stop whatever the executor started; unfinished work is dropped."""


def executor_for(settings: Settings) -> Executor:
    """Dask when `settings.dask_address` is set, else this machine's processes."""
    if settings.dask_address:
        return DaskExecutor(settings.dask_address, settings.dask_window, settings.max_file_bytes)
    return LocalExecutor(settings.workers, settings.max_file_bytes)


class LocalExecutor:
    """A process pool on every core (or `workers`), started by `prepare` or on the first batch
    large enough; the next batch is extracted while the caller loads this one."""

    def __init__(self, workers: int, max_bytes: int) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.max_bytes = max_bytes
        self._pool: ProcessPoolExecutor | None = None
        self._preparing: threading.Thread | None = None

    def prepare(self, files: int) -> None:
        """With enough files for the pool, start it and warm its workers now: they boot (imports,
        patterns) while the caller opens the warehouse and hashes the files."""
        if files >= PARALLEL_MIN_FILES:
            # In a thread: starting the forkserver waits for it to import the package.
            self._preparing = threading.Thread(target=self._warm, name="prakerja-pool-start", daemon=True)
            self._preparing.start()

    def _warm(self) -> None:
        pool = self._started()
        if pool is not None:
            for _ in range(self.workers):
                pool.submit(warm_up)

    def extract(self, batches: Iterable[list[SourceFile]]) -> Iterator[list[FileResult]]:
        stream = iter(batches)
        batch = next(stream, None)
        futures = self._submit(batch) if batch else []
        while batch:
            following = next(stream, None)
            then = self._submit(following) if following else []   # starts before this one loads
            yield [r for future in futures for r in future.result()]
            batch, futures = following, then

    def close(self) -> None:
        self._prepared()
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _submit(self, sources: list[SourceFile]) -> list[Future[list[FileResult]]]:
        """Extraction of `sources` in chunks, each counted in the run's progress when it is done."""
        self._prepared()
        pool = self._started() if len(sources) >= PARALLEL_MIN_FILES else None
        size = max(1, -(-len(sources) // (self.workers * 4)))
        futures: list[Future[list[FileResult]]] = []
        for i in range(0, len(sources), size):
            chunk = sources[i:i + size]
            if pool is None:
                future: Future[list[FileResult]] = Future()
                future.set_result(extract_files(chunk, self.max_bytes))
            else:
                future = pool.submit(extract_files, chunk, self.max_bytes)
            future.add_done_callback(_count_done)
            futures.append(future)
        return futures

    def _prepared(self) -> None:
        """Wait for `prepare`'s start of the pool, if any: one thread starts it."""
        if self._preparing is not None:
            self._preparing.join()
            self._preparing = None

    def _started(self) -> ProcessPoolExecutor | None:
        """The pool (None with one worker), started on first use."""
        if self.workers > 1 and self._pool is None:
            # forkserver: workers fork from a clean process, not from this threaded one. Workers die
            # with the forkserver; it and anything else a killed run leaves go with the watchdog.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["prakerja_etl.batch", *EXTRACTORS])
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context,
                                             initializer=watchdog.pool_worker)
        return self._pool


def _count_done(future: Future[list[FileResult]]) -> None:
    if not future.cancelled() and future.exception() is None:
        progress.advance(len(future.result()))


class DaskExecutor:
    """A window of batches at a time on the Dask cluster at `address`, as tasks of the
    `prakerja-extract-on-dask` subflow; loading stays with the caller."""

    def __init__(self, address: str, window: int, max_bytes: int) -> None:
        self.address, self.window, self.max_bytes = address, window, max_bytes

    def prepare(self, files: int) -> None:
        pass   # the cluster's workers are already running

    def extract(self, batches: Iterable[list[SourceFile]]) -> Iterator[list[FileResult]]:
        from prefect_dask.task_runners import DaskTaskRunner

        from prakerja_etl.flow import as_is, extract_on_dask

        # prefect-dask's runner is typed as a runner of its own futures, not Prefect's.
        runner = DaskTaskRunner(address=self.address)
        on_dask = extract_on_dask.with_options(task_runner=runner)  # type: ignore[arg-type]
        stream = iter(batches)
        while window := list(islice(stream, self.window)):
            # Prefect's quote subclasses tuple[T] without Generic[T]: to mypy, unquote() has no type.
            extracted = cast(list[list[FileResult]], on_dask(as_is(window), self.max_bytes).unquote())
            for results in extracted:
                yield results
                progress.advance(len(results))

    def close(self) -> None:
        pass   # the cluster is not the run's: nothing to stop
