"""``Client``: the synchronous TuringCore client (``AsyncClient`` mirrors it with ``await``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, Self, TypeVar

import httpx

from turingcore_client import _calls as calls
from turingcore_client._batching import BATCH_COMMANDS_MAX, chunk_commands
from turingcore_client._calls import AccountKind, ApiKeyScope, Call
from turingcore_client._config import (
    DEFAULT_TIMEOUT_S,
    checked_timeout_s,
    default_headers,
    retry_policy,
)
from turingcore_client._errors import TransportError, parse_retry_after_s, raise_for_problem
from turingcore_client._models import (
    Account,
    AccountEventPage,
    AccountPage,
    ApiKey,
    ApiKeyCreated,
    BatchItem,
    ChainHead,
    ChainVerification,
    CommandResult,
    Customer,
    CustomerPage,
    Event,
    EventPage,
    Health,
    Product,
    RawEventPage,
    RejectedResult,
    Tenant,
    TrialBalance,
)
from turingcore_client._pagination import (
    PAGE_SIZE_MAX,
    checked_page_size,
    next_after,
    next_after_positions,
    next_offset,
)
from turingcore_client._retry import RetryPolicy

T = TypeVar("T")


class Client:
    """A synchronous client of the TuringCore HTTP API; use it as a context manager.

    ``transport`` replaces the network (e.g. ``httpx.MockTransport`` in tests);
    ``retries`` is a :class:`RetryPolicy` or an int number of retries (0 disables them).
    Every method raises a :class:`TuringCoreError` subclass on failure.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        retries: RetryPolicy | int | None = None,
    ) -> None:
        self._retry = retry_policy(retries)
        self._http = httpx.Client(
            base_url=base_url,
            headers=default_headers(api_key),
            timeout=checked_timeout_s(timeout_s),
            transport=transport,
        )

    def __repr__(self) -> str:
        return f"Client(base_url={str(self._http.base_url)!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool (and the transport)."""
        self._http.close()

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy in force."""
        return self._retry

    def _run(self, call: Call[T]) -> T:
        response = self._respond(call)
        raise_for_problem(response)
        return call.parse(response)

    def _respond(self, call: Call[Any]) -> httpx.Response:
        policy = self._retry if call.retry else RetryPolicy(attempts_max=1)
        idempotent = call.endpoint.idempotent
        attempt = 1
        while True:
            try:
                response = self._http.request(
                    call.endpoint.http_method,
                    call.url,
                    params=call.params,
                    content=call.content,
                    headers=call.headers,
                )
            except httpx.RequestError as exc:
                if not (
                    isinstance(exc, httpx.TransportError)
                    and policy.retries_exception(exc, attempt, idempotent)
                ):
                    raise TransportError(
                        f"{call.endpoint.operation_id}: {exc!r} (attempt {attempt})",
                        attempts=attempt,
                    ) from exc
                policy.sleep(policy.delay_s(attempt))
            else:
                if not policy.retries_status(response.status_code, attempt, idempotent):
                    return response
                response.close()
                retry_after_s = parse_retry_after_s(response.headers.get("retry-after"))
                policy.sleep(policy.delay_s(attempt, retry_after_s))
            attempt += 1

    # Commands

    def send(
        self, command: Mapping[str, Any], *, correlation_id: str | None = None
    ) -> CommandResult:
        """Send one command envelope to its tenant; 202 ACCEPTED or 200 ALREADY_PROCESSED.

        Raises the error for the answer's status (``RuleViolation`` for a 422, ...).
        """
        return self._run(calls.send(command, correlation_id=correlation_id))

    def send_batch(
        self,
        commands: Sequence[Mapping[str, Any]],
        *,
        atomic: bool = False,
        correlation_id: str | None = None,
    ) -> list[CommandResult | RejectedResult]:
        """Send 1 to 1,000 commands of one tenant as one ``:batch``; results in order.

        Non-atomic: each command stands alone, a refused one is a ``RejectedResult``.
        Atomic: all or nothing; a refused command raises ``AtomicBatchRejected`` (.index).
        An empty sequence sends nothing and returns ``[]``.
        """
        if not commands:
            return []
        return self._run(calls.send_batch(commands, atomic=atomic, correlation_id=correlation_id))

    def send_many(
        self,
        commands: Iterable[Mapping[str, Any]],
        *,
        batch_size: int = BATCH_COMMANDS_MAX,
        correlation_id: str | None = None,
    ) -> list[CommandResult | RejectedResult]:
        """Send any number of commands in full non-atomic batches; every result, in order.

        The stream is cut at ``batch_size`` commands, at the body-size limit and wherever
        the tenant changes. Each batch is retried as a whole when retryable; commands
        already applied come back ALREADY_PROCESSED.
        """
        results: list[BatchItem] = []
        for chunk in chunk_commands(commands, commands_max=batch_size):
            call = calls.send_encoded_batch(
                chunk.tenant_id, chunk.encoded, atomic=False, correlation_id=correlation_id
            )
            sent: list[BatchItem] = self._run(call)
            results.extend(sent)
        return results

    # Queries

    def get_tenant(self, tenant_id: str) -> Tenant:
        """The tenant record."""
        return self._run(calls.get_tenant(tenant_id))

    def list_products(self, tenant_id: str) -> list[Product]:
        """Every product of the tenant."""
        return self._run(calls.list_products(tenant_id))

    def get_product(self, tenant_id: str, product_code: str) -> Product:
        """One product by code."""
        return self._run(calls.get_product(tenant_id, product_code))

    def list_customers(
        self,
        tenant_id: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
        q: str | None = None,
        segment: str | None = None,
        status: str | None = None,
    ) -> CustomerPage:
        """One page of customers (server default limit 50, max 1,000)."""
        return self._run(
            calls.list_customers(
                tenant_id, limit=limit, offset=offset, q=q, segment=segment, status=status
            )
        )

    def get_customer(self, tenant_id: str, customer_id: str) -> Customer:
        """One customer by id."""
        return self._run(calls.get_customer(tenant_id, customer_id))

    def list_accounts(
        self,
        tenant_id: str,
        *,
        customer_id: str | None = None,
        product_code: str | None = None,
        kind: AccountKind | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> AccountPage:
        """One page of accounts: member accounts, or GL accounts with ``kind="GL"``."""
        return self._run(
            calls.list_accounts(
                tenant_id,
                customer_id=customer_id,
                product_code=product_code,
                kind=kind,
                limit=limit,
                offset=offset,
            )
        )

    def get_account(self, tenant_id: str, account_id: str) -> Account:
        """One member account by id, or a GL account by its code."""
        return self._run(calls.get_account(tenant_id, account_id))

    def list_account_events(
        self,
        tenant_id: str,
        account_id: str,
        *,
        limit: int | None = None,
        offset: int | None = None,
    ) -> AccountEventPage:
        """One page of an account's events, in order."""
        return self._run(
            calls.list_account_events(tenant_id, account_id, limit=limit, offset=offset)
        )

    def list_account_events_raw(
        self, tenant_id: str, account_id: str, *, limit: int, offset: int = 0
    ) -> RawEventPage:
        """One page of an account's events as served (JSON objects with ``hash``), with the
        stream's ``total``: for verifiers that fetch a long stream's pages in parallel."""
        return self._run(
            calls.list_account_events_raw(
                tenant_id, account_id, limit=checked_page_size(limit), offset=offset
            )
        )

    def list_events(
        self, tenant_id: str, *, after: int | None = None, limit: int | None = None
    ) -> EventPage:
        """The tenant's events with position > ``after``, in order, with chain fields."""
        return self._run(calls.list_events(tenant_id, after=after, limit=limit))

    def get_trial_balance(self, tenant_id: str) -> TrialBalance:
        """Every account's debits, credits and balance, with totals."""
        return self._run(calls.get_trial_balance(tenant_id))

    def get_chain_head(self, tenant_id: str) -> ChainHead:
        """The position and hash of the tenant's latest event."""
        return self._run(calls.get_chain_head(tenant_id))

    def verify_chain(self, tenant_id: str) -> ChainVerification:
        """The server's check of the tenant's hash chain (200 whether or not it is intact)."""
        return self._run(calls.verify_chain(tenant_id))

    # Pagination

    def iter_customers(
        self,
        tenant_id: str,
        *,
        q: str | None = None,
        segment: str | None = None,
        status: str | None = None,
        page_size: int = PAGE_SIZE_MAX,
    ) -> Iterator[Customer]:
        """Every matching customer, page by page."""
        limit, offset = checked_page_size(page_size), 0
        while True:
            page = self.list_customers(
                tenant_id, limit=limit, offset=offset, q=q, segment=segment, status=status
            )
            yield from page.customers
            following = next_offset(offset, len(page.customers), page.total)
            if following is None:
                return
            offset = following

    def iter_accounts(
        self,
        tenant_id: str,
        *,
        customer_id: str | None = None,
        product_code: str | None = None,
        kind: AccountKind | None = None,
        page_size: int = PAGE_SIZE_MAX,
    ) -> Iterator[Account]:
        """Every matching account, page by page."""
        limit, offset = checked_page_size(page_size), 0
        while True:
            page = self.list_accounts(
                tenant_id,
                customer_id=customer_id,
                product_code=product_code,
                kind=kind,
                limit=limit,
                offset=offset,
            )
            yield from page.accounts
            following = next_offset(offset, len(page.accounts), page.total)
            if following is None:
                return
            offset = following

    def iter_account_events(
        self, tenant_id: str, account_id: str, *, page_size: int = PAGE_SIZE_MAX
    ) -> Iterator[Event]:
        """Every event of one account, in order."""
        limit, offset = checked_page_size(page_size), 0
        while True:
            page = self.list_account_events(tenant_id, account_id, limit=limit, offset=offset)
            yield from page.events
            following = next_offset(offset, len(page.events), page.total)
            if following is None:
                return
            offset = following

    def iter_events(
        self, tenant_id: str, *, after: int = 0, page_size: int = PAGE_SIZE_MAX
    ) -> Iterator[Event]:
        """Every event of the tenant after position ``after``, following the feed to its end.

        Checks that positions are gap-free (``UnexpectedResponse`` otherwise).
        """
        limit = checked_page_size(page_size)
        cursor: int | None = after
        while cursor is not None:
            page = self.list_events(tenant_id, after=cursor, limit=limit)
            following = next_after(cursor, page.events)
            yield from page.events
            cursor = following

    def iter_account_events_raw(
        self, tenant_id: str, account_id: str, *, page_size: int = PAGE_SIZE_MAX
    ) -> Iterator[dict[str, Any]]:
        """Every event of one account as served (JSON objects with ``hash``), for verifiers."""
        limit, offset = checked_page_size(page_size), 0
        while True:
            page = self._run(
                calls.list_account_events_raw(tenant_id, account_id, limit=limit, offset=offset)
            )
            yield from page.events
            assert page.total is not None
            following = next_offset(offset, len(page.events), page.total)
            if following is None:
                return
            offset = following

    def iter_events_raw(
        self, tenant_id: str, *, after: int = 0, page_size: int = PAGE_SIZE_MAX
    ) -> Iterator[dict[str, Any]]:
        """Every event of the tenant after ``after`` as served, for verifiers; positions are
        checked gap-free as by ``iter_events``."""
        limit = checked_page_size(page_size)
        cursor: int | None = after
        while cursor is not None:
            page = self._run(calls.list_events_raw(tenant_id, after=cursor, limit=limit))
            following = next_after_positions(cursor, [e["position"] for e in page.events])
            yield from page.events
            cursor = following

    # Keys and operations

    def create_api_key(
        self, scope: ApiKeyScope, *, tenant_id: str | None = None, label: str | None = None
    ) -> ApiKeyCreated:
        """Create an API key (platform:admin); its secret ``key`` is in this answer only."""
        return self._run(calls.create_api_key(scope, tenant_id=tenant_id, label=label))

    def list_api_keys(self) -> list[ApiKey]:
        """Every key's metadata (platform:admin); never a secret."""
        return self._run(calls.list_api_keys())

    def revoke_api_key(self, key_id: str) -> None:
        """Revoke a key at once (platform:admin); ``NotFound`` if no such live key."""
        self._run(calls.revoke_api_key(key_id))

    def health_live(self) -> Health:
        """Liveness; one attempt, no retries."""
        return self._run(calls.health_live())

    def health_ready(self) -> Health:
        """Readiness (store reachable, migrations current); one attempt, 503 -> ServerError."""
        return self._run(calls.health_ready())

    def metrics(self) -> str:
        """The Prometheus metrics text."""
        return self._run(calls.metrics())
