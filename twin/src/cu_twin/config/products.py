"""The UpsertProduct payload, field for field, as typed config.

The core refuses unknown fields, so these models mirror its schema exactly; the YAML
catalogue is validated against them and ``to_payload`` renders the command payload
(money back to decimal strings, absent objects omitted).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, StringConstraints, model_validator

from cu_twin.config.base import ConfigModel, Count, MoneyCents, Rate
from cu_twin.config.enums import ProductType

PRODUCT_CODE_PATTERN = r"^[A-Z][A-Z0-9_]{1,63}$"
PRODUCT_NAME_LENGTH_MAX = 120
PRODUCT_CATEGORY_LENGTH_MAX = 64
PRODUCT_DESCRIPTION_LENGTH_MAX = 500
FEATURE_LENGTH_MAX = 64
FEATURES_MAX = 32
CREDIT_SCORE_MAX = 1200

Feature = Annotated[str, StringConstraints(min_length=1, max_length=FEATURE_LENGTH_MAX)]


class RateType(StrEnum):
    FIXED = "FIXED"
    VARIABLE = "VARIABLE"


class InterestMethod(StrEnum):
    SIMPLE = "SIMPLE"
    DAILY_BALANCE = "DAILY_BALANCE"
    REDUCING_BALANCE = "REDUCING_BALANCE"


class InterestPaidAt(StrEnum):
    MONTHLY = "MONTHLY"
    MATURITY = "MATURITY"


class BonusConditions(ConfigModel):
    min_monthly_deposit: MoneyCents | None = None
    max_monthly_withdrawals: Count | None = None


class ProductInterest(ConfigModel):
    rate: Rate | None = None
    base_rate: Rate | None = None
    bonus_rate: Rate | None = None
    purchase_rate: Rate | None = None
    cash_rate: Rate | None = None
    rate_type: RateType | None = None
    method: InterestMethod | None = None
    paid_at: InterestPaidAt | None = None
    fixed_period_months: Count | None = None
    interest_free_days: Count | None = None
    bonus_conditions: BonusConditions | None = None


class ProductFees(ConfigModel):
    monthly_fee: MoneyCents | None = None
    monthly_fee_waiver_min_deposit: MoneyCents | None = None
    atm_other_fee: MoneyCents | None = None
    overdraft_fee: MoneyCents | None = None
    establishment_fee: MoneyCents | None = None
    annual_fee: MoneyCents | None = None
    late_fee: MoneyCents | None = None
    break_fee: MoneyCents | None = None
    early_withdrawal_penalty_rate: Rate | None = None
    fx_fee_rate: Rate | None = None


def _check_min_max(pairs: list[tuple[str, int | None, int | None]]) -> None:
    for name, low, high in pairs:
        if low is not None and high is not None and low > high:
            raise ValueError(f"min{name} must not exceed max{name}")


class ProductConstraints(ConfigModel):
    min_opening_balance: MoneyCents | None = None
    min_balance: MoneyCents | None = None
    max_balance: MoneyCents | None = None
    overdraft_limit: MoneyCents | None = None
    min_amount: MoneyCents | None = None
    max_amount: MoneyCents | None = None
    min_credit_limit: MoneyCents | None = None
    max_credit_limit: MoneyCents | None = None
    daily_withdrawal_limit: MoneyCents | None = None
    daily_transfer_limit: MoneyCents | None = None
    allow_overdraft: bool | None = Field(default=None, strict=True)
    min_term_months: Count | None = None
    max_term_months: Count | None = None
    default_term_months: Count | None = None

    @model_validator(mode="after")
    def _mins_not_above_maxes(self) -> Self:
        _check_min_max(
            [
                ("Balance", self.min_balance, self.max_balance),
                ("Amount", self.min_amount, self.max_amount),
                ("CreditLimit", self.min_credit_limit, self.max_credit_limit),
                ("TermMonths", self.min_term_months, self.max_term_months),
            ]
        )
        term = self.default_term_months
        if term is not None and not (
            (self.min_term_months or 0) <= term <= (self.max_term_months or term)
        ):
            raise ValueError("defaultTermMonths must lie within minTermMonths..maxTermMonths")
        return self


class CreditCriteria(ConfigModel):
    min_income: MoneyCents | None = None
    max_debt_to_income: Rate | None = None
    min_credit_score: Annotated[int, Field(strict=True, ge=0, le=CREDIT_SCORE_MAX)] | None = None
    max_lvr: Rate | None = None


class Eligibility(ConfigModel):
    min_age: Count | None = None
    max_age: Count | None = None

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        _check_min_max([("Age", self.min_age, self.max_age)])
        return self


class Rewards(ConfigModel):
    points_per_dollar: Count | None = None
    bonus_points_per_dollar: Count | None = None
    bonus_categories: tuple[Feature, ...] | None = None


class ProductSpec(ConfigModel):
    """One product of the catalogue: exactly the UpsertProduct payload."""

    product_code: Annotated[str, StringConstraints(pattern=PRODUCT_CODE_PATTERN)]
    name: Annotated[str, StringConstraints(min_length=1, max_length=PRODUCT_NAME_LENGTH_MAX)]
    product_type: ProductType
    category: Annotated[str, StringConstraints(max_length=PRODUCT_CATEGORY_LENGTH_MAX)] | None = (
        None
    )
    description: (
        Annotated[str, StringConstraints(max_length=PRODUCT_DESCRIPTION_LENGTH_MAX)] | None
    ) = None
    interest: ProductInterest | None = None
    fees: ProductFees | None = None
    constraints: ProductConstraints | None = None
    features: Annotated[tuple[Feature, ...], Field(max_length=FEATURES_MAX)] | None = None
    credit_criteria: CreditCriteria | None = None
    eligibility: Eligibility | None = None
    rewards: Rewards | None = None

    def to_payload(self) -> dict[str, object]:
        """The UpsertProduct payload: camelCase, money and rates as strings, no nulls."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)

    @property
    def limits(self) -> ProductConstraints:
        """The constraints object, empty when the product sets none (= no limits)."""
        return self.constraints if self.constraints is not None else ProductConstraints()
