"""Drawing a member's intents: monthly habits (bills, transfers, cash, loan repayments)
on the first simulated day of each month, and each day's salary, sweep and card spend."""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass

from cu_twin.config.base import CountRange
from cu_twin.generators.accounts import AccountRef
from cu_twin.generators.merchants import draw_channel, draw_merchant
from cu_twin.generators.payees import REMITTANCES
from cu_twin.generators.rng import WeightedTable, jitter_cents, scale_cents, uniform_int
from cu_twin.scenarios.plan_book import BalanceBook
from cu_twin.scenarios.plan_clock import DayProfile, draw_time_s
from cu_twin.scenarios.plan_context import PlanContext
from cu_twin.scenarios.plan_intents import (
    AtmIntent,
    BpayIntent,
    CardPurchaseIntent,
    Intent,
    LoanRepaymentIntent,
    NppIntent,
    SalaryIntent,
    SweepIntent,
)
from cu_twin.scenarios.plan_member import (
    HOME_SUBURB_SHARE,
    MemberPlanState,
    schedule_card_repayment,
)

SWEEP_DELAY_S = (30 * 60, 3 * 3600)  # the sweep runs 30 min to 3 h after the pay lands
WHOLE_DOLLAR_TRANSFER_SHARE = 0.7  # people mostly send round amounts to each other
OWN_ATM_NETWORK_SHARE = 0.3

Dated = list[tuple[dt.date, Intent]]


@dataclass(frozen=True)
class MonthDays:
    """The days of one calendar month, and how likely a bill is paid on each."""

    days: tuple[dt.date, ...]
    bill_days: WeightedTable[dt.date]


def month_days(ctx: PlanContext, year: int, month: int) -> MonthDays:
    days = tuple(dt.date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1))
    weekend_share = ctx.scenario.weekend_volume_fraction
    return MonthDays(
        days=days,
        bill_days=WeightedTable(
            [(d, 1.0 if ctx.calendar.is_business_day(d) else weekend_share) for d in days]
        ),
    )


def _count(rng: random.Random, spec: CountRange) -> int:
    return rng.randint(spec.min_count, spec.max_count)


def _bills(state: MemberPlanState, ctx: PlanContext, month: MonthDays) -> Dated:
    if not (state.bpay_user and state.billers):
        return []
    rng, spec = state.rng, ctx.scenario.bpay
    bills: Dated = []
    for _ in range(_count(rng, spec.bills_per_month)):
        day = month.bill_days.draw(rng)
        biller, crn = rng.choice(state.billers)
        amount = spec.categories[biller.category].amount
        at_s = draw_time_s(rng, DayProfile.BILLS)
        cents = rng.randint(amount.min_cents, amount.max_cents)
        bills.append((day, BpayIntent(at_s, cents, biller, crn)))
    return bills


