"""The read side: public representations of projections, never a write."""

from __future__ import annotations

from typing import Any

from turingcore.app.sealing import served_event
from turingcore.app.verify import ChainVerdict, verify_chain
from turingcore.domain.money import format_cents
from turingcore.domain.types import AccountKind, ProductType
from turingcore.store.base import AccountRecord, Store

_MEMBER_DETAIL_FIELDS = (
    "accountPurpose",
    "principal",
    "creditLimit",
    "termMonths",
    "disbursementAccountId",
    "productType",
)


def available_cents(rec: AccountRecord) -> int:
    """Deposits: down to the floor; loans and cards: up to the limit; GL: the balance."""
    if rec.kind == AccountKind.GL:
        return rec.balance_cents
    if rec.account_type in (ProductType.LOAN, ProductType.CREDIT_CARD):
        return 0 if rec.ceiling_cents is None else max(rec.ceiling_cents - rec.balance_cents, 0)
    floor = 0 if rec.floor_cents is None else rec.floor_cents
    return max(rec.balance_cents - floor, 0)


def account_public(rec: AccountRecord) -> dict[str, Any]:
    body: dict[str, Any] = {
        "accountId": rec.account_id,
        "kind": rec.kind,
        "type": rec.account_type,
        "normalBalance": rec.normal_balance,
        "customerId": rec.customer_id,
        "productCode": rec.product_code,
        "accountAlias": rec.record.get("accountAlias"),
        "name": rec.record.get("name"),
        "balance": format_cents(rec.balance_cents),
        "availableBalance": format_cents(available_cents(rec)),
        "debits": format_cents(rec.debit_cents),
        "credits": format_cents(rec.credit_cents),
        "currency": rec.currency,
        "status": rec.status,
        "openedAt": rec.opened_at,
        "floor": None if rec.floor_cents is None else format_cents(rec.floor_cents),
        "limit": None if rec.ceiling_cents is None else format_cents(rec.ceiling_cents),
    }
    for name in _MEMBER_DETAIL_FIELDS:
        if name in rec.record:
            body[name] = rec.record[name]
    return body


def trial_balance(store: Store, tenant_id: str) -> dict[str, Any]:
    """Every account's turnover and balance; gross debits must equal gross credits."""
    rows, total_debits, total_credits = [], 0, 0
    for rec in store.all_accounts(tenant_id):
        total_debits += rec.debit_cents
        total_credits += rec.credit_cents
        rows.append(
            {
                "accountId": rec.account_id,
                "kind": rec.kind,
                "type": rec.account_type,
                "normalBalance": rec.normal_balance,
                "debits": format_cents(rec.debit_cents),
                "credits": format_cents(rec.credit_cents),
                "balance": format_cents(rec.balance_cents),
            }
        )
    return {
        "accounts": rows,
        "totals": {
            "debits": format_cents(total_debits),
            "credits": format_cents(total_credits),
            "net": format_cents(total_debits - total_credits),
        },
        "balanced": total_debits == total_credits,
    }


def events_json(rows: list[tuple[str, str]]) -> str:
    """A JSON array of served events, built from stored text without re-encoding."""
    return "[" + ",".join(served_event(body, digest) for body, digest in rows) + "]"


def verify(store: Store, tenant_id: str) -> ChainVerdict:
    """Verify up to the head read first, so concurrent appends cannot look like damage."""
    head = store.chain_head(tenant_id)
    return verify_chain(store.iter_events(tenant_id, up_to=head.position), head)
