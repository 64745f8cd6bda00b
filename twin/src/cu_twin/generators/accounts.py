"""Which products each member holds, and what each account opens with (03-twin.md).

Every member gets a transaction account and a savings account; term deposits, loans and
cards go to an exact share of the population, chosen among members the product would
accept (income, credit score, age, debt-to-income). Loans and cards held at seed carry
an outstanding balance that fits their product and age.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from cu_twin.config.enums import ProductType
from cu_twin.config.money import format_cents
from cu_twin.config.products import ProductSpec

ACCOUNT_ALIAS_LENGTH_MAX = 64


class AccountKind(StrEnum):
    TRANSACTION = "TRANSACTION"
    SAVINGS = "SAVINGS"
    TERM_DEPOSIT = "TERM_DEPOSIT"
    PERSONAL_LOAN = "PERSONAL_LOAN"
    HOME_LOAN = "HOME_LOAN"
    CREDIT_CARD = "CREDIT_CARD"

    @property
    def debit_normal(self) -> bool:
        """Loans and cards are the credit union's assets: a debit raises what is owed."""
        return self in (AccountKind.PERSONAL_LOAN, AccountKind.HOME_LOAN, AccountKind.CREDIT_CARD)


def kind_of(product: ProductSpec) -> AccountKind:
    if product.product_type is ProductType.TERM_DEPOSIT:
        return AccountKind.TERM_DEPOSIT
    if product.product_type is ProductType.CREDIT_CARD:
        return AccountKind.CREDIT_CARD
    if product.product_type is ProductType.LOAN:
        return AccountKind.HOME_LOAN if product.category == "HOME" else AccountKind.PERSONAL_LOAN
    return AccountKind.SAVINGS if product.category == "SAVINGS" else AccountKind.TRANSACTION


class AccountRef(NamedTuple):
    """A member account before the core has assigned it an id.

    A member holds at most one account per product, so (member, product) names it.
    The runner maps each ref to the accountId that OpenAccount returns. A NamedTuple
    rather than a dataclass: the plan looks refs up a million times per large run and
    a tuple hashes in C.
    """

    member_index: int
    """0-based index into the member list (the member number is index + 1)."""
    product_code: str

    def __str__(self) -> str:
        return f"m{self.member_index + 1:05d}:{self.product_code}"


@dataclass(frozen=True, slots=True)
class PlannedAccount:
    """An account to open at seed, and the facts the day-by-day plan needs about it."""

    ref: AccountRef
    kind: AccountKind
    product_type: ProductType
    alias: str
    initial_deposit_cents: int = 0
    """Deposits and term deposits: OpenAccount's initialDeposit (from GL_OPENING_FUNDS)."""
    principal_cents: int = 0
    """Loans: the balance migrated in at seed (OpenAccount principal, GL_LOAN_FUNDING)."""
    term_months: int | None = None
    """Loans: remaining term in months; term deposits: the fixed term."""
    credit_limit_cents: int = 0
    seed_balance_cents: int = 0
    """Cards: outstanding balance posted right after opening (cards open with no entry)."""
    monthly_repayment_cents: int = 0
    original_principal_cents: int = 0
    original_term_months: int | None = None
    months_elapsed: int = 0
    purpose: str | None = None
    max_balance_cents: int | None = None
    """Deposits: the product's maxBalance, which the plan never exceeds."""

    @property
    def member_index(self) -> int:
        return self.ref.member_index

    @property
    def product_code(self) -> str:
        return self.ref.product_code

    @property
    def balance_after_seed_cents(self) -> int:
        """Balance in the account's normal sense once the seed phase is done."""
        if self.kind is AccountKind.CREDIT_CARD:
            return self.seed_balance_cents
        if self.kind.debit_normal:
            return self.principal_cents
        return self.initial_deposit_cents

    def open_account_payload(self, customer_id: str, currency: str) -> dict[str, object]:
        """The OpenAccount payload for this account."""
        payload: dict[str, object] = {
            "customerId": customer_id,
            "productCode": self.product_code,
            "currency": currency,
            "accountAlias": self.alias[:ACCOUNT_ALIAS_LENGTH_MAX],
        }
        if self.kind is AccountKind.CREDIT_CARD:
            payload["creditLimit"] = format_cents(self.credit_limit_cents)
        elif self.kind.debit_normal:
            payload["principal"] = format_cents(self.principal_cents)
            payload["termMonths"] = self.term_months
            if self.purpose is not None:
                payload["accountPurpose"] = self.purpose
        else:
            payload["initialDeposit"] = format_cents(self.initial_deposit_cents)
        return payload


def draw_from_mix(rng: random.Random, mix: dict[str, float]) -> str:
    """One key of a fractions mapping, in the mapping's (file) order."""
    point = rng.random()
    running = 0.0
    for key, fraction in mix.items():
        running += fraction
        if point < running:
            return key
    return next(reversed(mix))


def accounts_by_member(
    accounts: Sequence[PlannedAccount],
) -> dict[int, list[PlannedAccount]]:
    grouped: dict[int, list[PlannedAccount]] = {}
    for account in accounts:
        grouped.setdefault(account.member_index, []).append(account)
    return grouped
