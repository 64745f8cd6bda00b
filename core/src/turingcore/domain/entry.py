"""Posting rules: the one place that moves balances and enforces floors and limits.

Every posting (a PostEntry, an opening deposit, a loan disbursement) goes through
``post_legs``; nothing else in the core changes a balance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from turingcore.domain.commands import PostEntryCommand
from turingcore.domain.errors import Rejection, Rule
from turingcore.domain.ids import derived_id
from turingcore.domain.money import format_cents
from turingcore.domain.state import AccountState, Decision, NewEvent, TenantState
from turingcore.domain.types import AccountStatus, Direction, EventType, ProductType


@dataclass(frozen=True, slots=True)
class LegSpec:
    account_id: str
    direction: Direction
    amount_cents: int


def signed_delta(account: AccountState, direction: Direction, amount_cents: int) -> int:
    """How a leg moves the balance in the account's normal sense."""
    return amount_cents if direction == account.normal_balance else -amount_cents


def bounds_rejection(account: AccountState, delta_cents: int) -> Rejection | None:
    """Floors and ceilings (precise rule 7): checked only in the direction the entry moves."""
    after = account.balance_cents + delta_cents
    if delta_cents < 0 and account.floor_cents is not None and after < account.floor_cents:
        return Rejection(
            Rule.BALANCE_BELOW_FLOOR,
            "the entry would take the balance below its floor",
            _bounds_details(account, after, floor=account.floor_cents),
        )
    if delta_cents > 0 and account.ceiling_cents is not None and after > account.ceiling_cents:
        details = _bounds_details(account, after, limit=account.ceiling_cents)
        if account.account_type in (ProductType.LOAN, ProductType.CREDIT_CARD):
            return Rejection(
                Rule.CREDIT_LIMIT_EXCEEDED, "the entry would exceed the credit limit", details
            )
        return Rejection(
            Rule.BALANCE_ABOVE_MAXIMUM, "the entry would exceed the maximum balance", details
        )
    return None


def _bounds_details(account: AccountState, after: int, **bound: int) -> dict[str, str]:
    details = {"accountId": account.account_id, "balanceAfter": format_cents(after)}
    details.update({name: format_cents(cents) for name, cents in bound.items()})
    return details


_DEBIT = Direction.DEBIT
_OPEN = AccountStatus.OPEN
"""Enum members bound once: attribute access on an enum class is a descriptor call, and
this module runs for every posting."""


def post_legs(
    accounts: Mapping[str, AccountState], legs: Sequence[LegSpec], currency: str
) -> list[dict[str, str]] | Rejection:
    """Apply balanced legs; return the balances after, per account, or the broken rule."""
    debits = credits = 0
    for leg in legs:
        if leg.direction == _DEBIT:
            debits += leg.amount_cents
        else:
            credits += leg.amount_cents
    if debits != credits:
        return Rejection(
            Rule.ENTRY_UNBALANCED,
            "the sum of debits must equal the sum of credits",
            {"debits": format_cents(debits), "credits": format_cents(credits)},
        )
    deltas: dict[str, int] = {}
    for index, leg in enumerate(legs):
        account = accounts.get(leg.account_id)
        if account is None:
            return Rejection(
                Rule.ACCOUNT_NOT_FOUND,
                "no such account in this tenant",
                {"accountId": leg.account_id, "legIndex": index},
            )
        if account.status != _OPEN:
            return Rejection(
                Rule.ACCOUNT_NOT_OPEN, "the account is not open", {"accountId": leg.account_id}
            )
        if account.currency != currency:
            return Rejection(
                Rule.CURRENCY_MISMATCH,
                "the account is held in another currency",
                {"accountId": leg.account_id, "accountCurrency": account.currency},
            )
        deltas[leg.account_id] = deltas.get(leg.account_id, 0) + signed_delta(
            account, leg.direction, leg.amount_cents
        )
    balances = []
    for account_id, delta in deltas.items():
        account = accounts[account_id]
        rejection = bounds_rejection(account, delta)
        if rejection is not None:
            return rejection
        balances.append(
            {
                "accountId": account_id,
                "balanceAfter": format_cents(account.balance_cents + delta),
            }
        )
    return balances


def entry_event(
    *,
    entry_id: str,
    booking_date: date,
    value_date: date,
    currency: str,
    narrative: str,
    legs: Sequence[LegSpec],
    balances: list[dict[str, str]],
    extra: Mapping[str, Any] | None = None,
) -> NewEvent:
    payload: dict[str, Any] = {
        "entryId": entry_id,
        "bookingDate": booking_date.isoformat(),
        "valueDate": value_date.isoformat(),
        "currency": currency,
        "narrative": narrative,
        "legs": [
            {
                "accountId": leg.account_id,
                "direction": leg.direction.value,
                "amount": format_cents(leg.amount_cents),
            }
            for leg in legs
        ],
        "balances": balances,
    }
    if extra:
        payload.update(extra)
    return NewEvent(EventType.ENTRY_POSTED, entry_id, payload)


def decide_post_entry(
    tenant: TenantState, accounts: Mapping[str, AccountState], cmd: PostEntryCommand
) -> Decision | Rejection:
    p = cmd.payload
    if p.valueDate < p.bookingDate:
        return Rejection(
            Rule.VALUE_DATE_BEFORE_BOOKING_DATE, "valueDate must not be before bookingDate"
        )
    if p.currency != tenant.base_currency:
        return Rejection(
            Rule.CURRENCY_MISMATCH,
            f"v1 accepts only the tenant's base currency {tenant.base_currency}",
        )
    legs = [LegSpec(leg.accountId, leg.direction, leg.amount) for leg in p.legs]
    balances = post_legs(accounts, legs, p.currency)
    if isinstance(balances, Rejection):
        return balances
    entry_id = derived_id(tenant.tenant_id, cmd.commandId, "entry")
    extra: dict[str, Any] = {}
    if p.tags:
        extra["tags"] = dict(p.tags)
    if p.metadata:
        extra["metadata"] = dict(p.metadata)
    event = entry_event(
        entry_id=entry_id,
        booking_date=p.bookingDate,
        value_date=p.valueDate,
        currency=p.currency,
        narrative=p.narrative,
        legs=legs,
        balances=balances,
        extra=extra,
    )
    return Decision([event], {"entryId": entry_id})
