"""One member's behaviour over the scenario: habits drawn once, intents drawn daily.

Each member has a private random stream, consumed in a fixed order (habits, then day
by day: the month's schedule on its first day, the day's own draws, the card statement
at day end), so a member's plan never depends on anyone else's.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from cu_twin.config.enums import EmploymentStatus
from cu_twin.generators.accounts import AccountKind, PlannedAccount, draw_from_mix
from cu_twin.generators.billers import Biller
from cu_twin.generators.contacts import payid_for_mobile
from cu_twin.generators.members import Member
from cu_twin.generators.payees import Payee, draw_payee
from cu_twin.generators.rng import derive_rng, scale_cents
from cu_twin.scenarios.plan_clock import DayProfile, draw_time_s
from cu_twin.scenarios.plan_context import PlanContext
from cu_twin.scenarios.plan_intents import CardRepaymentIntent, Intent

ONE_DAY = dt.timedelta(days=1)
HOME_SUBURB_SHARE = 0.85
BILLER_DRAW_ATTEMPTS_MAX = 8


@dataclass(slots=True)
class MemberPlanState:
    """A member's habits (fixed at the start) and the intents scheduled for later days.

    Mutable on purpose and private to one plan run: the random stream advances and the
    schedule fills and empties as the days go by.
    """

    member: Member
    rng: random.Random
    transaction: PlannedAccount
    savings: PlannedAccount
    card: PlannedAccount | None
    loans: tuple[PlannedAccount, ...]
    pay_dates: frozenset[dt.date]
    sweep_dates: frozenset[dt.date]
    salary_per_pay_cents: int
    payer: str
    benefit: bool
    sweep_share: float
    credit_share: float
    """Chance that a purchase goes on the credit card rather than the debit card."""
    card_last4: str
    bpay_user: bool
    npp_user: bool
    atm_user: bool
    billers: tuple[tuple[Biller, str], ...]
    payees: tuple[Payee, ...]
    statement_day: int
    own_payid: tuple[str, str]
    """The PayID (value, EMAIL or MOBILE) others use to pay this member over NPP."""
    scheduled: dict[dt.date, list[Intent]] = field(default_factory=dict)

    def schedule(self, day: dt.date, intent: Intent) -> None:
        self.scheduled.setdefault(day, []).append(intent)


def _pay_dates(rng: random.Random, ctx: PlanContext) -> list[dt.date]:
    every = ctx.scenario.salary.every_days
    nominal = ctx.start + dt.timedelta(days=rng.randrange(every) - every)
    dates = []
    while nominal <= ctx.end + dt.timedelta(days=every):
        # Payroll due on a weekend or holiday is paid the business day before.
        actual = ctx.calendar.business_day_on_or_before(nominal)
        if ctx.in_window(actual):
            dates.append(actual)
        nominal += dt.timedelta(days=every)
    return dates


def _salary_per_pay(member: Member, ctx: PlanContext) -> int:
    band = ctx.scenario.salary.per_pay_by_income.for_band(member.income_band)
    return band.min_cents + scale_cents(
        band.max_cents - band.min_cents, member.income_band_position
    )


def _payer(member: Member, ctx: PlanContext) -> tuple[str, bool]:
    if member.employment_status is EmploymentStatus.UNEMPLOYED or member.employer is None:
        return ctx.scenario.salary.benefit_payer, True
    return member.employer.upper(), False


def _draw_billers(rng: random.Random, ctx: PlanContext) -> tuple[tuple[Biller, str], ...]:
    spec = ctx.scenario.bpay.billers_per_member
    wanted = rng.randint(spec.min_count, spec.max_count)
    chosen: dict[str, tuple[Biller, str]] = {}
    for _ in range(wanted * BILLER_DRAW_ATTEMPTS_MAX):
        if len(chosen) >= wanted:
            break
        biller = rng.choice(ctx.billers_by_category[ctx.bill_categories.draw(rng)])
        if biller.biller_code not in chosen:
            chosen[biller.biller_code] = (biller, biller.issue_crn(rng))
    return tuple(chosen.values())


def start_member(
    member: Member, accounts: Sequence[PlannedAccount], ctx: PlanContext
) -> MemberPlanState:
    """Draw the member's habits: paydays, sweep, card use, billers, payees."""
    scenario = ctx.scenario
    rng = derive_rng(scenario.seed, "plan", member.index)
    by_kind = {account.kind: account for account in accounts}
    if AccountKind.TRANSACTION not in by_kind or AccountKind.SAVINGS not in by_kind:
        raise ValueError(f"member {member.external_ref} lacks a transaction or savings account")
    card = by_kind.get(AccountKind.CREDIT_CARD)
    pay_dates = _pay_dates(rng, ctx)
    sweeper = rng.random() < scenario.sweep.member_fraction
    sweep_every = max(1, round(scenario.sweep.every_days / scenario.salary.every_days))
    sweep_share = rng.uniform(
        scenario.sweep.salary_share.min_fraction, scenario.sweep.salary_share.max_fraction
    )
    credit_per_month = rng.randint(
        scenario.credit_card_spend.transactions_per_month.min_count,
        scenario.credit_card_spend.transactions_per_month.max_count,
    )
    payer, benefit = _payer(member, ctx)
    payees_wanted = rng.randint(
        scenario.npp.payees_per_member.min_count, scenario.npp.payees_per_member.max_count
    )
    state = MemberPlanState(
        member=member,
        rng=rng,
        transaction=by_kind[AccountKind.TRANSACTION],
        savings=by_kind[AccountKind.SAVINGS],
        card=card,
        loans=tuple(
            a for a in accounts if a.kind in (AccountKind.HOME_LOAN, AccountKind.PERSONAL_LOAN)
        ),
        pay_dates=frozenset(pay_dates),
        sweep_dates=frozenset(pay_dates[::sweep_every] if sweeper else ()),
        salary_per_pay_cents=_salary_per_pay(member, ctx),
        payer=payer,
        benefit=benefit,
        sweep_share=sweep_share,
        credit_share=min(1.0, credit_per_month / ctx.card_purchases_per_month) if card else 0.0,
        card_last4=f"{rng.randrange(10_000):04d}",
        bpay_user=rng.random() < scenario.bpay.member_fraction,
        npp_user=rng.random() < scenario.npp.member_fraction,
        atm_user=rng.random() < scenario.atm.member_fraction,
        billers=_draw_billers(rng, ctx),
        payees=tuple(draw_payee(rng) for _ in range(max(1, payees_wanted))),
        statement_day=rng.randint(1, 28),
        own_payid=(
            (member.email, "EMAIL")
            if rng.random() < 0.5
            else (payid_for_mobile(member.mobile), "MOBILE")
        ),
    )
    if card is not None:
        schedule_card_repayment(
            state, ctx, _last_statement_before(state, ctx.start), card.seed_balance_cents
        )
    return state


