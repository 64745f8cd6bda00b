"""Invariant 1 — balance derivability: every account's balance is the sum of its legs.

For every account (not a sample), the balance the core projects must equal, to the cent,
the sum of the posting legs in that account's own event stream, in its normal sense.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result
from cu_twin.validators.money import from_cents, to_cents

NAME = "balance_derivability"


def derive_balance(account_id: str, normal_balance: str, events: Iterable[dict[str, Any]]) -> int:
    """The account's balance from the legs of its EntryPosted events alone."""
    balance = 0
    for event in events:
        if event.get("eventType") != "EntryPosted":
            continue
        for leg in event["payload"]["legs"]:
            if leg["accountId"] == account_id:
                amount = to_cents(leg["amount"])
                balance += amount if leg["direction"] == normal_balance else -amount
    return balance


def check_balance_derivability(
    accounts: Sequence[Mapping[str, Any]], derived_cents: Mapping[str, int]
) -> InvariantResult:
    """Each account's projected balance against the balance derived from its own events."""
    findings: list[Finding] = []
    for account in accounts:
        account_id = account["accountId"]
        derived = derived_cents.get(account_id, 0)
        projected = to_cents(account["balance"])
        if derived != projected:
            findings.append(
                Finding(
                    f"projected {from_cents(projected)} but its events sum to {from_cents(derived)}",
                    account_id,
                )
            )
    return result(
        NAME,
        findings,
        f"{len(accounts)} accounts: every balance equals the sum of its legs, to the cent",
        accounts=len(accounts),
    )
