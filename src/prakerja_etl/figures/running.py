"""Running totals: a count since a start ('sejak 2020'), so far ('hingga kini'), up to a date
('hingga akhir Juni 2023') or now ('saat ini ada') — CLAIMS.md, "Resolving the period", rule 4."""

from __future__ import annotations

import re

from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.scenes import ArticleTime, Scene, sentence_date, stated_as_of
from prakerja_etl.figures.stated_periods import CLAUSE_END, clause_end, clause_start
from prakerja_etl.figures.time_cues import CUES, UP_TO_WORD, last_in, search_in
from prakerja_etl.figures.waves import WAVES, WaveMention, find_waves, waves_year
from prakerja_etl.text.periods import find_periods


def running_timing(f: Figure, scene: Scene, span: tuple[int, int, int], has_stated: bool,
                   stated: str | None, waves: list[WaveMention], when: ArticleTime,
                   recent: int | None) -> tuple[str | None, str | None] | None:
    """(period, as_of) of a running total: counted since a start ('sejak 2020'), so far ('hingga
    kini'), up to a date ('hingga akhir Juni 2023'), or now ('saat ini ada'); None for another
    figure. `span` is where the figure starts and ends and where the one before it ends."""
    text, (start, end, prev_end) = scene.text, span
    before = text[:start]
    after = text[end:clause_end(text, end)]
    since_before = last_in(CUES.since, before, text)
    since = since_before or search_in(CUES.since, text, after)
    # 'hingga Juni 2023 … 5 juta', or in its clause after it: '… mencapai Rp2,4 triliun per Juni 2020'
    as_of_mention = stated_as_of(scene, start) or stated_as_of(scene, start, (end, end + len(after)))
    if as_of_mention and has_stated and stated and stated[:4] < as_of_mention[:4] and scene.offset and \
            stated_as_of(scene, start, (scene.offset, start)) is None:
        as_of_mention = None   # ('Hingga Juni 2023, … Angka itu di bawah tahun lalu yang 8.401': of 2022)
    # (a count since a start needs no other cue: they are not looked for)
    so_far = not since and _so_far(f, scene, before, after, has_stated, as_of_mention)
    present = not since and f.metric in CUES.person_running_metrics and search_in(CUES.present, text, before)
    if not (since or so_far or present or as_of_mention) or \
            not since and planned(scene, start):
        return None   # (nor is a count its sentence plans: 'direncanakan … 30 gelombang hingga November')
    as_of = as_of_mention or sentence_date(scene) or when.iso
    as_of_year = int(as_of[:4]) if as_of else when.year
    if since:
        start_year = _since_year(since.string[since.end():since.end() + 40], when.year) or WAVES.start_year
        if stated and has_stated and int(stated[:4]) < start_year:
            return None  # 'beredar sejak November 2021 … 5,9 juta pada 2020': not this count's start
        if since_before and _own_year_after_since(scene, since_before, span, stated if has_stated else None):
            return None  # 'sejak diluncurkan 11,5 juta, termasuk 5,9 juta tahun lalu': the year's own count
        if stated and has_stated and not as_of_mention and when.year and int(stated[:4]) < when.year and \
                (len(stated) == 4 or stated[5:].isdigit()) and \
                any(p.period == stated and p.end > prev_end for p in scene.having("plain")):
            # 'Pada akhir 2022, penerima sejak 2020 menembus 16,4 juta', in a 2023 article: it stood then
            # (not when the year was another figure's: 'tahun lalu 6 juta orang, sejak awal 20 juta')
            as_of = stated if len(stated) == 7 else f"{stated}-12"
            as_of_year = int(stated[:4])
        period = None if as_of_year is None or start_year < as_of_year else str(as_of_year)
    elif so_far or present:
        period = None if from_first_wave(scene, stated, waves) else stated or waves_year(waves, recent) or (
            str(as_of_year) if as_of_year == WAVES.start_year else None)
    else:
        period = str(as_of_year) if as_of_year else None
    if period and int(period[:4]) > WAVES.start_year and _beyond_one_year(f):
        period = None   # ('hingga akhir 2023, penerima tercatat 18,3 juta': since the launch)
    return period, as_of


def planned(scene: Scene, start: int) -> bool:
    """Whether the sentence plans what the figure at `start` counts ('direncanakan … dengan total 30
    gelombang'): a plan's total, no count standing at a date."""
    return search_in(CUES.plans_ahead, scene.text, scene.text[scene.offset:start]) is not None


def _beyond_one_year(f: Figure) -> bool:
    """Whether the figure is a national count of recipients more than any one year had."""
    most = WAVES.most_in_a_year
    return most is not None and f.metric == "recipients_total" and f.province is None and f.value > most


def _own_year_after_since(scene: Scene, since: re.Match[str], span: tuple[int, int, int],
                          stated: str | None) -> bool:
    """Whether a count after the one a 'sejak' clause counts names its own year in its own clause
    ('… sejak diluncurkan 11,5 juta orang, termasuk 5,9 juta penerima tahun lalu')."""
    start, end, prev_end = span
    if stated is None or len(stated) != 4 or since.start() >= prev_end:
        return False
    own = clause_start(scene.text, start, since.end())
    return own is not None and any(p.period == stated and own <= p.start < clause_end(scene.text, end)
                                   for p in scene.having("plain"))


def from_first_wave(scene: Scene, stated: str | None, waves: list[WaveMention]) -> bool:
    """'hingga gelombang 48' with no year named counts every wave from the first: when that wave ran
    after the programme's first year, the count spans several years."""
    return not (stated or scene.in_force) and any(
        w.opened_by == "up_to" and w.last is None and (WAVES.year_of(w.first) or 0) > WAVES.start_year
        for w in waves)


def _so_far(f: Figure, scene: Scene, before: str, after: str, has_stated: bool,
            as_of_mention: str | None) -> bool:
    """Whether the figure is counted so far: 'hingga kini' before it or in its clause after it, all its
    people ('17 juta alumni'), or a perfect word ('telah'), the weakest cue: only when nothing else
    times the figure."""
    text = scene.text
    if search_in(CUES.so_far, text, before) or search_in(CUES.so_far, text, after):
        return True
    people = not has_stated and f.metric in CUES.person_running_metrics
    if people and search_in(CUES.everyone, text, after):
        return True
    everyone = people and not as_of_mention
    perfect = not (has_stated or as_of_mention or scene.in_force or scene.running) and \
        f.metric in CUES.perfect_metrics
    if not (everyone or perfect):
        return False   # (the clause is not split)
    clause = CLAUSE_END.split(before)[-1]   # the figure's clause up to it
    return bool(everyone and search_in(CUES.everyone, text, clause)) or \
        (perfect and _perfect(text, clause, after))


def _perfect(text: str, clause: str, after: str) -> bool:
    """Whether the figure's clause (`clause` before it, `after` it) says its people have already
    been reached ('telah menjangkau …', '… orang sudah menerima')."""
    return bool(search_in(CUES.perfect, text, clause) or search_in(CUES.perfect, text, after))


def _since_year(after: str, article_year: int | None) -> int | None:
    """The year a 'sejak …' count started: a year named ('sejak 2020', 'sejak pendaftaran tahun ini
    dibuka'), or the wave named (before any 'hingga')."""
    after = UP_TO_WORD.split(after, maxsplit=1)[0]
    years = [p.period for p in find_periods(after, article_year) if p.period]
    if years:
        return int(years[0][:4])
    waves = find_waves(after)
    return WAVES.year_of(waves[0].first) if waves and waves[0].start < 5 else None
