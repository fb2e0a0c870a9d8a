"""Proposals: figures someone wants rather than the programme's ('Usul saya, … kuota minimal 2 juta
orang per tahun'; 'Program ini sebaiknya dibenahi. Pertama, biaya pelatihan cukup Rp500 ribu …').
Examples the text makes up to explain ('Misalnya, peserta yang membeli kelas seharga Rp800 ribu …')
are treated alike. They keep their value and span but no metric, so no claim is made of them."""

from __future__ import annotations

from dataclasses import replace

from prakerja_etl.figures.extract import Figure
from prakerja_etl.figures.lexicon import stem
from prakerja_etl.figures.same_value import SAME_VALUE
from prakerja_etl.figures.time_cues import CUES, WORD, change_into
from prakerja_etl.text.segment import Sentence


def without_proposals(figures: list[Figure], sentences: list[Sentence]) -> list[Figure]:
    """Each figure after a word of proposing in its sentence, of a list item that urges ('Pertama,
    sisihkan 40 persen kuota …'), of a list item ('Kedua, …') that follows a proposal in its
    paragraph, and of the sentence right after a proposal that states no figure of its own ('Saya
    mengusulkan komposisinya dibalik. Biaya pelatihan dinaikkan menjadi …'), with no metric."""
    if all(CUES.proposal.absent(s.text) and CUES.list_item.absent(s.text) for s in sentences):
        return figures   # most articles propose nothing
    stating = {f.sentence.start for f in figures}
    proposed_from: dict[int, int] = {}   # sentence start → where in it the proposal starts
    changes: set[int] = set()   # sentences after a proposal with no figure: their changes are its
    line, listing, bare = -1, False, False
    for s in sentences:
        cue = CUES.proposal.search(s.text)
        opens = cue is not None or _urged(s.text)
        goes_on = listing and s.line_no == line and CUES.list_item.regex.match(s.text) is not None
        if opens or goes_on:
            proposed_from[s.start] = cue.start() if cue else 0
        elif bare and s.line_no == line:
            changes.add(s.start)
        listing, line, bare = opens or goes_on, s.line_no, opens and s.start not in stating

    def proposed_here(f: Figure) -> bool:
        at = f.start - f.sentence.start
        if f.sentence.start in changes:   # 'Biaya pelatihan dinaikkan menjadi Rp2,5 juta …'
            return change_into(f.sentence.text[:at]) is not None
        return at >= proposed_from.get(f.sentence.start, len(f.sentence.text))

    proposed = {(f.unit, f.value) for f in figures if f.metric and proposed_here(f)}
    # a proposed value said again ('janji Rp30 triliun itu …') took its metric from the proposal,
    # and its sentence speaks of the proposal ('Rp30 triliun cukup untuk 7 juta orang, bukan 5 juta')
    again = {f.sentence.start for f in figures
             if f.rule.startswith(SAME_VALUE) and (f.unit, f.value) in proposed}
    return [replace(f, metric=None, rule="exclusion:proposal")
            if f.metric and (f.unit, f.value) in proposed and (proposed_here(f) or f.sentence.start in again)
            else f for f in figures]


def _urged(text: str) -> bool:
    """A list item opening with a verb in the imperative: a root with -kan, -i or -lah and no
    prefix ('Pertama, sisihkan …', 'Kedua, batasi …'); 'Pertama, pelatihan …' states a fact."""
    item = CUES.list_item.regex.match(text)
    word = WORD.match(text[item.end():].lstrip()) if item else None
    if word is None:
        return False
    verb = word.group().lower()
    root = stem(verb)
    return verb != root and verb in (root + "kan", root + "i", root + "lah")


_OPENING = " \t\"'“‘("   # what may come before a sentence's first word


def without_examples(figures: list[Figure]) -> list[Figure]:
    """Each figure of a sentence giving an example after the made-up person it speaks of ('Misalnya,
    peserta yang membeli kelas seharga Rp800 ribu masih punya sisa Rp2,7 juta'), and each one after
    the result of a supposition ('Andaikan separuh dari 1 juta peserta bekerja, itu sudah 500 ribu
    orang': not the 1 juta), with no metric."""
    out = []
    for f in figures:
        text, at = f.sentence.text, f.start - f.sentence.start
        if f.metric and CUES.example_opening.search(text):
            person = CUES.example_person.search(text)
            made_up = person is not None and person.end() <= at
        elif f.metric and not CUES.hypothetical.absent(text) and \
                CUES.hypothetical.regex.match(text, len(text) - len(text.lstrip(_OPENING))):
            result = CUES.example_result.search(text)
            made_up = result is not None and result.end() <= at
        else:
            made_up = False
        out.append(replace(f, metric=None, rule="exclusion:example") if made_up else f)
    return out
