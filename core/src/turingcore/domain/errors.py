"""Rejections: a command refused by a business rule is a value, never an exception.

The API maps a ``Rejection`` to a 422 problem document in exactly one place
(``turingcore.api.problems``); ``rule`` becomes the problem's ``invariant``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Rule(StrEnum):
    """Every business rule a command can break; the value is the public ``invariant`` name."""

    TENANT_ALREADY_EXISTS = "TENANT_ALREADY_EXISTS"
    CURRENCY_NOT_SUPPORTED = "CURRENCY_NOT_SUPPORTED"
    TIME_ZONE_INVALID = "TIME_ZONE_INVALID"
    RATE_NEGATIVE = "RATE_NEGATIVE"
    MIN_EXCEEDS_MAX = "MIN_EXCEEDS_MAX"
    CUSTOMER_TOO_YOUNG = "CUSTOMER_TOO_YOUNG"
    EMAIL_NOT_UNIQUE = "EMAIL_NOT_UNIQUE"
    MOBILE_NOT_UNIQUE = "MOBILE_NOT_UNIQUE"
    EXTERNAL_REF_NOT_UNIQUE = "EXTERNAL_REF_NOT_UNIQUE"
    CUSTOMER_NOT_FOUND = "CUSTOMER_NOT_FOUND"
    CUSTOMER_NOT_ACTIVE = "CUSTOMER_NOT_ACTIVE"
    PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND"
    CURRENCY_MISMATCH = "CURRENCY_MISMATCH"
    OPENING_BALANCE_BELOW_MINIMUM = "OPENING_BALANCE_BELOW_MINIMUM"
    INITIAL_DEPOSIT_NOT_ALLOWED = "INITIAL_DEPOSIT_NOT_ALLOWED"
    ELIGIBILITY_AGE = "ELIGIBILITY_AGE"
    PRINCIPAL_REQUIRED = "PRINCIPAL_REQUIRED"
    PRINCIPAL_OUT_OF_RANGE = "PRINCIPAL_OUT_OF_RANGE"
    TERM_OUT_OF_RANGE = "TERM_OUT_OF_RANGE"
    TERM_REQUIRED = "TERM_REQUIRED"
    CREDIT_LIMIT_REQUIRED = "CREDIT_LIMIT_REQUIRED"
    CREDIT_LIMIT_OUT_OF_RANGE = "CREDIT_LIMIT_OUT_OF_RANGE"
    DISBURSEMENT_ACCOUNT_INVALID = "DISBURSEMENT_ACCOUNT_INVALID"
    FIELD_NOT_ALLOWED_FOR_PRODUCT = "FIELD_NOT_ALLOWED_FOR_PRODUCT"
    ENTRY_UNBALANCED = "ENTRY_UNBALANCED"
    ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND"
    ACCOUNT_NOT_OPEN = "ACCOUNT_NOT_OPEN"
    BALANCE_BELOW_FLOOR = "BALANCE_BELOW_FLOOR"
    BALANCE_ABOVE_MAXIMUM = "BALANCE_ABOVE_MAXIMUM"
    CREDIT_LIMIT_EXCEEDED = "CREDIT_LIMIT_EXCEEDED"
    VALUE_DATE_BEFORE_BOOKING_DATE = "VALUE_DATE_BEFORE_BOOKING_DATE"


@dataclass(frozen=True, slots=True)
class Rejection:
    """A command refused by ``rule``; ``details`` holds safe, tenant-local facts only."""

    rule: Rule
    detail: str
    details: dict[str, Any] = field(default_factory=dict)
