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
from cu_twin.scenarios.plan_types import Direction, LedgerAccount, Leg

UNLIMITED_CENTS = 2**62


class _Slot:
    """One account's balance and ceiling ("raised by" = the direction that grows it)."""

    __slots__ = ("balance", "ceiling", "raised_by")

    def __init__(self, balance: int, ceiling: int, raised_by: Direction) -> None:
        self.balance = balance
        self.ceiling = ceiling
        self.raised_by = raised_by


def _ceiling(account: PlannedAccount) -> int:
    if account.kind is AccountKind.CREDIT_CARD:
        return account.credit_limit_cents
    if account.kind.debit_normal:
        return account.principal_cents  # a loan is never drawn further in the plan
    return account.max_balance_cents if account.max_balance_cents is not None else UNLIMITED_CENTS


def _room(slot: _Slot, direction: Direction) -> int:
    return slot.ceiling - slot.balance if direction is slot.raised_by else slot.balance


def _move(slot: _Slot, direction: Direction, amount_cents: int) -> None:
    slot.balance += amount_cents if direction is slot.raised_by else -amount_cents


class BalanceBook:
    def __init__(self, accounts: Iterable[PlannedAccount]) -> None:
        self._slots: dict[AccountRef, _Slot] = {
            account.ref: _Slot(
                account.balance_after_seed_cents,
                _ceiling(account),
                Direction.DEBIT if account.kind.debit_normal else Direction.CREDIT,
            )
            for account in accounts
        }

    def balance(self, ref: AccountRef) -> int:
        return self._slots[ref].balance

    def room(self, ref: AccountRef, direction: Direction) -> int:
        """The most that can be posted to ``ref`` on ``direction`` without a breach."""
        return _room(self._slots[ref], direction)

    def fits(self, legs: Iterable[Leg]) -> bool:
        for account, direction, amount_cents in legs:
            if isinstance(account, AccountRef) and amount_cents > self.room(account, direction):
                return False
        return True

    def apply(self, legs: Iterable[Leg]) -> None:
        """Book the legs; a breach here is a planner bug, so it stops the plan."""
        for account, direction, amount_cents in legs:
            if not isinstance(account, AccountRef):
                continue
            slot = self._slots[account]
            _move(slot, direction, amount_cents)
            if not 0 <= slot.balance <= slot.ceiling:
                raise AssertionError(f"posting breaches a limit on {account}")

    def try_transfer(self, debit: LedgerAccount, credit: LedgerAccount, amount_cents: int) -> bool:
        """Book a two-leg entry if both member sides stay within limits; else change nothing."""
        debit_slot = self._slots[debit] if isinstance(debit, AccountRef) else None
        credit_slot = self._slots[credit] if isinstance(credit, AccountRef) else None
        if debit_slot is not None and amount_cents > _room(debit_slot, Direction.DEBIT):
            return False
        if credit_slot is not None and amount_cents > _room(credit_slot, Direction.CREDIT):
            return False
        if debit_slot is not None:
            _move(debit_slot, Direction.DEBIT, amount_cents)
        if credit_slot is not None:
            _move(credit_slot, Direction.CREDIT, amount_cents)
        return True
