"""Amortising-loan arithmetic in Decimal, returning whole cents (never floats for money).

Used to give loans migrated in at seed a balance consistent with their age, and to size
the monthly repayment the plan debits from the member's transaction account.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

MONTHS_PER_YEAR = 12
_PRECISION = 34


def _monthly_rate(annual_rate: Decimal) -> Decimal:
    return annual_rate / MONTHS_PER_YEAR


def monthly_repayment_cents(principal_cents: int, annual_rate: Decimal, term_months: int) -> int:
    """The level monthly repayment that clears ``principal_cents`` in ``term_months``."""
    if term_months <= 0:
        raise ValueError("term_months must be positive")
    with localcontext() as context:
        context.prec = _PRECISION
        rate = _monthly_rate(annual_rate)
        if rate == 0:
            payment = Decimal(principal_cents) / term_months
        else:
            payment = Decimal(principal_cents) * rate / (1 - (1 + rate) ** -term_months)
        return int(payment.to_integral_value(rounding=ROUND_CEILING))


def principal_for_repayment_cents(
    repayment_cents: int, annual_rate: Decimal, term_months: int
) -> int:
    """The largest principal a ``repayment_cents`` monthly repayment clears in the term."""
    with localcontext() as context:
        context.prec = _PRECISION
        rate = _monthly_rate(annual_rate)
        if rate == 0:
            principal = Decimal(repayment_cents) * term_months
        else:
            principal = Decimal(repayment_cents) * (1 - (1 + rate) ** -term_months) / rate
        return int(principal.to_integral_value(rounding=ROUND_FLOOR))


def balance_after_payments_cents(
    principal_cents: int, annual_rate: Decimal, term_months: int, payments: int
) -> int:
    """What is still owed after ``payments`` on-time monthly repayments (never below 0)."""
    repayment = monthly_repayment_cents(principal_cents, annual_rate, term_months)
    with localcontext() as context:
        context.prec = _PRECISION
        rate = _monthly_rate(annual_rate)
        if rate == 0:
            owed = Decimal(principal_cents - repayment * payments)
        else:
            growth = (1 + rate) ** payments
            owed = Decimal(principal_cents) * growth - repayment * (growth - 1) / rate
        return max(0, int(owed.to_integral_value(rounding=ROUND_CEILING)))
