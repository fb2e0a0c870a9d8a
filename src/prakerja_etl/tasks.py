"""Prefect tasks: thin wrappers that give each step of a run (`steps`) logs and a name, and
return what the step did.

A run has a fixed handful of tasks; batches of files are loaded in the flow itself (`load_batch`),
and on Dask extracted by one `extract-batch` task each. Never a task per file: each task run costs
about 60 ms of CPU between this process and the Prefect server. No task retries: the warehouse
locks are waited for where they are taken (in the flow, before any task), and fetching the
official source retries its own requests, so a retry here would only multiply them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from prakerja_etl import progress, steps
from prakerja_etl.batch import FileResult, extract_files
from prakerja_etl.loader import Loader
from prakerja_etl.planner import Plan
from prakerja_etl.report import publish_run_artifacts
from prakerja_etl.settings import Settings
from prakerja_etl.sources.discover import SourceFile

_NO_CACHE: dict[str, Any] = {"cache_policy": NO_CACHE, "persist_result": False}


@task(name="plan-sources", **_NO_CACHE)
def plan_sources(raw_dir: Path, loader: Loader) -> Plan:
    """Hash the raw files and find which are new, changed, unchanged or removed."""
    progress.phase("hashing the raw files")
    plan = steps.plan_raw(raw_dir, loader)
    if plan.to_process:
        progress.phase("reading files", plan.to_process)
    get_run_logger().info("%d files: %d to process, %d unchanged, %d removed", plan.files_seen,
                          plan.to_process, plan.unchanged, len(plan.removed))
    return plan


@task(name="extract-batch", **_NO_CACHE)
def extract_batch(sources: list[SourceFile], max_bytes: int) -> list[FileResult]:
    """Extract a batch of files where the task runs (a Dask worker, for scale-out)."""
    return extract_files(sources, max_bytes)


def load_batch(results: list[FileResult], loader: Loader) -> int:
    """Validate and load extracted files in the flow's process (the one DuckDB writer); returns
    the files loaded. Not a task: a task run costs about 60 ms of CPU between this process and the
    Prefect server, which at one per batch of 500 files was 2.5 % of a cold run; the flow run's
    logs name each file quarantined."""
    written = steps.load_results(results, loader)
    _log_quarantined(written.quarantined)
    return written.files_loaded


@task(name="load-official", **_NO_CACHE)
def load_official(settings: Settings, loader: Loader) -> int:
    """Fetch the official statistics (folder or URL) and load them if they changed; returns the
    files loaded."""
    progress.phase("official statistics")
    written = steps.load_official(settings, loader)
    _log_quarantined(written.quarantined)
    return written.files_loaded


def _log_quarantined(quarantined: list[tuple[str, str]]) -> None:
    logger = get_run_logger()
    for source_file, reason in quarantined:
        logger.warning("quarantined %s: %s", source_file, reason)


@task(name="mark-removed", **_NO_CACHE)
def mark_removed(removed: list[str], loader: Loader) -> int:
    """Keep, but mark, the rows of files that are gone from the raw folder; returns how many."""
    marked = loader.mark_removed(removed)
    if marked:
        get_run_logger().info("%d files left the raw folder; their rows are marked", marked)
    return marked


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
    summary = steps.report(summary)
    publish_run_artifacts(summary)
    return summary
