"""No deposit account below its allowed floor, at the end or at any entry along the way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result
from cu_twin.validators.money import from_cents, to_cents

NAME = "no_deposit_below_floor"
DEPOSIT_TYPES = ("DEPOSIT", "TERM_DEPOSIT")


def check_deposit_floors(
    accounts: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]]
) -> InvariantResult:
    floors = {
        a["accountId"]: to_cents(a["floor"]) if a.get("floor") is not None else 0
        for a in accounts
        if a.get("type") in DEPOSIT_TYPES
    }
    findings: list[Finding] = []
    for event in events:
        if event.get("eventType") != "EntryPosted":
            continue
        for balance in event["payload"]["balances"]:
            floor = floors.get(balance["accountId"])
            if floor is not None and to_cents(balance["balanceAfter"]) < floor:
                findings.append(
                    Finding(
                        f"balance {balance['balanceAfter']} below floor {from_cents(floor)} at position {event['position']}",
                        balance["accountId"],
                    )
                )
    return result(
        NAME,
        findings,
        f"{len(floors)} deposit accounts never below their floor",
        depositAccounts=len(floors),
    )
