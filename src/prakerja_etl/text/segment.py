"""Split cleaned article text into lines and sentences, and mask scraper boilerplate.

Boilerplate ('Baca juga: …' links, ad markers, video embeds, market tickers, bylines)
often carries numbers that are not figures of the article, so it is masked before
figures are sought, but stays in the text so offsets still point into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Labels of a list of links to other articles ('Baca juga', 'Artikel terkait').
_LINK_LABELS = (r"baca\s+juga|lihat\s+juga|simak\s+juga|pilihan\s+editor|artikel\s+terkait|berita\s+terkait"
                r"|rekomendasi")
_LINE_MARK = r"^\s*(?:[-–•*>\[(]\s*)?"   # a bullet or bracket a furniture line may open with
# A line that starts like this is page furniture, not article prose.
_BOILERPLATE_START = re.compile(
    _LINE_MARK + r"(?:" + _LINK_LABELS
    + r"|baca\s*:|baca\s+selengkapnya|baca\s+berita|cek\s+juga"
    r"|artikel\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit)|simak\s+breaking\s+news"
    r"|pilih\s+saluran|ikuti\s+(?:kami|juga)|follow\s+(?:kami|us)|klik\s+(?:di\s+)?sini"
    r"|advertisement|iklan\b|scroll\s+to"
    r"|saksikan\s+(?:juga\s+)?video|simak\s+video|tonton\s+(?:juga\s+)?video|video\s*:"
    r"|gambas|cek\s+berita|follow\s+berita|ikuti\s+berita|dapatkan\s+update|download\s+apps?"
    r"|lihat\s+foto|foto\s*:|ilustrasi\s*:|sumber\s+foto|copyright|hak\s+cipta|©"
    r"|waktu\s+baca|dibaca\s+normal|last\s+updated|market\s+watch|share\s*:|bagikan\s*:"
    r"|tag\s*:|tags\s*:|topik\s*:|halaman\s+selanjutnya|komentar\b"
    r")",
    re.IGNORECASE,
)
# A credit line ('Reporter: Dimas Pratama | Editor: …'): the label and a few names. A transcript's
# speaker label opens a paragraph of prose ('Reporter: Tahun lalu, program ini …'), which stays.
_CREDIT_START = re.compile(_LINE_MARK + r"(?:pewarta|editor|penulis|reporter|oleh|author|penyunting)\s*:",
                           re.IGNORECASE)
_CREDIT_WORDS = 6
# 'Baca juga:' can also open in the middle of a line; everything after it is a link.
_INLINE_LINK = re.compile(
    r"\b(?:baca\s+juga|pilihan\s+editor|lihat\s+juga)\s*:|\bartikel\s+ini\s+(?:telah|sudah)\s+tayang",
    re.IGNORECASE)
# A link list's label alone on its line ('BACA JUGA:', 'Artikel Terkait'): the lines under it are
# the titles of other articles, up to a blank line or a line of prose (one ending a sentence).
_LINK_LABEL_LINE = re.compile(_LINE_MARK + r"(?:" + _LINK_LABELS + r"|(?:artikel|berita)\s+lainnya)\W*$",
                              re.IGNORECASE)
_SENTENCE_ENDS = re.compile(r"[.!?][\"'”’)\]]*\s*$")
_PROSE_WORD = re.compile(r"[a-z]{3,}")
_DIGIT = re.compile(r"\d")
# ('[.!?]+' written as one class and its repeat: a pattern that starts with a class is scanned for at
# once, one that starts with a repeat is tried at every position)
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Rp|No|Nomor|Dr|Prof|Ir|Kab|Kep|Prov|Jl|Tn|Ny|dll|dsb|dkk|tsb|St|Bpk|Hj?|Sdr|Kec|Kel"
    r"|Mr|Mrs|Ms|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Agu|Agt|Sep|Sept|Okt|Nov|Des)|\b[A-Z])$"
)
# …but a one-letter Roman numeral after a word it numbers is no initial: '… untuk semester I. Pada Juli …'.
_NUMBERED = re.compile(r"\b(?:semester|triwulan|kuartal|caturwulan|tahap|gelombang|jilid)\s+[IVX]$",
                       re.IGNORECASE)


@dataclass
class Sentence:
    """A sentence of article prose, with its offsets in the cleaned text."""

    start: int
    end: int
    text: str
    line_no: int


@dataclass
class Line:
    start: int
    end: int
    text: str
    boilerplate: bool


def split_lines(text: str) -> list[Line]:
    """Lines of `text`, each flagged when it is page furniture."""
    lines: list[Line] = []
    pos = 0
    titles, listed = False, 0   # under a link list's label: other articles' titles, and how many
    for raw_line in text.split("\n"):
        end = pos + len(raw_line)
        blank = not raw_line.strip()
        if titles and not blank and _SENTENCE_ENDS.search(raw_line):
            titles = False   # prose again
        title = titles and not blank
        lines.append(Line(pos, end, raw_line, title or _is_boilerplate(raw_line)))
        listed += title
        if titles and blank and listed:
            titles = False   # the list ended
        if _LINK_LABEL_LINE.match(raw_line):
            titles, listed = True, 0
        pos = end + 1
    return lines


def _is_boilerplate(line: str) -> bool:
    if _BOILERPLATE_START.match(line):
        return True
    if _CREDIT_START.match(line):
        return len(line.split()) <= _CREDIT_WORDS or not _SENTENCE_ENDS.search(line)
    # Tickers and widgets: numbers with no prose word around them ('IHSG 6.827,51'). (A prose word
    # is found in a line's first letters, a digit may need the whole line: it is sought second.)
    return not _PROSE_WORD.search(line) and bool(_DIGIT.search(line))


def prose_end(line: Line) -> int:
    """End offset of the prose part of a line (before an inline 'Baca juga:' link)."""
    # Each link opener ends in ':' or 'tayang': cheap tests before the ignore-case scan.
    may_link = ":" in line.text or "tayang" in line.text.lower()
    match = _INLINE_LINK.search(line.text) if may_link else None
    return line.start + match.start() if match else line.end


def split_sentences(text: str, lines: list[Line] | None = None) -> list[Sentence]:
    """Sentences of the non-boilerplate lines of `text` (a line break always ends one)."""
    sentences: list[Sentence] = []
    for line_no, line in enumerate(lines if lines is not None else split_lines(text)):
        if line.boilerplate:
            continue
        stop = prose_end(line)
        start = line.start
        for match in _SENTENCE_END.finditer(text, line.start, stop):
            if _ABBREVIATIONS.search(text, max(line.start, match.start() - 6), match.start()) and \
                    not _NUMBERED.search(text, max(line.start, match.start() - 14), match.start()):
                continue
            _append(sentences, text, start, match.start() + 1, line_no)
            start = match.end()
        _append(sentences, text, start, stop, line_no)
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int, line_no: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end], line_no))


def table_header(sentence: Sentence, header: list[str] | None) -> list[str] | None:
    """Header cells of a flattened '|' table; the first row of a run is the header."""
    if "|" not in sentence.text:
        return None
    return header if header is not None else [c.strip() for c in sentence.text.split("|")]
