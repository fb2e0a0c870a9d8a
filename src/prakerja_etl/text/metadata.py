"""Article metadata from the text a scraper saved: outlet, dateline, dates, author."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import dateparser

from prakerja_etl.text.periods import MONTHS
from prakerja_etl.text.segment import Line

# Outlets as they sign their articles; the value is the name the warehouse uses.
OUTLETS: dict[str, str] = {
    "liputan6.com": "Liputan6.com", "liputan6": "Liputan6.com", "antara": "ANTARA",
    "antaranews": "ANTARA", "bisnis.com": "Bisnis.com", "cnbc indonesia": "CNBC Indonesia",
    "detikfinance": "detikFinance", "detikjateng": "detikJateng", "detikcom": "detikcom",
    "detik.com": "detikcom", "detiknews": "detikNews", "idxchannel": "IDX Channel",
    "idx channel": "IDX Channel", "jawapos.com": "JawaPos.com", "jawapos": "JawaPos.com",
    "kompas.com": "Kompas.com", "kompas": "Kompas.com", "kontan.co.id": "Kontan",
    "kontan": "Kontan", "kumparan": "kumparan", "kumparanbisnis": "kumparan",
    "okezone": "Okezone", "tempo.co": "Tempo", "tempo": "Tempo", "tirto.id": "Tirto.id",
    "viva": "VIVA.co.id", "viva.co.id": "VIVA.co.id", "merdeka.com": "Merdeka.com",
    "cnn indonesia": "CNN Indonesia", "suara.com": "Suara.com", "tribunnews": "Tribunnews",
    "tribunnews.com": "Tribunnews", "republika": "Republika", "sindonews": "Sindonews",
    "katadata": "Katadata", "beritasatu": "BeritaSatu", "medcom.id": "Medcom.id",
    "inews": "iNews", "idn times": "IDN Times", "media indonesia": "Media Indonesia",
    "jpnn": "JPNN", "jpnn.com": "JPNN", "bisnis": "Bisnis.com", "mnc": "MNC",
}
_OUTLET_RE = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(k) for k in sorted(OUTLETS, key=len, reverse=True))
    + r")(?![\w])", re.IGNORECASE)
# 'Liputan6.com, Jakarta -', 'Jakarta (ANTARA) -', 'SURABAYA, JawaPos.com –', 'KONTAN.CO.ID - JAKARTA.'
_DATELINE = re.compile(
    r"^\W*(?:(?P<city1>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)\s*(?:,|\()\s*(?P<outlet1>[\w.\s]{2,25}?)\)?"
    r"\s*[-–]\s"
    r"|(?P<outlet2>[\w.]+(?:\s[A-Z][\w.]+)?)\s*,\s*(?P<city2>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)\s*[-–]\s"
    r"|(?P<outlet3>[A-Z][\w.]+)\s*[-–]\s*(?P<city3>[A-Z]{3,})\.\s"
    r"|(?P<city4>[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?)\s+[-–]\s)"
)


def _match_dateline(text: str) -> re.Match[str] | None:
    """The dateline `text` opens with, if any: every one has a dash, a test that spares most lines
    the pattern's backtracking."""
    return _DATELINE.match(text) if "-" in text or "–" in text else None


# A weekday as news writes it before a date ('Jumat (23/12)'); timing reads it too.
WEEKDAY = r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad)"
_BODY_DATE = re.compile(WEEKDAY + r",?\s*\((?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?\)")
_MONTH_ABBREVIATIONS = r"(?:Jan|Feb|Mar|Apr|Mei|May|Jun|Jul|Agu|Agt|Aug|Sep|Okt|Oct|Nov|Des|Dec)[a-z]*\.?"
# '13 Maret 2023', '13/03/2023', '13-03-2023', and the English order 'March 13, 2023'
_LONG_DATE = re.compile(
    r"\b\d{1,2}\s+" + _MONTH_ABBREVIATIONS + r"\s+\d{4}\b|\b\d{1,2}([/-])\d{1,2}\1\d{4}\b"
    r"|\b" + _MONTH_ABBREVIATIONS + r"\s+\d{1,2},\s+\d{4}\b"
    r"|\b\d{4}-\d{2}-\d{2}(?=T\d|\b)")   # ISO 8601, as page metadata has it: '2024-05-15T07:30:00+07:00'
