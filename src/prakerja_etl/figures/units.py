"""The unit and qualifier of a number, from the words around it: its own noun ('5 juta peserta',
'80 juta akun' of registrants), a noun of persons before it, a table column's title, a list's
caption ('Alasan mendaftar (persen): …'); and the words after a number that make it no quantity."""

from __future__ import annotations

import re

from prakerja_etl.figures import vocab
from prakerja_etl.figures.lexicon import stem

_RANKING_SIZE = re.compile(
    r"^\s*provinsi\b[^.;,]{0,60}?(?:" + vocab.MOST + "|" + vocab.LEAST + r")", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:](?!\d)[^,;:]*$")
_CLAUSE_END = re.compile(r"[,;:](?!\d)")
_TOKEN = re.compile(r"[^\W\d_]+")
_LIST_OPENS = re.compile(r"\s*\)?\s*:")
# A people noun that is not the 'per peserta' of an amount: it names what comes next.
PEOPLE_NAMED = re.compile(r"(?<!per )(?<!tiap )(?<!setiap )" + vocab.PEOPLE, re.IGNORECASE)


def counted_noun(after: str) -> bool:
    return bool(vocab.PEOPLE_AFTER.match(after) or vocab.THINGS_AFTER.match(after))


def is_ranking_size(after: str) -> bool:
    return bool(_RANKING_SIZE.match(after))


def not_a_quantity(value: float, after: str) -> bool:
    """'4 bulan', 'tiga kali' are not quantities; '2.300 kali' (shared, viewed) counts events."""
    return bool(vocab.NOT_A_QUANTITY_AFTER.match(after)) and not (
        value >= vocab.EVENTS_FROM and vocab.EVENTS_AFTER.match(after))


def noun_unit(sentence: str, start: int, end: int) -> tuple[str, str]:
    """Unit from the number's own noun phrase: the noun after it, else a noun right before it."""
    after = sentence[end:]
    if vocab.PEOPLE_AFTER.match(after):
        return "person", "noun"
    one_per_person = vocab.ONE_PER_PERSON_AFTER.match(after)
    if one_per_person and _counts_persons(sentence, start, end + one_per_person.end()):
        return "person", "noun"  # 'pendaftar mencapai 80 juta akun': one account per registrant
    if vocab.THINGS_AFTER.match(after) or vocab.EVENTS_AFTER.match(after):
        return "count", "noun"
    if _people_before(sentence, start):
        return "person", "noun"
    return "count", "default"


def _people_before(sentence: str, start: int) -> bool:
    """'kuota sekitar 300 ribu': a noun of persons right before the number (and its qualifier)."""
    before = sentence[max(0, start - 60):start]
    qualifier = vocab.qualifier_before(before, 0, len(before))
    return bool(vocab.PEOPLE_BEFORE.search(before[:qualifier.start()] if qualifier else before))


def _counts_persons(sentence: str, start: int, end: int) -> bool:
    """'akun' counts persons when its clause names them ('pendaftar … 80 juta akun', '80 juta
    akun pendaftar') or registering ('2 juta akun terdaftar')."""
    opening = _CLAUSE_START.search(sentence, 0, start)
    closing = _CLAUSE_END.search(sentence, end)
    clause = sentence[opening.start() + 1 if opening else 0:closing.start() if closing else len(sentence)]
    if PEOPLE_NAMED.search(sentence, opening.start() if opening else 0, start) \
            or vocab.PEOPLE_AFTER.match(sentence[end:]):
        return True
    return any(stem(t) in vocab.REGISTRATION_STEMS for t in _TOKEN.findall(clause) if len(t) > 4)


def header_unit(sentence: str, start: int, header: list[str]) -> tuple[str, str]:
    """Unit of a cell in a flattened table row, from the header of its column."""
    column = sentence[:start].count("|")
    title = header[column] if column < len(header) else ""
    stated = unit_stated(title)
    if stated:
        return stated, "header"   # 'Porsi (%)'
    if re.search(vocab.PEOPLE, title, re.IGNORECASE):
        return "person", "noun"
    return "count", "default"


def list_unit(sentence: str) -> tuple[str | None, int]:
    """The unit a list header inside the sentence states, and where its list starts."""
    for unit, pattern in vocab.STATED_UNITS.items():
        for m in pattern.finditer(sentence):
            opens = _LIST_OPENS.match(sentence, m.end())
            if opens:
                return unit, opens.end()
    return None, 0


def unit_stated(text: str) -> str | None:
    """The unit a caption or column title states for the bare numbers under it:
    'Pemanfaatan insentif (persen)' → 'percent', 'Jumlah, dalam orang' → 'person'."""
    return next((unit for unit, pattern in vocab.STATED_UNITS.items() if pattern.search(text)), None)


def qualifier_of(sentence: str, start: int, end: int) -> str | None:
    m = vocab.qualifier_before(sentence, max(0, start - 30), start)
    if m:
        return " ".join(m.group("q").lower().split())
    if vocab.QUALIFIER_AFTER.match(sentence[end:]):
        return "lebih dari"
    return None
