"""What a scenario plan is made of: postings with placeholder accounts, grouped by day.

A plan is pure data. Member accounts are ``AccountRef`` placeholders (the runner maps
them to the ids OpenAccount returned); GL accounts are their codes. Amounts are int
cents; ``to_post_entry_payload`` renders the PostEntry payload at the edge.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from cu_twin.config.money import format_cents
from cu_twin.generators.accounts import AccountRef

NARRATIVE_LENGTH_MAX = 280


class Direction(StrEnum):
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"


class GlAccount(StrEnum):
    """The tenant's standard chart (02-api-contract.md); a GL account's id is its code."""

    SALARY_CLEARING = "GL_SALARY_CLEARING"
    NPP_CLEARING = "GL_NPP_CLEARING"
    OPENING_FUNDS = "GL_OPENING_FUNDS"
    ATM_CASH = "GL_ATM_CASH"
    CARD_CLEARING = "GL_CARD_CLEARING"
    BPAY_CLEARING = "GL_BPAY_CLEARING"
    LOAN_FUNDING = "GL_LOAN_FUNDING"
    INTEREST_INCOME = "GL_INTEREST_INCOME"
    FEE_INCOME = "GL_FEE_INCOME"
    INTEREST_EXPENSE = "GL_INTEREST_EXPENSE"
    RETAINED_EARNINGS = "GL_RETAINED_EARNINGS"


class Flow(StrEnum):
    """Kinds of posting; the value is used in tags and reports."""

    SALARY = "salary"
    DEBIT_CARD_PURCHASE = "debit_card_purchase"
    CREDIT_CARD_PURCHASE = "credit_card_purchase"
    SAVINGS_SWEEP = "savings_sweep"
    BPAY_BILL = "bpay_bill"
    NPP_OUT = "npp_out"
    NPP_IN = "npp_in"
    ATM_WITHDRAWAL = "atm_withdrawal"
    LOAN_REPAYMENT = "loan_repayment"
    CARD_REPAYMENT = "card_repayment"
    CARD_OPENING_BALANCE = "card_opening_balance"


CARD_PURCHASE_FLOWS = frozenset({Flow.DEBIT_CARD_PURCHASE, Flow.CREDIT_CARD_PURCHASE})

LedgerAccount = AccountRef | GlAccount


class Leg(NamedTuple):
    account: LedgerAccount
    direction: Direction
    amount_cents: int


class _PostingFields(NamedTuple):
    step_key: str
    flow: Flow
    member_index: int
    timestamp: dt.datetime
    """Business time on the synthetic clock (timezone-aware, the tenant's zone)."""
    booking_date: dt.date
    value_date: dt.date
    narrative: str
    tags: Mapping[str, str]
    metadata: Mapping[str, str]
    legs: tuple[Leg, ...]


class PlannedPosting(_PostingFields):
    """One intended PostEntry, identified within its scenario by ``step_key``.

    Immutable. A NamedTuple rather than a frozen dataclass because a 10,000-member run
    makes a million of them and a frozen dataclass costs three times as much to build.
    Construction checks the invariants a posting must keep.
    """

    __slots__ = ()

    def __new__(
        cls,
        step_key: str,
        flow: Flow,
        member_index: int,
        timestamp: dt.datetime,
        booking_date: dt.date,
        value_date: dt.date,
        narrative: str,
        tags: Mapping[str, str],
        metadata: Mapping[str, str],
        legs: tuple[Leg, ...],
    ) -> PlannedPosting:
        # A plan that does not balance must never reach the core.
        balance = 0
        for leg in legs:
            if leg.amount_cents <= 0:
                raise ValueError(f"{step_key}: every leg amount must be > 0")
            balance += leg.amount_cents if leg.direction is Direction.DEBIT else -leg.amount_cents
        if len(legs) < 2 or balance != 0:
            raise ValueError(f"{step_key}: legs do not balance")
        if len(narrative) > NARRATIVE_LENGTH_MAX:
            raise ValueError(f"{step_key}: narrative longer than {NARRATIVE_LENGTH_MAX}")
        if value_date < booking_date:
            raise ValueError(f"{step_key}: valueDate before bookingDate")
        return super().__new__(
            cls,
            step_key,
            flow,
            member_index,
            timestamp,
            booking_date,
            value_date,
            narrative,
            tags,
            metadata,
            legs,
        )

    @property
    def amount_cents(self) -> int:
        """The money moved: the sum of the debit legs."""
        total = 0
        for leg in self.legs:
            if leg.direction is Direction.DEBIT:
                total += leg.amount_cents
        return total

    def to_post_entry_payload(
        self, account_id: Callable[[AccountRef], str], currency: str
    ) -> dict[str, object]:
        """The PostEntry payload; ``account_id`` maps a placeholder to the core's id."""
        return {
            "bookingDate": self.booking_date.isoformat(),
            "valueDate": self.value_date.isoformat(),
            "currency": currency,
            "legs": [
                {
                    "accountId": (
                        account_id(leg.account)
                        if isinstance(leg.account, AccountRef)
                        else leg.account.value
                    ),
                    "direction": leg.direction.value,
                    "amount": format_cents(leg.amount_cents),
                }
                for leg in self.legs
            ],
            "narrative": self.narrative,
            "tags": dict(self.tags),
            "metadata": dict(self.metadata),
        }

    def idempotency_key(self, scenario_code: str) -> str:
        """A key stable across re-runs of the same scenario and seed."""
        return f"{scenario_code}:{self.step_key}"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """Every posting of one simulated day, in the order to send them."""

    day_number: int
    """1 for the scenario's start date."""
    day: dt.date
    postings: tuple[PlannedPosting, ...]
    counts: Mapping[Flow, int]
    """Postings planned, by flow."""
    skipped: Mapping[Flow, int]
    """Intended postings dropped because the member could not afford them (or a card
    limit or savings cap would be broken), by flow."""
    moved_cents: Mapping[Flow, int]

    @property
    def card_transaction_count(self) -> int:
        return sum(self.counts.get(flow, 0) for flow in CARD_PURCHASE_FLOWS)
