"""Turn a batch of raw files into validated warehouse rows (no Prefect, no DuckDB here)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.pandas as pa

from prakerja_etl import schemas
from prakerja_etl.errors import failure_reason
from prakerja_etl.settings import Settings
from prakerja_etl.sources import official
from prakerja_etl.sources.discover import SourceFile
from prakerja_etl.validate import split_valid
from prakerja_etl.warehouse.load import LoadBatch

# The extractors, imported where they are used (0.5 CPU-s of patterns, HTML and XLSX readers):
# the flow's process only validates and loads, its workers extract (they preload these).
EXTRACTORS = ["prakerja_etl.sources.articles", "prakerja_etl.sources.surveys"]


@dataclass
class FileResult:
    """What one file yielded before validation: rows per table, or why it cannot be used."""

    source: SourceFile
    quarantine_reason: str | None = None
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    text: str | None = None                                   # an article's decoded text
    problems: list[tuple[str, str | None]] = field(default_factory=list)   # rejected cells
    unlisted: int = 0                                          # further rejected cells, counted only


def extract_file(source: SourceFile, max_bytes: int) -> FileResult:
    """Extract one file; a file that cannot be used is returned with a quarantine reason."""
    if source.problem:
        return FileResult(source, source.problem)
    if source.size_bytes > max_bytes:
        return FileResult(source, f"file is {source.size_bytes:,} bytes, over the "
                                  f"{max_bytes:,}-byte limit (PRAKERJA_MAX_FILE_BYTES)")
    try:
        if source.kind == "survey":
            return _survey(source)
        return _article(source)
    except Exception as exc:  # noqa: BLE001 - the one guard: any failure is this file's, never the run's
        return FileResult(source, failure_reason(exc))


def _article(source: SourceFile) -> FileResult:
    from prakerja_etl.sources import articles  # see EXTRACTORS

    if not source.source_file.lower().endswith(articles.ARTICLE_SUFFIXES):
        return FileResult(source, "not a supported article file (expected "
                                  f"{', '.join(articles.ARTICLE_SUFFIXES)})")
    extraction = articles.extract_article(source.source_file, source.path.read_bytes())
    return FileResult(source, text=extraction.text, tables={
        "articles": [articles.article_row(extraction)],
        "figures": articles.figure_rows(extraction),
        "province_rankings": articles.ranking_rows(extraction),
        "data_quality": articles.quality_rows(extraction),
    })


def _survey(source: SourceFile) -> FileResult:
    from prakerja_etl.sources import surveys  # see EXTRACTORS

    if not source.source_file.lower().endswith(surveys.SURVEY_SUFFIXES):
        return FileResult(source, "a sidecar without its table (expected <stem>.csv or <stem>.xlsx)"
                          if source.path.suffix.lower() in (".yaml", ".yml")
                          else "not a supported survey table (expected .csv or .xlsx with a .yaml sidecar)")
    extraction = surveys.read_survey(source.path, source.source_file)
    return FileResult(source, tables={"survey_results": extraction.rows}, problems=extraction.problems,
                      unlisted=extraction.unlisted)


def warm_up() -> None:
    """Extract a short article, so that a worker has compiled the patterns it needs (on first use)
    before its first batch arrives."""
    from prakerja_etl.sources import articles  # see EXTRACTORS

    articles.extract_article("articles/warm-up.txt", b"Pada Maret 2023 penerima Kartu Prakerja "
                             b"mencapai 1,2 juta orang di 34 provinsi, naik 5 persen.")


def extract_files(sources: Iterable[SourceFile], max_bytes: int) -> list[FileResult]:
    return [extract_file(s, max_bytes) for s in sources]


def frame(model: type[pa.DataFrameModel], rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a DataFrame with exactly the model's columns."""
    return pd.DataFrame(rows, columns=list(model.to_schema().columns))


