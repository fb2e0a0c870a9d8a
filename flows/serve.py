"""Serve the ingest flow as the `prakerja-ingest/daily` deployment and run what it schedules:

    .venv/bin/python flows/serve.py        # or: bash scripts/stack.sh start

The deployment is built by `prakerja_etl.deployment` (its settings are documented there).
"""

from __future__ import annotations

from prakerja_etl.deployment import build_deployment, main

__all__ = ["build_deployment", "main"]

if __name__ == "__main__":
    main()
