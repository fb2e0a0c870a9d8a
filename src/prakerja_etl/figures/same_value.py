"""The same value stated twice in one article is one quantity: a figure whose own words decided
little takes the metric its value is given elsewhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from prakerja_etl.figures import classify as cls
from prakerja_etl.figures.decide import CHANGED_FROM, CLAUSE_BREAK
from prakerja_etl.figures.lazy import cached
from prakerja_etl.figures.stated_periods import clause_end
from prakerja_etl.figures.time_cues import CUES
from prakerja_etl.text.periods import find_periods

if TYPE_CHECKING:
    from prakerja_etl.figures.extract import Figure

SAME_VALUE = "same-value:"   # the rule prefix of a figure that takes the metric its value has elsewhere


def one_value_one_quantity(figures: list[Figure], year: int | None) -> list[Figure]:
    """A figure nothing decided takes the metric the article gives its value elsewhere (a large
    number, or one whose noun points back: 'delapan mitra tersebut'); a figure a generic cue
    decided takes the more specific one (`same_value_prefers`) unless its own clause says the count
    was reached, it is what a count changed into ('dari 6 juta pada 2021 menjadi sejuta orang'),
    or its clause and the other's name different years ('5,9 juta penerima tahun lalu' is no
    restatement of 'target tahun ini 5,9 juta'). `year`: the article's."""
    stated: dict[tuple[str, float], list[Figure]] = {}
    for f in figures:
        if f.metric:
            stated.setdefault((f.unit, f.value), []).append(f)
    prefers = cls.LEX.same_value_prefers
    # What each stated value's figures say, worked out once per value (an article stating one
    # value thousands of times must not compare every pair), and only for a value asked about.
    said: dict[tuple[str, float], _StatedValue] = {}
    out = []
    for f in figures:
        key, weak = (f.unit, f.value), f.rule == cls.WEAK.rule
        asks = key in stated and (weak or f.metric in prefers)
        value = (said.get(key) or said.setdefault(key, _StatedValue(stated[key], prefers))) if asks else None
        if weak and value and (
                f.value >= 1000 or cls.LEX.demonstrative.match(f.sentence.text[f.end - f.sentence.start:])):
            best = value.best
            f = replace(f, metric=best.metric, province=f.province or best.province,
                        rule=SAME_VALUE + best.rule)
        elif value and f.metric in prefers and f.rule != CHANGED_FROM and f.metric not in value.reached:
            specific = value.first.get(prefers[f.metric])
            if specific is not None and not _other_years(f, specific, year):
                f = replace(f, metric=specific.metric, rule=SAME_VALUE + specific.rule)
        out.append(f)
    return out


class _StatedValue:
    """The classified figures of an article that state one value."""

    def __init__(self, others: list[Figure], prefers: dict[str, str]) -> None:
        self.others, self.prefers = others, prefers
        self.first: dict[str | None, Figure] = {}      # metric → its first figure
        for g in others:
            self.first.setdefault(g.metric, g)

    @cached
    def best(self) -> Figure:
        """The figure a weakly decided one follows: a specific metric's, else the most common."""
        common = Counter(g.metric for g in self.others).most_common(1)[0][0]
        return next((g for g in self.others if g.metric in self.prefers.values()), None) or self.first[common]

    @cached
    def reached(self) -> set[str | None]:
        """Metrics of the figures whose own clause says the count was reached."""
        return {g.metric for g in self.others if g.metric in self.prefers and _reached(g)}


def _reached(f: Figure) -> bool:
    """A count its own clause says was reached ('sudah menjangkau 16 juta peserta', '600 ribu orang
    lolos')."""
    text, at = f.sentence.text, f.start - f.sentence.start
    # (after it, a verb of its own within three words: an adverb there may lead to a plan's verb,
    # '5,6 juta peserta yang sudah disasar')
    after = " ".join(CLAUSE_BREAK.split(text[f.end - f.sentence.start:], maxsplit=1)[0].split()[:3])
    verb = cls.LEX.person_realised.search(after)
    return f.unit == "person" and bool(cls.LEX.person_realised.search(CLAUSE_BREAK.split(text[:at])[-1])
                                       or verb is not None and not _adverb(verb.group()))


def _adverb(words: str) -> bool:
    """Whether the words only say when or that it has happened ('sudah', 'kini', 'hingga kini'):
    no verb of their own."""
    return any(cue.regex.fullmatch(words) for cue in (CUES.perfect, CUES.present, CUES.so_far))


def _other_years(f: Figure, g: Figure, year: int | None) -> bool:
    """Whether the clauses of `f` and `g` each name a year, and none the same."""
    mine, theirs = _clause_years(f, year), _clause_years(g, year)
    return bool(mine) and bool(theirs) and not mine & theirs


def _clause_years(f: Figure, year: int | None) -> set[str]:
    text, at = f.sentence.text, f.start - f.sentence.start
    start = ([m.end() for m in CLAUSE_BREAK.finditer(text, 0, at)] or [0])[-1]
    return {p.period[:4] for p in find_periods(text[start:clause_end(text, f.end - f.sentence.start)], year)
            if p.period}
