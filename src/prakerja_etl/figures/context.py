"""What the lines around a sentence say of its figures: a heading or a question above it, the line
announcing the list it is a row of, the province the article named last."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prakerja_etl.figures import classify as cls
from prakerja_etl.figures import places
from prakerja_etl.figures.subject import NEUTRAL, PRAKERJA, SentenceSubjects
from prakerja_etl.text.provinces import Province
from prakerja_etl.text.segment import Sentence

if TYPE_CHECKING:
    from prakerja_etl.figures.extract import Figure

# The rule prefix of a national count taken for the province's count its sentence points back to.
POINTED_BACK_PROVINCE = "pointed-back-province:"


def heading_above(sentence: Sentence, previous: Sentence | None, heading: Sentence | None,
                  previous_had_figures: bool) -> Sentence | None:
    """The line that may say what the sentence's figures are: the sentence before when it has no
    figures (a heading, a question), or the line announcing a list ('Berikut sepuluh provinsi …:')
    for each of its rows."""
    row = previous is not None and is_heading(sentence, previous)
    if previous and (row and _announces(previous.text) or not previous_had_figures):
        return previous
    if row and heading is not None and (_announces(heading.text) or _same_table(heading, sentence)):
        return heading
    return None


def _same_table(header: Sentence, row: Sentence) -> bool:
    """Whether `row` is a row of the flattened '|' table whose first line is `header`."""
    return "|" in header.text and "|" in row.text


def column_title(heading: Sentence | None, row: Sentence, start: int) -> str | None:
    """The words titling the column a cell of a flattened '|' table row stands in ('Tahun | Peserta |
    Pagu' over '2022 | 2,4 juta | Rp8,5 triliun'): what the cell is, when its own words are none.
    None for a title of no words ('Provinsi | 2020 | 2021': a year says when, not what)."""
    if heading is None or not _same_table(heading, row):
        return None
    titles = heading.text.split("|")
    column = row.text[:start].count("|")
    title = titles[column].strip() if column < len(titles) else ""
    return title if any(c.isalpha() for c in title) else None


def _announces(text: str) -> bool:
    """Whether a line announces the rows under it: 'Berikut sepuluh provinsi …:', or a section label
    in capitals ('PENERIMA', 'BANTUAN PER PENERIMA')."""
    return text.rstrip().endswith(":") or text.isupper() and len(text.split()) <= 4


def last_named_province(sentences: list[Sentence], sentence: Sentence) -> Province | None:
    """The province the article named last before `sentence` (read back only when a sentence points
    to one)."""
    for earlier in reversed(sentences[:sentences.index(sentence)]):
        named = places.SentencePlaces(earlier.text).mentions
        if named:
            return named[-1].province
    return None


def is_heading(line: Sentence, other: Sentence) -> bool:
    """Whether `line` is on a line of its own apart from `other` and no full stop ends it: a heading
    or a question above `other`, or a row of a list after it ('2. DKI Jakarta — 486,4 ribu')."""
    return line.line_no != other.line_no and not line.text.rstrip().endswith(".")


def under_heading(ctx: cls.Context, heading: str) -> tuple[cls.Decision, Province | None] | None:
    """'Berapa jumlah penerima tahun 2022? / Jumlahnya 2,98 juta orang', 'Anggaran 2024 / Pemerintah
    menyiapkan Rp4,86 triliun': the first figure of a sentence that does not say what it is, under a
    sentence without figures that names a quantity of the programme, is that quantity (of the one
    province it names, if any)."""
    if any(m[2] not in (PRAKERJA, NEUTRAL) for m in SentenceSubjects(heading, None).mentions):
        return None   # the heading is about another programme or a statistic
    named = {m.province for m in places.SentencePlaces(heading).mentions} if ctx.unit == "person" else set()
    province = named.pop() if len(named) == 1 else None   # (a share of one needs the province close)
    framed = replace(ctx, left=f"{heading} {ctx.left}", left_clause=f"{heading} {ctx.left_clause}",
                     sentence_before=f"{heading} {ctx.sentence_before}",
                     clause_before=f"{heading} {ctx.clause_before}",
                     province_left=ctx.province_left or province is not None)
    decision = cls.classify(framed)
    if decision.metric is None:
        return None
    return cls.Decision(decision.metric, cls.HEADING + decision.rule), province


def compared_back(earlier: list[Figure], unit: str, sentence: Sentence) -> Figure | None:
    """The figure a sentence pointing back compares with ('Angka itu naik dibandingkan tahun lalu
    yang …'): the last of its unit with a metric, in the two lines before it."""
    prev = next((f for f in reversed(earlier[-6:]) if f.unit == unit and f.metric), None)
    return prev if prev is not None and prev.sentence.line_no >= sentence.line_no - 2 else None


def of_pointed_back(ctx: cls.Context, metric: str | None, rule: str, earlier: list[Figure],
                    sentence: Sentence, compared: bool) -> tuple[str | None, str, Province | None]:
    """(metric, rule, province) of a national count in a sentence pointing back to a province's count:
    compared with it ('Angka itu melampaui capaian tahun lalu yang 26 ribu peserta'), that
    quantity at another time; else some of it ('Dari jumlah itu, 9 ribu orang merupakan penerima
    tahun ini'): either way of its province (not when the sentence names the nation). As decided,
    and of no province, otherwise."""
    if not cls.LEX.anaphora.search(ctx.sentence_before) or cls.LEX.national.search(ctx.sentence_before):
        return metric, rule, None
    prev = compared_back(earlier, ctx.unit, sentence)
    if prev is None or prev.province is None or metric is None or cls.national(prev.metric) != metric:
        return metric, rule, None
    some_of_it = cls.LEX.part_of_pointed_back.search(ctx.sentence_before) and ctx.value < prev.value
    if not compared and not some_of_it:
        return metric, rule, None
    return prev.metric, "compared-with-previous" if compared else POINTED_BACK_PROVINCE + rule, prev.province
