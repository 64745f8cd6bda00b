"""The plan's own view of every member account balance.

Balances are in each account's normal sense: deposits are credit-normal (what the
credit union owes the member), loans and cards debit-normal (what the member owes).
The book refuses any posting that would take a deposit below zero, a deposit above its
maxBalance, a card above its limit, or a loan or card below zero; GL accounts have no
floor and are not tracked. This is the plan's one rule for "can this posting happen".
"""

from __future__ import annotations

from collections.abc import Iterable

from cu_twin.generators.accounts import AccountKind, AccountRef, PlannedAccount
from cu_twin.scenarios.plan_types import Direction, Leg

UNLIMITED_CENTS = 2**62


class BalanceBook:
    def __init__(self, accounts: Iterable[PlannedAccount]) -> None:
        self._balance: dict[AccountRef, int] = {}
        self._cap: dict[AccountRef, int] = {}
        self._debit_normal: dict[AccountRef, bool] = {}
        for account in accounts:
            self._balance[account.ref] = account.balance_after_seed_cents
            self._debit_normal[account.ref] = account.kind.debit_normal
            if account.kind is AccountKind.CREDIT_CARD:
                self._cap[account.ref] = account.credit_limit_cents
            elif account.kind.debit_normal:
                self._cap[account.ref] = account.principal_cents
            else:
                self._cap[account.ref] = (
                    account.max_balance_cents
                    if account.max_balance_cents is not None
                    else UNLIMITED_CENTS
                )

    def balance(self, ref: AccountRef) -> int:
        return self._balance[ref]

    def room(self, ref: AccountRef, direction: Direction) -> int:
        """The most that can be posted to ``ref`` on ``direction`` without a breach."""
        balance = self._balance[ref]
        raises = (direction is Direction.DEBIT) == self._debit_normal[ref]
        return self._cap[ref] - balance if raises else balance

    def fits(self, legs: Iterable[Leg]) -> bool:
        return all(
            leg.amount_cents <= self.room(leg.account, leg.direction)
            for leg in legs
            if isinstance(leg.account, AccountRef)
        )

    def apply(self, legs: Iterable[Leg]) -> None:
        for leg in legs:
            if not isinstance(leg.account, AccountRef):
                continue
            if leg.amount_cents > self.room(leg.account, leg.direction):
                raise AssertionError(f"posting would breach a limit on {leg.account}")
            raises = (leg.direction is Direction.DEBIT) == self._debit_normal[leg.account]
            self._balance[leg.account] += leg.amount_cents if raises else -leg.amount_cents

    def snapshot(self) -> dict[AccountRef, int]:
        return dict(self._balance)
