"""The tenant overview: book figures from the trial balance, the chain, the last twin run."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cu_twin.console.formatting import aud, humanise_code, short_hash
from turingcore_client import ChainHead, ChainVerification, TrialBalance

DEPOSIT_TYPES = frozenset({"DEPOSIT", "TERM_DEPOSIT"})


@dataclass(frozen=True)
class BookFigures:
    """What the credit union holds and is owed, summed from member accounts' balances."""

    members: int
    accounts: int
    deposits_cents: int
    loans_cents: int
    cards_cents: int
    balanced: bool
    turnover_cents: int

    @property
    def deposits(self) -> str:
        return aud(self.deposits_cents)

    @property
    def loans(self) -> str:
        return aud(self.loans_cents)

    @property
    def cards(self) -> str:
        return aud(self.cards_cents)

    @property
    def turnover(self) -> str:
        return aud(self.turnover_cents)


def book_figures(trial_balance: TrialBalance, members: int) -> BookFigures:
    """Deposits (DEPOSIT + TERM_DEPOSIT), loans and card balances over member accounts."""
    member_lines = [line for line in trial_balance.accounts if line.kind == "MEMBER"]

    def total(types: frozenset[str]) -> int:
        return sum(line.balance_cents for line in member_lines if line.type in types)

    return BookFigures(
        members=members,
        accounts=len(member_lines),
        deposits_cents=total(DEPOSIT_TYPES),
        loans_cents=total(frozenset({"LOAN"})),
        cards_cents=total(frozenset({"CREDIT_CARD"})),
        balanced=trial_balance.balanced
        and trial_balance.totals.debits_cents == trial_balance.totals.credits_cents,
        turnover_cents=trial_balance.totals.debits_cents,
    )


@dataclass(frozen=True)
class ChainHeadView:
    position: int
    hash: str
    hash_short: str


def chain_head_view(head: ChainHead) -> ChainHeadView:
    return ChainHeadView(position=head.position, hash=head.hash, hash_short=short_hash(head.hash))


@dataclass(frozen=True)
class VerificationView:
    valid: bool
    checked: int
    first_bad_position: int | None
    message: str


def verification_view(result: ChainVerification) -> VerificationView:
    """The verify button's answer, in words."""
    if result.valid:
        message = f"Chain intact: all {result.checked:,} events recompute to the head."
    else:
        where = (
            f"at position {result.first_bad_position:,}"
            if result.first_bad_position is not None
            else "somewhere"
        )
        reason = f" ({result.reason})" if result.reason else ""
        message = f"Chain BROKEN {where}{reason}; {result.checked:,} events checked."
    return VerificationView(result.valid, result.checked, result.first_bad_position, message)


@dataclass(frozen=True)
class InvariantRow:
    name: str
    label: str
    passed: bool
    detail: str


@dataclass(frozen=True)
class RunReportView:
    """The invariant status of the last twin run, from its JSON summary."""

    passed: bool
    scenario: str
    members: int | None
    days: int | None
    seed: str
    fingerprint: str
    fingerprint_short: str
    wall_time_s: str
    invariants: list[InvariantRow]


class ReportUnreadableError(ValueError):
    """The report file is not a twin run's JSON summary."""


def run_report_view(text: str) -> RunReportView:
    """Parse ``twin run --json-out`` output; ``ReportUnreadableError`` when it is not one."""
    try:
        body: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportUnreadableError(f"not JSON: {exc.msg} at line {exc.lineno}") from exc
    if not isinstance(body, Mapping) or not isinstance(body.get("invariants"), Mapping):
        raise ReportUnreadableError("no 'invariants' object: not a twin run summary")
    rows = []
    for name, result in body["invariants"].items():
        if not isinstance(result, Mapping) or not isinstance(result.get("passed"), bool):
            raise ReportUnreadableError(f"invariant {name!r} has no boolean 'passed'")
        rows.append(
            InvariantRow(name, humanise_code(name), result["passed"], str(result.get("detail", "")))
        )
    fingerprint = str(body.get("fingerprint", ""))
    wall = body.get("wallTimeS")
    return RunReportView(
        passed=all(r.passed for r in rows),
        scenario=str(body.get("scenario", "—")),
        members=body.get("members") if isinstance(body.get("members"), int) else None,
        days=body.get("days") if isinstance(body.get("days"), int) else None,
        seed=str(body.get("seed", "—")),
        fingerprint=fingerprint,
        fingerprint_short=short_hash(fingerprint),
        wall_time_s=f"{wall:.1f} s" if isinstance(wall, int | float) else "—",
        invariants=rows,
    )
