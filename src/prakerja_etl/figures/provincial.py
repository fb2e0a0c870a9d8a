"""A province's counts against the nation's, once the figures are timed: a national count taken
for a province's count said again, and a year's breakdown by province standing where the nation's
count of that year stands."""

from __future__ import annotations

from dataclasses import replace

from prakerja_etl.figures.extract import RESTATED_PROVINCE, Figure

_BREAKDOWN_METRICS = ("province_recipients", "province_recipient_share")


def restated_elsewhen(figures: list[Figure]) -> list[Figure]:
    """A national count taken for a province's count said again is the nation's after all when,
    timed, it is one year's and none of the province's counts can be of that year: 'pada 2022
    sebanyak 4,98 juta' restates no '… saja 5 juta orang' said in 2024 of the years since 2020."""
    provincial = [g for g in figures
                  if g.metric == "province_recipients" and not g.rule.startswith(RESTATED_PROVINCE)]
    out = []
    for f in figures:
        if f.rule.startswith(RESTATED_PROVINCE) and f.period and not any(
                _of_the_year(g, f) for g in provincial if g.province == f.province):
            f = replace(f, metric="recipients_total", province=None, rule=f.rule[len(RESTATED_PROVINCE):])
        out.append(f)
    return out


def _of_the_year(g: Figure, f: Figure) -> bool:
    """Whether `g` may count what `f` (of a year) counts: of the same year; undated with the same
    basis (its year unknown); or a count since the start standing no later than the next year
    ('500.000 sejak 2020' said in March 2021 is about 2020's '507.341')."""
    assert f.period is not None
    if g.period is not None:
        return g.period[:4] == f.period[:4]
    return g.basis == f.basis or g.as_of is not None and int(g.as_of[:4]) <= int(f.period[:4]) + 1


def breakdown_follows_the_nation(figures: list[Figure], year: int | None, dated: str | None) -> list[Figure]:
    """In an article that counts its own year's recipients only so far ('Hingga Jumat (23/12), …
    penerima tahun ini mencapai 4.962.517 orang'), never as the year's total, that year's province
    counts and shares stated as totals, or as running to the article's date (`dated`) for want of
    their own, break down the same running count: they stand where the nation's count before them
    stands (its first, for those before it)."""
    if year is None:
        return figures
    national = [f for f in figures if f.metric == "recipients_total" and f.province is None
                and f.period == str(year)]
    running = [f for f in national if f.basis == "to_date" and f.as_of]
    if not running or any(f.basis == "total" for f in national):
        return figures
    return [replace(f, basis="to_date",
                    as_of=next((n.as_of for n in reversed(running) if n.start < f.start), running[0].as_of))
            if f.metric in _BREAKDOWN_METRICS and f.period == str(year)
            and (f.basis == "total" or f.basis == "to_date" and f.as_of == dated) else f
            for f in figures]
