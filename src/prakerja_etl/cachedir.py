"""prakerja-etl's folder in the user's cache: what a run can rebuild, kept to make the next one quick."""

from __future__ import annotations

import os
from pathlib import Path


def user_cache(*parts: str) -> Path:
    """`$XDG_CACHE_HOME/prakerja-etl/<parts…>` (`~/.cache` when the variable is not set)."""
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root, "prakerja-etl", *parts)
