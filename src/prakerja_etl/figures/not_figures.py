"""Numbers that are not figures by their shape: dates, clock times, phone numbers, regulation
numbers, year ranges, semesters, ages and durations ('23/2/2021', 'pukul 10.30', '60 tahun').

A sentence is scanned with one alternation of only the patterns it may hold, chosen by cheap
substring tests.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

_MONTHS = (r"Januari|Jan|Februari|Pebruari|Feb|Maret|Mar|April|Apr|Mei|May|Juni|June|Jun"
           r"|Juli|July|Jul|Agustus|August|Agu|Agt|Aug|September|Sept|Sep|Oktober|October"
           r"|Okt|Oct|November|Nov|Desember|December|Des|Dec")
_MONTH_HINTS = ("Jan", "Feb", "Peb", "Mar", "Apr", "Mei", "May", "Jun", "Jul", "Agu", "Agt", "Aug", "Sep",
                "Okt", "Oct", "Nov", "Des", "Dec")
# Numbers that are not figures, each pattern after the substrings of the sentence it cannot match
# without (as written for a hint with a capital: the month names match only so; else lowered) and
# what its first character matches. A sentence is scanned with one alternation, in this order, of
# only the patterns it may hold, behind a lookahead of their first characters: the whole
# alternation tried at every position was the finder's slowest step.
_NOT_FIGURES = (
    (("/",), r"\d", r"\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b"),                         # 23/2/2021, 17/2
    (("/", "-"), r"\d", r"\b\d{4}[/-]\d{1,2}[/-]\d{1,2}\b"),                       # 2023/06/19
    (("-",), r"\d", r"\b\d{1,2}-\d{1,2}-\d{2,4}\b"),                              # 19-06-2023
    (_MONTH_HINTS, r"\d", rf"\b\d{{1,2}}\s+(?:{_MONTHS})\b\.?(?:\s+\d{{4}})?"),      # 26 Februari 2021
    (_MONTH_HINTS, "[JFPMASOND]", rf"\b(?:{_MONTHS})\.?\s+\d{{4}}\b"),               # Agustus 2020
    (("wib", "wit"), r"\d", r"\b\d{1,2}[:.]\d{2}(?=\s*(?:WIB|WITA|WIT|wib)\b)"),    # clock times
    ((":",), r"\d", r"\b\d{1,2}:\d{2}\b"),
    (("pukul", "jam", "pkl"), "(?i:[pj])", r"(?i:\b(?:pukul|jam|pkl\.?)\s+\d{1,2}[.:]\d{2})"),
    (("+62", "0"), r"[+0]", r"(?:\+62|\b0)\d{2,4}[- ]?\d{3,4}[- ]?\d{3,5}\b"),         # phone numbers
    (("nomor", "no.", "pasal", "ayat", "perpres", "pp", "uu", "permen", "inpres"), "(?i:[npauik])",
     r"(?i:\b(?:nomor|no\.|pasal|ayat|perpres|pp|uu|permenko|permenaker|perppu|inpres|keppres)"
     r"\s*(?!0\d)\(?\d+[\w/.-]*)"),                                                # regulation numbers
    (("-", "–", "/"), r"\d", r"\b(?:19|20)\d{2}\s*[-–/]\s*(?:19|20)\d{2}\b"),      # year ranges
    (("semester", "kuartal", "triwulan", "caturwulan"), "(?i:[sktc])",
     r"(?i:\b(?:semester|kuartal|triwulan|caturwulan)\s+[IV]+(?:\s*[-–]\s*\d{4})?)"),
    (("tahun",), r"\d", r"\b\d+(?:\s*[-–]\s*\d+)?\s*(?i:tahun)\b"),                 # ages, durations
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
    held = [(lead, p) for i, (_, lead, p) in enumerate(_NOT_FIGURES) if kinds >> i & 1]
    leads = "|".join(dict.fromkeys(lead for lead, _ in held))
    return re.compile(f"(?={leads})(?:" + "|".join(p for _, p in held) + ")")
