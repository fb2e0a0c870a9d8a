"""What each sentence of an article says about time (its scene): the periods it names and what
each is to its figures, the period in force from the sentences before it, the dates it is set on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from prakerja_etl.figures.lazy import cached
from prakerja_etl.figures.time_cues import (
    COMPARED_BEFORE,
    CUES,
    DESCRIBING,
    FIELDWORK_AT,
    UP_TO_WORD,
    WORD,
    change_verb,
    last_in,
    search_in,
)
from prakerja_etl.figures.waves import WAVES, Scheme
from prakerja_etl.text.periods import DateMention, PeriodMention, find_dates, find_periods
from prakerja_etl.text.segment import Sentence

_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ArticleTime:
    """The article's date, or only its year when no day could be read."""

    day: date | None
    year: int | None

    @property
    def iso(self) -> str | None:
        return self.day.isoformat() if self.day else None


@dataclass   # (not frozen: one is built per sentence, and a frozen __init__ sets field by field)
class Scene:
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
    past_scheme: Scheme | None = None   # a scheme over before the article's year, named on its line…
    scheme_at: int = 0                  # …where in `text` (0: in a sentence before it)
    # own() and having() by their roles: each figure of the sentence asks the same few
    _by_roles: dict[tuple[str, ...], tuple[PeriodMention, ...]] = field(default_factory=dict, init=False,
                                                                       repr=False, compare=False)

    @cached
    def dates(self) -> tuple[DateMention, ...]:
        """The dates it names: only a figure's sentence is asked, most sentences never are."""
        return find_dates(self.text, self.year)

    def own(self, *roles: str) -> tuple[PeriodMention, ...]:
        """The periods the sentence itself names (not the one it points back to) in these roles."""
        if not self.offset:
            return self.having(*roles)
        key = ("own", *roles)
        found = self._by_roles.get(key)
        if found is None:
            found = self._by_roles[key] = tuple(p for p in self.having(*roles) if p.start >= self.offset)
        return found

    def having(self, *roles: str) -> tuple[PeriodMention, ...]:
        """The periods named in `text` (the sentence pointed back to included) in these roles."""
        if not self.periods:
            return ()   # most sentences name none
        found = self._by_roles.get(roles)
        if found is None:
            found = self._by_roles[roles] = tuple(p for p, role in zip(self.periods, self.roles, strict=True)
                                                  if role in roles)
        return found


def read_scenes(sentences: list[Sentence], when: ArticleTime,
                counting: frozenset[int] = frozenset()) -> tuple[dict[int, Scene], dict[int, str | None]]:
    """Each sentence's scene, and the period each sentence speaks of. The period in force carries
    across the whole article, past paragraph breaks, as news carries its frame; a count since the
    start (in a sentence of `counting`, the starts of sentences with a count) replaces it for the
    figures, not for the sentences' periods, which follow the year's frame (`frame`)."""
    month = when.day.month if when.day else None
    out: dict[int, Scene] = {}
    periods_of: dict[int, str | None] = {}
    in_force: str | None = None
    frame: str | None = None
    running: str | None = None
    line_force: tuple[int, str | None] = (-1, None)
    previous: Sentence | None = None
    fieldwork_in_force = False
    heading: str | None = None   # the period a heading line names, for the paragraph under it
    scheme: tuple[int, Scheme | None] = (-1, None)   # the past scheme framing a line since it was named
    schemes_named, summing = _schemes_named(sentences), _summing_years(sentences)
    aside: tuple[int, str | None] | None = None   # (its line, the period in force before it)
    for index, s in enumerate(sentences):
        if heading is not None and previous is not None and s.line_no != previous.line_no:
            line_force = (s.line_no, heading)   # 'Pagu tahun 2024 / Pemerintah menyiapkan …'
        if aside is not None and s.line_no != aside[0]:   # an aside's paragraph is over: the time
            in_force, frame, aside = aside[1], aside[1], None   # the text spoke of before it is back
        heading = None
        if fieldwork_in_force and CUES.other_data.search(s.text) and not CUES.survey.search(s.text):
            # the survey's fieldwork dates the survey, not a record cited after it
            in_force, line_force, fieldwork_in_force = None, (-1, None), False
        points_back = previous is not None and bool(CUES.anaphora.search(s.text))
        prefix = previous.text + " " if points_back and previous else ""
        text = prefix + s.text
        periods = _shifted_years(text, find_periods(text, when.year, month), in_force)
        scheme, named_at = _past_scheme(schemes_named.get(index), scheme, s.line_no, when.year, len(prefix))
        scene = Scene(text=text, offset=len(prefix), periods=periods,
                       roles=tuple(_role(text, p) for p in periods) if periods else (), year=when.year,
                       in_force=None if s.start in summing else in_force,
                       running=(when.iso or running) if s.start in summing else running,
                       same_line_in_force=line_force[1] if line_force[0] == s.line_no else None,
                       past_scheme=scheme[1] if scheme[0] == s.line_no else None, scheme_at=named_at)
        out[s.start] = scene
        stated = _framing(scene)
        # (after a reset the frame differs from the period in force: it only moves 'setahun kemudian')
        framed = stated if frame == in_force else \
            [p.period for p in _own_periods(text, len(prefix), when, frame)]
        frame = framed[0] if framed else frame
        periods_of[s.start] = frame
        if stated:
            aside = (s.line_no, in_force) if aside is None and CUES.aside_opening.match(s.text) else aside
            scheme = scheme if stated[0] is None else (-1, None)   # (a span of years keeps it)
            in_force, running = stated[0], None
            line_force = (s.line_no, stated[0])
            heading = stated[0] if _HEADING_LINE.match(s.text) else None
            fieldwork_in_force = _is_fieldwork(scene)
        elif s.start in counting and (s.start in summing or _since_start(s.text)):
            # a count since the start ('secara akumulatif … sampai 30 September') replaces the year's
            # frame: the counts after it that nothing else times run to the same date
            in_force, line_force = None, (-1, None)
            running = stated_as_of(scene, len(text)) or when.iso
        previous = s
    return _with_next_stated(_with_fieldwork(out, sentences)), periods_of


