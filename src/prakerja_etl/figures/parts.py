"""Whether a figure is one part of a whole, or a first value revised later, by the words around it
in its sentence (period.py times the figure with it); and a province's count as part of the
nation's running one (timing.py)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from prakerja_etl.figures.time_cues import (
    CUES,
    EACH_BEFORE,
    EACH_LISTED,
    INTO_VALUE,
    PART_AFTER,
    REVISED_TO,
    WORD,
    change_verb,
    search_in,
)
from prakerja_etl.figures.vocab import PEOPLE
from prakerja_etl.text.periods import find_periods

if TYPE_CHECKING:
    from prakerja_etl.figures.extract import Figure


# a count of people after the revising words ('… agar menjangkau 4,9 juta orang')
_PEOPLE = re.compile(r"\d[\d.,]*\s*(?:juta|ribu)?\s+" + PEOPLE, re.IGNORECASE)


def each_or_stage(f: Figure, text: str, start: int, end: int) -> bool:
    """'… dibagi dua semester, masing-masing Rp10 triliun': what each of the units gets, one
    figure for all of them (not a list, one for each); 'Rp2,67 triliun pada tahap awal': a stage
    named in the figure's own phrase."""
    each = f.province is None and EACH_BEFORE.search(text, max(0, start - 20), start) is not None and \
        EACH_LISTED.match(text[end:end + 40]) is None
    return each or not PART_AFTER.absent(text) and PART_AFTER.match(text[end:end + 40]) is not None


def revised_later(f: Figure, text: str, sentence_start: int, start: int, end: int) -> bool:
    """'Pemerintah semula menetapkan kuota 2,9 juta peserta dengan anggaran Rp11 triliun, kemudian
    dinaikkan menjadi 4,9 juta peserta …': a value after a word of 'at first' in its sentence, when a
    later value of its unit follows a word of revising into."""
    if CUES.superseded_first.absent(text):
        return False   # (most sentences: no slice of them needed)
    if search_in(CUES.superseded_first, text, text[sentence_start:start]) is None:
        return False
    revised = sorted([*REVISED_TO.finditer(text, end), *_changed_into(text, end)], key=lambda m: m.start())
    if any((m["rp"] is not None) == (f.unit == "rupiah") for m in revised):
        return True
    # 'semula Rp11 triliun untuk 2,9 juta peserta, kemudian menaikkannya menjadi Rp18 triliun agar
    # menjangkau 4,9 juta orang': the revision restates the plan's people after its amount
    return f.unit == "person" and bool(revised) and _PEOPLE.search(text, revised[0].end()) is not None


def _changed_into(text: str, end: int) -> list[re.Match[str]]:
    """Each 'menjadi <value>' after `end` that a verb of changing a value (by its root) comes right
    before: 'kemudian menaikkannya menjadi Rp18 triliun'."""
    return [m for m in INTO_VALUE.finditer(text, end)
            if change_verb(list(WORD.finditer(text, max(end, m.start() - 30), m.start()))[-2:])]


def of_running_counts(figures: list[Figure], year: int | None) -> list[Figure]:
    """The article's national count of its own year, when it stands at a date ('Hingga 22 Desember,
    peserta tahun ini 1,19 juta'), is that one count wherever it is said again ('dari 1,19 juta
    penerima nasional tahun ini'), and a province's count of that year ('Jawa Barat … 302 ribu
    orang') is part of it: both run to the same date, not the year's total."""
    this_year = str(year)
    counts = [f for f in figures if f.metric == "recipients_total" and f.period == this_year]
    running = [f for f in counts if f.basis == "to_date" and f.as_of]
    if not running or any(f.basis == "total" and f.value != running[-1].value for f in counts):
        return figures   # (an article that also gives the year's total has a final count)
    count = running[-1]

    def of_count(f: Figure) -> bool:   # a province's part of it, or the count said again
        return f.metric == "province_recipients" or f.metric == "recipients_total" and f.value == count.value

    return [replace(f, basis="to_date", as_of=count.as_of)
            if f.basis == "total" and f.period == this_year and of_count(f) else f for f in figures]


def years_of_a_running_count(figures: list[Figure], year: int | None) -> list[Figure]:
    """'Sejak diluncurkan, pesertanya 7,9 juta orang. Sebanyak 5,59 juta di antaranya terjaring
    sepanjang 2020': some of a national count since the start that names one past year after it
    in its own sentence is that year's whole count, not a slice of a year's."""
    out = list(figures)
    whole: Figure | None = None
    for i, f in enumerate(figures):
        if f.metric not in CUES.running_metrics or f.province is not None:
            continue
        if f.basis == "to_date" and f.period is None:
            whole = f   # (a count since the start spans years: its period is NULL)
        elif whole is not None and f.basis == "part" and f.metric == whole.metric and \
                f.value < whole.value and f.sentence.start - whole.sentence.end <= 2 and \
                year is not None and f.period is not None and f.period.isdigit() and int(f.period) < year:
            after = f.sentence.text[f.end - f.sentence.start:]
            if any(p.period == f.period for p in find_periods(after, year)):
                out[i] = replace(f, basis="total", as_of=None)
    return out


def among(f: Figure, text: str, end: int) -> bool:
    """'2,2 juta di antaranya berasal dari Jawa', '50 pelatihan di antaranya …': some of a whole named
    before, when they keep the whole's metric (a province's share of it, '450 ribu di antaranya warga
    Jateng', is that province's whole count; a share of the whole is no slice of it, nor is a per-person
    amount of a package: 'Rp4,2 juta, dengan Rp3,5 juta di antaranya saldo pelatihan' is the fee)."""
    return f.metric is not None and f.province is None and f.unit != "percent" and \
        (f.unit != "rupiah" or f.metric in CUES.part_metrics) and \
        search_in(CUES.among_after, text, text[end:end + 40]) is not None
