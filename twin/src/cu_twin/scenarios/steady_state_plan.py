"""The steady-state scenario as a pure, day-by-day plan of postings (03-twin.md).

``iter_steady_state_plan`` yields one ``DayPlan`` per simulated day: every posting the
twin intends to send that day, ordered by business time, each with a deterministic step
key, placeholder accounts (``AccountRef`` / GL code) and legs that follow the spec's
postings table. The plan keeps its own view of balances and never plans a deposit
below zero, a savings account above its cap or a card above its limit; what a member
cannot afford is counted as skipped. Same inputs, same seed: byte-identical plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import attrgetter
from zoneinfo import ZoneInfo

from cu_twin.config.scenario import ScenarioConfig
from cu_twin.generators.accounts import AccountKind, AccountRef, PlannedAccount, accounts_by_member
from cu_twin.generators.members import Member
from cu_twin.scenarios.plan_book import BalanceBook
from cu_twin.scenarios.plan_clock import local_timestamp
from cu_twin.scenarios.plan_context import PlanContext, build_context
from cu_twin.scenarios.plan_daily import (
    MonthDays,
    close_day,
    intents_for_day,
    month_days,
    schedule_month,
)
from cu_twin.scenarios.plan_intents import Intent, LoanRepaymentIntent, settle_order, step_token
from cu_twin.scenarios.plan_member import MemberPlanState, start_member
from cu_twin.scenarios.plan_settle import intended_flow, settle
from cu_twin.scenarios.plan_types import (
    CARD_PURCHASE_FLOWS,
    DayPlan,
    Direction,
    Flow,
    GlAccount,
    Leg,
    PlannedPosting,
)

SEED_POSTING_TIME_S = 60  # 00:01 on the start date, before any simulated activity
LOAN_REPAYMENT_ATTEMPTS_MAX = 3  # a dishonoured direct debit is retried on later days
STEP_SEQ_MAX = 99


def step_key(day_number: int, member: Member, token: str, seq: int) -> str:
    """e.g. ``d012-m00042-card-03``: day, member number (as in CUST-000042), flow, seq."""
    return f"d{day_number:03d}-m{member.number:05d}-{token}-{seq:02d}"


def seed_timestamp(scenario: ScenarioConfig) -> dt.datetime:
    """Business time for the seed phase's commands (customers, accounts): local midnight
    of the start date, so ages and youth-saver eligibility hold as the generators assumed
    and every seed command precedes the seed postings and the first simulated day."""
    return local_timestamp(scenario.start_date, 0, ZoneInfo(scenario.time_zone))


def plan_seed_postings(
    scenario: ScenarioConfig, members: Sequence[Member], accounts: Sequence[PlannedAccount]
) -> tuple[PlannedPosting, ...]:
    """Postings for the seed phase: cards open with no entry, so their outstanding
    balance at seed is posted DEBIT card / CREDIT GL_LOAN_FUNDING (a migrated balance)."""
    ctx = build_context(scenario)
    stamp = local_timestamp(ctx.start, SEED_POSTING_TIME_S, ctx.zone)
    postings = []
    for account in accounts:
        if account.kind is not AccountKind.CREDIT_CARD or account.seed_balance_cents <= 0:
            continue
        member = members[account.member_index]
        legs = (
            Leg(account.ref, Direction.DEBIT, account.seed_balance_cents),
            Leg(GlAccount.LOAN_FUNDING, Direction.CREDIT, account.seed_balance_cents),
        )
        postings.append(
            PlannedPosting(
                step_key=f"seed-m{member.number:05d}-card-balance",
                flow=Flow.CARD_OPENING_BALANCE,
                member_index=member.index,
                timestamp=stamp,
                booking_date=ctx.start,
                value_date=ctx.start,
                narrative=f"OPENING BALANCE MIGRATED {account.alias.upper()}",
                tags={"scenario": scenario.scenario_code, "flow": Flow.CARD_OPENING_BALANCE.value},
                metadata={"memberRef": member.external_ref},
                legs=legs,
            )
        )
    return tuple(postings)


def iter_steady_state_plan(
    scenario: ScenarioConfig, members: Sequence[Member], accounts: Sequence[PlannedAccount]
) -> Iterator[DayPlan]:
    """Yield the plan one day at a time (memory stays flat for large populations).

    ``members`` are indexed by ``Member.index``; ``accounts`` are those
    ``generate_accounts`` returned, whose balances after seed the plan starts from.
    """
    if any(member.index != position for position, member in enumerate(members)):
        raise ValueError("members must be in index order, as generate_members returns them")
    ctx = build_context(scenario)
    book = BalanceBook(accounts)
    grouped = accounts_by_member(accounts)
    states = [start_member(member, grouped.get(member.index, []), ctx) for member in members]
    months: dict[tuple[int, int], MonthDays] = {}
    for offset in range(scenario.days):
        day = ctx.start + dt.timedelta(days=offset)
        first_of_month = offset == 0 or day.day == 1
        month = months.setdefault((day.year, day.month), month_days(ctx, day.year, day.month))
        yield _plan_day(ctx, book, states, day, month if first_of_month else None)


def _plan_day(
    ctx: PlanContext,
    book: BalanceBook,
    states: Sequence[MemberPlanState],
    day: dt.date,
    new_month: MonthDays | None,
) -> DayPlan:
    day_number = ctx.day_number(day)
    postings: list[PlannedPosting] = []
    skipped: Counter[Flow] = Counter()
    for state in states:
        if new_month is not None:
            schedule_month(state, ctx, new_month, day)
        for intent, key in _keyed_intents(state, ctx, day, day_number):
            posting = settle(intent, state, book, ctx, day, key)
            if posting is not None:
                postings.append(posting)
            elif not _retry_later(intent, state, day):
                skipped[intended_flow(intent)] += 1
        close_day(state, ctx, day, book)
    # Stable sort on time alone: a member's postings at the same second keep the order
    # they were settled in, so the core sees money arrive before it is spent.
    postings.sort(key=attrgetter("timestamp"))
    ordered = tuple(postings)
    counts: Counter[Flow] = Counter(p.flow for p in ordered)
    moved: Counter[Flow] = Counter()
    for posting in ordered:
        moved[posting.flow] += posting.amount_cents
    return DayPlan(day_number, day, ordered, dict(counts), dict(skipped), dict(moved))


def _keyed_intents(
    state: MemberPlanState, ctx: PlanContext, day: dt.date, day_number: int
) -> list[tuple[Intent, str]]:
    intents = sorted(intents_for_day(state, ctx, day), key=settle_order)
    seqs: dict[str, int] = {}
    keyed = []
    for intent in intents:
        token = step_token(intent)
        seq = seqs[token] = seqs.get(token, 0) + 1
        if seq > STEP_SEQ_MAX:
            raise AssertionError(f"more than {STEP_SEQ_MAX} {token} steps in a day")
        keyed.append((intent, step_key(day_number, state.member, token, seq)))
    return keyed


def _retry_later(intent: Intent, state: MemberPlanState, day: dt.date) -> bool:
    if not isinstance(intent, LoanRepaymentIntent) or intent.attempt >= LOAN_REPAYMENT_ATTEMPTS_MAX:
        return False
    state.schedule(day + dt.timedelta(days=1), intent._replace(attempt=intent.attempt + 1))
    return True


@dataclass(frozen=True)
class SteadyStatePlan:
    """The whole plan held in memory (fine for 500 x 30; iterate for bigger runs)."""

    scenario_code: str
    seed_postings: tuple[PlannedPosting, ...]
    days: tuple[DayPlan, ...]

    def counts(self) -> Counter[Flow]:
        total: Counter[Flow] = Counter()
        for day in self.days:
            total.update(day.counts)
        return total

    def skipped(self) -> Counter[Flow]:
        total: Counter[Flow] = Counter()
        for day in self.days:
            total.update(day.skipped)
        return total

    def moved_cents(self) -> Counter[Flow]:
        total: Counter[Flow] = Counter()
        for day in self.days:
            total.update(day.moved_cents)
        return total

    @property
    def card_transaction_count(self) -> int:
        return sum(day.card_transaction_count for day in self.days)

    @property
    def total_moved_cents(self) -> int:
        return sum(self.moved_cents().values())

    def digest(self) -> str:
        return plan_digest([*self.seed_postings, *(p for d in self.days for p in d.postings)])


def plan_steady_state(
    scenario: ScenarioConfig, members: Sequence[Member], accounts: Sequence[PlannedAccount]
) -> SteadyStatePlan:
    return SteadyStatePlan(
        scenario_code=scenario.scenario_code,
        seed_postings=plan_seed_postings(scenario, members, accounts),
        days=tuple(iter_steady_state_plan(scenario, members, accounts)),
    )


def posting_record(posting: PlannedPosting) -> dict[str, object]:
    """A JSON-ready record of everything in a posting (for digests and reports)."""
    return {
        "stepKey": posting.step_key,
        "flow": posting.flow.value,
        "timestamp": posting.timestamp.isoformat(),
        "bookingDate": posting.booking_date.isoformat(),
        "valueDate": posting.value_date.isoformat(),
        "narrative": posting.narrative,
        "tags": dict(posting.tags),
        "metadata": dict(posting.metadata),
        "legs": [
            [
                str(leg.account) if isinstance(leg.account, AccountRef) else leg.account.value,
                leg.direction.value,
                leg.amount_cents,
            ]
            for leg in posting.legs
        ],
    }


def plan_digest(postings: Iterable[PlannedPosting]) -> str:
    """SHA-256 over the canonical JSON lines of the postings, in order."""
    digest = hashlib.sha256()
    for posting in postings:
        line = json.dumps(posting_record(posting), sort_keys=True, separators=(",", ":"))
        digest.update(line.encode())
        digest.update(b"\n")
    return digest.hexdigest()


__all__ = [
    "CARD_PURCHASE_FLOWS",
    "DayPlan",
    "Direction",
    "Flow",
    "GlAccount",
    "Leg",
    "PlannedPosting",
    "SteadyStatePlan",
    "iter_steady_state_plan",
    "plan_digest",
    "plan_seed_postings",
    "plan_steady_state",
    "posting_record",
    "seed_timestamp",
    "step_key",
]
