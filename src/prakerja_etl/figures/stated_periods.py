"""The period a figure's own sentence states for it: the periods the sentence names, less those
another figure of the sentence owns (a value compared with, the next clause's figure, a relative
clause describing the figure before or after it)."""

from __future__ import annotations

import re

from prakerja_etl.figures.scenes import Scene, compared
from prakerja_etl.figures.time_cues import COMPARED_BEFORE, CUES, SAME_AMOUNT, search_in
from prakerja_etl.text.periods import PeriodMention, period_for


def _compared_before(text: str, p: PeriodMention, start: int) -> bool:
    """Whether `p` dates a value compared with, in a clause before the figure at `start`."""
    return p.end <= start and "," in text[p.end:start] and compared(text, p)


def stated_period(scene: Scene, start: int, end: int, restated: bool = False,
            prev_end: int | None = None, next_start: int | None = None) -> tuple[bool, str | None]:
    """Whether the figure's own sentence states its period, and which (None for several years). A
    restated figure ('dari target itu …') is not timed by a period named after it. Between two
    figures, a period cut off from one of them by a comma or a conjunction is the other's, when
    this one has a period on its other side ('Rp20 triliun pada 2020 dan Rp21 triliun pada 2021',
    'pada 2020 Rp20 triliun, pada 2021 Rp21 triliun'); `prev_end` and `next_start` are where the
    figures before and after it end and start."""
    if not scene.periods:
        return False, None   # most sentences name no period
    # a period after the figure that it is compared with ('…, naik dibanding 2022') is not its own
    own = tuple(p for p in scene.own("plain", "range") if not (restated and p.start >= end) and not (
        p.start >= end and COMPARED_BEFORE.search(scene.text, max(end, p.start - 60), p.start)))
    if len(own) > 1:
        # 'Untuk 2022, … Rp11 triliun, turun dibanding tahun ini, dengan sasaran 2,9 juta': the year a
        # value before it is compared with, in a clause of its own, is not its period
        own = tuple(p for p in own if not _compared_before(scene.text, p, start))
    if prev_end is not None and any(p.start >= end for p in own):
        kept = tuple(p for p in own if not (prev_end <= p.start and p.end <= start
                                            and _joined(scene.text, p.end, start)))
        # ('5,5 juta pada 2020, 5,9 juta pada 2021, dan 4,3 juta tahun ini': when the figure before it
        # has its period after it, so has this one, not one from before that figure)
        listed = len(kept) < len(own) and any(end <= p.start and (next_start is None or p.end <= next_start)
                                              for p in own)
        own = tuple(p for p in kept if not (listed and p.end <= prev_end))
    if next_start is not None and (CUES.compared_with.search(scene.text, end, next_start)
                                   or "," in scene.text[end:next_start]
                                   and not _said_again(scene.text[end:next_start])):
        # 'Rp4,2 juta, lebih besar daripada Rp3,55 juta pada 2022': the period of what it is compared
        # with; '17,9 juta orang, dan anggaran Rp20 triliun berlaku pada 2020': of the next clause's figure
        own = tuple(p for p in own
                    if p.start < next_start and not _in_next_clause(scene.text, p, end, next_start))
    if next_start is not None and any(p.end <= start for p in own):
        own = tuple(p for p in own if not (end <= p.start and p.end <= next_start
                                           and _joined(scene.text, end, p.start)))
    own = _not_describing_another(scene.text, own, start, end, prev_end, next_start)
    if prev_end is None and next_start is None and _years_listed(scene.text, own):
        return True, None   # 'Jika anggaran 2020 dan 2021 dijumlahkan, totalnya Rp40 triliun': both years
    return bool(own), period_for(own, start, end)


_LIST_OF_YEARS = re.compile(r"\s*(?:,|dan|serta|&)\s*(?:tahun\s+)?$", re.IGNORECASE)


def _years_listed(text: str, own: tuple[PeriodMention, ...]) -> bool:
    """Whether the periods include two years listed together ('2020 dan 2021'): a lone figure of such
    a sentence holds over both, no one of them (several figures pair with them one by one)."""
    return any(a.period and b.period and a.period[:4] != b.period[:4] and a.end < b.start
               and _LIST_OF_YEARS.match(text[a.end:b.start]) for a, b in zip(own, own[1:], strict=False))


