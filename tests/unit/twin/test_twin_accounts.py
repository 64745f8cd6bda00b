"""Account holdings at seed: shares, product constraints, realistic loan and card balances."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cu_twin.config import default_scenario, default_tenant_config
from cu_twin.generators.accounts import AccountKind, PlannedAccount
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.lending import meets_criteria
from cu_twin.generators.loan_maths import (
    balance_after_payments_cents,
    monthly_repayment_cents,
    principal_for_repayment_cents,
)
from cu_twin.generators.members import Member, generate_members

TENANT = default_tenant_config()
SCENARIO = default_scenario().with_overrides(members=2_000)
MEMBERS = generate_members(2_000, TENANT.member_mix, SCENARIO.seed, as_of=SCENARIO.start_date)
ACCOUNTS = generate_accounts(MEMBERS, SCENARIO, TENANT)


def of_kind(kind: AccountKind) -> list[PlannedAccount]:
    return [account for account in ACCOUNTS if account.kind is kind]


def member_of(account: PlannedAccount) -> Member:
    return MEMBERS[account.member_index]


def test_every_member_has_one_transaction_and_one_savings_account() -> None:
    per_member = Counter((a.member_index, a.kind) for a in ACCOUNTS)
    for member in MEMBERS:
        assert per_member[(member.index, AccountKind.TRANSACTION)] == 1
        assert per_member[(member.index, AccountKind.SAVINGS)] == 1
    assert len({a.ref for a in ACCOUNTS}) == len(ACCOUNTS)


def test_product_shares_follow_the_scenario() -> None:
    n = len(MEMBERS)
    codes = Counter(a.product_code for a in ACCOUNTS)
    youth_band = [m for m in MEMBERS if m.age_band == "18-25"]
    assert codes["TXN_ACCOUNT_PREMIUM"] == round(0.15 * n)
    assert codes["SAVINGS_YOUTH"] == round(0.20 * len(youth_band))
    assert len(of_kind(AccountKind.TERM_DEPOSIT)) == round(0.10 * n)
    assert len(of_kind(AccountKind.PERSONAL_LOAN)) == round(0.15 * n)
    assert len(of_kind(AccountKind.HOME_LOAN)) == round(0.08 * n)
    assert len(of_kind(AccountKind.CREDIT_CARD)) == round(0.25 * n)
    cards = Counter(a.product_code for a in of_kind(AccountKind.CREDIT_CARD))
    assert cards["CC_LOW_RATE"] / sum(cards.values()) == pytest.approx(0.70, abs=0.05)


def test_opening_deposits_respect_bands_and_product_minimums() -> None:
    for account in of_kind(AccountKind.TRANSACTION) + of_kind(AccountKind.SAVINGS):
        product = TENANT.product(account.product_code)
        assert account.initial_deposit_cents >= (product.limits.min_opening_balance or 0)
        if product.limits.max_balance is not None:
            assert account.initial_deposit_cents <= product.limits.max_balance
    for account in of_kind(AccountKind.TRANSACTION):
        if account.product_code == "TXN_ACCOUNT_PREMIUM":
            assert account.initial_deposit_cents >= 100_000
        else:
            band = SCENARIO.opening_balances.transaction.for_band(member_of(account).income_band)
            assert band.min_cents <= account.initial_deposit_cents <= band.max_cents


def test_youth_savers_are_held_only_by_members_the_product_accepts() -> None:
    for account in of_kind(AccountKind.SAVINGS):
        if account.product_code == "SAVINGS_YOUTH":
            assert member_of(account).age <= 24


def test_term_deposits_sit_within_product_limits() -> None:
    for account in of_kind(AccountKind.TERM_DEPOSIT):
        limits = TENANT.product(account.product_code).limits
        assert 500_000 <= account.initial_deposit_cents <= 20_000_000
        assert account.term_months == limits.min_term_months == limits.max_term_months


def test_loans_fit_their_product_and_their_borrower() -> None:
    for account in of_kind(AccountKind.HOME_LOAN) + of_kind(AccountKind.PERSONAL_LOAN):
        product = TENANT.product(account.product_code)
        limits = product.limits
        assert limits.min_amount is not None and limits.max_amount is not None
        assert limits.min_amount <= account.principal_cents <= limits.max_amount
        assert account.term_months is not None
        assert (limits.min_term_months or 0) <= account.term_months <= (limits.max_term_months or 0)
        assert meets_criteria(member_of(account), product)
        assert account.monthly_repayment_cents > 0
        assert account.principal_cents <= account.original_principal_cents or (
            account.months_elapsed == 0
        )


def test_personal_loans_keep_debt_to_income_within_the_product_rule() -> None:
    repayments = Counter[int]()
    for account in of_kind(AccountKind.HOME_LOAN) + of_kind(AccountKind.PERSONAL_LOAN):
        repayments[account.member_index] += account.monthly_repayment_cents
    for account in of_kind(AccountKind.PERSONAL_LOAN):
        member = member_of(account)
        assert meets_criteria(
            member, TENANT.product(account.product_code), repayments[member.index]
        )


def test_cards_have_a_limit_in_range_and_an_outstanding_balance_below_it() -> None:
    for account in of_kind(AccountKind.CREDIT_CARD):
        limits = TENANT.product(account.product_code).limits
        assert limits.min_credit_limit is not None and limits.max_credit_limit is not None
        assert limits.min_credit_limit <= account.credit_limit_cents <= limits.max_credit_limit
        assert 0 <= account.seed_balance_cents <= account.credit_limit_cents


def test_open_account_payloads_carry_the_fields_of_each_kind() -> None:
    by_kind = {a.kind: a.open_account_payload("C1", "AUD") for a in ACCOUNTS}
    assert by_kind[AccountKind.TRANSACTION].keys() == {
        "customerId", "productCode", "currency", "accountAlias", "initialDeposit",
    }  # fmt: skip
    assert {"principal", "termMonths"} <= by_kind[AccountKind.HOME_LOAN].keys()
    assert "creditLimit" in by_kind[AccountKind.CREDIT_CARD]
    assert "initialDeposit" not in by_kind[AccountKind.CREDIT_CARD]


def test_accounts_are_deterministic_for_a_seed() -> None:
    assert generate_accounts(MEMBERS[:300], SCENARIO, TENANT) == generate_accounts(
        MEMBERS[:300], SCENARIO, TENANT
    )


@given(
    st.integers(min_value=100_000, max_value=200_000_000),
    st.sampled_from([Decimal("0"), Decimal("0.0599"), Decimal("0.1199")]),
    st.integers(min_value=12, max_value=360),
)
def test_the_level_repayment_clears_the_loan_over_its_term(
    principal: int, rate: Decimal, term: int
) -> None:
    repayment = monthly_repayment_cents(principal, rate, term)
    assert balance_after_payments_cents(principal, rate, term, term) == 0
    # Rounding the repayment up to a cent may clear it a little early, never late.
    assert balance_after_payments_cents(principal, rate, term, term - 1) <= repayment
    assert principal_for_repayment_cents(repayment, rate, term) >= principal - term
