"""Classify a Kartu Prakerja figure into the metric catalog from the words around it.

Each figure is read with its neighbourhood: `left` is the text between the previous figure
(or the sentence start) and this one, `right` the text up to the next figure. Indonesian puts
the group of a share after it ('45 persen perempuan') and the label of an amount before it
('insentif survei Rp50 ribu'), so cues are searched on both sides and the nearest one wins;
exclusions (spending to date, a sample, a subset) win over everything. The words are in
`schemas/lexicon.yaml`; this module holds the order of the rules. Every decision names its
rule ('head-noun:penerima', 'exclusion:spending-to-date', 'weak-evidence').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prakerja_etl.catalog import load_catalog
from prakerja_etl.figures.lexicon import Cues, load
from prakerja_etl.figures.magnitudes import fits_magnitude
from prakerja_etl.figures.time_cues import CUES, WORD, change_verb

LEX = load()
NOUN_PHRASE_WORDS = 3   # words between a figure and a place name that still belongs to its noun
# Not the decimal comma of 2,9 (led by a class, which sre's scan passes at once, see extract).
CLAUSE_BREAK = re.compile(r"[,;:](?:(?<=,)(?:(?<!\d,)|(?!\d))|(?<=[;:]))")
_NEXT_CLAUSE_PENALTY = 50
# A clause that is only an appositive connector points at the clause before it
# ('… kuota yang disiapkan, yaitu 5,6 juta peserta').
_APPOSITION = re.compile(r"\s*(?:yaitu|yakni|adalah|ialah|sebanyak|sebesar)?\s*", re.IGNORECASE)
_RELATIVE = re.compile(r"\s*yang\b", re.IGNORECASE)
_FROM = re.compile(r"\s*dari\b", re.IGNORECASE)
# 'N dari M': M is the whole that N is part of ('lebih dari M' is a hedge, not a whole).
_WHOLE_OF = re.compile(r"^\s*(?:\S+\s+){0,4}?(?<!lebih )(?<!kurang )dari\s+(?:total\s+|sebanyak\s+)?$",
                       re.IGNORECASE)
_COVERAGE = {"regencies_covered", "provinces_covered"}
_TRAIT_WORDS = 2   # '8,6 juta orang penerima perempuan': the count's noun, then the trait
# The recipients' make-up: shares of recipients with a trait (the catalog's composition topic).
COMPOSITION = frozenset(m.metric for m in load_catalog() if m.topic == "composition")
_SAMPLE = {"sample-or-survey", "surveyed"}   # exclusions that make the people a survey's sample
_PROGRAMME_COUNT_MIN = 1000


@dataclass
class Context:
    """What the classifier knows about one figure's surroundings."""

    unit: str
    value: float
    left: str                # text since the previous figure
    left_clause: str         # the part of `left` after its last comma or colon
    right: str               # text up to the next figure
    sentence_before: str     # the sentence up to the figure
    clause_before: str       # the sentence up to the figure, after its last comma
    from_wave: bool
    province_left: bool      # a province is named between the previous figure and this one
    province_right: bool     # a province is named right after it, in the same clause
    province_clause: bool = False   # a province is named earlier in its clause, nothing national since
    previous_value: float | None = None   # the previous figure of the sentence, same unit
    has_next: bool = False   # another figure follows in the sentence
    previous_metric: str | None = None   # the metric of the previous figure of the sentence, any unit


@dataclass
class Decision:
    metric: str | None
    rule: str
    subject: str | None = None


WEAK = Decision(None, "weak-evidence")


def classify(ctx: Context) -> Decision:
    """Metric and rule of a Kartu Prakerja figure (metric None when no catalog metric fits)."""
    if ctx.unit == "ordinal":
        return Decision("wave_number", "ordinal:gelombang") if ctx.from_wave else \
            Decision(None, "ordinal:not-a-wave")
    if ctx.unit == "percent":
        return _percent(ctx)
    if ctx.unit == "rupiah":
        return _rupiah(ctx)
    if ctx.unit == "person":
        return _person(ctx)
    return _count(ctx)


