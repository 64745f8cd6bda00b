"""Concurrent clients on the same accounts: no lost update, no overdraft, no position gap."""

from __future__ import annotations

import threading

import pytest

from tests.support.api import Api, balances_from_events, cents, entry, setup_ledger
from tests.support.core_process import CoreProcess

pytestmark = pytest.mark.both_stores

CLIENTS = 4
POSTINGS_PER_CLIENT = 60


def test_concurrent_postings_to_shared_accounts_stay_consistent(
    core: CoreProcess, tenant_code: str
) -> None:
    api = Api(core.url, core.admin_key)
    ledger = setup_ledger(api, tenant_code)
    accepted = [0] * CLIENTS

    def client(index: int) -> None:
        for n in range(POSTINGS_PER_CLIENT):
            if (n + index) % 2 == 0:
                legs = [("GL_SALARY_CLEARING", "DEBIT", "3.00"), (ledger.txn, "CREDIT", "3.00")]
            else:
                legs = [(ledger.txn, "DEBIT", "7.00"), ("GL_CARD_CLEARING", "CREDIT", "7.00")]
            response = api.send(tenant_code, entry(tenant_code, legs))
            assert response.status_code in (202, 422), response.text
            if response.status_code == 202:
                accepted[index] += 1
            else:
                assert response.json()["invariant"] == "BALANCE_BELOW_FLOOR"

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    events = api.all_events(tenant_code)
    assert [e["position"] for e in events] == list(range(1, len(events) + 1))
    assert api.get(f"/tenants/{tenant_code}/chain/verify").json()["valid"] is True
    txn = api.get(f"/tenants/{tenant_code}/accounts/{ledger.txn}").json()
    derived = balances_from_events(
        events,
        {
            ledger.txn: "CREDIT",
            "GL_SALARY_CLEARING": "DEBIT",
            "GL_CARD_CLEARING": "CREDIT",
            "GL_OPENING_FUNDS": "DEBIT",
        },
    )
    assert cents(txn["balance"]) == derived[ledger.txn] >= 0
    running = 0
    for event in events:
        for balance in event["payload"].get("balances", []):
            if balance["accountId"] == ledger.txn:
                running = cents(balance["balanceAfter"])
                assert running >= 0
    entries = [e for e in events if e["eventType"] == "EntryPosted"]
    assert len(entries) == sum(accepted) + 1  # + the opening deposit
