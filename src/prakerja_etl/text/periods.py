"""Periods stated in a sentence, normalised to the warehouse's period form.

'2020' → '2020', 'Agustus 2020' → '2020-08', 'semester I-2021' (or 'paruh pertama 2021') → '2021-S1',
'kuartal III 2022' → '2022-Q3', 'tahun ini' → the article's year. Ranges of years
('2020-2022') are not a period: they yield no period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from prakerja_etl.text.numbers import first_letters, parse_number_words, parse_roman

MONTHS = {
    "januari": 1, "jan": 1, "januari,": 1, "februari": 2, "pebruari": 2, "feb": 2,
    "maret": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7,
    "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "agust": 8, "september": 9, "sep": 9,
    "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12, "des": 12,
    "may": 5, "june": 6, "july": 7, "august": 8, "aug": 8, "october": 10, "oct": 10,
    "december": 12, "dec": 12, "january": 1, "february": 2, "march": 3,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))


def _starts(words: list[str]) -> str:
    """An alternation of the words' first three letters, grouped by the first: 'j(?:an|ul|un)'."""
    rests: dict[str, set[str]] = {}
    for w in words:
        rests.setdefault(w[0], set()).add(w[1:3])
    return "|".join(c if "" in r else f"{c}(?:{'|'.join(sorted(r))})" for c, r in sorted(rests.items()))


_YEARS_AGO_COUNTS = ["dua", "tiga", "empat", "lima", "setahun"]
# Every period starts with its year or, at a word start, the first letters of one of these words:
# the lookahead lets a search skip other positions at once (its first character, one class, is
# tested first: cheaper than the alternatives at the many positions it rules out).
_PERIOD_WORD_STARTS = [*MONTHS, "semester", "smt", "paruh", "enam", "kuartal", "triwulan", "quarter", "q",
                       "akhir", "awal", "pertengahan", "per", "tahun", "this", "last", "bulan",
                       *_YEARS_AGO_COUNTS]
_PERIOD_START = _starts(_PERIOD_WORD_STARTS)
_PERIOD_RE = re.compile(
    rf"(?=[12{first_letters(_PERIOD_WORD_STARTS)}])(?=(?:19|20)\d\d|\b(?:{_PERIOD_START}))(?:"
    r"(?P<range>\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}\b)"
    r"|\b(?:semester|smt|paruh|enam\s+bulan)\s+(?P<sem>I{1,2}|1|2|pertama|kedua|satu|dua)\b\s*[-–]?\s*(?:tahun\s+)?(?P<sem_y>(?:19|20)\d{2})?"
    r"|\b(?:kuartal|triwulan|quarter|Q)\s*(?P<q>IV|I{1,3}|[1-4])\b\s*[-–]?\s*(?:tahun\s+)?(?P<q_y>(?:19|20)\d{2})?"
    rf"|\b(?P<mr1>{_MONTH_NAMES})\.?\s*(?:[-–]|\bhingga\b|\bsampai(?:\s+dengan)?\b|\bs\.d\.?)\s*(?:\d{{1,2}}\s+)?"
    rf"(?P<mr2>{_MONTH_NAMES})\b\.?(?:\s+(?P<mr_y>(?:19|20)\d{{2}})\b)?"
    rf"|\b(?P<month>{_MONTH_NAMES})\.?\s+(?P<month_y>(?:19|20)\d{{2}})\b"
    rf"|\b(?:akhir|awal|pertengahan|per)\s+(?P<bare_month>{_MONTH_NAMES})\b(?!\s+(?:19|20)\d{{2}})"
    # 'dua tahun lalu', 'setahun yang lalu': that many years before the article's
    rf"|(?P<ago>\b(?:(?P<ago_n>{'|'.join(_YEARS_AGO_COUNTS[:-1])})\s+tahun|setahun)\s+(?:yang\s+)?lalu\b)"
    # ('tahun-tahun sebelumnya', reduplicated, is the years before in general: no one year)
    r"|(?P<rel>(?<!tahun-)\btahun\s+(?:ini|lalu|depan|sebelumnya)\b|\bthis\s+year\b|\blast\s+year\b)"
    r"|(?P<rel_month>\bbulan\s+(?:ini|lalu|kemarin)\b)"
    r"|(?<![\d.,/-])(?P<year>(?:19|20)\d{2})(?!\d|[.,/]\d|-\d\d-\d\d|\s*(?:ribu|juta)))",
    re.IGNORECASE,
)
# '2022 penerima' may count people; after a word of time ('pada 2022 penerima …') it is a year.
_PEOPLE_AFTER = re.compile(r"\s*(?:orang|penerima|peserta)\b", re.IGNORECASE)
_TIME_WORD_BEFORE = re.compile(
    r"\b(?:pada|tahun|sepanjang|selama|sejak|hingga|sampai|awal|akhir|periode)\s+$", re.IGNORECASE)
