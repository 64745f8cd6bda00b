"""MOD10V01 (Luhn) check digits for BPAY customer reference numbers (06 section 4)."""

from __future__ import annotations

import random

CRN_LENGTH_MIN = 2
CRN_LENGTH_MAX = 20


def _luhn_sum(digits: str, *, double_rightmost: bool) -> int:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if (position % 2 == 0) == double_rightmost:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total


def luhn_check_digit(base: str) -> str:
    """The MOD10V01 check digit to append to ``base`` (a string of digits)."""
    if not base.isdigit():
        raise ValueError(f"base must be digits, got {base!r}")
    return str((10 - _luhn_sum(base, double_rightmost=True) % 10) % 10)


def is_luhn_valid(number: str) -> bool:
    """True when ``number`` (check digit included) passes MOD10V01."""
    if len(number) < 2 or not number.isdigit():
        return False
    return _luhn_sum(number, double_rightmost=False) % 10 == 0


def make_crn(rng: random.Random, length: int) -> str:
    """A random CRN of ``length`` digits ending in its check digit, no leading zero."""
    if not CRN_LENGTH_MIN <= length <= CRN_LENGTH_MAX:
        raise ValueError(f"CRN length must be {CRN_LENGTH_MIN}..{CRN_LENGTH_MAX}")
    first = str(rng.randint(1, 9))
    rest = "".join(str(rng.randint(0, 9)) for _ in range(length - 2))
    base = first + rest
    return base + luhn_check_digit(base)
