"""Province rankings stated in an article: the provinces with the most or least Kartu Prakerja
recipients, in the order the text gives them.

A ranking is a direction word (terbanyak, paling sedikit…) about recipients, with its provinces
in one of a few slots: the subject ('Jabar menjadi provinsi dengan penerima terbanyak'), a list
after it ('terbanyak adalah …', '3 provinsi … terbanyak: …'), a continuation ('disusul …',
'posisi kedua ditempati …', 'urutan berikutnya …'), or the rows of an announced list or table.
The words live in schemas/rankings.yaml; the rules here are about how the slots are arranged."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import cast

import yaml

from prakerja_etl.figures.prefilter import first_chars, led_by, presence_test
from prakerja_etl.reference_data import REFERENCE_DIR
from prakerja_etl.text.numbers import ORDINAL_WORDS, first_letters, parse_number_words
from prakerja_etl.text.provinces import ProvinceMention, find_provinces
from prakerja_etl.text.segment import Sentence


@lru_cache(maxsize=1)
def _words() -> dict[str, list[str]]:
    return cast(dict[str, list[str]], yaml.safe_load((REFERENCE_DIR / "rankings.yaml").read_text("utf-8")))


def _alt(*keys: str) -> str:
    phrases = sorted({w for k in keys for w in _words()[k]}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def _whole(*keys: str) -> re.Pattern[str]:
    # The lookahead of the phrases' first letters lets a scan pass other positions at once (it is
    # tested before the lookbehind: cheaper where it fails, at most positions).
    firsts = first_letters(w.lower() for k in keys for w in _words()[k])
    return re.compile(r"(?=[" + firsts + r"])(?<!\w)(?:" + _alt(*keys) + r")(?!\w)", re.IGNORECASE)


def _led(pattern: str) -> re.Pattern[str]:
    """The ignore-case pattern led by the lookahead of its first letters, as `_whole`'s."""
    return re.compile(led_by(pattern, first_chars(pattern)), re.IGNORECASE)


_MOST, _LEAST, _CUE = _whole("most"), _whole("least"), _whole("most", "least")
_ORDINAL = "|".join(ORDINAL_WORDS)
_SIZE_WORDS = "satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh"
# 'posisi kedua', 'provinsi ke-17', 'nomor dua', 'terbanyak kedua', 'ketiga terbanyak'
_POSITION = _led(
    r"(?<!\w)(?:" + _alt("position", "most", "least") + r")\s+"
    r"(?:ke-?\s?(?P<n>\d{1,2})(?![\d.,])|(?P<word>" + _ORDINAL + r")|(?<=nomor\s)(?P<nw>" + _SIZE_WORDS
    + r"))(?!\w)"
    r"|(?<!\w)(?:ke-?(?P<n2>\d{1,2})|(?P<word2>" + _ORDINAL + r"))\s+(?:[\w/-]+\s+){0,2}?(?:"
    + _alt("most", "least") + r")(?!\w)")
_OWN_ORDINAL = re.compile(r"\s*\(?(?:(?:berada\s+)?di\s+)?(?:(?:" + _alt("position") + r")\s+)?"
                          r"(?:ke-?\s?(?P<n>\d{1,2})|(?P<word>" + _ORDINAL + r"))(?!\w)", re.IGNORECASE)
_NEXT_POSITION = _led(r"(?<!\w)(?:" + _alt("position") + r")\s+(?:" + _alt("next_position") + r")(?!\w)")
_FOLLOWED_BY = _whole("followed_by")
_FOLLOWS = re.compile(r"\s*(?:" + _alt("follows") + r")(?!\w)", re.IGNORECASE)
# 'Di Jabar, yang menjadi provinsi dengan penerima terbanyak, …': the province is the subject.
_RELATIVE = re.compile(r"\s*,\s*yang\b", re.IGNORECASE)
_SCOPE_BEFORE = _led(r"(?<!\w)(?P<p>" + _alt("scope_before") + r")(?:(?<=-)|\s+)")
_BEHIND, _MEMBER_OF = _whole("behind"), _whole("member_of")
_POINTING_BACK = re.compile(r"\W*(?:" + _alt("pointing_back") + r")(?!\w)", re.IGNORECASE)
# 'Jabar di posisi teratas': a direction word right after a province gives it the first rank
_OWN_TOP = re.compile(r"\s*\(?(?:(?:berada\s+)?di\s+)?(?:(?:" + _alt("position") + r")\s+)?(?:" + _alt("most")
                      + r")(?!\w)", re.IGNORECASE)
