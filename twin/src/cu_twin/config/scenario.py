"""The scenario file (steady-state.yaml): every knob of the steady-state simulation.

Money is int cents (decimal strings or int dollars in YAML); fractions and weights are
floats. Field docstrings say which line of 03-twin.md a knob comes from.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from cu_twin.config.base import (
    ConfigModel,
    Count,
    CountRange,
    Fraction,
    FractionRange,
    Mix,
    MoneyCents,
    MoneyRange,
    MoneyRangeByIncome,
    TimeZoneName,
    Weight,
)

SCENARIO_MEMBERS_MAX = 10_000
SCENARIO_DAYS_MAX = 366
CARD_PURCHASES_PER_DAY_MAX = 20


class CalendarSpec(ConfigModel):
    include_nsw_holidays: bool = Field(default=True, strict=True)
    include_nsw_bank_holiday: bool = Field(default=True, strict=True)


class ProductHolding(ConfigModel):
    """A share of all members holding one product of a family, split by product."""

    fraction: Fraction
    product_mix: Mix


class TermDepositHolding(ProductHolding):
    amount_by_income: MoneyRangeByIncome


class HomeLoanHolding(ProductHolding):
    repayment_share_of_income: FractionRange
    """Monthly repayment as a share of gross monthly income, which sizes the loan."""
    original_term_months: Annotated[tuple[Count, ...], Field(min_length=1)]


class PersonalLoanHolding(ProductHolding):
    principal_share_of_income: FractionRange
    """Original principal as a share of annual income (then clamped to the product)."""
    original_term_months_by_product: dict[str, Annotated[tuple[Count, ...], Field(min_length=1)]]


class CreditCardHolding(ProductHolding):
    limit_share_of_income: FractionRange
    limit_step: MoneyCents
    opening_utilisation: FractionRange
    """Outstanding balance at seed as a share of the limit."""


class Holdings(ConfigModel):
    transaction_product: str
    premium_transaction_product: str
    premium_transaction_fraction: Fraction
    savings_product: str
    youth_saver_product: str
    youth_saver_age_band: str
    youth_saver_fraction_of_band: Fraction
    term_deposit: TermDepositHolding
    personal_loan: PersonalLoanHolding
    home_loan: HomeLoanHolding
    credit_card: CreditCardHolding


class OpeningBalances(ConfigModel):
    transaction: MoneyRangeByIncome
    savings: MoneyRangeByIncome


class SalarySpec(ConfigModel):
    every_days: Annotated[int, Field(strict=True, ge=1, le=31)]
    per_pay_by_income: MoneyRangeByIncome
    jitter_fraction: Fraction
    """Each pay varies by up to this fraction either way (±5%)."""
    benefit_payer: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    """Who pays unemployed members' fortnightly benefit (through the same clearing)."""


class AmountBucket(ConfigModel):
    min_cents: MoneyCents = Field(alias="min")
    max_cents: MoneyCents = Field(alias="max")
    weight: Weight

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if not 0 < self.min_cents <= self.max_cents:
            raise ValueError("need 0 < min <= max")
        return self


AmountBuckets = Annotated[tuple[AmountBucket, ...], Field(min_length=1)]


class WeekdayWeights(ConfigModel):
    monday: Weight = Field(alias="Mon")
    tuesday: Weight = Field(alias="Tue")
    wednesday: Weight = Field(alias="Wed")
    thursday: Weight = Field(alias="Thu")
    friday: Weight = Field(alias="Fri")
    saturday: Weight = Field(alias="Sat")
    sunday: Weight = Field(alias="Sun")

    def for_weekday(self, weekday: int) -> float:
        """Weight of ``date.weekday()`` (0 = Monday)."""
        return (
            self.monday,
            self.tuesday,
            self.wednesday,
            self.thursday,
            self.friday,
            self.saturday,
            self.sunday,
        )[weekday]

    def mean(self) -> float:
        return math.fsum(self.for_weekday(day) for day in range(7)) / 7


