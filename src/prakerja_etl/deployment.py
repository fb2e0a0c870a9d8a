"""Serve the ingest flow as the `prakerja-ingest/daily` deployment and run what it schedules.

    .venv/bin/python flows/serve.py        # or: bash scripts/stack.sh start
    .venv/bin/python -m prakerja_etl.deployment

Registers the deployment (daily cron, default parameters, at most one run at a time,
later runs queued) with the Prefect server at PREFECT_API_URL, then polls for its runs
and executes each in a subprocess until stopped with SIGTERM / Ctrl-C.

Environment: PRAKERJA_RAW_DIR, PRAKERJA_WAREHOUSE (default parameters, made absolute),
PRAKERJA_FEEDS (RSS/Atom URLs, space- or comma-separated: the `feeds` parameter, fetched
before each run; default none), PRAKERJA_CRON (default "0 2 * * *"), PRAKERJA_CRON_TZ
(default "Asia/Jakarta").
"""

from __future__ import annotations

import os
import sys

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from prakerja_etl.errors import ConfigError
from prakerja_etl.settings import REPO_ROOT, Settings

DEPLOYMENT = "daily"
ENTRYPOINT = "flows/ingest.py:ingest"
# DuckDB allows one writer: a second run waits (AwaitingConcurrencySlot) instead of colliding.
ONE_AT_A_TIME = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def build_deployment() -> RunnerDeployment:
    """The `daily` deployment of `flows/ingest.py:ingest` (the thin entry point that imports
    `prakerja_etl.flow.ingest`), its entrypoint relative to the repo root."""
    # Flow runs start in the serve process's working directory: make it the repo root so the
    # entrypoint is `flows/ingest.py:ingest` and relative paths mean the same as for the CLI.
    os.chdir(REPO_ROOT)
    settings = Settings.from_env()
    try:
        schedule = Cron(settings.cron, timezone=settings.cron_tz)
    except ValueError:
        raise ConfigError(f"PRAKERJA_CRON={settings.cron!r} is not valid: it takes a cron expression "
                          "such as '0 2 * * *'; fix it and run again") from None
    return RunnerDeployment.from_entrypoint(
        ENTRYPOINT,
        name=DEPLOYMENT,
        schedule=schedule,
        parameters={"raw_dir": str(settings.raw_dir.resolve()),
                    "warehouse_path": str(settings.warehouse_path.resolve()),
                    "feeds": settings.feed_urls},
        concurrency_limit=ONE_AT_A_TIME,
        description="Load new or changed raw files into the DuckDB warehouse (one run at a time).",
        tags=["prakerja"],
    )


def main() -> None:
    try:
        deployment = build_deployment()
    except ConfigError as exc:   # a bad PRAKERJA_* value: one line, exit 2
        print(f"serve: {exc}", file=sys.stderr)
        sys.exit(2)
    serve(deployment, print_starting_message=True)


if __name__ == "__main__":
    main()
