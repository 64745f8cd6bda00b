"""Accounts: the summary rows of a member, one account's header, transactions and timeline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from cu_twin.console.formatting import (
    ResourceKind,
    aud,
    calendar_date,
    humanise_code,
    local_datetime,
    short_hash,
)
from cu_twin.console.views.common import TenantView
from cu_twin.console.views.events import event_summary
from turingcore_client import Account, Event, to_cents

OWED_TYPES = frozenset({"LOAN", "CREDIT_CARD"})


@dataclass(frozen=True)
class AccountRow:
    account_id: str
    title: str
    product_code: str
    kind_label: str
    balance: str
    available: str
    status: str
    is_owed: bool


def account_title(account: Account) -> str:
    """What an operator calls the account: its alias, GL name, or product code."""
    return account.account_alias or account.name or account.product_code or account.account_id


def account_rows(accounts: Sequence[Account]) -> list[AccountRow]:
    """A member's accounts as table rows (balances in each account's normal sense)."""
    return [
        AccountRow(
            account_id=a.account_id,
            title=account_title(a),
            product_code=a.product_code or a.account_id,
            kind_label=humanise_code(a.type),
            balance=aud(a.balance_cents),
            available=aud(a.available_balance_cents),
            status=humanise_code(a.status),
            is_owed=a.type in OWED_TYPES,
        )
        for a in accounts
    ]


@dataclass(frozen=True)
class AccountView:
    account_id: str
    title: str
    resource_name: str
    kind: str
    type_label: str
    product_code: str | None
    customer_id: str | None
    balance: str
    available: str
    balance_meaning: str
    normal_balance: str
    floor: str | None
    limit: str | None
    debits: str
    credits: str
    status: str
    opened: str


def _balance_meaning(account: Account) -> str:
    if account.kind == "GL":
        return f"{account.normal_balance.lower()}-normal"
    return "owed by the member" if account.type in OWED_TYPES else "held for the member"


def account_view(account: Account, tenant: TenantView) -> AccountView:
    """The account page's header."""
    return AccountView(
        account_id=account.account_id,
        title=account_title(account),
        resource_name=tenant.name_of(ResourceKind.ACCOUNT, account.account_id),
        kind=account.kind,
        type_label=humanise_code(account.type),
        product_code=account.product_code,
        customer_id=account.customer_id,
        balance=aud(account.balance_cents),
        available=aud(account.available_balance_cents),
        balance_meaning=_balance_meaning(account),
        normal_balance=account.normal_balance,
        floor=aud(to_cents(account.floor)) if account.floor is not None else None,
        limit=aud(to_cents(account.limit)) if account.limit is not None else None,
        debits=aud(to_cents(account.debits)),
        credits=aud(to_cents(account.credits)),
        status=humanise_code(account.status),
        opened=local_datetime(account.opened_at, tenant.zone),
    )


@dataclass(frozen=True)
class TransactionRow:
    position: int
    value_date: str
    occurred: str
    narrative: str
    debit: str | None
    credit: str | None
    balance_after: str


def transaction_rows(
    events: Sequence[Event], account_id: str, zone: ZoneInfo
) -> list[TransactionRow]:
    """The account's entries in the order given: what moved, which way, and the balance after.

    The running balance is the ``balanceAfter`` the core recorded in the entry itself.
    """
    rows = []
    for event in events:
        if event.event_type != "EntryPosted":
            continue
        legs = [leg for leg in event.payload.get("legs", []) if leg["accountId"] == account_id]
        debits = sum(to_cents(leg["amount"]) for leg in legs if leg["direction"] == "DEBIT")
        credits = sum(to_cents(leg["amount"]) for leg in legs if leg["direction"] == "CREDIT")
        after = next(
            b["balanceAfter"]
            for b in event.payload.get("balances", [])
            if b["accountId"] == account_id
        )
        rows.append(
            TransactionRow(
                position=event.position,
                value_date=calendar_date(event.payload["valueDate"]),
                occurred=local_datetime(event.occurred_at, zone),
                narrative=event.payload.get("narrative", ""),
                debit=aud(debits) if debits else None,
                credit=aud(credits) if credits else None,
                balance_after=aud(to_cents(after)),
            )
        )
    return rows


@dataclass(frozen=True)
class TimelineRow:
    position: int
    event_type: str
    occurred: str
    summary: str
    hash: str
    hash_short: str
    prev_hash: str
    prev_hash_short: str
    causation_id: str
    causation_short: str


def timeline_rows(events: Sequence[Event], zone: ZoneInfo) -> list[TimelineRow]:
    """The raw events with their chain fields and causing command, in the order given."""
    return [
        TimelineRow(
            position=e.position,
            event_type=e.event_type,
            occurred=local_datetime(e.occurred_at, zone),
            summary=event_summary(e),
            hash=e.hash,
            hash_short=short_hash(e.hash),
            prev_hash=e.prev_hash,
            prev_hash_short=short_hash(e.prev_hash),
            causation_id=e.causation_id,
            causation_short=short_hash(e.causation_id),
        )
        for e in events
    ]