_YEAR_TO_YEAR = re.compile(r"\s*(?:hingga|sampai(?:\s+dengan)?|s\.?d\.?)\s*(?:tahun\s+)?$", re.IGNORECASE)
_COUNTED_FROM = re.compile(r"\b(?:sejak|semenjak|since|dari|mulai)\s+(?:tahun\s+)?$", re.IGNORECASE)
_CUMULATIVE = re.compile(r"\b(?:sejak|semenjak|since)\b(?:\s+\S+){0,3}\s+$", re.IGNORECASE)
_LAW_NUMBER = re.compile(r"\b(?:nomor|no\.?)\s*\d+\s+tahun\s+$", re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")   # (its first digits let a scan pass other positions at once)
_QUARTER = re.compile(r"\bQ\d")
_PERIOD_WORDS = ("tahun", "bulan", "year", "akhir", "awal", "pertengahan", "per ", "semester", "smt",
                 "paruh", "kuartal", "triwulan", "quarter")
_MONTH_SPAN = re.compile(
    rf"(?=\b(?:{_starts(list(MONTHS))}))\b(?:{_MONTH_NAMES})\b\.?\s*(?:[-–]|hingga|sampai)", re.IGNORECASE)
_RELATIVE = {"ini": 0, "lalu": -1, "sebelumnya": -1, "depan": 1, "this year": 0, "last year": -1}


@dataclass
class PeriodMention:
    start: int
    end: int
    period: str | None   # None for a range of years


@lru_cache(maxsize=8192)
def find_periods(sentence: str, article_year: int | None,
                 article_month: int | None = None) -> tuple[PeriodMention, ...]:
    """Periods mentioned in `sentence`; relative ones need the article's year (and month)."""
    if not _may_name_period(sentence):
        return ()  # most sentences name no period: skip the big pattern
    out: list[PeriodMention] = []
    for m in _PERIOD_RE.finditer(sentence):
        if _LAW_NUMBER.search(sentence, max(0, m.start() - 25), m.start()):
            continue  # 'Peraturan Nomor 17 Tahun 2022' names a regulation, not a period
        if m.group("year") and _PEOPLE_AFTER.match(sentence, m.end()) and \
                not _TIME_WORD_BEFORE.search(sentence, max(0, m.start() - 12), m.start()):
            continue
        # a half, quarter or month without a year is of the year named before it in the sentence
        # ('anggaran 2021 … semester kedua Rp10 triliun'), else of the article's
        named = next((int(p.period[:4]) for p in reversed(out) if p.period), None)
        period = _normalise(m, named or article_year, article_year, article_month)
        if _CUMULATIVE.search(sentence, max(0, m.start() - 30), m.start()):
            period = None  # 'sejak 2020' counts everything since then: not the year 2020
        out.append(PeriodMention(m.start(), m.end(), period))
    return tuple(_year_spans(sentence, out))


def _year_spans(sentence: str, found: list[PeriodMention]) -> list[PeriodMention]:
    """'pada 2020 hingga 2022' is one span of years, as '2020-2022' is: it names none of them alone.
    ('sejak/dari 2020 hingga 2022' stays two: a count since the first that stands at the second.)"""
    out: list[PeriodMention] = []
    for mention in found:
        last = out[-1] if out else None
        if last is not None and last.period and len(last.period) == 4 and mention.period \
                and len(mention.period) == 4 and _YEAR_TO_YEAR.match(sentence, last.end, mention.start) \
                and not _COUNTED_FROM.search(sentence, max(0, last.start - 12), last.start):
            out[-1] = PeriodMention(last.start, mention.end, None)
        else:
            out.append(mention)
    return out


def _may_name_period(sentence: str) -> bool:
    """Whether `sentence` may name a period: a year, a quarter ('Q3'), a word of time or a span of
    months. The cheapest tests come first: a year's digits, then substrings of the lowered text."""
    if _YEAR_DIGITS.search(sentence) or ("Q" in sentence and _QUARTER.search(sentence)):
        return True
    lowered = sentence.lower()
    if any(map(lowered.__contains__, _PERIOD_WORDS)):
        return True
    # a span of months has a dash or a word of 'to' (in ASCII text, ignoring case is lowering)
    joined = not sentence.isascii() or "-" in sentence or "–" in sentence or "hingga" in lowered \
        or "sampai" in lowered
    return joined and _MONTH_SPAN.search(sentence) is not None


def _normalise(m: re.Match[str], year_in_force: int | None, article_year: int | None,
               article_month: int | None) -> str | None:
    if m.group("range"):
        return None
    if m.group("mr1"):
        year = int(m.group("mr_y") or year_in_force or 0)  # 'Agustus-November': the year in force
        return span_period(year, MONTHS[m.group("mr1").lower()],
                           MONTHS[m.group("mr2").lower()]) if year else None
    if m.group("rel_month"):
        if not (article_year and article_month):
            return None
        back = 0 if m.group("rel_month").lower().endswith("ini") else 1
        year, month = divmod(article_year * 12 + article_month - 1 - back, 12)
        return f"{year}-{month + 1:02d}"
    if m.group("sem"):
        half_year = _year_of_part(m, "sem_y", year_in_force, article_year)
        half = 1 if m.group("sem").lower() in ("i", "1", "pertama", "satu") else 2
        return f"{half_year}-S{half}" if half_year else None
    if m.group("q"):
        quarter_year = _year_of_part(m, "q_y", year_in_force, article_year)
        quarter = parse_roman(m.group("q").upper()) or int(m.group("q"))
        return f"{quarter_year}-Q{quarter}" if quarter_year else None
    if m.group("month"):
        return f"{m.group('month_y')}-{MONTHS[m.group('month').lower()]:02d}"
    if m.group("bare_month"):
        month = MONTHS[m.group("bare_month").lower()]
        if not article_year:
            return None
        past = _PAST_AFTER.match(m.string, m.end()) and article_month and month > article_month
        return f"{article_year - 1 if past else article_year}-{month:02d}"   # 'akhir Juni lalu' in March
    if m.group("ago"):
        ago = parse_number_words(m.group("ago_n")) if m.group("ago_n") else 1
        return str(article_year - int(ago or 1)) if article_year else None
    if m.group("rel"):
        key = " ".join(m.group("rel").lower().split()[-2:]) if "year" in m.group("rel").lower() \
            else m.group("rel").lower().split()[-1]
        return str(article_year + _RELATIVE[key]) if article_year else None
    return m.group("year")


_PAST_AFTER = re.compile(r"\s+(?:lalu|kemarin)\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"(?:tahun\s+)?(" + "|".join(w for w in _RELATIVE if " " not in w) + r")\b",
                             re.IGNORECASE)   # the words of `_RELATIVE` that follow 'tahun'


def _year_of_part(m: re.Match[str], year_group: str, year_in_force: int | None,
                  article_year: int | None) -> int | None:
    """The year of a half or quarter: written after it ('semester I-2021', 'kuartal III tahun
    lalu'), else the year in force."""
    if m.group(year_group):
        return int(m.group(year_group))
    relative = _RELATIVE_AFTER.match(m.string, m.end())
    if relative:
        return article_year + _RELATIVE[relative.group(1).lower()] if article_year else None
    return year_in_force


def span_period(year: int, first: int, last: int) -> str | None:
    """The smallest period holding months first..last of `year`: a month, quarter, half or the year
    ('Agustus hingga Desember 2020' → '2020-S2', '19 Mei-1 Juni 2020' → '2020-Q2')."""
    if last < first:
        return None  # 'November-Januari' crosses a year
    if first == last:
        return f"{year}-{first:02d}"
    if (first - 1) // 3 == (last - 1) // 3:
        return f"{year}-Q{(first - 1) // 3 + 1}"
    if (first - 1) // 6 == (last - 1) // 6:
        return f"{year}-S{(first - 1) // 6 + 1}"
    return str(year)


def period_for(mentions: tuple[PeriodMention, ...], start: int, end: int) -> str | None:
    """The period nearest to the figure at [start, end) in its sentence, if any."""
    best: tuple[int, str | None] | None = None
    for p in mentions:
        distance = start - p.end if p.end <= start else p.start - end
        if distance < 0:
            continue
        # A period after the figure is only taken when close ('5,5 juta penerima pada 2020').
        if p.start >= end:
            distance = distance * 2 + 5
        if best is None or distance < best[0]:
            best = (distance, p.period)
    return best[1] if best else None


@dataclass
class DateMention:
    start: int
    end: int
    iso: str      # 'YYYY-MM-DD' or 'YYYY-MM'


# A date starts with '(' or, at a word start, a digit or the first letters of a month or of a word
# before one (its first character tested first, as for a period).
_DATE_WORD_STARTS = [*MONTHS, "akhir", "pertengahan", "awal", "penghujung"]
_DATE_START = _starts(_DATE_WORD_STARTS)
_DATE_RE = re.compile(
    rf"(?=[(\d{first_letters(_DATE_WORD_STARTS)}])(?=\(|\b\d|\b(?:{_DATE_START}))(?:"
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_NAMES})\.?(?:\s+(?P<y>(?:19|20)\d{{2}}))?\b(?![.,]?\d)"
    rf"|\b(?:(?:akhir|pertengahan|awal|penghujung)\s+)?(?P<mon2>{_MONTH_NAMES})\.?(?:\s+(?P<y2>(?:19|20)\d{{2}}))?\b"
    r"|\((?P<pd>\d{1,2})/(?P<pm>\d{1,2})(?:/(?P<py>\d{2}|\d{4}))?\)"
    r"|\b(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})\b)",
    re.IGNORECASE,
)

