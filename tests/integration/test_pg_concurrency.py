"""Per-tenant ordering on PostgreSQL under concurrency: many writers, one linear chain.

Two ``turingcore serve`` processes share one database, as scaled-out replicas would; the
tenant's lock (its row ``FOR UPDATE``, or an advisory lock before it exists) is what keeps
positions gap-free and balances exact. Writers of different tenants must not wait for
each other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.integration.shell_books import ShellBooks, build
from tests.support.api import (
    Api,
    balances_from_events,
    cents,
    command,
    entry,
    recompute_hash,
    setup_ledger,
    tenant_payload,
)
from tests.support.core_process import CoreProcess
from tests.support.postgres import PostgresCluster
from turingcore.app.outcomes import Accepted, Refused
from turingcore.store.postgres import PostgresStore

CLIENTS = 6
POSTINGS_PER_CLIENT = 40
LOCK_WAIT_S = 1.0
PRODUCT = {"productCode": "PLAIN", "name": "Plain", "productType": "DEPOSIT"}
GL_NORMAL = {
    "GL_SALARY_CLEARING": "DEBIT",
    "GL_CARD_CLEARING": "CREDIT",
    "GL_OPENING_FUNDS": "DEBIT",
    "GL_LOAN_FUNDING": "CREDIT",
}


@pytest.fixture(scope="module")
def servers(
    tmp_path_factory: pytest.TempPathFactory, pg_cluster: PostgresCluster
) -> Iterator[list[CoreProcess]]:
    """Two servers on one database (started side by side), sharing one admin key."""
    url = pg_cluster.create_database().service_url
    root = tmp_path_factory.mktemp("two-servers")
    first = CoreProcess(root / "one", database_url=url)
    second = CoreProcess(root / "two", admin_key=first.admin_key, database_url=url)
    with ThreadPoolExecutor(2) as pool:
        started = list(pool.map(CoreProcess.start, (first, second)))
    try:
        yield started
    finally:
        for process in started:
            process.stop()


def _postings(api: Api, tenant: str, txn: str, saver: str, index: int) -> int:
    accepted = 0
    for n in range(POSTINGS_PER_CLIENT):
        kind = (n + index) % 3
        if kind == 0:
            legs = [("GL_SALARY_CLEARING", "DEBIT", "3.00"), (txn, "CREDIT", "3.00")]
        elif kind == 1:
            legs = [(txn, "DEBIT", "7.00"), ("GL_CARD_CLEARING", "CREDIT", "7.00")]
        else:
            legs = [(txn, "DEBIT", "2.00"), (saver, "CREDIT", "2.00")]
        response = api.send(tenant, entry(tenant, legs))
        assert response.status_code in (202, 422), response.text
        if response.status_code == 202:
            accepted += 1
        else:
            assert response.json()["invariant"] == "BALANCE_BELOW_FLOOR"
    return accepted


def test_clients_of_two_servers_on_one_database_keep_one_exact_gap_free_chain(
    servers: list[CoreProcess],
) -> None:
    apis = [Api(s.url, s.admin_key) for s in servers]
    tenant = "CU_SHARED"
    ledger = setup_ledger(apis[0], tenant)
    with ThreadPoolExecutor(CLIENTS) as pool:
        accepted = sum(
            pool.map(
                lambda i: _postings(apis[i % 2], tenant, ledger.txn, ledger.savings, i),
                range(CLIENTS),
            )
        )

    events = apis[1].all_events(tenant)
    assert [e["position"] for e in events] == list(range(1, len(events) + 1))
    previous = "0" * 64
    for event in events:
        assert event["prevHash"] == previous and recompute_hash(event) == event["hash"]
        previous = event["hash"]
    assert all(api.get(f"/tenants/{tenant}/chain/verify").json()["valid"] for api in apis)
    assert len([e for e in events if e["eventType"] == "EntryPosted"]) == accepted + 1

    normal = {**GL_NORMAL, ledger.txn: "CREDIT", ledger.savings: "CREDIT"}
    derived = balances_from_events(events, normal)
    for account_id, balance in derived.items():
        served = apis[0].get(f"/tenants/{tenant}/accounts/{account_id}").json()["balance"]
        assert cents(served) == balance, account_id
    for event in events:
        for after in event["payload"].get("balances", []):
            if after["accountId"] in (ledger.txn, ledger.savings):
                assert cents(after["balanceAfter"]) >= 0, event["position"]
    totals = apis[1].get(f"/tenants/{tenant}/ledger/trial-balance").json()["totals"]
    assert totals["debits"] == totals["credits"]


def test_the_same_command_sent_to_both_servers_at_once_is_applied_once(
    servers: list[CoreProcess],
) -> None:
    apis = [Api(s.url, s.admin_key) for s in servers]
    tenant = "CU_RACE"
    create = command(tenant, "CreateTenant", tenant_payload(tenant))
    start = threading.Barrier(2)

    def send(api: Api) -> int:
        start.wait()
        return api.send(tenant, create).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(send, apis))
    assert statuses == [200, 202]
    created = [e for e in apis[0].all_events(tenant) if e["eventType"] == "TenantCreated"]
    assert len(created) == 1


def test_two_creations_of_one_new_tenant_serialise_on_its_advisory_lock(
    pg_cluster: PostgresCluster,
) -> None:
    store = PostgresStore(pg_cluster.create_database().service_url)
    try:
        books = [ShellBooks(store, "CU_TWICE") for _ in range(2)]
        start = threading.Barrier(2)

        def create(shell: ShellBooks) -> object:
            start.wait()
            payload = tenant_payload("CU_TWICE")
            return shell.service.handle("CU_TWICE", build("CU_TWICE", "CreateTenant", payload))

        with ThreadPoolExecutor(2) as pool:
            outcomes = list(pool.map(create, books))
        assert sorted(type(o).__name__ for o in outcomes) == ["Accepted", "Refused"]
        refused = next(o for o in outcomes if isinstance(o, Refused))
        assert refused.rejection.rule == "TENANT_ALREADY_EXISTS"
        assert store.chain_head("CU_TWICE").position == 1
    finally:
        store.close()


def test_a_writer_waits_for_its_own_tenant_but_never_for_another(
    pg_cluster: PostgresCluster,
) -> None:
    store = PostgresStore(pg_cluster.create_database().service_url)
    try:
        for tenant in ("CU_HELD", "CU_FREE"):
            ShellBooks(store, tenant).create_tenant()
        holding, release = threading.Event(), threading.Event()

        def hold() -> None:
            with store.write("CU_HELD"):
                holding.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        assert holding.wait(10)
        try:
            began = time.monotonic()
            outcome = ShellBooks(store, "CU_FREE").service.handle(
                "CU_FREE",
                build(
                    "CU_FREE",
                    "UpsertProduct",
                    PRODUCT,
                ),
            )
            assert isinstance(outcome, Accepted) and time.monotonic() - began < LOCK_WAIT_S
            with ThreadPoolExecutor(1) as pool:
                blocked = pool.submit(
                    lambda: ShellBooks(store, "CU_HELD").service.handle(
                        "CU_HELD",
                        build(
                            "CU_HELD",
                            "UpsertProduct",
                            PRODUCT,
                        ),
                    )
                )
                time.sleep(LOCK_WAIT_S)
                assert not blocked.done(), "a second writer of a locked tenant did not wait"
                release.set()
                assert isinstance(blocked.result(timeout=10), Accepted)
        finally:
            release.set()
            holder.join()
    finally:
        store.close()
