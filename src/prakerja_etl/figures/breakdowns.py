"""Breakdowns: 'empat mitra pembayaran, yaitu satu bank dan tiga dompet digital', 'Anggaran 2021
Rp21,2 triliun. Jumlah itu terdiri atas Rp20 triliun … dan tambahan Rp1,2 triliun': two or more
figures after a word that opens a whole's breakdown (CUES.breakdown), in the whole's sentence or in
the next one pointing back to it, that add up to the whole within its rounding are its parts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.period import timed
from prakerja_etl.figures.time_cues import CUES


def breakdowns_are_parts(figures: list[Figure]) -> list[Figure]:
    """Each part of a breakdown with `part` basis and the whole's metric (a piece its own words
    named nothing of, such as 'tambahan Rp1,2 triliun', takes it with the rule `part-of:`)."""
    out = list(figures)
    for whole, after, pointed_back in _breakdowns(figures):
        # (a piece naming nothing is a part only of a whole pointed back to: 'satu bank dan tiga
        # dompet digital' after 'empat mitra pembayaran, yaitu' count other things)
        named = (whole.metric, None) if pointed_back else (whole.metric,)
        parts = [j for j in after if figures[j].unit == whole.unit and figures[j].subject is None
                 and figures[j].metric in named]
        low, high = whole.bounds()
        if len(parts) < 2 or not low <= sum(figures[j].value for j in parts) <= high:
            continue
        for j in parts:
            f = out[j]
            if f.metric is None:
                f = replace(f, metric=whole.metric, rule="part-of:" + whole.rule)
            out[j] = timed(f, period=f.period, basis="part", as_of=None)
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
            if _opens_breakdown(whole, whole.end, figures[after[0]].start):
                yield whole, after, False
        # 'Jumlah itu terdiri atas …' right after the sentence of the whole it points back to
        wholes = [figures[i] for i in before if figures[i].unit == first.unit]
        if wholes and wholes[-1].sentence.end >= sentence.start - 2 and len(indices) >= 2 and \
                CUES.anaphora.regex.match(sentence.text) and \
                _opens_breakdown(wholes[-1], sentence.start, first.start, sentence.text):
            yield wholes[-1], indices, True
        before = indices


def _opens_breakdown(whole: Figure, start: int, end: int, text: str | None = None) -> bool:
    """Whether a word of a breakdown stands between `start` and `end` (offsets in the article) in
    `text` (the sentence starting at `start`; else the whole's sentence)."""
    if whole.metric is None or whole.basis == "part":
        return False
    at = start if text is not None else whole.sentence.start
    return CUES.breakdown.search(text or whole.sentence.text, start - at, end - at) is not None
