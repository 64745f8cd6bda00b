"""Invariant 5 — audit completeness: every entity and balance change has its event and command.

Every customer has its CustomerCreated, every account its AccountOpened (GL accounts: the
TenantCreated that listed them), every product its ProductCreated; every event names the
command that caused it (causationId); and every non-zero balance is explained by entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result

NAME = "audit_completeness"


class AuditCheck:
    """Collects, from the feed, which entities were created and which accounts have entries."""

    def __init__(self, sent_command_ids: set[str] | None = None) -> None:
        self.created: dict[str, set[str]] = {"customer": set(), "account": set(), "product": set()}
        self.touched: set[str] = set()
        self.events = 0
        self.findings: list[Finding] = []
        self.sent = sent_command_ids

    def see(self, event: dict[str, Any]) -> None:
        self.events += 1
        kind, payload = event["eventType"], event["payload"]
        if not event.get("causationId"):
            self.findings.append(
                Finding("event has no causing command", f"position {event['position']}")
            )
        elif self.sent is not None and event["causationId"] not in self.sent:
            self.findings.append(
                Finding(
                    "event caused by a command the twin never sent", f"position {event['position']}"
                )
            )
        if kind == "TenantCreated":
            self.created["account"].update(gl["accountId"] for gl in payload.get("glAccounts", ()))
        elif kind == "CustomerCreated":
            self.created["customer"].add(payload["customerId"])
        elif kind == "AccountOpened":
            self.created["account"].add(payload["accountId"])
        elif kind in ("ProductCreated", "ProductUpdated"):
            self.created["product"].add(payload["productCode"])
        elif kind == "EntryPosted":
            self.touched.update(leg["accountId"] for leg in payload["legs"])

    def finish(
        self,
        customers: Sequence[dict[str, Any]],
        accounts: Sequence[dict[str, Any]],
        products: Sequence[dict[str, Any]],
    ) -> InvariantResult:
        findings = list(self.findings)
        for customer in customers:
            if customer["customerId"] not in self.created["customer"]:
                findings.append(
                    Finding("customer without a CustomerCreated event", customer["customerId"])
                )
        for account in accounts:
            if account["accountId"] not in self.created["account"]:
                findings.append(Finding("account without an opening event", account["accountId"]))
            if (
                account["balance"] not in ("0.00", "-0.00")
                and account["accountId"] not in self.touched
            ):
                findings.append(Finding("non-zero balance without any entry", account["accountId"]))
        for product in products:
            if product["productCode"] not in self.created["product"]:
                findings.append(
                    Finding("product without a ProductCreated event", product["productCode"])
                )
        return result(
            NAME,
            findings,
            f"{len(customers)} customers, {len(accounts)} accounts, {len(products)} products and "
            f"{self.events} events all traced to their events and commands",
        )


def check_audit_completeness(
    events: Iterable[dict[str, Any]],
    customers: Sequence[dict[str, Any]],
    accounts: Sequence[dict[str, Any]],
    products: Sequence[dict[str, Any]],
    sent_command_ids: set[str] | None = None,
) -> InvariantResult:
    check = AuditCheck(sent_command_ids)
    for event in events:
        check.see(event)
    return check.finish(customers, accounts, products)
