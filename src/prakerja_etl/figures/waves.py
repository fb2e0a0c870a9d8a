"""The programme's waves: the calendar of the year each wave ran in (`schemas/waves.yaml`) and the
waves a sentence names ('gelombang 12', 'gelombang 1 hingga 11', 'batch 1-8')."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from prakerja_etl.figures import vocab
from prakerja_etl.figures.prefilter import Prefiltered, compile_cue
from prakerja_etl.figures.time_cues import CUES, SINCE_END
from prakerja_etl.reference_data import REFERENCE_DIR
from prakerja_etl.text.numbers import parse_roman

WAVES_PATH = REFERENCE_DIR / "waves.yaml"
PACKAGE = "benefit_per_recipient"   # the whole of what one person gets; the other amounts are its parts


@dataclass(frozen=True)
class Scheme:
    """One of the programme's schemes: the years it ran in, and each person's amounts under it."""

    first: int
    last: int | None                # None while it runs
    amounts: frozenset[tuple[str, float]] = frozenset()   # (metric, amount)
    per_survey: float | None = None                      # what one survey pays


@dataclass(frozen=True)
class WaveCalendar:
    """Wave number → the year it ran in; the programme's first month; its schemes."""

    years: dict[int, int]
    start: str                      # 'YYYY-MM' of wave 1
    last: int                       # the last wave it knows
    months: dict[int, str]          # the last month a row of that wave alone gives it, 'YYYY-MM'
    year_ends: frozenset[int]       # the last wave it knows of each year before its last row's year
    schemes: tuple[Scheme, ...] = ()
    scheme_names: Prefiltered | None = None   # every scheme's names, one group each (s0, s1 …)
    most_in_a_year: float | None = None       # the most recipients any one year had, rounded up

    def scheme_named(self, text: str) -> tuple[int, Scheme] | None:
        """The scheme the text names first, and where ('skema normal, bukan lagi semi bansos' is the
        normal one)."""
        hit = self.scheme_names.search(text) if self.scheme_names else None
        return (hit.start(), self.schemes[int(hit.lastgroup[1:])]) if hit and hit.lastgroup else None

    @property
    def start_year(self) -> int:
        return int(self.start[:4])

    def year_of(self, first: int, last: int | None = None, recent: int | None = None) -> int | None:
        """The year waves first..last ran in; None when unknown or they span several years. A wave
        after the calendar's last one ran in `recent` (the year the text speaks of), if given."""
        years = {self.years.get(n) if n <= self.last else recent for n in range(first, (last or first) + 1)}
        return years.pop() if len(years) == 1 else None

    def scheme_of(self, year: int) -> Scheme | None:
        return next((s for s in self.schemes if s.first <= year and (s.last is None or year <= s.last)), None)

    def scheme_with_amount(self, metric: str, value: float, year: int | None) -> Scheme | None:
        """The other scheme that had this amount when the scheme of `year` has none such ('Rp3,55
        juta' per person said in 2023 is the semi-bansos package; 'Rp4,2 juta' in a paragraph on 2020
        is the normal scheme's)."""
        now = self.scheme_of(year) if year is not None else None
        if now is None or not now.amounts or (metric, value) in now.amounts:
            return None
        return next((s for s in self.schemes if s is not now and (metric, value) in s.amounts), None)

    def part_with_amount(self, value: float, year: int) -> str | None:
        """The one part of the package of `year`'s scheme that is this amount, when the package is
        not ('bantuan Rp1 juta per orang' in 2021 is the training fee of the Rp3,55 juta package)."""
        now = self.scheme_of(year)
        if now is None or (PACKAGE, value) in now.amounts:
            return None
        parts = {metric for metric, amount in now.amounts if amount == value}
        return parts.pop() if len(parts) == 1 else None

    def package_of_part(self, metric: str, value: float, year: int) -> str | None:
        """The package, for an amount taken for a part of it that is the whole package of `year`'s
        scheme and no part of it ('Rp3,55 juta dengan insentif Rp600 ribu per bulan' in 2022)."""
        now = self.scheme_of(year)
        parts = {m for m, _ in now.amounts if m != PACKAGE} if now else set()
        return PACKAGE if now and metric in parts and (PACKAGE, value) in now.amounts and not any(
            amount == value for m, amount in now.amounts if m in parts) else None

    def one_surveys(self, value: float) -> bool:
        """Whether a survey incentive of this amount is what one survey pays under some scheme."""
        return any(s.per_survey == value for s in self.schemes)

    def recent(self, year: int | None, article_year: int | None) -> int | None:
        """A year a wave after the calendar's last one can have run in: not before the calendar's
        last year, not after the article."""
        last_year = self.years[self.last]
        return year if year and article_year and last_year <= year <= article_year else None


