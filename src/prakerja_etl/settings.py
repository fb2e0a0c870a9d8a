"""One settings object for the whole project: every PRAKERJA_* variable, validated once.

`Settings.from_env()` reads the environment; `load(**options)` puts CLI options or flow
parameters over it. A value that cannot work (PRAKERJA_BATCH_SIZE=abc, =0, a negative
limit) is a ConfigError of one line naming the variable and what it accepts.
"""

from __future__ import annotations

import math
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, AliasChoices, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from prakerja_etl.errors import ConfigError

# The repository root: flows/ lives beside src/. (The reference data is in the package:
# prakerja_etl.reference_data.REFERENCE_DIR.)
REPO_ROOT = Path(__file__).resolve().parents[2]
FLOWS_DIR = REPO_ROOT / "flows"

ENV_PREFIX = "PRAKERJA_"
# A size DuckDB's memory_limit takes: a number and a unit.
_MEMORY = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)", re.IGNORECASE)


def _memory(value: str) -> str:
    if not _MEMORY.fullmatch(value.strip()):
        raise ValueError("not a size")
    return value


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("unknown time zone") from None
    return value


def _setting(default: Any, accepts: str, env: str | None = None, **constraints: Any) -> Any:
    """A field: its default, what it accepts (said when a value is refused), its bounds; `env`
    names its variable when that is not PRAKERJA_<FIELD>."""
    return Field(default, description=accepts, validation_alias=AliasChoices(env) if env else None,
                 **constraints)


Seconds = Annotated[float, AfterValidator(_finite)]
Share = Annotated[float, AfterValidator(_finite)]
MemorySize = Annotated[str, AfterValidator(_memory)]
TimeZone = Annotated[str, AfterValidator(_time_zone)]

_WHOLE = "a whole number"


class Settings(BaseSettings):
    """Defaults, overridden by PRAKERJA_<NAME> variables (the README lists them)."""

    # An empty variable counts as unset.
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_ignore_empty=True, frozen=True,
                                      populate_by_name=True, extra="forbid")

    raw_dir: Path = _setting(Path("data/raw"), "a folder")
    warehouse_path: Path = _setting(Path("data/warehouse/prakerja.duckdb"), "a file",
                                    env=f"{ENV_PREFIX}WAREHOUSE")
    official_source: str | None = _setting(None, "a folder or an http(s) URL")
    dask_address: str | None = _setting(None, "a Dask scheduler address (tcp://host:8786)")
    batch_size: int = _setting(500, f"{_WHOLE} of files, at least 1", ge=1)   # per extract-load batch
    workers: int = _setting(0, f"{_WHOLE} of processes, 0 for one per core", ge=0)
    # How long to wait for another writer to finish: short, so that a run blocked by a program
    # holding the warehouse says so within 15 s of its start.
    lock_wait_seconds: Seconds = _setting(10.0, "a number of seconds, 0 or more", ge=0)
    # Larger files are quarantined unread: news articles are under 100 KB, and extraction of
    # figure-dense text costs seconds per MB.
    max_file_bytes: int = _setting(8 * 1024 * 1024, f"{_WHOLE} of bytes, at least 1", ge=1)
    dask_window: int = _setting(4, f"{_WHOLE} of batches, at least 1", ge=1)   # on Dask at once
    # Bounds on what one file may cost, so a crafted file is quarantined instead of exhausting
    # memory or time. Survey tables have hundreds of cells, sidecars and official files are flat.
    max_unpacked_bytes: int = _setting(64 * 1024 * 1024, f"{_WHOLE} of bytes, at least 1", ge=1)
    max_table_rows: int = _setting(100_000, f"{_WHOLE} of rows, at least 1", ge=1)
    max_table_columns: int = _setting(1_000, f"{_WHOLE} of columns, at least 1", ge=1)
    max_table_cells: int = _setting(1_000_000, f"{_WHOLE} of cells, at least 1", ge=1)
    max_nesting: int = _setting(50, f"{_WHOLE} of levels, at least 1", ge=1)   # JSON, YAML
    max_figures_per_article: int = _setting(50_000, f"{_WHOLE} of figures, at least 1", ge=1)
    max_sentence_chars: int = _setting(5_000, f"{_WHOLE} of characters, at least 1", ge=1)
    # Quarantine rows listed per file; the rest are counted in one row.
    max_problems_per_file: int = _setting(100, f"{_WHOLE} of rows, 0 or more", ge=0)
    # An official file that would lose more than this share of the rows the warehouse holds for
    # it is quarantined and its previous rows stay (0: official statistics never shrink unasked).
    official_max_shrink: Share = _setting(0.0, "a share between 0 and 1 (0.1 = 10 % fewer rows)",
                                          ge=0, le=1)
    duckdb_memory: MemorySize = _setting("256MB", "a size such as 64MB or 1GB")   # DuckDB's cap in a run
    query_memory: MemorySize = _setting("1GB", "a size such as 64MB or 1GB")     # for query/export/report
    fetch_delay: Seconds = _setting(2.0, "a number of seconds, 0 or more", ge=0)
    fetch_timeout: Seconds = _setting(20.0, "a number of seconds, more than 0", gt=0)
    fetch_retries: int = _setting(3, f"{_WHOLE} of retries, 0 or more", ge=0)
    feeds: str = _setting("", "RSS/Atom URLs separated by spaces or commas")
    cron: str = _setting("0 2 * * *", "a cron expression such as '0 2 * * *'", min_length=1)
    cron_tz: TimeZone = _setting("Asia/Jakarta", "a time zone such as Asia/Jakarta")

    @property
    def feed_urls(self) -> list[str]:
        """The feeds the daily run fetches first."""
        return self.feeds.replace(",", " ").split()

    @classmethod
    def from_env(cls) -> Settings:
        """The settings the PRAKERJA_* variables give (read again only when they change)."""
        return _from_env(tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX))))

    @classmethod
    def load(cls, names: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """The environment's settings with `overrides` (CLI options, flow parameters; None = not
        given) over them; `names` says how an override is spelled for the user (`--raw-dir`)."""
        given = {key: value for key, value in overrides.items() if value is not None}
        if not given:
            return cls.from_env()
        try:
            return cls.model_validate({**cls.from_env().model_dump(), **given})
        except ValidationError as exc:
            raise ConfigError(_refusal(exc, names or {})) from None


def default(name: str) -> Any:
    """A setting's default, whatever the environment says (a flow parameter's default)."""
    return Settings.model_fields[name].default


@lru_cache(maxsize=8)
def _from_env(environment: tuple[tuple[str, str], ...]) -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigError(_refusal(exc, {})) from None


def variable(name: str) -> str:
    """The environment variable of a setting."""
    alias = Settings.model_fields[name].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else f"{ENV_PREFIX}{name.upper()}"


def _refusal(exc: ValidationError, names: dict[str, str]) -> str:
    """The first refused value as one line: where it came from, the value, what is accepted."""
    error = exc.errors()[0]
    key = str(error["loc"][0]) if error["loc"] else "?"
    field = next((f for f in Settings.model_fields if key in (f, variable(f))), key)
    where = names.get(field) or (variable(field) if field in Settings.model_fields else key)
    info = Settings.model_fields.get(field)
    accepts = info.description if info is not None else "no such setting"
    value = " ".join(str(error.get("input", "")).split())[:80]
    return f"{where}={value!r} is not valid: it takes {accepts}; fix it and run again"
