"""Plans and prices read again once the article's timing is known. The people a budget is for ('Rp20
triliun untuk 5,59 juta penerima', classify's target:budget-for): a replaced budget's people were
replaced with it, and a past year's budget stated as what it paid for counted the year's recipients.
A price said of everyone counted since an earlier year holds over those years. A quota asked about
right after one wave is named, or opening a sentence after it, is that wave's. A plan said to be the
first one is superseded by another value of it in the article. A package-word amount that is a part
of its year's package is that part. A plan set in one phrase with a replaced plan was replaced with
it."""

from __future__ import annotations

import re
from dataclasses import replace

from prakerja_etl.figures.classify import LEX
from prakerja_etl.figures.decide import CHANGED_FROM, CLAUSE_BREAK
from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.period import timed
from prakerja_etl.figures.scenes import ArticleTime
from prakerja_etl.figures.time_cues import CUES, WORD, change_verb, said_first
from prakerja_etl.figures.waves import PACKAGE, WAVES, WaveMention, find_waves
from prakerja_etl.text.periods import find_periods
from prakerja_etl.text.segment import Sentence


def people_of_budgets(figures: list[Figure], when: ArticleTime) -> list[Figure]:
    """'semula Rp10 triliun untuk 2 juta peserta, kemudian dinaikkan menjadi Rp20 triliun': the
    people of a superseded budget (right after it in its sentence) were its plan too. 'Anggaran 2020
    sebesar Rp20 triliun untuk 5,59 juta penerima', said after 2020 with no word of planning before
    it ('dialokasikan', 'target', 'semula'): the year is over, so they are its recipients. The people
    of a budget of no one year are of no one year either."""
    out = list(figures)
    for i, (budget, f) in enumerate(zip(figures, figures[1:], strict=False), start=1):
        if not (f.rule.endswith(":budget-for") and f.basis == "total" and budget.sentence is f.sentence
                and budget.metric == "budget_total"):
            continue
        if out[i - 1].basis == "superseded":
            out[i] = timed(f, period=out[i - 1].period, basis="superseded", as_of=None)
        elif out[i - 1].period is None:   # 'Tiga Tahun …: Anggaran Rp59,2 Triliun untuk 16 Juta Penerima'
            out[i] = timed(f, period=None, basis=f.basis, as_of=None)
        elif _paid_in_past_year(f, out[i - 1], when):
            out[i] = replace(f, metric="recipients_total", rule=f.rule + ":past-year")
    return out


def _paid_in_past_year(f: Figure, budget: Figure, when: ArticleTime) -> bool:
    year = f.period if f.period and len(f.period) == 4 and f.period.isdigit() else None
    if year is None or when.year is None or int(year) >= when.year or budget.period != f.period:
        return False
    before = f.sentence.text[:f.start - f.sentence.start]
    return not (LEX.person_target.search(before, "left") or CUES.planning.search(before)
                or CUES.superseded_first.search(before))


def prices_over_a_span(figures: list[Figure], by_default: list[bool], when: ArticleTime) -> list[Figure]:
    """Plans and prices said of several years hold for no one year: a price with no period of its
    own, said of each of the people a count since an earlier year counts ('sudah dinikmati 25 juta
    orang sejak 2020, dan masing-masing dapat Rp5 juta'), a budget or target in a clause since an
    earlier year ('anggaran sudah mencapai Rp80 triliun untuk 20 juta orang sejak 2020') or the
    budget such a count was reached with ('… 16,9 juta orang dengan anggaran Rp63,57 triliun'), and
    each repeat of it the article does not time either."""
    since = [f for f in figures
             if f.basis == "to_date" and f.period is None and f.metric in CUES.person_running_metrics]
    # (and the same count said again: 'total penerima hingga Mei 2023 sekitar 16,9 juta orang')
    counted = {(f.metric, f.value) for f in since}
    since += [f for f in figures
              if f.basis == "to_date" and f.period is not None and (f.metric, f.value) in counted]
    prices = CUES.plan_metrics - CUES.yearly_plan_metrics
    each = [default and (f.metric in prices and any(_each_of(count, f) for count in since)
                         or f.metric in CUES.yearly_plan_metrics and (
                             _since_earlier_year(f, when) or any(_reached_with(count, f) for count in since)))
            for f, default in zip(figures, by_default, strict=True)]
    if not any(each):
        return figures
    spanned = {(f.metric, f.value) for f, said in zip(figures, each, strict=True) if said}
    return [timed(f, period=None, basis=f.basis, as_of=f.as_of) if said or default and f.period and (
        f.metric, f.value) in spanned and not _YEAR.search(f.sentence.text) else f
            for f, default, said in zip(figures, by_default, each, strict=True)]


