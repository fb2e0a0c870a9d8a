"""What the extractor makes of sentences written for the classification tests."""

from __future__ import annotations

from prakerja_etl.figures.extract import Figure, extract_figures
from prakerja_etl.text.segment import split_sentences


def figures(text: str, year: int = 2022) -> list[Figure]:
    return extract_figures(split_sentences(text), year)


def metrics(text: str) -> list[tuple[float, str | None]]:
    return [(round(f.value, 2), f.metric) for f in figures(text)]


def only(text: str) -> str | None:
    [found] = figures(text)
    return found.metric
