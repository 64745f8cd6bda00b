"""No deposit account below its allowed floor, at the end or at any entry along the way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result
from cu_twin.validators.money import from_cents, to_cents

NAME = "no_deposit_below_floor"
DEPOSIT_TYPES = ("DEPOSIT", "TERM_DEPOSIT")


class FloorCheck:
    """Every ``balanceAfter`` of a deposit account against its floor, one event at a time."""

    def __init__(self, accounts: Iterable[dict[str, Any]]) -> None:
        self.floors = {
            a["accountId"]: to_cents(a["floor"]) if a.get("floor") is not None else 0
            for a in accounts
            if a.get("type") in DEPOSIT_TYPES
        }
        self.findings: list[Finding] = []

    def see(self, event: dict[str, Any]) -> None:
        if event.get("eventType") != "EntryPosted":
            return
        for balance in event["payload"]["balances"]:
            floor = self.floors.get(balance["accountId"])
            if floor is not None and to_cents(balance["balanceAfter"]) < floor:
                self.findings.append(
                    Finding(
                        f"balance {balance['balanceAfter']} below floor {from_cents(floor)} at position {event['position']}",
                        balance["accountId"],
                    )
                )

    def finish(self) -> InvariantResult:
        n = len(self.floors)
        return result(
            NAME, self.findings, f"{n} deposit accounts never below their floor", depositAccounts=n
        )


def check_deposit_floors(
    accounts: Sequence[dict[str, Any]], events: Iterable[dict[str, Any]]
) -> InvariantResult:
    check = FloorCheck(accounts)
    for event in events:
        check.see(event)
    return check.finish()
