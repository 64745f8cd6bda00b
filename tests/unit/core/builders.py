"""Small builders for the core's pure-domain tests: states, snapshots and validated commands.

Commands are built the way the API edge builds them: a JSON-shaped dict validated with
``TypeAdapter(AnyCommand)``, money given as decimal strings (or ``Decimal`` for JSON numbers,
as ``json.loads(..., parse_float=Decimal)`` yields them). The GL chart below is copied from
the API contract, not from the core, so the tests can disagree with the code.
"""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from turingcore.domain.commands import AnyCommand, PostEntryCommand, UpsertProductPayload
from turingcore.domain.decide import decide
from turingcore.domain.errors import Rejection
from turingcore.domain.money import parse_cents
from turingcore.domain.snapshot import Command, Snapshot
from turingcore.domain.state import (
    AccountState,
    CustomerState,
    Decision,
    NewEvent,
    ProductState,
    TenantState,
)
from turingcore.domain.types import (
    AccountKind,
    AccountStatus,
    CustomerStatus,
    Direction,
    EventType,
)

TENANT_ID = "CU_TEST"
BASE_CURRENCY = "AUD"
TIME_ZONE = "Australia/Sydney"
DEFAULT_TIMESTAMP = "2026-03-02T01:00:00Z"  # 12:00 on 2 March 2026 in Sydney (AEDT, +11)
CUSTOMER_ID = "7f1f4a0e-1b2c-4d3e-8f40-5a6b7c8d9e01"
OTHER_CUSTOMER_ID = "7f1f4a0e-1b2c-4d3e-8f40-5a6b7c8d9e02"
ADULT_DATE_OF_BIRTH = date(1990, 6, 15)

# The API contract's standard chart: code -> (type, normal balance).
CONTRACT_GL_CHART: dict[str, tuple[str, Direction]] = {
    "GL_SALARY_CLEARING": ("ASSET", Direction.DEBIT),
    "GL_NPP_CLEARING": ("ASSET", Direction.DEBIT),
    "GL_OPENING_FUNDS": ("ASSET", Direction.DEBIT),
    "GL_ATM_CASH": ("ASSET", Direction.DEBIT),
    "GL_CARD_CLEARING": ("LIABILITY", Direction.CREDIT),
    "GL_BPAY_CLEARING": ("LIABILITY", Direction.CREDIT),
    "GL_LOAN_FUNDING": ("LIABILITY", Direction.CREDIT),
    "GL_INTEREST_INCOME": ("INCOME", Direction.CREDIT),
    "GL_FEE_INCOME": ("INCOME", Direction.CREDIT),
    "GL_INTEREST_EXPENSE": ("EXPENSE", Direction.DEBIT),
    "GL_RETAINED_EARNINGS": ("EQUITY", Direction.CREDIT),
}

COMMANDS: TypeAdapter[Any] = TypeAdapter(AnyCommand)


def json_data(text: str) -> Any:
    """Parse JSON the way the API edge does: numbers with a fraction become ``Decimal``."""
    return json.loads(text, parse_float=Decimal)


def command_id(n: int) -> str:
    """A distinct, valid, lowercase UUID string for the ``n``-th command of a test."""
    return str(uuid.UUID(int=0x7E57_0000_0000_4000_8000_0000_0000_0000 + n))


def envelope(
    command_type: str,
    payload: Mapping[str, Any],
    *,
    cid: str | None = None,
    timestamp: str = DEFAULT_TIMESTAMP,
    tenant_id: str = TENANT_ID,
) -> dict[str, Any]:
    """The JSON-shaped command envelope, before validation."""
    return {
        "commandId": cid or command_id(1),
        "tenantId": tenant_id,
        "commandType": command_type,
        "actor": {"actorType": "SYSTEM", "actorId": "unit-test"},
        "timestamp": timestamp,
        "payload": dict(payload),
    }


def command(
    command_type: str,
    payload: Mapping[str, Any],
    *,
    cid: str | None = None,
    timestamp: str = DEFAULT_TIMESTAMP,
    tenant_id: str = TENANT_ID,
) -> Command:
    """A strictly validated command (raises ``ValidationError`` like the API's 400)."""
    validated: Command = COMMANDS.validate_python(
        envelope(command_type, payload, cid=cid, timestamp=timestamp, tenant_id=tenant_id)
    )
    return validated


def tenant_state(time_zone: str = TIME_ZONE, tenant_id: str = TENANT_ID) -> TenantState:
    return TenantState(tenant_id, BASE_CURRENCY, time_zone)


def gl_account(code: str, balance_cents: int = 0) -> AccountState:
    gl_type, normal = CONTRACT_GL_CHART[code]
    return AccountState(
        code,
        AccountKind.GL,
        gl_type,
        normal,
        AccountStatus.OPEN,
        BASE_CURRENCY,
        balance_cents,
        None,
        None,
    )


def gl_accounts() -> dict[str, AccountState]:
    return {code: gl_account(code) for code in CONTRACT_GL_CHART}


def member_account(
    account_id: str,
    account_type: str = "DEPOSIT",
    *,
    balance_cents: int = 0,
    floor_cents: int | None = 0,
    ceiling_cents: int | None = None,
    customer_id: str = CUSTOMER_ID,
    status: AccountStatus = AccountStatus.OPEN,
    currency: str = BASE_CURRENCY,
) -> AccountState:
    """A member account; deposits are credit-normal, loans and cards debit-normal."""
    normal = Direction.CREDIT if account_type in ("DEPOSIT", "TERM_DEPOSIT") else Direction.DEBIT
    return AccountState(
        account_id,
        AccountKind.MEMBER,
        account_type,
        normal,
        status,
        currency,
        balance_cents,
        floor_cents,
        ceiling_cents,
        customer_id,
    )