def _not_describing_another(text: str, own: tuple[PeriodMention, ...], start: int, end: int,
                            prev_end: int | None, next_start: int | None) -> tuple[PeriodMention, ...]:
    """'naik menjadi Rp4,2 juta dari Rp3,55 juta yang berlaku tahun ini, dengan porsi … Rp3,5 juta': a
    period in a relative clause right after another figure describes that figure only; not after a
    wave, whose clause dates the point a count stands at ('Hingga gelombang 57 yang diumumkan akhir
    Agustus 2023, …'), nor when the figure's clause points back to it ('pada periode tersebut')."""
    if not own or CUES.same_period.search(text, end, clause_end(text, end)):
        return own
    return tuple(p for p in own if not (
        next_start is not None and p.start > next_start
        and _RELATIVE_OF_FIGURE.match(text[next_start:p.start])
        or prev_end is not None and prev_end <= p.start and p.end <= start and "," in text[p.end:start]
        and _RELATIVE_AFTER.match(text[prev_end:p.start]) and not _WAVE_BEFORE.search(text, 0, prev_end)))


CLAUSE_END = re.compile(r"[,;:.]|\s[-–]\s")   # where a figure's clause ends


def clause_end(text: str, end: int) -> int:
    """Where the clause of the figure ending at `end` ends."""
    stop = CLAUSE_END.search(text, end)
    return stop.start() if stop else len(text)


def clause_start(text: str, at: int, since: int = 0) -> int | None:
    """Where the clause holding `at` starts, when a clause ends between `since` and it."""
    breaks = [m.end() for m in CLAUSE_END.finditer(text, since, at)]
    return breaks[-1] if breaks else None


# a relative clause opening right after a figure, up to a period it names ('Rp3,55 juta yang berlaku ')
_RELATIVE_AFTER = re.compile(r"\s*yang\b[^,.;]*$", re.IGNORECASE)
_WAVE_BEFORE = re.compile(CUES.wave.pattern + r"\s+\S+$", re.IGNORECASE)
_RELATIVE_OF_FIGURE = re.compile(r"\S+(?:\s+[^\W\d_]+)?\s+yang\b[^,.;]*$", re.IGNORECASE)


def _in_next_clause(text: str, p: PeriodMention, end: int, next_start: int) -> bool:
    """'8.316 orang, padahal tahun lalu mencapai 64,5 ribu orang': a period after the figure, in a
    clause of its own (opened by a word of `own_clause` after a comma) that holds the next figure, is
    that figure's."""
    return end <= p.start and CUES.own_clause.search(text, end, p.start) is not None \
        and "," not in text[p.end:next_start]


def _joined(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] joins two parts of a sentence: a comma, a conjunction, or a word of
    changing into ('dari 6 juta pada 2021 menjadi sejuta orang tahun ini': 2021 is the old value's)."""
    return "," in text[start:end] or CUES.coordination.search(text, start, end) is not None \
        or CUES.change_to.search(text, start, end) is not None


def _said_again(gap: str) -> bool:
    """Whether the next figure, after a comma, says the same amount again ('Rp804,2 miliar, atau 18,4%
    dari pagu tahun ini'): then the period after it is this figure's too."""
    return SAME_AMOUNT.match(gap[gap.index(","):]) is not None


def sums_since_an_earlier_year(scene: Scene, start: int, year: int | None) -> bool:
    """Whether the figure's sentence, before it, sums up from a year before `year` (the article's):
    'Sejak 2020, negara telah mengalokasikan …', 'Semenjak diluncurkan pada 2020, anggarannya sudah
    …' — a word of `since` with such a year shortly after, and a perfect word ('Sejak 2023 targetnya
    1 juta peserta' sets a yearly plan from then on: no sum). (A count's start is named by its year,
    the last four characters of the period mention.)"""
    text = scene.text
    if year is None or not search_in(CUES.perfect, text, text[scene.offset:start]):
        return False
    return any(scene.offset <= p.start and p.end <= start and text[p.end - 4:p.end].isdigit()
               and int(text[p.end - 4:p.end]) < year for p in scene.having("since"))
