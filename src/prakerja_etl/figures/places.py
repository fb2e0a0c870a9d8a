"""Which province a figure of a sentence is of: the one nearest it in its clause, one labelling a
list row, the subject of its clause, or one opening the sentence; none when its own noun phrase
says it is the whole country's."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, TypeVar

from prakerja_etl.figures import classify as cls
from prakerja_etl.text.provinces import Province, ProvinceMention, find_provinces

_DIGIT = re.compile(r"\d")
_CLAUSE_COMMA = re.compile(r",(?=\s)")   # not the decimal comma of '1,3 juta'
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*)?(?:dan|serta)?\s*")   # 'Jawa Barat, Banten dan Bali'
_WHOLE_OF_PART = re.compile(r"\s*(?:\w+\s+)?dari\s+(?:total\s+|seluruh\s+|sebanyak\s+)?$", re.IGNORECASE)
_SET_OFF = re.compile(r",\s+(?:[^\W\d_]+\s+){0,7}[^\W\d_]+,\s")   # words between commas, no figure
# a sentence adverbial of a few words before a comma ('Sebagai pembanding, ', 'Di sisi lain, ')
_LEAD = re.compile(r"\W*(?:[^\W\d_]+\s+){0,2}[^\W\d_]+,\s*")
_LABEL_SEPARATOR = re.compile(r"\s*(?:\(\w+\)\s*)?[:=|–—-]\s*")   # 'Jawa Barat (Jabar): '
_DATELINE = re.compile(
    r"^\W*(?:[\w.]+(?:\s[A-Z][\w.]*)?\s*,\s*)?[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]+)?\s*(?:\([A-Za-z]+\)\s*)?[-–]\s"
    r"(?![\s\d]*\d)")   # ('Jawa Barat - 729,9 ribu' is a list row, not a dateline)


def dateline_end(text: str) -> int:
    """Where the dateline that opens the text ends ('Jakarta (ANTARA) - '), 0 for none."""
    dateline = _DATELINE.match(text) if "-" in text[:60] or "–" in text[:60] else None
    return dateline.end() if dateline else 0


class SentencePlaces:
    """The provinces a sentence names, without the city of its dateline ('Liputan6.com, Jakarta -'
    says nothing about its figures), and the one that frames it: the one that opens it, else, in a
    sentence naming none and nothing national, the one its paragraph opened with (`carried`)."""

    def __init__(self, text: str, carried: Province | None = None,
                 pointed_to: list[re.Match[str]] | None = None) -> None:
        self.text = text
        self.mentions = find_provinces(text)
        opening = dateline_end(text) if self.mentions else 0   # (most sentences name none)
        if opening:
            self.mentions = [m for m in self.mentions if m.start >= opening]
        if pointed_to and carried is not None and self.mentions:   # (`pointed_to`: pointing_to_one's)
            # 'provinsi ini' names the province it points to (the one named last before it), where it
            # stands, among others the sentence names ('Pada 2020, provinsi ini mencatat 868 ribu
            # penerima, disusul Jawa Timur …')
            named = self.mentions
            self.mentions = sorted(named + [
                ProvinceMention(next((n.province for n in reversed(named) if n.end <= m.start()), carried),
                                m.start(), m.end(), m.group()) for m in pointed_to],
                key=lambda m: m.start)
        # (one it points to alone frames it past a national word: '… provinsi ini mencatat 117 ribu
        # penerima atau 2 persen dari total nasional')
        self.topic = _topic_province(text, self.mentions, opening) if self.mentions else \
            None if carried is None or _national_word(text, bool(pointed_to)) else carried


# 'dari total nasional': the national word names the whole a part is of
_WHOLE_BEFORE = re.compile(r"\bdari\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


def _national_word(text: str, pointed_to: bool) -> bool:
    """Whether the sentence speaks of the nation, not of the province it carries; one naming its
    province ('provinsi ini') is the province's past a word of the whole its share is of ('… atau
    2 persen dari total nasional')."""
    if not pointed_to:
        return cls.LEX.national.search(text) is not None
    return any(not _WHOLE_BEFORE.search(text, max(0, m.start() - 30), m.start())
               for m in cls.LEX.national.regex.finditer(text))


_PROVINCE_WORD = re.compile(r"\bprovinsi\b", re.IGNORECASE)


def names_a_group(text: str) -> bool:
    """Whether the sentence speaks of several provinces together ('Kelima provinsi itu menyerap
    hampir 3 juta penerima', 'porsi lima provinsi teratas'): its figures are of none of them."""
    return any((group := cls.LEX.province_group.search(text, max(0, m.start() - 20), m.start()))
               and not group.group().lower().startswith("ibu")   # (a city is in its province)
               for m in _PROVINCE_WORD.finditer(text))


def pointing_to_one(text: str) -> list[re.Match[str]]:
    """The words pointing back to one province ('provinsi ini'), not to several ('kelima provinsi itu')
    nor to a city ('ibu kota provinsi itu')."""
    return [m for m in cls.LEX.province_anaphora.regex.finditer(text)
            if not cls.LEX.province_group.search(text, max(0, m.start() - 20), m.start())]