def loan_account(
    account_id: str, *, limit_cents: int | None, balance_cents: int = 0
) -> AccountState:
    return member_account(
        account_id, "LOAN", balance_cents=balance_cents, floor_cents=None, ceiling_cents=limit_cents
    )


def card_account(
    account_id: str, *, limit_cents: int | None, balance_cents: int = 0
) -> AccountState:
    return member_account(
        account_id,
        "CREDIT_CARD",
        balance_cents=balance_cents,
        floor_cents=None,
        ceiling_cents=limit_cents,
    )


def product_record(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The normalised record of a product, as its ProductCreated event carries it."""
    model = UpsertProductPayload.model_validate(dict(payload))
    return model.model_dump(mode="json", exclude_none=True)


def product_payload(code: str, product_type: str, **sections: Any) -> dict[str, Any]:
    return {"productCode": code, "name": f"{code} product", "productType": product_type, **sections}


def product_state(code: str, product_type: str, **sections: Any) -> ProductState:
    return ProductState(
        code, product_type, product_record(product_payload(code, product_type, **sections))
    )


def customer_state(
    customer_id: str = CUSTOMER_ID,
    *,
    date_of_birth: date = ADULT_DATE_OF_BIRTH,
    status: CustomerStatus = CustomerStatus.ACTIVE,
) -> CustomerState:
    return CustomerState(customer_id, status, date_of_birth)


def snapshot(
    *,
    accounts: Iterable[AccountState] = (),
    products: Iterable[ProductState] = (),
    customers: Iterable[CustomerState] = (),
    taken: Iterable[str] = (),
    tenant: TenantState | None = None,
    with_gl: bool = True,
) -> Snapshot:
    """A loaded snapshot of the test tenant, the contract's GL chart included by default."""
    book = gl_accounts() if with_gl else {}
    book.update({a.account_id: a for a in accounts})
    return Snapshot(
        tenant if tenant is not None else tenant_state(),
        {p.product_code: p for p in products},
        {c.customer_id: c for c in customers},
        book,
        frozenset(taken),
    )


def leg(account_id: str, direction: str, amount: str | Decimal | int) -> dict[str, Any]:
    return {"accountId": account_id, "direction": direction, "amount": amount}


def transfer(debit_id: str, credit_id: str, amount: str) -> list[dict[str, Any]]:
    """Two legs moving ``amount`` from the debited to the credited account."""
    return [leg(debit_id, "DEBIT", amount), leg(credit_id, "CREDIT", amount)]


def post_entry_payload(legs: list[dict[str, Any]], **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "bookingDate": "2026-03-02",
        "valueDate": "2026-03-02",
        "currency": BASE_CURRENCY,
        "legs": legs,
        "narrative": "unit test entry",
    }
    payload.update(overrides)
    return payload


def post_entry(
    legs: list[dict[str, Any]], *, cid: str | None = None, **overrides: Any
) -> PostEntryCommand:
    validated = command("PostEntry", post_entry_payload(legs, **overrides), cid=cid)
    assert isinstance(validated, PostEntryCommand)
    return validated


def accepted(outcome: Decision | Rejection) -> Decision:
    assert isinstance(outcome, Decision), f"expected acceptance, got {outcome}"
    return outcome


def rejected(outcome: Decision | Rejection) -> Rejection:
    assert isinstance(outcome, Rejection), f"expected a rejection, got {outcome}"
    return outcome


def only_event(decision: Decision, event_type: EventType) -> NewEvent:
    assert [e.event_type for e in decision.events] == [event_type]
    return decision.events[0]


def balances_after(event: NewEvent) -> dict[str, str]:
    """EntryPosted ``balances`` as {accountId: balanceAfter}, each account listed once."""
    rows = event.payload["balances"]
    ids = [row["accountId"] for row in rows]
    assert len(ids) == len(set(ids)), f"an account is listed twice: {ids}"
    return {row["accountId"]: row["balanceAfter"] for row in rows}


def apply_decision(
    accounts: Mapping[str, AccountState], decision: Decision
) -> dict[str, AccountState]:
    """What the shell's projections do to the ledger view of accounts, for chained tests."""
    book = dict(accounts)
    for event in decision.events:
        p = event.payload
        if event.event_type == EventType.ACCOUNT_OPENED:
            book[p["accountId"]] = AccountState(
                p["accountId"],
                AccountKind.MEMBER,
                p["productType"],
                Direction(p["normalBalance"]),
                AccountStatus.OPEN,
                p["currency"],
                0,
                None if p.get("floor") is None else parse_cents(p["floor"]),
                None if p.get("ceiling") is None else parse_cents(p["ceiling"]),
                p["customerId"],
            )
        elif event.event_type == EventType.ENTRY_POSTED:
            for row in p["balances"]:
                account = book[row["accountId"]]
                book[row["accountId"]] = replace(
                    account, balance_cents=parse_cents(row["balanceAfter"])
                )
    return book


def decide_on(snap: Snapshot, cmd: Command) -> Decision | Rejection:
    """``decide``, also checking that deciding never mutates the loaded snapshot."""
    before = copy.deepcopy((dict(snap.accounts), dict(snap.products), dict(snap.customers)))
    outcome = decide(snap, cmd)
    assert (dict(snap.accounts), dict(snap.products), dict(snap.customers)) == before
    return outcome
