"""A count of areas (provinces, regencies…) that share a property over a threshold ('Hanya enam provinsi yang
penerimanya di atas 400 ribu orang') says neither how far the programme reaches nor how many
anyone counted: the count is no coverage, the bound no count."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prakerja_etl.figures import classify as cls
from prakerja_etl.figures import places
from prakerja_etl.figures.interval import hedge

if TYPE_CHECKING:
    from prakerja_etl.figures.extract import Figure

_BOUNDS = {"at_least", "at_most"}
_OPENING_WORDS = 2   # 'Hanya enam provinsi', 'Tercatat ada 7 provinsi': the count is the subject


def areas_over_threshold(figures: list[Figure]) -> list[Figure]:
    """The figures, with each such pair (an area count, then its bounded figure) unclassified."""
    out = list(figures)
    for i in range(1, len(out)):
        areas, bound = out[i - 1], out[i]
        if bound.qualifier and bound.sentence is areas.sentence and hedge(bound.qualifier) in _BOUNDS and \
                cls.LEX.areas_noun.match(areas.sentence.text[areas.end - areas.sentence.start:]) and \
                _each_area(areas, bound):
            out[i - 1] = replace(areas, metric=None, rule="exclusion:areas-over-threshold")
            out[i] = replace(bound, metric=None, province=None, rule="exclusion:threshold-of-areas")
    return out


def _each_area(areas: Figure, bound: Figure) -> bool:
    """The area count opens its clause and the words up to the bound say each area has it."""
    at, text = areas.sentence.start, areas.sentence.text
    # (after the dateline: 'Jakarta - Hanya enam provinsi …')
    clause = cls.CLAUSE_BREAK.split(text[places.dateline_end(text):areas.start - at])[-1]
    between = text[areas.end - at:bound.start - at]
    return len(clause.split()) <= _OPENING_WORDS and cls.CLAUSE_BREAK.search(between) is None and \
        cls.LEX.areas_each.search(between) is not None
