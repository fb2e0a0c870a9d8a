"""Province rankings stated in an article: '3 provinsi penerima terbanyak … Jawa Barat,
Jawa Timur, dan DKI Jakarta', 'Posisi kedua ditempati Jawa Timur', 'disusul …'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from prakerja_etl.figures import vocab
from prakerja_etl.text.numbers import ORDINAL_WORDS, parse_number_words
from prakerja_etl.text.provinces import ProvinceMention, find_provinces
from prakerja_etl.text.segment import Sentence

_MOST = re.compile(vocab.MOST, re.IGNORECASE)
_LEAST = re.compile(vocab.LEAST, re.IGNORECASE)
_ORDINAL = "|".join(w for w in ORDINAL_WORDS if w != "pertama")
# 'posisi kedua', 'urutan keempat', 'terbanyak kedua', 'peringkat ke-3'
_POSITION = re.compile(
    r"\b(?:posisi|urutan|peringkat|ranking|penyumbang|terbanyak|terbesar|tertinggi"
    r"|terendah|terkecil|tersedikit)\s+(?:ke-?(?P<n>\d{1,2})|(?P<word>" + _ORDINAL + r"))\b"
    r"|\b(?P<word2>" + _ORDINAL + r")\s+(?:" + vocab.MOST + "|" + vocab.LEAST + r")",
    re.IGNORECASE,
)
_TOP = re.compile(r"\b(?:peringkat|posisi|urutan)\s+(?:teratas|pertama|puncak)\b", re.IGNORECASE)
# '3 provinsi (penerima) terbanyak', 'tiga provinsi dengan penerima paling sedikit'
_SIZE_WORDS = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh"
_LIST_INTRO = re.compile(
    r"\b(?P<n>\d{1,2}|" + _SIZE_WORDS + r")\s+provinsi\b[^.;:]{0,50}?"
    r"(?:" + vocab.MOST + "|" + vocab.LEAST + r")",
    re.IGNORECASE,
)
# A sentence can only state or continue a ranking with one of these words.
_ANY_CUE = re.compile(
    vocab.MOST + "|" + vocab.LEAST + r"|\b(?:posisi|urutan|peringkat|ranking|penyumbang|disusul|diikuti)\b",
    re.IGNORECASE)
_FOLLOWED_BY = re.compile(r"\b(?:disusul|diikuti|kemudian|lalu|berikutnya|selanjutnya)\b",
                          re.IGNORECASE)
# Between a direction word and a list of provinces: 'terbanyak adalah Jabar, Jatim, dan Jateng'.
_LISTS = re.compile(r"[^.;]{0,40}?\b(?:adalah|yaitu|yakni|ialah|antara\s+lain|meliputi)\b\s*:?\s*$|\s*:\s*$",
                    re.IGNORECASE)
_BEHIND = re.compile(r"\b(?:setelah|di\s+belakang|kalah\s+dari|menyusul)\b", re.IGNORECASE)
_ABOUT_RECIPIENTS = re.compile(r"\b(?:penerima|peserta|porsi|penyumbang|provinsi|alumni)\w*",
                               re.IGNORECASE)
_ONLY_REGISTRANTS = re.compile(r"\bpendaftar", re.IGNORECASE)


@dataclass(frozen=True)
class Ranking:
    province: ProvinceMention
    direction: str      # 'most' or 'least'
    rank: int
    sentence: Sentence


@dataclass
class _State:
    direction: str | None = None
    last_rank: int = 0
    pending_list: int = 0      # provinces announced by 'Berikut empat provinsi …:'


def find_rankings(sentences: list[Sentence]) -> list[Ranking]:
    """Rankings of provinces by number of recipients, in the order the text gives them."""
    out: list[Ranking] = []
    state = _State()
    for sentence in sentences:
        if not state.pending_list and not _may_rank(sentence.text):
            continue  # most sentences rank nothing: skip the province search
        mentions = find_provinces(sentence.text)
        if state.pending_list and mentions:
            state.last_rank += 1
            out.append(Ranking(mentions[0], state.direction or "most", state.last_rank, sentence))
            state.pending_list -= 1
            continue
        if state.pending_list and "|" in sentence.text:
            continue  # the header row of the announced table
        state.pending_list = 0
        out.extend(_sentence_rankings(sentence, mentions, state))
    return _dedupe(out)


# Substrings every ranking cue contains: a fast filter before the regular expression.
_CUE_WORDS = ("terbanyak", "terbesar", "tertinggi", "teratas", "paling", "tersedikit", "terendah",
              "terkecil", "terbawah", "posisi", "urutan", "peringkat", "ranking", "penyumbang",
              "disusul", "diikuti")


def _may_rank(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _CUE_WORDS) and _ANY_CUE.search(text) is not None


def _direction(text: str) -> str | None:
    most, least = _MOST.search(text), _LEAST.search(text)
    if most and least:
        return "most" if most.start() < least.start() else "least"
    return "most" if most else "least" if least else None


def _sentence_rankings(sentence: Sentence, mentions: list[ProvinceMention],
                       state: _State) -> list[Ranking]:
    text = sentence.text
    continuing = state.direction is not None
    if not (_ABOUT_RECIPIENTS.search(text) or continuing) or (
            _ONLY_REGISTRANTS.search(text) and not re.search(r"penerima", text, re.I)):
        return []
    direction = _direction(text) or (_TOP.search(text) and "most")
    position = _POSITION.search(text)
    intro = _LIST_INTRO.search(text)
    if not direction and not (position and state.direction):
        return []
    direction = direction or state.direction
    assert direction is not None
    if intro:
        size = _size(intro.group("n"))
        state.direction, state.last_rank = direction, 0
        after = [m for m in mentions if m.start >= intro.end()]
        listed = after or [m for m in mentions if m.end <= intro.start()]
        if not listed and text.rstrip().endswith(":"):
            state.pending_list = size or 0
            return []
        return _ranked(listed[: size or None], direction, 1, sentence, state)
    kept = _before_behind(text, mentions)
    if not kept:
        return []
    first_rank = 1
    if position:
        word = position.group("word") or position.group("word2")
        first_rank = int(position.group("n")) if position.group("n") else ORDINAL_WORDS[word.lower()]
    state.direction = direction
    # Only the subject and the provinces that follow it in the ranking are ranked, or, after
    # 'terbanyak adalah …', the whole list.
    follow = _FOLLOWED_BY.search(text)
    cue = (_MOST if direction == "most" else _LEAST).search(text)
    if cue and _LISTS.match(text, cue.end(), kept[0].start) and kept[0].start > cue.end():
        ranked = kept
    else:
        ranked = [kept[0]] + ([m for m in kept[1:] if m.start >= follow.start()] if follow else [])
    return _ranked(ranked, direction, first_rank, sentence, state)


def _size(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    value = parse_number_words(token)
    return int(value) if value else None


def _before_behind(text: str, mentions: list[ProvinceMention]) -> list[ProvinceMention]:
    """Drop provinces named as ranking ahead ('di belakang Jabar dan Jatim')."""
    behind = _BEHIND.search(text)
    kept = [m for m in mentions if not behind or m.start < behind.start()]
    unique: list[ProvinceMention] = []
    for m in kept:
        if not unique or unique[-1].province != m.province:
            unique.append(m)
    return unique


def _ranked(mentions: list[ProvinceMention], direction: str, first: int, sentence: Sentence,
            state: _State) -> list[Ranking]:
    out = [Ranking(m, direction, first + i, sentence) for i, m in enumerate(mentions)]
    if out:
        state.last_rank = out[-1].rank
    return out


def _dedupe(rankings: list[Ranking]) -> list[Ranking]:
    seen: set[tuple[str, str, int]] = set()
    out: list[Ranking] = []
    for r in rankings:
        key = (r.province.province.code, r.direction, r.rank)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out