def build_batch(results: list[FileResult], run_id: str) -> LoadBatch:
    """Validate a batch's rows; rejected files and rows become quarantine rows."""
    quarantine = [quarantine_row(r.source.source_file, "read", r.quarantine_reason, None)
                  for r in results if r.quarantine_reason is not None]
    usable = [r for r in results if r.quarantine_reason is None]
    for r in usable:
        quarantine += [quarantine_row(r.source.source_file, "extract", reason, payload)
                       for reason, payload in r.problems]
    articles_df = validated(schemas.ArticleRow, _rows(usable, "articles"), quarantine)
    # An article whose own row is invalid is quarantined whole: its figures could not be traced.
    bad_articles = {r.source.source_file for r in usable if r.tables.get("articles")} - set(
        articles_df["source_file"])
    usable = [r for r in usable if r.source.source_file not in bad_articles]
    lengths = {r.source.source_file: len(r.text) for r in usable if r.text is not None}
    figures = frame(schemas.FigureCandidate, _rows(usable, "figures"))
    figures["source_chars"] = figures["source_file"].map(lengths)   # one column, not a copy of each row
    frames = {
        "articles": articles_df,
        "article_texts": pd.DataFrame({
            "article_id": [r.tables["articles"][0]["article_id"] for r in usable if r.text is not None],
            "text": [r.text for r in usable if r.text is not None]}),
        "figures": validated_frame(schemas.FigureCandidate, figures,
                                   quarantine).drop(columns=["source_chars"]),
        "province_rankings": validated(schemas.RankingRow, _rows(usable, "province_rankings"), quarantine),
        "survey_results": validated(schemas.SurveyResultRow, _rows(usable, "survey_results"), quarantine),
        "data_quality": validated(schemas.DataQualityRow, _rows(usable, "data_quality"), quarantine),
    }
    loaded = {r.source.source_file for r in usable}
    unlisted = {r.source.source_file: r.unlisted for r in results if r.unlisted}
    quarantine = capped(quarantine, Settings.from_env().max_problems_per_file, unlisted)
    frames["quarantine"] = frame(schemas.QuarantineRow, [dict(q, run_id=run_id) for q in quarantine])
    return LoadBatch(source_files=[source_row(r.source, r.source.source_file in loaded) for r in results],
                     frames=frames)


def build_official_batch(files: dict[str, bytes], sources: list[SourceFile], run_id: str,
                         previous: dict[str, int] | None = None,
                         max_shrink: float = 0.0) -> tuple[LoadBatch, list[str]]:
    """Parse and validate the official statistics: (the batch, the files quarantined whole).
    Unusable values and rows become quarantine rows. A file that cannot be used, or would leave
    fewer than (1 - max_shrink) of the `previous` rows the warehouse holds for it, is quarantined
    whole. When the warehouse already holds official statistics, such a file holds back the whole
    set (they are cross-checked as one: loading the others alone would rewrite their findings),
    so every official row stays as it was; on a first load the others load without it."""
    extraction = official.parse_official(files)
    quarantine = [quarantine_row(_file_of(payload, sources), "extract", reason, payload)
                  for reason, payload in extraction.problems]
    frames = {
        "official_recipients": validated(schemas.OfficialRecipientRow, extraction.recipients, quarantine),
        "official_province_totals": validated(schemas.OfficialProvinceTotalRow,
                                              extraction.province_totals, quarantine),
        "data_quality": validated(schemas.DataQualityRow, extraction.quality, quarantine),
    }
    held = dict(extraction.unusable)
    for name, before in (previous or {}).items():
        reason = name in files and name not in held and _shrink_reason(name, before, frames, max_shrink)
        if reason:
            held[name] = reason
    hold_all = bool(held and previous)
    if hold_all:
        waiting = "; the other official files wait for it (they are loaded as one set)"
        held = {name: reason + waiting for name, reason in held.items()}
        frames = {}
    for table, rows in frames.items():
        frames[table] = rows[~rows["source_file"].isin(list(held))]
    # Why a file is held comes first: the cap below keeps it.
    quarantine = [quarantine_row(name, "read", reason, None) for name, reason in held.items()] + quarantine
    quarantine = capped(quarantine, Settings.from_env().max_problems_per_file)
    frames["quarantine"] = frame(schemas.QuarantineRow, [dict(q, run_id=run_id) for q in quarantine])
    loaded = [] if hold_all else [source_row(s, True) for s in sources if s.source_file not in held]
    return LoadBatch(source_files=loaded, frames=frames), list(held)


