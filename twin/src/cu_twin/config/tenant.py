"""The tenant file (cu-digital.yaml): who the credit union is, who its members are,
and what it sells."""

from __future__ import annotations

import math
from typing import Annotated, Self

from pydantic import Field, StringConstraints, field_validator, model_validator

from cu_twin.config.base import (
    WEIGHT_SUM_TOLERANCE,
    ConfigModel,
    Count,
    Fraction,
    MoneyCents,
    TimeZoneName,
)
from cu_twin.config.enums import EmploymentStatus, IncomeBand, LocationClass, Segment
from cu_twin.config.products import CREDIT_SCORE_MAX, ProductSpec

TENANT_CODE_PATTERN = r"^[A-Z][A-Z0-9_]{2,31}$"
MEMBER_AGE_MIN = 18
MEMBER_AGE_MAX = 110


class TenantSpec(ConfigModel):
    """The CreateTenant payload."""

    tenant_code: Annotated[str, StringConstraints(pattern=TENANT_CODE_PATTERN)]
    display_name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    region: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    base_currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    time_zone: TimeZoneName
    regulatory_jurisdiction: Annotated[str, StringConstraints(max_length=64)] | None = None
    business_type: Annotated[str, StringConstraints(max_length=64)] | None = None

    def to_payload(self) -> dict[str, object]:
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class AgeBandSpec(ConfigModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    min_age: Annotated[int, Field(strict=True, ge=MEMBER_AGE_MIN, le=MEMBER_AGE_MAX)]
    max_age: Annotated[int, Field(strict=True, ge=MEMBER_AGE_MIN, le=MEMBER_AGE_MAX)]
    fraction: Fraction
    segment: Segment | None = None
    """Segment given to every member of this band, whatever their income."""

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if self.min_age > self.max_age:
            raise ValueError("minAge must not exceed maxAge")
        return self


class IncomeBandSpec(ConfigModel):
    min_annual_cents: MoneyCents = Field(alias="minAnnual")
    max_annual_cents: MoneyCents = Field(alias="maxAnnual")
    fraction: Fraction

    @model_validator(mode="after")
    def _min_below_max(self) -> Self:
        if self.min_annual_cents >= self.max_annual_cents:
            raise ValueError("minAnnual must be below maxAnnual")
        return self


class IncomeBands(ConfigModel):
    low: IncomeBandSpec
    mid: IncomeBandSpec
    high: IncomeBandSpec

    def for_band(self, band: IncomeBand) -> IncomeBandSpec:
        bands = {IncomeBand.LOW: self.low, IncomeBand.MID: self.mid, IncomeBand.HIGH: self.high}
        return bands[band]


class CreditScoreBandSpec(ConfigModel):
    name: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    min_score: Annotated[int, Field(strict=True, ge=0, le=CREDIT_SCORE_MAX)]
    max_score: Annotated[int, Field(strict=True, ge=0, le=CREDIT_SCORE_MAX)]
    fraction: Fraction

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if self.min_score > self.max_score:
            raise ValueError("minScore must not exceed maxScore")
        return self


def _fractions_sum_to_one(fractions: list[float]) -> None:
    total = math.fsum(fractions)
    if abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"fractions must sum to 1 (got {total:.6g})")


class MemberMix(ConfigModel):
    """The member population as independent marginal fractions (03-twin.md)."""

    age_bands: Annotated[tuple[AgeBandSpec, ...], Field(min_length=1)]
    income_bands: IncomeBands
    employment: dict[EmploymentStatus, Fraction]
    location: dict[LocationClass, Fraction]
    credit_score_bands: Annotated[tuple[CreditScoreBandSpec, ...], Field(min_length=1)]
    unemployed_income_band: IncomeBand = IncomeBand.LOW
    """Unemployed members are drawn only from this band (their income is benefits)."""

    @field_validator("age_bands", "credit_score_bands")
    @classmethod
    def _band_fractions_sum_to_one(
        cls, bands: tuple[AgeBandSpec, ...] | tuple[CreditScoreBandSpec, ...]
    ) -> tuple[AgeBandSpec, ...] | tuple[CreditScoreBandSpec, ...]:
        _fractions_sum_to_one([band.fraction for band in bands])
        if len({band.name for band in bands}) != len(bands):
            raise ValueError("band names must be unique")
        return bands

    @field_validator("employment", "location")
    @classmethod
    def _mix_sums_to_one(cls, mix: dict[str, float]) -> dict[str, float]:
        _fractions_sum_to_one(list(mix.values()))
        return mix

    @model_validator(mode="after")
    def _income_fractions_sum_to_one(self) -> Self:
        bands = self.income_bands
        _fractions_sum_to_one([bands.low.fraction, bands.mid.fraction, bands.high.fraction])
        unemployed = self.employment.get(EmploymentStatus.UNEMPLOYED, 0.0)
        if unemployed > self.income_bands.for_band(self.unemployed_income_band).fraction:
            raise ValueError("the unemployed fraction exceeds its income band's fraction")
        return self


class TenantConfig(ConfigModel):
    """Everything in cu-digital.yaml."""

    tenant: TenantSpec
    member_mix: MemberMix
    products: Annotated[tuple[ProductSpec, ...], Field(min_length=1)]
    member_count_full_size: Count = 10_000

    @field_validator("products")
    @classmethod
    def _product_codes_unique(cls, products: tuple[ProductSpec, ...]) -> tuple[ProductSpec, ...]:
        codes = [product.product_code for product in products]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"duplicate productCode: {', '.join(duplicates)}")
        return products

    def product(self, code: str) -> ProductSpec:
        """The catalogue entry for ``code`` (KeyError when the catalogue lacks it)."""
        for product in self.products:
            if product.product_code == code:
                return product
        raise KeyError(code)
