"""Numbers that are not figures by their shape: dates, clock times, phone numbers, regulation
numbers, year ranges, semesters, ages and durations ('23/2/2021', 'pukul 10.30', '60 tahun').

A sentence is scanned with one alternation of only the patterns it may hold, chosen by cheap
substring tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from prakerja_etl.figures.prefilter import case_variants

_MONTHS = (r"Januari|Jan|Februari|Pebruari|Feb|Maret|Mar|April|Apr|Mei|May|Juni|June|Jun"
           r"|Juli|July|Jul|Agustus|August|Agu|Agt|Aug|September|Sept|Sep|Oktober|October"
           r"|Okt|Oct|November|Nov|Desember|December|Des|Dec")
_MONTH_HINTS = ("Jan", "Feb", "Peb", "Mar", "Apr", "Mei", "May", "Jun", "Jul", "Agu", "Agt", "Aug", "Sep",
                "Okt", "Oct", "Nov", "Des", "Dec")


def _after_first(words: str, *, ignore_case: bool = False) -> str:
    """'|'-separated words as they go on after their first letter, which was already taken: each
    group of words is picked by a lookbehind of its letter and keeps its order (words of different
    groups cannot start at the same place)."""
    groups: dict[str, list[str]] = {}
    for word in words.split("|"):
        groups.setdefault(word[0], []).append(word[1:])
    picked = "|".join(f"(?<={first})(?:{'|'.join(rests)})" for first, rests in groups.items())
    return f"(?i:{picked})" if ignore_case else f"(?:{picked})"


def _any_case(letters: str) -> str:
    return "".join(map(case_variants, letters))


# After a pattern's first character: no word character before it (a word boundary before it).
_STARTS_WORD = r"(?<!\w.)"
# Numbers that are not figures, each pattern after the substrings of the sentence it cannot match
# without (as written for a hint with a capital: the month names match only so; else lowered),
# and written as the characters its first character can be and the pattern after that one. A
# sentence is scanned with one alternation, in this order, of only the patterns it may hold, led
# by a class of their first characters: sre then passes other characters at once (led by a
# lookahead, the alternation was entered at every position).
_NOT_FIGURES = (
    (("/",), r"\d", rf"{_STARTS_WORD}\d?/\d{{1,2}}(?:/\d{{2,4}})?\b"),                # 23/2/2021, 17/2
    (("/", "-"), r"\d", rf"{_STARTS_WORD}\d{{3}}[/-]\d{{1,2}}[/-]\d{{1,2}}\b"),         # 2023/06/19
    (("-",), r"\d", rf"{_STARTS_WORD}\d?-\d{{1,2}}-\d{{2,4}}\b"),                      # 19-06-2023
    (_MONTH_HINTS, r"\d", rf"{_STARTS_WORD}\d?\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?"),   # 26 Februari 2021
    (_MONTH_HINTS, "JFPMASOND", rf"{_STARTS_WORD}{_after_first(_MONTHS)}\.?\s+\d{{4}}\b"),  # Agustus 2020
    (("wib", "wit"), r"\d", rf"{_STARTS_WORD}\d?[:.]\d{{2}}(?=\s*(?:WIB|WITA|WIT|wib)\b)"),  # clock times
    ((":",), r"\d", rf"{_STARTS_WORD}\d?:\d{{2}}\b"),
    (("pukul", "jam", "pkl"), _any_case("pj"),
     _STARTS_WORD + _after_first(r"pukul|jam|pkl\.?", ignore_case=True) + r"\s+\d{1,2}[.:]\d{2}"),
    (("+62", "0"), "+0",
     rf"(?:(?<=\+)62|(?<=0){_STARTS_WORD})\d{{2,4}}[- ]?\d{{3,4}}[- ]?\d{{3,5}}\b"),        # phone numbers
    (("nomor", "no.", "pasal", "ayat", "perpres", "pp", "uu", "permen", "inpres"), _any_case("npauik"),
     _STARTS_WORD + _after_first(r"nomor|no\.|pasal|ayat|perpres|pp|uu|permenko|permenaker|perppu|inpres"
                                 r"|keppres", ignore_case=True)
     + r"\s*(?!0\d)\(?\d+[\w/.-]*"),                                                    # regulation numbers
    (("-", "–", "/"), r"\d",
     rf"{_STARTS_WORD}(?:(?<=1)9|(?<=2)0)\d{{2}}\s*[-–/]\s*(?:19|20)\d{{2}}\b"),                # year ranges
    (("semester", "kuartal", "triwulan", "caturwulan"), _any_case("sktc"),
     _STARTS_WORD + _after_first("semester|kuartal|triwulan|caturwulan", ignore_case=True)
     + r"(?i:\s+[IV]+(?:\s*[-–]\s*\d{4})?)"),
    (("tahun",), r"\d", rf"{_STARTS_WORD}\d*(?:\s*[-–]\s*\d+)?\s*(?i:tahun)\b"),         # ages, durations
)


def _may_hold_test() -> Callable[[str, str], int]:
    """The patterns (bits by position in _NOT_FIGURES) a sentence `s`, lowered `t`, may hold: one
    expression of substring tests, each set of hints tested once (two patterns need the months),
    built only from the repr() of the hints above."""
    bits: dict[tuple[str, ...], int] = {}
    for i, (hints, _, _) in enumerate(_NOT_FIGURES):
        bits[hints] = bits.get(hints, 0) | 1 << i

    def test(hint: str) -> str:
        return f"{hint!r} in {'t' if hint == hint.lower() else 's'}"
    may_hold: Callable[[str, str], int] = eval("lambda s, t: " + " | ".join(
        f"({b} if {' or '.join(map(test, hints))} else 0)" for hints, b in bits.items()))
    return may_hold


_MAY_HOLD = _may_hold_test()


def not_figures(sentence: str, lowered: str) -> list[tuple[int, int]]:
    """Spans of the numbers in `sentence` that are not figures (dates, times, phones, ages …)."""
    kinds = _MAY_HOLD(sentence, lowered)
    return [m.span() for m in _not_figures_re(kinds).finditer(sentence)] if kinds else []


@functools.cache
def _not_figures_re(kinds: int) -> re.Pattern[str]:
    held = [(first, rest) for i, (_, first, rest) in enumerate(_NOT_FIGURES) if kinds >> i & 1]
    firsts = "".join(dict.fromkeys(first for first, _ in held))
    return re.compile(f"[{firsts}](?:" + "|".join(f"(?<=[{first}]){rest}" for first, rest in held) + ")")