class CardSpendSpec(ConfigModel):
    """Card purchases per member per day: 0..maxPerDay with the given mean."""

    max_per_day: Annotated[int, Field(strict=True, ge=1, le=CARD_PURCHASES_PER_DAY_MAX)]
    mean_per_day: Annotated[float, Field(strict=True, gt=0)]
    amount_buckets: AmountBuckets
    weekday_weights: WeekdayWeights

    @model_validator(mode="after")
    def _busiest_day_fits(self) -> Self:
        # Each of maxPerDay chances fires with p = mean/max * weight/meanWeight; p <= 1.
        busiest = max(self.weekday_weights.for_weekday(day) for day in range(7))
        if self.mean_per_day * busiest / self.weekday_weights.mean() > self.max_per_day:
            raise ValueError("meanPerDay x busiest weekday weight exceeds maxPerDay")
        return self


class CreditCardSpendSpec(ConfigModel):
    """Cardholders put this many of their purchases a month on the credit card."""

    transactions_per_month: CountRange
    amount_buckets: AmountBuckets


class SweepSpec(ConfigModel):
    member_fraction: Fraction
    salary_share: FractionRange
    every_days: Annotated[int, Field(strict=True, ge=1, le=31)]


class BillCategorySpec(ConfigModel):
    weight: Weight
    amount: MoneyRange


class BpaySpec(ConfigModel):
    member_fraction: Fraction
    bills_per_month: CountRange
    billers_per_member: CountRange
    cutoff_hour: Annotated[int, Field(strict=True, ge=0, le=23)]
    categories: dict[str, BillCategorySpec]


class NppSpec(ConfigModel):
    member_fraction: Fraction
    payments_per_month: CountRange
    amount: MoneyRange
    inbound_fraction: Fraction
    payees_per_member: CountRange


class AtmSpec(ConfigModel):
    member_fraction: Fraction
    withdrawals_per_month: CountRange
    amount: MoneyRange
    amount_step: MoneyCents


class LoanRepaymentSpec(ConfigModel):
    day_of_month: Annotated[int, Field(strict=True, ge=1, le=28)]
    on_time_fraction: Fraction
    late_days: CountRange


class CardRepaymentSpec(ConfigModel):
    statement_to_due_days: Annotated[int, Field(strict=True, ge=1, le=60)]
    on_time_fraction: Fraction
    early_days_max: Count
    late_days: CountRange
    payment_mix: Mix
    """FULL / MINIMUM / PARTIAL shares of on-time and late payers alike."""
    minimum_payment_rate: Fraction
    minimum_payment_floor: MoneyCents

    @model_validator(mode="after")
    def _known_payment_kinds(self) -> Self:
        unknown = set(self.payment_mix) - {"FULL", "MINIMUM", "PARTIAL"}
        if unknown:
            raise ValueError(f"paymentMix keys must be FULL, MINIMUM, PARTIAL; got {unknown}")
        return self


class ScenarioConfig(ConfigModel):
    """Everything in a scenario file such as steady-state.yaml."""

    scenario_code: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{1,63}$")]
    description: Annotated[str, StringConstraints(max_length=500)] = ""
    members: Annotated[int, Field(strict=True, ge=1, le=SCENARIO_MEMBERS_MAX)]
    days: Annotated[int, Field(strict=True, ge=1, le=SCENARIO_DAYS_MAX)]
    start_date: dt.date
    seed: Annotated[int, Field(strict=True, ge=0)]
    time_zone: TimeZoneName
    calendar: CalendarSpec
    holdings: Holdings
    opening_balances: OpeningBalances
    salary: SalarySpec
    card_spend: CardSpendSpec
    credit_card_spend: CreditCardSpendSpec
    weekend_volume_fraction: Fraction
    """Weekend (and holiday) volume of business-day flows relative to a business day."""
    sweep: SweepSpec
    bpay: BpaySpec
    npp: NppSpec
    atm: AtmSpec
    loan_repayment: LoanRepaymentSpec
    card_repayment: CardRepaymentSpec

    def with_overrides(
        self, *, members: int | None = None, days: int | None = None, seed: int | None = None
    ) -> ScenarioConfig:
        """The same scenario resized or reseeded (``twin run --customers N --days D --seed S``)."""
        data = self.model_dump(by_alias=True)
        for key, value in (("members", members), ("days", days), ("seed", seed)):
            if value is not None:
                data[key] = value
        return ScenarioConfig.model_validate(data)

    @property
    def end_date(self) -> dt.date:
        """The last simulated day (inclusive)."""
        return self.start_date + dt.timedelta(days=self.days - 1)
