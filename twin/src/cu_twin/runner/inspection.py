"""The inspect phase: read the tenant back through the public API and check every invariant."""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from cu_twin.runner.session import TWIN_ACTOR
from cu_twin.validators.audit_completeness import AuditCheck
from cu_twin.validators.balance_derivability import check_balance_derivability, derive_balance
from cu_twin.validators.deposit_floors import FloorCheck
from cu_twin.validators.event_integrity import ChainCheck
from cu_twin.validators.findings import Finding, InvariantResult, result
from cu_twin.validators.fingerprint import Fingerprint
from cu_twin.validators.idempotency import ReplaySample, check_idempotency
from cu_twin.validators.money import to_cents
from cu_twin.validators.tenant_isolation import TenantSample, check_tenant_isolation
from cu_twin.validators.value_conservation import check_value_conservation
from turingcore_client import (
    PAGE_SIZE_MAX,
    Client,
    CommandType,
    NotFound,
    RejectedResult,
    command_id_for,
    envelope,
)

PROBE_TENANT_SUFFIX = "_PROBE"
LATENCY_SLO_P99_MS = 1000.0
"""The source plan's alert threshold: p99 request latency above 1 s."""


@dataclass
class TenantData:
    """What the invariants read besides the feed, fetched once through the client; the
    feed itself streams through the checkers and is never held whole (memory stays flat
    however long the history)."""

    tenant_id: str
    head: dict[str, Any]
    accounts: list[dict[str, Any]]
    customers: list[dict[str, Any]]
    products: list[dict[str, Any]]
    trial_balance: dict[str, Any]
    events: int = 0
    first_event: dict[str, Any] | None = None
    tenant_payload: dict[str, Any] | None = None
    flows: Counter[str] = field(default_factory=Counter)
    moved_cents: Counter[str] = field(default_factory=Counter)

    def see(self, event: dict[str, Any]) -> None:
        self.events += 1
        if self.first_event is None:
            self.first_event = event
        kind = event["eventType"]
        if kind == "TenantCreated":
            self.tenant_payload = event["payload"]
        elif kind == "EntryPosted":
            flow = event["payload"].get("tags", {}).get("flow")
            if flow is not None:
                self.flows[flow] += 1
                self.moved_cents[flow] += sum(
                    to_cents(leg["amount"])
                    for leg in event["payload"]["legs"]
                    if leg["direction"] == "DEBIT"
                )


def fetch_tenant(client: Client, tenant_id: str) -> TenantData:
    head = client.get_chain_head(tenant_id)
    accounts = [a.model_dump(by_alias=True) for a in client.iter_accounts(tenant_id)]
    accounts += [a.model_dump(by_alias=True) for a in client.iter_accounts(tenant_id, kind="GL")]
    return TenantData(
        tenant_id=tenant_id,
        head={"position": head.position, "hash": head.hash},
        accounts=accounts,
        customers=[c.model_dump(by_alias=True) for c in client.iter_customers(tenant_id)],
        products=[p.model_dump(by_alias=True) for p in client.list_products(tenant_id)],
        trial_balance=client.get_trial_balance(tenant_id).model_dump(by_alias=True),
    )


STREAM_FETCH_THREADS = 4
"""Account streams are fetched in parallel: the core serves while the twin parses."""