@dataclass
class _Found:
    distance: int
    index: int
    same_clause: bool   # after the figure, before any comma


def _nearest(cues: Cues, left: str, right: str) -> Decision | None:
    """The cue nearest to the figure; ties go to the earlier cue of the group."""
    found = _candidates(cues, left, right)
    return _decision(cues, found[0]) if found else None


def _decision(cues: Cues, found: _Found) -> Decision:
    return Decision(cues.metrics[found.index], cues.rule(found.index))


def _candidates(cues: Cues, left: str, right: str) -> list[_Found]:
    """Cues on both sides, nearest first: the first on the right, every one on the left."""
    out = []
    if right:
        hit = cues.first(right, "right")   # the leftmost match is the nearest on the right
        if hit:
            crossed = bool(CLAUSE_BREAK.search(right, 0, hit.start))
            # After a comma, words tend to label the next figure.
            distance = len(right[:hit.start].strip()) + (_NEXT_CLAUSE_PENALTY if crossed else 0)
            out.append(_Found(distance, hit.index, not crossed))
    if left:
        out += [_Found(len(left[h.end:].strip()), h.index, False) for h in cues.search(left, "left")]
    return sorted(out, key=lambda f: (f.distance, f.index))


def _percent(ctx: Context) -> Decision:
    # A share's group usually follows it ('45 persen perempuan'), starting in the same clause.
    right = _candidates(LEX.percent, "", ctx.right)
    if right and ctx.has_next and _opens_next_item(LEX.percent, ctx.right):
        right = []   # 'perempuan 51 persen dan laki-laki 49 persen': 'laki-laki' is the next share's
    if right and right[0].same_clause:
        return _decision(LEX.percent, right[0])
    partitive = _partitive(ctx)
    if partitive:
        return partitive
    if ctx.province_left and not _regency_before(ctx.sentence_before):   # (a regency's share is its own)
        near = _candidates(LEX.percent, ctx.left_clause, "")
        if near and near[0].distance == 0 and LEX.percent.metrics[near[0].index] is None:
            return _decision(LEX.percent, near[0])   # 'penerima di Aceh naik 20 persen': a change
        return Decision("province_recipient_share", "province:share")
    # Past a comma, a group named before the next figure is that figure's ('… 96%, listrik 75%').
    # (the cue on the right, found above, is not looked for again)
    found = sorted(([] if ctx.has_next else right) + _candidates(LEX.percent, ctx.left_clause, ""),
                   key=lambda f: (f.distance, f.index))
    return _decision(LEX.percent, found[0]) if found else WEAK


def _opens_next_item(cues: Cues, right: str) -> bool:
    """Whether the first label after a figure follows a conjunction opening the next item."""
    hit = cues.first(right, "right")
    return hit is not None and CUES.next_item.match(right[:hit.start]) is not None


def _partitive(ctx: Context) -> Decision | None:
    """'Dari peserta yang menganggur, 36 persen kini bekerja': the whole named in the clause before
    and the words after the share are one description; only a cue spanning both decides."""
    if ctx.left_clause.strip():
        return None
    clauses = CLAUSE_BREAK.split(ctx.sentence_before)
    if len(clauses) < 2 or not LEX.partitive.match(clauses[-2]):
        return None
    whole = clauses[-2]
    text = whole + " " + CLAUSE_BREAK.split(ctx.right, maxsplit=1)[0]
    hit = next((h for h in LEX.percent.search(text, "right")
                if h.start < len(whole) < h.end and LEX.percent.metrics[h.index]), None)
    return Decision(LEX.percent.metrics[hit.index], "partitive:" + LEX.percent.ids[hit.index]) if hit else None


