"""Turn a batch of raw files into validated warehouse rows (no Prefect, no DuckDB here)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa

from prakerja_etl import schemas
from prakerja_etl.errors import UnreadableInput
from prakerja_etl.sources import articles
from prakerja_etl.sources.discover import SourceFile
from prakerja_etl.validate import split_valid
from prakerja_etl.warehouse.store import LoadBatch


@dataclass
class FileResult:
    """What one file yielded before validation."""

    source: SourceFile
    quarantine_reason: str | None = None
    article: dict[str, Any] | None = None
    text: str | None = None
    figures: list[dict[str, Any]] = field(default_factory=list)
    rankings: list[dict[str, Any]] = field(default_factory=list)


def extract_file(source: SourceFile, max_bytes: int) -> FileResult:
    """Extract one file; a file that cannot be used is returned with a quarantine reason."""
    if source.size_bytes > max_bytes:
        return FileResult(source, f"file is {source.size_bytes:,} bytes, over the "
                                  f"{max_bytes:,}-byte limit (PRAKERJA_MAX_FILE_BYTES)")
    if not source.source_file.lower().endswith(articles.ARTICLE_SUFFIXES):
        return FileResult(source, "not a supported article file (expected .txt)")
    try:
        extraction = articles.extract_article(source.source_file, source.path.read_bytes())
    except UnreadableInput as exc:
        return FileResult(source, str(exc))
    except OSError as exc:
        return FileResult(source, f"cannot read the file: {exc.strerror or exc}")
    return FileResult(
        source, article=articles.article_row(extraction), text=extraction.text,
        figures=articles.figure_rows(extraction), rankings=articles.ranking_rows(extraction),
    )


def extract_files(sources: Iterable[SourceFile], max_bytes: int) -> list[FileResult]:
    return [extract_file(s, max_bytes) for s in sources]


def _frame(model: type[pa.DataFrameModel], rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(model.to_schema().columns))


def build_batch(results: list[FileResult], run_id: str) -> LoadBatch:
    """Validate a batch's rows; rejected files and rows become quarantine rows."""
    quarantine = [_quarantine_row(r.source.source_file, "read", r.quarantine_reason, None)
                  for r in results if r.quarantine_reason is not None]
    good = [r for r in results if r.quarantine_reason is None and r.article is not None]
    articles_df = _validated(schemas.ArticleRow, [r.article for r in good if r.article], quarantine)
    # A file whose article row is invalid is quarantined whole: its figures cannot be traced.
    good = [r for r in good if r.source.source_file in set(articles_df["source_file"])]
    lengths = {r.source.source_file: len(r.text or "") for r in good}
    figure_rows = [dict(f, source_chars=lengths[f["source_file"]]) for r in good for f in r.figures]
    figures = _validated(schemas.FigureCandidate, figure_rows, quarantine)
    rankings = _validated(schemas.RankingRow, [x for r in good for x in r.rankings], quarantine)
    loaded = set(lengths)
    files = [{"source_file": r.source.source_file, "kind": r.source.kind,
              "content_sha256": r.source.content_sha256, "size_bytes": r.source.size_bytes,
              "status": "loaded" if r.source.source_file in loaded else "quarantined"}
             for r in results]
    texts = pd.DataFrame({"article_id": [r.article["article_id"] for r in good if r.article],
                          "text": [r.text for r in good]})
    return LoadBatch(source_files=files, frames={
        "articles": articles_df,
        "article_texts": texts,
        "figures": figures.drop(columns=["source_chars"]),
        "province_rankings": rankings,
        "quarantine": _frame(schemas.QuarantineRow, [dict(q, run_id=run_id) for q in quarantine]),
    })


def _validated(model: type[pa.DataFrameModel], rows: list[dict[str, Any]],
               quarantine: list[dict[str, Any]]) -> pd.DataFrame:
    """Valid rows of `model`; each rejected row is appended to `quarantine` with its reason."""
    valid, rejected = split_valid(model, _frame(model, rows))
    for q in rejected:
        source_file = json.loads(q["payload"]).get("source_file") or "?"
        quarantine.append(_quarantine_row(source_file, "validate", q["reason"], q["payload"]))
    return valid


def _quarantine_row(source_file: str, stage: str, reason: str | None,
                    payload: str | None) -> dict[str, Any]:
    return {"source_file": source_file, "stage": stage, "reason": reason, "payload": payload}
