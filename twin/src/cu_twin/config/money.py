"""Money for the twin's config and payloads: integer cents inside, decimal strings outside.

Config files may write an amount as a decimal string (``"2.50"``) or a whole number of
dollars (``250``). A YAML float (``2.50`` unquoted) is refused: a float has already lost
the exact value by the time we see it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CENTS_PER_DOLLAR = 100
MONEY_TEXT_LENGTH_MAX = 32


def parse_money_cents(value: object) -> int:
    """Parse a config amount (decimal string or int dollars) into integer cents."""
    if isinstance(value, bool | float):
        raise ValueError(
            "money must be a decimal string such as '2.50' or a whole number, not "
            f"{type(value).__name__} (quote the value in YAML)"
        )
    if isinstance(value, int):
        return value * CENTS_PER_DOLLAR
    if not isinstance(value, str):
        raise ValueError(f"money must be a decimal string or int, not {type(value).__name__}")
    text = value.strip()
    if not text or len(text) > MONEY_TEXT_LENGTH_MAX:
        raise ValueError(f"money must be a short decimal string, got {value!r}")
    try:
        amount = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(f"money must be a decimal string, got {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"money must be finite, got {value!r}")
    cents = amount * CENTS_PER_DOLLAR
    if cents != cents.to_integral_value():
        raise ValueError(f"money has at most 2 decimal places, got {value!r}")
    return int(cents)


def format_cents(cents: int) -> str:
    """Render integer cents as the API's decimal string, e.g. 250 -> '2.50'."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), CENTS_PER_DOLLAR)
    return f"{sign}{whole}.{part:02d}"