def _rupiah(ctx: Context) -> Decision:
    excluded = LEX.rupiah_exclusions.last(ctx.left)
    if excluded and excluded.end <= len(ctx.left) - len(ctx.left_clause) and \
            LEX.rupiah_exclusions.ids[excluded.index] != "worked-out" and any(
            LEX.rupiah.metrics[h.index] for h in LEX.rupiah.search(ctx.left_clause, "left")):
        # 'Di tengah lonjakan harga pangan, anggaran ditambah menjadi Rp18 triliun': a clause that
        # labels its amount is not ruled out by a clause before it (a sum worked out frames them all)
        excluded = None
    if excluded is None and not _AMOUNT.search(ctx.clause_before):
        # 'Realisasi … mencapai 5,9 juta penerima dengan anggaran Rp13,4 triliun': spending that
        # opens the clause is its first amount ('realisasi Rp17 triliun dari pagu Rp18 triliun':
        # an amount after the spent one is another)
        opened = LEX.rupiah_exclusions.first(ctx.clause_before)
        excluded = opened if opened and LEX.rupiah_exclusions.ids[opened.index] == "spending-to-date" else None
    kind = LEX.rupiah_exclusions.ids[excluded.index] if excluded else None
    # a change excludes the amount it is by, not the value it ends at or started from
    if excluded and not (kind == "change" and (LEX.change_result.search(ctx.left) or
                                               CUES.change_from.search(ctx.left))) and not (
            kind == "spending-to-date" and _rupiah_cue(ctx.left_clause, "incentive-paid-out")):
        return Decision(None, LEX.rupiah_exclusions.rule(excluded.index))
    # 'Rp3,55 juta, termasuk insentif Rp600 ribu per bulan': what the amount includes labels a part
    inclusion = LEX.inclusion.search(ctx.right)
    right = ctx.right[:inclusion.end()] if inclusion else ctx.right
    if right.lstrip().startswith(":") or ctx.has_next and _opens_next_item(LEX.rupiah, right):
        # … and so does a colon after it ('total Rp3,55 juta: saldo pelatihan Rp1 juta, …'); a label
        # after a conjunction is the next amount's ('Rp3,55 juta dan insentif Rp600 ribu')
        right = ""
    found = _candidates(LEX.rupiah, ctx.left_clause, right) or \
        _candidates(LEX.rupiah, ctx.sentence_before, "")
    if not found:
        return WEAK
    if LEX.rupiah.ids[found[0].index] == "per-recipient" and any(f.same_clause for f in found):
        # 'Saldo pelatihan Rp3,5 juta per peserta', 'Setiap peserta mendapat Rp1 juta yang hanya bisa
        # dibelanjakan untuk kelas daring': 'per peserta' frames the package only when nothing else
        # in its clause labels the amount.
        found = found[1:] + found[:1]
    # The nearest label that fits the amount's size: 'anggaran Rp4,8 triliun untuk pelatihan'
    # is an aggregate labelled before it, 'insentif yang diterima Rp600 ribu' is per person.
    for candidate in found:
        decision = _decision(LEX.rupiah, candidate)
        if decision.metric == "budget_total" and (ctx.province_left or ctx.province_clause):
            return _provincial_money(ctx)
        if decision.metric is None or fits_magnitude(decision.metric, ctx.value):
            return decision
    return Decision(None, "magnitude:" + _decision(LEX.rupiah, found[0]).rule)


def _rupiah_cue(text: str, cue: str) -> bool:
    """Whether `text` holds the amount cue of that id ('incentive-paid-out': 'realisasi penyaluran
    insentif …')."""
    return any(LEX.rupiah.ids[h.index] == cue for h in LEX.rupiah.search(text, "left"))


def _provincial_money(ctx: Context) -> Decision:
    """The programme's budget is national: money of one province is what was paid out there."""
    if _rupiah_cue(ctx.clause_before, "incentive"):
        return Decision("incentive_disbursed_total", "province:paid-out")
    return Decision(None, "province:not-the-budget")


