"""The words that time a figure (`schemas/timing.yaml`), compiled once, and the patterns built
from them: a change of value, a stage, a survey's fieldwork."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from prakerja_etl.figures.lexicon import stem
from prakerja_etl.figures.prefilter import Prefiltered, compile_cue, first_chars
from prakerja_etl.reference_data import REFERENCE_DIR
from prakerja_etl.text.metadata import WEEKDAY

CUES_PATH = REFERENCE_DIR / "timing.yaml"


@dataclass(frozen=True)
class Cues:
    since: Prefiltered
    year_after: Prefiltered
    year_before: Prefiltered
    first_year: Prefiltered
    unchanged: Prefiltered
    among_after: Prefiltered
    compared_with: Prefiltered
    so_far: Prefiltered
    present: Prefiltered
    breakdown: Prefiltered
    planning: Prefiltered
    plans_ahead: Prefiltered
    proposal: Prefiltered
    each_person: Prefiltered
    list_item: Prefiltered
    up_to: Prefiltered
    part: Prefiltered
    remainder: Prefiltered
    per_unit_after: Prefiltered
    per_unit_before: Prefiltered
    superseded_before: Prefiltered
    superseded_after: Prefiltered
    superseded_first: Prefiltered
    first_plan: Prefiltered
    plan_back: Prefiltered
    changed_later: Prefiltered
    set_together: Prefiltered
    plan_kept: Prefiltered
    aside_opening: Prefiltered
    summing: Prefiltered
    next_item: Prefiltered
    next_named_item: Prefiltered
    ranked_next: Prefiltered
    example_opening: Prefiltered
    example_person: Prefiltered
    example_result: Prefiltered
    revised_to: Prefiltered
    change_from: Prefiltered
    change_to: Prefiltered
    former: Prefiltered
    hypothetical: Prefiltered
    then: Prefiltered
    whole: Prefiltered
    restated: Prefiltered
    anaphora: Prefiltered
    described: Prefiltered
    everyone: Prefiltered
    survey: Prefiltered
    perfect: Prefiltered
    coordination: Prefiltered
    own_clause: Prefiltered
    with_budget: Prefiltered
    same_period: Prefiltered
    its_quota: Prefiltered
    quota_opens: Prefiltered
    other_data: Prefiltered
    fieldwork: Prefiltered
    fieldwork_link: Prefiltered
    fieldwork_manner: Prefiltered
    wave: Prefiltered
    over_years: Prefiltered
    claimed: Prefiltered
    fact_check: Prefiltered
    time_clause: Prefiltered
    plan_metrics: frozenset[str]
    cumulative_plan_metrics: frozenset[str]
    yearly_plan_metrics: frozenset[str]
    running_metrics: frozenset[str]
    person_running_metrics: frozenset[str]
    perfect_metrics: frozenset[str]
    part_metrics: frozenset[str]
    profile_metrics: frozenset[str]
    stock_metrics: frozenset[str]
    change_verb_stems: frozenset[str]
    continuation_verb_stems: frozenset[str]


def _phrases(items: list[str]) -> str:
    """The phrases as one pattern, led by a lookahead of their first letters when those are known: a
    search passes other positions at once (two to three times faster where the cue's words are)."""
    body = r"\b(?:" + "|".join(p.replace(" ", r"\s+") for p in sorted(items, key=len, reverse=True)) + r")\b"
    firsts = first_chars(body)
    return body if firsts is None else f"(?=[{re.escape(firsts)}])" + body


_SETS = ("metrics", "stems")   # keys ending so hold sets of names or roots, not phrases to match


def load_cues(path: Path = CUES_PATH) -> Cues:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    points = _phrases(doc.pop("up_to_point"))
    pattern = {k: compile_cue(_phrases(v), re.IGNORECASE) for k, v in doc.items() if not k.endswith(_SETS)}
    # (a weekday may come first in a news date: 'hingga Jumat (23/12)')
    pattern["up_to"] = compile_cue(_phrases(doc["up_to"]) + r"(?:\s+" + points + ")?"
                                   r"(?:\s+" + WEEKDAY + r"\s*,?\s*\(?)?\s*$", re.IGNORECASE)
    pattern["among_after"] = compile_cue(r"^\s*(?:\w+\s+)?" + _phrases(doc["among_after"]), re.IGNORECASE)
    pattern["per_unit_after"] = compile_cue(r"^\W*" + _phrases(doc["per_unit_after"]), re.IGNORECASE)
    # (past a relative clause of its own: 'target awal 2,9 juta, yang pada pertengahan tahun direvisi …')
    pattern["superseded_after"] = compile_cue(
        r"^(?:\s*,\s*yang\b)?[^.;]{0,40}?" + _phrases(doc["superseded_after"]), re.IGNORECASE)
    pattern["first_plan"] = compile_cue(
        _phrases(doc["first_plan"]) + r"\s+(?:(?:sebesar|sebanyak|sekitar)\s+)?$", re.IGNORECASE)
    pattern["change_from"] = compile_cue(_phrases(doc["change_from"]) + r"\s+$", re.IGNORECASE)
    pattern["anaphora"] = compile_cue(r"^\W*" + _phrases(doc["anaphora"]), re.IGNORECASE)
    pattern["list_item"] = compile_cue(r"^\W*" + _phrases(doc["list_item"]) + r"\s*,", re.IGNORECASE)
    pattern["own_clause"] = compile_cue(r",\s*" + _phrases(doc["own_clause"]), re.IGNORECASE)
    # (only a noun or two on either side: 'target 2,9 juta penerima dengan pagu Rp11 triliun')
    pattern["set_together"] = compile_cue(r"^\s*(?:[^\W\d]+\s+){0,2}?" + _phrases(doc["set_together"])
                                          + r"\s+(?:[^\W\d]+\s+){0,2}?$", re.IGNORECASE)
    pattern["next_item"] = compile_cue(r"^\W*" + _phrases(doc["next_item"]) + r"\W*$", re.IGNORECASE)
    # … or the next item of a list of places, named, with no noun of its own ('…, sedangkan Banjarbaru
    # 3.248 orang'): the same kind of figure as the item before it
    pattern["next_named_item"] = compile_cue(
        r"^\W*" + _phrases(doc["next_item"]) + r"\s+(?:[A-Z][\w-]*\s+){1,3}$")
    pattern["ranked_next"] = compile_cue(r"^\W*" + _phrases(doc["ranked_next"])
                                         + r"\s+(?:[A-Z][\w-]*\s+){1,3}(?:(?:dengan|sebanyak|sekitar)\s+)?$")
    pattern["aside_opening"] = compile_cue(r"^\W*" + _phrases(doc["aside_opening"]), re.IGNORECASE)
    pattern["summing"] = compile_cue(r"^\W*" + _phrases(doc["summing"]) + r"\b", re.IGNORECASE)
    pattern["time_clause"] = compile_cue(r"^\W*" + _phrases(doc["time_clause"]), re.IGNORECASE)
    pattern["plan_back"] = compile_cue(r"^\W*" + _phrases(doc["plan_back"]), re.IGNORECASE)
    pattern["unchanged"] = compile_cue(_phrases(doc["unchanged"]) + r"\s+(?:(?:pada|di)\s+)?$", re.IGNORECASE)
    pattern["compared_with"] = compile_cue(
        _phrases(doc["compared_with"]) + r"\s+(?:(?:pada|tahun|periode)\s+)?$", re.IGNORECASE)
    pattern["described"] = compile_cue(_phrases(doc["described"]) + r"\s+(?:(?:pada|sejak|per|di)\s+)?"
                                       r"(?:(?:awal|akhir|pertengahan)\s+)?$", re.IGNORECASE)
    pattern["over_years"] = compile_cue(r"[^,;.]{0,40}?" + _phrases(doc["over_years"]), re.IGNORECASE)
    sets = {k: frozenset(v) for k, v in doc.items() if k.endswith(_SETS)}
    # Which field gets a pattern and which a set is decided by the file's keys (a missing or
    # unknown one fails here at run time), so the merged fields are typed loosely.
    fields: dict[str, Any] = {**pattern, **sets}
    return Cues(**fields)


CUES = load_cues()


# 'hingga', 'sampai' anywhere (up_to is the word right before a date or period)
UP_TO_WORD = re.compile(CUES.up_to.pattern.removesuffix(r"\s*$"), re.IGNORECASE)
# 'sejak' right before a wave or period
SINCE_END = re.compile(CUES.since.pattern + r"\s+$", re.IGNORECASE)


# The new value of a change is a figure: 'menjadi Rp 4,2 juta' (a decimal comma is no clause end).
GAP = r"(?:[^,;.]|[,.](?=\d)){0,40}?"
TO_VALUE = CUES.change_to.pattern + r"\s+(?:Rp\.?\s*)?"   # 'menjadi' (and a currency) before a figure
NEW_VALUE = TO_VALUE + r"\d"
CHANGE_TO_AFTER = compile_cue(rf"^(?P<gap>{GAP}){NEW_VALUE}", re.IGNORECASE)


# 'dari Rp X', 'dari sebelumnya hanya Rp X': the 'dari' that opens a figure, a word between at most.
CHANGE_OPENER = compile_cue(CUES.change_from.pattern.removesuffix(r"\s+$") + r"(?:\s+[^\W\d_]+)?\s+$",
                             re.IGNORECASE)


# a sentence opening with 'Awalnya', 'Semula', 'Sebelumnya' (a word or two may precede it)
ORIGINALLY = compile_cue(r"^\W*(?:\w+\s+){0,2}?" + CUES.superseded_before.pattern, re.IGNORECASE)
# … or said of the value right before it: 'Anggaran 2022 semula hanya Rp11 triliun'
ORIGINALLY_NEAR = compile_cue(CUES.superseded_before.pattern + r"(?:\s+[^\W\d_]+)?\s+$", re.IGNORECASE)
CHANGE_TO_END = compile_cue(TO_VALUE + "$", re.IGNORECASE)
CHANGE_TO_BEFORE = compile_cue(NEW_VALUE + GAP + CUES.change_from.pattern, re.IGNORECASE)


# 'tersebut'/'itu' right after a figure (and its noun) restates it (matched at the figure's end: not
# anchored, so that a sentence with neither word is passed over at once).
RESTATED = compile_cue(r"\s+(?:\w+\s+)?" + CUES.restated.pattern, re.IGNORECASE)


# A fieldwork period follows its verb, or the agent after it only with a link word: 'dilakukan pada
# Mei 2022', 'dilakukan oleh BPS pada Mei 2022', but not 'dilakukan oleh Ipsos 2021' (a name).
FIELDWORK_AT = compile_cue(CUES.fieldwork.pattern + r"\s+(?:(?:(?:" + CUES.fieldwork_manner.pattern
                           + r")(?:\s+[^\s,.;]+){1,4}?\s+)*" + CUES.fieldwork_link.pattern
                           + r"\s+)?(?:\d{1,2}\s+)?$", re.IGNORECASE)


# A period right after a part cue (a few words, no figure or clause end between) times the part, it
# does not end it: 'kuota tiap gelombang Kartu Prakerja pada 2024', 'sisa kuota tahun ini'.
PART_THEN = compile_cue("(?:" + CUES.part.pattern + "|" + CUES.remainder.pattern
                        + r")(?:\s+[^\s\d,;.]+){0,3}?\s+(?:(?:pada|di|tahun)\s+)?$", re.IGNORECASE)
# What is left right before an amount, only years between ('sisa kuota 2024 kini tinggal sekitar 120 ribu').
REMAINDER_BEFORE = compile_cue(CUES.remainder.pattern + r"(?:[^\d.,;]|(?:19|20)\d\d){0,50}$", re.IGNORECASE)


# A relative clause right after a figure or name, and a period inside one that describes what comes
# before it ('Gelombang 17, yang menutup semester I, …'): the period is not the later figure's.
RELATIVE_CLAUSE = re.compile(r"\s+yang\b", re.IGNORECASE)
DESCRIBING = re.compile(r",\s*yang\b[^,.;]*$", re.IGNORECASE)

# …nor does one that names which wave it is ('gelombang terakhir tahun ini dengan kuota 500 ribu'), or
# says what the wave was in a relative clause ('Gelombang 47 yang menjadi penutup tahun ini menjaring').
WAVE_THEN = compile_cue(CUES.wave.pattern + r"\s+(?:(?:[^\W\d_]+\s+){1,2}?(?:(?:pada|di)\s+)?"
                        r"|\S+\s+yang\b[^,.;\d]*)$", re.IGNORECASE)


# a word of revising into right before a value ('kemudian dinaikkan menjadi Rp18 triliun'); `rp` says
# whether it is an amount
_VALUE_NEXT = r"\s+(?:(?:sebanyak|sebesar|sekitar)\s+)?(?P<rp>Rp\.?\s?)?\d"
REVISED_TO = compile_cue(CUES.revised_to.pattern + _VALUE_NEXT, re.IGNORECASE)
# … or after a verb of change named by its root ('menaikkannya menjadi Rp18 triliun'): 'menjadi' before it
INTO_VALUE = compile_cue(r"\b" + CUES.change_to.pattern + _VALUE_NEXT, re.IGNORECASE)
# '… 85 persen atau Rp17 triliun': the same amount said another way.
SAME_AMOUNT = re.compile(r"^\W*(?:atau|setara(?:\s+dengan)?|alias)\W*$", re.IGNORECASE)


# … or a little before it, past the value compared with ('naik dari Rp3,55 juta tahun lalu'): a
# period that dates the value compared with, not the sentence
COMPARED_BEFORE = compile_cue(CUES.compared_with.pattern.removesuffix(r"\s+(?:(?:pada|tahun|periode)\s+)?$")
                              + r"(?:[^,;.]|(?<=\d)[,.](?=\d)){0,40}$", re.IGNORECASE)


# 'masing-masing Rp50 ribu' right before an amount: each of the units the sentence counts.
EACH_BEFORE = compile_cue(CUES.per_unit_before.pattern + r"\W*$", re.IGNORECASE)
# … unless a list of figures follows, one for each ('masing-masing 5,9 juta dan 2,9 juta').
EACH_LISTED = re.compile(r"^[^\d.;]{0,20}?(?:,|\bdan\b|\bserta\b)\s*(?:Rp\s?)?\d", re.IGNORECASE)
# A part cue in the figure's own phrase after it: 'Rp2,67 triliun pada tahap awal'.
PART_AFTER = compile_cue(r"^\s*(?:[^\s\d,;.]+\s+)?(?:pada|di|untuk|dalam)\s+(?:" + CUES.part.pattern + ")",
                         re.IGNORECASE)


WORD = re.compile(r"[^\W\d_]+")


def change_verb(words: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The first of `words` whose root is a verb of changing a value ('dinaikkan', 'dipangkas')."""
    return next((w for w in words if stem(w.group()) in CUES.change_verb_stems), None)


def change_into(before: str) -> re.Match[str] | None:
    """The verb of change of words that end changing a value into the figure after them
    ('kemudian dinaikkan menjadi', 'pemerintah menaikkannya menjadi Rp'), else None: the nearest
    one ('Karena animo tetap tinggi, pemerintah menambahnya menjadi …' is a raise, not 'tinggi')."""
    to = CHANGE_TO_END.search(before)
    return change_verb(reversed(list(WORD.finditer(before, 0, to.start())))) if to else None


def said_first(head: str) -> bool:
    """Whether the words before a figure in its sentence say it was the first value: at the
    sentence's opening ('Semula, …') or right before it ('Anggaran 2022 semula hanya Rp11 triliun')."""
    return bool(ORIGINALLY.search(head) or ORIGINALLY_NEAR.search(head[-40:]))


def continued(before: str) -> bool:
    """Whether the words before a plan say the programme goes on: 'tetap berlanjut dengan target'."""
    return any(stem(w.group()) in CUES.continuation_verb_stems and w.group().lower() != stem(w.group())
               and not w.group().lower().endswith("nya") for w in WORD.finditer(before))


def search_in(cue: Prefiltered, text: str, part: str) -> re.Match[str] | None:
    """`cue.search(part)` for a slice of `text`: its words are looked for in the whole text, whose
    case-folding is cached, not folded again for every slice."""
    return None if cue.absent(text) else cue.regex.search(part)


def last_in(cue: Prefiltered, part: str, text: str | None = None) -> re.Match[str] | None:
    """The cue's last match in `part` (a slice of `text`, if given)."""
    if cue.absent(part if text is None else text):
        return None
    matches = list(cue.regex.finditer(part))
    return matches[-1] if matches else None