def paragraph_topic(text: str, carried: Province | None, places: SentencePlaces | None) -> Province | None:
    """The province framing the sentences after this one in its paragraph ('Di Jawa Barat,
    antusiasme warga tinggi. Penerima tahun lalu 560 ribu orang.'): the one it opens with, else the
    one carried so far while it names no province and nothing national. `places` is the sentence's,
    when its figures asked for them; a sentence without figures is read only when it may matter."""
    if places is None and (carried is not None or _may_open_with_province(text)):
        places = SentencePlaces(text, carried)
    if places is None and not cls.LEX.people_of_place.absent(text):
        # 'Pada tahun-tahun sebelumnya, jumlah penerima asal Sumut juga jauh lebih besar.'
        of_people = [m for m in find_provinces(text)
                     if cls.LEX.people_of_place.search(text, max(0, m.start - 40), m.start)]
        return of_people[0].province if len({m.province for m in of_people}) == 1 else None
    return places.topic if places is not None else None


@dataclass
class Place:
    """The provinces around one figure, each by how it was found."""

    left: Province | None      # nearest before it in its clause, or the label of its list row
    right: Province | None     # first after it in its clause
    clause: Province | None    # the subject of its clause ('Provinsi X mencatat …')
    topic: Province | None     # the one opening the sentence ('Di Jawa Timur, …')

    @property
    def province(self) -> Province | None:
        return self.left or self.right or self.clause or self.topic


_NOWHERE = Place(None, None, None, None)   # (one for every figure of a sentence that names none)


def of(places: SentencePlaces, start: int, end: int, left: str, left_breaks: list[tuple[int, int]],
       right_clause: str, clause_before: str, previous: Province | None, share: bool = False) -> Place:
    """The provinces of the figure at [start, end): `left` is its text since the figure before
    (with its clause breaks), `previous` the province of that figure; `share` says it is a share,
    whose noun phrase names the whole it is of ('9 persen penerima nasional')."""
    mentions, text = places.mentions, places.text
    if previous is not None and "dari" in left and _WHOLE_OF_PART.match(left) and \
            cls.LEX.contributes.search(text, 0, start):
        return _NOWHERE   # '… menyumbang 729,9 ribu dari 5,96 juta penerima': the whole is the nation's
    if not mentions:
        return Place(None, None, None, places.topic) if places.topic else _NOWHERE
    # '… 5,9 juta orang di seluruh Indonesia' (but the nation's recipients after one province's
    # share are the whole it is of: 'Jateng menyumbang 9 persen penerima nasional')
    if _national_after(right_clause) and not (
            share and len({m.province for m in mentions if m.end <= start}) == 1):
        return _NOWHERE
    # A province across an apposition is the clause's subject (clause), not a label.
    last_clause_start = left_breaks[-1][1] if left_breaks else 0
    before = _nearest_province(mentions, start - len(left) + last_clause_start, start, last=True) or \
        _row_label(mentions, text, start)
    after = _nearest_province(mentions, end, end + len(right_clause), last=False)
    if after and before == previous:
        before = None   # '1,4 juta dari Jawa Barat dan 1,1 juta dari Jawa Timur'
    # 'Provinsi X mencatat 700 ribu pendaftar dengan 200 ribu penerima': the province is the
    # subject of its clause, unless the figure is said to be the whole country's.
    national = cls.LEX.national.search(left) is not None
    clause = None if national else _nearest_province(mentions, start - len(clause_before), start, last=True)
    if clause is None and not national and clause_before != text[:start] and (
            cls.LEX.headless_clause.match(clause_before)
            or cls.LEX.elliptical_clause.fullmatch(clause_before)):
        # 'X mencatat 900 ribu pendaftar, namun yang lolos hanya 310 ribu', 'Jatim, yang pada 2020
        # di posisi kedua dengan 711,6 ribu', 'Jabar masih terbanyak, sekitar 276 ribu'
        clause = previous or _nearest_province(mentions, 0, start, last=True)
    if not (before or after or clause or national) and cls.LEX.province_anaphora.search(left):
        clause = _nearest_province(mentions, 0, start, last=True)   # 'dari target provinsi sebanyak …'
    # A list of provinces before a figure ('… yaitu Papua Barat, Maluku Utara, dan Kepulauan Bangka
    # Belitung, yang totalnya 133.880 orang') counts them together: none of them is its province
    # (figures after 'masing-masing' are paired with the list instead: `respective`).
    last_before = [m for m in mentions if m.end <= start]
    if last_before and len(listed_before(mentions, text, last_before[-1].end, gap=0)) > 1 and \
            last_before[-1].province in (before, clause) and \
            cls.LEX.respectively.regex.search(text, last_before[-1].end, start) is None:
        before = clause = None
    # nor does the province opening the sentence frame a figure said to be the nation's
    # ('Di Jawa Timur, … 1 juta orang, sedangkan secara nasional 5,9 juta')
    return Place(before, after, clause, None if national else places.topic)


