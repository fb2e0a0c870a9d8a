"""One figure's timing from its scene: the period it holds for, whether it is a total, a running
total (and as of when), a part or a superseded value — CLAIMS.md, "Resolving the period"."""

from __future__ import annotations

from prakerja_etl.figures import parts
from prakerja_etl.figures.classify import HEADING, SUBGROUP
from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.running import from_first_wave, planned, running_timing
from prakerja_etl.figures.scenes import (
    ArticleTime,
    Scene,
    standing_as_of,
)
from prakerja_etl.figures.stated_periods import (
    clause_end,
    clause_start,
    stated_period,
    sums_since_an_earlier_year,
)
from prakerja_etl.figures.time_cues import (
    CHANGE_OPENER,
    CHANGE_TO_AFTER,
    CHANGE_TO_BEFORE,
    CHANGE_TO_END,
    CUES,
    DESCRIBING,
    EACH_BEFORE,
    PART_THEN,
    RELATIVE_CLAUSE,
    REMAINDER_BEFORE,
    RESTATED,
    WAVE_THEN,
    WORD,
    change_verb,
    continued,
    search_in,
)
from prakerja_etl.figures.waves import (
    WAVES,
    WaveMention,
    own_waves,
    spanned_waves_year,
    up_to_wave_after,
    waves_year,
)


def _changed_from(text: str, start: int, end: int) -> tuple[int, int] | None:
    """'naik dari Rp X menjadi Rp Y', 'menjadi Rp Y dari Rp X': where the old value X's own words
    lie, when the figure at [start, end) is X; None for a lone 'dari X' ('30 persen dari 5 juta')."""
    opener = CUES.change_from.search(text, max(0, start - 25), start)
    if not opener:
        return None
    if after := CHANGE_TO_AFTER.search(text[end:]):
        return opener.start(), end + len(after.group("gap"))
    if CHANGE_TO_BEFORE.search(text, max(0, start - 90), start):
        return opener.start(), clause_end(text, end)
    return None


def _then(scene: Scene, start: int, end: int) -> bool:
    """Whether the figure's sentence says it is of 'that time' ('kala itu', 'saat itu') and names no
    time of its own: the time named before, not a former one."""
    text, offset = scene.text, scene.offset
    if CUES.then.absent(text) or any(p.period and p.start >= offset for p in scene.periods):
        return False
    return bool(CUES.then.search(text, offset, start) or CUES.then.search(text, end, clause_end(text, end)))


def _change_verb_before(text: str, start: int) -> int | None:
    """Where 'naik dari', 'dipangkas dari sebelumnya' begins when it opens the figure at `start`:
    a verb of changing a value (by its root) at most one word before the 'dari' that opens it."""
    opener = CHANGE_OPENER.search(text, max(0, start - 40), start)
    if not opener:
        return None
    words = list(WORD.finditer(text, max(0, opener.start() - 30), opener.start()))[-2:]
    return verb.start() if (verb := change_verb(words)) else None


def _former(scene: Scene, start: int, end: int) -> int | None:
    """Where the words that put the figure in a former or supposed time begin ('Dulu …', 'paket lama
    senilai …', '… kala itu', 'nanti kalau …'), when they do: the last time word before it in its
    sentence is of the past or a supposed future, or one of the past follows it in its clause.
    'kala itu' is the time named before it in the sentence, if any."""
    text, offset = scene.text, scene.offset
    if CUES.former.absent(text) and CUES.then.absent(text) and CUES.hypothetical.absent(text):
        return None   # most sentences have no word of a former or supposed time
    named = [p.start for p in scene.periods if p.period and p.start >= offset]
    cues = [m for pattern in (CUES.former, CUES.hypothetical, CUES.then)
            for m in pattern.finditer(text, offset, start)
            if pattern is not CUES.then or not any(n < m.start() for n in named)]
    before = max(cues, key=lambda m: m.start(), default=None)
    if before and not CUES.present.search(text, before.end(), start):
        return before.start()
    after = text[end:clause_end(text, end)]
    return end if CUES.former.search(after) or (CUES.then.search(after) and not named) else None