def load_waves(path: Path = WAVES_PATH) -> WaveCalendar:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    years: dict[int, int] = {}
    months: dict[int, str] = {}
    for row in doc["waves"]:
        for n in range(row["from"], row["to"] + 1):
            if years.setdefault(n, row["year"]) != row["year"]:
                raise ValueError(f"{path.name}: wave {n} is given two years")
        if row["from"] == row["to"] and row.get("months"):
            months[row["from"]] = max(months.get(row["from"], ""), max(row["months"]))
    last = max(years)
    # (the last row's year may not be over: a later wave of it may not be in the calendar yet)
    ends = {year: n for n, year in sorted(years.items()) if year < years[last]}
    rows = doc.get("schemes", [])
    names = "|".join(f"(?P<s{i}>" + "|".join(n.replace(" ", r"\s+") for n in row["names"]) + ")"
                     for i, row in enumerate(rows))
    return WaveCalendar(years=years, start=str(doc["programme_start"]), last=last, months=months,
                        year_ends=frozenset(ends.values()),
                        schemes=tuple(Scheme(row["from"], row["to"], frozenset(
                            (metric, float(v)) for metric, vs in row.get("amounts", {}).items() for v in vs),
                            row.get("per_survey")) for row in rows),
                        scheme_names=compile_cue(rf"\b(?:{names})\b", re.IGNORECASE) if rows else None,
                        most_in_a_year=doc.get("most_recipients_in_a_year"))


WAVES = load_waves()


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


# 'gelombang pertama tahun ini', 'gelombang kedua 2023': a year's first or second wave, not the
# programme's wave 1 or 2 (the programme numbers its waves on across years)
_OF_A_YEAR = re.compile(
    r"\s+(?:(?:di|pada)\s+)?(?:tahun\s+(?:ini|depan|lalu)\b|(?:tahun\s+)?((?:19|20)\d\d)\b)", re.IGNORECASE)


YEARS_OWN = 0   # the number of a wave counted within a year: the calendar runs it in no year


def of_a_years_waves(text: str, end: int, number: int, in_words: bool) -> bool:
    """Whether the wave `number` ending at `end` is counted within a year named after it ('gelombang
    pertama tahun depan'): said in words before a relative year, or before a year the calendar does
    not run it in ('gelombang 6 tahun 2020' is the programme's sixth)."""
    year = _OF_A_YEAR.match(text, end)
    if year is None:
        return False
    return WAVES.year_of(number) != int(year.group(1)) if year.group(1) else in_words


@dataclass
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
        if first is None or (last is not None and last <= first) or \
                vocab.OTHER_WAVE_AFTER.match(text, m.end()):   # 'gelombang kedua Covid-19'
            continue
        if last is None and of_a_years_waves(text, m.end(), first, not m.group("a")[-1].isdigit()):
            first = YEARS_OWN
        before = text[max(0, m.start() - 30):m.start()]
        opened_by = "since" if SINCE_END.search(before) else \
            "up_to" if CUES.up_to.search(before) else ""
        out.append(WaveMention(m.start(), m.end(), first, last, opened_by))
    return tuple(out)


def waves_year(waves: list[WaveMention], recent: int | None = None) -> str | None:
    """The year of the waves a sentence names, when they all ran in one year."""
    if not waves:
        return None   # most sentences name none
    years = {WAVES.year_of(w.first, w.last, recent) for w in waves if w.opened_by != "since"}
    return str(years.pop()) if len(years) == 1 and None not in years else None


# between a count and the range of waves it spans: '25 gelombang, dari ', '11 gelombang ('
_SPAN_LINK = re.compile(r"\s*[^\W\d_]*\s*[,(:]?\s*(?:(?:dari|yakni|yaitu|mulai)\s+)?", re.IGNORECASE)


def spanned_waves_year(text: str, waves: list[WaveMention], end: int) -> str | None:
    """'25 gelombang, dari gelombang 23 hingga 47': a count followed by the range of waves it spans
    takes the year those waves ran, when they all ran in one (a year named for another clause of
    the sentence does not time it)."""
    if not waves:
        return None   # most sentences name none
    w = next((w for w in waves if w.last is not None and end <= w.start <= end + 30), None)
    if w is None or w.last is None or not _SPAN_LINK.fullmatch(text[end:w.start]):
        return None
    first, last = WAVES.year_of(w.first), WAVES.year_of(w.last)
    return str(first) if first and first == last else None


_DIGIT = re.compile(r"\d")


def own_waves(text: str, start: int, end: int) -> list[WaveMention]:
    """The waves the sentence names around the figure at [start, end), not those past another figure
    after it ('kuota 10 juta … hampir 6 juta orang dari gelombang 1 sampai 11': the 6 juta's)."""
    return [w for w in find_waves(text)
            if w.end <= start or w.start >= end and not _DIGIT.search(text, end, w.start)]


def up_to_wave_after(waves: list[WaveMention], end: int, clause_stop: int) -> list[int]:
    """The wave a count right before it stands at ('… 1,1 juta orang hingga gelombang 62'): the next
    wave in its clause (ending at `clause_stop`), alone ('dari gelombang 48 hingga gelombang 62' spans
    the year's waves)."""
    after = [w for w in waves if w.start >= end]
    if not after or after[0].opened_by != "up_to" or after[0].last is not None \
            or after[0].start - end > 30 or after[0].start > clause_stop:
        return []
    return [after[0].first]
