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
    # Bounds on what one file may cost, so a crafted file is quarantined instead of exhausting
    # memory or time. Survey tables have hundreds of cells, sidecars and official files are flat.
    max_unpacked_bytes: int = 64 * 1024 * 1024   # an XLSX's content once decompressed
    max_table_rows: int = 100_000
    max_table_columns: int = 1_000
    max_table_cells: int = 1_000_000             # cells read (empty padding included)
    max_nesting: int = 50                        # lists/mappings inside each other (JSON, YAML)
    max_figures_per_article: int = 50_000        # a news article states hundreds at most
    max_sentence_chars: int = 5_000              # the longest in the corpora has 400
    max_problems_per_file: int = 100             # quarantine rows per file, then one summary row
    # An official file that would lose more than this share of the rows the warehouse holds for
    # it is quarantined and its previous rows stay (0: official statistics never shrink unasked).
    official_max_shrink: float = 0.0

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
            max_unpacked_bytes=int(env.get("PRAKERJA_MAX_UNPACKED_BYTES", cls.max_unpacked_bytes)),
            max_table_rows=int(env.get("PRAKERJA_MAX_TABLE_ROWS", cls.max_table_rows)),
            max_table_columns=int(env.get("PRAKERJA_MAX_TABLE_COLUMNS", cls.max_table_columns)),
            max_table_cells=int(env.get("PRAKERJA_MAX_TABLE_CELLS", cls.max_table_cells)),
            max_nesting=int(env.get("PRAKERJA_MAX_NESTING", cls.max_nesting)),
            max_figures_per_article=int(env.get("PRAKERJA_MAX_FIGURES_PER_ARTICLE",
                                                cls.max_figures_per_article)),
            max_sentence_chars=int(env.get("PRAKERJA_MAX_SENTENCE_CHARS", cls.max_sentence_chars)),
            max_problems_per_file=int(env.get("PRAKERJA_MAX_PROBLEMS_PER_FILE", cls.max_problems_per_file)),
            official_max_shrink=float(env.get("PRAKERJA_OFFICIAL_MAX_SHRINK", cls.official_max_shrink)),
        )
