"""Where the reference data lives: the YAML files in `prakerja_etl/reference/` (the metric
catalog, lexicon, nouns, subjects, provinces, regencies, waves…; the repository's top-level
`schemas/` is a link to that folder). The folder is found with importlib.resources, so an
installed wheel reads the files it ships, as a checkout reads its own."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _reference_dir() -> Path:
    folder = files("prakerja_etl") / "reference"
    # A package installed from a wheel or a checkout is a folder of files; only an import from a
    # zip archive would give another kind of resource, and the readers need real files.
    if not isinstance(folder, Path):
        raise RuntimeError("prakerja_etl must be installed as files (pip or uv install), "
                           "not imported from a zip")
    return folder


REFERENCE_DIR: Path = _reference_dir()
