"""What a decision needs to know, loaded by the shell before it calls ``decide``.

Each value is a frozen snapshot; the domain never reads a store itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from turingcore.domain.types import AccountKind, AccountStatus, CustomerStatus, Direction


@dataclass(frozen=True, slots=True)
class TenantState:
    tenant_id: str
    base_currency: str
    time_zone: str


@dataclass(frozen=True, slots=True)
class ProductState:
    """A product as last upserted; ``record`` is the normalised payload of its event."""

    product_code: str
    product_type: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class CustomerState:
    customer_id: str
    status: CustomerStatus
    date_of_birth: date


@dataclass(frozen=True, slots=True)
class AccountState:
    """The ledger view of one account.

    ``floor_cents`` is the lowest balance allowed (deposits) and ``ceiling_cents`` the highest
    (maxBalance, or the credit limit of a loan or card); ``None`` means unbounded.
    Balances are in the account's normal sense.
    """

    account_id: str
    kind: AccountKind
    account_type: str
    normal_balance: Direction
    status: AccountStatus
    currency: str
    balance_cents: int
    floor_cents: int | None
    ceiling_cents: int | None
    customer_id: str | None = None

    def with_balance(self, balance_cents: int) -> AccountState:
        """The same account at another balance (``dataclasses.replace`` is slow here)."""
        return AccountState(
            self.account_id,
            self.kind,
            self.account_type,
            self.normal_balance,
            self.status,
            self.currency,
            balance_cents,
            self.floor_cents,
            self.ceiling_cents,
            self.customer_id,
        )


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event decided by the domain, before the shell gives it a position and a hash."""

    event_type: str
    stream_id: str
    payload: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Decision:
    """An accepted command: the events to append and the ids it created."""

    events: list[NewEvent]
    result: dict[str, Any] = field(default_factory=dict)
