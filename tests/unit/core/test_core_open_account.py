"""OpenAccount: customer, product, currency, eligibility, terms, and the opening entry."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import pytest

from tests.unit.core.builders import (
    CUSTOMER_ID,
    OTHER_CUSTOMER_ID,
    accepted,
    balances_after,
    command,
    customer_state,
    decide_on,
    gl_account,
    loan_account,
    member_account,
    product_state,
    rejected,
    snapshot,
)
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import AccountState, CustomerState, Decision, ProductState
from turingcore.domain.types import AccountStatus, CustomerStatus, EventType

SAVER = product_state("SAVER", "DEPOSIT", constraints={"minOpeningBalance": "10.00"})
YOUTH = product_state("YOUTH", "DEPOSIT", eligibility={"maxAge": 25})
TERM = product_state("TD12", "TERM_DEPOSIT", constraints={"minTermMonths": 3, "maxTermMonths": 60})
HOME_LOAN = product_state(
    "HOME",
    "LOAN",
    constraints={
        "minAmount": "1000.00",
        "maxAmount": "50000.00",
        "minTermMonths": 12,
        "maxTermMonths": 360,
        "defaultTermMonths": 300,
    },
)
CARD = product_state(
    "CARD", "CREDIT_CARD", constraints={"minCreditLimit": "500.00", "maxCreditLimit": "20000.00"}
)
PRODUCTS = (SAVER, YOUTH, TERM, HOME_LOAN, CARD)
EVERYDAY_ID = "acc-everyday"


def open_account(
    payload: dict[str, Any],
    *,
    customers: Iterable[CustomerState] = (customer_state(),),
    products: Iterable[ProductState] = PRODUCTS,
    accounts: Iterable[AccountState] = (),
) -> Decision | Rejection:
    snap = snapshot(customers=customers, products=products, accounts=accounts)
    return decide_on(snap, command("OpenAccount", payload))


def opening(product_code: str, **fields: Any) -> dict[str, Any]:
    return {"customerId": CUSTOMER_ID, "productCode": product_code, "currency": "AUD", **fields}


def event_types(decision: Decision) -> list[str]:
    return [event.event_type for event in decision.events]


# --- who and what ------------------------------------------------------------------


def test_open_account_for_an_unknown_customer_is_rejected() -> None:
    rejection = rejected(open_account(opening("SAVER", initialDeposit="10"), customers=()))

    assert rejection.rule == Rule.CUSTOMER_NOT_FOUND
    assert rejection.details == {"customerId": CUSTOMER_ID}


def test_open_account_for_an_inactive_customer_is_rejected() -> None:
    inactive = customer_state(status=CustomerStatus.INACTIVE)

    rejection = rejected(open_account(opening("SAVER", initialDeposit="10"), customers=[inactive]))

    assert rejection.rule == Rule.CUSTOMER_NOT_ACTIVE


def test_open_account_for_an_unknown_product_is_rejected() -> None:
    assert rejected(open_account(opening("NOPE"))).rule == Rule.PRODUCT_NOT_FOUND


def test_open_account_in_a_currency_other_than_the_tenants_base_is_rejected() -> None:
    payload = {**opening("SAVER", initialDeposit="10"), "currency": "NZD"}

    assert rejected(open_account(payload)).rule == Rule.CURRENCY_MISMATCH


# --- deposits ------------------------------------------------------------------------


def test_open_deposit_with_initial_deposit_posts_debit_opening_funds_credit_new_account() -> None:
    decision = accepted(open_account(opening("SAVER", initialDeposit="250.50")))

    assert event_types(decision) == [EventType.ACCOUNT_OPENED, EventType.ENTRY_POSTED]
    account_id = decision.result["accountId"]
    entry = decision.events[1]
    assert entry.payload["legs"] == [
        {"accountId": "GL_OPENING_FUNDS", "direction": "DEBIT", "amount": "250.50"},
        {"accountId": account_id, "direction": "CREDIT", "amount": "250.50"},
    ]
    assert balances_after(entry) == {"GL_OPENING_FUNDS": "250.50", account_id: "250.50"}
    assert entry.payload["bookingDate"] == entry.payload["valueDate"] == "2026-03-02"


def test_opening_deposit_adds_to_the_existing_opening_funds_balance() -> None:
    funds = gl_account("GL_OPENING_FUNDS", balance_cents=100_000)

    decision = accepted(open_account(opening("SAVER", initialDeposit="25"), accounts=[funds]))

    assert balances_after(decision.events[1])["GL_OPENING_FUNDS"] == "1025.00"


def test_account_opened_describes_a_credit_normal_deposit_with_its_floor() -> None:
    decision = accepted(open_account(opening("SAVER", initialDeposit="10", accountAlias="Bills")))

    opened = decision.events[0]
    assert opened.stream_id == decision.result["accountId"]
    assert opened.payload == {
        "accountId": decision.result["accountId"],
        "customerId": CUSTOMER_ID,
        "productCode": "SAVER",
        "productType": "DEPOSIT",
        "currency": "AUD",
        "normalBalance": "CREDIT",
        "openedOn": "2026-03-02",
        "accountAlias": "Bills",
        "floor": "0.00",
    }


def test_open_deposit_with_initial_deposit_zero_posts_no_entry() -> None:
    no_minimum = product_state("BASIC", "DEPOSIT")

    decision = accepted(open_account(opening("BASIC", initialDeposit="0"), products=[no_minimum]))

    assert event_types(decision) == [EventType.ACCOUNT_OPENED]


def test_open_deposit_below_the_minimum_opening_balance_is_rejected() -> None:
    rejection = rejected(open_account(opening("SAVER", initialDeposit="9.99")))

    assert rejection.rule == Rule.OPENING_BALANCE_BELOW_MINIMUM
    assert rejection.details == {"minOpeningBalance": "10.00"}


def test_open_deposit_without_initial_deposit_when_a_minimum_applies_is_rejected() -> None:
    assert rejected(open_account(opening("SAVER"))).rule == Rule.OPENING_BALANCE_BELOW_MINIMUM


def test_open_deposit_at_exactly_the_minimum_opening_balance_is_accepted() -> None:
    accepted(open_account(opening("SAVER", initialDeposit="10.00")))


def test_open_deposit_with_initial_deposit_above_max_balance_is_rejected() -> None:
    capped = product_state("CAPPED", "DEPOSIT", constraints={"maxBalance": "100.00"})

    rejection = rejected(
        open_account(opening("CAPPED", initialDeposit="100.01"), products=[capped])
    )

    assert rejection.rule == Rule.BALANCE_ABOVE_MAXIMUM


@pytest.mark.parametrize(
    ("constraints", "floor"),
    [
        ({}, "0.00"),
        ({"minBalance": "50.00"}, "50.00"),
        ({"allowOverdraft": True, "overdraftLimit": "500.00"}, "-500.00"),
        ({"allowOverdraft": True, "overdraftLimit": "500.00", "minBalance": "50.00"}, "-500.00"),
        ({"allowOverdraft": False, "overdraftLimit": "500.00"}, "0.00"),
    ],
)
def test_deposit_floor_is_minus_overdraft_limit_when_allowed_else_min_balance(
    constraints: dict[str, Any], floor: str
) -> None:
    product = product_state("EVERYDAY", "DEPOSIT", constraints=constraints)

    decision = accepted(open_account(opening("EVERYDAY", initialDeposit="60"), products=[product]))

    assert decision.events[0].payload["floor"] == floor


def test_open_term_deposit_with_term_out_of_range_is_rejected() -> None:
    rejection = rejected(open_account(opening("TD12", initialDeposit="1000", termMonths=61)))

    assert rejection.rule == Rule.TERM_OUT_OF_RANGE


def test_open_term_deposit_records_its_term() -> None:
    decision = accepted(open_account(opening("TD12", initialDeposit="1000", termMonths=12)))

    assert decision.events[0].payload["termMonths"] == 12


# --- eligibility -----------------------------------------------------------------------


def test_youth_saver_for_a_customer_older_than_max_age_is_rejected() -> None:
    thirty = customer_state(date_of_birth=date(1995, 1, 1))

    rejection = rejected(open_account(opening("YOUTH"), customers=[thirty]))

    assert rejection.rule == Rule.ELIGIBILITY_AGE
    assert rejection.details == {"ageYears": 31}


def test_youth_saver_for_a_customer_at_max_age_is_accepted() -> None:
    twenty_five = customer_state(
        date_of_birth=date(2000, 3, 3)
    )  # 25 on 2 March 2026, 26 the day after

    accepted(open_account(opening("YOUTH"), customers=[twenty_five]))


def test_youth_saver_eligibility_uses_the_age_on_the_command_date() -> None:
    turns_26_on_the_day = customer_state(date_of_birth=date(2000, 3, 2))

    rejection = rejected(open_account(opening("YOUTH"), customers=[turns_26_on_the_day]))

    assert rejection.details == {"ageYears": 26}


# --- loans -----------------------------------------------------------------------------


def everyday(customer_id: str = CUSTOMER_ID, **changes: Any) -> AccountState:
    return member_account(EVERYDAY_ID, customer_id=customer_id, balance_cents=5_000, **changes)


def test_open_loan_without_principal_is_rejected() -> None:
    assert rejected(open_account(opening("HOME"))).rule == Rule.PRINCIPAL_REQUIRED


@pytest.mark.parametrize("principal", ["999.99", "50000.01"])
def test_open_loan_with_principal_outside_the_product_range_is_rejected(principal: str) -> None:
    rejection = rejected(open_account(opening("HOME", principal=principal)))

    assert rejection.rule == Rule.PRINCIPAL_OUT_OF_RANGE


@pytest.mark.parametrize("term", [11, 361])
def test_open_loan_with_term_outside_the_product_range_is_rejected(term: int) -> None:
    rejection = rejected(open_account(opening("HOME", principal="20000", termMonths=term)))

    assert rejection.rule == Rule.TERM_OUT_OF_RANGE
    assert rejection.details == {"termMonths": term}


def test_open_loan_without_disbursement_account_credits_loan_funding_gl() -> None:
    decision = accepted(open_account(opening("HOME", principal="20000")))

    assert event_types(decision) == [EventType.ACCOUNT_OPENED, EventType.ENTRY_POSTED]
    loan_id = decision.result["accountId"]
    entry = decision.events[1]
    assert entry.payload["legs"] == [
        {"accountId": loan_id, "direction": "DEBIT", "amount": "20000.00"},
        {"accountId": "GL_LOAN_FUNDING", "direction": "CREDIT", "amount": "20000.00"},
    ]
    assert balances_after(entry) == {loan_id: "20000.00", "GL_LOAN_FUNDING": "20000.00"}


def test_open_loan_is_debit_normal_with_principal_as_ceiling_and_default_term() -> None:
    opened = accepted(open_account(opening("HOME", principal="20000"))).events[0]

    assert opened.payload["normalBalance"] == "DEBIT"
    assert opened.payload["ceiling"] == "20000.00"
    assert opened.payload["principal"] == "20000.00"
    assert opened.payload["termMonths"] == 300
    assert "floor" not in opened.payload


def test_open_loan_with_disbursement_account_credits_that_deposit() -> None:
    payload = opening("HOME", principal="20000", disbursementAccountId=EVERYDAY_ID)

    decision = accepted(open_account(payload, accounts=[everyday()]))

    entry = decision.events[1]
    assert entry.payload["legs"][1] == {
        "accountId": EVERYDAY_ID,
        "direction": "CREDIT",
        "amount": "20000.00",
    }
    assert balances_after(entry) == {
        decision.result["accountId"]: "20000.00",
        EVERYDAY_ID: "20050.00",
    }


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(None, id="missing"),
        pytest.param(everyday(OTHER_CUSTOMER_ID), id="another-customers-deposit"),
        pytest.param(everyday(status=AccountStatus.CLOSED), id="closed-deposit"),
        pytest.param(loan_account(EVERYDAY_ID, limit_cents=100_000), id="a-loan"),
    ],
)
def test_open_loan_with_an_invalid_disbursement_account_is_rejected(
    target: AccountState | None,
) -> None:
    payload = opening("HOME", principal="20000", disbursementAccountId=EVERYDAY_ID)

    rejection = rejected(open_account(payload, accounts=[] if target is None else [target]))

    assert rejection.rule == Rule.DISBURSEMENT_ACCOUNT_INVALID


def test_open_loan_disbursing_to_a_gl_account_is_rejected() -> None:
    payload = opening("HOME", principal="20000", disbursementAccountId="GL_NPP_CLEARING")

    assert rejected(open_account(payload)).rule == Rule.DISBURSEMENT_ACCOUNT_INVALID


def test_open_loan_without_term_and_without_product_default_is_rejected() -> None:
    bare_loan = product_state("PERSONAL", "LOAN")

    assert isinstance(
        open_account(opening("PERSONAL", principal="5000"), products=[bare_loan]), Rejection
    )


# --- cards -----------------------------------------------------------------------------


def test_open_card_without_credit_limit_is_rejected() -> None:
    assert rejected(open_account(opening("CARD"))).rule == Rule.CREDIT_LIMIT_REQUIRED


@pytest.mark.parametrize("limit", ["499.99", "20000.01"])
def test_open_card_with_credit_limit_outside_the_product_range_is_rejected(limit: str) -> None:
    rejection = rejected(open_account(opening("CARD", creditLimit=limit)))

    assert rejection.rule == Rule.CREDIT_LIMIT_OUT_OF_RANGE


def test_open_card_posts_no_entry_and_has_its_credit_limit_as_ceiling() -> None:
    decision = accepted(open_account(opening("CARD", creditLimit="5000")))

    assert event_types(decision) == [EventType.ACCOUNT_OPENED]
    opened = decision.events[0].payload
    assert (opened["normalBalance"], opened["ceiling"], opened["creditLimit"]) == (
        "DEBIT",
        "5000.00",
        "5000.00",
    )


# --- fields that do not belong to the product ---------------------------------------------


@pytest.mark.parametrize(
    ("product_code", "fields", "rule"),
    [
        ("CARD", {"creditLimit": "5000", "initialDeposit": "10"}, Rule.INITIAL_DEPOSIT_NOT_ALLOWED),
        ("HOME", {"principal": "5000", "initialDeposit": "10"}, Rule.INITIAL_DEPOSIT_NOT_ALLOWED),
        (
            "SAVER",
            {"initialDeposit": "10", "principal": "5000"},
            Rule.FIELD_NOT_ALLOWED_FOR_PRODUCT,
        ),
        (
            "SAVER",
            {"initialDeposit": "10", "creditLimit": "500"},
            Rule.FIELD_NOT_ALLOWED_FOR_PRODUCT,
        ),
        ("SAVER", {"initialDeposit": "10", "termMonths": 12}, Rule.FIELD_NOT_ALLOWED_FOR_PRODUCT),
        ("CARD", {"creditLimit": "5000", "principal": "500"}, Rule.FIELD_NOT_ALLOWED_FOR_PRODUCT),
    ],
)
def test_open_account_with_a_field_the_product_type_does_not_take_is_rejected(
    product_code: str, fields: dict[str, Any], rule: Rule
) -> None:
    assert rejected(open_account(opening(product_code, **fields))).rule == rule


def test_open_account_id_is_the_same_for_the_same_command_and_feeds_every_event() -> None:
    first = accepted(open_account(opening("SAVER", initialDeposit="10")))
    again = accepted(open_account(opening("SAVER", initialDeposit="10")))

    assert first == again
    account_id = first.result["accountId"]
    assert first.events[1].payload["legs"][1]["accountId"] == account_id
    assert first.events[1].stream_id == first.events[1].payload["entryId"] != account_id
