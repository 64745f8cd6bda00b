"""The command envelope and its parts: types, actor, legs, commandIds, wire encoding.

``envelope()`` assembles commandId, tenantId, commandType, actor, timestamp (RFC 3339 from
an aware datetime), payload and the optional idempotencyKey; the typed builders in
``_commands`` call it. ``to_wire`` turns payload values into plain JSON data and refuses
floats anywhere: a binary float cannot hold most decimal amounts exactly.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, NotRequired, TypedDict

import orjson

from turingcore_client._money import Money, format_money

IDEMPOTENCY_KEY_LENGTH_MAX = 200
COMMAND_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:turingcore:command-id")
"""Namespace of :func:`command_id_for`: UUID5(NAMESPACE_URL, "urn:turingcore:command-id")."""


class CommandType(StrEnum):
    """The command types of the contract."""

    CREATE_TENANT = "CreateTenant"
    UPSERT_PRODUCT = "UpsertProduct"
    CREATE_CUSTOMER = "CreateCustomer"
    OPEN_ACCOUNT = "OpenAccount"
    POST_ENTRY = "PostEntry"


class ActorType(StrEnum):
    """Who sends a command."""

    SYSTEM = "SYSTEM"
    USER = "USER"
    SERVICE = "SERVICE"


class Direction(StrEnum):
    """The side of a posting leg."""

    DEBIT = "DEBIT"
    CREDIT = "CREDIT"


class ProductType(StrEnum):
    """The product families of the contract."""

    DEPOSIT = "DEPOSIT"
    TERM_DEPOSIT = "TERM_DEPOSIT"
    LOAN = "LOAN"
    CREDIT_CARD = "CREDIT_CARD"


class ActorJson(TypedDict):
    """The wire form of an actor."""

    actorType: str
    actorId: str


class CommandEnvelope(TypedDict):
    """The wire form of a command, as the builders make it and ``Client.send`` takes it."""

    commandId: str
    tenantId: str
    commandType: str
    actor: ActorJson
    timestamp: str
    payload: dict[str, Any]
    idempotencyKey: NotRequired[str]


class PersonInput(TypedDict):
    """The ``person`` of CreateCustomer (mobile in E.164, AU +61)."""

    firstName: str
    lastName: str
    dateOfBirth: date | str
    email: str
    mobile: str


class AddressInput(TypedDict):
    """The ``address`` of CreateCustomer (state NSW VIC QLD SA WA TAS ACT NT)."""

    line1: str
    line2: NotRequired[str]
    suburb: str
    state: str
    postcode: str
    country: str


@dataclass(frozen=True)
class Actor:
    """Who sends a command: an actor type and an id (1-128 characters)."""

    actor_type: ActorType
    actor_id: str

    @classmethod
    def system(cls, actor_id: str) -> Actor:
        """A SYSTEM actor (a batch job, the twin)."""
        return cls(ActorType.SYSTEM, actor_id)

    @classmethod
    def user(cls, actor_id: str) -> Actor:
        """A USER actor (a person at a terminal)."""
        return cls(ActorType.USER, actor_id)

    @classmethod
    def service(cls, actor_id: str) -> Actor:
        """A SERVICE actor (another system calling the API)."""
        return cls(ActorType.SERVICE, actor_id)

    def to_json(self) -> ActorJson:
        """The wire form."""
        return {"actorType": ActorType(self.actor_type).value, "actorId": self.actor_id}


@dataclass(frozen=True)
class Leg:
    """One leg of a PostEntry: an account, a side and a positive amount."""

    account_id: str
    direction: Direction
    amount: Money

    def __post_init__(self) -> None:
        format_money(self.amount)  # refuse a float or a third decimal place at once

    def to_json(self) -> dict[str, str]:
        """The wire form, the amount as a 2-place decimal string."""
        return {
            "accountId": self.account_id,
            "direction": Direction(self.direction).value,
            "amount": format_money(self.amount),
        }


def debit(account_id: str, amount: Money) -> Leg:
    """A DEBIT leg of ``amount`` (int cents or Decimal) on ``account_id``."""
    return Leg(account_id, Direction.DEBIT, amount)


def credit(account_id: str, amount: Money) -> Leg:
    """A CREDIT leg of ``amount`` (int cents or Decimal) on ``account_id``."""
    return Leg(account_id, Direction.CREDIT, amount)


def new_command_id() -> str:
    """A random commandId (UUID4), for callers that need no determinism."""
    return str(uuid.uuid4())


def command_id_for(*key: str | int) -> str:
    """A deterministic commandId: UUID5 over the JSON array of ``key``'s parts.

    ``command_id_for("steady-state", 42, 1017)`` is
    ``uuid5(COMMAND_ID_NAMESPACE, '["steady-state",42,1017]')``, so the same plan step
    always sends the same commandId and a resend is answered ALREADY_PROCESSED.
    """
    if not key:
        raise ValueError("command_id_for needs at least one key part")
    for part in key:
        if isinstance(part, bool) or not isinstance(part, str | int):
            raise TypeError(f"key parts are str or int, not {type(part).__name__}")
    try:
        text = orjson.dumps(list(key))
    except TypeError:  # an int beyond 64 bits: the standard library writes it exactly
        text = json.dumps(list(key), separators=(",", ":"), ensure_ascii=False).encode()
    return _uuid5(text)


_NAMESPACE_BYTES = COMMAND_ID_NAMESPACE.bytes
_VARIANT = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}


def _uuid5(name: bytes) -> str:
    """``str(uuid.uuid5(COMMAND_ID_NAMESPACE, name))`` without building UUID objects (a run
    derives tens of thousands of commandIds)."""
    h = hashlib.sha1(_NAMESPACE_BYTES + name, usedforsecurity=False).hexdigest()
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


def rfc3339(timestamp: datetime) -> str:
    """RFC 3339 text of an aware datetime; a naive one is refused (it has no offset)."""
    if not isinstance(timestamp, datetime):
        raise TypeError(f"timestamp must be a datetime, not {type(timestamp).__name__}")
    if timestamp.tzinfo is None or timestamp.utcoffset() is None:
        raise ValueError("timestamp must be timezone-aware (RFC 3339 needs an offset)")
    return timestamp.isoformat()


def to_wire(value: Any) -> Any:
    """``value`` as plain JSON data: Decimal as exact text, dates as ISO, no floats."""
    # Exact-type fast paths first: a batch of 1,000 commands walks ~50,000 values, and
    # the isinstance chain below cost more per command than the server's decision.
    kind = type(value)
    if kind is str or kind is int or value is None or kind is bool:
        return value
    if kind is dict:
        return {_key(k): to_wire(v) for k, v in value.items()}
    if kind is list:
        return [to_wire(v) for v in value]
    if isinstance(value, bool | int | str):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, float):
        raise TypeError("a float is never exact: use int cents, Decimal or a decimal string")
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"a decimal must be finite, got {value}")
        return format(value, "f")
    if isinstance(value, Enum):
        return to_wire(value.value)
    if isinstance(value, datetime):
        return rfc3339(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {_key(k): to_wire(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(v) for v in value]
    raise TypeError(f"cannot send a {type(value).__name__} in a command")


def _key(key: object) -> str:
    if not isinstance(key, str):
        raise TypeError(f"object keys are str, not {type(key).__name__}")
    return key


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _canonical_command_id(command_id: str | uuid.UUID) -> str:
    if isinstance(command_id, uuid.UUID):
        return str(command_id)
    if isinstance(command_id, str) and _CANONICAL_UUID.fullmatch(command_id):
        return command_id
    try:
        return str(uuid.UUID(command_id))
    except (ValueError, AttributeError, TypeError) as exc:
        raise ValueError(f"commandId must be a UUID, got {command_id!r}") from exc


def _payload(fields: Mapping[str, Any]) -> dict[str, Any]:
    return {name: to_wire(value) for name, value in fields.items() if value is not None}


def envelope(
    tenant_id: str,
    command_type: CommandType,
    payload: Mapping[str, Any],
    *,
    command_id: str | uuid.UUID,
    actor: Actor,
    timestamp: datetime,
    idempotency_key: str | None = None,
) -> CommandEnvelope:
    """The envelope of any command; the typed builders below are preferred."""
    if idempotency_key is not None and not 1 <= len(idempotency_key) <= IDEMPOTENCY_KEY_LENGTH_MAX:
        raise ValueError(f"idempotencyKey is 1 to {IDEMPOTENCY_KEY_LENGTH_MAX} characters")
    built: CommandEnvelope = {
        "commandId": _canonical_command_id(command_id),
        "tenantId": tenant_id,
        "commandType": CommandType(command_type).value,
        "actor": actor.to_json(),
        "timestamp": rfc3339(timestamp),
        "payload": _payload(payload),
    }
    if idempotency_key is not None:
        built["idempotencyKey"] = idempotency_key
    return built
