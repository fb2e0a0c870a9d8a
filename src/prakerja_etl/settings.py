"""One settings object, read from PRAKERJA_* environment variables with sensible defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

# The repository root: schemas/ and flows/ live beside src/.
REPO_ROOT = Path(__file__).resolve().parents[2]
SCHEMAS_DIR = REPO_ROOT / "schemas"
FLOWS_DIR = REPO_ROOT / "flows"


@dataclass(frozen=True)
class Settings:
    raw_dir: Path = Path("data/raw")
    warehouse_path: Path = Path("data/warehouse/prakerja.duckdb")
    batch_size: int = 500            # files per extract-validate-load batch
    workers: int = 0                 # extraction processes; 0 = one per core
    # How long to wait for another writer to finish: short, so that a run blocked by a program
    # holding the warehouse says so within 15 s of its start.
    lock_wait_seconds: float = 10.0
    # Larger files are quarantined unread: news articles are under 100 KB, and extraction of
    # figure-dense text costs seconds per MB.
    max_file_bytes: int = 8 * 1024 * 1024
    dask_window: int = 4             # batches extracted on Dask at once (bounds memory)

    @classmethod
    def from_env(cls) -> Settings:
        """Defaults overridden by PRAKERJA_RAW_DIR, PRAKERJA_WAREHOUSE, PRAKERJA_BATCH_SIZE, …"""
        env = os.environ
        return cls(
            raw_dir=Path(env.get("PRAKERJA_RAW_DIR", cls.raw_dir)),
            warehouse_path=Path(env.get("PRAKERJA_WAREHOUSE", cls.warehouse_path)),
            batch_size=int(env.get("PRAKERJA_BATCH_SIZE", cls.batch_size)),
            workers=int(env.get("PRAKERJA_WORKERS", cls.workers)),
            lock_wait_seconds=float(env.get("PRAKERJA_LOCK_WAIT_SECONDS", cls.lock_wait_seconds)),
            max_file_bytes=int(env.get("PRAKERJA_MAX_FILE_BYTES", cls.max_file_bytes)),
            dask_window=int(env.get("PRAKERJA_DASK_WINDOW", cls.dask_window)),
        )
