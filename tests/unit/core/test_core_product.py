"""UpsertProduct: created, updated, identical no-op, rates >= 0, every min <= max pair."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from tests.unit.core.builders import (
    accepted,
    command,
    decide_on,
    json_data,
    only_event,
    product_payload,
    product_state,
    rejected,
    snapshot,
)
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import Decision, ProductState
from turingcore.domain.types import EventType

SAVER_INTEREST = {"rate": "0.015", "rateType": "VARIABLE", "method": "DAILY_BALANCE"}


def upsert(payload: dict[str, Any], existing: ProductState | None = None) -> Decision | Rejection:
    products = [] if existing is None else [existing]
    return decide_on(snapshot(products=products), command("UpsertProduct", payload))


def test_upsert_of_a_new_product_emits_product_created_with_the_normalised_record() -> None:
    decision = accepted(upsert(product_payload("SAVER", "DEPOSIT", interest=SAVER_INTEREST)))

    event = only_event(decision, EventType.PRODUCT_CREATED)
    assert event.stream_id == "SAVER"
    assert decision.result == {"productCode": "SAVER"}
    assert event.payload == {
        "productCode": "SAVER",
        "name": "SAVER product",
        "productType": "DEPOSIT",
        "interest": {"rate": "0.015", "rateType": "VARIABLE", "method": "DAILY_BALANCE"},
    }


def test_minimal_product_with_code_name_and_type_is_valid() -> None:
    decision = accepted(upsert(product_payload("CARD", "CREDIT_CARD")))

    assert only_event(decision, EventType.PRODUCT_CREATED).payload == {
        "productCode": "CARD",
        "name": "CARD product",
        "productType": "CREDIT_CARD",
    }


def test_product_event_carries_money_and_rates_as_strings() -> None:
    payload = json_data(
        '{"productCode": "LOAN", "name": "Loan", "productType": "LOAN",'
        ' "interest": {"rate": 0.0650}, "fees": {"establishmentFee": 250},'
        ' "constraints": {"minAmount": 1000.5, "maxAmount": "50000"}}'
    )
    event = accepted(upsert(payload)).events[0]

    assert event.payload["interest"] == {"rate": "0.065"}
    assert event.payload["fees"] == {"establishmentFee": "250.00"}
    assert event.payload["constraints"] == {"minAmount": "1000.50", "maxAmount": "50000.00"}


def test_upsert_with_changed_content_emits_product_updated() -> None:
    existing = product_state("SAVER", "DEPOSIT", interest=SAVER_INTEREST)
    changed = product_payload("SAVER", "DEPOSIT", interest={**SAVER_INTEREST, "rate": "0.02"})

    event = only_event(accepted(upsert(changed, existing)), EventType.PRODUCT_UPDATED)

    assert event.payload["interest"]["rate"] == "0.02"


def test_identical_upsert_emits_nothing_and_still_returns_the_product_code() -> None:
    existing = product_state("SAVER", "DEPOSIT", interest=SAVER_INTEREST)

    decision = accepted(
        upsert(product_payload("SAVER", "DEPOSIT", interest=SAVER_INTEREST), existing)
    )

    assert decision.events == []
    assert decision.result == {"productCode": "SAVER"}


def test_upsert_equal_in_value_but_spelt_differently_is_a_no_op() -> None:
    existing = product_state("SAVER", "DEPOSIT", interest={"rate": "0.015"})
    same_value = product_payload("SAVER", "DEPOSIT", interest={"rate": Decimal("0.01500")})

    assert accepted(upsert(same_value, existing)).events == []


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ("interest", "rate"),
        ("interest", "bonusRate"),
        ("interest", "purchaseRate"),
        ("fees", "earlyWithdrawalPenaltyRate"),
        ("creditCriteria", "maxLvr"),
    ],
)
def test_upsert_with_a_negative_rate_is_rejected(section: str, field: str) -> None:
    payload = product_payload("SAVER", "DEPOSIT", **{section: {field: "-0.001"}})

    rejection = rejected(upsert(payload))

    assert rejection.rule == Rule.RATE_NEGATIVE
    assert rejection.details["fields"] == [f"{section}.{field}"]


def test_upsert_with_a_zero_rate_is_accepted() -> None:
    accepted(upsert(product_payload("SAVER", "DEPOSIT", interest={"rate": "0"})))


MIN_MAX_PAIRS = [
    ("constraints", "minBalance", "maxBalance", "500.00", "100.00"),
    ("constraints", "minOpeningBalance", "maxBalance", "500.00", "100.00"),
    ("constraints", "minAmount", "maxAmount", "500.00", "100.00"),
    ("constraints", "minCreditLimit", "maxCreditLimit", "500.00", "100.00"),
    ("constraints", "minTermMonths", "maxTermMonths", 24, 12),
    ("eligibility", "minAge", "maxAge", 30, 25),
]


@pytest.mark.parametrize(("section", "low", "high", "low_value", "high_value"), MIN_MAX_PAIRS)
def test_upsert_with_a_minimum_above_its_maximum_is_rejected(
    section: str, low: str, high: str, low_value: object, high_value: object
) -> None:
    payload = product_payload("P1", "DEPOSIT", **{section: {low: low_value, high: high_value}})

    rejection = rejected(upsert(payload))

    assert rejection.rule == Rule.MIN_EXCEEDS_MAX
    assert rejection.details["fields"] == [f"{section}.{low} > {section}.{high}"]


@pytest.mark.parametrize(("section", "low", "high", "low_value", "_high_value"), MIN_MAX_PAIRS)
def test_upsert_with_a_minimum_equal_to_its_maximum_is_accepted(
    section: str, low: str, high: str, low_value: object, _high_value: object
) -> None:
    payload = product_payload("P1", "DEPOSIT", **{section: {low: low_value, high: low_value}})

    accepted(upsert(payload))


@pytest.mark.parametrize(
    "terms",
    [
        {"minTermMonths": 12, "defaultTermMonths": 6, "maxTermMonths": 60},
        {"minTermMonths": 12, "defaultTermMonths": 72, "maxTermMonths": 60},
    ],
)
def test_upsert_with_a_default_term_outside_its_range_is_rejected(terms: dict[str, int]) -> None:
    payload = product_payload("TD", "TERM_DEPOSIT", constraints=terms)

    assert rejected(upsert(payload)).rule == Rule.MIN_EXCEEDS_MAX
