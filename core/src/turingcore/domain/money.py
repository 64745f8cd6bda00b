"""Money as integer minor units (AUD cents), and exact parsing of decimal inputs.

Amounts arrive as decimal strings (``"1234.50"``) or JSON numbers that the API edge parsed
as ``Decimal`` (never through a float). Inside the core every amount is an ``int`` of cents.
"""

from __future__ import annotations

import re
from decimal import Decimal

CENTS_PER_UNIT = 100
# Twelve digits of whole units is more money than any credit union holds; bounding it keeps
# every amount an exact integer in any JSON reader (well inside 2**53).
AMOUNT_MAX_CENTS = 10**14 - 1
RATE_MAX_DIGITS = 12
RATE_ABS_MAX = 10**6

_AMOUNT_TEXT = re.compile(r"^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,2})?$")
_RATE_TEXT = re.compile(r"^-?[0-9]{1,6}(\.[0-9]{1,12})?$")


class AmountError(ValueError):
    """An amount that is not a decimal with at most two places, or out of range."""


def parse_cents(value: object) -> int:
    """Parse a decimal string, int or Decimal into cents, exactly; refuse anything else."""
    if isinstance(value, bool):
        raise AmountError("amount must be a decimal string or number, not a boolean")
    if isinstance(value, int):
        cents = value * CENTS_PER_UNIT
    elif isinstance(value, str):
        match = _AMOUNT_TEXT.fullmatch(value)
        if match is None:
            raise AmountError("amount must be a decimal with at most 2 decimal places")
        # Digits only, at most 14 + 2 of them: exact integer arithmetic, no Decimal needed.
        whole, fraction = match.group(1), match.group(2)
        cents = int(whole) * CENTS_PER_UNIT + (int(fraction[1:].ljust(2, "0")) if fraction else 0)
        if value[0] == "-":
            cents = -cents
    elif isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        if not isinstance(exponent, int):
            raise AmountError("amount must be finite")
        if exponent < -2:
            raise AmountError("amount must have at most 2 decimal places")
        cents = _decimal_to_cents(value)
    else:
        raise AmountError("amount must be a decimal string or number")
    if abs(cents) > AMOUNT_MAX_CENTS:
        raise AmountError("amount is out of range")
    return cents


def _decimal_to_cents(value: Decimal) -> int:
    if abs(value) > Decimal(AMOUNT_MAX_CENTS):
        raise AmountError("amount is out of range")
    scaled = value * CENTS_PER_UNIT
    if scaled != scaled.to_integral_value():
        raise AmountError("amount must have at most 2 decimal places")
    return int(scaled)


def format_cents(cents: int) -> str:
    """Render cents as a decimal string with exactly two places: ``123450 -> "1234.50"``."""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(cents), CENTS_PER_UNIT)
    return f"{sign}{whole}.{frac:02d}"


def parse_rate(value: object) -> Decimal:
    """Parse an annual rate (a fraction, e.g. ``"0.015"``) exactly; sign is checked by rules."""
    if isinstance(value, bool):
        raise AmountError("rate must be a decimal string or number, not a boolean")
    if isinstance(value, int):
        rate = Decimal(value)
    elif isinstance(value, str):
        if not _RATE_TEXT.fullmatch(value):
            raise AmountError("rate must be a decimal number with at most 12 decimal places")
        rate = Decimal(value)
    elif isinstance(value, Decimal):
        rate = value
    else:
        raise AmountError("rate must be a decimal string or number")
    exponent = rate.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -RATE_MAX_DIGITS or abs(rate) >= RATE_ABS_MAX:
        raise AmountError("rate must be finite, below 1,000,000, with at most 12 decimal places")
    return rate


def format_rate(rate: Decimal) -> str:
    """Render a rate without exponent or trailing zeros: ``Decimal("0.0300") -> "0.03"``."""
    text = format(rate.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