def _since_start(text: str) -> bool:
    """Whether the sentence counts since a start ('sejak 2020', 'secara kumulatif') or so far."""
    return bool(CUES.since.search(text) or CUES.so_far.search(text))


def _summing_years(sentences: list[Sentence]) -> frozenset[int]:
    """The starts of sentences that count over the several years named before them: opening with
    'secara keseluruhan' and naming no year, after sentences of their paragraph naming two years or
    more, or, opening a paragraph, after such a paragraph."""
    out: set[int] = set()
    years: set[str] = set()       # named so far in the sentence's paragraph
    last_years: set[str] = set()  # named in the paragraph before
    for index, s in enumerate(sentences):
        if index and s.line_no != sentences[index - 1].line_no:
            last_years, years = years, set()
        named = set(_YEAR.findall(s.text))
        if not named and CUES.summing.match(s.text) and len(years or last_years) > 1:
            out.add(s.start)
        years |= named
    return frozenset(out)


def _framing(scene: Scene) -> list[str | None]:
    """The periods a sentence states that frame the sentences after it: not one of a value a figure
    is compared with, nor one a comparison opens before the sentence's own ('Berbeda dengan tahun
    lalu, peserta tahun ini …')."""
    own = scene.own("plain", "range") if scene.periods else ()
    framing = [p for n, p in enumerate(own) if not compared(scene.text, p, named_after=n < len(own) - 1)]
    # (not another year a relative clause describes a place or a thing by, when the sentence names
    # its own: 'DKI Jakarta, yang pada 2020 masuk tiga besar, tahun ini baru …')
    described = [bool(DESCRIBING.search(scene.text, max(0, p.start - 80), p.start)) for p in framing]
    years = {(p.period or "")[:4] for p, d in zip(framing, described, strict=True) if not d}
    return [p.period for p, d in zip(framing, described, strict=True)
            if not d or not years or (p.period or "")[:4] in years]


def _past_scheme(named: tuple[int, Scheme] | None, scheme: tuple[int, Scheme | None], line_no: int,
                 year: int | None, offset: int) -> tuple[tuple[int, Scheme | None], int]:
    """The scheme framing a sentence's line (one over before the article's year, named in it or
    earlier on its line: `scheme`), and where in its scene the sentence (at `offset`) names one."""
    if named is None:
        return scheme, offset
    at, one = named
    return (line_no, one if one.last and year and one.last < year else None), offset + at


def _schemes_named(sentences: list[Sentence]) -> dict[int, tuple[int, Scheme]]:
    """Index of each sentence naming one of the programme's schemes → where in it, and which (the
    first named); the whole article is asked first, as most name none."""
    names = WAVES.scheme_names
    if names is None or names.absent("\n".join(s.text for s in sentences)):
        return {}
    return {i: named for i, s in enumerate(sentences) if (named := WAVES.scheme_named(s.text))}


# A line of a few words that ends no sentence (a heading or a title), or an interviewer's short
# question, which frames the answer below it as a heading does ('Tahun depan seperti apa?').
_HEADING_LINE = re.compile(r"^(?:\S+\s+){0,9}\S*[^\s.!?\"'”:]$|^(?:\S+\s+){0,14}\S*\?$")


