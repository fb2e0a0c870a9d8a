"""The timing a sentence gets, for the timing tests: each figure's metric, period, basis, as_of."""

from __future__ import annotations

from typing import Any

from prakerja_etl.sources.articles import extract_article


def timing(body: str, dated: str = "Rabu, 8 Maret 2023 09:00 WIB") -> dict[str, tuple[Any, ...]]:
    """raw text of each figure → (metric, period, basis, as_of), for an article dated `dated`."""
    text = f"Kabar terbaru program pelatihan kerja dari pemerintah\n{dated}\n{body}\n"
    a = extract_article("articles/uji.txt", text.encode("utf-8"))
    return {f.sentence.text[f.start - f.sentence.start:f.end - f.sentence.start]:
            (f.metric, f.period, f.basis, f.as_of) for f in a.figures}


def timing_all(body: str, dated: str = "Rabu, 8 Maret 2023 09:00 WIB") -> list[tuple[Any, ...]]:
    """(metric, period, basis, as_of) of each figure in text order, repeats included."""
    text = f"Kabar terbaru program pelatihan kerja dari pemerintah\n{dated}\n{body}\n"
    return [(f.metric, f.period, f.basis, f.as_of)
            for f in extract_article("articles/uji.txt", text.encode("utf-8")).figures]
