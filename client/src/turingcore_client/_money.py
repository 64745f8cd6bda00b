"""Money at the client's edge: int cents or ``Decimal`` in, 2-place decimal strings out.

The API carries amounts as decimal strings (``"1234.50"``). Callers hand the builders an
``int`` number of cents (preferred) or an exact ``Decimal``; a ``float`` is refused
everywhere, because a binary float cannot hold most cent values exactly. Amounts read from
responses stay strings on the models; :func:`to_cents` turns them into ``int`` cents.
"""

from __future__ import annotations

import re
from decimal import Decimal

Money = int | Decimal
"""An amount a builder accepts: ``int`` cents, or a ``Decimal`` with at most 2 places."""

CENTS_PER_UNIT = 100
_CENT = Decimal("0.01")
_AMOUNT_TEXT = re.compile(r"^-?[0-9]{1,16}(\.[0-9]{1,2})?$")


def format_money(amount: Money) -> str:
    """Render ``amount`` as the API's decimal string with two places.

    ``int`` values are cents (``123450`` -> ``"1234.50"``); ``Decimal`` values are units
    (``Decimal("1234.5")`` -> ``"1234.50"``) and may carry at most 2 decimal places.
    Raises ``TypeError`` for ``float``, ``bool`` or anything else, and ``ValueError`` for
    a non-finite ``Decimal`` or one with more than 2 places.
    """
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(
            f"money must be int cents or Decimal, not {type(amount).__name__}"
            " (floats are never exact)"
        )
    if isinstance(amount, int):
        sign = "-" if amount < 0 else ""
        units, cents = divmod(abs(amount), CENTS_PER_UNIT)
        return f"{sign}{units}.{cents:02d}"
    if not amount.is_finite():
        raise ValueError(f"money must be finite, got {amount}")
    quantized = amount.quantize(_CENT)
    if quantized != amount:
        raise ValueError(f"money has at most 2 decimal places, got {amount}")
    return format(quantized, "f")


def to_cents(amount: str) -> int:
    """Parse an API decimal string (``"1234.50"``, ``"-3.1"``, ``"7"``) into ``int`` cents.

    Raises ``TypeError`` for anything but ``str`` (a float is never accepted) and
    ``ValueError`` for text that is not a decimal with at most 2 places.
    """
    if not isinstance(amount, str):
        raise TypeError(f"to_cents takes the API's decimal string, not {type(amount).__name__}")
    if not _AMOUNT_TEXT.match(amount):
        raise ValueError(f"not a decimal amount with at most 2 places: {amount!r}")
    return int(Decimal(amount) * CENTS_PER_UNIT)
