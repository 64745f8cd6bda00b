"""Exact money for validators: decimal strings from the API to integer cents."""

from __future__ import annotations

from decimal import Decimal


def to_cents(text: str) -> int:
    value = Decimal(text) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of cents")
    return int(value)


def from_cents(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), 100)
    return f"{sign}{whole}.{frac:02d}"
