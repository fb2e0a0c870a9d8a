"""Compiled cue patterns that skip most texts at once: a pattern is tried only on a text that
contains, case-folded, a word every match of it needs (read from the pattern's parsed form).

Most sentences contain none of a cue's words, and a substring test is far cheaper than trying a
long alternation at every position.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache, lru_cache

# The parsed form of a pattern, to find the words it needs. typeshed stubs only the deprecated
# aliases (sre_parse, sre_constants), not the modules `re` itself uses since 3.11.
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any


def phrase(text: str) -> str:
    """A lexicon phrase as a regex: a space matches any whitespace, 'word*' any suffix, whole words."""
    body = re.sub(r"(?<=[^\W\d_])(?<!\\[A-Za-z])\*", r"\\w*", text)
    body = re.sub(r"^\^ ", r"^\\s*", body)
    body = body.replace(" ?", r"\s*").replace(" ", r"\s+")
    head = r"(?<!\w)" if re.match(r"[\w(]", text) else ""
    tail = r"(?!\w)" if re.search(r"[\w*)?]$", text) else ""
    return f"{head}(?:{body}){tail}"


_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
Needs = tuple[frozenset[str], ...]   # a match contains one string of each set (case-folded)
Parsed = Any   # a parsed pattern (_parser.SubPattern) or a list of its (opcode, argument) items


def _needs(items: Parsed) -> Needs:
    """What every match of a parsed pattern contains; () when nothing is known (a bare '\\w+')."""
    needs: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av).casefold()
            continue
        if op is sre.ASSERT and not _one_character(av[1]):
            needs += _needs(av[1])   # what a lookahead or lookbehind asserts is in the text too
        if op in _ZERO_WIDTH:
            continue   # takes no characters: the literal run goes on
        if run:
            needs.append(frozenset([run]))
            run = ""
        if op is sre.SUBPATTERN:
            needs += _needs(av[-1])
        elif op is sre.BRANCH:
            # one of the branches: any string of the strongest set of each
            branches = [_needs(b) for b in av[1]]
            if all(branches):
                needs.append(frozenset().union(*(max(b, key=lambda s: min(map(len, s))) for b in branches)))
        elif op in _REPEATS and av[0] >= 1:
            needs += _needs(av[2])
    if run:
        needs.append(frozenset([run]))
    return tuple(needs)


def _one_character(items: Parsed) -> bool:
    """A lookaround of one character ('(?=[d])' leading 'dari'): what follows takes it, so
    testing it apart would be a redundant test."""
    return len(items) == 1 and items[0][0] in (sre.LITERAL, sre.IN)


def alternatives(items: Parsed) -> list[Needs] | None:
    """What each top-level alternative of a pattern needs ('a b|c' → [({a}, {b}), ({c},)]); None
    when one of them needs nothing known."""
    core = [(op, av) for op, av in items   # what can take no characters needs nothing
            if op not in _ZERO_WIDTH and not (op in _REPEATS and av[0] == 0)]
    if len(core) == 1 and core[0][0] is sre.SUBPATTERN:
        return alternatives(core[0][1][-1])
    branches = [_needs(b) for b in core[0][1][1]] if len(core) == 1 and core[0][0] is sre.BRANCH \
        else [_needs(items)]
    return branches if all(branches) else None


# A need of more strings than this is not tested: hundreds of substring tests (the regencies'
# names) cost more than the regex they would spare.
_MOST_TESTS = 32


def presence_test(needed: list[Needs] | None) -> str:
    """A test of the case-folded text `t` that holds when it has what one of the alternatives needs,
    written out as one expression of substring tests: far cheaper than a regex or generators."""
    tested = None if needed is None else [[n for n in needs if len(n) <= _MOST_TESTS] for needs in needed]
    if tested is None or not all(tested):
        return "True"
    # What an alternative needs all of is tested from the fewest and longest strings, the likeliest
    # to be absent: the first one absent ends the test.
    return " or ".join("(" + " and ".join("(" + " or ".join(f"{n!r} in t" for n in sorted(one_of)) + ")"
                                          for one_of in sorted(needs, key=_rarest_first)) + ")"
                       for needs in tested)


def _rarest_first(one_of: frozenset[str]) -> tuple[int, int]:
    return len(one_of), -min(map(len, one_of))


def _gate(needed: list[Needs] | None) -> Callable[[str], bool] | None:
    if needed is None:
        return None
    # built only from repr() of the pattern's own literals
    gate: Callable[[str], bool] = eval(f"lambda t: {presence_test(needed)}")
    return gate


@lru_cache(maxsize=4096)
def folded(text: str) -> str:
    return text.casefold()


def first_chars(pattern: str) -> str | None:
    """The characters a match of `pattern` can start with (as written: the pattern's case flags
    apply to them too), None when it can start with more than literal characters."""
    def first(items: Parsed) -> set[str] | None:
        for op, av in items:
            if op in _ZERO_WIDTH:
                continue
            if op is sre.LITERAL:
                return {chr(av)}
            if op is sre.SUBPATTERN:
                return first(av[-1])
            if op is sre.BRANCH:
                branches = [first(b) for b in av[1]]
                known = [b for b in branches if b is not None]
                return set().union(*known) if len(known) == len(branches) else None
            if op in _REPEATS and av[0] >= 1:
                return first(av[2])
            return None
        return None   # nothing but zero-width items
    chars = first(_parser.parse(pattern, re.IGNORECASE))
    return "".join(sorted(chars)) if chars else None


def led_by(pattern: str, firsts: str | None) -> str:
    """`pattern` after a lookahead of its first characters, which lets a scan pass other positions
    at once (an alternation of ignore-case phrases is otherwise entered at every one)."""
    return pattern if firsts is None else f"(?=[{re.escape(firsts)}])(?:{pattern})"


def at_word_start(alternatives: Iterable[tuple[str, str]]) -> str:
    """Alternatives, each given as its first letter and the pattern of the rest of it, as one
    alternation at a word start that matches the letter in any case: one branch for each character
    the letter matches, which sre skips after comparing that one character, and whose first
    characters lead sre's scan (it passes other characters at once, where a pattern that starts
    with a lookahead or a lookbehind is tried at every position). In a branch the alternatives keep
    their order, and alternatives of different branches cannot start at the same place."""
    groups: dict[str, list[str]] = {}
    for letter, rest in alternatives:
        groups.setdefault(letter.lower(), []).append(rest)
    return "(?:" + "|".join(f"{re.escape(variant)}(?<!\\w.)(?:{'|'.join(rests)})"
                            for letter, rests in groups.items() for variant in case_variants(letter)) + ")"


@cache
def case_variants(letter: str) -> str:
    """Every character an ignore-case `letter` matches: its two cases and the few other characters
    Unicode folds to it (Kelvin sign K for k, long s for s). No character beyond the first 65,536
    folds to an ASCII letter."""
    return "".join(sorted({letter, letter.upper()} | set(re.findall(f"(?i:{letter})", _non_ascii()))))


@lru_cache(maxsize=1)
def _non_ascii() -> str:
    return "".join(map(chr, range(128, 0x10000)))


class Prefiltered:
    """A compiled pattern that first looks, in the case-folded text, for a word every match needs:
    most sentences contain none of a cue's words, and a substring test is far cheaper than
    trying a long alternation at every position. A pattern anchored at the start (`^`, `match`,
    `fullmatch`) is tried at one place only, which costs less than looking through the whole text."""

    __slots__ = ("regex", "pattern", "flags", "_gate", "_last", "_last_absent")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex, self.pattern, self.flags = regex, regex.pattern, regex.flags
        parsed = _parser.parse(regex.pattern, regex.flags)
        anchored = bool(parsed.data) and parsed.data[0] == (sre.AT, sre.AT_BEGINNING)
        self._gate = None if anchored else _gate(alternatives(parsed))
        self._last, self._last_absent = "", self._gate is not None and not self._gate("")

    def absent(self, text: str) -> bool:
        """Whether no match can be in `text` (nor in any part of it)."""
        if self._gate is None:
            return False
        if text != self._last:   # the same sentence is asked once per figure
            self._last, self._last_absent = text, not self._gate(folded(text))
        return self._last_absent

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return None if self.absent(text) else self.regex.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.regex.fullmatch(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return iter(()) if self.absent(text) else self.regex.finditer(text, pos, endpos)


def compile_cue(pattern: str, flags: int = 0) -> Prefiltered:
    return Prefiltered(re.compile(pattern, flags))