def resolve(f: Figure, scene: Scene, prev_end: int, when: ArticleTime,
            next_start: int | None = None) -> tuple[Figure, bool, bool]:
    """The figure with its timing, whether only the article's defaults decided it, and whether it
    restates a figure stated before ('8 juta orang tersebut'); `prev_end` and `next_start` are
    where the sentence's figures before and after it end and start (in the sentence)."""
    text = scene.text
    start, end = scene.offset + f.start - f.sentence.start, scene.offset + f.end - f.sentence.start
    restated = bool(RESTATED.regex.match(text, end))   # (tried at one place: cheaper than its words' test)
    has_stated, stated = stated_period(scene, start, end, restated,
                                       scene.offset + prev_end if prev_end else None,
                                       scene.offset + next_start if next_start is not None else None)
    figure, default = _resolve_in(f, scene, prev_end, when, start, end, has_stated, stated)
    # (a period its own sentence names before it is its own: 'Pada 2020, program dengan anggaran
    # Rp20 triliun itu …' is 2020's, whatever year the same amount had earlier)
    return figure, default, restated and not has_stated


def _resolve_in(f: Figure, scene: Scene, prev_end: int, when: ArticleTime, start: int, end: int,
                has_stated: bool, stated: str | None) -> tuple[Figure, bool]:
    text = scene.text
    if f.unit == "ordinal":
        # a wave number is named for its wave: the calendar's year, or a finer period the
        # sentence states within that year ('gelombang IV, Agustus 2020')
        year = WAVES.year_of(int(f.value), recent=_recent(scene, stated, when))
        # (not the time of what a relative clause says the wave did: 'gelombang 12 yang dibuka
        # akhir Februari' is the year's wave 12)
        fine = stated if year and stated and stated.startswith(str(year)) and \
            not RELATIVE_CLAUSE.match(text, end) else None
        return timed(f, period=fine or (str(year) if year else None), basis="total", as_of=None), False
    if f.metric is None:
        return timed(f, period=stated if has_stated else scene.in_force or scene.survey, basis="total",
                     as_of=None), False
    cut = _stage_cut(scene, start)
    region = text[cut:start]
    waves = own_waves(text, start, end)
    if scene.survey:   # (the waves of the respondents the sentence before named do not date the results)
        waves = [w for w in waves if w.start >= scene.offset]
    recent = _recent(scene, stated, when) if waves else None   # (it dates only waves)
    wave_year = waves_year(waves, recent)
    plan = f.metric in CUES.plan_metrics
    if plan and stated and len(stated) == 7 and (
            stated[5:].isdigit() or CHANGE_TO_END.search(text, max(0, start - 40), start)):
        # a quota or budget set in April 2020 is the year's; so is one raised in its second half
        # ('memasuki semester II, anggaran dinaikkan menjadi Rp18 triliun')
        stated = stated[:4]
    before = text[max(cut, prev_end + scene.offset):start]
    replaced = _replaced(f, scene, when, start, end, before, region, stated or wave_year)
    if replaced is not None:
        return replaced, False

    # part: one wave, one stage, one survey of the series
    clause_stop = clause_end(text, end) if waves else len(text)   # (only a wave after it asks)
    one_wave = any(w.last is None and not w.opened_by and (w.start >= cut and w.end <= start
                                                          and not _in_time_clause(text, w.start, start)
                                                          or end <= w.start and w.end <= clause_stop)
                   for w in waves)
    # (what is left of a semester's quota is that semester's: its period already says so)
    remainder = search_in(REMAINDER_BEFORE, text, region) and not (stated and stated[5:6] in ("S", "Q"))
    if f.metric in CUES.part_metrics and (one_wave or search_in(CUES.part, text, region) or remainder
                                          or f.rule.startswith(SUBGROUP)
                                          or parts.each_or_stage(f, text, start, end)) \
            or parts.among(f, text, end) or \
            (f.metric == "survey_incentive" and (search_in(CUES.per_unit_after, text, text[end:end + 60])
                                                 or EACH_BEFORE.search(text, max(0, start - 20), start)
                                                 or WAVES.one_surveys(f.value))):
        if one_wave and wave_year and stated and stated[5:].isdigit() and stated.startswith(wave_year):
            stated = wave_year   # one wave's figure is of the wave's year, not of the month it opened in
        period = stated or wave_year or _default(f, scene, when, region, start)
        return timed(f, period=period, basis="part", as_of=None), False
    if not plan:
        running = running_timing(f, scene, (start, end, prev_end + scene.offset), has_stated, stated, waves,
                                 when, recent)
        if running:
            return timed(f, period=running[0], basis="to_date", as_of=running[1]), False
    return _resolve_stated(f, scene, when, start, end, before, has_stated, stated, waves, wave_year)


