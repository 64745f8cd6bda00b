"""Invariant 3 — tenant isolation: a key for one tenant gets nothing of another.

A probe tenant and keys for both tenants are created through the public API; then every
query path of tenant A is tried with tenant B's keys (and the reverse), plus a command.
Each must be refused with 403 and the refusal must carry none of the other tenant's ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cu_twin.validators.findings import Finding, InvariantResult, result
from turingcore_client import Client, Forbidden, TuringCoreError

NAME = "tenant_isolation"


@dataclass(frozen=True, slots=True)
class TenantSample:
    """Real ids of a tenant, so cross-tenant probes ask for things that exist."""

    tenant_id: str
    customer_id: str
    account_id: str
    product_code: str


def _probes(client: Client, target: TenantSample) -> dict[str, Callable[[], object]]:
    t = target.tenant_id
    return {
        "GET tenant": lambda: client.get_tenant(t),
        "GET products": lambda: client.list_products(t),
        "GET product": lambda: client.get_product(t, target.product_code),
        "GET customers": lambda: client.list_customers(t),
        "GET customer": lambda: client.get_customer(t, target.customer_id),
        "GET accounts": lambda: client.list_accounts(t),
        "GET GL accounts": lambda: client.list_accounts(t, kind="GL"),
        "GET account": lambda: client.get_account(t, target.account_id),
        "GET account events": lambda: client.list_account_events(t, target.account_id),
        "GET events": lambda: client.list_events(t),
        "GET trial balance": lambda: client.get_trial_balance(t),
        "GET chain head": lambda: client.get_chain_head(t),
        "GET chain verify": lambda: client.verify_chain(t),
    }


def probe_paths(client: Client, target: TenantSample) -> list[Finding]:
    """Every query path of ``target`` tried with ``client``'s key; each must be 403."""
    findings: list[Finding] = []
    for name, probe in _probes(client, target).items():
        try:
            probe()
        except Forbidden as exc:
            leaked = [i for i in (target.customer_id, target.account_id) if i in str(exc.problem)]
            if leaked:
                findings.append(
                    Finding(f"{name}: the 403 mentions the other tenant's ids", target.tenant_id)
                )
            continue
        except TuringCoreError as exc:
            findings.append(
                Finding(f"{name}: expected 403, got {type(exc).__name__}", target.tenant_id)
            )
            continue
        findings.append(Finding(f"{name}: another tenant's key was answered", target.tenant_id))
    return findings


def check_tenant_isolation(
    a_key_client: Client,
    b_key_client: Client,
    a: TenantSample,
    b: TenantSample,
    command_for_a: dict[str, object],
) -> InvariantResult:
    findings = probe_paths(b_key_client, a) + probe_paths(a_key_client, b)
    try:
        b_key_client.send(command_for_a)
        findings.append(
            Finding("a command for tenant A was accepted with tenant B's key", a.tenant_id)
        )
    except Forbidden:
        pass
    except TuringCoreError as exc:
        findings.append(
            Finding(
                f"command with a foreign key: expected 403, got {type(exc).__name__}", a.tenant_id
            )
        )
    paths = 2 * len(_probes(a_key_client, a)) + 1
    return result(
        NAME, findings, f"{paths} cross-tenant requests, every one refused with 403", probes=paths
    )
