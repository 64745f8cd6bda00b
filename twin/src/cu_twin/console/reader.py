"""``CoreReader``: the only part of the typed client the console may use.

The console is read-only by construction: the app factory takes a ``CoreReader``, which
names query methods only, so ``mypy --strict`` refuses any attempt to send a command from
console code. ``turingcore_client.Client`` satisfies it structurally.
"""

from __future__ import annotations

from typing import Literal, Protocol

from turingcore_client import (
    Account,
    AccountEventPage,
    AccountPage,
    ChainHead,
    ChainVerification,
    Customer,
    CustomerPage,
    EventPage,
    Product,
    Tenant,
    TrialBalance,
)


class CoreReader(Protocol):
    """Queries of the public API (tenant:reader scope); every one is an HTTP GET."""

    def get_tenant(self, tenant_id: str) -> Tenant: ...

    def list_products(self, tenant_id: str) -> list[Product]: ...

    def list_customers(
        self,
        tenant_id: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
        q: str | None = None,
        segment: str | None = None,
        status: str | None = None,
    ) -> CustomerPage: ...

    def get_customer(self, tenant_id: str, customer_id: str) -> Customer: ...

    def list_accounts(
        self,
        tenant_id: str,
        *,
        customer_id: str | None = None,
        product_code: str | None = None,
        kind: Literal["MEMBER", "GL"] | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> AccountPage: ...

    def get_account(self, tenant_id: str, account_id: str) -> Account: ...

    def list_account_events(
        self,
        tenant_id: str,
        account_id: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> AccountEventPage: ...

    def list_events(
        self, tenant_id: str, *, after: int | None = None, limit: int | None = None
    ) -> EventPage: ...

    def get_trial_balance(self, tenant_id: str) -> TrialBalance: ...

    def get_chain_head(self, tenant_id: str) -> ChainHead: ...

    def verify_chain(self, tenant_id: str) -> ChainVerification: ...