_AUTHOR_LABEL = re.compile(
    r"^\s*(?:Pewarta|Penulis|Reporter|Oleh|Author|Laporan\s+wartawan)\s*:\s*(?P<name>[^|\-–·\n]+)",
    re.IGNORECASE)
_NAME = r"[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,3}"
_AUTHOR_BYLINE = re.compile(rf"^\s*(?P<name>(?:Tim\s+\w+|{_NAME}))\s*(?:[-–,]|·)\s*(?P<rest>.+)$")
_NAME_LINE = re.compile(rf"^\s*(?P<name>{_NAME})\s*$")
_CAPTION = re.compile(r"^\s*(?:foto|ilustrasi|lihat\s+foto)\b", re.IGNORECASE)
_EVENT_WINDOW = timedelta(days=3)
# Page chrome (tickers, menus) can push the headline and byline down the file.
_HEAD_LINES = 30
_DAY_NAMES = re.compile(r"^(?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)$", re.IGNORECASE)
# An article's own date lies in this window; scrambled digits ('45 Maret 2021', '23/2/9021') do
# not, and are dropped (noted in `ArticleMeta.garbled`) rather than stored or guessed at.
_EARLIEST_DAY = date(2000, 1, 1)
_LATEST_AHEAD = timedelta(days=366)


@dataclass(frozen=True)
class ArticleMeta:
    outlet: str | None
    dateline: str | None
    published: date | None
    event_date: date | None
    author: str | None
    title: str | None
    # Dates written in the article that are no dates, when no real one was found in their place.
    garbled: tuple[str, ...] = ()


def read_metadata(lines: list[Line]) -> ArticleMeta:
    """Outlet, dateline, publication and event dates, author and title of an article."""
    head = [ln for ln in lines[:_HEAD_LINES] if ln.text.strip()]
    title = _title([ln for ln in lines if ln.text.strip() and not ln.boilerplate][:3])
    garbled: list[str] = []
    latest = date.today() + _LATEST_AHEAD   # (read once: the clock costs more than a date's parse)
    published = _published(head, garbled, latest)
    event_date = _event_date(lines, published, garbled, latest)
    return ArticleMeta(
        outlet=_outlet(lines), dateline=_dateline(lines), published=published,
        event_date=event_date, author=_author(lines), title=title,
        garbled=tuple(dict.fromkeys(garbled)) if event_date is None else (),
    )


def _plausible(day: date | None, latest: date) -> date | None:
    """The day, when an article can carry it (no later than `latest`); None for a date from
    scrambled digits."""
    if day is None or not _EARLIEST_DAY <= day <= latest:
        return None
    return day


def _title(first_lines: list[Line]) -> str | None:
    """The headline: a short line before the lead, not a timestamp."""
    for ln in first_lines:
        text = ln.text.strip()
        if _match_dateline(text) and len(text) >= 80:
            return None  # the file starts with the lead paragraph: no headline saved
        if len(text.split()) >= 4 and len(text) < 200 and not _LONG_DATE.search(text):
            return text
    return None


def _outlet(lines: list[Line]) -> str | None:
    """The outlet that signs the dateline, else the first outlet named near the edges."""
    edges = lines[:_HEAD_LINES] + lines[-8:]
    for ln in edges:
        m = _match_dateline(ln.text)
        for group in ("outlet1", "outlet2", "outlet3"):
            hit = _OUTLET_RE.search(m.group(group)) if m and m.group(group) else None
            if hit:
                return OUTLETS[hit.group(1).lower()]
    for ln in edges:
        hit = _OUTLET_RE.search(ln.text) if _may_name_outlet(ln.text) else None
        if hit:
            return OUTLETS[hit.group(1).lower()]
    return None