_AMOUNT = re.compile(r"\b(?:Rp|IDR)|\brupiah\b", re.IGNORECASE)   # an amount stated
_SUBJECT_WORDS = 3   # words before a sentence's subject ('Sementara itu, Pemkab …'), no preposition
SUBGROUP = "subgroup:"   # the rule prefix of a count of the people with a trait
HEADING = "heading:"   # the rule prefix of a figure named by the figure-less line above it


def _person(ctx: Context) -> Decision:
    if LEX.jobs_before.search(ctx.left_clause):
        return Decision(None, "exclusion:jobs")
    target = _target(ctx)
    if target:
        # (what a regency's government aims at is the regency's: 'Pemkab X menargetkan 8.000 warganya')
        return Decision(None, "exclusion:regency") if target.metric and _regency_leads(ctx.sentence_before) \
            else target
    for text, side in ((ctx.left, "left"), (ctx.right, "right")):
        hit = LEX.person_exclusions.last(text, side)
        if hit and LEX.person_exclusions.ids[hit.index] == "paid-to" and \
                _training_fee_paid(text[:hit.end]):
            continue   # every recipient is paid the training fee: they are the recipients
        if hit and LEX.person_exclusions.ids[hit.index] == "paid-amount-to" and \
                ctx.previous_metric != "incentive_disbursed_total":
            continue   # 'anggaran Rp20 triliun bagi 5,6 juta peserta' is who a plan is for
        if hit and LEX.person_exclusions.ids[hit.index] == "change" and LEX.change_result.search(text, hit.end):
            continue   # 'bertambah menjadi 18 juta orang': the level after the change, not the change
        if hit and LEX.person_exclusions.ids[hit.index] == "region" and (
                ctx.province_left or ctx.province_right or ctx.province_clause):
            continue   # 'Di luar Pulau Jawa, Sulsel mencatat 298 ribu penerima': the province's count
        if hit and (side == "left" or not CLAUSE_BREAK.search(text, 0, hit.start)):
            subject = "sampel survei" if LEX.person_exclusions.ids[hit.index] in _SAMPLE else None
            return Decision(None, LEX.person_exclusions.rule(hit.index), subject)
    head = LEX.person_heads.first(ctx.right)
    head_metric = LEX.person_heads.metrics[head.index] if head else None
    if ctx.previous_value is not None and ctx.value > ctx.previous_value and _WHOLE_OF.match(ctx.left) and \
            not (head_metric and head_metric != ctx.previous_metric):
        # '600 ribu peserta dari 3 juta' restates the whole; '… dari 3 juta pendaftar' names another
        return Decision(None, "exclusion:whole-of-fraction")
    if (_regency_before(ctx.sentence_before) or LEX.regency_place.search(ctx.left_clause)   # 'di Sleman …'
            or _regency_after(ctx.right)) and not ctx.province_right:
        return Decision(None, "exclusion:regency")
    decision = Decision(head_metric, LEX.person_heads.rule(head.index)) \
        if head else _nearest(LEX.person, ctx.left_clause, ctx.right)
    if decision is None:
        hit = LEX.person.last(ctx.sentence_before)
        if ctx.province_left or ctx.province_right:
            return Decision("province_recipients", "province:named")
        # A cue elsewhere in the sentence is weak evidence: enough for a count of the programme's
        # size, not for a handful of people.
        if hit is None or LEX.person.metrics[hit.index] != "recipients_total" or \
                ctx.value < _PROGRAMME_COUNT_MIN or LEX.set_apart.search(ctx.sentence_before[:hit.start]):
            return WEAK   # ('Selain penerima Kartu Prakerja, ada 3 juta orang …' counts others)
        decision = Decision("recipients_total", "sentence:" + LEX.person.ids[hit.index])
    if ctx.province_left or ctx.province_right or ctx.province_clause:
        decision = provincial(decision)
    if decision.metric and _subgroup(ctx):
        # a slice of them by a trait: the metric stays, and figures.timing makes it a part
        return Decision(decision.metric, SUBGROUP + decision.rule)
    return decision