def _last_statement_before(state: MemberPlanState, day: dt.date) -> dt.date:
    statement = day.replace(day=state.statement_day)
    if statement >= day:
        previous_month_end = day.replace(day=1) - ONE_DAY
        statement = previous_month_end.replace(day=state.statement_day)
    return statement


def schedule_card_repayment(
    state: MemberPlanState, ctx: PlanContext, statement_date: dt.date, statement_cents: int
) -> None:
    """Decide, on statement day, when and how much the member will pay."""
    if statement_cents <= 0:
        return
    spec, rng = ctx.scenario.card_repayment, state.rng
    due = statement_date + dt.timedelta(days=spec.statement_to_due_days)
    if rng.random() < spec.on_time_fraction:
        pay_day = due - dt.timedelta(days=rng.randint(0, spec.early_days_max))
    else:
        pay_day = due + dt.timedelta(
            days=rng.randint(spec.late_days.min_count, spec.late_days.max_count)
        )
    kind = draw_from_mix(rng, spec.payment_mix)
    minimum = min(
        statement_cents,
        max(spec.minimum_payment_floor, scale_cents(statement_cents, spec.minimum_payment_rate)),
    )
    amount = {"FULL": statement_cents, "MINIMUM": minimum}.get(kind) or rng.randint(
        minimum, statement_cents
    )
    at_s = draw_time_s(rng, DayProfile.BILLS)
    if ctx.in_window(pay_day) and pay_day > statement_date:
        state.schedule(pay_day, CardRepaymentIntent(at_s, amount, kind, statement_cents, due))
