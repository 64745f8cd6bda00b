"""Product aggregate: UpsertProduct -> ProductCreated | ProductUpdated | nothing (no-op)."""

from __future__ import annotations

from decimal import Decimal

from turingcore.domain.commands import UpsertProductCommand, UpsertProductPayload
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import Decision, NewEvent, ProductState
from turingcore.domain.types import EventType

# (section, lower bound field, upper bound field) pairs that must satisfy min <= max.
_MIN_MAX_PAIRS = (
    ("constraints", "minBalance", "maxBalance"),
    ("constraints", "minOpeningBalance", "maxBalance"),
    ("constraints", "minAmount", "maxAmount"),
    ("constraints", "minCreditLimit", "maxCreditLimit"),
    ("constraints", "minTermMonths", "maxTermMonths"),
    ("constraints", "minTermMonths", "defaultTermMonths"),
    ("constraints", "defaultTermMonths", "maxTermMonths"),
    ("eligibility", "minAge", "maxAge"),
)


def _negative_rates(p: UpsertProductPayload) -> list[str]:
    found: list[str] = []
    for section_name in ("interest", "fees", "creditCriteria"):
        section = getattr(p, section_name)
        if section is None:
            continue
        for field_name, value in section:
            if isinstance(value, Decimal) and value < 0:
                found.append(f"{section_name}.{field_name}")
    return found


def _min_max_violations(p: UpsertProductPayload) -> list[str]:
    found: list[str] = []
    for section_name, low_name, high_name in _MIN_MAX_PAIRS:
        section = getattr(p, section_name)
        if section is None:
            continue
        low, high = getattr(section, low_name), getattr(section, high_name)
        if low is not None and high is not None and low > high:
            found.append(f"{section_name}.{low_name} > {section_name}.{high_name}")
    return found


def decide_upsert_product(
    existing: ProductState | None, cmd: UpsertProductCommand
) -> Decision | Rejection:
    p = cmd.payload
    negative = _negative_rates(p)
    if negative:
        return Rejection(Rule.RATE_NEGATIVE, "rates must be >= 0", {"fields": negative})
    inverted = _min_max_violations(p)
    if inverted:
        return Rejection(
            Rule.MIN_EXCEEDS_MAX, "a minimum exceeds its maximum", {"fields": inverted}
        )
    # An empty section means the same as an absent one ("no interest", "no fees", ...).
    record = {k: v for k, v in p.model_dump(mode="json", exclude_none=True).items() if v != {}}
    result = {"productCode": p.productCode}
    if existing is None:
        return Decision([NewEvent(EventType.PRODUCT_CREATED, p.productCode, record)], result)
    if existing.record == record:
        return Decision([], result)
    return Decision([NewEvent(EventType.PRODUCT_UPDATED, p.productCode, record)], result)
