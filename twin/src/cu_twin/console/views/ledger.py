"""The trial balance: GL accounts one by one, member accounts grouped by type, and totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cu_twin.console.formatting import aud, humanise_code
from turingcore_client import TrialBalance, TrialBalanceLine

MEMBER_TYPE_ORDER = ("DEPOSIT", "TERM_DEPOSIT", "LOAN", "CREDIT_CARD")


@dataclass(frozen=True)
class LedgerRow:
    label: str
    account_id: str | None
    type_label: str
    normal_balance: str
    count: int
    debits: str
    credits: str
    balance: str


@dataclass(frozen=True)
class TrialBalanceView:
    """Totals are the core's; ``lines_agree`` says the console's own sums of the lines match."""

    gl_rows: list[LedgerRow]
    member_rows: list[LedgerRow]
    total_debits: str
    total_credits: str
    difference: str
    balanced: bool
    lines_agree: bool
    account_count: int


def _row(label: str, account_id: str | None, lines: list[TrialBalanceLine]) -> LedgerRow:
    first = lines[0]
    return LedgerRow(
        label=label,
        account_id=account_id,
        type_label=humanise_code(first.type),
        normal_balance=humanise_code(first.normal_balance),
        count=len(lines),
        debits=aud(sum(line.debits_cents for line in lines)),
        credits=aud(sum(line.credits_cents for line in lines)),
        balance=aud(sum(line.balance_cents for line in lines)),
    )


def trial_balance_view(tb: TrialBalance, gl_names: Mapping[str, str]) -> TrialBalanceView:
    """Group the core's trial balance for reading; debits must equal credits."""
    gl = [line for line in tb.accounts if line.kind == "GL"]
    members = [line for line in tb.accounts if line.kind != "GL"]
    gl_rows = [
        _row(gl_names.get(line.account_id, line.account_id), line.account_id, [line]) for line in gl
    ]
    by_type: dict[str, list[TrialBalanceLine]] = {}
    for line in members:
        by_type.setdefault(line.type, []).append(line)
    ordered = sorted(by_type, key=lambda t: (*MEMBER_TYPE_ORDER, t).index(t))
    member_rows = [
        _row(f"Member {humanise_code(t).lower()} accounts", None, by_type[t]) for t in ordered
    ]
    debits = tb.totals.debits_cents
    credits = tb.totals.credits_cents
    lines_agree = (
        sum(line.debits_cents for line in tb.accounts) == debits
        and sum(line.credits_cents for line in tb.accounts) == credits
    )
    return TrialBalanceView(
        gl_rows=gl_rows,
        member_rows=member_rows,
        total_debits=aud(debits),
        total_credits=aud(credits),
        difference=aud(debits - credits),
        balanced=debits == credits and tb.balanced,
        lines_agree=lines_agree,
        account_count=len(tb.accounts),
    )
