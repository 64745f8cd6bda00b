"""Command envelopes and payloads, validated strictly at the edge of the domain.

Validation rules (binding, from the API contract): no silent coercion (a boolean is not a
number, a number is not a string), unknown fields refused, every string and list bounded.
Money parses to integer cents here, exactly; nothing downstream sees a decimal string.
Models are validated from ``json.loads(..., parse_float=Decimal)`` output, never from floats.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from turingcore.domain.limits import (
    FEATURES_MAX,
    JSON_SAFE_INTEGER_MAX,
    LEGS_MAX,
    METADATA_ENTRIES_MAX,
    NARRATIVE_LENGTH_MAX,
)
from turingcore.domain.money import AmountError, format_cents, format_rate, parse_cents, parse_rate
from turingcore.domain.types import ActorType, Direction, ProductType

_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": r"^-?(0|[1-9][0-9]{0,13})(\.[0-9]{1,2})?$"},
        {"type": "number", "multipleOf": 0.01},
    ],
    "description": "Decimal amount in the tenant's currency, at most 2 decimal places.",
}
_RATE_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "pattern": r"^-?[0-9]{1,6}(\.[0-9]{1,12})?$"},
        {"type": "number"},
    ],
    "description": 'Annual rate as a fraction, e.g. "0.015" for 1.5%.',
}


def _cents(value: object) -> int:
    try:
        return parse_cents(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from exc


def _positive_cents(value: object) -> int:
    cents = _cents(value)
    if cents <= 0:
        raise ValueError("amount must be greater than 0")
    return cents


def _non_negative_cents(value: object) -> int:
    cents = _cents(value)
    if cents < 0:
        raise ValueError("amount must not be negative")
    return cents


def _rate(value: object) -> Decimal:
    try:
        return parse_rate(value)
    except AmountError as exc:
        raise ValueError(str(exc)) from exc


_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIMESTAMP_TEXT = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$"
)


def _date(value: object) -> date:
    if not isinstance(value, str) or not _DATE_TEXT.fullmatch(value):
        raise ValueError("must be a date in the form YYYY-MM-DD")
    return _date_of(value)


@functools.lru_cache(maxsize=4096)
def _date_of(text: str) -> date:
    """Business dates repeat across a batch (a day's postings share one): parse each once."""
    return date.fromisoformat(text)


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str) or not _TIMESTAMP_TEXT.fullmatch(value):
        raise ValueError("must be an RFC 3339 timestamp with a time-zone offset")
    return datetime.fromisoformat(value.upper())


_UUID_TEXT = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)


def _uuid_text(value: object) -> str:
    """A UUID in its canonical lowercase text, so ``A..`` and ``a..`` are one command."""
    if not isinstance(value, str) or len(value) != 36:
        raise ValueError("must be a UUID string")
    if not _UUID_TEXT.fullmatch(value):
        raise ValueError("must be a UUID string in 8-4-4-4-12 form")
    return value.lower()


# In JSON mode (events, idempotency content) money renders as "1234.50" and rates as "0.015".
_AS_MONEY = PlainSerializer(format_cents, return_type=str, when_used="json")
_AS_RATE = PlainSerializer(format_rate, return_type=str, when_used="json")
Cents = Annotated[int, BeforeValidator(_cents), WithJsonSchema(_AMOUNT_SCHEMA), _AS_MONEY]
PositiveCents = Annotated[
    int, BeforeValidator(_positive_cents), WithJsonSchema(_AMOUNT_SCHEMA), _AS_MONEY
]
NonNegativeCents = Annotated[
    int, BeforeValidator(_non_negative_cents), WithJsonSchema(_AMOUNT_SCHEMA), _AS_MONEY
]
Rate = Annotated[Decimal, BeforeValidator(_rate), WithJsonSchema(_RATE_SCHEMA), _AS_RATE]
Date = Annotated[date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]
Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
UuidText = Annotated[
    str, BeforeValidator(_uuid_text), WithJsonSchema({"type": "string", "format": "uuid"})
]


def _s(max_length: int, pattern: str | None = None, min_length: int = 1) -> StringConstraints:
    """Constraints of a strict, bounded string (no coercion from numbers)."""
    return StringConstraints(
        strict=True, min_length=min_length, max_length=max_length, pattern=pattern
    )


def _n(ge: int, le: int) -> Any:
    """Constraints of a strict, bounded integer (a boolean or numeric string is refused)."""
    return Field(ge=ge, le=le, strict=True)