def check_account_streams(
    client: Client,
    tenant_id: str,
    accounts: Sequence[Mapping[str, Any]],
    *,
    page_size: int = PAGE_SIZE_MAX,
) -> InvariantResult:
    """Balance derivability from each account's own event stream, folded as it arrives.

    A stream's first page gives its total, so the rest of a long stream (a GL account holds
    one leg of most postings) is fetched page by page in parallel rather than by one thread
    while the others sit idle. A sum of legs does not depend on the order pages arrive in;
    the pages' events must still add up to the stream's total."""
    derived: Counter[str] = Counter()
    fetched: Counter[str] = Counter()
    totals: dict[str, int] = {}

    def fold(account: Mapping[str, Any], offset: int) -> tuple[Mapping[str, Any], int, int, int]:
        account_id = account["accountId"]
        page = client.list_account_events_raw(tenant_id, account_id, limit=page_size, offset=offset)
        assert page.total is not None  # an account page always carries its stream's total
        cents = derive_balance(account_id, account["normalBalance"], page.events)
        return account, cents, len(page.events), page.total

    def add(account: Mapping[str, Any], cents: int, events: int) -> None:
        derived[account["accountId"]] += cents
        fetched[account["accountId"]] += events

    with ThreadPoolExecutor(STREAM_FETCH_THREADS) as pool:
        rest = []
        for account, cents, events, total in pool.map(lambda a: fold(a, 0), accounts):
            add(account, cents, events)
            totals[account["accountId"]] = total
            rest += [
                pool.submit(fold, account, offset) for offset in range(page_size, total, page_size)
            ]
        for future in rest:
            account, cents, events, _ = future.result()
            add(account, cents, events)
    outcome = check_balance_derivability(accounts, derived)
    torn = [
        Finding(f"its pages held {fetched[a]} events but its stream's total is {n}", a)
        for a, n in totals.items()
        if fetched[a] != n
    ]
    if not torn:
        return outcome
    return result(outcome.name, [*outcome.findings, *torn], outcome.detail, **outcome.figures)


def latency_figures(latencies_ms: Sequence[float]) -> dict[str, float]:
    if len(latencies_ms) < 2:
        only = latencies_ms[0] if latencies_ms else 0.0
        return {"p50": round(only, 2), "p95": round(only, 2), "p99": round(only, 2)}
    cuts = statistics.quantiles(latencies_ms, n=100, method="inclusive")
    return {"p50": round(cuts[49], 2), "p95": round(cuts[94], 2), "p99": round(cuts[98], 2)}


def check_latency(latencies_ms: Sequence[float]) -> InvariantResult:
    figures = latency_figures(latencies_ms)
    findings = []
    if figures["p99"] > LATENCY_SLO_P99_MS:
        findings.append(
            Finding(
                f"p99 {figures['p99']} ms above the {LATENCY_SLO_P99_MS:.0f} ms SLO",
                "single commands",
            )
        )
    return result(
        "latency_slo",
        findings,
        f"{len(latencies_ms)} single commands: p50 {figures['p50']} ms, p95 {figures['p95']} ms, "
        f"p99 {figures['p99']} ms (SLO p99 < {LATENCY_SLO_P99_MS:.0f} ms)",
        **figures,
    )


def _sample(data: TenantData) -> TenantSample | None:
    members = [a for a in data.accounts if a.get("kind") == "MEMBER"]
    if not members or not data.products:
        return None
    return TenantSample(
        data.tenant_id,
        members[0]["customerId"],
        members[0]["accountId"],
        data.products[0]["productCode"],
    )


def isolation_check(client_for: Any, admin: Client, data: TenantData) -> InvariantResult:
    """Create a probe tenant with one account, keys for both tenants, and probe across."""
    probe = data.tenant_id[: 32 - len(PROBE_TENANT_SUFFIX)] + PROBE_TENANT_SUFFIX
    sample = _sample(data)
    if sample is None:
        return result(
            "tenant_isolation",
            [Finding("the tenant has no member account to probe for", data.tenant_id)],
            "",
        )
    probe_sample = _ensure_probe_tenant(admin, data, probe)
    key_a = admin.create_api_key(
        "tenant:reader", tenant_id=data.tenant_id, label="twin isolation probe"
    )
    key_b = admin.create_api_key("tenant:operator", tenant_id=probe, label="twin isolation probe")
    try:
        with client_for(key_a.key) as client_a, client_for(key_b.key) as client_b:
            foreign = envelope(
                data.tenant_id,
                CommandType.UPSERT_PRODUCT,
                {
                    "productCode": "ISOLATION_PROBE",
                    "name": "must be refused",
                    "productType": "DEPOSIT",
                },
                command_id=command_id_for(data.tenant_id, "isolation-probe"),
                actor=TWIN_ACTOR,
                timestamp=_any_timestamp(data),
            )
            return check_tenant_isolation(client_a, client_b, sample, probe_sample, dict(foreign))
    finally:
        admin.revoke_api_key(key_a.key_id)
        admin.revoke_api_key(key_b.key_id)


