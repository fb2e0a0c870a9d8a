"""Entry point of the ingest flow, for Prefect deployments (`flows/ingest.py:ingest`) and
`python flows/ingest.py`; the flow itself is `prakerja_etl.flow.ingest`."""

from __future__ import annotations

from prakerja_etl.flow import extract_on_dask, ingest

__all__ = ["extract_on_dask", "ingest"]

if __name__ == "__main__":
    print(ingest())
