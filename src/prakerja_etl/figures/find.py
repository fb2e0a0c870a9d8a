"""Find the numbers a sentence states as quantities, with value, unit and qualifier.

Numbers that are not figures are left out by rules of the language: dates, clock
times, years, phone numbers and regulation numbers (see `not_figures`), ages and
durations ('60 tahun', 'empat bulan'), frequencies ('tiga kali'), the size of a ranking
('3 provinsi terbanyak'), list markers and numbers inside names ('Covid-19', 'LQ45').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from prakerja_etl.figures import vocab
from prakerja_etl.figures.not_figures import not_figures
from prakerja_etl.figures.prefilter import at_word_start, case_variants
from prakerja_etl.figures.units import (
    PEOPLE_NAMED,
    counted_noun,
    header_unit,
    is_ranking_size,
    list_unit,
    not_a_quantity,
    noun_unit,
    qualifier_of,
)
from prakerja_etl.figures.waves import of_a_years_waves
from prakerja_etl.text import numbers

# The forms of a numeral after its first digit: a pattern led by that digit (not by a
# lookahead or an alternation) lets sre scan for digits instead of trying every position.
_NUMERAL_REST = r"\d{0,2}(?:\.\d{3})+(?:,\d+)?|\d*(?:,\d+)?"
_NUMERAL = rf"\d(?:{_NUMERAL_REST})"
# '5,900,000' in an English quote: two comma groups of three cannot be a decimal comma.
_COMMA_THOUSANDS_REST = r"\d{0,2}(?:,\d{3}){2,}(?![\d,])"
_SCALE_WORDS = "|".join(sorted(numbers.SCALES, key=len, reverse=True))
# '1.5 juta' written with an English decimal point: a thousands group has three digits.
_DOT_DECIMAL_REST = r"\d*\.\d{1,2}(?=\s*(?i:juta|jt|ribu|rb|miliar|milyar|triliun|million|billion))"
# '3 sampai 4,5 juta', '3 hingga 4,5 juta': a range in words, read like '3-4,5 juta'; a year
# at either end makes it a span of time or two figures ('5,5 juta pada 2020 hingga 5,9 juta').
_RANGE_WORDS = r"(?i:sampai(?:\s+dengan)?|hingga|s\.?d\.?|s/d)"


def _starts_any_case(words: str) -> str:
    """A class of the first letters of '|'-separated words in every case ignore-case matches."""
    letters = sorted({word[0] for word in words.split("|")})
    return "[" + re.escape("".join(map(case_variants, letters))) + "]"


# Led by a digit, not by a lookahead or an optional currency: sre scans for digits instead of
# trying every position (a currency before a number is found apart, see _numerals). The
# lookaheads of a separator's and a scale word's first letters spare entering their
# alternations after most numbers.
_FIGURE_RE = re.compile(
    rf"(?P<num>\d(?:{_DOT_DECIMAL_REST}|{_COMMA_THOUSANDS_REST}|{_NUMERAL_REST}))"
    rf"(?:(?=\s*[-–]|\s+{_starts_any_case('sampai|hingga')})"
    rf"(?<!\b(?:19|20)\d\d)(?:\s*[-–]\s*|\s+{_RANGE_WORDS}\s+)(?!(?:19|20)\d\d\b)"
    rf"(?P<num2>{_NUMERAL})(?![\d/]))?"
    rf"(?:\s?(?={_starts_any_case(_SCALE_WORDS)})(?P<scale>(?i:{_SCALE_WORDS}))(?![A-Za-z]))?"
    r"(?P<rupiah>\s*(?i:rupiah)\b)?"
    r"(?:\s*(?P<pct>%|(?i:persen(?:nya)?|per\s?sen|percent)\b))?"
)
# 'Rp', 'IDR' at a word start: led by their first letters for sre's scan.
_CURRENCY = re.compile(r"(?:R(?<!\w.)p|I(?<!\w.)DR)\.?\s*")
_YEAR = re.compile(r"(?:19|20)\d{2}")
# A wave number after a wave noun: digits, a Roman numeral, an ordinal or a cardinal word
# ('gelombang ke-12', 'batch 8', 'gelombang IV', 'gelombang pertama', 'gelombang satu'), and
# ranges of waves ('gelombang 1 hingga 8', 'batch 1-11') whose ends are both wave numbers.
_CARDINAL_WORDS = r"(?:" + "|".join(sorted(numbers.CARDINAL_WORDS, key=len, reverse=True)) + r")"
_WAVE_WORD = (r"(?P<word>(?i:" + "|".join(numbers.ORDINAL_WORDS) + r")|(?i:" + _CARDINAL_WORDS
              + r"(?:\s+(?:belas|puluh)(?:\s+" + _CARDINAL_WORDS + r")?)?))\b"
              r"(?!\s+(?i:setelah|sejak|sesudah|usai|kali|ribu|juta|miliar|ratus|koma|persen))")
_WAVE_RE = re.compile(
    r"(?i:" + vocab.WAVE_NOUNS + r")\s+(?:(?i:ke)[-\s]?)?"
    r"(?:(?P<n>\d{1,3})(?!\d|[.,]\d)|(?P<roman>[IVXL]{1,7})\b|" + _WAVE_WORD + r")"
    r"(?:\s*(?:-|–|(?i:hingga|sampai(?:\s+dengan)?|s\.?d\.?|dan))\s*"
    r"(?:(?i:" + vocab.WAVE_NOUNS + r")\s+)?(?:(?i:ke)-?)?(?P<n2>\d{1,3})(?!\d|[.,]\d))?"
)
_FRACTION_RE = re.compile(
    r"(?=[\d" + numbers.first_letters(numbers._UNITS) + r"])"
    r"\b(?P<a>\d{1,2}|" + "|".join(numbers._UNITS) + r")\s+dari\s+(?P<b>\d{1,2}|"
    + "|".join(numbers._UNITS) + r"|sepuluh)\b"
    r"(?=\s+" + vocab.PEOPLE + r"|\s*[,.;]|\s+di\s+antara)",
    re.IGNORECASE,
)
# 'separuh peserta', 'sepertiga dari mereka', and with '-nya' ('setengahnya': half of them).
_FRACTION_WORD_RE = re.compile(
    r"(?=[" + numbers.first_letters(numbers.FRACTION_WORDS) + r"])"
    r"\b(?P<f>" + "|".join(sorted(numbers.FRACTION_WORDS, key=len, reverse=True)) + r")"
    r"(?:nya\b|\b(?=\s+(?:dari\s+)?(?:" + vocab.PEOPLE
    + r"|lainnya\b|di\s+antaranya\b|dari\s+mereka\b)))",
    re.IGNORECASE,
)
# '52 di antaranya': that many of a group named before.
_PART_OF = re.compile(r"\s*(?:di\s*antara(?:nya|\s+mereka)|diantaranya)\b", re.IGNORECASE)
_LIST_MARKER = re.compile(r"^\s*\d{1,2}[.)]\s")
_DIGIT = re.compile(r"\d")
_NUMERAL_RE = re.compile(_NUMERAL)
_FRACTION_HINT = re.compile(r"se(?:per|paruh|tengah)|pertiga|perempat|perlima")
_COMMA_THOUSANDS_RE = re.compile(rf"\d(?:{_COMMA_THOUSANDS_REST})")
# Any word that can start a number, a fraction or an ordinal wave in words, in any case.
_WORDY_WORDS = ("satu dua tiga empat lima enam tujuh delapan sembilan sepuluh sebelas seratus seribu sejuta"
                " semiliar setriliun setengah separuh sepertiga seperempat seperlima sepersepuluh gelombang")
# Searched in the sentence after a space and led by the non-word character before the word: sre
# passes the characters of words at once (their first letters are common ones).
_WORDY = re.compile(r"\W" + at_word_start((w[0], f"(?i:{w[1:]})") for w in _WORDY_WORDS.split()))


@dataclass
class Candidate:
    """A number stated as a quantity, in offsets of the sentence it was found in."""

    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None
    unit_from: str          # what decided the unit: currency, percent, noun, header, context, default
    range_part: str | None = None   # 'low' / 'high' for '3-4,5 juta', '10-15 persen'


def find_figures(sentence: str, *, previous_unit: str | None = None,
                 table_header: list[str] | None = None,
                 stated_unit: str | None = None) -> list[Candidate]:
    """Figures stated in `sentence`, in order of position. `stated_unit` is the unit a caption
    above a table or list row states (see `unit_stated`): its bare numbers take it."""
    has_digit = _DIGIT.search(sentence) is not None
    lowered = sentence.lower()
    wordy = _WORDY.search(" " + sentence) is not None
    if not has_digit and not wordy:
        return []
    # Cheap tests first: each pattern below scans the whole sentence.
    blocked = not_figures(sentence, lowered) if has_digit else []
    if marker := _LIST_MARKER.match(sentence):
        blocked.append(marker.span())
    found: list[Candidate] = _waves(sentence) if "gelombang" in lowered or "batch" in lowered else []
    taken = [(c.start, c.end) for c in found] + blocked
    fractions = _fractions(sentence) if " dari " in lowered or _FRACTION_HINT.search(lowered) else []
    for cand in fractions:
        if not _overlaps(cand.start, cand.end, taken):
            found.append(cand)
            taken.append((cand.start, cand.end))
    stated_from = 0
    if stated_unit is None and ":" in sentence:
        # 'Alasan mendaftar (persen): …' states the unit of the list after the colon.
        stated_unit, stated_from = list_unit(sentence)
    numerals = _numerals(sentence, table_header, stated_unit, stated_from) if has_digit else []
    for cand in numerals + (_number_words(sentence) if wordy else []):
        if not _overlaps(cand.start, cand.end, taken):
            found.append(cand)
            taken.append((cand.start, cand.end))
    found.sort(key=lambda c: c.start)
    return _resolve_context_units(sentence, found, previous_unit)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _waves(sentence: str) -> list[Candidate]:
    """'gelombang 12', 'batch ke-12', 'gelombang IV', 'gelombang pertama', 'gelombang satu', ranges."""
    out: list[Candidate] = []
    for m in _WAVE_RE.finditer(sentence):
        if vocab.OTHER_WAVE_AFTER.match(sentence, m.end()):
            continue   # 'gelombang kedua Covid-19'
        if m.group("n"):
            value: float | None = float(m.group("n"))
            end = m.end("n")
        elif m.group("roman"):
            value, end = parse_roman_or_none(m.group("roman")), m.end("roman")
        else:
            word = " ".join(m.group("word").lower().split())
            value = float(numbers.ORDINAL_WORDS[word]) if word in numbers.ORDINAL_WORDS \
                else numbers.parse_number_words(word)
            end = m.end("word")
        if value is None or not m.group("n2") and of_a_years_waves(sentence, end, int(value),
                                                                   bool(m.group("word"))):
            continue   # (nor 'gelombang pertama tahun ini', a year's first wave: not the programme's wave 1)
        wave_range = bool(m.group("n2"))
        out.append(Candidate(m.start(), end, value, "ordinal", None, "ordinal",
                             "low" if wave_range else None))
        if wave_range:
            out.append(Candidate(m.start("n2"), m.end("n2"), float(m.group("n2")), "ordinal",
                                 None, "ordinal", "high"))
    return out


def parse_roman_or_none(text: str) -> float | None:
    value = numbers.parse_roman(text)
    return float(value) if value is not None else None


def _fractions(sentence: str) -> list[Candidate]:
    """'dua dari tiga penerima' → 66.67 %, 'sepertiga penerima' → 33.33 %."""
    out: list[Candidate] = []
    for m in _FRACTION_RE.finditer(sentence):
        a, b = _small_number(m.group("a")), _small_number(m.group("b"))
        if a and b and a < b:
            out.append(Candidate(m.start(), m.end(), 100 * a / b, "percent",
                                 qualifier_of(sentence, m.start(), m.end()), "fraction"))
    for m in _FRACTION_WORD_RE.finditer(sentence):
        value = numbers.FRACTION_WORDS[" ".join(m.group("f").lower().split())]
        out.append(Candidate(m.start(), m.end(), 100 * value, "percent",
                             qualifier_of(sentence, m.start(), m.end()), "fraction"))
    return out


def _small_number(text: str) -> float | None:
    return float(text) if text.isdigit() else numbers.parse_number_words(text)


# A run of number words, searched like _WORDY after the character before it (a third cheaper
# than a search led by the words' common first letters).
_NUMBER_WORD_RE = re.compile(
    r"\W(?P<words>" + at_word_start((w[0], f"(?i:{w[1:]})")
                  for w in sorted(numbers.NUMBER_WORDS | {"sejuta", "semiliar"}, key=len, reverse=True))
    + r"(?i:\s+(?:" + "|".join(sorted(numbers.NUMBER_WORDS, key=len, reverse=True)) + r"))*\b)")
_PERCENT_AFTER = re.compile(r"\s*(?:%|(?:persen(?:nya)?|per\s?sen|percent)\b)", re.IGNORECASE)
_NOT_A_LEADING_WORD = {"ribu", "juta", "miliar", "milyar", "triliun", "belas", "puluh", "ratus",
                       "koma", "setengah"}


def _number_words(sentence: str) -> list[Candidate]:
    """Numbers in words: with a scale word always, otherwise only before a counted noun."""
    out: list[Candidate] = []
    for m in _NUMBER_WORD_RE.finditer(" " + sentence):
        phrase = m.group("words")
        start, words_end = m.start("words") - 1, m.end() - 1   # in `sentence`
        value = numbers.parse_number_words(phrase)
        lowered = phrase.lower().split()
        half_of = lowered[0] == "setengah" and len(lowered) > 1   # 'setengah juta' = 500 000
        if value is None or (lowered[0] in _NOT_A_LEADING_WORD and not half_of):
            continue  # a bare 'juta' belongs to a numeral ('5,5 juta'), 'setengah' to a fraction
        if start >= 2 and sentence[start - 2:start].lower() == "ke":
            continue  # 'ketiga' is an ordinal word, handled with waves
        after = sentence[words_end:]
        pct = _PERCENT_AFTER.match(after)
        if pct:  # 'satu persen peserta', 'dua puluh persennya'
            end = words_end + pct.end()
            out.append(Candidate(start, end, value, "percent",
                                 qualifier_of(sentence, start, end), "percent"))
            continue
        has_scale = any(w in ("ribu", "juta", "miliar", "milyar", "triliun", "ratus", "puluh",
                              "belas", "seribu", "sejuta", "seratus") for w in lowered)
        if not_a_quantity(value, after) or is_ranking_size(after):
            continue
        # 'satu gelombang', 'tiga program' are not figures; 'hanya satu kabupaten' is.
        if not has_scale and (not counted_noun(after) or (
                value == 1 and not vocab.ONE_AS_NUMBER_BEFORE.search(sentence, 0, start))):
            continue
        rupiah_word = re.match(r"\s*rupiah\b", after, re.IGNORECASE)
        rupiah = rupiah_word is not None
        end = words_end + (rupiah_word.end() if rupiah_word else 0)
        unit, unit_from = ("rupiah", "currency") if rupiah else noun_unit(sentence, start, words_end)
        out.append(Candidate(start, end, value, unit,
                             qualifier_of(sentence, start, end), unit_from))
    return out


def _numerals(sentence: str, table_header: list[str] | None,
              stated_unit: str | None, stated_from: int) -> list[Candidate]:
    out: list[Candidate] = []
    # Where each currency ends, the start of the currency: a number there is an amount from there.
    currency_from = {c.end(): c.start() for c in _CURRENCY.finditer(sentence)} \
        if "Rp" in sentence or "IDR" in sentence else {}
    for m in _FIGURE_RE.finditer(sentence):
        cand = _numeral_candidate(sentence, m, currency_from.get(m.start()), table_header,
                                  stated_unit if m.start() >= stated_from else None)
        if cand:
            out.extend(cand)
    return out


def _numeral_candidate(sentence: str, m: re.Match[str], currency_start: int | None,
                       table_header: list[str] | None, stated_unit: str | None) -> list[Candidate]:
    """The figure (or a range's two) of a number `m`, its currency ('Rp') from `currency_start`."""
    num, num2, scale, rupiah, pct_sign = m.group("num", "num2", "scale", "rupiah", "pct")
    scale = scale or ""
    start, end = m.span() if currency_start is None else (currency_start, m.end())
    currency = currency_start is not None or bool(rupiah)
    if scale.lower() in numbers.SCALES_AFTER_RP and not currency:
        return []  # a bare 'M' or 'T' after a number is not a scale without 'Rp'
    if start and currency_start is None and _attached_to_word(sentence, start):
        return []  # Covid-19, LQ45, G20
    if end < len(sentence) and sentence[end].isalpha() and not (scale or pct_sign):
        return []  # 20detik, 4G
    # An English decimal point is one: '1.234.567 million' groups thousands whatever its scale word.
    english = (num.count(".") == 1 and ("," not in num) and (
        scale.lower() in numbers.ENGLISH_SCALES or not _NUMERAL_RE.fullmatch(num))) or (
        num.count(",") > 1 and bool(_COMMA_THOUSANDS_RE.fullmatch(num)))   # the regex needs two commas
    value = numbers.parse_numeral(num, english=english)
    multiplier = numbers.SCALES.get(scale.lower(), 1.0)
    after = sentence[end:]
    pct = bool(pct_sign)
    if not (currency or pct or scale):
        if len(num) == 4 and not num2 and _YEAR.fullmatch(num):
            return []  # a year used as a period
        if not_a_quantity(value, after) or is_ranking_size(after):
            return []
        if value < 100 and "." not in num and "," not in num and not counted_noun(after) \
                and not _PART_OF.match(after) and not table_header and not stated_unit:
            return []  # a small bare number names nothing countable
    if currency:
        unit, unit_from = "rupiah", "currency"
    elif pct:
        unit, unit_from = "percent", "percent"
    else:
        unit, unit_from = noun_unit(sentence, start, end)
        if table_header and unit_from == "default":  # a cell's own noun outweighs its column
            unit, unit_from = header_unit(sentence, start, table_header)
    if unit_from == "default" and stated_unit:
        unit, unit_from = stated_unit, "header"   # 'Ditabung 27,4' under '… (persen)'
    qualifier = qualifier_of(sentence, start, end) or (
        "sekitar" if scale.lower() in numbers.APPROXIMATE_SCALES else None)
    if num2:
        low = numbers.scale(value, multiplier)
        high = numbers.scale(numbers.parse_numeral(num2), multiplier)
        if _YEAR.fullmatch(num) or not low < high:
            return []
        if low <= 1 and not (currency or pct or scale):
            return []  # 'usaha dengan 1-4 karyawan': bounds of a size class, not an amount
        return [
            Candidate(start, m.end("num"), low, unit, qualifier, unit_from, "low"),
            Candidate(m.start("num2"), end, high, unit, qualifier, unit_from, "high"),
        ]
    return [Candidate(start, end, numbers.scale(value, multiplier), unit, qualifier, unit_from)]


def _attached_to_word(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 2):start]
    if before[-1:].isalpha():
        return True
    if before[-1:] == "/" and before[:1].isalnum():
        return True  # a segment of a reference code ('HM.4/215/SET'), or the '4' of '3/4'
    return before[-1:] == "-" and before[:1].isalpha() and before.lower() != "e-"


