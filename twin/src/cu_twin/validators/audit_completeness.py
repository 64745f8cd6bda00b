"""Invariant 5 — audit completeness: every entity and balance change has its event and command.

Every customer has its CustomerCreated, every account its AccountOpened (GL accounts: the
TenantCreated that listed them), every product its ProductCreated; every event names the
command that caused it (causationId); and every non-zero balance is explained by entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result

NAME = "audit_completeness"


def check_audit_completeness(
    events: Sequence[dict[str, Any]],
    customers: Sequence[dict[str, Any]],
    accounts: Sequence[dict[str, Any]],
    products: Sequence[dict[str, Any]],
    sent_command_ids: set[str] | None = None,
) -> InvariantResult:
    created: dict[str, set[str]] = {"customer": set(), "account": set(), "product": set()}
    touched: set[str] = set()
    findings: list[Finding] = []
    for event in events:
        kind, payload = event["eventType"], event["payload"]
        if not event.get("causationId"):
            findings.append(
                Finding("event has no causing command", f"position {event['position']}")
            )
        elif sent_command_ids is not None and event["causationId"] not in sent_command_ids:
            findings.append(
                Finding(
                    "event caused by a command the twin never sent", f"position {event['position']}"
                )
            )
        if kind == "TenantCreated":
            created["account"].update(gl["accountId"] for gl in payload.get("glAccounts", ()))
        elif kind == "CustomerCreated":
            created["customer"].add(payload["customerId"])
        elif kind == "AccountOpened":
            created["account"].add(payload["accountId"])
        elif kind in ("ProductCreated", "ProductUpdated"):
            created["product"].add(payload["productCode"])
        elif kind == "EntryPosted":
            touched.update(leg["accountId"] for leg in payload["legs"])
    for customer in customers:
        if customer["customerId"] not in created["customer"]:
            findings.append(
                Finding("customer without a CustomerCreated event", customer["customerId"])
            )
    for account in accounts:
        if account["accountId"] not in created["account"]:
            findings.append(Finding("account without an opening event", account["accountId"]))
        if account["balance"] not in ("0.00", "-0.00") and account["accountId"] not in touched:
            findings.append(Finding("non-zero balance without any entry", account["accountId"]))
    for product in products:
        if product["productCode"] not in created["product"]:
            findings.append(
                Finding("product without a ProductCreated event", product["productCode"])
            )
    return result(
        NAME,
        findings,
        f"{len(customers)} customers, {len(accounts)} accounts, {len(products)} products and "
        f"{len(events)} events all traced to their events and commands",
    )
