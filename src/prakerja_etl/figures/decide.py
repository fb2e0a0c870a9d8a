"""What a figure is, given what its sentence said before it: another programme's, a restated
exclusion, the new or the old value of a change, or (most often) what its own words say."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from prakerja_etl.figures import classify as cls
from prakerja_etl.figures.lexicon import Subject
from prakerja_etl.figures.magnitudes import fits_magnitude
from prakerja_etl.figures.places import names_a_group
from prakerja_etl.figures.subject import PRAKERJA
from prakerja_etl.figures.time_cues import (
    CHANGE_OPENER,
    CHANGE_TO_END,
    CUES,
    SAME_AMOUNT,
    change_into,
    said_first,
)
from prakerja_etl.text.numbers import parse_number_words

if TYPE_CHECKING:
    from prakerja_etl.figures.extract import Figure

# A decimal comma (2,9 juta) and the dash of a range (18 - 25 tahun) are not clause breaks.
# (Led by the class of what every break starts with, which sre's scan passes at once where a
# leading lookahead is tried at every position; at a space, the common case, the dash after it
# is tested first.)
CLAUSE_BREAK = re.compile(r"[,;:\s](?:[-–](?<=\s[-–])(?:(?<!\d\s[-–])\s|\s(?!\d))"
                          r"|(?<=[,;:])(?:(?<=[;:])|(?<!\d,)|(?!\d)))")
COMPARED = "compared-in-sentence"
COMPARED_WITH_NATION = "compared-with-nation"
CHANGED_FROM = "changed-from-previous"   # the new value of the figure before it
CHANGED_TO = "changed-to-previous"       # the value the figure before it replaced
MONTHLY_SUMMED = "monthly-summed"          # a monthly amount over its months
_OLD_VALUE_WORDS = 5   # 'per peserta dari sebelumnya hanya': the new value's noun, then 'dari'


def decide(ctx: cls.Context, subject: Subject | None, out: list[Figure],
           earlier: list[Figure]) -> cls.Decision:
    """The metric and rule of a figure: none for another subject's, else from the figure before it
    in the sentence or from its words."""
    if subject is not None and subject != PRAKERJA:
        return cls.Decision(None, "subject:" + subject.id, subject.id)
    decision = _decide(ctx, out, earlier)
    return cls.Decision(None, "exclusion:province-group") if _of_a_group(ctx, decision.metric) else decision


_OF_PROVINCES = frozenset({"recipients_total", "province_recipients", "province_recipient_share"})


def _of_a_group(ctx: cls.Context, metric: str | None) -> bool:
    """'Kelima provinsi itu menyerap hampir 3 juta penerima', 'Kelima provinsi itu menyumbang 66 persen
    dari seluruh peserta perempuan' (in its clause): the count or make-up of several provinces
    together, no one of them named at it, is neither the nation's nor one province's."""
    if ctx.province_left or ctx.province_right or ctx.province_clause:
        return False
    return metric in _OF_PROVINCES and names_a_group(ctx.sentence_before) or \
        metric in cls.COMPOSITION and names_a_group(ctx.clause_before)


def _decide(ctx: cls.Context, out: list[Figure], earlier: list[Figure]) -> cls.Decision:
    if out and out[-1].rule.startswith("exclusion") and SAME_AMOUNT.match(ctx.left_clause):
        # '… realisasi 85 persen atau Rp17 triliun': a restated exclusion stays excluded.
        return cls.Decision(None, out[-1].rule)
    if out and out[-1].unit == ctx.unit and cls.LEX.range_upper.search(ctx.sentence_before):
        # 'berkisar Rp150 ribu hingga Rp1 juta': the upper bound is what the lower one is
        return cls.Decision(out[-1].metric, out[-1].rule)
    changed = next((f for f in reversed(out) if f.unit == ctx.unit), None) \
        if out and cls.LEX.change_to.match(ctx.left) else None
    if changed is not None and changed.subject:
        # 'anggaran PEN semula Rp699 triliun, kemudian dinaikkan menjadi Rp744 triliun': the same one's
        return cls.Decision(None, "subject:" + changed.subject, changed.subject)
    if changed is not None and changed.metric:
        # 'menyasar 2 juta peserta, lalu menjadi 3 juta peserta': the new value of the same quantity
        # (of the sentence's last figure of its unit: 'kuota 2,9 juta dengan anggaran Rp11 triliun,
        # kemudian dinaikkan menjadi 4,9 juta').
        return cls.Decision(changed.metric, CHANGED_FROM)
    if out and out[-1].metric and out[-1].unit == ctx.unit and _old_value_of(out[-1], ctx):
        # 'naik menjadi Rp4,2 juta per peserta dari sebelumnya Rp3,5 juta': the value it replaced.
        return cls.Decision(out[-1].metric, CHANGED_TO)
    if out and out[-1].metric == "incentive_monthly" and ctx.unit == "rupiah" and \
            _months_summed(out[-1].value, ctx):
        # 'Rp600 ribu per bulan selama empat bulan, atau total Rp2,4 juta': the months summed
        return cls.Decision("incentive_total_per_recipient", MONTHLY_SUMMED)
    summed = _parts_summed(out, ctx)
    if summed is not None:
        return summed
    before = _last_of_unit_in_previous_sentence(earlier, ctx.unit)
    if not out and before is not None and _new_value_of(before, ctx):
        return cls.Decision(before.metric, CHANGED_FROM)
    decision = cls.classify(ctx)
    weak = decision is cls.WEAK or decision.rule.startswith("sentence:")
    if weak and out and out[-1].unit == ctx.unit and CUES.next_named_item.match(ctx.left_clause):
        return cls.Decision(out[-1].metric, out[-1].rule)   # '…, sedangkan Banjarbaru 3.248 orang'
    if out and out[-1].unit == ctx.unit and out[-1].metric is None and \
            out[-1].rule.startswith("exclusion:") and CUES.ranked_next.match(ctx.left_clause):
        return cls.Decision(None, out[-1].rule)   # '… kasus terbanyak, 21.380 orang, disusul Jatim 17.045'
    changed = next((f for f in reversed(out) if f.unit == ctx.unit), None)
    if changed is not None and changed.metric and (
            weak or decision.rule.startswith("head-noun:") and changed.metric in CUES.plan_metrics) and \
            change_into(ctx.left_clause) and \
            (ctx.unit != "rupiah" or fits_magnitude(changed.metric, ctx.value)) and \
            not any(f.unit == ctx.unit and f.value == ctx.value and f.metric for f in earlier):
        # 'semula menargetkan 2,9 juta penerima, lalu menaikkannya menjadi 4 juta orang': a figure no
        # word of its own names (or only the people a plan is of), after a verb of change by its root,
        # is the new value of the one before, at its magnitude; a value stated before with words of
        # its own is that figure's again (figures.extract's same-value)
        return cls.Decision(changed.metric, CHANGED_FROM)
    if out and out[-1].metric and out[-1].unit == ctx.unit and _compared(decision, out[-1], ctx):
        # '85 ribu orang, turun dibanding 2020 yang 101 ribu': the same quantity at another time;
        # '48,2 persen, jauh di atas angka nasional 35,5 persen': the nation's (no province's)
        if cls.LEX.national.search(ctx.left_clause):
            return cls.Decision(cls.national(out[-1].metric), COMPARED_WITH_NATION)
        return cls.Decision(out[-1].metric, COMPARED)
    if decision.metric in cls.COMPOSITION and _of_registrants(ctx, out, earlier):
        # the catalog's make-up shares are of recipients: one of registrants is none of them
        return cls.Decision(None, "exclusion:share-of-registrants")
    return decision


def _last_of_unit_in_previous_sentence(earlier: list[Figure], unit: str) -> Figure | None:
    """The amount '-nya' can point back to: 'pagu semula Rp11 triliun untuk 2,9 juta peserta.
    Pemerintah kemudian menaikkannya menjadi Rp18 triliun' raises the budget, not the people."""
    if not earlier:
        return None
    last = earlier[-1].sentence.start
    return next((f for f in reversed(earlier) if f.sentence.start == last and f.unit == unit), None)


