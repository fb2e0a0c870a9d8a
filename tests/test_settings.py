"""Settings: every PRAKERJA_* variable is validated once, before any work; a bad value is one
line naming the variable and what it accepts, exit 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from prakerja_etl.errors import ConfigError
from prakerja_etl.settings import Settings, variable

# A value each setting refuses, and words of what it accepts that the message must show.
REFUSED = {
    "batch_size": [("abc", "whole number"), ("0", "at least 1"), ("-3", "at least 1"), ("2.5", "whole")],
    "workers": [("-1", "0 for one per core"), ("many", "whole number")],
    "lock_wait_seconds": [("soon", "seconds"), ("-1", "0 or more"), ("nan", "seconds"), ("inf", "seconds")],
    "max_file_bytes": [("8MB", "whole number of bytes"), ("0", "at least 1")],
    "dask_window": [("0", "at least 1")],
    "max_unpacked_bytes": [("-5", "at least 1")],
    "max_table_rows": [("x", "whole number of rows")],
    "max_table_columns": [("0", "at least 1")],
    "max_table_cells": [("1e6", "whole number of cells")],
    "max_nesting": [("-1", "at least 1")],
    "max_figures_per_article": [("0", "at least 1")],
    "max_sentence_chars": [("lots", "characters")],
    "max_problems_per_file": [("-1", "0 or more")],
    "official_max_shrink": [("1.5", "between 0 and 1"), ("-0.1", "between 0 and 1"), ("half", "share")],
    "duckdb_memory": [("lots", "a size such as 64MB"), ("64", "a size")],
    "query_memory": [("1 gigabyte", "a size such as 64MB")],
    "fetch_delay": [("-2", "0 or more")],
    "fetch_timeout": [("0", "more than 0")],
    "fetch_retries": [("-1", "0 or more"), ("three", "whole number")],
    "cron_tz": [("Mars/Olympus", "a time zone")],
}
# The installed `prakerja-etl` command of this environment.
PROGRAM = Path(sys.executable).parent / "prakerja-etl"
CASES = [(name, value, accepts) for name, cases in REFUSED.items() for value, accepts in cases]


def cli(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`prakerja-etl run` in a subprocess, as a user runs it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PRAKERJA_")}
    return subprocess.run([str(PROGRAM), "run", "--raw-dir", str(tmp_path / "raw"),
                           "--warehouse", str(tmp_path / "out" / "w.duckdb")],
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


def test_every_numeric_and_checked_setting_has_a_refusal_case() -> None:
    unchecked = {"raw_dir", "warehouse_path", "official_source", "dask_address", "feeds", "cron"}
    assert set(REFUSED) == set(Settings.model_fields) - unchecked


@pytest.mark.parametrize(("name", "value", "accepts"), CASES, ids=[f"{n}={v}" for n, v, _ in CASES])
def test_a_bad_value_is_one_line_and_exit_2_before_any_work(name: str, value: str, accepts: str,
                                                            tmp_path: Path) -> None:
    (tmp_path / "raw" / "articles").mkdir(parents=True)
    result = cli(tmp_path, {variable(name): value})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"prakerja-etl: {variable(name)}={value!r} is not valid"), lines[0]
    assert accepts in lines[0]
    assert not (tmp_path / "out").exists()   # nothing was started: not even the warehouse's folder


def test_a_bad_value_stops_every_command(tmp_path: Path) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PRAKERJA_")}
    result = subprocess.run([str(PROGRAM), "query", "SELECT 1",
                             "--warehouse", str(tmp_path / "w.duckdb")],
                            env={**clean, "PRAKERJA_QUERY_MEMORY": "plenty"}, capture_output=True, text=True)
    assert result.returncode == 2 and "PRAKERJA_QUERY_MEMORY='plenty' is not valid" in result.stderr


def test_values_are_read_and_options_go_over_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAKERJA_BATCH_SIZE", "7")
    monkeypatch.setenv("PRAKERJA_WAREHOUSE", "/data/w.duckdb")
    monkeypatch.setenv("PRAKERJA_LOCK_WAIT_SECONDS", "2.5")
    monkeypatch.setenv("PRAKERJA_FEEDS", "https://a.example/rss, https://b.example/atom")
    monkeypatch.setenv("PRAKERJA_WORKERS", "")   # empty: the default
    settings = Settings.from_env()
    assert (settings.batch_size, str(settings.warehouse_path), settings.lock_wait_seconds) == (
        7, "/data/w.duckdb", 2.5)
    assert settings.feed_urls == ["https://a.example/rss", "https://b.example/atom"]
    assert settings.workers == 0
    loaded = Settings.load({"warehouse_path": "--warehouse"}, warehouse_path="/elsewhere.duckdb",
                           raw_dir=None)
    assert (str(loaded.warehouse_path), loaded.batch_size, str(loaded.raw_dir)) == (
        "/elsewhere.duckdb", 7, "data/raw")
    monkeypatch.setenv("PRAKERJA_BATCH_SIZE", "9")
    assert Settings.from_env().batch_size == 9   # read again when the environment changes


def test_a_bad_option_is_named_as_the_option() -> None:
    with pytest.raises(ConfigError, match=r"^--batch-size='none' is not valid: it takes a whole number"):
        Settings.load({"batch_size": "--batch-size"}, batch_size="none")


@pytest.mark.parametrize(("name", "value"), [
    ("PRAKERJA_CRON", "every day"), ("PRAKERJA_CRON_TZ", "Mars/Olympus"), ("PRAKERJA_BATCH_SIZE", "0")])
def test_the_deployment_refuses_a_bad_value_in_one_line(name: str, value: str) -> None:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("PRAKERJA_", "PREFECT_API_URL"))}
    result = subprocess.run([sys.executable, str(REPO / "flows" / "serve.py")], env={**clean, name: value},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"serve: {name}={value!r} is not valid"), lines
