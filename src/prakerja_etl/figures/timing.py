"""When each figure holds and whether it is final: `period`, `basis` and `as_of` read from the
whole article, in the order of CLAIMS.md ("Resolving the period").

A figure's own sentence decides first (a stated period, a running-total cue, one wave or stage, a
replaced value); then the waves it names (the calendar in schemas/waves.yaml); then the article's
date for plans and prices stated in the present tense; then the period in force from the sentences
before it. What none of these settles stays NULL: a wrong period is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.lexicon import Prefiltered, compile_cue, stem
from prakerja_etl.reference_data import REFERENCE_DIR
from prakerja_etl.text.numbers import parse_roman
from prakerja_etl.text.periods import DateMention, PeriodMention, find_dates, find_periods, period_for
from prakerja_etl.text.segment import Sentence

WAVES_PATH = REFERENCE_DIR / "waves.yaml"
CUES_PATH = REFERENCE_DIR / "timing.yaml"


@dataclass(frozen=True)
class WaveCalendar:
    """Wave number → the year it ran in; the programme's first month."""

    years: dict[int, int]
    start: str                      # 'YYYY-MM' of wave 1
    last: int                       # the last wave it knows

    @property
    def start_year(self) -> int:
        return int(self.start[:4])

    def year_of(self, first: int, last: int | None = None, recent: int | None = None) -> int | None:
        """The year waves first..last ran in; None when unknown or they span several years. A wave
        after the calendar's last one ran in `recent` (the year the text speaks of), if given."""
        years = {self.years.get(n) if n <= self.last else recent for n in range(first, (last or first) + 1)}
        return years.pop() if len(years) == 1 else None

    def recent(self, year: int | None, article_year: int | None) -> int | None:
        """A year a wave after the calendar's last one can have run in: not before the calendar's
        last year, not after the article."""
        last_year = self.years[self.last]
        return year if year and article_year and last_year <= year <= article_year else None


def load_waves(path: Path = WAVES_PATH) -> WaveCalendar:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    years: dict[int, int] = {}
    for row in doc["waves"]:
        for n in range(row["from"], row["to"] + 1):
            if years.setdefault(n, row["year"]) != row["year"]:
                raise ValueError(f"{path.name}: wave {n} is given two years")
    return WaveCalendar(years=years, start=str(doc["programme_start"]), last=max(years))


@dataclass(frozen=True)
class Cues:
    since: Prefiltered
    completed: Prefiltered
    year_after: Prefiltered
    year_before: Prefiltered
    unchanged: Prefiltered
    so_far: Prefiltered
    present: Prefiltered
    up_to: Prefiltered
    part: Prefiltered
    per_unit_after: Prefiltered
    per_unit_before: Prefiltered
    superseded_before: Prefiltered
    superseded_after: Prefiltered
    change_from: Prefiltered
    change_to: Prefiltered
    former: Prefiltered
    hypothetical: Prefiltered
    then: Prefiltered
    whole: Prefiltered
    restated: Prefiltered
    anaphora: Prefiltered
    described: Prefiltered
    everyone: Prefiltered
    survey: Prefiltered
    fieldwork: Prefiltered
    fieldwork_link: Prefiltered
    wave: Prefiltered
    plan_metrics: frozenset[str]
    cumulative_plan_metrics: frozenset[str]
    yearly_plan_metrics: frozenset[str]
    running_metrics: frozenset[str]
    person_running_metrics: frozenset[str]
    part_metrics: frozenset[str]
    profile_metrics: frozenset[str]
    stock_metrics: frozenset[str]
    change_verb_stems: frozenset[str]
    continuation_verb_stems: frozenset[str]


def _phrases(items: list[str]) -> str:
    return r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in sorted(items, key=len, reverse=True)) + r")\b"


_SETS = ("metrics", "stems")   # keys ending so hold sets of names or roots, not phrases to match


def load_cues(path: Path = CUES_PATH) -> Cues:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    pattern = {k: compile_cue(_phrases(v), re.IGNORECASE) for k, v in doc.items() if not k.endswith(_SETS)}
    pattern["up_to"] = compile_cue(_phrases(doc["up_to"]) + r"(?:\s+(?:akhir|pertengahan|awal|tanggal))?\s*$",
                                  re.IGNORECASE)
    pattern["per_unit_after"] = compile_cue(r"^\W*" + _phrases(doc["per_unit_after"]), re.IGNORECASE)
    pattern["superseded_after"] = compile_cue(r"^[^.;]{0,40}?" + _phrases(doc["superseded_after"]),
                                             re.IGNORECASE)
    pattern["change_from"] = compile_cue(_phrases(doc["change_from"]) + r"\s+$", re.IGNORECASE)
    pattern["anaphora"] = compile_cue(r"^\W*" + _phrases(doc["anaphora"]), re.IGNORECASE)
    pattern["unchanged"] = compile_cue(_phrases(doc["unchanged"]) + r"\s+(?:(?:pada|di)\s+)?$", re.IGNORECASE)
    pattern["described"] = compile_cue(_phrases(doc["described"]) + r"\s+(?:(?:pada|sejak|per|di)\s+)?$",
                                      re.IGNORECASE)
    sets = {k: frozenset(v) for k, v in doc.items() if k.endswith(_SETS)}
    return Cues(**pattern, **sets)


