"""Building blocks of the config models: the strict base model and typed field kinds.

Every model is frozen and refuses unknown fields; YAML keys are camelCase (the API's
spelling) while Python attributes are snake_case, with units in names (``min_cents``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    model_validator,
)
from pydantic.alias_generators import to_camel

from cu_twin.config.enums import IncomeBand
from cu_twin.config.money import format_cents, parse_money_cents

WEIGHT_SUM_TOLERANCE = 1e-6
RATE_TEXT_LENGTH_MAX = 32


class ConfigModel(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        alias_generator=to_camel,
        populate_by_name=False,
        validate_default=True,
    )


def _parse_rate(value: object) -> Decimal:
    # Rates travel as decimal strings; a YAML float is accepted through its shortest
    # repr ("0.015") because a rate is not money and the repr round-trips exactly.
    if isinstance(value, bool):
        raise ValueError("rate must be a decimal string such as '0.015', not a boolean")
    if isinstance(value, int | float):
        value = repr(value)
    if not isinstance(value, str) or len(value) > RATE_TEXT_LENGTH_MAX:
        raise ValueError("rate must be a decimal string such as '0.015'")
    try:
        rate = Decimal(value.strip())
    except InvalidOperation as exc:
        raise ValueError(f"rate must be a decimal string, got {value!r}") from exc
    if not rate.is_finite() or rate < 0:
        raise ValueError(f"rate must be a finite decimal >= 0, got {value!r}")
    return rate


def _valid_time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {name!r}") from exc
    return name


TimeZoneName = Annotated[str, AfterValidator(_valid_time_zone)]
"""An IANA time zone name the tz database knows, e.g. ``Australia/Sydney``."""

MoneyCents = Annotated[
    int,
    BeforeValidator(parse_money_cents),
    Field(ge=0),
    PlainSerializer(format_cents, return_type=str),
]
"""A non-negative amount: decimal string or int dollars in YAML, int cents in Python."""

Rate = Annotated[
    Decimal,
    BeforeValidator(_parse_rate),
    PlainSerializer(lambda rate: format(rate, "f"), return_type=str),
]
"""An annual rate as a fraction (``0.015`` = 1.5%), serialised as a decimal string."""

Fraction = Annotated[float, Strict(), Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Weight = Annotated[float, Strict(), Field(ge=0.0, allow_inf_nan=False)]
Count = Annotated[int, Strict(), Field(ge=0)]


def _require_unit_sum(weights: Mapping[str, float]) -> Mapping[str, float]:
    total = math.fsum(weights.values())
    if not weights or abs(total - 1.0) > WEIGHT_SUM_TOLERANCE:
        raise ValueError(f"fractions must sum to 1 (got {total:.6g})")
    return weights


def _require_positive_sum(weights: Mapping[str, float]) -> Mapping[str, float]:
    if not weights or math.fsum(weights.values()) <= 0:
        raise ValueError("at least one weight must be positive")
    return weights


Mix = Annotated[dict[str, Fraction], AfterValidator(_require_unit_sum)]
"""Named fractions of a population that must add up to 1."""

Weights = Annotated[dict[str, Weight], AfterValidator(_require_positive_sum)]
"""Named relative weights (any positive total)."""


class MoneyRange(ConfigModel):
    min_cents: MoneyCents = Field(alias="min")
    max_cents: MoneyCents = Field(alias="max")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if self.min_cents > self.max_cents:
            raise ValueError("min must not exceed max")
        return self


class CountRange(ConfigModel):
    min_count: Count = Field(alias="min")
    max_count: Count = Field(alias="max")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if self.min_count > self.max_count:
            raise ValueError("min must not exceed max")
        return self


class FractionRange(ConfigModel):
    min_fraction: Fraction = Field(alias="min")
    max_fraction: Fraction = Field(alias="max")

    @model_validator(mode="after")
    def _min_not_above_max(self) -> Self:
        if self.min_fraction > self.max_fraction:
            raise ValueError("min must not exceed max")
        return self


class MoneyRangeByIncome(ConfigModel):
    """One money range per income band (low / mid / high)."""

    low: MoneyRange
    mid: MoneyRange
    high: MoneyRange

    def for_band(self, band: IncomeBand) -> MoneyRange:
        ranges = {IncomeBand.LOW: self.low, IncomeBand.MID: self.mid, IncomeBand.HIGH: self.high}
        return ranges[band]
