"""Fixtures of the client's tests: clients on the module's real core, and a seeded tenant.

The ``core`` server and ``tenant_code`` come from ``tests/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

import turingcore_client as tc
from tests.support.core_process import CoreProcess

TS = datetime(2025, 1, 15, 10, 0, tzinfo=timezone(timedelta(hours=11)))
DAY = date(2025, 1, 15)
ACTOR = tc.Actor.system("client-tests")


def meta(**overrides: Any) -> dict[str, Any]:
    """The envelope arguments every builder takes: a fresh commandId, actor, timestamp."""
    return {"command_id": tc.new_command_id(), "actor": ACTOR, "timestamp": TS, **overrides}


def tenant_command(code: str, **overrides: Any) -> tc.CommandEnvelope:
    return tc.create_tenant(
        code,
        display_name=f"Tenant {code}",
        region="AU",
        base_currency="AUD",
        time_zone="Australia/Sydney",
        **meta(**overrides),
    )


def customer_command(tenant_id: str, n: int, **overrides: Any) -> tc.CommandEnvelope:
    return tc.create_customer(
        tenant_id,
        external_ref=f"CUST-{n:06d}",
        person={
            "firstName": "Alex",
            "lastName": f"Member{n}",
            "dateOfBirth": date(1990, 5, 17),
            "email": f"alex.member{n}@example.com",
            "mobile": f"+614915{n:05d}",
        },
        address={
            "line1": "1 George St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
        **meta(**overrides),
    )


def transfer(
    tenant_id: str, debit_id: str, credit_id: str, cents: int, **overrides: Any
) -> tc.CommandEnvelope:
    return tc.post_entry(
        tenant_id,
        booking_date=DAY,
        value_date=DAY,
        currency="AUD",
        narrative="client test entry",
        legs=[tc.debit(debit_id, cents), tc.credit(credit_id, cents)],
        **meta(**overrides),
    )


@dataclass(frozen=True)
class Seeded:
    """A tenant with a DEPOSIT product TXN, one customer and one account holding $100.00."""

    tenant_id: str
    customer_id: str
    account_id: str


@pytest.fixture
def admin(core: CoreProcess) -> Iterator[tc.Client]:
    with tc.Client(core.url, core.admin_key) as client:
        yield client


@pytest.fixture
def tenant(admin: tc.Client, tenant_code: str) -> str:
    admin.send(tenant_command(tenant_code))
    return tenant_code


@pytest.fixture
def seeded(admin: tc.Client, tenant: str) -> Seeded:
    admin.send(
        tc.upsert_product(
            tenant, "TXN", name="Everyday", product_type=tc.ProductType.DEPOSIT, **meta()
        )
    )
    customer_id = admin.send(customer_command(tenant, 1)).result["customerId"]
    opened = admin.send(
        tc.open_account(
            tenant,
            customer_id=customer_id,
            product_code="TXN",
            currency="AUD",
            initial_deposit=100_00,
            **meta(),
        )
    )
    return Seeded(tenant, customer_id, opened.result["accountId"])
