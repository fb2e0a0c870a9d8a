"""Where the data shipped inside the package lives, found with importlib.resources so that an
installed wheel reads its own files as a checkout does: the reference data (the YAML files in
`prakerja_etl/reference/`: metric catalog, lexicon, nouns, subjects, provinces, regencies,
waves…; the repository's top-level `schemas/` is a link to that folder) and the warehouse's
view models (`prakerja_etl/warehouse/views/`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def package_folder(package: str, *parts: str) -> Path:
    """The folder `parts` inside `package`, as a path."""
    folder = files(package).joinpath(*parts)
    # A package installed from a wheel or a checkout is a folder of files; only an import from a
    # zip archive would give another kind of resource, and the readers need real files.
    if not isinstance(folder, Path):
        raise RuntimeError("prakerja_etl must be installed as files (pip or uv install), "
                           "not imported from a zip")
    return folder


REFERENCE_DIR: Path = package_folder("prakerja_etl", "reference")