_LIST_AFTER = re.compile(r"(?:[^.;]{0,40}?(?<!\w)(?:" + _alt("list_intro") + r")(?!\w)\s*:?|\s*:)"
                         r"\s*(?:\d{1,2}\s*[.)]\s*)?$", re.IGNORECASE)
# The size of a ranked group: '3 provinsi (penerima) terbanyak', 'lima besar provinsi', 'tiga daerah
# dengan penerima paling sedikit', 'tiga posisi teratas', or 'N besar' alone ('masuk tiga besar').
_INTRO = re.compile(
    r"(?<!\w)(?P<n>\d{1,2}|" + _SIZE_WORDS + r")\s+(?:(?:besar\s+)?(?:provinsi|daerah|wilayah)(?!\w)"
    r"[^.;:]{0,60}?(?:" + _alt("most", "least") + r")|(?:" + _alt("position") + r")\s+(?:"
    + _alt("most", "least") + r")(?!\w)|besar(?!\w))", re.IGNORECASE)
_ANNOUNCE = _led(r"(?<!\w)berikut(?!\w)|:\s*$")
# A topic noun may carry '-nya' ('penerimanya', 'alumninya': its recipients).
_TOPIC = _led(r"(?<!\w)(?:(?P<rec>" + _alt("recipients") + r")|(?P<other>" + _alt("other_topics")
             + r"))(?:nya)?(?!\w)")
_CLASS = _led(r"(?<![\w/])(?:(?P<sub>" + _alt("sub_province") + r")|provinsi|daerah|wilayah)(?![\w/])")
# Where the direction word says the most are: 'terbanyak (berada) di …', 'terbanyak se-Indonesia'.
_WHERE = re.compile(r"[^,.;:()]{0,30}?(?<!\w)(?P<se>se-?|di|dari)\s*(?:provinsi\s+)?(?=\w)", re.IGNORECASE)
_NAMED_REGENCY = re.compile(r"(?<![\w/])(?:" + _alt("sub_province") + r")\.?\s+(?-i:[A-Z])", re.IGNORECASE)
_SUB_OR_REGION = _whole("sub_province", "region")
_NATIONAL = _whole("national")
# 'di luar lima provinsi dengan penerima terbanyak': a region word before a ranked group's size is no region
_GROUP_AFTER = re.compile(r"(?i:[\w-]+\s+(?:\d{1,2}|" + _SIZE_WORDS + r")\s+(?:besar|provinsi|daerah))(?!\w)")
_NOT_PLACE = _whole("not_places")
# Clauses rank separately: 'TPT tertinggi di Kepri, sementara penerima terbanyak di Jabar'.
_CLAUSE_END = re.compile(r";|,\s*(?=(?:sementara|sedangkan|adapun|namun|tetapi|sebaliknya|padahal)\b)",
                         re.IGNORECASE)
_MARKER = re.compile(r"(?:^|\s)(?P<n>\d{1,2})\s*[.)]\s*$|(?:^|\n)\s*(?:[-•*|]\s*)?$")
_ROW_AFTER = re.compile(r"\s*(?:[|:=–-]|\(|\d|$)")
_MARKER_ONLY = re.compile(r"\s*(?P<n>\d{1,2})\s*[.)]\s*")
# A sentence can only state a ranking with a direction word, and continue one with these words.
_MAY_CONTINUE = re.compile(_CUE.pattern + "|" + _whole("position", "followed_by").pattern, re.IGNORECASE)


def _hints(*keys: str) -> Callable[[str], bool]:
    """A test for the longest word of each phrase: ASCII text with none of them, lowered, matches no
    phrase (cheap substring tests before an ignore-case regex, which tries every phrase at each
    position), written out as one expression: a third cheaper than any(map(...)) over the words."""
    words = {max(p.lower().split(), key=len) for k in keys for p in _words()[k]}
    any_word = presence_test([(frozenset([w]),) for w in sorted(words)])
    test: Callable[[str], bool] = eval(f"lambda t: {any_word}")   # built only from repr() of the words
    return test


_CUE_HINTS = _hints("most", "least")
_CONTINUE_HINTS = _hints("most", "least", "position", "followed_by")


@dataclass
class Ranking:
    province: ProvinceMention
    direction: str      # 'most' or 'least'
    rank: int
    sentence: Sentence


