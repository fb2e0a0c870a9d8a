"""A stated figure is an interval, not a point (../shared/spec/CLAIMS.md).

Two things widen it: the precision it is written with ("5,5 juta" was rounded or cut off, so
it covers 5,45 up to 5,6 juta; "5.987.674" written in full is exact) and its hedge ("lebih
dari 5 juta" has no upper bound, "sekitar 6 juta" is ±5 %, "hampir 6 juta" is down to 5 % below
and up to the rounding above). Sources conflict only when their
intervals do not overlap. The hedge words live in `schemas/qualifiers.yaml`.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import yaml

from prakerja_etl.reference_data import REFERENCE_DIR

QUALIFIERS_PATH = REFERENCE_DIR / "qualifiers.yaml"
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_NOT_DIGIT = re.compile(r"\D")
# The last written digit is never read as coarser than this share of the value: "5 juta" is
# 4,875-5,25 juta, not 4,5-6 juta.
MAX_STEP_SHARE = 0.05


@lru_cache(maxsize=1)
def _hedges() -> tuple[dict[str, str], float, float]:
    """qualifier → 'at_least' / 'at_most' / 'about' / 'almost'; the about and almost tolerances."""
    data = yaml.safe_load(QUALIFIERS_PATH.read_text(encoding="utf-8"))
    kinds = {" ".join(str(word).lower().split()): kind
             for kind in ("at_least", "at_most", "about", "almost") for word in data[kind]}
    return kinds, float(data["about_tolerance"]), float(data["almost_tolerance"])


def hedge(qualifier: str | None) -> str | None:
    """What the qualifier says about the value, or None for no (or an unknown) hedge."""
    if not qualifier:
        return None
    return _hedges()[0].get(" ".join(qualifier.lower().split()))


def step(value: float, raw_text: str, unit: str) -> float:
    """Place value of the last digit the text states (0 when the figure is exact)."""
    if value == 0:
        return 0.0
    m = _DIGITS.search(raw_text)
    if m is None:
        return 0.0   # a number in words ('lima juta') writes no digit to round: exact, as the scorer reads it
    written = int(_NOT_DIGIT.sub("", m.group()) or 0)
    ratio = abs(value) / written if written else 0.0
    exponent = round(math.log10(ratio)) if ratio else None
    if exponent is None or not math.isclose(ratio, 10.0 ** exponent, rel_tol=1e-6):
        # Mixed forms ('2 juta 300 ribu'): the value's own significant digits.
        digits = f"{abs(value):.15g}".replace(".", "").lstrip("0").rstrip("0") or "0"
        exponent = math.floor(math.log10(abs(value))) - len(digits) + 1
    if exponent <= 0 and unit != "percent":
        return 0.0        # a count written in full, to the unit or below: exact
    return min(10.0 ** exponent, MAX_STEP_SHARE * abs(value))


def interval(value: float, raw_text: str, unit: str, qualifier: str | None) -> tuple[float, float]:
    """(low, high) the true value lies in; -inf / +inf for an open side.

    Rounded or cut off: from half a step below the value to a full step above it. Each bound of
    a range ('3-4,5 juta' gives two figures) is a stated figure of its own, as the annotation
    convention and the shared conflict scorer read it: a source stating '3-4,5 juta' against
    another's '2,9 juta' disagrees at the upper bound.
    """
    s = step(value, raw_text, unit)
    low, high = value - s / 2, value + s
    kind = hedge(qualifier)
    _, about, almost = _hedges()
    if kind == "at_least":
        high = math.inf
    elif kind == "at_most":
        low = -math.inf
    elif kind == "about":
        low, high = min(low, (1 - about) * value), max(high, (1 + about) * value)
    elif kind == "almost":
        # 'hampir' lowers the floor; the number it is said of is still rounded ('hampir 5 juta'
        # of 5.076.928 is loose, not wrong), as the shared conflict scorer reads it.
        low = min(low, (1 - almost) * value)
    return low, high


def stored(bounds: tuple[float, float]) -> tuple[float | None, float | None]:
    """The interval as the warehouse stores it: NULL (None) for an open side."""
    low, high = bounds
    return (low if math.isfinite(low) else None, high if math.isfinite(high) else None)