def _new_value_of(before: Figure, ctx: cls.Context) -> bool:
    """'Anggaran tahun ini semula hanya Rp10 triliun. … pemerintah kemudian menaikkannya menjadi
    Rp20 triliun', 'Target … semula 1 juta orang. Angka itu kemudian dinaikkan menjadi 1,1 juta
    orang': a sentence's first figure that a verb of change turned the one pointed back to ('-nya':
    it, or 'angka itu') into is the new value of the figure before it, when that one was said to be
    the first."""
    verb = change_into(ctx.left)
    pointed = verb is not None and (verb.group().lower().endswith("nya")
                                    or cls.LEX.anaphora.search(ctx.sentence_before) is not None)
    return before.metric is not None and before.unit == ctx.unit and pointed and \
        said_first(before.sentence.text[:before.start - before.sentence.start])


def _parts_summed(out: list[Figure], ctx: cls.Context) -> cls.Decision | None:
    """'insentif Rp600 ribu dan insentif survei Rp100 ribu, atau Rp700 ribu per orang': an amount said
    again as the sum of the amounts right before it is their sum: the package when a training fee
    is among them, else no quantity of the catalog (the cash part)."""
    if ctx.unit != "rupiah" or len(out) < 2 or not SAME_AMOUNT.match(ctx.left):
        return None
    parts: list[Figure] = []
    total = 0.0
    for f in reversed(out):
        if f.unit != ctx.unit or not f.metric:
            break
        parts.append(f)
        total += f.value
        if len(parts) > 1 and abs(total - ctx.value) < 0.5:
            whole = any(p.metric == "training_fee_per_recipient" for p in parts)
            return cls.Decision("benefit_per_recipient", "sum-of-parts") if whole else \
                cls.Decision(None, "exclusion:sum-of-parts")
    return None


