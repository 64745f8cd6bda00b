"""Money: exact cents from decimal strings and numbers, and back, and rates."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from turingcore.domain.money import (
    AMOUNT_MAX_CENTS,
    AmountError,
    format_cents,
    format_rate,
    parse_cents,
    parse_rate,
)

cents_in_range = st.integers(min_value=-AMOUNT_MAX_CENTS, max_value=AMOUNT_MAX_CENTS)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(0, "0.00"), (5, "0.05"), (-5, "-0.05"), (10, "0.10"), (123450, "1234.50"), (-100, "-1.00")],
)
def test_format_cents_renders_exactly_two_places(cents: int, text: str) -> None:
    assert format_cents(cents) == text


@pytest.mark.parametrize(
    ("value", "cents"),
    [
        ("1234.5", 123450),
        ("1234.50", 123450),
        ("0.01", 1),
        ("-0.01", -1),
        (7, 700),
        (Decimal("2.3"), 230),
    ],
)
def test_parse_cents_is_exact(value: object, cents: int) -> None:
    assert parse_cents(value) == cents


@pytest.mark.parametrize(
    "value", [True, 1.5, None, "1.001", Decimal("NaN"), Decimal("Infinity"), [1]]
)
def test_parse_cents_refuses_anything_but_an_exact_two_place_decimal(value: object) -> None:
    with pytest.raises(AmountError):
        parse_cents(value)


@pytest.mark.parametrize("value", [AMOUNT_MAX_CENTS + 1, -(AMOUNT_MAX_CENTS + 1)])
def test_parse_cents_refuses_amounts_beyond_the_maximum(value: int) -> None:
    with pytest.raises(AmountError):
        parse_cents(format_cents(value))


@settings(max_examples=300)
@given(cents_in_range)
def test_parse_cents_inverts_format_cents(cents: int) -> None:
    assert parse_cents(format_cents(cents)) == cents


@settings(max_examples=300)
@given(
    negative=st.booleans(),
    whole=st.integers(min_value=0, max_value=999_999_999_999),
    fraction=st.text(alphabet="0123456789", min_size=0, max_size=2),
)
def test_parse_cents_of_any_two_place_decimal_text_is_exact(
    negative: bool, whole: int, fraction: str
) -> None:
    text = f"{'-' if negative else ''}{whole}" + (f".{fraction}" if fraction else "")
    expected = (whole * 100 + int(fraction.ljust(2, "0"))) * (-1 if negative else 1)

    assert parse_cents(text) == expected
    assert parse_cents(Decimal(text)) == expected


@settings(max_examples=200)
@given(
    whole=st.integers(min_value=0, max_value=10**6),
    fraction=st.text(alphabet="0123456789", min_size=3, max_size=6).filter(
        lambda f: f.rstrip("0") and len(f.rstrip("0")) > 2
    ),
)
def test_parse_cents_refuses_any_amount_with_a_significant_third_decimal(
    whole: int, fraction: str
) -> None:
    with pytest.raises(AmountError):
        parse_cents(f"{whole}.{fraction}")
    with pytest.raises(AmountError):
        parse_cents(Decimal(f"{whole}.{fraction}"))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("0.015", "0.015"),
        (Decimal("0.0300"), "0.03"),
        (0, "0"),
        (Decimal("1E-12"), "0.000000000001"),
        (5, "5"),
    ],
)
def test_rates_parse_exactly_and_format_without_exponent_or_trailing_zeros(
    value: object, text: str
) -> None:
    assert format_rate(parse_rate(value)) == text


@pytest.mark.parametrize("value", [True, 0.015, "1e-3", "0.0000000000001", Decimal("NaN")])
def test_parse_rate_refuses_booleans_floats_and_more_than_twelve_places(value: object) -> None:
    with pytest.raises(AmountError):
        parse_rate(value)
