"""All figures of one article: found, classified, with period and province."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace

from prakerja_etl.errors import UnreadableInput
from prakerja_etl.figures import classify as cls
from prakerja_etl.figures import context, magnitudes, places
from prakerja_etl.figures.decide import (
    CHANGED_FROM,
    CHANGED_TO,
    CLAUSE_BREAK,
    COMPARED,
    MONTHLY_SUMMED,
    decide,
)
from prakerja_etl.figures.find import Candidate, find_figures
from prakerja_etl.figures.interval import interval
from prakerja_etl.figures.same_value import one_value_one_quantity
from prakerja_etl.figures.subject import SentenceSubjects
from prakerja_etl.figures.thresholds import areas_over_threshold
from prakerja_etl.figures.time_cues import CUES
from prakerja_etl.text.provinces import Province
from prakerja_etl.text.segment import Sentence, table_header

RESTATED_PROVINCE = "same-quantity:province:"   # the rule prefix of a count taken for a province's
_RESTATED_SHARE = 0.05   # two statements of one count differ by their rounding, not more
# 'X persen dari N peserta merupakan perempuan': the share's group follows the whole it is of.
_SHARE_OF_NEXT = re.compile(r"\s*dari\s*", re.IGNORECASE)


@dataclass
class Figure:
    """A classified figure with offsets in the cleaned article text."""

    start: int
    end: int
    value: float
    unit: str
    metric: str | None
    qualifier: str | None
    period: str | None
    province: Province | None
    sentence: Sentence
    unit_from: str
    range_part: str | None
    subject: str | None = None    # NULL or 'prakerja': the programme; else what the figure is about
    # The rule or cue that decided the metric (keyword-only: it follows fields with defaults).
    rule: str = field(kw_only=True)
    basis: str = "total"          # total / to_date / part / superseded (CLAIMS.md)
    as_of: str | None = None      # for to_date: YYYY-MM or YYYY-MM-DD the running total stands at

    def bounds(self) -> tuple[float, float]:
        """(low, high) the true value lies in, from how the figure is written (figures.interval)."""
        at = self.sentence.start
        return interval(self.value, self.sentence.text[self.start - at:self.end - at], self.unit,
                        self.qualifier)


def extract_figures(sentences: list[Sentence], article_year: int | None,
                    max_figures: int | None = None) -> list[Figure]:
    """Figures of the article's sentences, in text order; UnreadableInput past `max_figures`
    (a text of nothing but numbers, whose figures would cost gigabytes to load)."""
    figures: list[Figure] = []
    header: list[str] | None = None
    previous: Sentence | None = None
    subjects: SentenceSubjects | None = None
    topic: Province | None = None   # the province the paragraph so far is about
    heading: Sentence | None = None
    for sentence in sentences:
        header = table_header(sentence, header)
        same_line = previous is not None and previous.line_no == sentence.line_no
        previous_unit = figures[-1].unit if figures and same_line and \
            figures[-1].sentence == previous else None
        found = find_figures(sentence.text, previous_unit=previous_unit,
                             table_header=header if "|" in sentence.text else None)
        carried = topic if same_line else None
        # Sentences are asked for their subjects only when a figure or a next sentence needs them.
        subjects = SentenceSubjects(sentence.text, subjects)
        pointed_to = None   # (to one province by name: 'provinsi ini', not 'kelima provinsi itu')
        if found and places.names_a_group(sentence.text):
            carried = None   # several provinces together are none of theirs: 'Kelima provinsi itu …'
        elif found and carried is None and cls.LEX.province_anaphora.search(sentence.text):
            carried = context.last_named_province(sentences, sentence)   # 'penerima dari provinsi ini'
            pointed_to = places.pointing_to_one(sentence.text)
        elif found and carried is None and same_line:
            carried = _elliptical_province(sentence.text[:found[0].start], figures, previous)
        sentence_places = places.SentencePlaces(sentence.text, carried, pointed_to) if found else None
        heading = context.heading_above(sentence, previous, heading,
                                        bool(figures) and figures[-1].sentence is previous)
        figures.extend(_sentence_figures(sentence, found, figures, article_year, subjects, sentence_places,
                                         heading))
        topic = places.paragraph_topic(sentence.text, carried, sentence_places)
        previous = sentence
        if max_figures is not None and len(figures) > max_figures:
            raise UnreadableInput(f"the text states more than {max_figures:,} figures "
                                  "(PRAKERJA_MAX_FIGURES_PER_ARTICLE); a news article states far fewer")
    figures = _package_of_its_parts(_adopt_restated_values(figures), sentences)
    return _province_restated(areas_over_threshold(one_value_one_quantity(figures, article_year)))


def _elliptical_province(lead: str, figures: list[Figure], previous: Sentence | None) -> Province | None:
    """The province of the sentence before's figures, for a sentence opening with only an elliptical
    lead ('… 172.540 warga Kalbar … . Pada 2020 penerimanya 106.870 orang'), more than a time."""
    if not lead.strip(" ,") or not cls.LEX.elliptical_clause.fullmatch(lead) or \
            cls.LEX.elliptical_time.fullmatch(lead.strip(" ,")):
        return None
    before = itertools.takewhile(lambda f: f.sentence is previous, reversed(figures))
    return next((f.province for f in before if f.province), None)


def _sentence_figures(sentence: Sentence, found: list[Candidate], earlier: list[Figure],
                      article_year: int | None, subjects: SentenceSubjects,
                      sentence_places: places.SentencePlaces | None,
                      heading: Sentence | None) -> list[Figure]:
    if not found or sentence_places is None:
        return []
    text = sentence.text
    breaks = [m.span() for m in CLAUSE_BREAK.finditer(text, 0, found[-1].start)]   # later ones unused
    out: list[Figure] = []
    prev_end = 0   # where the figure before ends: wave numbers name a wave, the words before
    for i, cand in enumerate(found):   # them still describe the figure after them
        next_start = found[i + 1].start if i + 1 < len(found) else len(text)
        before = text[:cand.start]
        left, right = text[prev_end:cand.start], _right_of(text, found, i, next_start)
        # (from the sentence's start, `left` is `before`: its breaks and clause are those of before)
        before_breaks = _breaks_before(text, breaks, cand.start)
        left_breaks = [m.span() for m in CLAUSE_BREAK.finditer(left)] if prev_end else before_breaks
        left_clause = _own_clause(left, left_breaks)
        # (only a sentence naming a province reads the figure's clause after it)
        brk = CLAUSE_BREAK.search(right) if sentence_places.mentions else None
        right_clause = right[:brk.start()] if brk else right
        clause_before = _own_clause(before, before_breaks) if prev_end else left_clause
        if cand.unit != "ordinal":
            prev_end = cand.end
        place = places.of(sentence_places, cand.start, cand.end, left, left_breaks, right_clause,
                          clause_before, out[-1].province if out else None, share=cand.unit == "percent")
        ctx = cls.Context(
            unit=cand.unit, value=cand.value, left=left, left_clause=left_clause, right=right,
            sentence_before=before, clause_before=clause_before,
            from_wave=cand.unit_from == "ordinal",
            province_left=place.left is not None or place.topic is not None,
            province_right=place.right is not None, province_clause=place.clause is not None,
            previous_value=out[-1].value if out and out[-1].unit == cand.unit else None,
            has_next=i + 1 < len(found), previous_metric=out[-1].metric if out else None,
        )
        decision = decide(ctx, subjects.of(cand.start, cand.end, next_start, cand.unit), out, earlier)
        metric, rule = decision.metric, decision.rule
        province = None if cand.unit == "ordinal" else place.province
        if decision is cls.WEAK:
            metric, rule, province = _without_own_words(cand, ctx, out, earlier, sentence, heading, province)
        elif rule in (COMPARED, CHANGED_FROM, CHANGED_TO):
            # the same quantity at another time or value, so of the same place
            province = province or next((f.province for f in reversed(out) if f.unit == cand.unit), None)
        elif province is None and not out:
            metric, rule, province = context.of_pointed_back(ctx, metric, rule, earlier, sentence,
                                                             bool(cls.LEX.comparison.search(left_clause)))
        elif metric in ("provinces_covered", "waves_count"):
            province = None   # a count of provinces, or of the waves all provinces share, is no province's
        out.append(Figure(
            start=sentence.start + cand.start, end=sentence.start + cand.end, value=cand.value,
            unit=cand.unit, metric=metric, qualifier=cand.qualifier,
            period=None, province=province,   # (the period is set from the whole article by timing)
            sentence=sentence, unit_from=cand.unit_from, range_part=cand.range_part,
            subject=decision.subject, rule=rule,
        ))
    paired = places.respective(sentence_places, [c.start for c in found]) if len(out) > 1 else {}
    if not paired:
        return out
    return [_of_province(f, paired[c.start]) if c.start in paired else f
            for f, c in zip(out, found, strict=True)]


def _without_own_words(cand: Candidate, ctx: cls.Context, out: list[Figure], earlier: list[Figure],
                       sentence: Sentence, heading: Sentence | None,
                       province: Province | None) -> tuple[str | None, str, Province | None]:
    """(metric, rule, province) of a figure its own words do not name: what it restates or points
    back to, what a clause of only lead words goes on counting, or what the line above it names."""
    before = ctx.sentence_before
    column = context.column_title(heading, sentence, cand.start)
    framed = context.under_heading(ctx, column) if column else None
    if framed is not None:   # a table's cell is what its column is, not what the cell before it is
        return framed[0].metric, framed[0].rule, province or framed[1]
    if column and out and out[-1].unit == cand.unit:   # ('Selisih' after two counts); a share after
        return cls.WEAK.metric, cls.WEAK.rule, province   # a count is still that count's share
    inherited = _inherit(cand, ctx.left, ctx.left_clause, before, out, earlier, sentence)
    if inherited is not None and cls.LEX.national.search(before):
        # 'Secara nasional, jumlahnya lebih dari 17 juta': the nation's, not the province's
        return cls.national(inherited.metric), inherited.rule, province
    if inherited is not None:
        return inherited.metric, inherited.rule, province or inherited.province
    first_of_unit = all(f.unit != cand.unit for f in out)   # ('Tahun ini (gelombang 12 hingga 21): 5,4 juta')
    if heading is not None and first_of_unit and (context.is_heading(heading, sentence)
                                                  or cls.LEX.anaphora.search(before)):
        framed = context.under_heading(ctx, heading.text)
        if framed is not None:
            return framed[0].metric, framed[0].rule, province or framed[1]
    return cls.WEAK.metric, cls.WEAK.rule, province


def _of_province(f: Figure, province: Province) -> Figure:
    """The figure as the count of `province` (classify's rule for a figure of one province)."""
    decision = cls.provincial(cls.Decision(f.metric, f.rule))
    return replace(f, province=province, metric=decision.metric, rule=decision.rule)


def _right_of(text: str, found: list[Candidate], i: int, next_start: int) -> str:
    """The text after the i-th figure up to the next; past it when the next is the whole the share
    is of ('X persen dari N peserta merupakan perempuan')."""
    right = text[found[i].end:next_start]
    if i + 1 < len(found) and _SHARE_OF_NEXT.fullmatch(right):
        return text[found[i].end:found[i + 2].start] if i + 2 < len(found) else text[found[i].end:]
    return right


def _own_clause(left: str, breaks: list[tuple[int, int]]) -> str:
    """The clause a figure belongs to, up to it: the last clause, or the two last when the last is
    only an appositive connector ('…, yakni 1 juta orang' speaks of the clause before).
    `breaks` are the spans of the clause breaks in `left`."""
    if not breaks:
        return left
    last = left[breaks[-1][1]:]
    if cls.LEX.apposition.fullmatch(last):
        before_start = breaks[-2][1] if len(breaks) > 1 else 0
        return left[breaks[-1][1] - (breaks[-1][0] - before_start) - 1:]
    return last


def _breaks_before(text: str, breaks: list[tuple[int, int]], end: int) -> list[tuple[int, int]]:
    """The last clause breaks of text[:end] (all _own_clause reads), from the sentence's (bisected as
    tuples: no key function to call): one found four or more characters before `end` read nothing
    beyond it; the last few are scanned again as text[:end]'s end (a comma before a digit breaks)."""
    safe = bisect_right(breaks, (end - 4, len(text)))
    resume = max(breaks[safe - 1][1] if safe else 0, end - 3, 0)
    return breaks[max(safe - 2, 0):safe] + [m.span() for m in CLAUSE_BREAK.finditer(text, resume, end)]


# A quote opening a paragraph: what a source says to elaborate the paragraph before.
_QUOTE_OPENS = re.compile(r"\s*[\"“”'‘]")


def _inherit(cand: Candidate, left: str, left_clause: str, before: str, same_sentence: list[Figure],
             earlier: list[Figure], sentence: Sentence) -> Figure | None:
    """The figure this one restates ('… atau 11,8 persen') or points back to ('Jumlah tersebut …'),
    with the metric and rule it passes on; None when there is none."""
    if same_sentence and _restates(left, left_clause):
        prev, rule = same_sentence[-1], "restates-previous"
    elif not same_sentence and cls.LEX.anaphora.search(before) and earlier:
        # (an amount or count, not the number naming a wave: 'Jumlah tersebut' is no 'gelombang 10')
        prev = next((f for f in reversed(earlier[-6:]) if f.unit != "ordinal"), earlier[-1])
        rule = "points-back"
        # (the nearest of its unit, also another subject's: 'Jumlah pengangguran … Angka itu …')
        same_unit = [f for f in earlier[-6:] if f.unit == cand.unit]
        if same_unit and same_unit[-1].sentence.line_no >= sentence.line_no - 2:
            prev = same_unit[-1]
    elif cls.LEX.comparison.search(left_clause) and cls.LEX.anaphora.search(before):
        # 'Angka itu naik 6 persen dibandingkan tahun lalu yang 51 persen': what is compared
        # with the figure pointed back to is the same quantity at another time.
        compared = context.compared_back(earlier, cand.unit, sentence)
        if compared is None:
            return None
        prev, rule = compared, "compared-with-previous"
    elif cand.unit == "person" and cls.LEX.elliptical_clause.fullmatch(left_clause) and \
            cls.LEX.elliptical_time.search(sentence.text):
        # 'Warga NTB yang pernah menerima sekitar 400 ribu. Pada 2020 ada sekitar 113 ribu, lalu 2021
        # sekitar 120 ribu.', '… 11,4 juta penerima. Rinciannya, 5,9 juta orang pada 2020 …': a clause
        # of only lead words, in a sentence of times, goes on counting the people counted last
        counted = [f for f in (same_sentence or earlier[-4:]) if f.unit == "person"]
        last = counted[-1].sentence if counted else None
        if last is None or last is not sentence and (last.end < sentence.start - 2 or (
                last.line_no != sentence.line_no and not _QUOTE_OPENS.match(sentence.text))):
            return None   # only in the sentence right before, in its paragraph or a quote opening the next
        prev, rule = counted[-1], "elliptical"
    else:
        return None
    if prev.metric and prev.unit == cand.unit and (rule != "points-back" or magnitudes.same_quantity_back(
            prev.metric, prev.value, cand.unit, cand.value)):
        return replace(prev, rule=rule)
    if prev.metric == "province_recipients" and cand.unit == "percent":
        return replace(prev, metric="province_recipient_share", rule=rule)
    return None


def _restates(left: str, left_clause: str) -> bool:
    """Whether the text before a figure makes it restate the previous one. After a comma a
    restatement needs its connector ('…, atau 14 persen'): in '…, 11% berwirausaha' the figure
    is the next item of a list, with its own label."""
    return bool(cls.LEX.restatement.match(left_clause)) and (
        left_clause == left or bool(re.search(r"[^\W\d_]", left_clause)))


def _adopt_restated_values(figures: list[Figure]) -> list[Figure]:
    """A bare number that repeats a figure stated elsewhere takes that figure's unit and metric
    ('Lalu dari mana angka 5,9 juta?')."""
    if all(f.unit_from != "default" for f in figures):
        return figures   # no bare number
    known: dict[float, Counter[tuple[str, str | None]]] = {}
    for f in figures:
        if f.unit_from not in ("default",) and f.value >= 1000:
            known.setdefault(f.value, Counter())[(f.unit, f.metric)] += 1
    out = []
    for f in figures:
        if f.unit_from == "default" and f.value in known:
            unit, metric = known[f.value].most_common(1)[0][0]
            f = replace(f, unit=unit, metric=metric, unit_from="restated", rule="restates-earlier-value")
        out.append(f)
    return out


def _package_of_its_parts(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """An 'insentif' broken down into a training fee ('… Rp3,5 juta. Dari jumlah tersebut, Rp1 juta
    untuk pelatihan') is the package: the parts follow in its sentence (not in a clause set apart:
    '…, sementara pelatihannya Rp1 juta'), or in the next one pointing back to it."""
    if not any(f.metric == "incentive_total_per_recipient" for f in figures):
        return figures
    following = {s.start: n.start for s, n in zip(sentences, sentences[1:], strict=False)
                 if cls.LEX.anaphora.search(n.text[:40])}
    out = []
    for f in figures:
        if f.metric == "incentive_total_per_recipient" and f.rule != MONTHLY_SUMMED and any(
                g.metric == "training_fee_per_recipient" and g.value < f.value and (
                    (g.sentence.start == f.sentence.start and g.start > f.end and not CUES.own_clause
                     .search(g.sentence.text, f.end - g.sentence.start, g.start - g.sentence.start))
                    or g.sentence.start == following.get(f.sentence.start))
                for g in figures):
            f = replace(f, metric="benefit_per_recipient", rule="package:includes-training-fee")
        out.append(f)
    return out


def _province_restated(figures: list[Figure]) -> list[Figure]:
    """A count with no province stating a province's count again at another precision ('500 ribu di
    Jateng' … 'sekitar 507.341 orang') is that province's: their intervals overlap, the values are
    within a few percent (and, timed, of one time: `provincial.restated_elsewhen`)."""
    provincial = [f for f in figures if f.metric == "province_recipients" and f.province]
    out = []
    for f in figures:
        same = next((g for g in provincial if f.metric == "recipients_total" and not f.province
                     and abs(f.value - g.value) <= _RESTATED_SHARE * max(f.value, g.value)
                     and _overlap(f.bounds(), g.bounds())), None)
        if same is not None:
            f = replace(f, metric=same.metric, province=same.province, rule=RESTATED_PROVINCE + f.rule)
        out.append(f)
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]
