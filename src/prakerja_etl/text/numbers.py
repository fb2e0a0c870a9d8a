"""Indonesian number notation: digits with '.' thousands and ',' decimals, scale words,
number words ('tiga setengah juta', 'empat koma dua'), fractions and ordinals.

Values are computed in decimal arithmetic and handed out as floats: '16,4 juta' is 16400000
exactly, where binary floats make 16.4 × 10⁶ = 16399999.999999998. Every count the programme
states fits a float's 53 bits exactly, so the warehouse's DOUBLE columns hold them unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

# Scale words and their abbreviations; 'M'/'T' only count after 'Rp' (see SCALES_AFTER_RP).
SCALES: dict[str, float] = {
    "ribu": 1e3, "rb": 1e3, "rbu": 1e3, "k": 1e3, "thousand": 1e3,
    "juta": 1e6, "jt": 1e6, "million": 1e6, "mio": 1e6,
    "miliar": 1e9, "milyar": 1e9, "billion": 1e9, "m": 1e9,
    "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12, "t": 1e12,
    # '612 ribuan penerima': some 612 thousand (the figure gets the qualifier 'sekitar').
    "ribuan": 1e3, "jutaan": 1e6, "miliaran": 1e9, "triliunan": 1e12,
}
APPROXIMATE_SCALES = {"ribuan", "jutaan", "miliaran", "triliunan"}
SCALES_AFTER_RP = {"m", "t", "k"}
ENGLISH_SCALES = {"thousand", "million", "billion", "trillion"}

_UNITS = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
    "tujuh": 7, "delapan": 8, "sembilan": 9,
}
_PREFIXED = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
             "sejuta": 10**6, "semiliar": 10**9, "setriliun": 10**12}
# Cardinal words that name one item of a series ('gelombang satu', 'gelombang dua belas').
CARDINAL_WORDS = (set(_UNITS) - {"nol"}) | {"sepuluh", "sebelas"}
_WORD_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "milyar": 10**9, "triliun": 10**12}
NUMBER_WORDS = (set(_UNITS) | set(_PREFIXED) | set(_WORD_SCALES)
                | {"belas", "puluh", "ratus", "koma", "setengah"})

# Fractions stated in words: 'sepertiga' = one third.
FRACTION_WORDS: dict[str, float] = {
    "setengah": 1 / 2, "separuh": 1 / 2, "sepertiga": 1 / 3, "seperempat": 1 / 4,
    "seperlima": 1 / 5, "sepersepuluh": 1 / 10,
    "dua pertiga": 2 / 3, "tiga perempat": 3 / 4, "dua perlima": 2 / 5, "tiga perlima": 3 / 5,
    "empat perlima": 4 / 5,
}

ORDINAL_WORDS: dict[str, int] = {
    "pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5,
    "keenam": 6, "ketujuh": 7, "kedelapan": 8, "kesembilan": 9, "kesepuluh": 10,
    "kesebelas": 11,
}

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def first_letters(words: Iterable[str]) -> str:
    """The first letters of `words` for a character class: a regex that starts with the lookahead
    '(?=[…])' of them skips every other position at once instead of trying each word there."""
    return "".join(sorted({re.escape(w[0]) for w in words}))


def parse_numeral(text: str, *, english: bool = False) -> float:
    """'5.509.055' → 5509055, '5,5' → 5.5, '6.827,51' → 6827.51; English '5.9' with `english`."""
    text = text.strip()
    # Indonesian: '.' groups thousands, ',' marks decimals.
    plain = text.replace(",", "") if english else text.replace(".", "").replace(",", ".")
    try:
        return float(plain)   # rounds the decimal string as float(Decimal(plain)) does, far cheaper
    except ValueError:
        return float(Decimal(plain))   # not a number ('1.234.567' in English): Decimal's error


def scale(value: float, multiplier: float) -> float:
    """`value` × `multiplier` as written in decimals: scale(16.4, 1e6) is 16400000.0 exactly."""
    if multiplier == 1.0:
        return value   # most numbers have no scale word: Decimal(repr(value)) is value again
    return float(Decimal(repr(value)) * Decimal(repr(multiplier)))


def parse_number_words(words: str) -> float | None:
    """Value of Indonesian number words ('tiga setengah juta' → 3500000), None if not a number."""
    zero = Decimal(0)
    total = zero          # what earlier scale words (ribu, juta…) have closed
    chunk = zero          # the part below the current scale word
    pending = zero        # a unit digit waiting for belas/puluh/ratus
    has_pending = False
    decimals: str | None = None    # digits spoken after 'koma'
    for word in words.lower().split():
        if decimals is not None and word in _UNITS:
            decimals += str(_UNITS[word])
            continue
        if decimals:
            pending += Decimal("0." + decimals)
        decimals = None
        if word in _UNITS:
            if has_pending:
                return None          # 'dua tiga' is not one number
            pending, has_pending = Decimal(_UNITS[word]), True
        elif word in _PREFIXED and _PREFIXED[word] >= 1000:
            total += _PREFIXED[word]
            chunk, pending, has_pending = zero, zero, False
        elif word in _PREFIXED:
            chunk += _PREFIXED[word]
        elif word in ("belas", "puluh", "ratus"):
            chunk += pending * {"belas": 1, "puluh": 10, "ratus": 100}[word]
            chunk += 10 if word == "belas" else 0
            pending, has_pending = zero, False
        elif word == "setengah":
            pending, has_pending = pending + Decimal("0.5"), True
        elif word == "koma":
            decimals = ""
        elif word in _WORD_SCALES:
            total += ((chunk + pending) or 1) * _WORD_SCALES[word]
            chunk, pending, has_pending = zero, zero, False
        else:
            return None
    if decimals:
        pending += Decimal("0." + decimals)
    value = total + chunk + pending
    return float(value) if value or words.strip().lower() == "nol" else None


def parse_roman(text: str) -> int | None:
    """Roman numeral I–C ('IV' → 4), None when `text` is not one."""
    if not text or any(ch not in _ROMAN for ch in text):
        return None
    values = [_ROMAN[ch] for ch in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                for i, v in enumerate(values))
    return total if 0 < total < 200 else None