# (a repeat in a sentence naming a year is about that year: 'Paket Rp4,2 juta baru berlaku sejak 2023')
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_YEAR_AFTER = re.compile(r"\s+(?:tahun\s+)?((?:19|20)\d{2})\b")


def _since_earlier_year(f: Figure, when: ArticleTime) -> bool:
    """'… sejak 2020' in the figure's clause, the year before the article's."""
    text = f.sentence.text
    if CUES.since.absent(text):
        return False   # most sentences count nothing since a start
    clause = CLAUSE_BREAK.split(text[f.end - f.sentence.start:], maxsplit=1)[0]
    before = CLAUSE_BREAK.split(text[:f.start - f.sentence.start])[-1]
    for part in (before, clause):
        for cue in CUES.since.regex.finditer(part):
            year = _YEAR_AFTER.match(part, cue.end())
            if year and when.year and int(year.group(1)) < when.year:
                return True
    return False


def _reached_with(count: Figure, budget: Figure) -> bool:
    between = count.sentence.text[count.end - count.sentence.start:budget.start - budget.sentence.start]
    return count.sentence is budget.sentence and count.end <= budget.start \
        and budget.metric == "budget_total" and CUES.with_budget.search(between) is not None \
        and CLAUSE_BREAK.search(between) is None


def _each_of(count: Figure, price: Figure) -> bool:
    between = count.sentence.text[count.end - count.sentence.start:price.start - price.sentence.start]
    return count.sentence is price.sentence and count.end <= price.start and \
        CUES.each_person.search(between) is not None


