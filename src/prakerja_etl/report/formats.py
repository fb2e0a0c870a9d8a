"""Numbers as an Indonesian reader writes them: '5,99 juta', 'Rp11 triliun', '5.987.674', '81,2 %'."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_compact_decimal, format_decimal

LOCALE = "id"


def compact(value: float | None, unit: str = "person") -> str:
    """Short form for reading at a glance: '5,99 juta', 'Rp11 triliun', '27,4 %'; '' for None."""
    if value is None:
        return ""
    if unit == "percent":
        return percent(value)
    text = format_compact_decimal(value, format_type="long", locale=LOCALE, fraction_digits=2)
    return f"Rp{text}" if unit == "rupiah" else text


def exact(value: Any, unit: str = "person") -> str:
    """Every digit, grouped: '5.987.674', 'Rp4.200.000', '6.827,51'; '' for None."""
    if value is None:
        return ""
    if unit == "percent":
        return percent(value)
    text = format_decimal(value, format="#,##0.##", locale=LOCALE)
    return f"Rp{text}" if unit == "rupiah" else text


def percent(value: float) -> str:
    """'81,2 %', with at most two decimals."""
    return format_decimal(value, format="#,##0.##", locale=LOCALE) + " %"


def axis(value: float, _position: Any = None) -> str:
    """A chart axis tick: '4 jt', '100 rb' (matplotlib calls it with the tick's position too)."""
    return format_compact_decimal(value, locale=LOCALE, fraction_digits=1)