def _replaced(f: Figure, scene: Scene, when: ArticleTime, start: int, end: int, before: str, region: str,
              own_period: str | None) -> Figure | None:
    """The figure timed as a value that was replaced or is of a former time, if it is one; `before`
    is its text since the figure or period before it, `region` since the period before it."""
    text, plan = scene.text, f.metric in CUES.plan_metrics
    # superseded: 'semula Rp X, kemudian menjadi Rp Y'
    said_first = search_in(CUES.superseded_before, text, before)
    if said_first and search_in(CUES.superseded_after, text, text[end:]) or \
            parts.revised_later(f, text, scene.offset, start, end) or \
            plan and search_in(CUES.first_plan, text, text[max(0, start - 40):start]):
        # a replaced plan was the plan of the same year as its replacement
        period = own_period or (_default(f, scene, when, region, start) if plan else None)
        return timed(f, period=period, basis="superseded", as_of=None)
    plain = scene.having("plain", "range")
    # 'naik dari Rp X menjadi Rp Y': X was replaced, unless its own words date it ('dari 5 juta
    # pada 2021 menjadi …', '… tahun lalu menjadi …'): then it is that period's
    changed = _changed_from(text, start, end)
    if changed:
        own = [p.period for p in plain if changed[0] <= p.start < changed[1] and p.period]
        return timed(f, period=own[0][:4] if plan and own else own[0] if own else None,
                     basis="total" if own else "superseded", as_of=None)
    if scene.same_line_in_force and scene.same_line_in_force[:4] != str(scene.year) and \
            not scene.past_scheme and _then(scene, start, end):
        # 'Pada 2021 … . Kala itu penerima …': the past time its paragraph speaks of (not the
        # article's year: 'dibanding skema semi bansos … Kala itu …' is the scheme's former time)
        return timed(f, period=scene.same_line_in_force, basis="total", as_of=None)
    # a value of a former time ('paket lama senilai …', '… naik dari Rp X'): only a period stated for it
    former = _former(scene, start, end)
    if former is None:
        former = _change_verb_before(text, start)
    if former is not None:
        clause_stop = clause_end(text, end)
        own = [p.period for p in plain if former <= p.start < clause_stop and p.period]
        return timed(f, period=own[0] if own else None, basis="total", as_of=None)
    return None