def _months_summed(monthly: float, ctx: cls.Context) -> bool:
    """'Rp600 ribu per bulan selama empat bulan, atau total Rp2,4 juta'; with no word of a total
    ('… selama empat bulan atau Rp2,4 juta'), only an amount that is the monthly one times the months
    stated is their sum."""
    said = cls.LEX.monthly_total.match(ctx.left)
    if said is None or said.group("months") is None:
        return said is not None
    words = said.group("months")
    months = float(words) if words.isdigit() else parse_number_words(words)
    return months is not None and months > 1 and abs(ctx.value - monthly * months) < 0.5


def _compared(decision: cls.Decision, previous: Figure, ctx: cls.Context) -> bool:
    """Whether the figure is what the one before it is compared with ('… dibanding 2020 yang 101
    ribu', 'turun dari 101 ribu') though its own words say otherwise: they name no quantity, or a
    whole the figure before would be a fraction of, or a change ('bertambah dari' is where it
    started), or the nation's count where the figure before is a province's. (Where they name the
    same metric, their rule stands.)"""
    return decision.metric != previous.metric and cls.LEX.comparison.search(ctx.left) is not None and (
        decision is cls.WEAK or decision.rule == "exclusion:whole-of-fraction"
        or decision.rule == "exclusion:change" and CHANGE_OPENER.search(ctx.left) is not None
        or cls.provincial(decision).metric == previous.metric)


def _old_value_of(new: Figure, ctx: cls.Context) -> bool:
    """Whether the figure is the old value of a change whose new value `new` is ('menjadi Y dari
    sebelumnya X'): `new` follows a word of changing into, and only 'dari' (and a few words
    of `new`'s noun phrase) lies between the two."""
    before_new = ctx.sentence_before[:new.start - new.sentence.start]
    return CHANGE_TO_END.search(before_new[-40:]) is not None and not CLAUSE_BREAK.search(ctx.left) \
        and CHANGE_OPENER.search(ctx.left) is not None and len(ctx.left.split()) <= _OLD_VALUE_WORDS


def _of_registrants(ctx: cls.Context, out: list[Figure], earlier: list[Figure]) -> bool:
    """Whether a share is of registrants: named by its own noun ('52 persen pendaftar'), by the
    whole its clause opens with ('Dari 12 juta pendaftar, 52 persen …') or points back to ('… 12 juta
    orang mendaftar. Dari jumlah tersebut, 52 persen …')."""
    head = cls.LEX.person_heads.first(ctx.right)
    if head and cls.LEX.person_heads.metrics[head.index] == "registrants_total" and \
            len(ctx.right[:head.start].split()) <= 1:
        return True
    # the share opens the clause after the whole (a word such as 'sebanyak' may stand before it)
    if len(ctx.left_clause.split()) > 1 or not cls.LEX.partitive.match(ctx.sentence_before):
        return False
    if out:
        return out[-1].metric == "registrants_total"
    return bool(earlier) and earlier[-1].metric == "registrants_total" and \
        cls.LEX.anaphora.search(ctx.sentence_before) is not None
