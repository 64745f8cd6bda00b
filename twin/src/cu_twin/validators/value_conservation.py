"""Value conservation: the trial balance nets to zero (gross debits = gross credits)."""

from __future__ import annotations

from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result
from cu_twin.validators.money import from_cents, to_cents

NAME = "value_conservation"


def check_value_conservation(trial_balance: dict[str, Any]) -> InvariantResult:
    lines = trial_balance["accounts"]
    debits = sum(to_cents(line["debits"]) for line in lines)
    credits = sum(to_cents(line["credits"]) for line in lines)
    signed = sum(
        to_cents(line["balance"]) * (1 if line["normalBalance"] == "DEBIT" else -1)
        for line in lines
    )
    findings = []
    if debits != credits:
        findings.append(
            Finding(
                f"debits {from_cents(debits)} != credits {from_cents(credits)}", "trial balance"
            )
        )
    if signed != 0:
        findings.append(Finding(f"balances net to {from_cents(signed)}, not 0.00", "trial balance"))
    if (
        to_cents(trial_balance["totals"]["debits"]) != debits
        or to_cents(trial_balance["totals"]["credits"]) != credits
    ):
        findings.append(Finding("the totals line does not add up its accounts", "trial balance"))
    return result(
        NAME,
        findings,
        f"debits = credits = {from_cents(debits)}; balances net to 0.00",
        turnover=from_cents(debits),
        accounts=len(lines),
    )
