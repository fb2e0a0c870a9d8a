"""The metric catalog (`schemas/metrics.yaml`): ids, units, labels and cue words."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from prakerja_etl.reference_data import REFERENCE_DIR

CATALOG_PATH = REFERENCE_DIR / "metrics.yaml"


@dataclass(frozen=True)
class Metric:
    metric: str
    unit: str
    label: str
    topic: str
    cues: tuple[str, ...]


@lru_cache(maxsize=4)
def load_catalog(path: Path = CATALOG_PATH) -> tuple[Metric, ...]:
    """Every metric of the catalog, in catalog order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(
        Metric(metric=mid, unit=spec["unit"], label=spec["label"], topic=topic,
               cues=tuple(spec.get("cues", [])))
        for topic, metrics in data.items() for mid, spec in metrics.items()
    )
