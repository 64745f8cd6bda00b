"""The store contract every adapter (SQLite, PostgreSQL) implements.

Writes go through ``Store.write(tenant_id)``: a transaction that serialises writers of one
tenant (so positions stay gap-free and the chain linear) and commits only on a clean exit.
Reads never see a half-applied command: events, projections and the idempotency record of
a command are committed together.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Protocol

from turingcore.domain.snapshot import Needs, Snapshot
from turingcore.domain.state import TenantState
from turingcore.projections.changes import Change
from turingcore.store.records import ChainHead, SealedEvent, StoredCommand


class StoreError(Exception):
    """The store failed for a reason that is not the caller's (I/O, integrity)."""


class StoreBusyError(StoreError):
    """Another process already serves this store (embedded mode allows one writer)."""


class Rollback(Exception):  # noqa: N818 - a control signal, not an error
    """Raised inside ``Store.write`` to discard everything written in the transaction."""


class TenantTransaction(Protocol):
    def tenant(self) -> TenantState | None: ...
    def head(self) -> ChainHead: ...
    def load(self, needs: Needs) -> Snapshot: ...
    def prefetch_commands(self, keys: Sequence[tuple[str, str | None]]) -> None:
        """Look up a batch's (commandId, idempotencyKey) pairs in one round trip, so that
        ``find_command`` answers them from memory."""
        ...

    def find_command(
        self, command_id: str, idempotency_key: str | None
    ) -> StoredCommand | None: ...
    def append(
        self, events: Sequence[SealedEvent], changes: Sequence[Change], command: StoredCommand
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class AccountRecord:
    account_id: str
    kind: str
    customer_id: str | None
    product_code: str | None
    account_type: str
    normal_balance: str
    status: str
    currency: str
    floor_cents: int | None
    ceiling_cents: int | None
    balance_cents: int
    debit_cents: int
    credit_cents: int
    opened_at: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    key_id: str
    scope: str
    tenant_id: str | None
    label: str | None
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True, slots=True)
class Page:
    items: list[Any]
    total: int


class Store(Protocol):
    def write(self, tenant_id: str) -> AbstractContextManager[TenantTransaction]: ...

    # queries
    def tenant_record(self, tenant_id: str) -> dict[str, Any] | None: ...
    def products(self, tenant_id: str) -> list[dict[str, Any]]: ...
    def product(self, tenant_id: str, code: str) -> dict[str, Any] | None: ...
    def customers(
        self,
        tenant_id: str,
        *,
        limit: int,
        offset: int,
        q: str | None,
        segment: str | None,
        status: str | None,
    ) -> Page: ...
    def customer(self, tenant_id: str, customer_id: str) -> dict[str, Any] | None: ...
    def accounts(
        self,
        tenant_id: str,
        *,
        kind: str,
        customer_id: str | None,
        product_code: str | None,
        limit: int,
        offset: int,
    ) -> Page: ...
    def account(self, tenant_id: str, account_id: str) -> AccountRecord | None: ...
    def account_events(
        self, tenant_id: str, account_id: str, *, limit: int, offset: int
    ) -> Page: ...
    def events_after(self, tenant_id: str, after: int, limit: int) -> list[tuple[str, str]]: ...
    def iter_events(self, tenant_id: str, up_to: int) -> Iterator[tuple[int, str, str]]: ...
    def chain_head(self, tenant_id: str) -> ChainHead: ...
    def all_accounts(self, tenant_id: str) -> list[AccountRecord]: ...

    # keys
    def put_api_key(
        self,
        key_id: str,
        key_hash: str,
        scope: str,
        tenant_id: str | None,
        label: str | None,
        created_at: str,
    ) -> None: ...
    def api_key_by_hash(self, key_hash: str) -> ApiKeyRecord | None: ...
    def api_keys(self) -> list[ApiKeyRecord]: ...
    def revoke_api_key(self, key_id: str, revoked_at: str) -> bool: ...

    # operations
    def pending_migrations(self) -> list[str]: ...
    def ping(self) -> None: ...
    def close(self) -> None: ...
