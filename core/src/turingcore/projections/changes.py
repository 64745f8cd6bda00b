"""Read-model changes derived from events: pure, so every store applies the same logic.

``changes_for(event)`` says what each event does to the projection tables; a store adapter
turns the changes into its own SQL inside the append transaction (or during a rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from turingcore.domain.money import parse_cents
from turingcore.domain.types import AccountKind, AccountStatus, Direction, EventType
from turingcore.store.records import SealedEvent


@dataclass(frozen=True, slots=True)
class TenantRow:
    tenant_id: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ProductRow:
    product_code: str
    product_type: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CustomerRow:
    customer_id: str
    seq: int
    external_ref: str | None
    email: str
    mobile: str
    full_name: str
    segment: str | None
    status: str
    date_of_birth: str
    search_text: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AccountRow:
    account_id: str
    seq: int
    kind: AccountKind
    customer_id: str | None
    product_code: str | None
    account_type: str
    normal_balance: str
    status: str
    currency: str
    floor_cents: int | None
    ceiling_cents: int | None
    opened_at: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class BalanceChange:
    account_id: str
    balance_after_cents: int
    debit_cents: int
    credit_cents: int


@dataclass(frozen=True, slots=True)
class AccountEventLink:
    account_id: str
    position: int


Change = TenantRow | ProductRow | CustomerRow | AccountRow | BalanceChange | AccountEventLink


def _optional_cents(value: Any) -> int | None:
    return None if value is None else event_cents(value)


def event_cents(text: str) -> int:
    """Cents of an amount as events carry it: always ``-?digits.dd`` (``format_cents``),
    so it parses without Decimal; anything else goes through the full parser."""
    if (
        len(text) > 3
        and text[-3] == "."
        and text[-2:].isdigit()
        and text[:-3].lstrip("-").isdigit()
    ):
        return int(text[:-3] + text[-2:])
    return parse_cents(text)


def _tenant_changes(event: SealedEvent, payload: dict[str, Any]) -> list[Change]:
    record = {k: v for k, v in payload.items() if k != "glAccounts"}
    record.update(
        tenantId=payload["tenantCode"], status="ACTIVE", createdAt=event.envelope["occurredAt"]
    )
    changes: list[Change] = [TenantRow(payload["tenantCode"], record)]
    for gl in payload["glAccounts"]:
        changes.append(
            AccountRow(
                gl["accountId"],
                event.position,
                AccountKind.GL,
                None,
                None,
                gl["type"],
                gl["normalBalance"],
                AccountStatus.OPEN,
                payload["baseCurrency"],
                None,
                None,
                event.envelope["occurredAt"],
                {"name": gl["name"]},
            )
        )
        changes.append(AccountEventLink(gl["accountId"], event.position))
    return changes


def _customer_changes(event: SealedEvent, payload: dict[str, Any]) -> list[Change]:
    person = payload["person"]
    external_ref = payload.get("externalRef")
    segment = payload.get("riskProfile", {}).get("segment")
    search = " ".join(
        x for x in (payload["fullName"], person["email"], external_ref or "") if x
    ).lower()
    record = {**payload, "createdAt": event.envelope["occurredAt"]}
    return [
        CustomerRow(
            payload["customerId"],
            event.position,
            external_ref,
            person["email"].lower(),
            person["mobile"],
            payload["fullName"],
            segment,
            payload["status"],
            person["dateOfBirth"],
            search,
            record,
        )
    ]


def _account_changes(event: SealedEvent, payload: dict[str, Any]) -> list[Change]:
    return [
        AccountRow(
            payload["accountId"],
            event.position,
            AccountKind.MEMBER,
            payload["customerId"],
            payload["productCode"],
            payload["productType"],
            payload["normalBalance"],
            AccountStatus.OPEN,
            payload["currency"],
            _optional_cents(payload.get("floor")),
            _optional_cents(payload.get("ceiling")),
            event.envelope["occurredAt"],
            payload,
        ),
        AccountEventLink(payload["accountId"], event.position),
    ]


_ENTRY_POSTED = EventType.ENTRY_POSTED
_DEBIT = Direction.DEBIT


def _entry_changes(event: SealedEvent, payload: dict[str, Any]) -> list[Change]:
    turnover: dict[str, list[int]] = {}
    for leg in payload["legs"]:
        debit_credit = turnover.setdefault(leg["accountId"], [0, 0])
        debit_credit[0 if leg["direction"] == _DEBIT else 1] += event_cents(leg["amount"])
    changes: list[Change] = []
    for balance in payload["balances"]:
        account_id = balance["accountId"]
        debits, credits = turnover[account_id]
        changes.append(
            BalanceChange(account_id, event_cents(balance["balanceAfter"]), debits, credits)
        )
        changes.append(AccountEventLink(account_id, event.position))
    return changes


def changes_for(event: SealedEvent) -> list[Change]:
    """What one event does to the read models."""
    payload: dict[str, Any] = event.envelope["payload"]
    kind = event.event_type
    if kind == _ENTRY_POSTED:  # by far the most frequent: asked first
        return _entry_changes(event, payload)
    if kind == EventType.TENANT_CREATED:
        return _tenant_changes(event, payload)
    if kind in (EventType.PRODUCT_CREATED, EventType.PRODUCT_UPDATED):
        return [ProductRow(payload["productCode"], payload["productType"], payload)]
    if kind == EventType.CUSTOMER_CREATED:
        return _customer_changes(event, payload)
    if kind == EventType.ACCOUNT_OPENED:
        return _account_changes(event, payload)
    raise AssertionError(f"no projection for {kind}")
