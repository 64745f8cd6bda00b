"""Exact money for validators: decimal strings from the API to integer cents and back."""

from __future__ import annotations

from decimal import Decimal

from cu_twin.config.money import format_cents as from_cents

__all__ = ["from_cents", "to_cents"]


def to_cents(text: str) -> int:
    value = Decimal(text) * 100
    if value != value.to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of cents")
    return int(value)
