"""changes_for: what each event type does to the read models."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.core.builders import (
    CONTRACT_GL_CHART,
    CUSTOMER_ID,
    TENANT_ID,
    accepted,
    command,
    customer_state,
    decide_on,
    leg,
    member_account,
    post_entry,
    product_state,
    snapshot,
)
from turingcore.app.sealing import seal
from turingcore.domain.snapshot import Command, Snapshot
from turingcore.domain.types import AccountKind
from turingcore.projections.changes import (
    AccountEventLink,
    AccountRow,
    BalanceChange,
    Change,
    CustomerRow,
    ProductRow,
    TenantRow,
    changes_for,
)
from turingcore.store.records import ChainHead, SealedEvent

OCCURRED_AT = "2026-03-02T01:00:00Z"
HEAD = ChainHead(9, "9" * 64)  # the next event is at position 10


def sealed(snap: Snapshot, cmd: Command, tenant_id: str = TENANT_ID) -> list[SealedEvent]:
    events, _ = seal(
        tenant_id, cmd, accepted(decide_on(snap, cmd)).events, HEAD, "2026-03-02T01:00:01Z", "c"
    )
    return events


def of_type(changes: list[Change], kind: type[Any]) -> list[Any]:
    return [c for c in changes if isinstance(c, kind)]


def test_tenant_created_gives_the_tenant_row_and_eleven_open_gl_accounts() -> None:
    payload = {
        "tenantCode": "CU_NEW",
        "displayName": "New CU",
        "region": "AU",
        "baseCurrency": "AUD",
        "timeZone": "Australia/Sydney",
    }
    (event,) = sealed(
        Snapshot(tenant=None), command("CreateTenant", payload, tenant_id="CU_NEW"), "CU_NEW"
    )

    changes = changes_for(event)

    (tenant,) = of_type(changes, TenantRow)
    assert tenant == TenantRow(
        "CU_NEW", {**payload, "tenantId": "CU_NEW", "status": "ACTIVE", "createdAt": OCCURRED_AT}
    )
    accounts = of_type(changes, AccountRow)
    assert {a.account_id: (a.account_type, a.normal_balance) for a in accounts} == {
        code: (gl_type, normal.value) for code, (gl_type, normal) in CONTRACT_GL_CHART.items()
    }
    assert {
        (a.kind, a.status, a.currency, a.floor_cents, a.ceiling_cents, a.seq) for a in accounts
    } == {("GL", "OPEN", "AUD", None, None, 10)}
    assert of_type(changes, AccountEventLink) == [
        AccountEventLink(a.account_id, 10) for a in accounts
    ]


@pytest.mark.parametrize("existing", [None, product_state("SAVER", "DEPOSIT")])
def test_product_created_or_updated_gives_the_product_row_with_its_record(existing: Any) -> None:
    payload = {
        "productCode": "SAVER",
        "name": "Saver",
        "productType": "DEPOSIT",
        "interest": {"rate": "0.02"},
    }
    snap = snapshot(products=[] if existing is None else [existing])
    (event,) = sealed(snap, command("UpsertProduct", payload))

    assert changes_for(event) == [ProductRow("SAVER", "DEPOSIT", payload)]


def test_customer_created_gives_a_row_with_lowercased_email_and_search_text() -> None:
    payload = {
        "externalRef": "MEM-77",
        "person": {
            "firstName": "Ada",
            "lastName": "Lovelace",
            "dateOfBirth": "1990-06-15",
            "email": "Ada.Lovelace@Example.COM.au",
            "mobile": "+61412345678",
        },
        "address": {
            "line1": "1 George St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
        "riskProfile": {"segment": "YOUNG_PROFESSIONAL"},
    }
    (event,) = sealed(snapshot(), command("CreateCustomer", payload))

    (row,) = changes_for(event)

    assert isinstance(row, CustomerRow)
    assert row.customer_id == event.stream_id
    assert (row.seq, row.email, row.mobile, row.full_name) == (
        10,
        "ada.lovelace@example.com.au",
        "+61412345678",
        "Ada Lovelace",
    )
    assert (row.external_ref, row.segment, row.status, row.date_of_birth) == (
        "MEM-77",
        "YOUNG_PROFESSIONAL",
        "ACTIVE",
        "1990-06-15",
    )
    assert row.search_text == "ada lovelace ada.lovelace@example.com.au mem-77"
    assert row.record["createdAt"] == OCCURRED_AT


def test_account_opened_and_its_opening_deposit_give_account_row_balances_and_links() -> None:
    overdraft = product_state(
        "EVERYDAY", "DEPOSIT", constraints={"allowOverdraft": True, "overdraftLimit": "250"}
    )
    snap = snapshot(customers=[customer_state()], products=[overdraft])
    cmd = command(
        "OpenAccount",
        {
            "customerId": CUSTOMER_ID,
            "productCode": "EVERYDAY",
            "currency": "AUD",
            "initialDeposit": "75.50",
        },
    )
    opened, entry = sealed(snap, cmd)
    account_id = opened.stream_id

    assert changes_for(opened) == [
        AccountRow(
            account_id, 10, AccountKind.MEMBER, CUSTOMER_ID, "EVERYDAY", "DEPOSIT", "CREDIT", "OPEN", "AUD",
            -25_000, None, OCCURRED_AT, opened.envelope["payload"],
        ),
        AccountEventLink(account_id, 10),
    ]  # fmt: skip
    assert changes_for(entry) == [
        BalanceChange("GL_OPENING_FUNDS", 7_550, 7_550, 0),
        AccountEventLink("GL_OPENING_FUNDS", 11),
        BalanceChange(account_id, 7_550, 0, 7_550),
        AccountEventLink(account_id, 11),
    ]


def test_card_opened_gives_an_account_row_with_its_limit_as_ceiling() -> None:
    snap = snapshot(customers=[customer_state()], products=[product_state("CARD", "CREDIT_CARD")])
    cmd = command(
        "OpenAccount",
        {
            "customerId": CUSTOMER_ID,
            "productCode": "CARD",
            "currency": "AUD",
            "creditLimit": "3000",
        },
    )
    (opened,) = sealed(snap, cmd)

    (row, _link) = changes_for(opened)

    assert isinstance(row, AccountRow)
    assert (row.account_type, row.normal_balance, row.floor_cents, row.ceiling_cents) == (
        "CREDIT_CARD",
        "DEBIT",
        None,
        300_000,
    )


def test_entry_posted_gives_one_balance_change_per_touched_account_with_turnover_sums() -> None:
    accounts = [member_account("acc-a", balance_cents=50_000), member_account("acc-b")]
    legs = [
        leg("acc-a", "DEBIT", "100.00"),
        leg("acc-a", "DEBIT", "20.00"),
        leg("acc-a", "CREDIT", "5.00"),
        leg("acc-b", "CREDIT", "110.00"),
        leg("GL_FEE_INCOME", "CREDIT", "5.00"),
    ]
    (event,) = sealed(snapshot(accounts=accounts), post_entry(legs))

    assert changes_for(event) == [
        BalanceChange("acc-a", 38_500, 12_000, 500),
        AccountEventLink("acc-a", 10),
        BalanceChange("acc-b", 11_000, 0, 11_000),
        AccountEventLink("acc-b", 10),
        BalanceChange("GL_FEE_INCOME", 500, 0, 500),
        AccountEventLink("GL_FEE_INCOME", 10),
    ]


def test_an_event_type_without_a_projection_is_a_programmer_error() -> None:
    (event,) = sealed(
        snapshot(accounts=[member_account("acc-a", balance_cents=100)]),
        post_entry([leg("acc-a", "DEBIT", "1"), leg("GL_ATM_CASH", "CREDIT", "1")]),
    )
    unknown = SealedEvent(
        event.tenant_id,
        event.position,
        event.event_id,
        "AccountRenamed",
        event.stream_id,
        event.body,
        event.hash,
        event.envelope,
    )

    with pytest.raises(AssertionError):
        changes_for(unknown)
