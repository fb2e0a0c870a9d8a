"""Indonesian words that decide whether a number is a figure and what it counts.

The nouns live in schemas/nouns.yaml; qualifiers and ranking directions are below."""

from __future__ import annotations

import re

import yaml

from prakerja_etl.reference_data import REFERENCE_DIR
from prakerja_etl.text.numbers import first_letters

NOUNS_PATH = REFERENCE_DIR / "nouns.yaml"


def words(*alternatives: str) -> str:
    """One regex alternation of whole words or phrases (longest first); a space matches any
    run of spaces, and a phrase may end in a mark ('kab.')."""
    alts = (re.escape(a).replace(r"\ ", r"\s+") for a in sorted(alternatives, key=len, reverse=True))
    return r"(?=[" + first_letters(alternatives) + r"])(?<!\w)(?:" + "|".join(alts) + r")(?!\w)"


_NOUNS = yaml.safe_load(NOUNS_PATH.read_text(encoding="utf-8"))
# A number followed by one of these counts persons; by one of THINGS, units of something.
PEOPLE = words(*_NOUNS["people"])
THINGS = words(*_NOUNS["things"])
WAVE_NOUNS = words(*_NOUNS["wave_nouns"])
# (no "^": asked with .match(text, pos), where "^" would only match at the text's start)
OTHER_WAVE_AFTER = re.compile(r"\s*" + words(*_NOUNS["other_waves_after"]), re.IGNORECASE)
# Units of time and repetition, listicle counts: '4 bulan', '60 tahun', 'tiga kali', '5 fakta'.
NOT_A_QUANTITY_AFTER = re.compile(r"^\s*" + words(*_NOUNS["not_a_quantity_after"]), re.IGNORECASE)
# 'satu' before a noun is mostly the article 'a' ('satu program'); after these it is a count.
ONE_AS_NUMBER_BEFORE = re.compile(words(*_NOUNS["one_as_number_after"]) + r"\s*$", re.IGNORECASE)
# 'kuota (yang tersisa) 300 ribu': the head noun of the number's phrase, a few words before it,
# names persons.
PEOPLE_BEFORE = re.compile(words(*_NOUNS["people_before"]) + r"(?:\s+[\w-]+){0,3}?\s*$", re.IGNORECASE)
ONE_PER_PERSON_AFTER = re.compile(r"^\s*" + words(*_NOUNS["one_per_person"]), re.IGNORECASE)
REGISTRATION_STEMS = frozenset(_NOUNS["registration_stems"])
# '2.300 kali': from EVENTS_FROM repetitions on, a count of events, not a frequency.
EVENTS_AFTER = re.compile(r"^\s*" + words(*_NOUNS["repetitions"]) + r"(?!\s+lipat\b)", re.IGNORECASE)
EVENTS_FROM = float(_NOUNS["events_from"])
# '(persen)', 'dalam %', 'satuan: orang' in a caption or column title: the unit of the numbers under it.
STATED_UNITS = {
    unit: re.compile(r"(?:\(\s*(?:dalam\s+)?|(?<!\w)dalam\s+|(?<!\w)satuan\s*:?\s*)(?:"
                     + "|".join(re.escape(w) for w in names) + r")(?!\w)", re.IGNORECASE)
    for unit, names in _NOUNS["stated_units"].items()}
PEOPLE_AFTER = re.compile(r"^\s*(?:lebih\s+|an\s+)?" + PEOPLE, re.IGNORECASE)
THINGS_AFTER = re.compile(r"^\s*(?:lebih\s+)?" + THINGS, re.IGNORECASE)

# Before a number: a qualifier of its precision, kept as an attribute of the figure. The hedges of
# schemas/qualifiers.yaml, which figures.interval reads for what each one means.
_HEDGES = yaml.safe_load((REFERENCE_DIR / "qualifiers.yaml").read_text(encoding="utf-8"))
_QUALIFIERS_BEFORE = tuple(str(word) for kind in ("at_least", "at_most", "about", "almost")
                           for word in _HEDGES[kind])
_QUALIFIER_BEFORE = re.compile(
    r"(?<!\w)(?P<q>" + "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS_BEFORE) + r")\s*$",
    re.IGNORECASE)
# Text whose last word ends no qualifier holds none: a cheap test first, as the regex tries every
# alternative at each position. Non-ASCII text goes to the regex, whose ignore-case matching
# also folds look-alikes ('ſ') that str.lower keeps.
_QUALIFIER_ENDINGS = tuple({q.split()[-1] for q in _QUALIFIERS_BEFORE})
_QUALIFIER_WORDS = max(len(q.split()) for q in _QUALIFIERS_BEFORE)   # in the longest


def qualifier_before(text: str, pos: int, endpos: int) -> re.Match[str] | None:
    """The qualifier `text[pos:endpos]` ends with ('lebih dari 5', 'sekitar 300')."""
    tail = text[pos:endpos].rstrip()
    if tail.isascii() and not tail.lower().endswith(_QUALIFIER_ENDINGS):
        return None
    # it starts in one of the last few words: the regex, tried at every position, starts there
    words = tail.rsplit(None, _QUALIFIER_WORDS)
    if len(words) > _QUALIFIER_WORDS:
        pos += len(tail) - len(tail[len(words[0]):].lstrip())
    return _QUALIFIER_BEFORE.search(text, pos, endpos)


# After a number: 'lebih' (more than) ending its noun phrase ('5,9 juta lebih', '5,9 juta orang lebih',
# '5 juta lebih penerima'), not a comparative ('5,9 juta lebih sedikit dari target'); 'jutaan'.
QUALIFIER_AFTER = re.compile(r"^(?:an\b|\s*(?:" + PEOPLE + r"\s+)?lebih\b(?=\s*(?:[.,;:)]|$)|\s+(?:"
                             + PEOPLE + "|" + THINGS + r")))", re.IGNORECASE)

# Direction words of a province ranking.
MOST = r"terbanyak|terbesar|tertinggi|teratas|paling\s+banyak|paling\s+besar|paling\s+tinggi"
LEAST = (r"paling\s+sedikit|tersedikit|terendah|terkecil|terbawah|paling\s+kecil"
         r"|paling\s+rendah")