def _may_open_with_province(text: str) -> bool:
    """Whether the sentence opens (after its dateline) with a word a province topic follows."""
    if cls.LEX.topic_start.match(text):
        return True
    opening = dateline_end(text)
    return opening > 0 and cls.LEX.topic_start.match(text[opening:]) is not None


def _topic_province(text: str, mentions: list[ProvinceMention], opening: int) -> Province | None:
    """'Di Jawa Timur, jumlah penerima …': a province that opens the sentence (after its dateline,
    which ends at `opening`) frames all of it; so does the one province of a whole the sentence
    opens with ('Dari 1,3 juta pendaftar di Banten, sebanyak 250 ribu lolos …': its parts are the
    province's too)."""
    if not mentions:
        return None
    first = mentions[0]
    if cls.LEX.topic_opening.match(text[opening:first.start]) and cls.LEX.topic_close.match(text, first.end):
        return first.province
    lead = _LEAD.fullmatch(text, opening, first.start) is not None
    opens = lead or not text[opening:first.start].strip()
    set_off = _SET_OFF.match(text, first.end) is not None
    if len(mentions) == 1 and (set_off and opens or lead and text.startswith(",", first.end)):
        # '(Di sisi lain,) Jawa Barat, provinsi tempat Rina tinggal, menjadi …', 'Tetangganya, Riau, …'
        return first.province   # its subject
    comma = _CLAUSE_COMMA.search(text) if cls.LEX.partitive.match(text[opening:]) else None
    if comma and _DIGIT.search(text, 0, comma.start()) and \
            [m for m in mentions if m.start < comma.start()] == [first]:
        return first.province
    return None


def _row_label(mentions: list[ProvinceMention], text: str, start: int) -> Province | None:
    """'Jawa Barat: 1,1 juta penerima', 'Banten – 300 ribu': a province labelling a list row or a
    table cell owns the figure right after the label's separator."""
    before = [m for m in mentions if m.end <= start]
    if before and _LABEL_SEPARATOR.fullmatch(text[before[-1].end:start]):
        return before[-1].province
    return None


def _nearest_province(mentions: list[ProvinceMention], start: int, end: int,
                      *, last: bool) -> Province | None:
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if not inside:
        return None
    return (inside[-1] if last else inside[0]).province


def _national_after(right_clause: str) -> bool:
    """A national phrase in the figure's own noun phrase ('… 5,9 juta orang di seluruh Indonesia')
    makes it the country's, whatever province its sentence names; 'dari total penerima nasional'
    names the whole a figure is a part of."""
    hit = cls.LEX.national.search(right_clause)
    if hit is None:
        return False
    before = right_clause[:hit.start()].lower().split()
    return len(before) <= cls.NOUN_PHRASE_WORDS and "dari" not in before


class _Span(Protocol):
    start: int
    end: int


_S = TypeVar("_S", bound=_Span)


def listed_before(items: list[_S], text: str, at: int, gap: int = 2) -> list[_S]:
    """The items (provinces, periods) listed right before `at` ('Jawa Barat, Banten dan Bali
    masing-masing …'): the run that ends at most `gap` words before it, joined by separators."""
    listed = [m for m in items if m.end <= at]
    if not listed or len(text[listed[-1].end:at].split()) > gap:
        return []
    run = [listed.pop()]   # the list ends just before `at`; walk back over its separators
    while listed and _LIST_SEPARATOR.fullmatch(text[listed[-1].end:run[0].start]):
        run.insert(0, listed.pop())
    return run


def respective(places: SentencePlaces, starts: list[int]) -> dict[int, Province]:
    """'Penerima di Jawa Barat dan Banten masing-masing 1 juta dan 300 ribu orang': the figures (by
    start) after a word of 'respectively' take the provinces listed right before it, in order, when
    there are as many of each."""
    if len(places.mentions) < 2:
        return {}
    cue = cls.LEX.respectively.search(places.text)
    if cue is None:
        return {}
    # (the provinces may be the clause's subject, its verb between: 'Sumatera Utara dan Banten
    # melengkapi lima provinsi terbanyak dengan masing-masing 296,4 ribu dan 278,1 ribu')
    run = listed_before(places.mentions, places.text, cue.start(), gap=6)
    if run and len(places.text[run[-1].end:cue.start()].split()) > 2 and \
            re.search(r"[,;:]", places.text[run[-1].end:cue.start()]):
        run = []   # (past a clause break the list is no longer the subject)
    after = [s for s in starts if s >= cue.end()]
    if len(run) < 2 or len(after) != len(run) or len(places.text[cue.end():after[0]].split()) > 2 or \
            any(cue.end() <= m.start < after[-1] for m in places.mentions):
        return {}   # 'masing-masing penerima mendapat …' is each of them; a place after it is its own
    return {start: m.province for start, m in zip(after, run, strict=True)}