# The outlets' names that hold no other one: lowered ASCII text that has none of them names no
# outlet (for ASCII, ignoring case is lowering); the substring tests cost a fifth of the scan.
_OUTLET_NAMES = tuple(k for k in OUTLETS if not any(o != k and o in k for o in OUTLETS))


def _may_name_outlet(text: str) -> bool:
    return not text.isascii() or any(map(text.lower().__contains__, _OUTLET_NAMES))


def _dateline(lines: list[Line]) -> str | None:
    for ln in lines[:_HEAD_LINES]:
        m = _match_dateline(ln.text.strip()) if len(ln.text) >= 80 else None
        if not m:
            continue  # a dateline opens the lead paragraph, not a byline or timestamp line
        city = next((m.group(g) for g in ("city1", "city2", "city3", "city4") if m.group(g)), None)
        if city and not _OUTLET_RE.fullmatch(city) and not _DAY_NAMES.match(city):
            return city.title() if city.isupper() else city
    return None


_DAY_MONTH_YEAR = re.compile(
    r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})|(\d{1,2})/(\d{1,2})/(\d{4})|(\d{4})-(\d{2})-(\d{2})")


@lru_cache(maxsize=4096)
def _parse_date(text: str) -> date | None:
    """Day-month-year dates; the common forms directly (dateparser costs ~4 ms a call)."""
    m = _DAY_MONTH_YEAR.fullmatch(text.strip())
    try:
        if m and m.group(1) and m.group(2).lower() in MONTHS:
            return date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
        if m and m.group(4):
            return date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
        if m and m.group(7):
            return date(int(m.group(7)), int(m.group(8)), int(m.group(9)))
    except ValueError:
        return None
    parsed = dateparser.parse(text, languages=["id", "en"],
                              settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed else None


def _published(head: list[Line], garbled: list[str], latest: date) -> date | None:
    for ln in head:
        # a date is the article's only on a furniture or short line: others are not searched
        if not (ln.boilerplate or len(ln.text) < 90) or _CAPTION.match(ln.text):
            continue
        m = _LONG_DATE.search(ln.text)
        if m:
            parsed = _plausible(_parse_date(m.group(0)), latest)
            if parsed:
                return parsed
            garbled.append(m.group(0))
    return None


def _event_date(lines: list[Line], published: date | None, garbled: list[str], latest: date) -> date | None:
    """The day the reported event happened: a 'Selasa (23/2/2021)' close before publication."""
    found: list[date] = []
    for ln in lines:
        if ln.boilerplate or "(" not in ln.text or _CAPTION.match(ln.text):
            continue   # (every body date has a '(': the test spares a scan of most lines)
        for m in _BODY_DATE.finditer(ln.text):
            year = m.group("y") or (published.year if published else None)
            if year is None:
                continue
            year = int(year) + (2000 if int(year) < 100 else 0)
            try:
                day = _plausible(date(year, int(m.group("m")), int(m.group("d"))), latest)
            except ValueError:
                day = None
            if day is None:
                garbled.append(m.group(0))
            else:
                found.append(day)
    if published is None:
        return found[0] if found else None
    recent = [d for d in found if published - _EVENT_WINDOW <= d <= published]
    return max(recent) if recent else published


# (each pattern starts with a lookahead of what every match starts with: a scan passes other
# positions at once)
_FULL_DATE = re.compile(
    r"(?=\d)(?:\b(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<y>20\d{2})\b"
    r"|\b(?P<nd>\d{1,2})/(?P<nm>\d{1,2})/(?P<ny>20\d{2}|\d{2})\b"
    r"|\b(?P<iy>20\d{2})-(?P<im>\d{2})-(?P<id>\d{2})\b)")
_YEAR = re.compile(r"(?=20)(?<![\d.,/-])(20\d{2})(?![\d.,/-]\d)")
# 'Rabu (9/8)': a weekday and a day without its year, which the weekday can tell.
_WEEKDAY_DATE = re.compile(rf"\b(?P<wd>{WEEKDAY})\s*,?\s*\((?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})\)",
                           re.IGNORECASE)
_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
             "minggu": 6, "ahad": 6}