Code = Annotated[str, _s(64, r"^[A-Z][A-Z0-9_]{1,63}$")]
TenantCode = Annotated[str, _s(32, r"^[A-Z][A-Z0-9_]{2,31}$")]
CurrencyCode = Annotated[str, _s(3, r"^[A-Z]{3}$")]
AccountRef = Annotated[str, _s(64, r"^[A-Za-z0-9_-]{1,64}$")]
TagKey = Annotated[str, _s(64, r"^[A-Za-z0-9_.:-]{1,64}$")]
ShortText = Annotated[str, _s(64)]
Name = Annotated[str, _s(120)]
LongText = Annotated[str, _s(500)]


class Strict(BaseModel):
    """Base for every request model: frozen, unknown fields refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Actor(Strict):
    actorType: ActorType
    actorId: Annotated[str, _s(128)]


class CreateTenantPayload(Strict):
    tenantCode: TenantCode
    displayName: Name
    region: Annotated[str, _s(2, r"^[A-Z]{2}$")]
    baseCurrency: CurrencyCode
    timeZone: Annotated[str, _s(64)]
    regulatoryJurisdiction: ShortText | None = None
    businessType: ShortText | None = None


class BonusConditions(Strict):
    minMonthlyDeposit: NonNegativeCents | None = None
    maxMonthlyWithdrawals: Annotated[int, _n(0, 1000)] | None = None


class Interest(Strict):
    rate: Rate | None = None
    baseRate: Rate | None = None
    bonusRate: Rate | None = None
    purchaseRate: Rate | None = None
    cashRate: Rate | None = None
    rateType: Literal["FIXED", "VARIABLE"] | None = None
    method: Literal["SIMPLE", "DAILY_BALANCE", "REDUCING_BALANCE"] | None = None
    paidAt: Literal["MONTHLY", "MATURITY"] | None = None
    fixedPeriodMonths: Annotated[int, _n(1, 600)] | None = None
    interestFreeDays: Annotated[int, _n(0, 365)] | None = None
    bonusConditions: BonusConditions | None = None


class Fees(Strict):
    monthlyFee: NonNegativeCents | None = None
    monthlyFeeWaiverMinDeposit: NonNegativeCents | None = None
    atmOtherFee: NonNegativeCents | None = None
    overdraftFee: NonNegativeCents | None = None
    establishmentFee: NonNegativeCents | None = None
    annualFee: NonNegativeCents | None = None
    lateFee: NonNegativeCents | None = None
    breakFee: NonNegativeCents | None = None
    earlyWithdrawalPenaltyRate: Rate | None = None
    fxFeeRate: Rate | None = None


class Constraints(Strict):
    minOpeningBalance: NonNegativeCents | None = None
    minBalance: NonNegativeCents | None = None
    maxBalance: NonNegativeCents | None = None
    allowOverdraft: StrictBool | None = None
    overdraftLimit: NonNegativeCents | None = None
    minAmount: NonNegativeCents | None = None
    maxAmount: NonNegativeCents | None = None
    minCreditLimit: NonNegativeCents | None = None
    maxCreditLimit: NonNegativeCents | None = None
    dailyWithdrawalLimit: NonNegativeCents | None = None
    dailyTransferLimit: NonNegativeCents | None = None
    minTermMonths: Annotated[int, _n(1, 600)] | None = None
    maxTermMonths: Annotated[int, _n(1, 600)] | None = None
    defaultTermMonths: Annotated[int, _n(1, 600)] | None = None


class CreditCriteria(Strict):
    minIncome: NonNegativeCents | None = None
    maxDebtToIncome: Rate | None = None
    minCreditScore: Annotated[int, _n(0, 1200)] | None = None
    maxLvr: Rate | None = None


class Eligibility(Strict):
    minAge: Annotated[int, _n(0, 150)] | None = None
    maxAge: Annotated[int, _n(0, 150)] | None = None


class Rewards(Strict):
    pointsPerDollar: Annotated[int, _n(0, 100)] | None = None
    bonusPointsPerDollar: Annotated[int, _n(0, 100)] | None = None
    bonusCategories: Annotated[list[ShortText], Field(max_length=FEATURES_MAX)] | None = None


class UpsertProductPayload(Strict):
    productCode: Code
    name: Name
    productType: ProductType
    category: ShortText | None = None
    description: LongText | None = None
    interest: Interest | None = None
    fees: Fees | None = None
    constraints: Constraints | None = None
    features: Annotated[list[ShortText], Field(max_length=FEATURES_MAX)] | None = None
    creditCriteria: CreditCriteria | None = None
    eligibility: Eligibility | None = None
    rewards: Rewards | None = None


class Person(Strict):
    firstName: Annotated[str, _s(100)]
    lastName: Annotated[str, _s(100)]
    dateOfBirth: Date
    email: Annotated[str, _s(254, r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$")]
    mobile: Annotated[str, _s(12, r"^\+61[2-478][0-9]{8}$")]


class Address(Strict):
    line1: Annotated[str, _s(200)]
    line2: Annotated[str, _s(200)] | None = None
    suburb: Annotated[str, _s(100)]
    state: Literal["NSW", "VIC", "QLD", "SA", "WA", "TAS", "ACT", "NT"]
    postcode: Annotated[str, _s(4, r"^[0-9]{4}$")]
    country: Annotated[str, _s(2, r"^[A-Z]{2}$")]


class Employment(Strict):
    status: Literal[
        "FULL_TIME", "PART_TIME", "CASUAL", "SELF_EMPLOYED", "UNEMPLOYED", "RETIRED", "STUDENT"
    ]
    employer: Annotated[str, _s(200)] | None = None
    occupation: Annotated[str, _s(200)] | None = None
    annualIncome: NonNegativeCents | None = None


class RiskProfile(Strict):
    segment: ShortText | None = None
    kycStatus: Literal["PENDING", "VERIFIED", "REJECTED"] | None = None
    creditScore: Annotated[int, _n(0, 1200)] | None = None


class CreateCustomerPayload(Strict):
    externalRef: Annotated[str, _s(64)] | None = None
    person: Person
    address: Address
    employment: Employment | None = None
    riskProfile: RiskProfile | None = None


class OpenAccountPayload(Strict):
    customerId: UuidText
    productCode: Code
    currency: CurrencyCode
    accountAlias: ShortText | None = None
    initialDeposit: NonNegativeCents | None = None
    accountPurpose: Annotated[str, _s(120)] | None = None
    principal: PositiveCents | None = None
    termMonths: Annotated[int, _n(1, 600)] | None = None
    disbursementAccountId: AccountRef | None = None
    creditLimit: PositiveCents | None = None


class Leg(Strict):
    accountId: AccountRef
    direction: Direction
    amount: PositiveCents


MetadataValue = (
    Annotated[str, StringConstraints(strict=True, max_length=500)]
    | Annotated[int, Field(strict=True, ge=-JSON_SAFE_INTEGER_MAX, le=JSON_SAFE_INTEGER_MAX)]
    | StrictBool
)


def _sorted_map(value: dict[str, Any] | None) -> dict[str, Any] | None:
    """Free-form maps are kept in key order, so equal content serialises identically."""
    return None if value is None else dict(sorted(value.items()))


class PostEntryPayload(Strict):
    bookingDate: Date
    valueDate: Date
    currency: CurrencyCode
    legs: Annotated[list[Leg], Field(min_length=2, max_length=LEGS_MAX)]
    narrative: Annotated[str, _s(NARRATIVE_LENGTH_MAX)]
    tags: (
        Annotated[
            dict[TagKey, Annotated[str, _s(128, min_length=0)]],
            Field(max_length=METADATA_ENTRIES_MAX),
        ]
        | None
    ) = None
    metadata: (
        Annotated[dict[TagKey, MetadataValue], Field(max_length=METADATA_ENTRIES_MAX)] | None
    ) = None

    _sort_maps = field_validator("tags", "metadata")(_sorted_map)


class _Envelope(Strict):
    commandId: UuidText
    tenantId: TenantCode
    actor: Actor
    timestamp: Timestamp
    idempotencyKey: Annotated[str, _s(200)] | None = None


class CreateTenantCommand(_Envelope):
    commandType: Literal["CreateTenant"]
    payload: CreateTenantPayload


class UpsertProductCommand(_Envelope):
    commandType: Literal["UpsertProduct"]
    payload: UpsertProductPayload


class CreateCustomerCommand(_Envelope):
    commandType: Literal["CreateCustomer"]
    payload: CreateCustomerPayload


class OpenAccountCommand(_Envelope):
    commandType: Literal["OpenAccount"]
    payload: OpenAccountPayload


class PostEntryCommand(_Envelope):
    commandType: Literal["PostEntry"]
    payload: PostEntryPayload


AnyCommand = Annotated[
    CreateTenantCommand
    | UpsertProductCommand
    | CreateCustomerCommand
    | OpenAccountCommand
    | PostEntryCommand,
    Field(discriminator="commandType"),
]