def provincial(decision: Decision) -> Decision:
    """The decision for a figure of one province: a national count of recipients becomes the
    province's."""
    if decision.metric == "recipients_total":
        return Decision("province_recipients", "province:" + decision.rule)
    return decision


_NATIONAL_OF = {"province_recipients": "recipients_total", "province_recipient_share": None}


def national(metric: str | None) -> str | None:
    """The nation's metric of what a province's figure counts (none for its share of the nation)."""
    return _NATIONAL_OF.get(metric or "", metric)


def _subgroup(ctx: Context) -> bool:
    """'Penerima perempuan mencapai 8,6 juta', '8,6 juta penerima perempuan': a count of the people
    with a trait of the recipients' make-up is a slice of the count, not all of it."""
    phrase = CLAUSE_BREAK.split(ctx.right, maxsplit=1)[0]
    if LEX.said_to_be_kind.match(phrase) and not _WHOLE_OF.match(ctx.left) or \
            LEX.kind_relative.search(ctx.left_clause):
        # '1,9 juta penerima merupakan korban PHK', 'penerima yang berasal dari kalangan pekerja …
        # mencapai 1,3 juta'; not '48 persen dari 3,1 juta peserta adalah …'
        return True
    # after it, only the trait of its own noun ('… peserta merupakan perempuan' is what a share is of)
    return any(LEX.percent.metrics[h.index] in COMPOSITION for h in LEX.percent.search(ctx.left_clause, "left")) \
        or any(LEX.percent.metrics[h.index] in COMPOSITION and len(phrase[:h.start].split()) <= _TRAIT_WORDS
               and not LEX.copula.search(phrase, 0, h.start) and not LEX.place_words.search(phrase, 0, h.end)
               for h in LEX.percent.search(phrase, "right"))


def _regency_before(before: str) -> bool:
    """A regency named before the figure, and no national word between ('Pemerintah kota itu mencatat
    secara nasional …')."""
    hit = LEX.regency.search(before)
    return hit is not None and LEX.national.search(before, hit.end()) is None


def _regency_leads(before: str) -> bool:
    """A regency opening the sentence as its subject ('Pemkab Manokwari …', 'Sementara itu, Pemerintah
    Kabupaten X …'), not a place after a preposition ('Saat berkunjung ke Kota Sorong, …')."""
    hit = LEX.regency.search(before)
    lead = before[:hit.start()].split() if hit else []
    return hit is not None and len(lead) <= _SUBJECT_WORDS and LEX.prepositions.isdisjoint(w.lower() for w in lead)


def _regency_after(right: str) -> bool:
    """'48 ribu warga Kota Bekasi': a regency in the figure's own noun phrase makes it the regency's."""
    phrase = CLAUSE_BREAK.split(right, maxsplit=1)[0]
    hit = LEX.regency.search(phrase) or LEX.regency_place.search(phrase)
    return hit is not None and len(phrase[:hit.start()].split()) <= NOUN_PHRASE_WORDS


def _training_fee_paid(text: str) -> bool:
    return any(LEX.rupiah.metrics[h.index] == "training_fee_per_recipient"
               for h in LEX.rupiah.search(text, "left"))


