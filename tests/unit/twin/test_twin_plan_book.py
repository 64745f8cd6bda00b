"""The plan's balance book: the one rule for whether a posting can happen."""

from __future__ import annotations

import pytest

from cu_twin.config import ProductType
from cu_twin.generators.accounts import AccountKind, AccountRef, PlannedAccount
from cu_twin.scenarios.plan_book import BalanceBook
from cu_twin.scenarios.plan_types import Direction, GlAccount, Leg

TXN = PlannedAccount(
    AccountRef(0, "TXN_ACCOUNT_BASIC"), AccountKind.TRANSACTION, ProductType.DEPOSIT, "Everyday",
    initial_deposit_cents=10_000,
)  # fmt: skip
SAVINGS = PlannedAccount(
    AccountRef(0, "SAVINGS_YOUTH"), AccountKind.SAVINGS, ProductType.DEPOSIT, "Youth Saver",
    initial_deposit_cents=49_990_00, max_balance_cents=50_000_00,
)  # fmt: skip
CARD = PlannedAccount(
    AccountRef(0, "CC_LOW_RATE"), AccountKind.CREDIT_CARD, ProductType.CREDIT_CARD, "Card",
    credit_limit_cents=100_000, seed_balance_cents=90_000,
)  # fmt: skip


def book() -> BalanceBook:
    return BalanceBook([TXN, SAVINGS, CARD])


def test_a_deposit_cannot_be_debited_below_zero_and_nothing_changes() -> None:
    ledger = book()
    assert not ledger.try_transfer(TXN.ref, GlAccount.CARD_CLEARING, 10_001)
    assert ledger.balance(TXN.ref) == 10_000
    assert ledger.try_transfer(TXN.ref, GlAccount.CARD_CLEARING, 10_000)
    assert ledger.balance(TXN.ref) == 0


def test_savings_cannot_pass_max_balance_and_a_card_cannot_pass_its_limit() -> None:
    ledger = book()
    assert ledger.room(SAVINGS.ref, Direction.CREDIT) == 10_00
    assert not ledger.try_transfer(GlAccount.NPP_CLEARING, SAVINGS.ref, 10_01)
    assert ledger.room(CARD.ref, Direction.DEBIT) == 10_000
    assert not ledger.try_transfer(CARD.ref, GlAccount.CARD_CLEARING, 10_001)
    assert ledger.try_transfer(CARD.ref, GlAccount.CARD_CLEARING, 10_000)


def test_a_card_repayment_reduces_what_is_owed_but_not_below_zero() -> None:
    ledger = book()
    assert ledger.room(CARD.ref, Direction.CREDIT) == 90_000
    assert ledger.try_transfer(TXN.ref, CARD.ref, 5_000)
    assert ledger.balance(CARD.ref) == 85_000
    assert ledger.balance(TXN.ref) == 5_000


def test_applying_a_breaching_posting_is_a_planner_bug_that_stops_the_plan() -> None:
    ledger = book()
    legs = [
        Leg(TXN.ref, Direction.DEBIT, 20_000),
        Leg(GlAccount.ATM_CASH, Direction.CREDIT, 20_000),
    ]
    assert not ledger.fits(legs)
    with pytest.raises(AssertionError, match="breaches"):
        ledger.apply(legs)