_FIRST_YEAR = 2020   # no article about the programme is older than its launch
_LONG_MONTHS = [m for m in MONTHS if len(m) >= 5]


def _month(name: str) -> int | None:
    """A month name, or one misspelt by a letter or a swap ('Feburari')."""
    name = name.lower()
    if name in MONTHS:
        return MONTHS[name]
    close = difflib.get_close_matches(name, _LONG_MONTHS, n=1, cutoff=0.8)
    return MONTHS[close[0]] if close else None


def _weekday_year(weekday: int, month: int, day: int, named: list[int]) -> int | None:
    """The one year, among those the text names or else since the programme began, in which
    day/month falls on `weekday`."""
    for years in (sorted(set(named)), range(_FIRST_YEAR, date.today().year + 1)):
        fits = []
        for year in years:
            try:
                if date(year, month, day).weekday() == weekday:
                    fits.append(year)
            except ValueError:
                continue
        if fits:
            return fits[0] if len(fits) == 1 else None
    return None


def undated_fallback(lines: list[Line]) -> tuple[date | None, int | None]:
    """For a text without a dated header: the latest full date it states ('Jumat 18 Februari
    2022', '(28/6/2022)', '2022-06-28', 'Rabu (9/8)' in the year whose 9 August was a Wednesday)
    and its year; a later year named in the text wins over an old date quoted from the past (the
    day is then unknown)."""
    dates: list[date] = []
    years: list[int] = []
    weekday_dates: list[tuple[int, int, int]] = []
    for ln in lines:
        if ln.boilerplate or _CAPTION.match(ln.text):
            continue
        for m in _FULL_DATE.finditer(ln.text):
            try:
                if m.group("d") and (month := _month(m.group("mon"))):
                    dates.append(date(int(m.group("y")), month, int(m.group("d"))))
                elif m.group("nd"):
                    year = int(m.group("ny")) + (2000 if len(m.group("ny")) == 2 else 0)
                    dates.append(date(year, int(m.group("nm")), int(m.group("nd"))))
                elif m.group("iy"):
                    dates.append(date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))))
            except ValueError:
                continue
        if "(" in ln.text:   # in every weekday date: the test spares a scan of most lines
            weekday_dates += [(_WEEKDAYS[m.group("wd").lower()], int(m.group("m")), int(m.group("d")))
                              for m in _WEEKDAY_DATE.finditer(ln.text)]
        years += [int(y) for y in _YEAR.findall(ln.text)]
    for weekday, month, day in weekday_dates:
        weekday_year = _weekday_year(weekday, month, day, years + [d.year for d in dates])
        if weekday_year:
            dates.append(date(weekday_year, month, day))
    latest = max(dates) if dates else None
    if latest and (not years or latest.year >= max(years)):
        return latest, latest.year
    return None, (max(years) if years else None)


def _author(lines: list[Line]) -> str | None:
    for ln in lines:
        m = _AUTHOR_LABEL.match(ln.text)
        if m:
            return m.group("name").strip()
    for ln in lines[:8]:
        m = _AUTHOR_BYLINE.match(ln.text)
        if m and (_OUTLET_RE.search(m.group("rest")) or "Jurnalis" in m.group("rest")):
            return m.group("name").strip()
    # A bare name line next to the byline block or the closing outlet line.
    texts = [ln.text.strip() for ln in lines if ln.text.strip()]
    for i, text in enumerate(texts):
        m = _NAME_LINE.match(text)
        if not m:
            continue
        neighbours = texts[max(0, i - 1):i] + texts[i + 1:i + 2]
        if any(_OUTLET_RE.fullmatch(n) or _LONG_DATE.search(n) for n in neighbours):
            return m.group("name")
    return None
