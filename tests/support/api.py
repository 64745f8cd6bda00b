"""Small helpers for end-to-end tests that speak raw HTTP to a core process."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
import rfc8785

TS = "2025-01-15T10:00:00+11:00"
ACTOR = {"actorType": "SYSTEM", "actorId": "e2e"}


def command(
    tenant: str, command_type: str, payload: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    body = {
        "commandId": str(uuid.uuid4()),
        "tenantId": tenant,
        "commandType": command_type,
        "actor": ACTOR,
        "timestamp": TS,
        "payload": payload,
    }
    body.update(extra)
    return body


def tenant_payload(code: str) -> dict[str, Any]:
    return {
        "tenantCode": code,
        "displayName": f"Tenant {code}",
        "region": "AU",
        "baseCurrency": "AUD",
        "timeZone": "Australia/Sydney",
    }


def customer_payload(n: int) -> dict[str, Any]:
    return {
        "externalRef": f"CUST-{n:06d}",
        "person": {
            "firstName": "Alex",
            "lastName": f"Member{n}",
            "dateOfBirth": "1990-05-17",
            "email": f"alex.member{n}@gmail.example",
            "mobile": f"+614915{n:05d}",
        },
        "address": {
            "line1": "1 George St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
    }


def entry(
    tenant: str, legs: list[tuple[str, str, str]], narrative: str = "test entry"
) -> dict[str, Any]:
    return command(
        tenant,
        "PostEntry",
        {
            "bookingDate": "2025-01-15",
            "valueDate": "2025-01-15",
            "currency": "AUD",
            "narrative": narrative,
            "legs": [{"accountId": a, "direction": d, "amount": m} for a, d, m in legs],
        },
    )


@dataclass
class Api:
    """A tiny raw-HTTP session with one key (the typed client is tested on its own)."""

    url: str
    key: str
    _http: httpx.Client = field(
        default_factory=lambda: httpx.Client(timeout=30), repr=False, compare=False
    )
    """One connection pool (and TLS context) per session: building a client per request
    cost more than most requests."""

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    def post(self, path: str, body: Any) -> httpx.Response:
        return self._http.post(self.url + path, json=body, headers=self._headers())

    def get(self, path: str, **params: Any) -> httpx.Response:
        return self._http.get(self.url + path, params=params, headers=self._headers())

    def send(self, tenant: str, body: dict[str, Any]) -> httpx.Response:
        return self.post(f"/tenants/{tenant}/commands", body)

    def ok(self, tenant: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.send(tenant, body)
        assert response.status_code == 202, response.text
        result: dict[str, Any] = response.json()
        return result

    def key_for(self, tenant: str, scope: str) -> str:
        response = self.post("/api-keys", {"scope": scope, "tenantId": tenant})
        assert response.status_code == 201, response.text
        key: str = response.json()["key"]
        return key

    def all_events(self, tenant: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        while True:
            after = events[-1]["position"] if events else 0
            page = self.get(f"/tenants/{tenant}/events", after=after, limit=1000).json()["events"]
            if not page:
                return events
            events.extend(page)


@dataclass
class Ledger:
    """A tenant with products, one customer and open accounts, for posting tests."""

    tenant: str
    customer_id: str
    txn: str
    savings: str
    card: str


def setup_ledger(api: Api, tenant: str) -> Ledger:
    api.ok(tenant, command(tenant, "CreateTenant", tenant_payload(tenant)))
    products: list[dict[str, Any]] = [
        {"productCode": "TXN", "name": "Everyday", "productType": "DEPOSIT"},
        {
            "productCode": "SAVER",
            "name": "Saver",
            "productType": "DEPOSIT",
            "constraints": {"maxBalance": "1000.00"},
        },
        {
            "productCode": "CARD",
            "name": "Card",
            "productType": "CREDIT_CARD",
            "constraints": {"minCreditLimit": "500.00", "maxCreditLimit": "5000.00"},
        },
    ]
    for product in products:
        api.ok(tenant, command(tenant, "UpsertProduct", product))
    customer_id = api.ok(tenant, command(tenant, "CreateCustomer", customer_payload(1)))["result"][
        "customerId"
    ]

    def open_account(payload: dict[str, Any]) -> str:
        account_id: str = api.ok(
            tenant,
            command(
                tenant, "OpenAccount", {"customerId": customer_id, "currency": "AUD", **payload}
            ),
        )["result"]["accountId"]
        return account_id

    return Ledger(
        tenant,
        customer_id,
        open_account({"productCode": "TXN", "initialDeposit": "100.00"}),
        open_account({"productCode": "SAVER"}),
        open_account({"productCode": "CARD", "creditLimit": "1000.00"}),
    )


def recompute_hash(event: dict[str, Any]) -> str:
    """The contract's hash rule, written independently of the core's code."""
    without = {k: v for k, v in event.items() if k != "hash"}
    canonical = rfc8785.dumps(without).decode("utf-8")
    return hashlib.sha256((event["prevHash"] + canonical).encode("utf-8")).hexdigest()


def cents(text: str) -> int:
    value = Decimal(text) * 100
    assert value == value.to_integral_value()
    return int(value)


def balances_from_events(events: list[dict[str, Any]], normal: dict[str, str]) -> dict[str, int]:
    """Every account's balance derived from EntryPosted legs alone, in its normal sense."""
    derived: dict[str, int] = {}
    for event in events:
        if event["eventType"] != "EntryPosted":
            continue
        for leg in event["payload"]["legs"]:
            sign = 1 if leg["direction"] == normal[leg["accountId"]] else -1
            derived[leg["accountId"]] = derived.get(leg["accountId"], 0) + sign * cents(
                leg["amount"]
            )
    return derived


def as_json(response: httpx.Response) -> Any:
    return json.loads(response.text)


def account_balance_from_events(account_id: str, normal: str, events: list[dict[str, Any]]) -> int:
    """One account's balance from the legs of its own events, in its normal sense."""
    total = 0
    for event in events:
        if event["eventType"] != "EntryPosted":
            continue
        for leg in event["payload"]["legs"]:
            if leg["accountId"] == account_id:
                total += cents(leg["amount"]) * (1 if leg["direction"] == normal else -1)
    return total
