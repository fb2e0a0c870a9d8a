"""Run reports: what a flow run did, published where operators look (Prefect artifacts)."""

from prakerja_etl.report.artifacts import QUARANTINE_KEY, SUMMARY_KEY, publish_run_artifacts

__all__ = ["QUARANTINE_KEY", "SUMMARY_KEY", "publish_run_artifacts"]
