"""Amounts per person and aggregates (budgets, sums paid out) differ by orders of magnitude: an
amount of one cannot be the other."""

from __future__ import annotations

PER_PERSON_METRICS = frozenset({"incentive_monthly", "survey_incentive", "training_fee_per_recipient",
                                "incentive_total_per_recipient", "benefit_per_recipient"})
_PER_PERSON_MAX = 1e8
_AGGREGATE_MIN = 1e10


def fits_magnitude(metric: str, value: float) -> bool:
    """Whether an amount of `value` can be one of `metric`."""
    return value < _PER_PERSON_MAX if metric in PER_PERSON_METRICS else value >= _AGGREGATE_MIN


def same_quantity_back(metric: str, earlier: float, unit: str, value: float) -> bool:
    """Whether a figure pointing back to one of `metric` can be that quantity: an amount of its
    magnitude, and for a person's amount the same value ('Artinya, uang tunai yang diterima paling
    banyak Rp700 ribu' after a survey incentive is a sum worked out from it, not the incentive)."""
    return unit != "rupiah" or fits_magnitude(metric, value) and (
        metric not in PER_PERSON_METRICS or value == earlier)
