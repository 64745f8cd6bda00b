"""Drive a store through the real command shell, in-process, with a fixed clock.

The store tests use it to fill a tenant the way the API would (the same commands, the same
``changes_for`` projections) without a server; every call asserts its command was accepted.
"""

from __future__ import annotations

import itertools
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pydantic import TypeAdapter

from tests.support.api import customer_payload, tenant_payload
from turingcore.app.commands import CommandService
from turingcore.app.outcomes import Accepted, Outcome
from turingcore.domain.commands import AnyCommand
from turingcore.domain.snapshot import Command
from turingcore.store.base import Store

COMMANDS: TypeAdapter[Any] = TypeAdapter(AnyCommand)
FIXED_NOW = datetime(2026, 1, 1, tzinfo=UTC)
TIMESTAMP = "2025-03-01T09:00:00+11:00"


def fixed_clock() -> datetime:
    return FIXED_NOW


def build(
    tenant: str,
    kind: str,
    payload: dict[str, Any],
    *,
    command_id: str | None = None,
    idempotency_key: str | None = None,
) -> Command:
    """A validated command, parsed the way the API edge parses a request body."""
    body: dict[str, Any] = {
        "commandId": command_id or str(uuid.uuid4()),
        "tenantId": tenant,
        "commandType": kind,
        "actor": {"actorType": "SYSTEM", "actorId": "store-tests"},
        "timestamp": TIMESTAMP,
        "payload": payload,
    }
    if idempotency_key is not None:
        body["idempotencyKey"] = idempotency_key
    command: Command = COMMANDS.validate_python(json.loads(json.dumps(body), parse_float=Decimal))
    return command


def legs(*moves: tuple[str, str, str]) -> dict[str, Any]:
    """A PostEntry payload from (accountId, DEBIT|CREDIT, amount) legs."""
    return {
        "bookingDate": "2025-03-01",
        "valueDate": "2025-03-01",
        "currency": "AUD",
        "narrative": "store test",
        "legs": [{"accountId": a, "direction": d, "amount": amount} for a, d, amount in moves],
    }


@dataclass
class ShellBooks:
    """One tenant of a store, written through ``CommandService``.

    Command ids are derived from the tenant and a counter, so the same calls on two stores
    send the same commands (and, with the fixed clock, must produce the same events).
    """

    store: Store
    tenant: str
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    def __post_init__(self) -> None:
        self.service = CommandService(self.store, fixed_clock)

    def next_command_id(self) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.tenant}/{next(self._numbers)}"))

    def accept(self, command: Command) -> dict[str, Any]:
        outcome: Outcome = self.service.handle(self.tenant, command)
        assert isinstance(outcome, Accepted), outcome
        return outcome.body

    def send(self, kind: str, payload: dict[str, Any], **options: Any) -> dict[str, Any]:
        options.setdefault("command_id", self.next_command_id())
        return self.accept(build(self.tenant, kind, payload, **options))

    def create_tenant(self) -> None:
        self.send("CreateTenant", tenant_payload(self.tenant))

    def product(self, code: str, **sections: Any) -> None:
        self.send(
            "UpsertProduct",
            {"productCode": code, "name": f"{code} product", "productType": "DEPOSIT", **sections},
        )

    def customer(self, n: int) -> str:
        customer_id: str = self.send("CreateCustomer", customer_payload(n))["result"]["customerId"]
        return customer_id

    def open_account(self, customer_id: str, product: str, deposit: str | None = None) -> str:
        payload: dict[str, Any] = {
            "customerId": customer_id,
            "productCode": product,
            "currency": "AUD",
        }
        if deposit is not None:
            payload["initialDeposit"] = deposit
        account_id: str = self.send("OpenAccount", payload)["result"]["accountId"]
        return account_id

    def post(self, *moves: tuple[str, str, str]) -> dict[str, Any]:
        return self.send("PostEntry", legs(*moves))

    def ledger(self) -> tuple[str, str]:
        """Tenant, a product TXN, one customer and one account opened with 100.00."""
        self.create_tenant()
        self.product("TXN")
        customer_id = self.customer(1)
        return customer_id, self.open_account(customer_id, "TXN", "100.00")