def quotas_of_a_named_wave(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """'Jadi kapan gelombang 10 dibuka? / Rencananya akhir Oktober, kuotanya sekitar 300 ribu.': a
    quota said as the quota of something ('kuotanya') in a sentence that names no wave, right after
    a sentence that names one wave, is that wave's: part of its year's target. So is a quota a
    sentence opens with ('Kuota terbatas hanya untuk 50 ribu pendaftar') that names no period either,
    in a paragraph whose last wave named is one wave ('Pendaftaran gelombang 18 dibuka. …')."""
    if all(f.metric != "recipients_target" for f in figures):
        return figures   # most articles state no quota
    previous = {b.start: a for a, b in zip(sentences, sentences[1:], strict=False)}
    out = list(figures)
    for i, f in enumerate(figures):
        if f.metric != "recipients_target" or f.basis != "total" or find_waves(f.sentence.text):
            continue
        before = f.sentence.text[:f.start - f.sentence.start]
        named = find_waves(previous[f.sentence.start].text) if f.sentence.start in previous else ()
        if CUES.quota_opens.match(f.sentence.text) and not find_periods(f.sentence.text, None):
            named = _last_waves_of_paragraph(f.sentence, sentences)
        elif not CUES.its_quota.search(before):
            continue
        if len(named) == 1 and named[0].last is None:
            year = WAVES.year_of(named[0].first)
            out[i] = timed(f, period=str(year) if year else f.period, basis="part", as_of=None)
    return out


def _last_waves_of_paragraph(sentence: Sentence, sentences: list[Sentence]) -> tuple[WaveMention, ...]:
    """The waves named by the last sentence before `sentence` in its paragraph that names any."""
    before = [s for s in sentences if s.line_no == sentence.line_no and s.start < sentence.start]
    return next((waves for s in reversed(before) if (waves := find_waves(s.text))), ())


def revisions_keep_the_year(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """'Untuk setahun penuh, pemerintah semula menargetkan 5,6 juta penerima, kemudian dinaikkan
    menjadi 5,9 juta orang': the new value of a plan (decide's changed-from-previous), with no period
    of its own (none, or one carried from the sentences before), is of the period of the value it
    replaced."""
    out = list(figures)
    for i, (f, default) in enumerate(zip(figures, by_default, strict=True)):
        if not (default or f.period is None) or f.rule != CHANGED_FROM or f.metric not in CUES.plan_metrics:
            continue
        replaced = next((g for g in reversed(out[:i]) if g.metric == f.metric and g.unit == f.unit), None)
        if replaced is not None and replaced.period and replaced.period != f.period:
            out[i] = timed(f, period=replaced.period, basis=f.basis, as_of=f.as_of)
    return out


SCHEME_PART = "scheme-part:"   # the rule prefix of a package-word amount taken for the part it equals


def amounts_name_their_part(figures: list[Figure]) -> list[Figure]:
    """'Dana Rp1 juta per penerima' in 2020, 'bantuan Rp600 ribu' in 2023: the words for the whole
    package ('bantuan', 'manfaat', 'per orang') name any part of it too, so an amount that is not the
    package of its year's scheme but is one of its parts (schemas/waves.yaml) is that part, whole."""
    out = []
    for f in figures:
        part = None if f.unit != "rupiah" or not f.period or not f.metric else \
            WAVES.part_with_amount(f.value, int(f.period[:4])) if f.metric == PACKAGE else \
            WAVES.package_of_part(f.metric, f.value, int(f.period[:4]))
        # (a part of the package, once named, is the whole of that part)
        out.append(replace(f, metric=part, rule=SCHEME_PART + f.rule,
                           basis="total" if f.basis == "part" else f.basis) if part else f)
    return out


def plans_replaced_together(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """'Pemerintah sempat menetapkan target 2,9 juta penerima dengan pagu Rp11 triliun. Belakangan
    pagu itu dinaikkan menjadi Rp18 triliun': the target set in one phrase with the replaced budget
    (of the same period) was replaced with it, unless the article states it again later or the two
    sentences after say a plan was kept ('tanpa tambahan anggaran')."""
    out = list(figures)
    after: dict[int, str] | None = None   # (made only when an article replaces a plan)
    for i, f in enumerate(figures):
        if f.basis != "superseded" or f.metric not in CUES.plan_metrics:
            continue
        if after is None:
            after = {s.start: " ".join(t.text for t in sentences[n + 1:n + 3])
                     for n, s in enumerate(sentences)}
        for j in (i - 1, i + 1):
            g = figures[j] if 0 <= j < len(figures) else None
            if g is None or g.sentence is not f.sentence or g.metric not in CUES.plan_metrics \
                    or g.metric == f.metric or g.basis != "total" or g.period != f.period:
                continue
            a, b = sorted((f, g), key=lambda x: x.start)
            between = f.sentence.text[a.end - f.sentence.start:b.start - f.sentence.start]
            again = any(h.metric == g.metric and h.value == g.value for h in figures[max(i, j) + 1:])
            if CUES.set_together.search(between) and not again \
                    and not CUES.plan_kept.search(after.get(f.sentence.start, "")):
                out[j] = timed(g, period=g.period, basis="superseded", as_of=None)
    return out


def first_plans_replaced(figures: list[Figure]) -> list[Figure]:
    """'Dalam APBN 2020, pemerintah semula hanya menyiapkan Rp10 triliun … Saat pendaftaran dibuka,
    pagunya sudah Rp20 triliun': a plan said to be the first one is superseded when the article
    states another value of it for the same period anywhere, not said to be the first."""
    # (the two bounds of a range, '3-4,5 juta', are one statement)
    first = [f.metric in CUES.plan_metrics and f.basis == "total" and f.period is not None
             and f.range_part is None and _first_with_nothing_after(f) for f in figures]
    if not any(first):
        return figures
    later = {(f.metric, f.period, f.value) for f, was in zip(figures, first, strict=True)
             if not was and f.basis == "total" and f.range_part is None}
    return [timed(f, period=f.period, basis="superseded", as_of=None)
            if was and any(m == f.metric and p == f.period and v != f.value for m, p, v in later) else f
            for f, was in zip(figures, first, strict=True)]


def _first_with_nothing_after(f: Figure) -> bool:
    """A word of 'at first' in the plan's clause with no figure or verb of change between it and the
    plan ('Dalam APBN 2020, pemerintah semula hanya menyiapkan Rp10 triliun'; not the Rp20 triliun of
    'semula Rp10 triliun, kemudian dinaikkan menjadi Rp20 triliun')."""
    clause = CLAUSE_BREAK.split(f.sentence.text[:f.start - f.sentence.start])[-1]
    cue = _first_cue(clause)
    rest = clause[cue.end():] if cue else ""
    return cue is not None and not _NUMBER.search(rest) and change_verb(WORD.finditer(rest)) is None


_NUMBER = re.compile(r"\d")


def said_to_be_first(f: Figure) -> bool:
    """Whether the words before a plan say it was the first value ('semula', 'awalnya' …)."""
    head = f.sentence.text[:f.start - f.sentence.start]
    return said_first(head) or _first_cue(CLAUSE_BREAK.split(head)[-1]) is not None


def _first_cue(clause: str) -> re.Match[str] | None:
    """'semula dipatok 2,9 juta orang dengan anggaran Rp11 triliun': the word of 'at first' earlier in
    the figure's clause, when no word of changing into follows it ('semula Rp10 triliun sebelum
    dinaikkan menjadi Rp20 triliun': the new value was not said first)."""
    first = CUES.superseded_first.search(clause)
    return first if first is not None and CUES.change_to.search(clause, first.end()) is None else None
