"""Read one news article file and extract its metadata, figures and province rankings."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.figures.extract import Figure, extract_figures
from prakerja_etl.figures.interval import stored
from prakerja_etl.figures.proposals import without_examples, without_proposals
from prakerja_etl.figures.rankings import Ranking, find_rankings
from prakerja_etl.figures.scenes import ArticleTime
from prakerja_etl.figures.time_cues import CUES
from prakerja_etl.figures.timing import time_article
from prakerja_etl.settings import Settings
from prakerja_etl.sources.html_article import read_html
from prakerja_etl.sources.json_article import read_json
from prakerja_etl.text.clean import CleanText, clean_text
from prakerja_etl.text.decode import decode_bytes
from prakerja_etl.text.metadata import ArticleMeta, read_metadata, undated_fallback
from prakerja_etl.text.segment import Line, split_lines, split_sentences

# How each kind of article file becomes text (and the encoding it was decoded with); spans index
# into that text. A saved page or a scraper's JSON yields its article laid out like a .txt file.
_TO_TEXT: dict[str, Callable[[bytes], tuple[str, str]]] = {
    ".txt": decode_bytes, ".html": read_html, ".htm": read_html, ".json": read_json,
}
ARTICLE_SUFFIXES = tuple(_TO_TEXT)


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything one article file yields; offsets point into `text` (the decoded file)."""

    source_file: str
    article_id: str
    content_sha256: str
    encoding: str
    text: str
    clean: CleanText
    meta: ArticleMeta
    figures: list[Figure]
    rankings: list[Ranking]
    sentence_periods: dict[int, str | None]     # sentence start → period in force there
    checks_claims: bool      # a fact-check: states claimed values beside the true ones on purpose


def article_id_for(source_file: str) -> str:
    """Stable id of an article: its path in the raw folder, so an edit keeps the id."""
    return hashlib.sha256(source_file.encode("utf-8")).hexdigest()[:16]


def extract_article(source_file: str, data: bytes) -> ArticleExtraction:
    """Extract an article; raises UnreadableInput when the bytes are not article text."""
    text, encoding = _TO_TEXT.get(PurePosixPath(source_file).suffix.lower(), decode_bytes)(data)
    clean = clean_text(text)
    lines = split_lines(clean.text)
    sentences = split_sentences(clean.text, lines)
    meta = read_metadata(lines)
    when = _article_time(meta, lines)
    limits = _limits(os.environ.get("PRAKERJA_MAX_SENTENCE_CHARS"),
                     os.environ.get("PRAKERJA_MAX_FIGURES_PER_ARTICLE"))
    longest = max((len(s.text) for s in sentences), default=0)
    if longest > limits.max_sentence_chars:
        # Reading figures costs time in the sentence's length for each of its figures.
        raise UnreadableInput(f"the text has a sentence of {longest:,} characters, over the "
                              f"{limits.max_sentence_chars:,}-character limit (PRAKERJA_MAX_SENTENCE_CHARS); "
                              "a news article's sentences are a few hundred")
    found = extract_figures(sentences, when.year, limits.max_figures_per_article)
    figures, sentence_periods = time_article(without_examples(without_proposals(found, sentences)),
                                             sentences, when)
    return ArticleExtraction(
        source_file=source_file, article_id=article_id_for(source_file),
        content_sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, text=text,
        clean=clean, meta=meta, figures=figures,
        rankings=find_rankings(sentences), sentence_periods=sentence_periods,
        checks_claims=CUES.fact_check.search(clean.text) is not None,
    )


@lru_cache(maxsize=8)
def _limits(sentence_chars: str | None, figures: str | None) -> Settings:
    """The settings, read again only when the two limits an article obeys change: reading every
    setting cost as much per article as splitting it into sentences."""
    return Settings.from_env()


def _article_time(meta: ArticleMeta, lines: list[Line]) -> ArticleTime:
    """The date relative periods and running totals count from: the event or publication date,
    else what the text itself says."""
    day = meta.event_date or meta.published
    if day:
        return ArticleTime(day=day, year=day.year)
    day, year = undated_fallback(lines)
    return ArticleTime(day=day, year=year)


def article_row(a: ArticleExtraction) -> dict[str, Any]:
    """The article's row of the `articles` relation (without load bookkeeping)."""
    return {
        "article_id": a.article_id, "source_file": a.source_file,
        "content_sha256": a.content_sha256, "outlet": a.meta.outlet,
        "dateline": a.meta.dateline, "event_date": a.meta.event_date,
        "published_date": a.meta.published, "author": a.meta.author, "title": a.meta.title,
        "encoding": a.encoding, "n_chars": len(a.text), "checks_claims": a.checks_claims,
    }


def quality_rows(a: ArticleExtraction) -> list[dict[str, Any]]:
    """`data_quality` rows for what the article states but cannot be loaded as stated: a date
    written with scrambled digits leaves the article's dates NULL."""
    return [{"source_file": a.source_file, "check_name": "article_date_garbled", "severity": "warning",
             "detail": f"the article's date {text!r} is not a real date (scrambled digits?); the article "
                       "is loaded with no event or publication date",
             "expected": None, "observed": text} for text in a.meta.garbled]


def figure_rows(a: ArticleExtraction) -> list[dict[str, Any]]:
    """Rows of the `figures` relation: spans in the original file text, `raw_text` as repaired
    (the file's '5,5Â juta' reads '5,5 juta')."""
    rows = []
    for i, f in enumerate(a.figures):
        start, end = a.clean.to_raw(f.start), a.clean.to_raw(f.end)
        low, high = stored(f.bounds())
        rows.append({
            "figure_id": f"{a.article_id}-{i:04d}", "article_id": a.article_id,
            "source_file": a.source_file, "value": float(f.value), "unit": f.unit,
            "metric": f.metric, "raw_text": a.clean.text[f.start:f.end], "sentence": f.sentence.text,
            "char_start": start, "char_end": end, "period": f.period,
            "province_code": f.province.code if f.province else None,
            "province_name": f.province.name if f.province else None,
            "qualifier": f.qualifier, "range_part": f.range_part,
            "subject": f.subject, "rule": f.rule, "basis": f.basis, "as_of": f.as_of,
            "value_low": low, "value_high": high,
        })
    return rows


def ranking_rows(a: ArticleExtraction) -> list[dict[str, Any]]:
    """Rows of the `province_rankings` relation."""
    rows = []
    for r in a.rankings:
        start = a.clean.to_raw(r.sentence.start + r.province.start)
        end = a.clean.to_raw(r.sentence.start + r.province.end)
        rows.append({
            "article_id": a.article_id, "source_file": a.source_file,
            "province_code": r.province.province.code, "province_name": r.province.province.name,
            "direction": r.direction, "rank": r.rank, "period": a.sentence_periods.get(r.sentence.start),
            "sentence": r.sentence.text,
            "char_start": start, "char_end": end,
        })
    return rows
