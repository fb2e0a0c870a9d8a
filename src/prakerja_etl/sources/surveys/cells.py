"""The cells of a survey table: its lines (merged cells copied into every cell they cover), where a
cell is, and how a cell's text reads as a number (Indonesian notation) or as a label."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from openpyxl.utils import get_column_letter

NO_DATA = frozenset({"-", "–", "—", "−"})
# Indonesian notation only: '.' groups thousands in threes, ',' marks decimals.
_ID_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?")


@dataclass(frozen=True)
class Line:
    """One row of the file or sheet; merged-cell values are copied into every cell they cover."""

    number: int
    cells: tuple[Any, ...]
    copied: frozenset[int] = frozenset()

    def text(self, index: int) -> str:
        """Cell text, trimmed; '' beyond the row's end."""
        return cell_text(self.cells[index]) if index < len(self.cells) else ""

    def own(self) -> list[tuple[int, str]]:
        """(index, text) of the non-empty cells that hold their own value, not a merged copy."""
        texts = ((i, self.text(i)) for i in range(len(self.cells)) if i not in self.copied)
        return [(i, t) for i, t in texts if t]

    def blank(self) -> bool:
        """True for an empty line or one of delimiters only."""
        return not any(self.text(i) for i in range(len(self.cells)))

    def joined(self) -> str:
        """The line as one text: its own non-empty cells joined by a space."""
        return " ".join(t for _, t in self.own()).strip()


@dataclass(frozen=True)
class Grid:
    """The cells of a table file: its lines and, for XLSX, the sheet name."""

    lines: list[Line]
    sheet: str | None

    def ref(self, line: Line, index: int) -> str:
        """The cell's reference: 'B7' in a sheet, 'r7c2' in a CSV file."""
        if self.sheet is None:
            return f"r{line.number}c{index + 1}"
        return f"{get_column_letter(index + 1)}{line.number}"


def cell_number(raw: Any) -> float | None:
    """A numeric cell as is, or text in Indonesian notation; None when it is neither."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return float(raw) if math.isfinite(raw) else None
    return parse_number(raw) if isinstance(raw, str) else None


def cell_reason(raw: Any, ref: str, label: str, column: str) -> str:
    """Why a value cell is unusable, and what was expected."""
    where = f"cell {ref} (row {label!r}, column {column!r})"
    if raw is None or cell_text(raw) == "":
        return f"{where} is empty; expected a number or '-' for no data"
    if not isinstance(raw, str | int | float):
        # Excel turns '2,3' into a date when the sheet is opened in another locale.
        return f"{where} holds a {type(raw).__name__} ({cell_text(raw)!r}), not a number"
    return (f"{where}: {cell_text(raw)!r} is not a number; expected Indonesian notation "
            f"(48,70 / 793.400 / 5.407.220) or '-' for no data")


def parse_number(text: str) -> float | None:
    """'48,70' → 48.7, '5.407.220' → 5407220; None for anything not in Indonesian notation."""
    compact = re.sub(r"\s+", "", text).removesuffix("%")
    if not _ID_NUMBER.fullmatch(compact):
        return None
    return float(compact.replace(".", "").replace(",", "."))


def cell_text(value: Any) -> str:
    """A cell or YAML value as trimmed text; whole floats without '.0' (XLSX header 2020.0)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def fold(text: str) -> str:
    """Compare labels and headers case- and spacing-blind."""
    return " ".join(text.split()).casefold()
