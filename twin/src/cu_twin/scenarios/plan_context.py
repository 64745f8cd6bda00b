"""Scenario-wide, read-only inputs to planning, computed once from the config."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from zoneinfo import ZoneInfo

from cu_twin.config.enums import AuState
from cu_twin.config.scenario import AmountBucket, ScenarioConfig
from cu_twin.generators.au_calendar import BusinessCalendar
from cu_twin.generators.billers import Biller, billers_in
from cu_twin.generators.merchants import Merchant
from cu_twin.generators.places import PLACES, Place
from cu_twin.generators.rng import WeightedTable
from cu_twin.scenarios.plan_types import Flow

AVERAGE_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class PlanContext:
    scenario: ScenarioConfig
    calendar: BusinessCalendar
    zone: ZoneInfo
    start: dt.date
    end: dt.date
    card_chance_by_weekday: tuple[float, ...]
    """Chance that each of the ``maxPerDay`` purchase opportunities of a day is taken."""
    card_amounts: WeightedTable[AmountBucket]
    credit_card_amounts: WeightedTable[AmountBucket]
    bill_categories: WeightedTable[str]
    billers_by_category: dict[str, tuple[Biller, ...]]
    places_by_state: dict[AuState, WeightedTable[Place]]
    tags_by_flow: dict[Flow, MappingProxyType[str, str]]
    """One read-only tags mapping per flow, shared by all its postings."""
    descriptors: dict[tuple[str, str], str] = field(default_factory=dict)
    """Memo of statement descriptors by (merchant pattern, suburb); a pure cache."""

    def descriptor(self, merchant: Merchant, suburb: str) -> str:
        key = (merchant.pattern, suburb)
        found = self.descriptors.get(key)
        if found is None:
            found = self.descriptors[key] = merchant.descriptor(suburb)
        return found

    @property
    def card_purchases_per_month(self) -> float:
        return self.scenario.card_spend.mean_per_day * AVERAGE_DAYS_PER_MONTH

    def day_number(self, day: dt.date) -> int:
        return (day - self.start).days + 1

    def in_window(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def build_context(scenario: ScenarioConfig) -> PlanContext:
    spend = scenario.card_spend
    weights = spend.weekday_weights
    # mean x weight/meanWeight purchases a day, as maxPerDay independent chances.
    chances = tuple(
        spend.mean_per_day * weights.for_weekday(day) / weights.mean() / spend.max_per_day
        for day in range(7)
    )
    categories = scenario.bpay.categories
    billers = {name: billers_in(name) for name in categories}
    missing = [name for name, found in billers.items() if not found]
    if missing:
        raise ValueError(f"no BPAY billers for categories {missing}")
    return PlanContext(
        scenario=scenario,
        calendar=BusinessCalendar(
            include_nsw_holidays=scenario.calendar.include_nsw_holidays,
            include_nsw_bank_holiday=scenario.calendar.include_nsw_bank_holiday,
        ),
        zone=ZoneInfo(scenario.time_zone),
        start=scenario.start_date,
        end=scenario.end_date,
        card_chance_by_weekday=chances,
        card_amounts=WeightedTable([(b, b.weight) for b in spend.amount_buckets]),
        credit_card_amounts=WeightedTable(
            [(b, b.weight) for b in scenario.credit_card_spend.amount_buckets]
        ),
        bill_categories=WeightedTable([(name, c.weight) for name, c in categories.items()]),
        billers_by_category=billers,
        places_by_state={
            state: WeightedTable([(p, p.weight) for p in PLACES if p.state is state])
            for state in AuState
        },
        tags_by_flow={
            flow: MappingProxyType({"scenario": scenario.scenario_code, "flow": flow.value})
            for flow in Flow
        },
    )
