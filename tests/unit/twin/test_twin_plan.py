"""The steady-state plan: postings follow the spec's table, balances never break a
rule, volumes and calendars match the spec, and the same seed gives the same bytes."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cu_twin.config import ScenarioConfig, default_scenario, default_tenant_config
from cu_twin.generators.accounts import AccountKind, AccountRef, PlannedAccount
from cu_twin.generators.au_calendar import is_business_day
from cu_twin.generators.holdings import generate_accounts
from cu_twin.generators.luhn import is_luhn_valid
from cu_twin.generators.members import Member, generate_members
from cu_twin.scenarios.plan_types import Direction, Flow, GlAccount, PlannedPosting
from cu_twin.scenarios.steady_state_plan import (
    SteadyStatePlan,
    iter_steady_state_plan,
    plan_steady_state,
    seed_timestamp,
)

TENANT = default_tenant_config()
SYDNEY = ZoneInfo("Australia/Sydney")

STEP_KEY = re.compile(r"^d\d{3}-m\d{5}-[a-z]+-\d{2}$")
TXN, SAV = AccountKind.TRANSACTION, AccountKind.SAVINGS
CARD, LOANS = AccountKind.CREDIT_CARD, {AccountKind.HOME_LOAN, AccountKind.PERSONAL_LOAN}

# The postings table of 03-twin.md: flow -> (debit side, credit side).
POSTINGS_TABLE: dict[Flow, tuple[object, object]] = {
    Flow.SALARY: (GlAccount.SALARY_CLEARING, {TXN}),
    Flow.DEBIT_CARD_PURCHASE: ({TXN}, GlAccount.CARD_CLEARING),
    Flow.CREDIT_CARD_PURCHASE: ({CARD}, GlAccount.CARD_CLEARING),
    Flow.SAVINGS_SWEEP: ({TXN}, {SAV}),
    Flow.BPAY_BILL: ({TXN}, GlAccount.BPAY_CLEARING),
    Flow.NPP_OUT: ({TXN}, GlAccount.NPP_CLEARING),
    Flow.NPP_IN: (GlAccount.NPP_CLEARING, {TXN}),
    Flow.ATM_WITHDRAWAL: ({TXN}, GlAccount.ATM_CASH),
    Flow.LOAN_REPAYMENT: ({TXN}, LOANS),
    Flow.CARD_REPAYMENT: ({TXN}, {CARD}),
    Flow.CARD_OPENING_BALANCE: ({CARD}, GlAccount.LOAN_FUNDING),
}


class World:
    """Members and accounts generated for a scenario, ready to plan."""

    def __init__(self, scenario: ScenarioConfig) -> None:
        self.scenario = scenario
        self.members: tuple[Member, ...] = generate_members(
            scenario.members, TENANT.member_mix, scenario.seed, as_of=scenario.start_date
        )
        self.accounts: tuple[PlannedAccount, ...] = generate_accounts(
            self.members, scenario, TENANT
        )
        self.by_ref = {account.ref: account for account in self.accounts}

    def plan(self) -> SteadyStatePlan:
        return plan_steady_state(self.scenario, self.members, self.accounts)


def small(members: int, days: int, seed: int = 1, start: str = "2025-01-01") -> ScenarioConfig:
    scenario = default_scenario().with_overrides(members=members, days=days, seed=seed)
    data = scenario.model_dump(by_alias=True)
    data["startDate"] = start
    return ScenarioConfig.model_validate(data)


def all_postings(plan: SteadyStatePlan) -> list[PlannedPosting]:
    return [*plan.seed_postings, *(p for day in plan.days for p in day.postings)]


def ceiling_of(account: PlannedAccount) -> int | None:
    """The most an account may hold: a card's limit, a deposit's maxBalance."""
    if account.kind is AccountKind.CREDIT_CARD:
        return account.credit_limit_cents
    return None if account.kind.debit_normal else account.max_balance_cents


def replay_breaches(world: World, postings: Iterable[PlannedPosting]) -> list[str]:
    """Re-apply every posting from the seed balances and report any broken rule."""
    balance = {ref: a.balance_after_seed_cents for ref, a in world.by_ref.items()}
    for account in world.accounts:
        if account.kind is AccountKind.CREDIT_CARD:
            balance[account.ref] = 0  # cards open empty; the seed posting fills them
    breaches = []
    for posting in postings:
        for leg in posting.legs:
            if not isinstance(leg.account, AccountRef):
                continue
            account = world.by_ref[leg.account]
            grows = (leg.direction is Direction.DEBIT) == account.kind.debit_normal
            balance[leg.account] += leg.amount_cents if grows else -leg.amount_cents
            ceiling = ceiling_of(account)
            if balance[leg.account] < 0 or (ceiling is not None and balance[leg.account] > ceiling):
                breaches.append(f"{posting.step_key}: {leg.account} -> {balance[leg.account]}")
    return breaches


@pytest.fixture(scope="module")
def world() -> World:
    return World(default_scenario())


@pytest.fixture(scope="module")
def plan(world: World) -> SteadyStatePlan:
    return world.plan()


def test_card_transactions_are_within_ten_percent_of_37500(plan: SteadyStatePlan) -> None:
    assert plan.card_transaction_count == pytest.approx(37_500, rel=0.10)


def test_money_moved_is_a_few_million_dollars(plan: SteadyStatePlan) -> None:
    assert 4_000_000_00 <= plan.total_moved_cents <= 8_000_000_00


def test_every_flow_of_the_spec_appears(plan: SteadyStatePlan) -> None:
    flows = {p.flow for p in all_postings(plan)}
    assert flows == set(POSTINGS_TABLE)


def test_every_posting_follows_the_postings_table(world: World, plan: SteadyStatePlan) -> None:
    def side_matches(account: object, expected: object) -> bool:
        if isinstance(expected, GlAccount):
            return account is expected
        assert isinstance(expected, set)
        return isinstance(account, AccountRef) and world.by_ref[account].kind in expected

    for posting in all_postings(plan):
        debit, credit = POSTINGS_TABLE[posting.flow]
        (debit_leg,) = [leg for leg in posting.legs if leg.direction is Direction.DEBIT]
        (credit_leg,) = [leg for leg in posting.legs if leg.direction is Direction.CREDIT]
        assert side_matches(debit_leg.account, debit), posting
        assert side_matches(credit_leg.account, credit), posting
        assert debit_leg.amount_cents == credit_leg.amount_cents > 0
        member_refs = [leg.account for leg in posting.legs if isinstance(leg.account, AccountRef)]
        assert all(ref.member_index == posting.member_index for ref in member_refs)


def test_replayed_balances_never_break_a_floor_a_cap_or_a_limit(
    world: World, plan: SteadyStatePlan
) -> None:
    assert replay_breaches(world, all_postings(plan)) == []


def test_step_keys_are_unique_and_name_day_member_flow_and_sequence(
    plan: SteadyStatePlan,
) -> None:
    keys = [p.step_key for day in plan.days for p in day.postings]
    assert len(set(keys)) == len(keys)
    assert all(STEP_KEY.match(key) for key in keys)
    for day in plan.days:
        assert all(p.step_key.startswith(f"d{day.day_number:03d}-") for p in day.postings)
    assert len({p.step_key for p in plan.seed_postings}) == len(plan.seed_postings)


def test_postings_are_in_business_time_order_on_the_sydney_clock(plan: SteadyStatePlan) -> None:
    for day in plan.days:
        stamps = [p.timestamp for p in day.postings]
        assert stamps == sorted(stamps)
        for posting in day.postings:
            assert posting.timestamp.tzinfo == SYDNEY
            assert posting.timestamp.date() == posting.booking_date == day.day
            assert posting.value_date >= posting.booking_date


def test_salaries_land_only_on_business_days_and_bpay_takes_value_on_one(
    plan: SteadyStatePlan,
) -> None:
    postings = all_postings(plan)
    salaries = [p for p in postings if p.flow is Flow.SALARY]
    bills = [p for p in postings if p.flow is Flow.BPAY_BILL]
    assert salaries and bills
    assert all(is_business_day(p.booking_date) for p in salaries)
    assert all(is_business_day(p.value_date) for p in bills)
    assert any(not is_business_day(p.booking_date) for p in bills)  # weekend bills at 30%
    weekend_npp = [p for p in postings if p.flow is Flow.NPP_OUT and p.booking_date.weekday() >= 5]
    assert weekend_npp  # NPP runs 24/7


def test_no_salary_on_new_years_day_or_the_australia_day_holiday(plan: SteadyStatePlan) -> None:
    for day in plan.days:
        if day.day in (dt.date(2025, 1, 1), dt.date(2025, 1, 27)):
            assert day.counts.get(Flow.SALARY, 0) == 0
            assert day.counts.get(Flow.BPAY_BILL, 0) == 0 or all(
                p.value_date > day.day for p in day.postings if p.flow is Flow.BPAY_BILL
            )


def test_loan_repayments_fall_on_the_15th_or_up_to_14_days_late(plan: SteadyStatePlan) -> None:
    repayments = [p for p in all_postings(plan) if p.flow is Flow.LOAN_REPAYMENT]
    assert repayments
    late = Counter[bool]()
    for posting in repayments:
        days_late = (posting.booking_date - dt.date(2025, 1, 15)).days
        assert int(posting.metadata["daysLate"]) == days_late
        assert 0 <= days_late <= 14 + 2  # up to two retries of a dishonoured debit
        late[days_late > 0] += 1
    assert late[False] > late[True]


def test_fridays_are_busier_than_sundays_at_the_card_terminal(plan: SteadyStatePlan) -> None:
    def mean_on(weekday: int) -> float:
        days = [d for d in plan.days if d.day.weekday() == weekday]
        return sum(d.card_transaction_count for d in days) / len(days)

    assert mean_on(4) > mean_on(6) * 1.2


def test_day_counts_match_the_postings_and_skips_are_reported(plan: SteadyStatePlan) -> None:
    for day in plan.days:
        assert dict(Counter(p.flow for p in day.postings)) == dict(day.counts)
        assert sum(day.moved_cents.values()) == sum(p.amount_cents for p in day.postings)
    assert sum(plan.skipped().values()) > 0
    assert set(plan.skipped()) <= set(Flow)


def test_narratives_tags_and_metadata_are_short_strings(plan: SteadyStatePlan) -> None:
    for posting in all_postings(plan):
        assert 0 < len(posting.narrative) <= 280
        for mapping in (posting.tags, posting.metadata):
            assert all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
        assert posting.tags["flow"] == posting.flow.value
        if posting.flow is Flow.BPAY_BILL:
            assert is_luhn_valid(posting.metadata["crn"])
            assert posting.metadata["crn"] in posting.narrative
        if posting.flow in (Flow.DEBIT_CARD_PURCHASE, Flow.CREDIT_CARD_PURCHASE):
            assert re.fullmatch(r"\d{4}", posting.metadata["mcc"])
        if posting.flow in (Flow.NPP_OUT, Flow.NPP_IN):
            assert posting.metadata["payId"].endswith(".example") or posting.metadata[
                "payId"
            ].startswith("+61-4")


def test_seed_commands_come_before_every_planned_posting(plan: SteadyStatePlan) -> None:
    stamp = seed_timestamp(default_scenario())
    assert stamp.isoformat() == "2025-01-01T00:00:00+11:00"
    assert all(stamp < p.timestamp for p in all_postings(plan))


def test_cards_held_at_seed_get_their_outstanding_balance_posted(
    world: World, plan: SteadyStatePlan
) -> None:
    cards = [a for a in world.accounts if a.kind is CARD and a.seed_balance_cents > 0]
    assert len(plan.seed_postings) == len(cards)
    for posting, card in zip(plan.seed_postings, cards, strict=True):
        assert posting.legs[0].account == card.ref
        assert posting.amount_cents == card.seed_balance_cents


def test_postings_render_as_post_entry_payloads(plan: SteadyStatePlan) -> None:
    posting = next(p for p in plan.days[1].postings if p.flow is Flow.SALARY)
    payload = posting.to_post_entry_payload(lambda ref: f"acc-{ref}", "AUD")
    legs = payload["legs"]
    assert isinstance(legs, list)
    assert legs[0]["accountId"] == "GL_SALARY_CLEARING"
    assert legs[1]["accountId"].startswith("acc-m")
    assert re.fullmatch(r"\d+\.\d{2}", legs[0]["amount"])
    assert payload["bookingDate"] == posting.booking_date.isoformat()
    assert posting.idempotency_key("STEADY_STATE_30D").endswith(posting.step_key)


def test_the_same_seed_gives_a_byte_identical_plan_and_another_seed_does_not() -> None:
    first = World(small(80, 12, seed=5)).plan().digest()
    again = World(small(80, 12, seed=5)).plan().digest()
    other = World(small(80, 12, seed=6)).plan().digest()
    assert first == again
    assert first != other


def test_iterating_day_by_day_gives_the_same_days_as_the_whole_plan() -> None:
    world = World(small(40, 6, seed=2))
    streamed = list(iter_steady_state_plan(world.scenario, world.members, world.accounts))
    assert tuple(streamed) == world.plan().days


@pytest.mark.parametrize("start", ["2025-04-03", "2025-10-02"])
def test_daylight_saving_changeovers_give_real_unambiguous_times(start: str) -> None:
    world = World(small(30, 5, seed=3, start=start))
    for day in world.plan().days:
        for posting in day.postings:
            stamp = posting.timestamp
            assert stamp.hour != 2
            assert stamp.astimezone(dt.UTC).astimezone(SYDNEY) == stamp


@settings(max_examples=12, deadline=None)
@given(
    members=st.integers(min_value=1, max_value=25),
    days=st.integers(min_value=1, max_value=40),
    seed=st.integers(min_value=0, max_value=2**31),
    start=st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
)
def test_any_small_plan_balances_and_never_overdraws(
    members: int, days: int, seed: int, start: dt.date
) -> None:
    world = World(small(members, days, seed=seed, start=start.isoformat()))
    plan = world.plan()
    postings = all_postings(plan)
    assert all(p.amount_cents > 0 for p in postings)
    assert replay_breaches(world, postings) == []
    assert len({p.step_key for p in postings}) == len(postings)
