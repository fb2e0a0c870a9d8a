"""What each figure of a sentence is about: Kartu Prakerja, or another programme or statistic.

Names come from `schemas/subjects.yaml`. A figure takes the subject named in its own clause
(the nearest before it, or one right after it: '12 juta penerima BSU'), else the last one named
earlier in the sentence; a sentence that names none and points back ('Bantuan itu …') keeps
the subject the previous sentence ended with. In 'penerima BSU 12 juta, sementara penerima
Kartu Prakerja 5,9 juta' each figure gets its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from prakerja_etl.figures.lazy import cached
from prakerja_etl.figures.lexicon import Subject, Subjects, load
from prakerja_etl.figures.prefilter import case_variants

# Punctuation, a spaced dash, 'sementara', 'sedangkan', 'adapun'; not the decimal comma of 2,9.
# (Led by the class of what every break starts with, in any case, which sre's scan passes at once
# where a leading lookahead is tried at every position; the character's lookbehind picks the kind.)
_CLAUSE_BREAK = re.compile(r"[,;:\s" + case_variants("s") + case_variants("a") + "]"
                           r"(?:[-–](?<=\s[-–])\s|(?<=[,;:])(?:(?<=[;:])|(?<!\d,)|(?!\d))"
                           r"|(?<!\w.)(?i:(?<=s)(?:ementara|edangkan)|(?<=a)dapun)\b)")
# A break starting this many characters before a text's end reads nothing past it (' sementara'
# and the word boundary after it take ten).
_BREAK_READS = 12
_RIGHT_WORDS = 3   # a name this many words after the figure still belongs to its noun phrase
_FIRST_WORD = re.compile(r"\W*([^\W\d_]{4,})")   # (a word of four letters or more: no 'dan', 'itu')
_WORDS = re.compile(r"[^\W\d_]+")
_FRONTED = re.compile(r"\W*(?:untuk|bagi|dalam|pada)\s[^,;.]*$", re.IGNORECASE)   # an opening phrase
PRAKERJA = Subjects.PRAKERJA
NEUTRAL = Subjects.NEUTRAL
_SUBJECTS = load().subjects


class SentenceSubjects:
    """The subject mentions of one sentence, asked once per figure."""

    def __init__(self, text: str, previous: SentenceSubjects | None) -> None:
        self.text = text
        self._previous = previous

    @cached
    def mentions(self) -> list[tuple[int, int, Subject]]:
        return _SUBJECTS.find(self.text)

    @cached
    def carried(self) -> Subject | None:
        # (asked only for a figure no name in its own sentence comes before: 'Bantuan itu disalurkan
        # kepada 14,6 juta pekerja, dan tidak pernah diberikan kepada peserta Prakerja')
        if self._previous is None or not (
                _SUBJECTS.carry.match(self.text) or self._opens_with_previous_name()):
            return None
        # 'Program ini' points back to a programme, never to a statistic or a country; after a
        # sentence that compares several subjects it is ambiguous, so nothing is carried.
        named = {m[2] for m in self._previous.mentions if m[2] is not Subjects.NEUTRAL}
        last = self._previous.last()
        if last is None or len(named) > 1 or last.kind not in ("programme", "umbrella", "prakerja"):
            return None
        return last

    def of(self, start: int, end: int, next_start: int, unit: str | None = None) -> Subject | None:
        """The subject of the figure at text[start:end] (in `unit`); None when nothing is named
        (Prakerja). A subject whose figures come in other units is not its subject."""
        if not self.mentions:
            return self.carried   # nothing named in the sentence: no need for its clauses
        mentions = [m for m in self.mentions if m[2].owns(unit)]
        if not mentions:
            return None
        text = self.text
        clause_end = min(self._break_from(end), next_start)
        clause_start = self._last_break_end(start)
        after = [m for m in mentions if end <= m[0] < clause_end
                 and (len(text[end:m[0]].split()) <= _RIGHT_WORDS
                      or _SUBJECTS.receiving.search(text, end, m[0]))]
        if after:
            return after[0][2]
        before = [m for m in mentions if m[1] <= start]
        in_clause = [m for m in before if m[0] >= clause_start]
        if in_clause:
            return in_clause[-1][2]
        # 'Untuk program PEN, negara menyiapkan Rp695,2 triliun': an umbrella in the phrase the
        # sentence opens with frames what follows it, up to another name
        if before and before[-1][2].kind == "umbrella" and _FRONTED.match(text, 0, before[-1][0]):
            return before[-1][2]
        earlier = [m for m in before if m[2].kind != "umbrella"]
        if earlier:
            return earlier[-1][2]
        return self.carried

    @cached
    def _breaks(self) -> list[tuple[int, int]]:
        """Where the sentence's clauses break (once per sentence, not once per figure)."""
        return [m.span() for m in _CLAUSE_BREAK.finditer(self.text)]

    def _last_break_end(self, start: int) -> int:
        """Where the last clause break of text[:start] ends (0 for none): the sentence's breaks that
        read nothing past `start`, then its last few characters scanned again as the end of a text."""
        breaks = self._breaks
        safe = bisect_right(breaks, start - _BREAK_READS, key=lambda span: span[0])
        last = breaks[safe - 1][1] if safe else 0
        resume = max(last, start - _BREAK_READS + 1, 0)
        return max((m.end() for m in _CLAUSE_BREAK.finditer(self.text, resume, start)), default=last)

    def _break_from(self, end: int) -> int:
        """Where the first clause break at or after `end` starts (the text's end for none)."""
        breaks = self._breaks
        i = bisect_right(breaks, end - 1, key=lambda span: span[0])
        if i and breaks[i - 1][1] > end:   # a break across `end` hides any that starts inside it
            brk = _CLAUSE_BREAK.search(self.text, end)
            return brk.start() if brk else len(self.text)
        return breaks[i][0] if i < len(breaks) else len(self.text)

    def _opens_with_previous_name(self) -> bool:
        """'… bantuan subsidi gaji atau BSU. Subsidi Rp600.000 per bulan itu …': the sentence opens with
        a word of the name of the programme the sentence before ended with."""
        assert self._previous is not None
        first = _FIRST_WORD.match(self.text)
        if first is None or first[1].lower() not in _SUBJECTS.name_words:
            return False   # (most sentences: no need to read the one before)
        last = self._previous.last()
        if last is None or last.kind != "programme":
            return False
        named = " ".join(self._previous.text[a:b] for a, b, named_subject in self._previous.mentions
                         if named_subject is last)
        return first[1].lower() in {w.lower() for w in _WORDS.findall(named)}

    def last(self) -> Subject | None:
        """The subject the sentence ends with, for a next sentence that points back."""
        return self.mentions[-1][2] if self.mentions else self.carried
