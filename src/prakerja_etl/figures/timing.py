"""When each figure holds and whether it is final: `period`, `basis` and `as_of` read from the
whole article, in the order of CLAIMS.md ("Resolving the period").

A figure's own sentence decides first (a stated period, a running-total cue, one wave or stage, a
replaced value); then the waves it names (the calendar in schemas/waves.yaml); then the article's
date for plans and prices stated in the present tense; then the period in force from the sentences
before it. What none of these settles stays NULL: a wrong period is worse than none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import replace

from prakerja_etl.figures.breakdowns import breakdowns_are_parts
from prakerja_etl.figures.classify import LEX
from prakerja_etl.figures.decide import CLAUSE_BREAK
from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.parts import of_running_counts, years_of_a_running_count
from prakerja_etl.figures.period import resolve, timed
from prakerja_etl.figures.places import listed_before
from prakerja_etl.figures.plan_context import (
    amounts_name_their_part,
    first_plans_replaced,
    people_of_budgets,
    plans_replaced_together,
    prices_over_a_span,
    quotas_of_a_named_wave,
    revisions_keep_the_year,
    said_to_be_first,
)
from prakerja_etl.figures.provincial import breakdown_follows_the_nation, restated_elsewhen
from prakerja_etl.figures.scenes import ArticleTime, Scene, period_end, read_scenes
from prakerja_etl.figures.time_cues import CUES, change_into
from prakerja_etl.figures.waves import WAVES
from prakerja_etl.text.periods import find_periods
from prakerja_etl.text.segment import Sentence, table_header


def time_article(figures: list[Figure], sentences: list[Sentence],
                 when: ArticleTime) -> tuple[list[Figure], dict[int, str | None]]:
    """Each figure with `period`, `basis` and `as_of` set from its sentence and the article, and the
    period each sentence speaks of (its own stated one, else the one in force before it)."""
    scenes, periods = read_scenes(sentences, when, frozenset(f.sentence.start for f in figures
                                                              if f.metric in CUES.running_metrics))
    return _resolve_all(figures, sentences, when, scenes), periods


def _resolve_all(figures: list[Figure], sentences: list[Sentence], when: ArticleTime,
                 scenes: dict[int, Scene]) -> list[Figure]:
    # the ends and starts of each sentence's figures, sorted: a table row has dozens of figures
    ends: dict[int, list[int]] = {}
    starts: dict[int, list[int]] = {}
    for f in figures:
        ends.setdefault(f.sentence.start, []).append(f.end)
        starts.setdefault(f.sentence.start, []).append(f.start)
    for spans in (*ends.values(), *starts.values()):
        spans.sort()
    out, by_default, restated = [], [], []
    for f in figures:
        scene = scenes[f.sentence.start]
        # where the figures of its sentence before it end and after it start
        sentence_ends, sentence_starts = ends[f.sentence.start], starts[f.sentence.start]
        before = bisect_right(sentence_ends, f.start)
        after = bisect_left(sentence_starts, f.end)
        prev_end = sentence_ends[before - 1] if before else f.sentence.start
        next_start = sentence_starts[after] if after < len(sentence_starts) else None
        resolved, default, again = resolve(f, scene, prev_end - f.sentence.start, when,
                                           None if next_start is None else next_start - f.sentence.start)
        out.append(resolved)
        by_default.append(default)
        restated.append(again)
    out = _restated_adopt(out, restated)
    out = first_plans_replaced(_replaced_in_next_sentence(out, sentences))
    out = people_of_budgets(plans_replaced_together(out, sentences), when)
    out = revisions_keep_the_year(quotas_of_a_named_wave(out, sentences), by_default)
    out = _targets_to_date(out, scenes)
    out = _repeats_adopt_running(out, by_default)
    out = _repeats_of_a_part(out, by_default)
    out = _headline_follows_body(out, by_default, _lead_line(sentences))
    out = _one_count_one_as_of(out, when)
    out = years_of_a_running_count(of_running_counts(breakdowns_are_parts(out), when.year), when.year)
    out = _shares_follow_counts(out, by_default)
    out = _column_periods(_partitive_parts(_respective_periods(out, scenes)), sentences, when)
    out = restated_elsewhen(_carried_contradicting(prices_over_a_span(out, by_default, when), scenes))
    # (an amount each person gets is set by a scheme for a year, whatever part of it the sentence
    # speaks of: 'Pada semester I, setiap penerima memperoleh Rp3,55 juta')
    out = [timed(f, period=f.period[:4], basis=f.basis, as_of=f.as_of)
           if f.metric in _SCHEME_AMOUNTS and f.period and len(f.period) > 4 else f for f in out]
    return amounts_name_their_part(breakdown_follows_the_nation(out, when.year, when.iso))


# The amounts each person gets: those the scheme calendar (schemas/waves.yaml) sets.
_SCHEME_AMOUNTS = frozenset(metric for scheme in WAVES.schemes for metric, _ in scheme.amounts)


def _carried_contradicting(figures: list[Figure], scenes: dict[int, Scene]) -> list[Figure]:
    """An article does not contradict itself unawares: a count whose period only carried over from
    the sentences before it ('Tahun 2021 … 5,9 juta orang. Program ini kemudian berlanjut. Jumlah
    penerimanya turun menjadi 2,9 juta') and whose interval cannot hold with a total of the same
    quantity the article times in its own sentence is of some other time: its period is NULL (not
    a count reported as someone's claim, which a fact-check sets beside the true one)."""
    def key(f: Figure) -> tuple[str | None, str | None, str | None]:
        return f.metric, f.period, f.province.name if f.province else None

    def carried(f: Figure) -> bool:
        scene = scenes[f.sentence.start]
        return f.period in (scene.in_force, scene.next_stated) and \
            not any(p.start >= scene.offset for p in scene.periods) and \
            not CUES.claimed.search(f.sentence.text)

    # (counts of people: a fact-check's share or amount stands beside the true one on purpose)
    totals = [i for i, f in enumerate(figures)
              if f.metric and f.period and f.basis == "total" and f.unit == "person"]
    if len(totals) < 2:
        return figures
    was_carried = {i: carried(figures[i]) for i in totals}
    own: dict[tuple[str | None, str | None, str | None], list[tuple[float, float]]] = {}
    for i in totals:
        if not was_carried[i]:
            own.setdefault(key(figures[i]), []).append(figures[i].bounds())
    out = list(figures)
    for i in totals:
        f = figures[i]
        if was_carried[i] and key(f) in own:
            low, high = f.bounds()
            if not any(low <= other_high and other_low <= high for other_low, other_high in own[key(f)]):
                out[i] = timed(f, period=None, basis=f.basis, as_of=f.as_of)
    return out


def _respective_periods(figures: list[Figure], scenes: dict[int, Scene]) -> list[Figure]:
    """'Penerima 2021 dan 2022 masing-masing 5,9 juta dan 2,9 juta orang': the figures after a word
    of 'respectively' take the periods listed right before it, in order, when there are as many of
    each (places.respective pairs provinces the same way)."""
    out = list(figures)
    if all(LEX.respectively.absent(scenes[at].text) for at in {f.sentence.start for f in figures}):
        return out   # (most articles: no sentence says 'respectively')
    for at, indices in _by_sentence(figures).items():
        scene, text = scenes[at], figures[indices[0]].sentence.text
        cue = LEX.respectively.search(text) if len(indices) > 1 else None
        if cue is None:
            continue
        run = listed_before([p for p in scene.periods if p.period], scene.text, scene.offset + cue.start())
        after = [i for i in indices if figures[i].start - at >= cue.end()]
        if len(run) > 1 and len(after) == len(run) and len({p.period for p in run}) == len(run):
            for i, p in zip(after, run, strict=True):
                out[i] = timed(out[i], period=p.period, basis=out[i].basis, as_of=out[i].as_of)
    return out


def _by_sentence(figures: list[Figure]) -> dict[int, list[int]]:
    """The indices of each sentence's figures that are quantities (wave numbers are names)."""
    out: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        if f.unit != "ordinal":
            out.setdefault(f.sentence.start, []).append(i)
    return out


def _partitive_parts(figures: list[Figure]) -> list[Figure]:
    """'Dari 5,9 juta penerima, 1,2 juta orang berusia di atas 40 tahun': after a clause that opens
    with a whole, a smaller figure of the whole's metric is a part of it. ('Dari 12 juta pendaftar,
    680 ribu diterima' counts other people: the recipients' own total.)"""
    out = list(figures)
    for i, f in enumerate(figures):
        whole = figures[i - 1] if i else None
        if whole is None or whole.sentence is not f.sentence or f.basis != "total" or f.metric is None \
                or f.metric != whole.metric or f.unit == "percent" or f.value >= whole.value:
            continue
        text, at = f.sentence.text, f.sentence.start
        # the whole is in the sentence's opening clause, the figure after its comma
        opening = "," not in text[:whole.start - at] and "," in text[whole.end - at:f.start - at]
        if opening and LEX.partitive.match(text):
            out[i] = timed(f, period=f.period, basis="part", as_of=None)
    return out


def _column_periods(figures: list[Figure], sentences: list[Sentence], when: ArticleTime) -> list[Figure]:
    """'Provinsi | Penerima 2020 | Penerima 2021': a cell of a flattened table holds for the one
    period its column's header names (the header is the first '|' row of the run)."""
    if not any("|" in f.sentence.text for f in figures):
        return figures   # most articles have no table
    headers: dict[int, list[str]] = {}   # a row's start → its table's header cells
    header: list[str] | None = None
    for sentence in sentences:
        first_row = header is None
        header = table_header(sentence, header)
        if header is not None and not first_row:
            headers[sentence.start] = header
    out = list(figures)
    for i, f in enumerate(figures):
        cells = headers.get(f.sentence.start)
        column = f.sentence.text.count("|", 0, f.start - f.sentence.start)
        if cells is None or column >= len(cells):
            continue
        named = {p.period for p in find_periods(cells[column], when.year) if p.period}
        if len(named) == 1:
            out[i] = timed(f, period=named.pop(), basis="part" if f.basis == "part" else "total", as_of=None)
    return out


def _lead_line(sentences: list[Sentence]) -> int:
    """The line the body starts on: its first sentence that ends with a stop. A title, a byline and
    a dateline above it do not."""
    return next((s.line_no for s in sentences if _STOP_END.search(s.text)), -1)


_STOP_END = re.compile(r"[.!?][\"”’')]*\s*$")


def _headline_follows_body(figures: list[Figure], by_default: list[bool], lead: int) -> list[Figure]:
    """A headline's figure is the body's: the first figure below it of the same metric whose value
    lies within the headline's rounding ('1,5 Juta' above, '1,49 juta' below) gives the headline
    its timing — when its own sentence timed it, or when nothing in the headline did."""
    out = list(figures)
    for i, f in enumerate(figures):
        if f.sentence.line_no >= lead or f.metric is None or f.unit == "ordinal":
            continue
        low, high = f.bounds()
        body = next((g for g, default in zip(figures, by_default, strict=True)
                     if g.sentence.line_no >= lead and (by_default[i] or not default)
                     and g.metric == f.metric and low <= float(g.value) <= high), None)
        if body:
            out[i] = timed(f, period=body.period, basis=body.basis, as_of=body.as_of)
    return out


def _replaced_in_next_sentence(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """'Awalnya anggarannya Rp X. Pemerintah kemudian menaikkannya menjadi Rp Y.': a plan figure in a
    sentence that opens with a word of 'originally' (or one the next sentence points back to: 'Namun,
    anggaran tersebut kemudian dinaikkan …') is superseded when the next sentence changes the
    plan to a new value (a verb of change, by its root, then 'menjadi') and restates its metric
    ('… menaikkan anggarannya menjadi Rp Y dengan sasaran Z orang' supersedes budget and target)."""
    following: dict[int, list[Sentence]] | None = None   # (made only when an article states a plan)
    out = list(figures)
    for i, f in enumerate(figures):
        if f.metric not in CUES.plan_metrics or f.basis != "total":
            continue
        if following is None:
            following = {a.start: sentences[n + 1:n + 3] for n, a in enumerate(sentences)}
        later = following.get(f.sentence.start, [])
        first = said_to_be_first(f)
        # the sentence after it, or (for a value said to be the first) the one after that:
        # 'semula hanya Rp10 triliun. Pandemi mengubah hitungan itu. Pemerintah kemudian menaikkan …'
        for nxt in later[:2 if first else 1]:
            there = [g for g in figures if g.sentence is nxt]
            if not (first or CUES.plan_back.match(nxt.text) or _changed_later(f, there)):
                break   # nothing says it was the first
            changed = any(g.metric in CUES.plan_metrics and change_into(nxt.text[:g.start - nxt.start])
                          for g in there)
            # (a plan of another year changed is not this one: '… menjadi Rp21,2 triliun. Pada 2022,
            # pagu semula Rp11 triliun, lalu dinaikkan menjadi Rp18 triliun')
            if changed and any(g.metric == f.metric and _same_year(g.period, f.period) for g in there):
                out[i] = timed(f, period=f.period, basis="superseded", as_of=None)
                break
    return out


def _same_year(a: str | None, b: str | None) -> bool:
    """Whether two periods may be of one year (an unknown one may)."""
    return a is None or b is None or a[:4] == b[:4]


def _changed_later(f: Figure, there: list[Figure]) -> bool:
    """'… anggaran Rp11 triliun. Anggaran kemudian ditambah menjadi Rp18 triliun': the next sentence
    changes the same plan of the same period into a new value after a word of 'later'."""
    for n, g in enumerate(there):
        if g.metric != f.metric:
            continue
        # (the first value of the plan there, changed after the figure before it: in 'Pagunya semula
        # Rp10 triliun, kemudian dinaikkan menjadi Rp20 triliun' the change is from its own first value)
        head = g.sentence.text[there[n - 1].end - g.sentence.start if n else 0:g.start - g.sentence.start]
        clause = CLAUSE_BREAK.split(head)[-1]
        verb = change_into(clause) if g.period == f.period and g.value != f.value else None
        return bool(verb and CUES.changed_later.search(clause, 0, verb.start()))
    return False


def _restated_adopt(figures: list[Figure], restated: list[bool]) -> list[Figure]:
    """A figure restated with 'tersebut'/'itu' ('dari target 8 juta orang tersebut') has the timing
    of the same figure stated before it in the article."""
    if not any(restated):
        return figures
    out = list(figures)
    stated: dict[tuple[str | None, object], list[int]] = {}   # (metric, value) → where, in order
    for i, f in enumerate(figures):
        earlier = stated.setdefault((f.metric, f.value), [])
        if restated[i]:
            first = next((out[j] for j in earlier if out[j].sentence.start != f.sentence.start), None)
            if first:
                out[i] = timed(f, period=first.period, basis=first.basis, as_of=first.as_of)
        earlier.append(i)
    return out


def _targets_to_date(figures: list[Figure], scenes: dict[int, Scene]) -> list[Figure]:
    """A target of persons up to a date ('target sampai akhir 2024 sekitar 19 juta orang') that is a
    total since the start — its sentence says so ('total alumni', 'sejak'), or it is above a running
    total of persons the article states — is a running total at that date."""
    if all(f.metric not in CUES.cumulative_plan_metrics for f in figures):
        return figures   # no target
    counts = [float(f.value) for f in figures
              if f.basis == "to_date" and f.metric in CUES.person_running_metrics]
    out = []
    for f in figures:
        as_of = None
        if f.metric in CUES.cumulative_plan_metrics and f.basis == "total":
            scene = scenes[f.sentence.start]
            start = scene.offset + f.start - f.sentence.start
            after = scene.offset + max((g.end - f.sentence.start for g in figures
                                        if g.sentence.start == f.sentence.start and g.end <= f.start),
                                       default=0)
            as_of = _target_date(scene, after, start)
        if as_of and (CUES.since.search(f.sentence.text) or CUES.everyone.search(f.sentence.text)
                      or (counts and float(f.value) >= max(counts))):
            year = int(as_of[:4])
            f = timed(f, period=None if WAVES.start_year < year else str(year), basis="to_date",
                       as_of=as_of)
        out.append(f)
    return out


def _target_date(scene: Scene, after: int, start: int) -> str | None:
    """The month a target up to a period stands at, named in its clause between the figure before
    it (at `after`) and it: 'hingga akhir 2024' → '2024-12'."""
    ups = [p.period for p in scene.having("as_of") if p.period and after <= p.start and p.end <= start]
    if not ups:
        return None
    return period_end(ups[-1])


def _one_count_one_as_of(figures: list[Figure], when: ArticleTime) -> list[Figure]:
    """One running count of one period stated twice is one statement: where the article says when
    it stood ('pada Senin (22/11/2021)'), a repeat that only had the article's date takes that."""
    stated: dict[tuple[str | None, float, str | None], str] = {}
    for f in figures:
        if f.basis == "to_date" and f.as_of and f.as_of != when.iso:
            stated.setdefault((f.metric, f.value, f.period), f.as_of)
    if not stated:
        return figures
    return [replace(f, as_of=stated[f.metric, f.value, f.period])
            if f.basis == "to_date" and f.as_of == when.iso and (f.metric, f.value, f.period) in stated
            else f for f in figures]


def _repeats_adopt_running(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """A figure its own sentence says nothing about, repeating one its own sentence timed elsewhere
    in the article (the headline of the lead's 'sejak 2020 … 16 juta'; a critic's 'target 1,16 juta'
    after the lead's 'tahun depan … 1,16 juta'), is that figure: a running total or a plan."""
    running = {(f.metric, f.value): f for f, default in zip(figures, by_default, strict=True)
               if (f.basis == "to_date" or f.metric in CUES.yearly_plan_metrics and f.period) and not default}
    if not running:
        return figures
    return [replace(f, period=running[f.metric, f.value].period, basis=running[f.metric, f.value].basis,
                    as_of=running[f.metric, f.value].as_of)
            if default and f.basis != "superseded" and (f.metric, f.value) in running else f
            for f, default in zip(figures, by_default, strict=True)]


def _repeats_of_a_part(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """One amount of one stage stated twice is one part: 'anggaran tahap awal Rp 2 triliun' and, later,
    'turun … jadi Rp 2 triliun tahun ini' — the repeat the text calls no part of its own is that part."""
    parts = {(f.metric, f.value): f for f, default in zip(figures, by_default, strict=True)
             if f.basis == "part" and not default}
    if not parts:
        return figures
    return [replace(f, period=parts[f.metric, f.value].period, basis="part", as_of=None)
            if f.basis == "total" and (f.metric, f.value) in parts else f for f in figures]


def _shares_follow_counts(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """A share of the recipients' make-up that nothing in its sentence times holds when the count
    it divides holds: a running total of recipients in its sentence ('51 persen dari 16 juta
    peserta'), else the running share just before it whose breakdown it continues."""
    if all(f.metric not in CUES.profile_metrics for f in figures):
        return figures   # no share of the recipients' make-up
    out = list(figures)
    breakdown: Figure | None = None
    for i, f in enumerate(out):
        if f.metric not in CUES.profile_metrics:
            # another quantity ends the breakdown; the count of recipients it divides does not
            breakdown = breakdown if f.metric in CUES.person_running_metrics or not f.metric else None
            continue
        count = next((g for g in out if g.sentence.start == f.sentence.start and g.basis == "to_date"
                      and g.metric in CUES.person_running_metrics), None)
        source = count or breakdown
        if by_default[i] and source and source.basis == "to_date" and f.period in (None, source.period):
            out[i] = timed(f, period=source.period, basis="to_date", as_of=source.as_of)
        breakdown = out[i]
    return out
