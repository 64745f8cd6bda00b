"""Response models: one pydantic model per component schema of the served OpenAPI document.

Attributes are snake_case; the wire names (camelCase) are their aliases, so
``Account.model_validate(json)`` reads a served object and ``model_dump(by_alias=True)``
writes it back. Models whose schema allows additional properties (``Account``,
``Customer``, ``Event``, ``Problem``, ``Product``, ``Tenant``) keep unknown fields in
``model_extra``; the others ignore them. Money stays the served ``str``; the ``*_cents``
properties convert it to ``int`` cents, never to float. ``Event.raw`` is the event exactly
as served, for hash-chain verification. ``tests/client/test_client_openapi_drift.py``
fails when these models and ``openapi.json`` disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)
from pydantic.alias_generators import to_camel

from turingcore_client._money import to_cents


class _Model(BaseModel):
    """A closed response object: fields by wire name or attribute name, immutable."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_alias=True,
        validate_by_name=True,
        serialize_by_alias=True,
        frozen=True,
    )


class _OpenModel(_Model):
    """A response object whose schema allows additional properties (kept in model_extra)."""

    model_config = ConfigDict(extra="allow")


class Problem(_OpenModel):
    """An RFC 9457 problem document, as every 4xx/5xx answer carries."""

    type: str
    title: str
    status: int
    detail: str
    error: str
    command_id: str | None = None
    invariant: str | None = None
    details: dict[str, Any] | None = None


class CommandResult(_Model):
    """The answer to an accepted command (202 ACCEPTED, or 200 ALREADY_PROCESSED on replay)."""

    command_id: str
    status: Literal["ACCEPTED", "ALREADY_PROCESSED"]
    correlation_id: str
    accepted_at: str
    position: int
    event_ids: list[str]
    result: dict[str, Any]

    @property
    def already_processed(self) -> bool:
        """True when this was an idempotent replay that wrote nothing new."""
        return self.status == "ALREADY_PROCESSED"


class RejectedResult(_Model):
    """A command of a non-atomic batch that was not accepted; it wrote nothing."""

    status: Literal["REJECTED"]
    command_id: str | None = None
    problem: Problem


BatchItem = Annotated[CommandResult | RejectedResult, Field(discriminator="status")]


class BatchResults(_Model):
    """The body of a non-atomic ``:batch`` answer: one result per command, in order."""

    results: list[BatchItem]


class Tenant(_OpenModel):
    """A tenant (credit union) record."""

    tenant_id: str
    tenant_code: str
    display_name: str
    region: str
    base_currency: str
    time_zone: str
    status: str
    created_at: str


class Product(_OpenModel):
    """A product; its optional sections (interest, fees, constraints...) are in model_extra."""

    product_code: str
    name: str
    product_type: str


class ProductList(_Model):
    """Every product of a tenant."""

    products: list[Product]


class Customer(_OpenModel):
    """A customer (member) record."""

    customer_id: str
    external_ref: str | None = None
    full_name: str
    status: str
    person: dict[str, Any]
    address: dict[str, Any]
    employment: dict[str, Any] | None = None
    risk_profile: dict[str, Any] | None = None
    created_at: str


class CustomerPage(_Model):
    """One page of customers; ``total`` counts every match."""

    customers: list[Customer]
    total: int
    limit: int
    offset: int


class Account(_OpenModel):
    """A member or GL account with its balances (decimal strings, in its normal sense)."""

    account_id: str
    kind: Literal["MEMBER", "GL"]
    type: str
    normal_balance: Literal["DEBIT", "CREDIT"]
    customer_id: str | None
    product_code: str | None
    account_alias: str | None
    name: str | None
    balance: str
    available_balance: str
    debits: str
    credits: str
    currency: str
    status: str
    opened_at: str
    floor: str | None
    limit: str | None
    product_type: str | None = None
    principal: str | None = None
    credit_limit: str | None = None
    term_months: int | None = None
    account_purpose: str | None = None
    disbursement_account_id: str | None = None

    @property
    def balance_cents(self) -> int:
        """The balance in int cents."""
        return to_cents(self.balance)

    @property
    def available_balance_cents(self) -> int:
        """The available balance in int cents."""
        return to_cents(self.available_balance)


