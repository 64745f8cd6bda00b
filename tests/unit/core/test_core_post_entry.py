"""PostEntry: balance, accounts, currency, dates, floors and ceilings, balances after."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from tests.unit.core.builders import (
    accepted,
    apply_decision,
    balances_after,
    card_account,
    command,
    customer_state,
    decide_on,
    gl_account,
    json_data,
    leg,
    loan_account,
    member_account,
    only_event,
    post_entry,
    product_state,
    rejected,
    snapshot,
    transfer,
)
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.state import AccountState, Decision
from turingcore.domain.types import AccountStatus, EventType

TXN = "acc-txn"
SAVINGS = "acc-savings"
LOAN = "acc-loan"
CARD = "acc-card"


def post(
    legs: list[dict[str, Any]], accounts: Iterable[AccountState] = (), **overrides: Any
) -> Decision | Rejection:
    return decide_on(snapshot(accounts=accounts), post_entry(legs, **overrides))


def txn(balance_cents: int = 10_000, **changes: Any) -> AccountState:
    return member_account(TXN, balance_cents=balance_cents, **changes)


# --- shape of the accepted entry -----------------------------------------------------------


def test_post_entry_emits_one_entry_posted_with_legs_balances_tags_and_metadata() -> None:
    decision = accepted(
        post(
            transfer("GL_SALARY_CLEARING", TXN, "1234.50"),
            [txn(0)],
            narrative="Salary ACME",
            valueDate="2026-03-03",
            tags={"channel": "DIRECT_CREDIT"},
            metadata={"payslip": 7, "verified": True, "ref": "PAY-1"},
        )
    )

    event = only_event(decision, EventType.ENTRY_POSTED)
    assert event.stream_id == event.payload["entryId"] == decision.result["entryId"]
    assert event.payload == {
        "entryId": decision.result["entryId"],
        "bookingDate": "2026-03-02",
        "valueDate": "2026-03-03",
        "currency": "AUD",
        "narrative": "Salary ACME",
        "legs": [
            {"accountId": "GL_SALARY_CLEARING", "direction": "DEBIT", "amount": "1234.50"},
            {"accountId": TXN, "direction": "CREDIT", "amount": "1234.50"},
        ],
        "balances": [
            {"accountId": "GL_SALARY_CLEARING", "balanceAfter": "1234.50"},
            {"accountId": TXN, "balanceAfter": "1234.50"},
        ],
        "tags": {"channel": "DIRECT_CREDIT"},
        "metadata": {"payslip": 7, "verified": True, "ref": "PAY-1"},
    }


def test_post_entry_with_several_legs_on_one_account_lists_its_balance_once() -> None:
    legs = [
        leg(TXN, "DEBIT", "30.00"),
        leg(TXN, "DEBIT", "20.00"),
        leg("GL_FEE_INCOME", "CREDIT", "5.00"),
        leg("GL_CARD_CLEARING", "CREDIT", "45.00"),
    ]

    event = accepted(post(legs, [txn()])).events[0]

    assert balances_after(event) == {
        TXN: "50.00",
        "GL_FEE_INCOME": "5.00",
        "GL_CARD_CLEARING": "45.00",
    }


def test_post_entry_with_debit_and_credit_on_the_same_account_nets_to_its_balance() -> None:
    legs = [*transfer(TXN, SAVINGS, "80.00"), *transfer(SAVINGS, TXN, "30.00")]

    event = accepted(post(legs, [txn(), member_account(SAVINGS)])).events[0]

    assert balances_after(event) == {TXN: "50.00", SAVINGS: "50.00"}


# --- balances after, in each account's normal sense -----------------------------------------


@pytest.mark.parametrize(
    ("legs", "accounts", "expected"),
    [
        pytest.param(
            transfer("GL_SALARY_CLEARING", TXN, "100.00"),
            [txn(0)],
            {"GL_SALARY_CLEARING": "100.00", TXN: "100.00"},
            id="salary-in: asset GL and deposit both rise",
        ),
        pytest.param(
            transfer(TXN, "GL_CARD_CLEARING", "40.00"),
            [txn(10_000)],
            {TXN: "60.00", "GL_CARD_CLEARING": "40.00"},
            id="card-spend-on-deposit: deposit falls, liability GL rises",
        ),
        pytest.param(
            transfer(CARD, "GL_CARD_CLEARING", "40.00"),
            [card_account(CARD, limit_cents=100_000, balance_cents=1_000)],
            {CARD: "50.00", "GL_CARD_CLEARING": "40.00"},
            id="card-purchase: debit-normal card owes more",
        ),
        pytest.param(
            transfer(TXN, LOAN, "250.00"),
            [txn(30_000), loan_account(LOAN, limit_cents=1_000_000, balance_cents=500_000)],
            {TXN: "50.00", LOAN: "4750.00"},
            id="loan-repayment: debit-normal loan owes less",
        ),
        pytest.param(
            transfer(LOAN, "GL_INTEREST_INCOME", "12.34"),
            [loan_account(LOAN, limit_cents=None, balance_cents=500_000)],
            {LOAN: "5012.34", "GL_INTEREST_INCOME": "12.34"},
            id="loan-interest: loan and income GL rise",
        ),
        pytest.param(
            transfer("GL_INTEREST_EXPENSE", SAVINGS, "1.05"),
            [member_account(SAVINGS)],
            {"GL_INTEREST_EXPENSE": "1.05", SAVINGS: "1.05"},
            id="deposit-interest: expense GL and deposit rise",
        ),
        pytest.param(
            transfer("GL_INTEREST_INCOME", "GL_RETAINED_EARNINGS", "12.34"),
            [gl_account("GL_INTEREST_INCOME", 2_000)],
            {"GL_INTEREST_INCOME": "7.66", "GL_RETAINED_EARNINGS": "12.34"},
            id="period-close: income GL falls, equity GL rises",
        ),
        pytest.param(
            transfer("GL_LOAN_FUNDING", "GL_ATM_CASH", "10.00"),
            [],
            {"GL_LOAN_FUNDING": "-10.00", "GL_ATM_CASH": "-10.00"},
            id="gl accounts have no floor and may go negative",
        ),
    ],
)
def test_balances_after_are_in_each_accounts_normal_sense(
    legs: list[dict[str, Any]], accounts: list[AccountState], expected: dict[str, str]
) -> None:
    assert balances_after(accepted(post(legs, accounts)).events[0]) == expected


# --- entry-level rules -----------------------------------------------------------------


def test_post_entry_whose_debits_and_credits_differ_is_rejected_as_unbalanced() -> None:
    legs = [leg(TXN, "DEBIT", "10.00"), leg("GL_ATM_CASH", "CREDIT", "9.99")]

    rejection = rejected(post(legs, [txn()]))

    assert rejection.rule == Rule.ENTRY_UNBALANCED
    assert rejection.details == {"debits": "10.00", "credits": "9.99"}


def test_post_entry_with_only_debits_is_rejected_as_unbalanced() -> None:
    legs = [leg(TXN, "DEBIT", "10.00"), leg("GL_ATM_CASH", "DEBIT", "10.00")]

    assert rejected(post(legs, [txn()])).rule == Rule.ENTRY_UNBALANCED


def test_post_entry_to_an_unknown_account_is_rejected_naming_the_leg() -> None:
    rejection = rejected(post(transfer(TXN, "acc-nowhere", "1.00"), [txn()]))

    assert rejection.rule == Rule.ACCOUNT_NOT_FOUND
    assert rejection.details == {"accountId": "acc-nowhere", "legIndex": 1}


def test_post_entry_to_a_closed_account_is_rejected() -> None:
    closed = member_account(SAVINGS, status=AccountStatus.CLOSED)

    rejection = rejected(post(transfer(TXN, SAVINGS, "1.00"), [txn(), closed]))

    assert rejection.rule == Rule.ACCOUNT_NOT_OPEN
    assert rejection.details == {"accountId": SAVINGS}


def test_post_entry_in_a_currency_other_than_the_tenants_base_is_rejected() -> None:
    rejection = rejected(
        post(transfer(TXN, SAVINGS, "1.00"), [txn(), member_account(SAVINGS)], currency="USD")
    )

    assert rejection.rule == Rule.CURRENCY_MISMATCH


def test_post_entry_to_an_account_held_in_another_currency_is_rejected() -> None:
    foreign = member_account(SAVINGS, currency="USD")

    rejection = rejected(post(transfer(TXN, SAVINGS, "1.00"), [txn(), foreign]))

    assert rejection.rule == Rule.CURRENCY_MISMATCH
    assert rejection.details == {"accountId": SAVINGS, "accountCurrency": "USD"}


def test_post_entry_with_value_date_before_booking_date_is_rejected() -> None:
    rejection = rejected(
        post(
            transfer(TXN, SAVINGS, "1.00"), [txn(), member_account(SAVINGS)], valueDate="2026-03-01"
        )
    )

    assert rejection.rule == Rule.VALUE_DATE_BEFORE_BOOKING_DATE


def test_post_entry_with_value_date_after_booking_date_is_accepted() -> None:
    accepted(
        post(
            transfer(TXN, SAVINGS, "1.00"), [txn(), member_account(SAVINGS)], valueDate="2026-03-09"
        )
    )


# --- floors ------------------------------------------------------------------------------


def test_post_entry_taking_a_deposit_without_overdraft_below_zero_is_rejected() -> None:
    rejection = rejected(post(transfer(TXN, "GL_ATM_CASH", "100.01"), [txn(10_000)]))

    assert rejection.rule == Rule.BALANCE_BELOW_FLOOR
    assert rejection.details == {"accountId": TXN, "balanceAfter": "-0.01", "floor": "0.00"}


def test_post_entry_emptying_a_deposit_to_exactly_zero_is_accepted() -> None:
    event = accepted(post(transfer(TXN, "GL_ATM_CASH", "100.00"), [txn(10_000)])).events[0]

    assert balances_after(event)[TXN] == "0.00"


def test_post_entry_below_a_deposit_min_balance_is_rejected() -> None:
    with_minimum = txn(10_000, floor_cents=5_000)

    rejection = rejected(post(transfer(TXN, "GL_ATM_CASH", "50.01"), [with_minimum]))

    assert rejection.rule == Rule.BALANCE_BELOW_FLOOR
    assert rejection.details["floor"] == "50.00"


def test_post_entry_within_the_overdraft_limit_is_accepted() -> None:
    overdrawn = txn(10_000, floor_cents=-50_000)

    event = accepted(post(transfer(TXN, "GL_ATM_CASH", "600.00"), [overdrawn])).events[0]

    assert balances_after(event)[TXN] == "-500.00"


def test_post_entry_beyond_overdraft_limit_is_rejected_with_balance_below_floor() -> None:
    overdrawn = txn(10_000, floor_cents=-50_000)

    rejection = rejected(post(transfer(TXN, "GL_ATM_CASH", "600.01"), [overdrawn]))

    assert rejection.rule == Rule.BALANCE_BELOW_FLOOR
    assert rejection.details == {"accountId": TXN, "balanceAfter": "-500.01", "floor": "-500.00"}


def test_credit_to_a_deposit_already_below_its_floor_is_accepted() -> None:
    below = txn(1_000, floor_cents=5_000)

    accepted(post(transfer("GL_NPP_CLEARING", TXN, "1.00"), [below]))


def test_overdraft_product_opened_then_drawn_beyond_its_limit_is_rejected() -> None:
    overdraft = product_state(
        "EVERYDAY", "DEPOSIT", constraints={"allowOverdraft": True, "overdraftLimit": "500.00"}
    )
    snap = snapshot(customers=[customer_state()], products=[overdraft])
    payload = {
        "customerId": customer_state().customer_id,
        "productCode": "EVERYDAY",
        "currency": "AUD",
    }
    opened = accepted(decide_on(snap, command("OpenAccount", {**payload, "initialDeposit": "100"})))
    book = apply_decision(snap.accounts, opened)
    account_id = opened.result["accountId"]

    at_limit = decide_on(
        snapshot(accounts=book.values()), post_entry(transfer(account_id, "GL_ATM_CASH", "600.00"))
    )
    beyond = decide_on(
        snapshot(accounts=book.values()), post_entry(transfer(account_id, "GL_ATM_CASH", "600.01"))
    )

    assert balances_after(accepted(at_limit).events[0])[account_id] == "-500.00"
    assert rejected(beyond).rule == Rule.BALANCE_BELOW_FLOOR


# --- ceilings ------------------------------------------------------------------------------


def test_post_entry_above_a_deposit_max_balance_is_rejected() -> None:
    capped = txn(10_000, ceiling_cents=20_000)

    rejection = rejected(post(transfer("GL_NPP_CLEARING", TXN, "100.01"), [capped]))

    assert rejection.rule == Rule.BALANCE_ABOVE_MAXIMUM
    assert rejection.details == {"accountId": TXN, "balanceAfter": "200.01", "limit": "200.00"}


def test_post_entry_up_to_a_deposit_max_balance_is_accepted() -> None:
    capped = txn(10_000, ceiling_cents=20_000)

    accepted(post(transfer("GL_NPP_CLEARING", TXN, "100.00"), [capped]))


@pytest.mark.parametrize(
    "account",
    [
        pytest.param(card_account(CARD, limit_cents=500_000, balance_cents=499_000), id="card"),
        pytest.param(loan_account(CARD, limit_cents=500_000, balance_cents=499_000), id="loan"),
    ],
)
def test_post_entry_beyond_a_credit_limit_is_rejected_as_credit_limit_exceeded(
    account: AccountState,
) -> None:
    rejection = rejected(post(transfer(CARD, "GL_CARD_CLEARING", "10.01"), [account]))

    assert rejection.rule == Rule.CREDIT_LIMIT_EXCEEDED
    assert rejection.details == {"accountId": CARD, "balanceAfter": "5000.01", "limit": "5000.00"}


def test_post_entry_up_to_a_credit_limit_is_accepted() -> None:
    card = card_account(CARD, limit_cents=500_000, balance_cents=499_000)

    event = accepted(post(transfer(CARD, "GL_CARD_CLEARING", "10.00"), [card])).events[0]

    assert balances_after(event)[CARD] == "5000.00"


def test_repayment_of_a_card_over_its_limit_is_accepted() -> None:
    over = card_account(CARD, limit_cents=100_000, balance_cents=120_000)

    event = accepted(post(transfer(TXN, CARD, "10.00"), [over, txn()])).events[0]

    assert balances_after(event)[CARD] == "1190.00"


def test_one_rejected_leg_rejects_the_whole_entry() -> None:
    legs = [leg(TXN, "DEBIT", "100.01"), leg(SAVINGS, "CREDIT", "100.01")]

    rejection = rejected(post(legs, [txn(10_000), member_account(SAVINGS)]))

    assert rejection.rule == Rule.BALANCE_BELOW_FLOOR


# --- exact decimals end to end --------------------------------------------------------------


def test_json_numbers_point_one_plus_point_two_balance_point_three_exactly() -> None:
    legs = json_data(
        '[{"accountId": "acc-txn", "direction": "DEBIT", "amount": 0.1},'
        ' {"accountId": "acc-txn", "direction": "DEBIT", "amount": 0.2},'
        ' {"accountId": "GL_ATM_CASH", "direction": "CREDIT", "amount": 0.3}]'
    )

    event = accepted(post(legs, [txn(100)])).events[0]

    assert balances_after(event) == {TXN: "0.70", "GL_ATM_CASH": "-0.30"}