WAVES = load_waves()
CUES = load_cues()

# The new value of a change is a figure: 'menjadi Rp 4,2 juta' (a decimal comma is no clause end).
_GAP = r"(?:[^,;.]|[,.](?=\d)){0,40}?"
_TO_VALUE = CUES.change_to.pattern + r"\s+(?:Rp\.?\s*)?"   # 'menjadi' (and a currency) before a figure
_NEW_VALUE = _TO_VALUE + r"\d"
_CHANGE_TO_AFTER = compile_cue(rf"^(?P<gap>{_GAP}){_NEW_VALUE}", re.IGNORECASE)
# 'dari Rp X', 'dari sebelumnya hanya Rp X': the 'dari' that opens a figure, a word between at most.
_CHANGE_OPENER = compile_cue(CUES.change_from.pattern.removesuffix(r"\s+$") + r"(?:\s+[^\W\d_]+)?\s+$",
                             re.IGNORECASE)
# a sentence opening with 'Awalnya', 'Semula', 'Sebelumnya' (a word or two may precede it)
_ORIGINALLY = compile_cue(r"^\W*(?:\w+\s+){0,2}?" + CUES.superseded_before.pattern, re.IGNORECASE)
_CHANGE_TO_END = compile_cue(_TO_VALUE + "$", re.IGNORECASE)
_CHANGE_TO_BEFORE = compile_cue(_NEW_VALUE + _GAP + CUES.change_from.pattern, re.IGNORECASE)
# 'tersebut'/'itu' right after a figure (and its noun) restates it.
_RESTATED = compile_cue(r"^\s+(?:\w+\s+)?" + CUES.restated.pattern, re.IGNORECASE)
# A fieldwork period follows its verb, or the agent after it only with a link word: 'dilakukan pada
# Mei 2022', 'dilakukan oleh BPS pada Mei 2022', but not 'dilakukan oleh Ipsos 2021' (a name).
_FIELDWORK_AT = compile_cue(CUES.fieldwork.pattern + r"\s+(?:(?:oleh(?:\s+\S+){1,4}?\s+)?"
                           + CUES.fieldwork_link.pattern + r"\s+)?(?:\d{1,2}\s+)?$", re.IGNORECASE)

# A period right after a part cue (a few words, no figure or clause end between) times the part, it
# does not end it: 'kuota tiap gelombang Kartu Prakerja pada 2024'.
_PART_THEN = compile_cue(CUES.part.pattern + r"(?:\s+[^\s\d,;.]+){0,3}?\s+(?:(?:pada|di|tahun)\s+)?$",
                        re.IGNORECASE)
# 'masing-masing Rp50 ribu' right before an amount: each of the units the sentence counts.
_EACH_BEFORE = compile_cue(CUES.per_unit_before.pattern + r"\W*$", re.IGNORECASE)

_ORDINAL_WORDS = {
    "pertama": 1, "satu": 1, "kedua": 2, "dua": 2, "ketiga": 3, "tiga": 3, "keempat": 4, "empat": 4,
    "kelima": 5, "lima": 5, "keenam": 6, "enam": 6, "ketujuh": 7, "tujuh": 7, "kedelapan": 8,
    "delapan": 8, "kesembilan": 9, "sembilan": 9, "kesepuluh": 10, "sepuluh": 10,
}
_N = r"(?:ke-?\s*)?(?:\d{1,3}|[IVXL]{1,6}\b|" + "|".join(_ORDINAL_WORDS) + r")"
_WAVE_RE = compile_cue(
    CUES.wave.pattern + rf"\s+(?P<a>{_N})(?:\s*(?:[-–]|\bhingga\b|\bsampai(?:\s+dengan)?\b|\bs\.d\.?)\s*"
    rf"(?:{CUES.wave.pattern}\s+)?(?P<b>{_N}))?",
    re.IGNORECASE,
)


_ORDINAL_PREFIX = re.compile(r"^ke-?\s*", re.IGNORECASE)


def _wave_number(token: str) -> int | None:
    token = _ORDINAL_PREFIX.sub("", token.strip())
    if token.isdigit():
        return int(token)
    return _ORDINAL_WORDS.get(token.lower()) or (parse_roman(token.upper()) if token.isupper() else None)


@dataclass(frozen=True)
class WaveMention:
    start: int
    end: int
    first: int
    last: int | None      # None: one wave
    opened_by: str        # 'since', 'up_to' or '' — the word before it


@lru_cache(maxsize=1024)   # asked once per figure of a sentence
def find_waves(text: str) -> tuple[WaveMention, ...]:
    """'gelombang 12', 'gelombang 1 hingga 11', 'batch 1-8', 'gelombang kedua'."""
    out = []
    for m in _WAVE_RE.finditer(text):
        first = _wave_number(m.group("a"))
        last = _wave_number(m.group("b")) if m.group("b") else None
        if first is None or (last is not None and last <= first):
            continue
        before = text[max(0, m.start() - 30):m.start()]
        opened_by = "since" if re.search(CUES.since.pattern + r"\s+$", before, re.IGNORECASE) else \
            "up_to" if CUES.up_to.search(before) else ""
        out.append(WaveMention(m.start(), m.end(), first, last, opened_by))
    return tuple(out)