_PEOPLE_IN_CLAUSE = re.compile(vocab.PEOPLE, re.IGNORECASE)


def _resolve_context_units(sentence: str, found: list[Candidate],
                           previous_unit: str | None) -> list[Candidate]:
    """Give figures without a noun the unit their context implies."""
    out: list[Candidate] = []
    last_unit, last_end = previous_unit, 0
    for cand in found:
        if cand.unit_from == "default":
            # 'anggaran Rp20 triliun, peserta yang lolos sebanyak 5,5 juta': a people noun
            # between an amount and the figure ends the amount's frame.
            people_between = PEOPLE_NAMED.search(sentence, last_end, cand.start) is not None
            if last_unit == "rupiah" and cand.value >= 1000 and not people_between:
                # 'empat koma dua juta rupiah. Tiga setengah juta untuk pelatihan'
                cand = Candidate(cand.start, cand.end, cand.value, "rupiah", cand.qualifier,
                                 "context", cand.range_part)
            elif people_between or _PEOPLE_IN_CLAUSE.search(sentence):
                cand = Candidate(cand.start, cand.end, cand.value, "person", cand.qualifier,
                                 "context", cand.range_part)
            elif cand.value >= 1000 and cand.value % 1 == 0:
                # A bare 'ribu'/'juta' amount in news about a programme's beneficiaries is
                # people more often than anything else; a restatement may still correct it.
                cand = Candidate(cand.start, cand.end, cand.value, "person", cand.qualifier,
                                 "default", cand.range_part)
        out.append(cand)
        last_unit, last_end = cand.unit, cand.end
    return out