@dataclass
class _State:
    direction: str | None = None
    last_rank: int = 0
    last_index: int = -2       # sentence that last ranked: a continuation must follow it
    pending: int = 0           # rows announced by 'Berikut tiga provinsi …:' (99: unknown size)
    marker: int | None = None  # a list number on a line of its own ('1.') before its row
    previous: str = ""         # the sentence before, for a clause that points back to it


def find_rankings(sentences: list[Sentence]) -> list[Ranking]:
    """Rankings of provinces by number of recipients, in the order the text gives them."""
    out: list[Ranking] = []
    state = _State()
    for index, sentence in enumerate(sentences):
        text = sentence.text
        state.previous = sentences[index - 1].text if index else ""
        if state.pending and not (_may_rank(text, True) and not _MARKER.match(text)):
            rows = _list_rows(sentence, state)
            if rows is not None:
                out += rows
                state.last_index = index
                continue
            state.pending = 0
        continuing = state.direction is not None and state.last_index == index - 1
        if not _may_rank(text, state.direction is not None):
            continue  # most sentences rank nothing: skip the province search
        mentions = find_provinces(text)
        found: list[Ranking] = []
        for lo, hi in _clauses(text):
            found += _clause_rankings(sentence, lo, hi, [m for m in mentions if lo <= m.start < hi],
                                      state, continuing or bool(found))
        if found or state.pending:
            state.last_index = index
        out += found
    return _dedupe(out)


def _may_rank(text: str, ranked_before: bool) -> bool:
    """Whether `text` may state a ranking or, once the article has stated one, continue it."""
    has_hint, pattern = (_CONTINUE_HINTS, _MAY_CONTINUE) if ranked_before else (_CUE_HINTS, _CUE)
    return (not text.isascii() or has_hint(text.lower())) and pattern.search(text) is not None


def _clauses(text: str) -> list[tuple[int, int]]:
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    return list(itertools.pairwise(bounds))


def _list_rows(sentence: Sentence, state: _State) -> list[Ranking] | None:
    """The rows of an announced list: one province at the start of each line or after its
    number; None when the list has ended."""
    text = sentence.text
    marker = _MARKER_ONLY.fullmatch(text)
    if marker:
        state.marker = int(marker.group("n"))
        return []
    rows: list[Ranking] = []
    last_end = 0
    for m in find_provinces(text):
        lead = _MARKER.search(text, last_end, m.start)
        if not lead or not (lead.group("n") or state.marker or _ROW_AFTER.match(text, m.end)):
            continue  # a province inside the row, or a sentence that only starts with one
        number = lead.group("n") or state.marker
        state.last_rank = int(number) if number else state.last_rank + 1
        state.marker = None
        rows.append(Ranking(m, state.direction or "most", state.last_rank, sentence))
        last_end = m.end
        state.pending -= 1
        if not state.pending:
            break
    if rows or ("|" in text and not find_provinces(text)):
        return rows  # a table's header row announces nothing either way
    return None


def _clause_rankings(sentence: Sentence, lo: int, hi: int, mentions: list[ProvinceMention],
                     state: _State, continuing: bool) -> list[Ranking]:
    text = sentence.text[:hi]
    cue = _CUE.search(text, lo)
    if cue:
        if not _about_recipients(text, lo, cue, continuing, state.previous) or \
                not _national(text, lo, cue, mentions):
            return []
        direction = "most" if _MOST.fullmatch(cue.group(0)) else "least"
    elif state.direction and (_POSITION.search(text, lo) or _NEXT_POSITION.search(text, lo)):
        direction = state.direction  # 'Posisi kedua ditempati …' continues the article's ranking
    elif continuing and _FOLLOWED_BY.match(text, _opening(text, lo)):
        kept = _ahead_of_behind(text, mentions)
        return _ranked(kept, state.direction or "most", state.last_rank + 1, sentence, state)
    elif continuing and mentions and (follows := _FOLLOWS.match(text, mentions[0].end)):
        # 'Kaltara menyusul …, kemudian Malut …': the subject comes next, then those after a follow word.
        kept = _ahead_of_behind(text, mentions)
        then = _FOLLOWED_BY.search(text, follows.end())
        kept = [kept[0]] + [m for m in kept[1:] if then and m.start >= then.start()]
        return _ranked(kept, state.direction or "most", state.last_rank + 1, sentence, state)
    else:
        return []
    assert direction is not None
    mentions = [m for m in mentions if not re.search(r"(?<!\w)se-?\s*$", text[max(lo, m.start - 4):m.start],
                                                     re.IGNORECASE)]  # 'se-Jawa Timur' is a scope
    intro = _INTRO.search(text, lo)
    if not mentions and (intro or _ANNOUNCE.search(text, lo)):
        # 'Berikut tiga provinsi dengan penerima terbanyak:' and the rows (of a list or table) follow.
        state.direction, state.last_rank = direction, 0
        state.pending = (_size(intro.group("n")) if intro else None) or 99
        return []
    if intro:
        size = _size(intro.group("n"))
        state.direction, state.last_rank = direction, 0
        after = _unique([m for m in mentions if m.start >= intro.end()])
        before = _unique([m for m in mentions if m.end <= intro.start()])
        if not after and size and (len(before) < size or _MEMBER_OF.search(text, before[-1].end,
                                                                           intro.start())):
            return []  # 'Sulsel masuk sepuluh besar provinsi …': one of the top ten, rank unknown
        return _ranked((after or before)[: size or None], direction, 1, sentence, state)
    return _subject_rankings(text, lo, cue, _POSITION.search(text, lo), mentions, direction, sentence, state)