def _any_timestamp(data: TenantData) -> dt.datetime:
    assert data.first_event is not None, "the tenant has no events"
    return dt.datetime.fromisoformat(data.first_event["occurredAt"])


def _ensure_probe_tenant(admin: Client, data: TenantData, probe: str) -> TenantSample:
    at = _any_timestamp(data)
    tenant = data.tenant_payload
    assert tenant is not None, "the feed has no TenantCreated"
    payload = {k: tenant[k] for k in ("displayName", "region", "baseCurrency", "timeZone")}
    payload.update(tenantCode=probe, displayName=f"Isolation probe of {data.tenant_id}")

    def cmd(kind: CommandType, body: dict[str, Any], step: str) -> dict[str, Any]:
        return dict(
            envelope(
                probe,
                kind,
                body,
                command_id=command_id_for(probe, step),
                actor=TWIN_ACTOR,
                timestamp=at,
            )
        )

    try:
        admin.get_tenant(probe)
    except NotFound:
        admin.send(cmd(CommandType.CREATE_TENANT, payload, "tenant"))
    product = {"productCode": "PROBE_TXN", "name": "Probe account", "productType": "DEPOSIT"}
    customer = {
        "externalRef": "PROBE-1",
        "person": {
            "firstName": "Probe",
            "lastName": "Member",
            "dateOfBirth": "1980-01-01",
            "email": "probe.member@probe.example",
            "mobile": "+61491570006",
        },
        "address": {
            "line1": "1 Probe St",
            "suburb": "Sydney",
            "state": "NSW",
            "postcode": "2000",
            "country": "AU",
        },
    }
    results = admin.send_batch(
        [
            cmd(CommandType.UPSERT_PRODUCT, product, "product"),
            cmd(CommandType.CREATE_CUSTOMER, customer, "customer"),
        ]
    )
    assert not isinstance(results[1], RejectedResult), results[1]
    customer_id = results[1].result["customerId"]
    opened = admin.send(
        cmd(
            CommandType.OPEN_ACCOUNT,
            {
                "customerId": customer_id,
                "productCode": "PROBE_TXN",
                "currency": payload["baseCurrency"],
            },
            "account",
        )
    )
    return TenantSample(probe, customer_id, opened.result["accountId"], "PROBE_TXN")


def run_invariants(
    admin: Client,
    client_for: Any,
    tenant_id: str,
    *,
    sent: Sequence[Mapping[str, Any]],
    latencies_ms: Sequence[float],
    rng: random.Random,
    check_isolation: bool = True,
) -> tuple[list[InvariantResult], TenantData, str]:
    """Every invariant of 03-twin.md from outside; returns (results, data, fingerprint).

    Without the run's own record of sent commands (``twin inspect``), the idempotency
    replay uses PostEntry commands rebuilt from the feed.
    """
    data = fetch_tenant(admin, tenant_id)
    chain, printer, floors, audit = (
        ChainCheck(),
        Fingerprint(),
        FloorCheck(data.accounts),
        AuditCheck(),
    )
    replay = ReplaySample(random.Random(rng.random())) if not sent else None
    for raw in admin.iter_events_raw(tenant_id):
        if raw["position"] > data.head["position"]:
            break
        for checker in (chain, printer, floors, audit, data):
            checker.see(raw)
        if replay is not None:
            replay.see(raw)
    results = [check_account_streams(admin, tenant_id, data.accounts), chain.finish(data.head)]
    if check_isolation:
        results.append(isolation_check(client_for, admin, data))
    to_replay = list(sent) if sent else (replay.sample if replay is not None else [])
    if to_replay:
        results.append(check_idempotency(admin, tenant_id, to_replay, rng))
    results += [
        audit.finish(data.customers, data.accounts, data.products),
        check_value_conservation(data.trial_balance),
        floors.finish(),
    ]
    if latencies_ms:
        results.append(check_latency(latencies_ms))
    return results, data, printer.hexdigest()