def compared(text: str, p: PeriodMention, *, named_after: bool = False) -> bool:
    """Whether the period dates the value a figure before it is compared with ('Rp4,2 juta, naik
    dari Rp3,55 juta tahun lalu', 'Porsi itu naik dibanding Agustus 2021'), not the sentence
    ('Dibanding 2020, …' opens a frame, unless the sentence names its own period after it:
    `named_after`)."""
    at = max(0, p.start - 60)
    cue = search_in(COMPARED_BEFORE, text, text[at:p.start])
    if cue is None:
        return False
    cue_at = at + cue.start()
    if named_after or _DIGIT.search(text, 0, cue_at):
        return True
    # (a change said of a quantity named before: the verb right before the cue, or opening it)
    verb = list(WORD.finditer(text, max(0, cue_at - 25), cue_at))[-1:] + \
        list(WORD.finditer(text, cue_at, at + cue.end()))[:1]
    return change_verb(verb) is not None


def _is_fieldwork(scene: Scene) -> bool:
    """Whether the first period the sentence states is a survey's fieldwork ('Survei dilakukan pada
    5-30 Mei')."""
    own = scene.own("plain", "range")
    return bool(own) and bool(CUES.survey.search(scene.text)) and _after_fieldwork_verb(scene, own[0])


def _after_fieldwork_verb(scene: Scene, p: PeriodMention) -> bool:
    """Whether the period follows a fieldwork verb ('dilakukan pada 19 Mei-1 Juni')."""
    return FIELDWORK_AT.search(scene.text, 0, p.start) is not None


def _with_fieldwork(out: dict[int, Scene], sentences: list[Sentence]) -> dict[int, Scene]:
    """The article's one survey fieldwork period times the sentences reporting survey results. The
    period follows the fieldwork verb ('dilakukan pada 19 Mei-1 Juni'), not its agent's name
    ('dilakukan oleh Ipsos 2021')."""
    # (only a sentence that names a period is asked first whether it speaks of a survey)
    fieldwork = {p.period for s in sentences if out[s.start].periods and CUES.survey.search(s.text)
                 for p in out[s.start].own("plain") if _after_fieldwork_verb(out[s.start], p)}
    if len(fieldwork) == 1:
        period = fieldwork.pop()
        # (not a sentence citing another record too: 'Berdasarkan data administratif dan survei …')
        for start in (s.start for s in sentences
                      if CUES.survey.search(s.text) and not CUES.other_data.search(s.text)):
            out[start] = replace(out[start], survey=period)
    return out


def _with_next_stated(out: dict[int, Scene]) -> dict[int, Scene]:
    """'Total anggaran Rp 10 triliun. Dan jumlah tersebut dialokasikan pada semester I': the
    sentence that points back names the period of the one before it."""
    starts = list(out)
    for here, nxt in zip(starts, starts[1:], strict=False):
        scene = out[nxt]
        if scene.offset:
            own = [p for p in scene.own("plain") if not compared(scene.text, p)]
            if own:
                out[here] = replace(out[here], next_stated=own[0].period)
    return out


def _own_periods(text: str, offset: int, when: ArticleTime, in_force: str | None) -> list[PeriodMention]:
    """The periods a sentence itself states ('plain' or 'range') with this period in force."""
    month = when.day.month if when.day else None
    periods = _shifted_years(text, find_periods(text, when.year, month), in_force)
    return [p for p in periods if p.start >= offset and _role(text, p) in ("plain", "range")]


_TWO_YEARS = re.compile(r"(?:19|20)\d{2}\D+(?:19|20)\d{2}")
# a relative clause set apart by commas, with no figure after the period in it
_PARENTHETICAL_OPEN = re.compile(r",\s*yang\b[^,]*$", re.IGNORECASE)
_PARENTHETICAL_CLOSE = re.compile(r"[^,\d]*,")
_DAY_BEFORE = re.compile(r"(?<![-–\d])(?<![-–]\s)\b\d{1,2}\s+$")  # one day; '8-15 Desember' spans days


def _shifted_years(text: str, periods: tuple[PeriodMention, ...],
                   in_force: str | None) -> tuple[PeriodMention, ...]:
    """Add the periods 'setahun kemudian' / 'setahun sebelumnya' name: the period named before them
    in the text (else the one in force) moved by a year, keeping its month or part of the year;
    and the programme's first year ('pada tahun pertamanya'), the year of its first wave."""
    # (not as another name of a year just stated: 'pada 2020, tahun pertama program, …')
    added = [PeriodMention(m.start(), m.end(), str(WAVES.start_year)) for m in CUES.first_year.finditer(text)
             if not any(p.end <= m.start() and text[p.end:m.start()].strip(" ,") == "" for p in periods)]
    for pattern, step in ((CUES.year_after, 1), (CUES.year_before, -1)) if periods or in_force else ():
        for m in pattern.finditer(text):
            if _PARENTHETICAL_OPEN.search(text, 0, m.start()) and _PARENTHETICAL_CLOSE.match(text, m.end()):
                continue   # 'Jatim, yang setahun sebelumnya di urutan kedua, merosot …': the subject then
            base = [p.period for p in periods if p.period and p.end <= m.start()
                    and _role(text, p) == "plain"]
            base_period = base[-1] if base else in_force
            if base_period:
                shifted = f"{int(base_period[:4]) + step}{base_period[4:]}"
                added.append(PeriodMention(m.start(), m.end(), shifted))
    if not added:
        return periods
    # the shifted period replaces what its words meant alone ('tahun sebelumnya': the article's last year)
    kept = tuple(p for p in periods if not any(a.start < p.end and p.start < a.end for a in added))
    return tuple(sorted(kept + tuple(added), key=lambda p: p.start))


