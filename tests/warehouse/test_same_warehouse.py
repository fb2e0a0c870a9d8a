"""The warehouse the dev corpus builds, fingerprinted: refactors must leave it the same.

Every table and view is compared by its columns, their types and a hash of its rows, with what
differs between any two runs left out (run ids, timestamps, the temporary
folder's path, the extractor's code hash).
After a change that is meant to alter the warehouse, rewrite the fingerprint with
`python tests/warehouse/test_same_warehouse.py <warehouse> <raw dir>` and say why in the commit.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb

FINGERPRINT = Path(__file__).resolve().parents[1] / "data" / "dev_warehouse.json"
# Columns whose values differ between any two runs of the same input, and the extractor's and
# the package's versions, hashes of the code that any edit of it changes by design.
VOLATILE = {"run_id", "flow_run_id", "content_run_id", "superseded_by_run", "loaded_at", "removed_at",
            "quarantined_at", "started_at", "finished_at", "valid_from", "valid_to", "content_since",
            "extractor_version", "code_version"}


def fingerprint(warehouse: Path, raw_dir: Path) -> dict[str, Any]:
    """{relation: {columns: [[name, type]…], rows: n, sha256: …}} for every table and view."""
    result: dict[str, Any] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        relations = [r for (r,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY table_name").fetchall()]
        for relation in relations:
            columns = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [relation]).fetchall()
            kept = [name for name, _ in columns if name not in VOLATILE]
            selected = ", ".join(f'"{name}"' for name in kept)
            rows = con.execute(f'SELECT {selected} FROM "{relation}"').fetchall()
            lines = sorted(repr(row).replace(str(raw_dir), "<raw>") for row in rows)
            result[relation] = {"columns": [list(c) for c in columns], "rows": len(rows),
                                "sha256": hashlib.sha256("\n".join(lines).encode()).hexdigest()}
    return result


def build(ingest: Any, corpus: Path, root: Path) -> tuple[Path, Path]:
    """The dev articles, survey tables and official statistics, loaded into a new warehouse."""
    raw = root / "raw"
    (raw / "articles").mkdir(parents=True)
    for path in sorted((corpus / "dev").glob("*.txt")):
        shutil.copy(path, raw / "articles" / path.name)
    shutil.copytree(corpus / "dev" / "surveys", raw / "surveys",
                    ignore=shutil.ignore_patterns("gold", "*.md"))
    shutil.copytree(corpus / "official", raw / "official")
    warehouse = root / "dev.duckdb"
    ingest(raw_dir=str(raw), warehouse_path=str(warehouse))
    return warehouse, raw


def test_the_dev_corpus_builds_the_recorded_warehouse(ingest: Any, corpus: Path, tmp_path: Path) -> None:
    warehouse, raw = build(ingest, corpus, tmp_path)
    expected = json.loads(FINGERPRINT.read_text())
    measured = fingerprint(warehouse, raw)
    assert sorted(measured) == sorted(expected), "the warehouse's tables and views changed"
    changed = [name for name in expected if measured[name] != expected[name]]
    assert not changed, f"relations that differ from {FINGERPRINT.name}: {changed}"


if __name__ == "__main__":
    FINGERPRINT.write_text(json.dumps(fingerprint(Path(sys.argv[1]), Path(sys.argv[2])), indent=1) + "\n")
