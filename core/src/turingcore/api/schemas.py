"""Response and non-command request models, published in the OpenAPI document.

Command request bodies are the domain's strict models (``turingcore.domain.commands``).
Response models describe what the routes build; several routes send pre-rendered JSON for
speed, and the end-to-end tests check the bodies against these schemas.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from turingcore.api.limits import BATCH_COMMANDS_MAX, KEY_LABEL_LENGTH_MAX
from turingcore.domain.commands import AnyCommand

Money = Annotated[str, Field(pattern=r"^-?[0-9]+\.[0-9]{2}$", examples=["1234.50"])]


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Problem(Open):
    type: str
    title: str
    status: int
    detail: str
    error: str
    commandId: str | None = None
    invariant: str | None = None
    details: dict[str, Any] | None = None


class CommandResult(BaseModel):
    commandId: str
    status: Literal["ACCEPTED", "ALREADY_PROCESSED"]
    correlationId: str
    acceptedAt: str
    position: int
    eventIds: list[str]
    result: dict[str, Any]


class RejectedResult(BaseModel):
    status: Literal["REJECTED"]
    commandId: str | None = None
    problem: Problem


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    commands: Annotated[list[AnyCommand], Field(min_length=1, max_length=BATCH_COMMANDS_MAX)]
    atomic: StrictBool = False


class BatchResults(BaseModel):
    results: list[CommandResult | RejectedResult]


class Tenant(Open):
    tenantId: str
    tenantCode: str
    displayName: str
    region: str
    baseCurrency: str
    timeZone: str
    status: str
    createdAt: str


class Product(Open):
    productCode: str
    name: str
    productType: str


class Products(BaseModel):
    products: list[Product]


class Customer(Open):
    customerId: str
    externalRef: str | None = None
    fullName: str
    status: str
    person: dict[str, Any]
    address: dict[str, Any]
    employment: dict[str, Any] | None = None
    riskProfile: dict[str, Any] | None = None
    createdAt: str


class Customers(BaseModel):
    customers: list[Customer]
    total: int
    limit: int
    offset: int


class Account(Open):
    accountId: str
    kind: Literal["MEMBER", "GL"]
    type: str
    normalBalance: Literal["DEBIT", "CREDIT"]
    customerId: str | None
    productCode: str | None
    accountAlias: str | None
    name: str | None
    balance: Money
    availableBalance: Money
    debits: Money
    credits: Money
    currency: str
    status: str
    openedAt: str
    floor: Money | None
    limit: Money | None
    productType: str | None = None
    principal: Money | None = None
    creditLimit: Money | None = None
    termMonths: int | None = None
    accountPurpose: str | None = None
    disbursementAccountId: str | None = None


class Accounts(BaseModel):
    accounts: list[Account]
    total: int
    limit: int
    offset: int


class Event(Open):
    eventId: str
    eventType: str
    tenantId: str
    streamId: str
    position: int
    occurredAt: str
    recordedAt: str
    causationId: str
    correlationId: str
    actor: dict[str, Any]
    payload: dict[str, Any]
    prevHash: str
    hash: str


class Events(BaseModel):
    events: list[Event]


class AccountEvents(BaseModel):
    events: list[Event]
    total: int
    limit: int
    offset: int


class TrialBalanceLine(BaseModel):
    accountId: str
    kind: str
    type: str
    normalBalance: str
    debits: Money
    credits: Money
    balance: Money


class TrialBalanceTotals(BaseModel):
    debits: Money
    credits: Money
    net: Money


class TrialBalance(BaseModel):
    accounts: list[TrialBalanceLine]
    totals: TrialBalanceTotals
    balanced: bool


class ChainHead(BaseModel):
    tenantId: str
    position: int
    hash: str


class ChainVerification(BaseModel):
    valid: bool
    checked: int
    firstBadPosition: int | None
    reason: str | None = None


KeyLabel = Annotated[str, Field(max_length=KEY_LABEL_LENGTH_MAX, strict=True)]


class AdminKeyCreate(BaseModel):
    """A platform:admin key belongs to no tenant."""

    model_config = ConfigDict(extra="forbid")
    scope: Literal["platform:admin"]
    label: KeyLabel | None = None


class TenantKeyCreate(BaseModel):
    """A tenant key acts on exactly one tenant."""

    model_config = ConfigDict(extra="forbid")
    scope: Literal["tenant:operator", "tenant:reader"]
    tenantId: Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{2,31}$", strict=True)]
    label: KeyLabel | None = None


ApiKeyCreate = Annotated[AdminKeyCreate | TenantKeyCreate, Field(discriminator="scope")]


class ApiKeyCreated(BaseModel):
    keyId: str
    key: str
    scope: str
    tenantId: str | None
    label: str | None = None


class ApiKey(BaseModel):
    keyId: str
    scope: str
    tenantId: str | None
    label: str | None
    createdAt: str
    revokedAt: str | None


class ApiKeys(BaseModel):
    keys: list[ApiKey]


class Health(BaseModel):
    status: str
    checks: dict[str, str] = {}