def _transfers(state: MemberPlanState, ctx: PlanContext, month: MonthDays) -> Dated:
    if not state.npp_user:
        return []
    rng, spec = state.rng, ctx.scenario.npp
    transfers: Dated = []
    for _ in range(_count(rng, spec.payments_per_month)):
        day = rng.choice(month.days)
        cents = rng.randint(spec.amount.min_cents, spec.amount.max_cents)
        if rng.random() < WHOLE_DOLLAR_TRANSFER_SHARE:
            cents = max(spec.amount.min_cents, cents // 100 * 100)
        inbound = rng.random() < spec.inbound_fraction
        at_s = draw_time_s(rng, DayProfile.TRANSFERS)
        payee, remittance = rng.choice(state.payees), rng.choice(REMITTANCES)
        transfers.append((day, NppIntent(at_s, cents, inbound, payee, remittance)))
    return transfers


def _withdrawals(state: MemberPlanState, ctx: PlanContext, month: MonthDays) -> Dated:
    if not state.atm_user:
        return []
    rng, spec = state.rng, ctx.scenario.atm
    step = max(spec.amount_step, 1)
    steps = (spec.amount.max_cents - spec.amount.min_cents) // step
    withdrawals: Dated = []
    for _ in range(_count(rng, spec.withdrawals_per_month)):
        day = rng.choice(month.days)
        cents = spec.amount.min_cents + step * rng.randint(0, steps)
        suburb, state_code = _where(state, ctx)
        at_s = draw_time_s(rng, DayProfile.CASH)
        own = rng.random() < OWN_ATM_NETWORK_SHARE
        withdrawals.append((day, AtmIntent(at_s, cents, suburb, state_code, own)))
    return withdrawals


def _loan_repayments(state: MemberPlanState, ctx: PlanContext, month: MonthDays) -> Dated:
    rng, spec = state.rng, ctx.scenario.loan_repayment
    repayments: Dated = []
    for loan in state.loans:
        due = month.days[spec.day_of_month - 1]
        on_time = rng.random() < spec.on_time_fraction
        late_days = 0 if on_time else _count(rng, spec.late_days)
        at_s = draw_time_s(rng, DayProfile.DIRECT_DEBIT)
        intent = LoanRepaymentIntent(
            at_s, loan.monthly_repayment_cents, loan.ref, loan.alias, due, 1
        )
        repayments.append((due + dt.timedelta(days=late_days), intent))
    return repayments


def schedule_month(
    state: MemberPlanState, ctx: PlanContext, month: MonthDays, today: dt.date
) -> None:
    """Draw the whole month's bills, transfers, withdrawals and loan repayments, and
    keep those falling between ``today`` and the end of the scenario."""
    for draw in (_bills, _transfers, _withdrawals, _loan_repayments):
        for day, intent in draw(state, ctx, month):
            if today <= day <= ctx.end:
                state.schedule(day, intent)


def _where(state: MemberPlanState, ctx: PlanContext) -> tuple[str, str]:
    """(suburb, state): mostly the member's own suburb, sometimes elsewhere in their state."""
    address = state.member.address
    if state.rng.random() < HOME_SUBURB_SHARE:
        return address.suburb, address.state
    return ctx.places_by_state[address.state].draw(state.rng).suburb, address.state


def intents_for_day(state: MemberPlanState, ctx: PlanContext, day: dt.date) -> list[Intent]:
    """Everything the member means to do today (scheduled earlier or drawn now)."""
    rng, scenario = state.rng, ctx.scenario
    intents = state.scheduled.pop(day, [])
    if day in state.pay_dates:
        amount = jitter_cents(rng, state.salary_per_pay_cents, scenario.salary.jitter_fraction)
        paid_at = draw_time_s(rng, DayProfile.SALARY)
        intents.append(SalaryIntent(paid_at, amount, state.payer, state.benefit))
        if day in state.sweep_dates:
            swept_at = paid_at + rng.randint(*SWEEP_DELAY_S)
            intents.append(SweepIntent(swept_at, scale_cents(amount, state.sweep_share)))
    chance = ctx.card_chance_by_weekday[day.weekday()]
    for _ in range(scenario.card_spend.max_per_day):
        if rng.random() < chance:
            intents.append(_card_purchase(state, ctx))
    return intents


def _card_purchase(state: MemberPlanState, ctx: PlanContext) -> CardPurchaseIntent:
    rng = state.rng
    prefer_credit = state.card is not None and rng.random() < state.credit_share
    bucket = (ctx.credit_card_amounts if prefer_credit else ctx.card_amounts).draw(rng)
    amount = uniform_int(rng, bucket.min_cents, bucket.max_cents)
    merchant = draw_merchant(rng, amount)
    suburb, _ = _where(state, ctx)
    return CardPurchaseIntent(
        draw_time_s(rng, DayProfile.RETAIL),
        amount,
        prefer_credit,
        merchant,
        suburb,
        draw_channel(rng, merchant),
    )


def close_day(state: MemberPlanState, ctx: PlanContext, day: dt.date, book: BalanceBook) -> None:
    """End of day: on the card's statement day, the member decides how to repay it."""
    if state.card is not None and day.day == state.statement_day:
        statement: AccountRef = state.card.ref
        schedule_card_repayment(state, ctx, day, book.balance(statement))