_MONTH_STEM = re.compile(_starts(list(MONTHS)))   # the first three letters of a month, case-folded
_NUMERIC_DATE = re.compile(r"\d[/-]\d")


@lru_cache(maxsize=8192)
def find_dates(sentence: str, article_year: int | None) -> tuple[DateMention, ...]:
    """Dates and months named in `sentence` ('2 Desember 2020', 'akhir Juni 2023', '(28/4)',
    '2020-12-02');
    a day or month without a year takes the article's year."""
    folded = sentence.casefold()
    if not (_MONTH_STEM.search(folded) or _NUMERIC_DATE.search(sentence)):
        return ()  # every date names a month (its first three letters) or is '(28/4)', '2020-12-02'
    out: list[DateMention] = []
    year: int | None   # None: no year stated and the article's is unknown
    for m in _DATE_RE.finditer(sentence):
        if m.group("iy"):
            year, month, day = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        elif m.group("pd"):
            written = m.group("py")
            year = (int(written) + (2000 if len(written) == 2 else 0)) if written else article_year
            day, month = int(m.group("pd")), int(m.group("pm"))
        else:
            name = m.group("mon") or m.group("mon2")
            if len(name) < 4 and name.lower() not in ("mei", "jun", "jul"):
                continue  # 'Jan', 'Des' alone are too often not months
            year = int(m.group("y") or m.group("y2") or 0) or article_year
            day, month = int(m.group("d") or 0), MONTHS[name.lower()]
        if not year or not 1 <= month <= 12 or day > 31:
            continue
        iso = f"{year}-{month:02d}" + (f"-{day:02d}" if day else "")
        out.append(DateMention(m.start(), m.end(), iso))
    return tuple(out)
