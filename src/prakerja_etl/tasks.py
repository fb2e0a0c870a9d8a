"""Prefect tasks: thin wrappers that give each stage of a run logs and a name.

Work is batched: a run has a fixed handful of tasks plus two per batch of files, never
one per file (each task run costs milliseconds and a round trip to the Prefect API).
No task retries: the warehouse locks are waited for where they are taken (in the flow,
before any task), and fetching the official source retries its own requests, so a retry
here would only multiply them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from prakerja_etl import progress, run
from prakerja_etl.batch import FileResult, extract_files
from prakerja_etl.report import publish_run_artifacts
from prakerja_etl.sources.discover import SourceFile

_NO_CACHE: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="plan-sources", **_NO_CACHE)
def plan_sources(raw_dir: str, session: run.Session) -> run.Plan:
    """Hash the raw files and find which are new, changed, unchanged or removed."""
    progress.phase("hashing the raw files")
    result = run.plan_sources(Path(raw_dir), session)
    if result.to_process:
        progress.phase("reading files", result.to_process)
    get_run_logger().info("%d files: %d to process, %d unchanged, %d removed", result.files_seen,
                          result.to_process, result.unchanged, len(result.removed))
    return result


@task(name="ingest-batch", **_NO_CACHE)
def ingest_batch(sources: list[SourceFile], session: run.Session,
                 next_batch: list[SourceFile] | None = None) -> int:
    """Extract (on every core), validate and load a batch of files; returns the files loaded.
    The next batch's extraction starts before this one is loaded."""
    before = (session.summary.files_loaded, len(session.summary.quarantined))
    run.load_results(run.extract(sources, session, then=next_batch), session)
    _log_quarantined(session, before[1])
    return session.summary.files_loaded - before[0]


@task(name="extract-batch", **_NO_CACHE)
def extract_batch(sources: list[SourceFile], max_bytes: int) -> list[FileResult]:
    """Extract a batch of files where the task runs (a Dask worker, for scale-out)."""
    return extract_files(sources, max_bytes)


@task(name="load-batch", **_NO_CACHE)
def load_batch(results: list[FileResult], session: run.Session) -> int:
    """Validate and load extracted files in the flow's process: the one DuckDB writer."""
    before = (session.summary.files_loaded, len(session.summary.quarantined))
    run.load_results(results, session)
    progress.advance(len(results))
    _log_quarantined(session, before[1])
    return session.summary.files_loaded - before[0]


def _log_quarantined(session: run.Session, since: int) -> None:
    logger = get_run_logger()
    for source_file, reason in session.summary.quarantined[since:]:
        logger.warning("quarantined %s: %s", source_file, reason)


@task(name="load-official", **_NO_CACHE)
def load_official(official_source: str | None, raw_dir: str, session: run.Session) -> None:
    """Fetch the official statistics (folder or URL) and load them if they changed."""
    progress.phase("official statistics")
    before = len(session.summary.quarantined)
    run.load_official(official_source, Path(raw_dir), session)
    _log_quarantined(session, before)


@task(name="fetch-feeds", **_NO_CACHE)
def fetch_feeds(feeds: list[str], raw_dir: str) -> dict[str, int]:
    """Fetch the items of RSS/Atom feeds into the raw folder before the run reads it. A page that
    cannot be fetched is a warning, never a failed run: what is there is still ingested. No task
    retries: each request has its own (429/5xx, Retry-After)."""
    from prakerja_etl.sources.fetch import fetch

    report = fetch(Path(raw_dir), feeds=feeds)
    logger = get_run_logger()
    for result in report.results:
        if result.outcome == "failed":
            logger.warning("%s", result.message)
    counts = {outcome: report.count(outcome) for outcome in ("saved", "unchanged", "failed")}
    logger.info("feeds: %(saved)d pages saved, %(unchanged)d unchanged, %(failed)d failed", counts)
    return counts


@task(name="report-run", **_NO_CACHE)
def report_run(summary: dict[str, Any]) -> dict[str, Any]:
    """Count conflicts, write the HTML report, publish the run's artifacts."""
    progress.phase("writing the report")
    summary = run.after_run(summary)
    publish_run_artifacts(summary)
    return summary


@task(name="mark-removed", **_NO_CACHE)
def mark_removed(removed: list[str], session: run.Session) -> None:
    """Keep, but mark, the rows of files that are gone from the raw folder."""
    run.mark_removed(removed, session)
    if removed:
        get_run_logger().info("%d files left the raw folder; their rows are marked", len(removed))