def _opening(text: str, lo: int) -> int:
    """Where a clause's words start, past a subject pointing back ('Provinsi itu disusul Jatim …')."""
    back = _POINTING_BACK.match(text, lo)
    return len(text) - len(text[back.end() if back else lo:].lstrip())


def _subject_rankings(text: str, lo: int, cue: re.Match[str] | None, position: re.Match[str] | None,
                      mentions: list[ProvinceMention], direction: str, sentence: Sentence,
                      state: _State) -> list[Ranking]:
    """The ranks a clause gives its subject province and those it names with it ('Jateng menempati
    posisi ketiga di belakang Jabar dan Jatim', 'terbanyak adalah Jabar, Jatim dan Jateng')."""
    kept = _ahead_of_behind(text, mentions)
    if not kept:
        # 'Angka itu kalah dari Jabar di posisi teratas dan Jatim di urutan kedua': the ones ahead
        own = [_own_rank(text, m) or (1 if _OWN_TOP.match(text, m.end) else None) for m in mentions]
        if not (mentions and all(own)):
            return []
        state.direction = direction
        return _ranked(mentions, direction, 1, sentence, state, own)
    first_rank = 1
    if position:
        first_rank = _rank(position)
    elif _NEXT_POSITION.search(text, lo) and state.direction:
        first_rank = state.last_rank + 1
    behind = _BEHIND.search(text, lo)
    ahead = _unique([m for m in mentions if behind and m.start > behind.start()
                     and all(k.province != m.province for k in kept)])
    out: list[Ranking] = []
    if 1 < first_rank == len(ahead) + 1:
        # 'Jateng menempati posisi ketiga di belakang Jabar dan Jatim': the two ahead are 1 and 2.
        out = [Ranking(m, direction, i + 1, sentence) for i, m in enumerate(ahead)]
    state.direction = direction
    # The subject and the provinces that follow it in the ranking, or, after 'terbanyak
    # adalah …', the whole list.
    follow = _FOLLOWED_BY.search(text, lo)
    if cue and kept[0].start > cue.end() and _LIST_AFTER.match(text, cue.end(), kept[0].start):
        ranked = kept
    else:
        ranked = [kept[0]] + ([m for m in kept[1:] if m.start >= follow.start()] if follow else [])
    own = [_own_rank(text, m) for m in kept]
    if len(kept) > 1 and all(own[1:]):
        # 'Jabar di posisi teratas, Jatim kedua, dan Jateng ketiga'
        ranked, out = [], out + [Ranking(m, direction, r or first_rank, sentence) for m, r in zip(kept, own,
                                                                                                   strict=True)]
        state.last_rank = max(r.rank for r in out)
    return out + _ranked(ranked, direction, first_rank, sentence, state)


def _own_rank(text: str, mention: ProvinceMention) -> int | None:
    """The ordinal right after a province ('Jatim (kedua)', 'Jateng di urutan ketiga')."""
    after = _OWN_ORDINAL.match(text, mention.end)
    return _rank(after) if after else None