class AccountPage(_Model):
    """One page of accounts; ``total`` counts every match."""

    accounts: list[Account]
    total: int
    limit: int
    offset: int


class Event(_OpenModel):
    """One event of a tenant's hash-chained feed; ``raw`` is the object exactly as served."""

    event_id: str
    event_type: str
    tenant_id: str
    stream_id: str
    position: int
    occurred_at: str
    recorded_at: str
    causation_id: str
    correlation_id: str
    actor: dict[str, Any]
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    _raw: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_raw(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        event = handler(data)
        if isinstance(data, dict):
            # The parsed response object itself, not a copy: a deep copy per event cost more
            # than fetching it (verifiers read a whole feed). Treat it as read-only.
            event._raw = data
        return event

    @property
    def raw(self) -> dict[str, Any]:
        """The served JSON object (with ``hash``), to recompute the chain from. Do not mutate."""
        return self._raw


class EventPage(_Model):
    """A slice of the tenant's event feed, in position order."""

    events: list[Event]


@dataclass(frozen=True)
class RawEventPage:
    """A page of events as served (JSON objects with ``hash``), not parsed into ``Event``.

    For verifiers that recompute hashes or fold legs over a whole history: skipping the
    model per event makes reading a feed several times faster. ``total`` is the account
    stream's total (None for the tenant feed). Treat the objects as read-only.
    """

    events: list[dict[str, Any]]
    total: int | None = None


class AccountEventPage(_Model):
    """One page of one account's events, in order; ``total`` counts them all."""

    events: list[Event]
    total: int
    limit: int
    offset: int


class TrialBalanceLine(_Model):
    """One account's gross debits, credits and balance."""

    account_id: str
    kind: str
    type: str
    normal_balance: str
    debits: str
    credits: str
    balance: str

    @property
    def debits_cents(self) -> int:
        """Gross debits in int cents."""
        return to_cents(self.debits)

    @property
    def credits_cents(self) -> int:
        """Gross credits in int cents."""
        return to_cents(self.credits)

    @property
    def balance_cents(self) -> int:
        """The balance (in the account's normal sense) in int cents."""
        return to_cents(self.balance)


class TrialBalanceTotals(_Model):
    """Gross debit and credit turnover over every account; ``net`` must be zero."""

    debits: str
    credits: str
    net: str

    @property
    def debits_cents(self) -> int:
        """Total debits in int cents."""
        return to_cents(self.debits)

    @property
    def credits_cents(self) -> int:
        """Total credits in int cents."""
        return to_cents(self.credits)

    @property
    def net_cents(self) -> int:
        """Debits minus credits in int cents (0 for a balanced ledger)."""
        return to_cents(self.net)


class TrialBalance(_Model):
    """Every account's turnover and balance, with totals."""

    accounts: list[TrialBalanceLine]
    totals: TrialBalanceTotals
    balanced: bool


class ChainHead(_Model):
    """The position and hash of a tenant's latest event."""

    tenant_id: str
    position: int
    hash: str


class ChainVerification(_Model):
    """The server's own check of a tenant's hash chain."""

    valid: bool
    checked: int
    first_bad_position: int | None
    reason: str | None = None


class ApiKeyCreated(_Model):
    """A new API key; ``key`` is the secret, shown only in this answer (hidden from repr)."""

    key_id: str
    key: str = Field(repr=False)
    scope: str
    tenant_id: str | None
    label: str | None = None


class ApiKey(_Model):
    """An API key's metadata (never its secret)."""

    key_id: str
    scope: str
    tenant_id: str | None
    label: str | None
    created_at: str
    revoked_at: str | None


class ApiKeyList(_Model):
    """Every API key's metadata."""

    keys: list[ApiKey]


class Health(_Model):
    """A liveness or readiness answer."""

    status: str
    checks: dict[str, str] = Field(default_factory=dict)
