"""The classifier's word knowledge (`schemas/lexicon.yaml`, `schemas/subjects.yaml`), compiled.

Phrases become one alternation per cue group and side, so a figure's neighbourhood is scanned
once per group; stems are matched on tokens stemmed once each by PySastrawi (cached)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]  # typeshed stubs only the sre_parse alias
from typing import Any, Protocol, TypedDict

import yaml
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from prakerja_etl.figures.prefilter import (
    Prefiltered,
    alternatives,
    case_variants,
    compile_cue,
    first_chars,
    folded,
    led_by,
    phrase,
    presence_test,
)
from prakerja_etl.figures.regencies import regency_cue, regency_place_cue
from prakerja_etl.reference_data import REFERENCE_DIR

LEXICON_PATH = REFERENCE_DIR / "lexicon.yaml"
SUBJECTS_PATH = REFERENCE_DIR / "subjects.yaml"
_TOKEN = re.compile(r"\w+(?:-\w+)*")




class _Stemmer(Protocol):
    """What is used of a Sastrawi stemmer (the library has no types)."""

    def stem(self, text: str) -> str: ...


@lru_cache(maxsize=1)
def _stemmer() -> _Stemmer:
    stemmer: _Stemmer = StemmerFactory().create_stemmer()
    return stemmer


# Words the stemmer reduces to a root they do not mean (lexicon.yaml `unrooted`, set by `load`).
_unrooted: frozenset[str] = frozenset()


@lru_cache(maxsize=100_000)
def stem(token: str) -> str:
    word = token.lower()
    return word if word in _unrooted else _stemmer().stem(word)


def _root(word: str) -> str:
    return stem(word) if len(word) > 3 else word


@lru_cache(maxsize=1024)
def _roots(text: str) -> frozenset[str]:
    """The roots of the tokens of `text`; several cue groups look at the same text."""
    return frozenset(map(_root, map(str.lower, _TOKEN.findall(text))))


@dataclass
class Hit:
    start: int
    end: int
    index: int   # which cue of the group


class Cues:
    """One group of cues (e.g. the person cues); `search` finds them on one side of a figure."""

    def __init__(self, group: str, entries: list[dict[str, Any]]) -> None:
        self.group = group
        self.ids = [e["id"] for e in entries]
        self.metrics = [e.get("metric") for e in entries]
        self.sides = [e.get("side", "both") for e in entries]
        self.stems = {s: i for i, e in enumerate(entries) for s in e.get("stems", [])}
        self.bare = {s for e in entries for s in e.get("bare", [])}
        self._stem_set = frozenset(self.stems)
        self._patterns = {side: [(i, "|".join(phrase(p) for p in e["phrases"]))
                                 for i, e in enumerate(entries)
                                 if e.get("phrases") and e.get("side", "both") in ("both", side)]
                          for side in ("left", "right")}
        # Amounts need every cue, also where cues overlap ('insentif yang diterima'), to pick the
        # nearest that fits the size; other groups scan one alternation per side.
        self.overlapping = group == "rupiah"
        self._compiled = {side: [(i, re.compile(led_by(p, first_chars(p)), re.IGNORECASE)) for i, p in pats]
                          for side, pats in self._patterns.items()}
        self._firsts = {side: {i: first_chars(p) for i, p in pats} for side, pats in self._patterns.items()}
        # The words each cue needs: a text is scanned only for the cues whose words it contains,
        # all tested by one function per side.
        self._present_in: dict[str, Callable[[str], tuple[int, ...]]]
        self._present_in = {side: eval(  # built only from repr() of the patterns' own literals
            "lambda t: tuple(compress({!r}, [{}]))".format(
                tuple(i for i, _ in pats),
                ", ".join(f"({presence_test(alternatives(_parser.parse(p, re.IGNORECASE)))})"
                          for _, p in pats)),
            {"compress": compress}) for side, pats in self._patterns.items()}

    def _present(self, text: str, side: str) -> tuple[int, ...]:
        return self._present_in[side](folded(text))

    @lru_cache(maxsize=4096)  # noqa: B019 (the groups live as long as the program)
    def _alternation(self, side: str, present: tuple[int, ...]) -> re.Pattern[str]:
        """One alternation of the cues present, in the group's order: a cue whose words are absent
        cannot match anywhere, so leaving it out changes no match."""
        patterns, firsts = dict(self._patterns[side]), self._firsts[side]
        leads = [lead for i in present if (lead := firsts[i]) is not None]
        starts = None if len(leads) < len(present) else "".join(sorted(set().union(*leads)))
        alternation = "|".join(f"(?P<c{i}>{patterns[i]})" for i in present)
        return re.compile(led_by(alternation, starts), re.IGNORECASE)

    def rule(self, index: int) -> str:
        return f"{'exclusion' if self.metrics[index] is None else self.group}:{self.ids[index]}"

    def search(self, text: str, side: str) -> list[Hit]:
        """Every cue in `text`, in text order."""
        present = self._present(text, side)
        if not present:
            hits = []
        elif self.overlapping:
            hits = [Hit(m.start(), m.end(), i) for i, pattern in self._compiled[side] if i in present
                    for m in pattern.finditer(text)]
        else:
            hits = [Hit(m.start(), m.end(), int(m.lastgroup[1:]))
                    for m in self._alternation(side, present).finditer(text) if m.lastgroup]
        if self.stems and not self._stem_set.isdisjoint(_roots(text)):
            for m in _TOKEN.finditer(text):   # only a text with one of the roots is read token by token
                word = m.group().lower()
                root = _root(word)
                i = self.stems.get(root)
                if i is not None and self.sides[i] in ("both", side) and (word != root or root in self.bare):
                    hits.append(Hit(m.start(), m.end(), i))
        hits.sort(key=lambda h: (h.start, h.index))
        return hits

    def first(self, text: str, side: str = "right") -> Hit | None:
        hits = self.search(text, side)
        return hits[0] if hits else None

    def last(self, text: str, side: str = "left") -> Hit | None:
        hits = self.search(text, side)
        return hits[-1] if hits else None


@dataclass(frozen=True)
class Subject:
    id: str
    kind: str
    units: frozenset[str] | None = None   # the units its figures come in; None: any

    def owns(self, unit: str | None) -> bool:
        return self.units is None or unit is None or unit in self.units


class Subjects:
    """Every name of a programme, statistic, country or company a figure can be about."""

    PRAKERJA = Subject("prakerja", "prakerja")
    NEUTRAL = Subject("neutral", "neutral")   # a name that contains another's words, about neither

    def __init__(self, data: dict[str, Any]) -> None:
        self.subjects = [self.PRAKERJA, self.NEUTRAL] + [
            Subject(e["id"], e["kind"], frozenset(e["units"]) if "units" in e else None)
            for e in data["subjects"]]
        names = [(n, 0) for n in data["prakerja"]["names"]] + [(n, 1) for n in data["neutral"]]
        names += [(n, i) for i, e in enumerate(data["subjects"], start=2) for n in e["names"]]
        # Longest names first, so 'BLT Dana Desa' is found before 'BLT'.
        names.sort(key=lambda pair: len(pair[0]), reverse=True)
        self._names = [(re.compile(_case(name)), self.subjects[i]) for name, i in names]
        # The words of other subjects' names (lower case, four letters or more): a sentence opening
        # with one may be about the subject the sentence before named ('Subsidi … itu').
        self.name_words = frozenset(w.lower() for e in data["subjects"] for n in e["names"]
                                    for w in re.findall(r"[^\W\d_]{4,}", n))
        # One scan for all names (word boundaries factored out); which name it was is asked only of
        # the few matches. (Grouped so, the scan costs less than looking for the names' words first.)
        # A name is led by the non-word character before it, not by the lookbehind (?<!\w): sre then
        # passes the characters of words at once. `find` searches the text after a space.
        self._pattern = re.compile(r"\W(?:" + _by_first_letter([name for name, _ in names]) + r")(?!\w)")
        # A sentence opening with one of these points back to the subject before it ('Bantuan itu').
        self.receiving = re.compile(data["receiving"], re.IGNORECASE)
        self.carry = re.compile("|".join(p.replace(" ", r"\s+") for p in data["carry"]), re.IGNORECASE)

    def find(self, text: str) -> list[tuple[int, int, Subject]]:
        found = []
        for m in self._pattern.finditer(" " + text):   # a match's span in `text` is one to the left
            subject = self._named(m.group()[1:])
            if subject is not self.NEUTRAL:
                found.append((m.start(), m.end() - 1, subject))
        return found

    @lru_cache(maxsize=1024)  # noqa: B019 (one Subjects lives as long as the program)
    def _named(self, name: str) -> Subject:
        """The subject a name found in a text is of (the same few names recur)."""
        return next(s for pattern, s in self._names if pattern.fullmatch(name))


def _by_first_letter(names: list[str]) -> str:
    """The names as one alternation grouped under their first letter, each group led by exactly the
    characters that letter matches: a scan passes a group whose first character differs at once,
    where a flat list of case-scoped names is entered name by name at every word start. In a group
    the names keep their order, and names of different groups cannot start at the same place.
    (Led by a class of the first letters instead of the word start, the scan costs more: names
    start with most letters.)"""
    groups: dict[str, list[str]] = {}
    for name in names:
        assert name[0].isalpha() and name[1:2] not in ("?", "*", "+", "{"), "a name starts with a letter"
        body = _case(name, bare=True)
        # The group admits both cases of the letter: an acronym checks its own.
        rest = f"(?<={name[0]}){body[1:]}" if _ACRONYM.fullmatch(name) else f"(?i:{body[len('(?i:') + 1:-1]})"
        groups.setdefault(name[0].lower(), []).append(rest)
    return "|".join(f"[{re.escape(case_variants(first))}](?:{'|'.join(rests)})"
                    for first, rests in groups.items())


_ACRONYM = re.compile(r"[A-Z][A-Z0-9-]+")


def _case(name: str, *, bare: bool = False) -> str:
    """Acronyms (capitals only) match case-sensitively, other names in any case."""
    body = name.replace(" ?", r"\s*").replace(" ", r"\s+") if bare else phrase(name)
    return body if _ACRONYM.fullmatch(name) else f"(?i:{body})"


@dataclass(frozen=True)
class Lexicon:
    percent: Cues
    partitive: Prefiltered           # match: a clause naming the whole of the share after it
    set_apart: Prefiltered           # search: ends right before (a word or two of) a group set apart
    rupiah_exclusions: Cues
    change_result: Prefiltered       # search: the figure after it is where a change ends
    rupiah: Cues
    person_target: Cues
    jobs_before: Prefiltered         # right before a figure: jobs created or filled
    person_target_met: Prefiltered   # before a target word: the target is a yardstick
    target_value_gap: Prefiltered    # fullmatch: between a target word and the target's value
    person_realised: Prefiltered     # a count already reached
    budget_for: Prefiltered          # match: the words between a budget and the people it is for
    change_to: Prefiltered           # match: the words between a value and the one it changed to
    monthly_total: Prefiltered       # match: between a monthly amount and its sum over the months
    regency: Prefiltered             # a regency named: 'Kabupaten X', 'warga Banyumas'
    regency_place: Prefiltered       # … or after 'di'/'dari', in a figure's own noun phrase
    national: Prefiltered
    areas_noun: Prefiltered          # match: the noun right after a count of areas
    areas_each: Prefiltered          # search: each of a count of areas has the bounded property
    topic_opening: Prefiltered       # match: the words before a province that opens a sentence
    topic_close: Prefiltered         # match: what follows that province up to its comma
    topic_start: Prefiltered         # match: a sentence that may open with a province
    headless_clause: Prefiltered     # match: a clause whose subject is the clause before's
    elliptical_clause: Prefiltered   # fullmatch: a clause of only a conjunction, a time, lead words
    province_anaphora: Prefiltered   # search: words pointing back to the province last named
    province_group: Prefiltered      # search (ending at it): a word of several provinces or a city
    people_of_place: Prefiltered     # search (ending at a province): its people ('penerima asal')
    elliptical_time: Prefiltered     # search: a year or a year relative to now
    contributes: Prefiltered         # search: a verb of a part given to a whole
    inclusion: Prefiltered           # search: words after an amount opening what it includes, or why
    person_exclusions: Cues
    person_heads: Cues
    person: Cues
    count: Cues
    count_classifiers: Prefiltered
    courses_taken: Prefiltered       # search (ending at a count of courses): a verb of taking them
    count_exclusions: Cues
    restatement: Prefiltered
    range_upper: Prefiltered         # search: right before the upper bound of a range of spread
    apposition: Prefiltered          # fullmatch: a clause that only connects to the one before
    copula: Prefiltered
    said_to_be_kind: Prefiltered     # match: a figure's people said to be of one kind
    kind_relative: Prefiltered       # … or restricted to it before the figure ('penerima yang merupakan …')
    respectively: Prefiltered        # pairs figures with the places listed before it
    place_words: Prefiltered         # 'di', 'dari': a place follows ('9 juta orang di desa dan kota')
    prepositions: frozenset[str]
    anaphora: Prefiltered
    part_of_pointed_back: Prefiltered   # search: words making a count some of the one pointed back to
    comparison: Prefiltered
    same_value_prefers: dict[str, str]
    demonstrative: Prefiltered
    subjects: Subjects


def _words(items: list[str], *, anchor: str = "", tail: str = "") -> Prefiltered:
    return compile_cue(anchor + "(?:" + "|".join(phrase(i) for i in items) + ")" + tail, re.IGNORECASE)


class _ClauseCues(TypedDict):
    areas_each: Prefiltered
    areas_noun: Prefiltered
    headless_clause: Prefiltered
    elliptical_clause: Prefiltered
    province_anaphora: Prefiltered
    province_group: Prefiltered
    people_of_place: Prefiltered
    elliptical_time: Prefiltered
    contributes: Prefiltered
    inclusion: Prefiltered
    topic_opening: Prefiltered
    topic_start: Prefiltered
    topic_close: Prefiltered


def _clause_cues(data: dict[str, Any]) -> _ClauseCues:
    """The cues of how a clause hangs on the one before it (elliptical clauses, a province pointed
    back to, a part given to a whole, what an amount includes, areas over a threshold, a topic)."""
    opening, area, focus = ("|".join(map(phrase, data[f"topic_{k}"])) for k in ("opening", "area", "focus"))
    return {
        "areas_each": _words(data["areas_each"]),
        "areas_noun": _words(data["areas_noun"], anchor=r"^\s*"),
        "headless_clause": _words(data["headless_clause"], anchor=r"^\W*(?:", tail=r")?\s*yang\b"),
        "elliptical_clause": compile_cue(
            r"\W*(?:(?:" + "|".join(phrase(w) for w in data["headless_clause"]) + r")\s+)?(?:(?:"
            + "|".join(phrase(w) for w in data["elliptical_time"] + data["elliptical_lead"]) + r")\W*)*",
            re.IGNORECASE),
        "province_anaphora": _words(data["province_anaphora"]),
        "province_group": _words(data["province_group"], tail=r"\s+$"),
        "people_of_place": _words(data["people_of_place"], tail=r"\s+$"),
        "elliptical_time": _words(data["elliptical_time"]),
        "contributes": _words(data["contributes"]),
        "inclusion": _words(data["inclusion"] + data["reason_clause"]),
        # a paragraph's topic place ('Di Jawa Barat, …')
        "topic_opening": compile_cue(rf"^\W*(?:(?:{opening})\s+(?:di\s+)?|di\s+)(?:(?:{area})\s+)?$",
                                     re.IGNORECASE),
        "topic_start": compile_cue(rf"^\W*(?:{opening}|di)\s", re.IGNORECASE),
        "topic_close": compile_cue(rf"\s*(?:(?:{focus})\s*)?,", re.IGNORECASE),
    }


def _set_unrooted(words: list[str]) -> None:
    global _unrooted
    _unrooted = frozenset(words)   # (the stems computed before are computed again)
    stem.cache_clear()
    _roots.cache_clear()


@lru_cache(maxsize=2)
def load(path: Path = LEXICON_PATH, subjects_path: Path = SUBJECTS_PATH) -> Lexicon:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    _set_unrooted(data["unrooted"])
    groups = {k: Cues(k.replace("_", "-"), data[k]) for k in (
        "percent", "rupiah_exclusions", "rupiah", "person_target", "person_exclusions",
        "person_heads", "person", "count", "count_exclusions")}
    groups["rupiah_exclusions"].group = groups["person_exclusions"].group = \
        groups["count_exclusions"].group = "exclusion"
    groups["person_heads"].group = "head-noun"
    groups["person_target"].group = "target"
    kind = "(?:" + "|".join(phrase(w) for w in data["said_to_be"]) + r")\s+(?:[\w-]+\s+)?(?:" + "|".join(
        phrase(w) for w in data["kinds_of_people"]) + ")"   # (people said to be of a kind)
    return Lexicon(
        **groups,
        jobs_before=_words(data["jobs_before"], tail=r"\s+(?:(?:sekitar|sebanyak|hingga)\s+)?$"),
        person_target_met=_words(data["person_target_met"], tail=r"\s+$"),
        target_value_gap=compile_cue(r"\s*(?:(?:" + "|".join(phrase(w) for w in data["target_value_gap"])
                                     + r")\s+)*", re.IGNORECASE),
        person_realised=_words(data["person_realised"]),
        change_result=_words(data["change_result"], tail=r"\s+$"),
        partitive=_words(data["partitive"], anchor=r"^\W*"),
        set_apart=_words(data["set_apart"], tail=r"\s+(?:[\w-]+\s+){0,2}$"),
        budget_for=compile_cue(
            r"^\W*(?:[\w-]+\s+){0,2}?(?:" + "|".join(phrase(w) for w in data["budget_for"])
            + r")\s+(?:[\w-]+\s+)?$", re.IGNORECASE),
        change_to=compile_cue(r"^\W*(?:\w+\W+)?(?:" + data["change_to_described"] + ")?(?:" + "|".join(
            map(phrase, data["change_to"])) + r")\s*(?:(?:sekitar|sebanyak|sebesar|hanya)\s+)?$", re.I),
        monthly_total=compile_cue("|".join(data["monthly_total"]), re.IGNORECASE),
        national=_words(data["national"]),
        **_clause_cues(data),
        regency=regency_cue(data),
        regency_place=regency_place_cue(data),
        count_classifiers=_words(data["count_classifiers"], anchor=r"^\s*"),
        courses_taken=_words(data["courses_taken"], tail=r"\s+(?:(?:" + "|".join(
            phrase(w) for w in data["apposition_hedges"]) + r")\s+)?$"),
        apposition=compile_cue(r"\W*(?:" + "|".join(phrase(w) for w in data["apposition"]) + r")\s*(?:(?:"
                               + "|".join(phrase(w) for w in data["apposition_hedges"]) + r")\s*)?",
                               re.IGNORECASE),
        copula=_words(data["copula"]),
        said_to_be_kind=compile_cue(r"^\W*(?:[\w-]+\s+){0,4}?" + kind, re.IGNORECASE),
        kind_relative=compile_cue(r"\byang\s+" + kind, re.IGNORECASE),
        respectively=_words(data["respectively"]),
        place_words=_words(data["regency_place"]),
        prepositions=frozenset(data["prepositions"]),
        restatement=compile_cue(data["restatement"][0].replace(" ", r"\s+"), re.IGNORECASE),
        range_upper=compile_cue(data["range_upper"][0], re.IGNORECASE),
        anaphora=compile_cue("|".join(
            a.replace("^ ", r"^\s*").replace(" ", r"\s+") if a.startswith("^") else phrase(a)
            for a in data["anaphora"]), re.IGNORECASE),
        part_of_pointed_back=_words(data["part_of_pointed_back"]),
        comparison=_words(data["comparison"]),
        same_value_prefers=data["same_value_prefers"],
        demonstrative=_words(data["demonstrative"]),
        subjects=Subjects(yaml.safe_load(subjects_path.read_text(encoding="utf-8"))),
    )
