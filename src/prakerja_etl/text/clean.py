"""Repair scraped article text without losing the way back to the original characters.

Every repair (HTML tags and entities, mojibake, invisible characters) is an edit with a
known position, so a span in the cleaned text maps back to a span in the decoded file.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

import ftfy

# Block-level tags end a line: scrapers often save '<p>…</p><br>' instead of newlines.
_BLOCK_TAGS = {"p", "br", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
               "ul", "ol", "table", "section", "article", "blockquote", "hr"}
# Windows-1252 characters that UTF-8 mojibake of Indonesian text consists of.
_MOJIBAKE_TAIL = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_INVISIBLE = "\u0000\u200b\u200c\u200d\u2060\ufeff\u00ad"
# An edit starts with one of these characters, matched first: a pattern that starts with a class is
# scanned for at once (a lookahead of it is tried at every position). Each kind then checks the
# character it starts with: '<' a tag, '&' an entity, 'Â'… a run of mojibake, or an invisible one.
_EDIT_RE = re.compile(
    rf"[<&\u00c2\u00c3\u00e2{_INVISIBLE}]"
    r"(?:(?<=<)(?P<tag>/?(?P<tagname>[a-zA-Z][a-zA-Z0-9]*)\b[^<>\n]{0,300}?/?>)"
    r"|(?<=&)(?P<entity>(?:[a-zA-Z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,5});)"
    rf"|(?<=[\u00c2\u00c3\u00e2])(?P<mojibake>[{_MOJIBAKE_TAIL}]*)"
    rf"|(?<=[{_INVISIBLE}])(?P<invisible>))"
)
# One-to-one replacements keep offsets; unusual spaces would break number patterns. No result
# is itself replaced, so one str.replace per character (fast when it is absent) is a translation.
_SAME_LENGTH = {
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\t": " ",
    "\r": "\n", "\u2028": "\n", "\u2029": "\n",
    "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2013": "-", "\u2014": "-",
}


@dataclass
class CleanText:
    """Cleaned text plus anchors that map its offsets back to the decoded original."""

    text: str
    _clean_anchors: list[int] = field(default_factory=list)
    _raw_anchors: list[int] = field(default_factory=list)

    def to_raw(self, pos: int) -> int:
        """Offset in the original text of offset `pos` in the cleaned text."""
        i = bisect_right(self._clean_anchors, pos) - 1
        if i < 0:
            return pos
        raw = self._raw_anchors[i] + (pos - self._clean_anchors[i])
        # A position inside a replacement must not run past the replaced original.
        if i + 1 < len(self._raw_anchors):
            raw = min(raw, self._raw_anchors[i + 1])
        return raw


def _replacement(match: re.Match[str]) -> str:
    if match.group("tag") is not None:
        return "\n" if match.group("tagname").lower() in _BLOCK_TAGS else " "
    if match.group("entity") is not None:
        return html.unescape(match.group(0))
    if match.group("mojibake") is not None:
        return _repaired(match.group(0))
    return ""


@lru_cache(maxsize=256)
def _repaired(mojibake: str) -> str:
    """The characters a run of mojibake stood for: a text repeats the same few runs ('Â ' for each
    of its spaces), and ftfy costs far more than looking one up."""
    fixed = ftfy.fix_text(mojibake)
    # ftfy leaves a lone 'Â' (its NBSP was lost) and 'â€' (its closing quote byte lost).
    return fixed.replace("\u00e2\u20ac", '"').replace("\u00c2", "")


def clean_text(raw: str) -> CleanText:
    """Strip HTML remnants, repair mojibake and normalise spaces, keeping an offset map."""
    pieces: list[str] = []
    clean_anchors: list[int] = []
    raw_anchors: list[int] = []
    raw_pos = clean_pos = 0
    for match in _EDIT_RE.finditer(raw):
        new = _replacement(match)
        if new == match.group(0):
            continue
        start, end = match.span()
        pieces.append(raw[raw_pos:start])
        clean_pos += start - raw_pos
        # Anchor at the start of the replacement and right after it.
        clean_anchors.append(clean_pos)
        raw_anchors.append(start)
        pieces.append(new)
        clean_pos += len(new)
        clean_anchors.append(clean_pos)
        raw_anchors.append(end)
        raw_pos = end
    pieces.append(raw[raw_pos:])
    text = "".join(pieces)
    for char, same_length in _SAME_LENGTH.items():
        text = text.replace(char, same_length)
    return CleanText(text, clean_anchors, raw_anchors)