def _target(ctx: Context) -> Decision | None:
    """'menargetkan 2 juta peserta', 'kuotanya 800 ribu orang', '2 juta peserta yang ditargetkan',
    'akan menjangkau 1 juta orang', 'anggaran Rp10 triliun untuk 2 juta peserta'."""
    if ctx.previous_metric == "budget_total" and LEX.budget_for.match(ctx.left) and not any(
            LEX.person_exclusions.ids[h.index] == "capacity" for h in LEX.person_exclusions.search(ctx.clause_before, "left")):
        return Decision("recipients_target", "target:budget-for")
    clause = ctx.clause_before
    joined = bool(_APPOSITION.fullmatch(clause) or _RELATIVE.match(clause))
    if joined or _FROM.match(clause):
        # '…, yaitu 5,6 juta peserta' and '…, yang bisa mencapai 100 ribu penerima' go on
        # speaking of the clause before, as '…, dari 2,9 juta' goes on with its change ('Target naik, …')
        clauses = CLAUSE_BREAK.split(ctx.sentence_before)
        joined = joined or len(clauses) > 1 and change_verb(list(WORD.finditer(clauses[-2]))[-1:]) is not None
        clause = clauses[-2] + clause if joined and len(clauses) > 1 else clause
    hit = LEX.person_target.last(clause)
    # 'melampaui target 5,6 juta': the target word is a yardstick, the figure right after it (in
    # its own clause) its value
    yardstick = hit and LEX.person_target_met.search(clause, 0, hit.start) and not (
        not joined and LEX.target_value_gap.fullmatch(clause, hit.end))
    if hit and not yardstick and not _realised_since(ctx, clause, hit.end):
        return Decision("recipients_target", LEX.person_target.rule(hit.index))
    # ('2 juta peserta yang ditargetkan'; past a comma a target word opens a clause of its own:
    # '… 10 juta orang, kuota tinggal sedikit')
    hit = LEX.person_target.first(CLAUSE_BREAK.split(ctx.right, maxsplit=1)[0])
    if hit and not re.search(r"[^\W\d_]", re.sub(r"\b(?:orang|peserta|penerima|yang|akan)\b", "",
                                                 ctx.right[:hit.start], flags=re.IGNORECASE)):
        return Decision("recipients_target", LEX.person_target.rule(hit.index))
    return None


def _realised_since(ctx: Context, clause: str, cue_end: int) -> bool:
    """A target word before the previous figure labels that figure; words of a count reached
    since then ('dari target 2 juta, kini sudah 1,5 juta') make this one the realised count."""
    own = len(clause) - len(ctx.left)   # where the text since the previous figure starts
    return ctx.previous_value is not None and cue_end <= own and bool(LEX.person_realised.search(ctx.left))


def _count(ctx: Context) -> Decision:
    excluded = LEX.count_exclusions.last(ctx.clause_before) or LEX.count_exclusions.first(ctx.right)
    if excluded and LEX.count_exclusions.ids[excluded.index] == "region" and ctx.province_right \
            and LEX.province_group.search(ctx.left_clause):
        excluded = None   # all of one province's areas: 'seluruh 35 kabupaten/kota di Jawa Tengah'
    if excluded:
        return Decision(None, LEX.count_exclusions.rule(excluded.index))
    if ctx.previous_value is not None and ctx.value > ctx.previous_value and _WHOLE_OF.match(ctx.left):
        return Decision(None, "exclusion:whole-of-fraction")
    right = ctx.right
    if LEX.count_classifiers.match(right):
        # '… jumlah pelatihan yang ada 1.200 jenis': the noun counted is named before.
        named = re.search(r"\bjumlah(\s+\w+)", ctx.left_clause, re.IGNORECASE)
        right = named.group(1) if named else right
    hit = LEX.count.first(right)
    if not hit:
        return WEAK
    if LEX.count.metrics[hit.index] == "trainings_count" and LEX.courses_taken.search(ctx.clause_before):
        return Decision(None, "exclusion:taken")
    planned = LEX.person_target.last(ctx.clause_before)
    if planned and LEX.person_target.ids[planned.index] == "planned" and LEX.count.metrics[hit.index] in _COVERAGE:
        # Coverage is what was reached, not a plan; partners or courses a plan names exist already.
        return Decision(None, "exclusion:planned")
    return Decision(LEX.count.metrics[hit.index], LEX.count.rule(hit.index))
