"""TC-02 ... TC-09 of 04-acceptance.md: `twin seed` against a real core process."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from cu_twin.runner.inspection import check_account_streams, fetch_tenant
from tests.support.api import Api, account_balance_from_events, cents
from tests.support.core_process import CoreProcess, CoreStore
from tests.support.twin_cli import twin
from turingcore_client import Client

pytestmark = pytest.mark.both_stores

TENANT = "CU_DIGITAL"
MEMBERS = 10
CONFIG = Path(__file__).resolve().parents[3] / "twin/src/cu_twin/config/cu-digital.yaml"


@pytest.fixture(scope="module")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, core_store: CoreStore
) -> Iterator[tuple[CoreProcess, Api]]:
    core = core_store.process(tmp_path_factory.mktemp("seeded") / "data").start()
    twin(core, "seed", "--customers", str(MEMBERS))
    yield core, Api(core.url, core.admin_key)
    core.stop()


def _events(api: Api, kind: str) -> list[dict[str, Any]]:
    return [e for e in api.all_events(TENANT) if e["eventType"] == kind]


def test_tc02_every_state_change_went_through_the_command_gateway(
    seeded: tuple[CoreProcess, Api],
) -> None:
    core, _ = seeded
    lines = [json.loads(line) for line in (core.data_dir / "access.log").read_text().splitlines()]
    writes = [line for line in lines if line["method"] not in ("GET", "HEAD", "OPTIONS")]
    assert writes, "the seed run sent no write at all"
    assert {w["route"] for w in writes} <= {
        "/tenants/{tenantId}/commands",
        "/tenants/{tenantId}/commands:batch",
    }


def test_tc03_the_tenant_exists_once_with_its_identity(seeded: tuple[CoreProcess, Api]) -> None:
    _, api = seeded
    tenant = api.get(f"/tenants/{TENANT}").json()
    assert (tenant["displayName"], tenant["baseCurrency"], tenant["timeZone"]) == (
        "CU Digital Twin",
        "AUD",
        "Australia/Sydney",
    )
    assert len(_events(api, "TenantCreated")) == 1


def test_tc04_products_exist_with_events_matching_what_was_sent(
    seeded: tuple[CoreProcess, Api],
) -> None:
    _, api = seeded
    sent = {p["productCode"]: p for p in yaml.safe_load(CONFIG.read_text())["products"]}
    basic = api.get(f"/tenants/{TENANT}/products/TXN_ACCOUNT_BASIC").json()
    savings = api.get(f"/tenants/{TENANT}/products/SAVINGS_STANDARD").json()
    assert basic["productType"] == savings["productType"] == "DEPOSIT"
    assert cents(basic["interest"]["rate"]) == 0 and cents(basic["fees"]["monthlyFee"]) == 0
    assert Decimal(savings["interest"]["baseRate"]) == Decimal("0.015")
    assert Decimal(savings["interest"]["bonusRate"]) == Decimal("0.030")
    assert cents(savings["fees"]["monthlyFee"]) == 0
    created = {e["payload"]["productCode"]: e["payload"] for e in _events(api, "ProductCreated")}
    for code in ("TXN_ACCOUNT_BASIC", "SAVINGS_STANDARD"):
        assert created[code]["name"] == sent[code]["name"]
        assert created[code] == api.get(f"/tenants/{TENANT}/products/{code}").json()


def test_tc05_ten_members_each_once_with_their_events(seeded: tuple[CoreProcess, Api]) -> None:
    _, api = seeded
    page = api.get(f"/tenants/{TENANT}/customers", limit=1000).json()
    assert page["total"] == MEMBERS
    refs = Counter(c["externalRef"] for c in page["customers"])
    assert refs == Counter(f"CUST-{n:06d}" for n in range(1, MEMBERS + 1))
    for customer in page["customers"]:
        assert (
            customer["fullName"]
            == f"{customer['person']['firstName']} {customer['person']['lastName']}"
        )
    created = {e["payload"]["customerId"] for e in _events(api, "CustomerCreated")}
    assert created == {c["customerId"] for c in page["customers"]}


def _accounts(api: Api) -> list[dict[str, Any]]:
    return api.get(f"/tenants/{TENANT}/accounts", limit=1000).json()["accounts"]


def test_tc06_every_member_has_one_transaction_and_one_savings_account(
    seeded: tuple[CoreProcess, Api],
) -> None:
    _, api = seeded
    accounts = _accounts(api)
    by_customer: dict[str, list[str]] = {}
    for account in accounts:
        by_customer.setdefault(account["customerId"], []).append(account["productCode"])
    assert len(by_customer) == MEMBERS
    assert all(sorted(p) == ["SAVINGS_STANDARD", "TXN_ACCOUNT_BASIC"] for p in by_customer.values())
    opened = {e["payload"]["accountId"] for e in _events(api, "AccountOpened")}
    assert opened == {a["accountId"] for a in accounts}
    openings = {
        leg["accountId"]: leg["amount"]
        for e in _events(api, "EntryPosted")
        if e["payload"]["narrative"] == "Opening deposit"
        for leg in e["payload"]["legs"]
        if leg["direction"] == "CREDIT"
    }
    for account in accounts:
        if account["productCode"] == "TXN_ACCOUNT_BASIC":
            assert openings[account["accountId"]] == "100.00"
        else:
            assert account["accountId"] not in openings and account["balance"] == "0.00"


def test_tc07_a_salary_raises_the_balance_by_exactly_its_amount(
    seeded: tuple[CoreProcess, Api],
) -> None:
    _, api = seeded
    for account in (a for a in _accounts(api) if a["productCode"] == "TXN_ACCOUNT_BASIC"):
        events = api.get(f"/tenants/{TENANT}/accounts/{account['accountId']}/events").json()[
            "events"
        ]
        salaries = [e for e in events if e["payload"].get("tags", {}).get("flow") == "salary"]
        assert len(salaries) == 1
        legs = salaries[0]["payload"]["legs"]
        assert [(leg["accountId"], leg["direction"]) for leg in legs] == [
            ("GL_SALARY_CLEARING", "DEBIT"),
            (account["accountId"], "CREDIT"),
        ]
        assert cents(account["balance"]) == 10_000 + cents(legs[1]["amount"])
    assert api.get(f"/tenants/{TENANT}/chain/verify").json()["valid"] is True


def test_tc08_seeding_twice_changes_nothing(seeded: tuple[CoreProcess, Api]) -> None:
    core, api = seeded
    before = (
        api.get(f"/tenants/{TENANT}/chain/head").json(),
        _accounts(api),
        api.get(f"/tenants/{TENANT}/customers").json()["total"],
    )
    twin(core, "seed", "--customers", str(MEMBERS))
    after = (
        api.get(f"/tenants/{TENANT}/chain/head").json(),
        _accounts(api),
        api.get(f"/tenants/{TENANT}/customers").json()["total"],
    )
    assert after == before
    assert len(after[1]) == 2 * MEMBERS


def test_tc09_every_balance_equals_the_sum_of_its_own_legs(seeded: tuple[CoreProcess, Api]) -> None:
    _, api = seeded
    accounts = _accounts(api) + api.get(f"/tenants/{TENANT}/accounts", kind="GL").json()["accounts"]
    for account in accounts:
        events = api.get(
            f"/tenants/{TENANT}/accounts/{account['accountId']}/events", limit=1000
        ).json()["events"]
        derived = account_balance_from_events(
            account["accountId"], account["normalBalance"], events
        )
        assert derived == cents(account["balance"]), account["accountId"]


def test_tc09_streams_read_page_by_page_in_parallel_derive_every_balance(
    seeded: tuple[CoreProcess, Api],
) -> None:
    core, _ = seeded
    with Client(core.url, core.admin_key) as client:
        accounts = fetch_tenant(client, TENANT).accounts
        whole = check_account_streams(client, TENANT, accounts)
        paged = check_account_streams(client, TENANT, accounts, page_size=2)
        # A projection that disagrees with its stream is named, however the stream was paged.
        gl = next(a for a in accounts if a["accountId"] == "GL_SALARY_CLEARING")
        skewed = [
            a if a is not gl else {**a, "balance": str(Decimal(a["balance"]) + Decimal("0.01"))}
            for a in accounts
        ]
        caught = check_account_streams(client, TENANT, skewed, page_size=2)
    assert whole.passed and paged.passed, (whole.detail, paged.detail)
    assert [f.subject for f in caught.findings] == ["GL_SALARY_CLEARING"]
