"""Breakdowns: 'empat mitra pembayaran, yaitu satu bank dan tiga dompet digital', 'Anggaran 2021
Rp21,2 triliun. Jumlah itu terdiri atas Rp20 triliun … dan tambahan Rp1,2 triliun': two or more
figures after a word that opens a whole's breakdown (CUES.breakdown), in the whole's sentence or in
the next one pointing back to it, that add up to the whole within its rounding are its parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from prakerja_etl.figures.classify import LEX
from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.period import timed
from prakerja_etl.figures.time_cues import CUES
from prakerja_etl.text.segment import Sentence


def breakdowns_are_parts(figures: list[Figure]) -> list[Figure]:
    """Each part of a breakdown with `part` basis and the whole's metric (a piece its own words
    named nothing of, such as 'tambahan Rp1,2 triliun', takes it with the rule `part-of:`)."""
    out = list(figures)
    for whole, after, pointed_back in _breakdowns(figures):
        # (a piece naming nothing is a part only of a whole pointed back to: 'satu bank dan tiga
        # dompet digital' after 'empat mitra pembayaran, yaitu' count other things)
        # ('Target 2021 5,6 juta orang. Rinciannya, 2,7 juta orang … dan 2,9 juta …': pieces a generic
        # cue named, as counts of people, break down the more specific whole)
        generic = [g for g, specific in LEX.same_value_prefers.items() if specific == whole.metric]
        named = (whole.metric, None, *generic) if pointed_back else (whole.metric,)
        parts = [j for j in after if figures[j].unit == whole.unit and figures[j].subject is None
                 and figures[j].metric in named]
        low, high = whole.bounds()
        if len(parts) < 2 or not low <= sum(figures[j].value for j in parts) <= high:
            continue
        for j in parts:
            f = out[j]
            if f.metric != whole.metric:
                f = replace(f, metric=whole.metric, rule="part-of:" + whole.rule)
            # (a piece of its own part of the whole's period, 'pada semester I', is that period's total,
            # as a year's count is of a count over several years)
            own = bool(f.period and (whole.period is None or len(f.period) > len(whole.period)
                                     and f.period.startswith(whole.period)))
            out[j] = f if own else timed(f, period=f.period, basis="part", as_of=None)
    return out


def _breakdowns(figures: list[Figure]) -> Iterator[tuple[Figure, list[int], bool]]:
    """(whole, the indices of the figures after its breakdown word, whether the breakdown points
    back to the whole from the next sentence) for every breakdown."""
    by_sentence: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        by_sentence.setdefault(f.sentence.start, []).append(i)
    before: list[int] = []
    for indices in by_sentence.values():
        sentence, first = figures[indices[0]].sentence, figures[indices[0]]
        for n, i in enumerate(indices[:-2]):   # a whole has two parts or more after it
            whole, after = figures[i], indices[n + 1:]
            if _can_break_down(whole) and _breakdown_between(sentence, whole.end, figures[after[0]].start):
                yield whole, after, False
        # 'Jumlah itu terdiri atas …' right after the sentence of the whole it points back to
        wholes = [figures[i] for i in before if figures[i].unit == first.unit]
        if wholes and _can_break_down(wholes[-1]) and wholes[-1].sentence.end >= sentence.start - 2 and \
                len(indices) >= 2 and (CUES.anaphora.regex.match(sentence.text) or _specific(wholes[-1])
                                       and CUES.breakdown.regex.match(sentence.text)) and \
                _breakdown_between(sentence, sentence.start, first.start):
            yield wholes[-1], indices, True
        before = indices


def _specific(whole: Figure) -> bool:
    """Whether the whole is what a generic cue's count or amount may be of ('Rinciannya, 2,7 juta orang
    …' after a target: its pieces are of the target, though 'orang' alone makes a count of people)."""
    return whole.metric in LEX.same_value_prefers.values()


def _can_break_down(whole: Figure) -> bool:
    return whole.metric is not None and whole.basis != "part"


def _breakdown_between(sentence: Sentence, start: int, end: int) -> bool:
    """Whether a word opening a breakdown stands in the sentence between `start` and `end` (offsets
    in the article)."""
    return CUES.breakdown.search(sentence.text, start - sentence.start, end - sentence.start) is not None