def _shrink_reason(name: str, before: int, frames: dict[str, pd.DataFrame], max_shrink: float) -> str | None:
    """Why an official file is held back for losing rows, or None when it keeps enough."""
    after = sum(int((frames[t]["source_file"] == name).sum())
                for t in ("official_recipients", "official_province_totals"))
    if after >= before * (1 - max_shrink):
        return None
    return (f"{name} would replace the {before:,} rows the warehouse holds for it with {after:,} "
            f"(PRAKERJA_OFFICIAL_MAX_SHRINK allows {max_shrink:.0%} fewer); the previous rows are kept: "
            "fix the file, or raise the setting for one run to accept the drop")


def capped(quarantine: list[dict[str, Any]], per_file: int,
           unlisted: dict[str, int] | None = None) -> list[dict[str, Any]]:
    """The first `per_file` quarantine rows of each file, then one row counting the rest (and the
    `unlisted` ones a reader only counted): a file of a million bad cells costs a bounded quarantine."""
    kept: list[dict[str, Any]] = []
    more = Counter(unlisted or {})
    listed: Counter[str] = Counter()
    for row in quarantine:
        listed[row["source_file"]] += 1
        if listed[row["source_file"]] <= per_file:
            kept.append(row)
        else:
            more[row["source_file"]] += 1
    for source_file, count in more.items():
        if count:
            kept.append(quarantine_row(
                source_file, "validate", f"{count:,} more rejected rows or cells of this file are not "
                f"listed (the first {per_file:,} are; PRAKERJA_MAX_PROBLEMS_PER_FILE): fix those, run "
                "again", None))
    return kept


def _file_of(payload: str | None, sources: list[SourceFile]) -> str:
    named = json.loads(payload).get("source_file") if payload else None
    return named or (sources[0].source_file if sources else "official")


def _rows(results: list[FileResult], table: str) -> list[dict[str, Any]]:
    return [row for r in results for row in r.tables.get(table, [])]


def source_row(source: SourceFile, loaded: bool) -> dict[str, Any]:
    """The file's row of `source_files`."""
    return {"source_file": source.source_file, "kind": source.kind,
            "content_sha256": source.content_sha256, "size_bytes": source.size_bytes,
            "status": "loaded" if loaded else "quarantined"}


def validated(model: type[pa.DataFrameModel], rows: list[dict[str, Any]],
              quarantine: list[dict[str, Any]]) -> pd.DataFrame:
    """Valid rows of `model`; each rejected row is appended to `quarantine` with its reason."""
    return validated_frame(model, frame(model, rows), quarantine)


def validated_frame(model: type[pa.DataFrameModel], rows: pd.DataFrame,
                    quarantine: list[dict[str, Any]]) -> pd.DataFrame:
    valid, rejected = split_valid(model, rows)
    for q in rejected:
        source_file = json.loads(q["payload"]).get("source_file") or "?"
        quarantine.append(quarantine_row(source_file, "validate", q["reason"], q["payload"]))
    return valid


# A reason is read by a person: a value quoted in it (a 4,000-digit id) is cut to keep it one line.
REASON_CHARS = 400


def quarantine_row(source_file: str, stage: str, reason: str | None,
                   payload: str | None) -> dict[str, Any]:
    if reason is not None and len(reason) > REASON_CHARS:
        reason = reason[:REASON_CHARS - 1] + "…"
    return {"source_file": source_file, "stage": stage, "reason": reason, "payload": payload}