@dataclass(frozen=True)
class ArticleTime:
    """The article's date, or only its year when no day could be read."""

    day: date | None
    year: int | None

    @property
    def iso(self) -> str | None:
        return self.day.isoformat() if self.day else None


@dataclass   # (not frozen: one is built per sentence, and a frozen __init__ sets field by field)
class _Scene:
    """What one sentence (with the one it points back to) says about time."""

    text: str                       # the sentence, after the previous one when it points back
    offset: int                     # where the sentence itself starts in `text`
    periods: tuple[PeriodMention, ...]
    roles: tuple[str, ...]          # each period's _role, computed once
    year: int | None                # the article's year, for dates without one
    in_force: str | None            # the period of the sentences before it
    same_line_in_force: str | None  # …only if stated earlier in the same paragraph
    next_stated: str | None = None  # stated by the next sentence when it points back to this one
    survey: str | None = None       # the fieldwork period of the survey whose results it reports
    running: str | None = None      # as_of of a count since the start in force before it
    year_closed: bool = False       # the article reports its own year's programme finished

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        """The dates it names: only a figure's sentence is asked, most sentences never are."""
        return find_dates(self.text, self.year)

    def own(self, *roles: str) -> list[PeriodMention]:
        """The periods the sentence itself names (not the one it points back to) in these roles."""
        return [p for p in self.having(*roles) if p.start >= self.offset]

    def having(self, *roles: str) -> list[PeriodMention]:
        """The periods named in `text` (the sentence pointed back to included) in these roles."""
        if not self.periods:
            return []   # most sentences name none
        return [p for p, role in zip(self.periods, self.roles, strict=True) if role in roles]


def time_article(figures: list[Figure], sentences: list[Sentence],
                 when: ArticleTime) -> tuple[list[Figure], dict[int, str | None]]:
    """Each figure with `period`, `basis` and `as_of` set from its sentence and the article, and the
    period each sentence speaks of (its own stated one, else the one in force before it)."""
    scenes, periods = _scenes(sentences, when, frozenset(f.sentence.start for f in figures
                                                         if f.metric in CUES.running_metrics))
    return _resolve_all(figures, sentences, when, scenes), periods


def _resolve_all(figures: list[Figure], sentences: list[Sentence], when: ArticleTime,
                 scenes: dict[int, _Scene]) -> list[Figure]:
    by_sentence: dict[int, list[Figure]] = {}
    for f in figures:
        by_sentence.setdefault(f.sentence.start, []).append(f)
    out, by_default, restated = [], [], []
    for f in figures:
        scene = scenes[f.sentence.start]
        siblings = by_sentence[f.sentence.start]
        prev_end = max((g.end for g in siblings if g.end <= f.start), default=f.sentence.start)
        resolved, default, again = _resolve(f, scene, prev_end - f.sentence.start, when)
        out.append(resolved)
        by_default.append(default)
        restated.append(again)
    out = _restated_adopt(out, restated)
    out = _replaced_in_next_sentence(out, sentences)
    out = _targets_to_date(out, scenes)
    out = _repeats_adopt_running(out, by_default)
    out = _repeats_of_a_part(out, by_default)
    out = _headline_follows_body(out, by_default, _lead_line(sentences))
    out = _one_count_one_as_of(out, when)
    return _shares_follow_counts(out, by_default)


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
            out[i] = _timed(f, period=body.period, basis=body.basis, as_of=body.as_of)
    return out