def _about_recipients(text: str, lo: int, cue: re.Match[str], continuing: bool, previous: str = "") -> bool:
    """The direction word ranks recipients: the topic noun nearest before it (else just after
    it, else the last of the sentence before) is a recipients noun, and what is ranked is not a
    regency or city."""
    before = [m for m in _CLASS.finditer(text, max(lo, cue.start() - 80), cue.start())]
    if before and before[-1].group("sub"):
        return False  # 'kabupaten/kota dengan penerima terbanyak'
    if not before and _NAMED_REGENCY.search(text, cue.end()):
        return False  # 'penerima terbanyak di Jatim berasal dari Kota Surabaya'
    topics = list(_TOPIC.finditer(text, max(lo, cue.start() - 80), cue.start()))
    topic = topics[-1] if topics else _TOPIC.search(text, cue.end(), min(len(text), cue.end() + 40))
    if topic is None:   # (a clause naming none speaks of the last one of the sentence before)
        topic = next(reversed(list(_TOPIC.finditer(previous))), None)
    if topic:
        return topic.group("rec") is not None
    return continuing or any(not m.group("sub") for m in before)


def _national(text: str, lo: int, cue: re.Match[str], mentions: list[ProvinceMention]) -> bool:
    """'terbanyak di Kota Semarang', '… di kawasan timur' or 'Di luar Jawa, …' ranks within a
    region, not the country; 'terbanyak se-Indonesia' keeps it national whatever came before."""
    where = _WHERE.match(text, cue.end())
    if where:
        at = where.end()
        word = re.match(r"[\w/-]+", text[at:])
        if any(m.start == at for m in mentions):
            if where.group("se").lower().startswith("se"):
                return False  # 'terbanyak se-Jawa Timur'
        elif _NATIONAL.match(text, at):
            return True
        elif word and not _NOT_PLACE.match(text, at) and (
                _SUB_OR_REGION.match(text, at) or word.group(0)[0].isupper()):
            return False  # a region, or a place that is not a province: a city
    return not _scoped_before(text, lo, cue.start(), mentions)


def _scoped_before(text: str, lo: int, end: int, mentions: list[ProvinceMention]) -> bool:
    """A scope before the direction word: a region ('Di luar Jawa, Sulsel terbanyak', 'Untuk
    kawasan timur, …'), or a province the clause moves on from ('Penerima di Sulsel naik,
    Makassar terbanyak')."""
    for scope in _SCOPE_BEFORE.finditer(text, lo, end):
        at = scope.end()
        province = next((m for m in mentions if m.start == at), None)
        if province:
            between = text[province.end:end]
            if scope.group("p").lower().startswith("se") or (
                    scope.group("p").lower() == "di" and "," in between and not _RELATIVE.match(between)):
                return True
        elif _SUB_OR_REGION.match(text, at) and not _NATIONAL.match(text, at) and \
                not _GROUP_AFTER.match(text, at):
            return True
    return False


def _rank(position: re.Match[str]) -> int:
    groups = position.groupdict()
    number = groups.get("n") or groups.get("n2")
    if number:
        return int(number)
    word = groups.get("word") or groups.get("word2")
    if word:
        return ORDINAL_WORDS[word.lower()]
    return _size(groups.get("nw")) or 1


def _size(token: str | None) -> int | None:
    if not token:
        return None
    if token.isdigit():
        return int(token)
    value = parse_number_words(token)
    return int(value) if value else None


def _ahead_of_behind(text: str, mentions: list[ProvinceMention]) -> list[ProvinceMention]:
    """Drop provinces named as ranking ahead ('di belakang Jabar dan Jatim')."""
    behind = _BEHIND.search(text)
    return _unique([m for m in mentions if not behind or m.start < behind.start()])


def _unique(mentions: list[ProvinceMention]) -> list[ProvinceMention]:
    first: dict[str, ProvinceMention] = {}
    for m in mentions:
        first.setdefault(m.province.code, m)
    return list(first.values())


def _ranked(mentions: list[ProvinceMention], direction: str, first: int, sentence: Sentence,
            state: _State, ranks: list[int | None] | None = None) -> list[Ranking]:
    """The mentions ranked from `first` on in order, or each by its own rank in `ranks`."""
    out = [Ranking(m, direction, (ranks[i] if ranks else None) or first + i, sentence)
           for i, m in enumerate(mentions)]
    if out:
        state.last_rank = max(r.rank for r in out)
    return out


def _dedupe(rankings: list[Ranking]) -> list[Ranking]:
    first: dict[tuple[str, str, int], Ranking] = {}
    for r in rankings:
        first.setdefault((r.province.province.code, r.direction, r.rank), r)
    return list(first.values())