def _resolve_stated(f: Figure, scene: Scene, when: ArticleTime, start: int, end: int, before: str,
                    has_stated: bool, stated: str | None, waves: list[WaveMention],
                    wave_year: str | None) -> tuple[Figure, bool]:
    """A total, or this year's running count: the period its waves or sentence state, else the
    article's default (`before`: its text since the figure or period before it)."""
    text, default = scene.text, False
    if not has_stated and f.metric in CUES.running_metrics and (any(
            w.last is not None and WAVES.year_of(w.first) and WAVES.year_of(w.last)
            and WAVES.year_of(w.first) != WAVES.year_of(w.last)
            for w in waves) or from_first_wave(scene, stated, waves)):
        # 'gelombang 1 hingga 22': a count over waves of several years runs up to the article
        return timed(f, period=None, basis="to_date", as_of=standing_as_of(scene, start, when)), False
    spanned = spanned_waves_year(text, waves, end)
    period: str | None
    if spanned and not (stated or "").startswith(spanned):   # a finer period within it stands
        period = spanned
    elif has_stated:
        period = stated
    elif waves:
        period = wave_year
    elif f.metric in CUES.plan_metrics and (CUES.over_years.regex.match(text, end) or search_in(
            CUES.over_years, text,
            before if f.metric in CUES.yearly_plan_metrics else text[scene.offset:start])):
        # '… Rp67 triliun untuk Prakerja selama lima tahun': several years', no one year's; so are the
        # amounts of a scheme its sentence opens on several years ('Selama tiga tahun skema itu, …')
        period = None
    elif f.metric in CUES.yearly_plan_metrics and sums_since_an_earlier_year(scene, start, when.year):
        return timed(f, period=None, basis="to_date", as_of=standing_as_of(scene, start, when)), False
    else:
        period, default = _default(f, scene, when, before, start), True
        if period is None and scene.running and f.metric in CUES.running_metrics:
            year = int(scene.running[:4])
            return timed(f, period=None if WAVES.start_year < year else str(year), basis="to_date",
                         as_of=scene.running), True
    if period and f.metric in CUES.running_metrics and len(period) == 7 and period[5:].isdigit() \
            and has_stated:
        # a count stated for a month stands at that month: 'pada Oktober 2020, 5,59 juta penerima'
        return timed(f, period=period[:4], basis="to_date", as_of=period), False
    if period and period[:4] == str(when.year) and (
            f.metric in CUES.running_metrics or f.metric in CUES.profile_metrics and has_stated):
        # this year's count (or a share of its make-up), stated within the year, runs to date: even a
        # year-end review's count is not the year's final one; a stock only when said to be the
        # present one; a count said to stand now ('saat ini') in a part of this year is this year's
        # (not a count its sentence plans: 'direncanakan … dengan total 30 gelombang')
        present = CUES.present.search(text, scene.offset, start) is not None
        if (period == str(when.year) or present) and (f.metric not in CUES.stock_metrics or present) \
                and not planned(scene, start):
            return timed(f, period=period[:4], basis="to_date", as_of=standing_as_of(scene, start, when)), \
                default
    last = [w.first for w in waves if w.opened_by == "up_to" and w.last is None and w.end <= start][-1:] \
        or up_to_wave_after(waves, end, clause_end(text, end))
    if last and period and len(period) == 4 and f.metric in CUES.running_metrics and (
            WAVES.years.get(last[0], when.year) == int(period)   # (a wave newer than the calendar's: now)
            and (last[0] not in WAVES.year_ends or when.year == int(period))):
        # 'sampai gelombang 17, penerima 2021 …': the count so far (at its last wave too, within the year)
        as_of = WAVES.months.get(last[0]) or standing_as_of(scene, start, when)
        return timed(f, period=period, basis="to_date", as_of=as_of), default
    return timed(f, period=period, basis="total", as_of=None), default


def timed(f: Figure, period: str | None, basis: str, as_of: str | None) -> Figure:
    """The figure with this timing; itself when it already has it (most keep the defaults)."""
    if f.period == period and f.basis == basis and f.as_of == as_of:
        return f
    # what replace() does, without its field-by-field __init__ (Figure has no __post_init__)
    timed = object.__new__(Figure)
    timed.__dict__.update(f.__dict__, period=period, basis=basis, as_of=as_of)
    return timed


def _in_time_clause(text: str, at: int, start: int) -> bool:
    """Whether `at` lies in a clause before the figure at `start` that says when ('Saat gelombang
    pertama dibuka pada 11 April 2020, pagunya …')."""
    return CUES.time_clause.regex.match(text, clause_start(text, at) or 0) is not None and \
        clause_start(text, start, at) is not None


def _stage_cut(scene: Scene, start: int) -> int:
    """Where stage and wave cues before the figure at `start` start counting: after the last period
    named before it ('target tahap awal 595.000, sementara target sepanjang 2023 dipatok 1 juta': the
    stage ends where 2023 is named). Not a month, finer than a wave ('gelombang 18 … dibuka akhir
    Juli dengan kuota 600.000'), unless a count runs up to it ('…, tetapi hingga awal Agustus …')."""
    text = scene.text
    return max([p.end for p in scene.having("plain", "range") if p.end <= start
                and not PART_THEN.search(text, 0, p.start)
                and not WAVE_THEN.search(text, max(0, p.start - 40), p.start)
                and not DESCRIBING.search(text, max(0, p.start - 40), p.start)
                and not (p.period and p.period[5:].isdigit())]
               + [p.end for p in scene.having("as_of") if p.end <= start], default=0)


