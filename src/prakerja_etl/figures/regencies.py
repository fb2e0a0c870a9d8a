"""Cues of a regency or city (kabupaten/kota) from its bare name in `schemas/regencies.yaml`: a
person count a regency owns is that regency's, not the programme's (figures.classify)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import yaml

from prakerja_etl.figures.prefilter import Prefiltered, compile_cue, phrase
from prakerja_etl.reference_data import REFERENCE_DIR

REGENCIES_PATH = REFERENCE_DIR / "regencies.yaml"


@cache
def _names() -> str:
    """The regencies' bare names as one alternation, longest first (read once, used by two cues)."""
    names = yaml.safe_load(REGENCIES_PATH.read_text(encoding="utf-8"))["names"]
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


def _after_words(words: list[str]) -> str:
    """A regency's bare name (as capitalised) after one of `words` (any case)."""
    return r"\b(?i:" + "|".join(phrase(w) for w in words) + r")\s+(?:" + _names() + r")\b"


def regency_cue(data: dict[str, Any]) -> Prefiltered:
    """'Kabupaten Sleman', 'warga Banyumas', a bare name opening a clause ('Tahun lalu, Makassar
    sendiri menyumbang …') but not a dateline's city ('Pontianak (ANTARA) - ', 'KBRN, Kendari: '), or
    one recording a count ('Padahal tahun lalu Ternate menyumbang …')."""
    adverbs = "|".join(phrase(w) for w in data["regency_record_adverbs"])
    records = r"\b(?:" + _names() + r")\s+(?i:(?:(?:" + adverbs + r")\s+)?(?:" + "|".join(
        phrase(w) for w in data["regency_records"]) + r"))\b"
    return compile_cue("|".join(phrase(w) for w in data["regency_names"]) + "|"
                       + _after_words(data["regency_people"])
                       + r"|(?:^|[,;:])\s*(?:" + _names() + r")\b(?!\s*[(:\-–—])|" + records)


def regency_place_cue(data: dict[str, Any]) -> Prefiltered:
    """A regency's bare name after a word of its people or of place ('di Banyumas')."""
    return compile_cue(_after_words(data["regency_people"] + data["regency_place"]))
