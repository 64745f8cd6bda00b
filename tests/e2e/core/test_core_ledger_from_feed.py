"""What anyone holding the feed can prove: the chain recomputes and every balance derives."""

from __future__ import annotations

import random

import pytest

from tests.support.api import Api, balances_from_events, cents, entry, recompute_hash, setup_ledger
from tests.support.core_process import CoreProcess

pytestmark = pytest.mark.both_stores

GENESIS = "0" * 64


def _activity(api: Api, tenant: str, rounds: int) -> None:
    ledger = setup_ledger(api, tenant)
    rng = random.Random(7)
    for _ in range(rounds):
        amount = f"{rng.randint(1, 20000) / 100:.2f}"
        flow = rng.choice(["salary", "spend", "sweep", "card"])
        legs = {
            "salary": [("GL_SALARY_CLEARING", "DEBIT", amount), (ledger.txn, "CREDIT", amount)],
            "spend": [(ledger.txn, "DEBIT", amount), ("GL_CARD_CLEARING", "CREDIT", amount)],
            "sweep": [(ledger.txn, "DEBIT", amount), (ledger.savings, "CREDIT", amount)],
            "card": [(ledger.card, "DEBIT", amount), ("GL_CARD_CLEARING", "CREDIT", amount)],
        }[flow]
        api.send(tenant, entry(tenant, legs, narrative=f"{flow} ü €"))  # some are refused: fine


def test_the_feed_recomputes_into_an_unbroken_chain_ending_at_the_head(
    core: CoreProcess, tenant_code: str
) -> None:
    api = Api(core.url, core.admin_key)
    _activity(api, tenant_code, 60)
    events = api.all_events(tenant_code)
    assert [e["position"] for e in events] == list(range(1, len(events) + 1))
    prev = GENESIS
    for event in events:
        assert event["prevHash"] == prev
        assert recompute_hash(event) == event["hash"], event["position"]
        prev = event["hash"]
    head = api.get(f"/tenants/{tenant_code}/chain/head").json()
    assert head == {"tenantId": tenant_code, "position": len(events), "hash": prev}
    assert api.get(f"/tenants/{tenant_code}/chain/verify").json() == {
        "valid": True,
        "checked": len(events),
        "firstBadPosition": None,
        "reason": None,
    }


def test_event_payloads_carry_decimals_only_as_strings(core: CoreProcess, tenant_code: str) -> None:
    api = Api(core.url, core.admin_key)
    _activity(api, tenant_code, 10)

    def numbers(value: object) -> list[object]:
        if isinstance(value, dict):
            return [n for v in value.values() for n in numbers(v)]
        if isinstance(value, list):
            return [n for v in value for n in numbers(v)]
        return [value] if isinstance(value, float) else []

    assert numbers(api.all_events(tenant_code)) == []


def test_every_balance_derived_from_the_feed_equals_the_projection(
    core: CoreProcess, tenant_code: str
) -> None:
    api = Api(core.url, core.admin_key)
    _activity(api, tenant_code, 80)
    accounts = api.get(f"/tenants/{tenant_code}/accounts", limit=1000).json()["accounts"]
    accounts += api.get(f"/tenants/{tenant_code}/accounts", kind="GL", limit=1000).json()[
        "accounts"
    ]
    normal = {a["accountId"]: a["normalBalance"] for a in accounts}
    derived = balances_from_events(api.all_events(tenant_code), normal)
    assert len(accounts) == 3 + 11
    for account in accounts:
        assert cents(account["balance"]) == derived.get(account["accountId"], 0), account[
            "accountId"
        ]
        per_account = api.get(
            f"/tenants/{tenant_code}/accounts/{account['accountId']}/events", limit=1000
        ).json()
        assert balances_from_events(per_account["events"], normal).get(
            account["accountId"], 0
        ) == cents(account["balance"])


def test_the_trial_balance_nets_to_zero_and_matches_the_accounts(
    core: CoreProcess, tenant_code: str
) -> None:
    api = Api(core.url, core.admin_key)
    _activity(api, tenant_code, 40)
    trial = api.get(f"/tenants/{tenant_code}/ledger/trial-balance").json()
    debits = sum(cents(line["debits"]) for line in trial["accounts"])
    credits = sum(cents(line["credits"]) for line in trial["accounts"])
    assert (
        debits == credits == cents(trial["totals"]["debits"]) == cents(trial["totals"]["credits"])
    )
    assert trial["totals"]["net"] == "0.00" and trial["balanced"] is True
    signed = sum(
        cents(line["balance"]) * (1 if line["normalBalance"] == "DEBIT" else -1)
        for line in trial["accounts"]
    )
    assert signed == 0