def _recent(scene: Scene, stated: str | None, when: ArticleTime) -> int | None:
    """The year the sentence speaks of (its own period, else the one in force), for waves newer than
    the calendar knows: a wave the calendar has not reached yet ran in that year when it is not
    before the calendar's last year nor after the article."""
    year = stated or scene.in_force
    return WAVES.recent(int(year[:4]) if year else None, when.year)


def _default(f: Figure, scene: Scene, when: ArticleTime, before: str, start: int) -> str | None:
    """The period a figure its sentence does not time holds for (below); an amount per person only
    another scheme had than the one of that period ('Rp3,55 juta' said in 2023: the semi-bansos
    package) is of that scheme's years (up to the article's while it runs)."""
    period = _default_period(f, scene, when, before, start)
    year = int(period[:4]) if period else when.year
    other = WAVES.scheme_with_amount(f.metric, f.value, year) if f.unit == "rupiah" and f.metric else None
    if other is None:
        return period
    last = other.last if other.last is not None else when.year
    if last is None or last < other.first:
        # a scheme that began after the article: its amount is of the scheme's first year when the
        # text speaks of that year ('Untuk 2023, … . "Biaya pelatihannya jadi Rp3,5 juta"'), else
        # of no scheme
        return str(other.first) if scene.in_force and scene.in_force[:4] == str(other.first) else period
    return str(other.first) if other.first == last else None


def _default_period(f: Figure, scene: Scene, when: ArticleTime, before: str, start: int) -> str | None:
    """No period in the sentence: plans and prices hold for the article's year, or the period of
    their paragraph (its year for a plan called the whole: 'anggaran total'); other figures take the
    fieldwork of the survey whose results they report, else the period in force; in the programme's
    first year (it began in April 2020, so a figure in a 2020 article can
    be of no other year unless the text says so) every figure is of that year."""
    first_year = str(when.year) if when.year == WAVES.start_year else None
    # 'Kini anggarannya …', 'Sekarang ada tujuh platform dan lima mitra': the article's time
    now = search_in(CUES.present, scene.text, scene.text[scene.offset:start]) is not None
    if scene.past_scheme and scene.scheme_at < start and not now and not scene.next_stated:
        # 'Pada skema semi bansos, biaya pelatihan hanya Rp1 juta' (in 2023): the scheme's years
        first, last = scene.past_scheme.first, scene.past_scheme.last
        return scene.survey or (str(first) if first == last else None)
    if f.metric in CUES.plan_metrics:
        if f.metric in CUES.yearly_plan_metrics and continued(before):
            return scene.next_stated
        if f.metric in CUES.yearly_plan_metrics and search_in(CUES.since, scene.text, before):
            return None   # 'dalam tiga tahun terakhir … anggaran Rp51 triliun': several years', no one year's
        # (a heading above it is its paragraph's first line: 'Anggaran 2024 / Pemerintah menyiapkan …')
        carried = None if now else scene.in_force if f.rule.startswith(HEADING) else scene.same_line_in_force
        if carried and (CUES.whole.search(before) or carried[5:].isdigit()):
            carried = carried[:4]   # (a plan set in a month is the year's: 'ketika … pada April 2020')
        return scene.next_stated or carried or (str(when.year) if when.year else None)
    # a count or share cannot be of a year not yet begun ('tahun depan' carried from a plan)
    in_force = scene.in_force if not (scene.in_force and when.year and int(scene.in_force[:4]) > when.year) \
        else None
    if now and f.metric in CUES.stock_metrics and in_force and in_force[:4] != str(when.year):
        in_force = None   # 'Sekarang ada tujuh platform': not the year the sentences before carried
    # (a survey's results are of its fieldwork, whatever period the sentences before compared them with)
    return scene.next_stated or scene.survey or in_force or first_year
