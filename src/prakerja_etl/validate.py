"""Validate rows against their Pandera model; failing rows become quarantine rows."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pandera.errors as pe
import pandera.pandas as pa

# What a failed check means, for the person reading the quarantine.
CHECK_MEANINGS = {
    "metric_in_catalog": "the metric is not in the catalog",
    "province_in_reference": "the province code is not in the province reference",
    "unit_matches_metric": "the unit differs from the unit of its metric",
    "share_within_0_100": "a share of recipients must lie between 0 and 100 percent",
    "ordinal_is_positive_integer": "a position in a sequence must be a whole number from 1",
    "span_is_ordered": "the character span ends before it starts",
    "span_inside_text": "the character span lies outside the article text",
    "greater_than_or_equal_to": "the value is below its allowed minimum",
    "less_than_or_equal_to": "the value is above its allowed maximum",
    "isin": "the value is not one of the allowed values",
    "not_nullable": "a required value is missing",
    "field_uniqueness": "the id is not unique",
    "str_matches": "the text does not have the required form",
    "amount_is_non_negative": "a number of persons or things cannot be negative",
    "province_name_is_official": "the province name is not the reference's name for its code",
}


def split_valid(model: type[pa.DataFrameModel],
                df: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """(valid rows, [{'reason', 'payload'}] for each rejected row) — nothing is dropped silently."""
    if df.empty:
        return df, []
    try:
        return model.validate(df, lazy=True), []
    except pe.SchemaErrors as err:
        cases = err.failure_cases
    reasons: dict[Any, set[str]] = {}
    for case in cases[cases["index"].notna()].to_dict("records"):
        reasons.setdefault(case["index"], set()).add(_describe(case))
    if cases["index"].isna().any():
        # A column that cannot take its type (a date past 2262, a count past 2**63) fails as a
        # whole: find the cells that cannot, so only their rows are rejected.
        for index, reason in _uncoercible(model, df):
            reasons.setdefault(index, set()).add(reason)
    bad = df.index.isin(list(reasons))
    rejected = [_quarantined(df.loc[i], "; ".join(sorted(reasons[i]))) for i in df.index[bad]]
    try:
        return model.validate(df[~bad], lazy=True), rejected
    except pe.SchemaErrors as err:
        # Still failing with no row to blame (a missing column): every row is affected.
        reason = "; ".join(sorted({_describe(c) for c in err.failure_cases.to_dict("records")}))
        return df.iloc[0:0], rejected + [_quarantined(row, reason) for _, row in df[~bad].iterrows()]


def _uncoercible(model: type[pa.DataFrameModel], df: pd.DataFrame) -> list[tuple[Any, str]]:
    """(row index, reason) of each cell whose value its column's type cannot hold."""
    found = []
    for name, column in model.to_schema().columns.items():
        if name not in df or _coerces(column.dtype, df[name]):
            continue
        found += [(index, f"{name}={value!r}: cannot be stored as {column.dtype}")
                  for index, value in df[name].items()
                  if not _missing(value) and not _coerces(column.dtype, pd.Series([value], dtype=object))]
    return found


def _coerces(dtype: Any, values: pd.Series) -> bool:
    try:
        dtype.try_coerce(values)
    except Exception:  # noqa: BLE001 - pandera and pandas raise many kinds for an impossible value
        return False
    return True


def _describe(case: dict[str, Any]) -> str:
    check = str(case["check"])
    name = check.split("(")[0]
    meaning = CHECK_MEANINGS.get(name, f"failed check {check}")
    if case.get("schema_context") == "Column":
        return f"{case['column']}={case['failure_case']!r}: {meaning}"
    return meaning


def _quarantined(row: pd.Series, reason: str) -> dict[str, Any]:
    payload = {k: (None if _missing(v) else v) for k, v in row.to_dict().items()}
    return {"reason": reason, "payload": json.dumps(payload, default=str, ensure_ascii=False)}


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
