"""Client models for the console's view-model tests, as the API would serve them."""

from __future__ import annotations

from typing import Any

from cu_twin.console.views.common import tenant_view
from turingcore_client import Account, Customer, Event, Tenant

TENANT = tenant_view(
    Tenant.model_validate(
        {
            "tenantId": "CU_X",
            "tenantCode": "CU_X",
            "displayName": "CU X",
            "region": "AU",
            "baseCurrency": "AUD",
            "timeZone": "Australia/Sydney",
            "status": "ACTIVE",
            "createdAt": "2025-01-01T00:00:00+11:00",
        }
    )
)
ACCOUNT_ID = "acc-1"


def event(position: int, event_type: str, payload: dict[str, Any], **extra: Any) -> Event:
    body = {
        "eventId": f"ev-{position}",
        "eventType": event_type,
        "tenantId": "CU_X",
        "streamId": extra.pop("streamId", f"stream-{position}"),
        "position": position,
        "occurredAt": "2025-01-02T09:00:00+11:00",
        "recordedAt": extra.pop("recordedAt", "2025-06-01T00:00:00Z"),
        "causationId": extra.pop("causationId", f"cmd-{position}"),
        "correlationId": "corr",
        "actor": {"actorType": "SERVICE", "actorId": "cu-twin"},
        "payload": payload,
        "prevHash": "0" * 64,
        "hash": f"{position:064x}",
    }
    return Event.model_validate(body)


def entry(position: int, legs: list[tuple[str, str, str]], after: dict[str, str]) -> Event:
    return event(
        position,
        "EntryPosted",
        {
            "narrative": f"entry {position}",
            "valueDate": "2025-01-02",
            "bookingDate": "2025-01-02",
            "currency": "AUD",
            "legs": [{"accountId": a, "direction": d, "amount": m} for a, d, m in legs],
            "balances": [{"accountId": a, "balanceAfter": b} for a, b in after.items()],
        },
    )


def account(**overrides: Any) -> Account:
    body = {
        "accountId": ACCOUNT_ID,
        "kind": "MEMBER",
        "type": "DEPOSIT",
        "normalBalance": "CREDIT",
        "customerId": "cust-1",
        "productCode": "TXN",
        "accountAlias": "Everyday",
        "name": None,
        "balance": "1234.50",
        "availableBalance": "1200.00",
        "debits": "10.00",
        "credits": "1244.50",
        "currency": "AUD",
        "status": "OPEN",
        "openedAt": "2024-12-31T13:00:00Z",
        "floor": "0.00",
        "limit": None,
    }
    return Account.model_validate({**body, **overrides})


CUSTOMER = Customer.model_validate(
    {
        "customerId": "cust-1",
        "externalRef": "CUST-000001",
        "fullName": "Kevin Gray",
        "status": "ACTIVE",
        "person": {
            "firstName": "Kevin",
            "lastName": "Gray",
            "dateOfBirth": "1973-09-11",
            "email": "gray.k@gmail.example",
            "mobile": "+61491574460",
        },
        "address": {
            "line1": "2/107 Ocean Drive",
            "suburb": "Parramatta",
            "state": "NSW",
            "postcode": "2150",
            "country": "AU",
        },
        "riskProfile": {"segment": "PREMIUM", "kycStatus": "VERIFIED", "creditScore": 707},
        "employment": {"status": "FULL_TIME", "annualIncome": "121919.00"},
        "createdAt": "2024-12-31T13:00:00Z",
    }
)