def _role(text: str, p: PeriodMention) -> str:
    """What a period named in a sentence is to its figures: 'plain' (the period they fall in),
    'range' (several years: no period), 'since' (when a count started), 'as_of' ('hingga akhir
    Juni 2023': when a count stands), 'described' ('yang menganggur pada Februari 2020': who the
    people are) or 'date' ('Sabtu, 29 Agustus 2020': the day of an event)."""
    before = text[max(0, p.start - 40):p.start]
    if _TWO_YEARS.search(text, p.start, p.end):
        return "range"
    if search_in(CUES.up_to, text, text[max(0, p.start - 30):p.start]):
        return "as_of"
    if search_in(CUES.described, text, before):
        return "described"
    if search_in(CUES.unchanged, text, before):
        return "unchanged"
    since = last_in(CUES.since, before, text)
    if since and "," not in before[since.end():]:
        return "since"
    if p.period and len(p.period) == 7 and p.period[4] == "-" and p.period[5:].isdigit() \
            and _DAY_BEFORE.search(text[max(0, p.start - 8):p.start]):
        return "date"
    return "plain" if p.period else "none"


def stated_as_of(scene: Scene, start: int, after: tuple[int, int] | None = None) -> str | None:
    """A date or the end of a period after 'hingga', 'sampai', 'per', before the figure in its
    sentence (or, given `after`, between those two offsets: the figure's clause after it), the
    last one: 'hingga 30 Juni 2023' → 2023-06-30, 'hingga akhir 2022' → 2022-12."""
    if CUES.up_to.absent(scene.text):
        return None   # no date or period of it follows an 'up to' word: its dates need no reading
    low, high = after or (0, start)
    found, at, days = None, -1, []
    for d in scene.dates:
        if low <= d.start and d.end <= high and \
                search_in(CUES.up_to, scene.text, scene.text[max(0, d.start - 30):d.start]) and \
                not any(p.start < d.start and d.end <= p.end for p in scene.periods):
            # (the end of a span of months, 'April hingga Juni 2022', is no date a count stands at)
            found, at = d.iso, d.start
            days.append((d.start, d.end))
    for p in scene.having("as_of"):
        # the end of a span of years ('sejak 2020 hingga akhir 2022') is named as a bare year
        named = scene.text[p.start:p.end]
        period = p.period or (named if _YEAR.fullmatch(named) else None)
        if period and low <= p.start and p.end <= high and p.start > at and \
                not any(s < p.end and p.start < e for s, e in days):
            found, at = period_end(period), p.start
    return found


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# The last month of a period: 'hingga akhir 2022' stands at December, 'hingga semester I' at June.
_LAST_MONTH = {"S1": "06", "S2": "12", "Q1": "03", "Q2": "06", "Q3": "09", "Q4": "12", "": "12"}


def period_end(period: str) -> str:
    """The month (YYYY-MM) a period ends in."""
    year, rest = period[:4], period[5:]
    return f"{year}-{rest}" if rest.isdigit() else f"{year}-{_LAST_MONTH[rest]}"


def sentence_date(scene: Scene) -> str | None:
    """A full date the sentence is set on ('pada Senin (22/11/2021)'), not one a count started at."""
    for d in scene.dates:
        if len(d.iso) == 10 and d.start >= scene.offset and \
                not _opens_count(scene.text[scene.offset:d.start], scene.text):
            return d.iso
    return None


def _opens_count(before: str, text: str) -> bool:
    """Whether a date after `before` is where a count started: a 'sejak' before it in its sentence
    with no 'hingga'/'sampai' between ('Sejak dibuka pada Sabtu, 11 April 2020, sampai hari ini'). `text`
    holds `before`: the cue's words are looked for in it, as for the sentence's other figures."""
    since = last_in(CUES.since, before, text)
    return since is not None and not UP_TO_WORD.search(before[since.end():])


def standing_as_of(scene: Scene, start: int, when: ArticleTime) -> str | None:
    return stated_as_of(scene, start) or sentence_date(scene) or when.iso