def _replaced_in_next_sentence(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """'Awalnya anggarannya Rp X. Pemerintah kemudian menaikkannya menjadi Rp Y.': a plan figure in a
    sentence that opens with a word of 'originally' is superseded when the next sentence changes the
    plan to a new value (a verb of change, by its root, then 'menjadi') and restates its metric
    ('… menaikkan anggarannya menjadi Rp Y dengan sasaran Z orang' supersedes budget and target)."""
    following = {a.start: b for a, b in zip(sentences, sentences[1:], strict=False)}
    out = list(figures)
    for i, f in enumerate(figures):
        if f.metric not in CUES.plan_metrics or f.basis != "total" or \
                not _ORIGINALLY.search(f.sentence.text[:f.start - f.sentence.start]):
            continue
        nxt = following.get(f.sentence.start)
        there = [g for g in figures if g.sentence is nxt]
        changed = any(g.metric in CUES.plan_metrics and _changes_to(nxt.text[:g.start - nxt.start])
                      for g in there)
        if changed and any(g.metric == f.metric for g in there):
            out[i] = _timed(f, period=f.period, basis="superseded", as_of=None)
    return out


def _changes_to(before: str) -> bool:
    """Whether the words before a figure change a value to it: 'kemudian dinaikkan menjadi'."""
    to = _CHANGE_TO_END.search(before)
    return bool(to) and _change_verb(_WORD.finditer(before, 0, to.start())) is not None


def _change_verb(words: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The first of `words` whose root is a verb of changing a value ('dinaikkan', 'dipangkas')."""
    return next((w for w in words if stem(w.group()) in CUES.change_verb_stems), None)


def _restated_adopt(figures: list[Figure], restated: list[bool]) -> list[Figure]:
    """A figure restated with 'tersebut'/'itu' ('dari target 8 juta orang tersebut') has the timing
    of the same figure stated before it in the article."""
    out = list(figures)
    stated: dict[tuple[str | None, object], list[int]] = {}   # (metric, value) → where, in order
    for i, f in enumerate(figures):
        earlier = stated.setdefault((f.metric, f.value), [])
        if restated[i]:
            first = next((out[j] for j in earlier if out[j].sentence.start != f.sentence.start), None)
            if first:
                out[i] = _timed(f, period=first.period, basis=first.basis, as_of=first.as_of)
        earlier.append(i)
    return out


def _targets_to_date(figures: list[Figure], scenes: dict[int, _Scene]) -> list[Figure]:
    """A target of persons up to a date ('target sampai akhir 2024 sekitar 19 juta orang') that is a
    total since the start — its sentence says so ('total alumni', 'sejak'), or it is above a running
    total of persons the article states — is a running total at that date."""
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
            f = _timed(f, period=None if WAVES.start_year < year else str(year), basis="to_date",
                        as_of=as_of)
        out.append(f)
    return out


_PERIOD_END = {"S1": "06", "S2": "12", "Q1": "03", "Q2": "06", "Q3": "09", "Q4": "12", "": "12"}


def _target_date(scene: _Scene, after: int, start: int) -> str | None:
    """The month a target up to a period stands at, named in its clause between the figure before
    it (at `after`) and it: 'hingga akhir 2024' → '2024-12'."""
    ups = [p.period for p in scene.having("as_of") if p.period and after <= p.start and p.end <= start]
    if not ups:
        return None
    year, rest = ups[-1][:4], ups[-1][5:]
    return f"{year}-{rest}" if rest.isdigit() else f"{year}-{_PERIOD_END[rest]}"


def _one_count_one_as_of(figures: list[Figure], when: ArticleTime) -> list[Figure]:
    """One running count of one period stated twice is one statement: where the article says when
    it stood ('pada Senin (22/11/2021)'), a repeat that only had the article's date takes that."""
    stated = {}
    for f in figures:
        if f.basis == "to_date" and f.as_of and f.as_of != when.iso:
            stated.setdefault((f.metric, f.value, f.period), f.as_of)
    return [replace(f, as_of=stated[f.metric, f.value, f.period])
            if f.basis == "to_date" and f.as_of == when.iso and (f.metric, f.value, f.period) in stated
            else f for f in figures]


def _repeats_adopt_running(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """A figure its own sentence says nothing about, repeating one its own sentence timed elsewhere
    in the article (the headline of the lead's 'sejak 2020 … 16 juta'; a critic's 'target 1,16 juta'
    after the lead's 'tahun depan … 1,16 juta'), is that figure: a running total or a plan."""
    running = {(f.metric, f.value): f for f, default in zip(figures, by_default, strict=True)
               if (f.basis == "to_date" or f.metric in CUES.yearly_plan_metrics and f.period) and not default}
    return [replace(f, period=running[f.metric, f.value].period, basis=running[f.metric, f.value].basis,
                    as_of=running[f.metric, f.value].as_of)
            if default and (f.metric, f.value) in running else f
            for f, default in zip(figures, by_default, strict=True)]


def _repeats_of_a_part(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """One amount of one stage stated twice is one part: 'anggaran tahap awal Rp 2 triliun' and, later,
    'turun … jadi Rp 2 triliun tahun ini' — the repeat the text calls no part of its own is that part."""
    parts = {(f.metric, f.value): f for f, default in zip(figures, by_default, strict=True)
             if f.basis == "part" and not default}
    return [replace(f, period=parts[f.metric, f.value].period, basis="part", as_of=None)
            if f.basis == "total" and (f.metric, f.value) in parts else f for f in figures]


def _shares_follow_counts(figures: list[Figure], by_default: list[bool]) -> list[Figure]:
    """A share of the recipients' make-up that nothing in its sentence times holds when the count
    it divides holds: a running total of recipients in its sentence ('51 persen dari 16 juta
    peserta'), else the running share just before it whose breakdown it continues."""
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
            out[i] = _timed(f, period=source.period, basis="to_date", as_of=source.as_of)
        breakdown = out[i]
    return out


def _scenes(sentences: list[Sentence], when: ArticleTime,
            counting: frozenset[int] = frozenset()) -> tuple[dict[int, _Scene], dict[int, str | None]]:
    """Each sentence's scene, and the period each sentence speaks of. The period in force carries
    across the whole article: news carries its frame ('sepanjang 2020' in the lead) past paragraph
    breaks, and carrying it only within a paragraph or from the lead loses more periods on the
    corpora than it saves. A count since the start (in a sentence of `counting`, the starts of
    sentences with a count) replaces it for the figures, not for the sentences' periods, which
    follow the year's frame (`frame`)."""
    month = when.day.month if when.day else None
    out: dict[int, _Scene] = {}
    periods_of: dict[int, str | None] = {}
    in_force: str | None = None
    frame: str | None = None
    running: str | None = None
    line_force: tuple[int, str | None] = (-1, None)
    previous: Sentence | None = None
    closed = False
    for s in sentences:
        points_back = previous is not None and bool(CUES.anaphora.search(s.text))
        prefix = previous.text + " " if points_back and previous else ""
        text = prefix + s.text
        periods = _shifted_years(text, find_periods(text, when.year, month), in_force)
        scene = _Scene(text=text, offset=len(prefix), periods=periods,
                       roles=tuple(_role(text, p) for p in periods), year=when.year,
                       in_force=in_force, running=running,
                       same_line_in_force=line_force[1] if line_force[0] == s.line_no else None)
        out[s.start] = scene
        stated = [p.period for p in scene.own("plain", "range")]
        # after a reset the frame differs from the period in force; it only changes the periods a
        # sentence states through 'setahun kemudian'
        framed = stated if frame == in_force else \
            [p.period for p in _own_periods(text, len(prefix), when, frame)]
        frame = framed[0] if framed else frame
        periods_of[s.start] = frame
        if CUES.completed.search(s.text):
            closed = closed or (stated[0] if stated and stated[0] else str(when.year))[:4] == str(when.year)
        if stated:
            in_force, running = stated[0], None
            line_force = (s.line_no, stated[0])
        elif s.start in counting and (CUES.since.search(s.text) or CUES.so_far.search(s.text)):
            # a count since the start ('secara akumulatif … sampai 30 September') replaces the year's
            # frame: the counts after it that nothing else times run to the same date
            in_force, line_force = None, (-1, None)
            running = _as_of_mention(scene, len(text)) or when.iso
        previous = s
    if closed:
        out = {k: replace(v, year_closed=True) for k, v in out.items()}
    # The article's one survey fieldwork period times the sentences reporting survey results. The
    # period follows the fieldwork verb ('dilakukan pada 19 Mei-1 Juni'), not its agent's name
    # ('dilakukan oleh Ipsos 2021').
    surveys = [s.start for s in sentences if CUES.survey.search(s.text)]
    fieldwork = {p.period for start in surveys
                 for p in out[start].own("plain") if _FIELDWORK_AT.search(out[start].text, 0, p.start)}
    if len(fieldwork) == 1:
        period = fieldwork.pop()
        for start in surveys:
            out[start] = replace(out[start], survey=period)
    # 'Total anggaran Rp 10 triliun. Dan jumlah tersebut dialokasikan pada semester I': the
    # sentence that points back names the period of the one before it.
    starts = list(out)
    for here, nxt in zip(starts, starts[1:], strict=False):
        scene = out[nxt]
        if scene.offset:
            own = scene.own("plain")
            if own:
                out[here] = replace(out[here], next_stated=own[0].period)
    return out, periods_of


def _own_periods(text: str, offset: int, when: ArticleTime, in_force: str | None) -> list[PeriodMention]:
    """The periods a sentence itself states ('plain' or 'range') with this period in force."""
    month = when.day.month if when.day else None
    periods = _shifted_years(text, find_periods(text, when.year, month), in_force)
    return [p for p in periods if p.start >= offset and _role(text, p) in ("plain", "range")]


_TWO_YEARS = re.compile(r"(?:19|20)\d{2}\D+(?:19|20)\d{2}")
_DAY_BEFORE = re.compile(r"(?<![-–\d])(?<![-–]\s)\b\d{1,2}\s+$")  # one day; '8-15 Desember' spans days


def _shifted_years(text: str, periods: tuple[PeriodMention, ...],
                   in_force: str | None) -> tuple[PeriodMention, ...]:
    """Add the periods 'setahun kemudian' / 'setahun sebelumnya' name: the period named before them
    in the text (else the one in force) moved by a year, keeping its month or part of the year."""
    added = []
    for pattern, step in ((CUES.year_after, 1), (CUES.year_before, -1)):
        for m in pattern.finditer(text):
            base = [p.period for p in periods if p.period and p.end <= m.start()
                    and _role(text, p) == "plain"]
            base_period = base[-1] if base else in_force
            if base_period:
                shifted = f"{int(base_period[:4]) + step}{base_period[4:]}"
                added.append(PeriodMention(m.start(), m.end(), shifted))
    return tuple(sorted(periods + tuple(added), key=lambda p: p.start)) if added else periods


def _role(text: str, p: PeriodMention) -> str:
    """What a period named in a sentence is to its figures: 'plain' (the period they fall in),
    'range' (several years: no period), 'since' (when a count started), 'as_of' ('hingga akhir
    Juni 2023': when a count stands), 'described' ('yang menganggur pada Februari 2020': who the
    people are) or 'date' ('Sabtu, 29 Agustus 2020': the day of an event)."""
    before = text[max(0, p.start - 40):p.start]
    if _TWO_YEARS.search(text, p.start, p.end):
        return "range"
    if _search(CUES.up_to, text, text[max(0, p.start - 30):p.start]):
        return "as_of"
    if _search(CUES.described, text, before):
        return "described"
    if _search(CUES.unchanged, text, before):
        return "unchanged"
    since = _last(CUES.since, before, text)
    if since and "," not in before[since.end():]:
        return "since"
    if p.period and len(p.period) == 7 and p.period[4] == "-" and p.period[5:].isdigit() \
            and _DAY_BEFORE.search(text[max(0, p.start - 8):p.start]):
        return "date"
    return "plain" if p.period else "none"


def _stated(scene: _Scene, start: int, end: int, restated: bool = False) -> tuple[bool, str | None]:
    """Whether the figure's own sentence states its period, and which (None for several years). A
    restated figure ('dari target itu …') is not timed by a period named after it."""
    if not scene.periods:
        return False, None   # most sentences name no period
    own = tuple(p for p in scene.own("plain", "range") if not (restated and p.start >= end))
    return bool(own), period_for(own, start, end)


def _changed_from(text: str, start: int, end: int) -> tuple[int, int] | None:
    """'naik dari Rp X menjadi Rp Y', 'menjadi Rp Y dari Rp X': where the old value X's own words
    lie, when the figure at [start, end) is X; None for a lone 'dari X' ('30 persen dari 5 juta')."""
    opener = CUES.change_from.search(text, max(0, start - 25), start)
    if not opener:
        return None
    after = _CHANGE_TO_AFTER.search(text[end:])
    if after:
        return opener.start(), end + len(after.group("gap"))
    if _CHANGE_TO_BEFORE.search(text, max(0, start - 90), start):
        return opener.start(), end + len(_CLAUSE_END.split(text[end:], maxsplit=1)[0])
    return None


def _change_verb_before(text: str, start: int) -> int | None:
    """Where 'naik dari', 'dipangkas dari sebelumnya' begins when it opens the figure at `start`:
    a verb of changing a value (by its root) at most one word before the 'dari' that opens it."""
    opener = _CHANGE_OPENER.search(text, max(0, start - 40), start)
    if not opener:
        return None
    words = list(_WORD.finditer(text, max(0, opener.start() - 30), opener.start()))[-2:]
    verb = _change_verb(words)
    return verb.start() if verb else None


def _former(scene: _Scene, start: int, end: int) -> int | None:
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
    after = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
    return end if CUES.former.search(after) or (CUES.then.search(after) and not named) else None


def _resolve(f: Figure, scene: _Scene, prev_end: int, when: ArticleTime) -> tuple[Figure, bool, bool]:
    """The figure with its timing, whether only the article's defaults decided it, and whether it
    restates a figure stated before ('8 juta orang tersebut')."""
    text = scene.text
    start, end = scene.offset + f.start - f.sentence.start, scene.offset + f.end - f.sentence.start
    restated = not _RESTATED.absent(text) and bool(_RESTATED.regex.match(text[end:]))
    has_stated, stated = _stated(scene, start, end, restated)
    figure, default = _resolve_in(f, scene, prev_end, when, start, end, has_stated, stated)
    return figure, default, restated


def _resolve_in(f: Figure, scene: _Scene, prev_end: int, when: ArticleTime, start: int, end: int,
                has_stated: bool, stated: str | None) -> tuple[Figure, bool]:
    text = scene.text
    default = False
    recent = _recent(scene, stated, when)
    if f.unit == "ordinal":
        # a wave number is named for its wave: the calendar's year, or a finer period the
        # sentence states within that year ('gelombang IV, Agustus 2020')
        year = WAVES.year_of(int(f.value), recent=recent)
        fine = stated if year and stated and stated.startswith(str(year)) else None
        return _timed(f, period=fine or (str(year) if year else None), basis="total", as_of=None), False
    if f.metric is None:
        return _timed(f, period=stated if has_stated else scene.in_force or scene.survey, basis="total",
                       as_of=None), False
    # Stage and wave cues count from the last period named before the figure: 'target tahap awal
    # 595.000, sementara target sepanjang 2023 dipatok 1 juta' — the stage ends where 2023 is named.
    plain = scene.having("plain", "range")
    cut = max([p.end for p in plain if p.end <= start and not _PART_THEN.search(text, 0, p.start)], default=0)
    region = text[cut:start]
    waves = [w for w in find_waves(text) if w.end <= start or w.start >= end]
    wave_year = _waves_year(waves, recent)
    plan = f.metric in CUES.plan_metrics
    if plan and stated and len(stated) == 7 and stated[5:].isdigit():
        stated = stated[:4]  # a quota or budget set in April 2020 is the year's

    # superseded: 'semula Rp X, kemudian menjadi Rp Y'
    if _search(CUES.superseded_before, text, text[max(cut, prev_end + scene.offset):start]) and \
            _search(CUES.superseded_after, text, text[end:]):
        # a replaced plan was the plan of the same year as its replacement
        period = stated or wave_year or (_default(f, scene, when, region) if plan else None)
        return _timed(f, period=period, basis="superseded", as_of=None), False
    # 'naik dari Rp X menjadi Rp Y': X was replaced, unless its own words date it ('dari 5 juta
    # pada 2021 menjadi …', '… tahun lalu menjadi …'): then it is that period's
    changed = _changed_from(text, start, end)
    if changed:
        own = [p.period for p in plain if changed[0] <= p.start < changed[1] and p.period]
        return _timed(f, period=own[0][:4] if plan and own else own[0] if own else None,
                       basis="total" if own else "superseded", as_of=None), False
    # a value of a former time ('paket lama senilai …', '… naik dari Rp X'): only a period stated for it
    former = _former(scene, start, end)
    if former is None:
        former = _change_verb_before(text, start)
    if former is not None:
        clause_end = end + len(_CLAUSE_END.split(text[end:], maxsplit=1)[0])
        own = [p.period for p in plain if former <= p.start < clause_end and p.period]
        return _timed(f, period=own[0] if own else None, basis="total", as_of=None), False

    # part: one wave, one stage, one survey of the series
    clause_end = end + len(_CLAUSE_END.split(text[end:], maxsplit=1)[0])
    one_wave = any(w.last is None and not w.opened_by and (w.start >= cut and w.end <= start
                                                          or end <= w.start and w.end <= clause_end)
                   for w in waves)
    if f.metric in CUES.part_metrics and (one_wave or _search(CUES.part, text, region)) or \
            (f.metric == "survey_incentive" and (_search(CUES.per_unit_after, text, text[end:end + 30])
                                                 or _EACH_BEFORE.search(text, max(0, start - 20), start))):
        period = stated or wave_year or _default(f, scene, when, region)
        return _timed(f, period=period, basis="part", as_of=None), False

    if not plan:
        running = _running(f, scene, start, end, has_stated, stated, waves, when, recent)
        if running:
            return running, False
    if not has_stated and f.metric in CUES.running_metrics and any(
            w.last is not None and WAVES.year_of(w.first) and WAVES.year_of(w.last)
            and WAVES.year_of(w.first) != WAVES.year_of(w.last) for w in waves):
        # 'gelombang 1 hingga 22': a count over waves of several years runs up to the article
        return _timed(f, period=None, basis="to_date", as_of=_as_of(scene, start, when)), False
    spanned = _spanned_waves_year(text, waves, end)
    if spanned and not (stated or "").startswith(spanned):   # a finer period within it stands
        period = spanned
    elif has_stated:
        period = stated
    elif waves:
        period = wave_year
    else:
        period, default = _default(f, scene, when, text[max(cut, prev_end + scene.offset):start]), True
        if period is None and scene.running and f.metric in CUES.running_metrics:
            year = int(scene.running[:4])
            return _timed(f, period=None if WAVES.start_year < year else str(year), basis="to_date",
                           as_of=scene.running), True
    if period and f.metric in CUES.running_metrics and len(period) == 7 and period[5:].isdigit() \
            and has_stated:
        # a count stated for a month stands at that month: 'pada Oktober 2020, 5,59 juta penerima'
        return _timed(f, period=period[:4], basis="to_date", as_of=period), False
    now = f.metric not in CUES.stock_metrics or CUES.present.search(text, scene.offset, start)
    if period and period == str(when.year) and not scene.year_closed and now and (
            f.metric in CUES.running_metrics or f.metric in CUES.profile_metrics and has_stated):
        # this year's count (or a share of its make-up), stated before the year is over (and before
        # the article reports it finished), runs to date; a stock only when said to be the present one
        return _timed(f, period=period, basis="to_date", as_of=_as_of(scene, start, when)), default
    return _timed(f, period=period, basis="total", as_of=None), default


def _spanned_waves_year(text: str, waves: list[WaveMention], end: int) -> str | None:
    """'25 gelombang, dari gelombang 23 hingga 47': a count followed by the range of waves it spans
    takes the year those waves ran, when they all ran in one (a year named for another clause of
    the sentence does not time it)."""
    w = next((w for w in waves if w.last is not None and end <= w.start <= end + 30), None)
    if w is None or not _SPAN_LINK.fullmatch(text[end:w.start]):
        return None
    first, last = WAVES.year_of(w.first), WAVES.year_of(w.last)
    return str(first) if first and first == last else None


def _timed(f: Figure, period: str | None, basis: str, as_of: str | None) -> Figure:
    """The figure with this timing; itself when it already has it (most keep the defaults)."""
    if f.period == period and f.basis == basis and f.as_of == as_of:
        return f
    # what replace() does, without its field-by-field __init__ (Figure has no __post_init__)
    timed = object.__new__(Figure)
    timed.__dict__.update(f.__dict__, period=period, basis=basis, as_of=as_of)
    return timed


def _recent(scene: _Scene, stated: str | None, when: ArticleTime) -> int | None:
    """The year the sentence speaks of (its own period, else the one in force), for waves newer than
    the calendar knows: a wave the calendar has not reached yet ran in that year when it is not
    before the calendar's last year nor after the article."""
    year = stated or scene.in_force
    return WAVES.recent(int(year[:4]) if year else None, when.year)


def _default(f: Figure, scene: _Scene, when: ArticleTime, before: str) -> str | None:
    """No period in the sentence: plans and prices hold for the article's year, or the period of
    their paragraph (its year for a plan called the whole: 'anggaran total'); other figures take the
    period in force, else the fieldwork of the survey whose results they report; in the programme's
    first year (it began in April 2020, so a figure in a 2020 article can
    be of no other year unless the text says so) every figure is of that year."""
    first_year = str(when.year) if when.year == WAVES.start_year else None
    if f.metric in CUES.plan_metrics:
        if f.metric in CUES.yearly_plan_metrics and _continued(before):
            return scene.next_stated
        carried = scene.same_line_in_force
        if carried and CUES.whole.search(before):
            carried = carried[:4]
        return scene.next_stated or carried or (str(when.year) if when.year else None)
    # a count or share cannot be of a year not yet begun: 'tahun depan' carried from a plan does not
    # time it
    in_force = scene.in_force if not (scene.in_force and when.year and int(scene.in_force[:4]) > when.year) \
        else None
    return scene.next_stated or in_force or scene.survey or first_year


def _continued(before: str) -> bool:
    """Whether the words before a plan say the programme goes on: 'tetap berlanjut dengan target'."""
    return any(stem(w.group()) in CUES.continuation_verb_stems and w.group().lower() != stem(w.group())
               and not w.group().lower().endswith("nya") for w in _WORD.finditer(before))


def _running(f: Figure, scene: _Scene, start: int, end: int, has_stated: bool, stated: str | None,
             waves: list[WaveMention], when: ArticleTime, recent: int | None) -> Figure | None:
    """A running total: counted since a start ('sejak 2020'), so far ('hingga kini'), up to a
    date ('hingga akhir Juni 2023'), or now ('saat ini ada')."""
    text = scene.text
    before = text[:start]
    after = _CLAUSE_END.split(text[end:], maxsplit=1)[0]
    since = _last(CUES.since, before, text) or _search(CUES.since, text, after)
    so_far = _search(CUES.so_far, text, before) or _search(CUES.so_far, text, after) or (
        not has_stated and f.metric in CUES.person_running_metrics and _search(CUES.everyone, text, after))
    present = f.metric in CUES.person_running_metrics and _search(CUES.present, text, before)
    as_of_mention = _as_of_mention(scene, start)
    if not (since or so_far or present or as_of_mention):
        return None
    as_of = as_of_mention or _sentence_date(scene) or when.iso
    as_of_year = int(as_of[:4]) if as_of else when.year
    if since:
        start_year = _since_year(since.string[since.end():since.end() + 40]) or WAVES.start_year
        if stated and has_stated and int(stated[:4]) < start_year:
            return None  # 'beredar sejak November 2021 … 5,9 juta pada 2020': not this count's start
        period = None if as_of_year is None or start_year < as_of_year else str(as_of_year)
    elif so_far or present:
        period = stated or _waves_year(waves, recent) or (
            str(as_of_year) if as_of_year == WAVES.start_year else None)
    else:
        period = str(as_of_year) if as_of_year else None
    return _timed(f, period=period, basis="to_date", as_of=as_of)


_CLAUSE_END = re.compile(r"[,;:.]|\s[-–]\s")
_WORD = re.compile(r"[^\W\d_]+")
# between a count and the range of waves it spans: '25 gelombang, dari ', '11 gelombang ('
_SPAN_LINK = re.compile(r"\s*[^\W\d_]*\s*[,(:]?\s*(?:(?:dari|yakni|yaitu|mulai)\s+)?", re.IGNORECASE)


def _search(cue: Prefiltered, text: str, part: str) -> re.Match[str] | None:
    """`cue.search(part)` for a slice of `text`: its words are looked for in the whole text, whose
    case-folding is cached, not folded again for every slice."""
    return None if cue.absent(text) else cue.regex.search(part)


def _last(cue: Prefiltered, part: str, text: str | None = None) -> re.Match[str] | None:
    """The cue's last match in `part` (a slice of `text`, if given)."""
    if cue.absent(part if text is None else text):
        return None
    matches = list(cue.regex.finditer(part))
    return matches[-1] if matches else None


def _since_year(after: str) -> int | None:
    """The year a 'sejak …' count started: a year named, or the wave named (before any 'hingga')."""
    after = re.split(CUES.up_to.pattern.removesuffix(r"\s*$"), after, maxsplit=1, flags=re.IGNORECASE)[0]
    year = re.search(r"\b((?:19|20)\d{2})\b", after)
    if year:
        return int(year.group(1))
    waves = find_waves(after)
    return WAVES.year_of(waves[0].first) if waves and waves[0].start < 5 else None


def _as_of_mention(scene: _Scene, start: int) -> str | None:
    """A date after 'hingga', 'sampai', 'per' before the figure in its sentence."""
    found = None
    for d in scene.dates:
        if d.end <= start and _search(CUES.up_to, scene.text, scene.text[max(0, d.start - 30):d.start]):
            found = d.iso
    return found


def _sentence_date(scene: _Scene) -> str | None:
    """A full date the sentence is set on ('pada Senin (22/11/2021)'), not one a count started at."""
    for d in scene.dates:
        if len(d.iso) == 10 and d.start >= scene.offset and \
                not _opens_count(scene.text[scene.offset:d.start]):
            return d.iso
    return None


def _opens_count(before: str) -> bool:
    """Whether a date after `before` is where a count started: a 'sejak' before it in its sentence
    with no 'hingga'/'sampai' between ('Sejak dibuka pada Sabtu, 11 April 2020, sampai hari ini')."""
    since = _last(CUES.since, before)
    return bool(since) and not re.search(CUES.up_to.pattern.removesuffix(r"\s*$"), before[since.end():],
                                         re.IGNORECASE)


def _as_of(scene: _Scene, start: int, when: ArticleTime) -> str | None:
    return _as_of_mention(scene, start) or _sentence_date(scene) or when.iso


def _waves_year(waves: list[WaveMention], recent: int | None = None) -> str | None:
    """The year of the waves a sentence names, when they all ran in one year."""
    if not waves:
        return None   # most sentences name none
    years = {WAVES.year_of(w.first, w.last, recent) for w in waves if w.opened_by != "since"}
    return str(years.pop()) if len(years) == 1 and None not in years else None
