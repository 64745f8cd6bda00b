"""Requests as values: what to send for each operation and how to read the answer.

``Client`` and ``AsyncClient`` differ only in how they perform I/O; both build their
requests here, so every path, parameter and parser exists once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

import httpx
import orjson
from pydantic import BaseModel, ValidationError

from turingcore_client import _endpoints as ep
from turingcore_client._batching import (
    BATCH_COMMANDS_MAX,
    batch_body,
    encode_json,
    tenant_of,
)
from turingcore_client._errors import UnexpectedResponse
from turingcore_client._models import (
    Account,
    AccountEventPage,
    AccountPage,
    ApiKey,
    ApiKeyCreated,
    ApiKeyList,
    BatchItem,
    BatchResults,
    ChainHead,
    ChainVerification,
    CommandResult,
    Customer,
    CustomerPage,
    EventPage,
    Health,
    Product,
    ProductList,
    RawEventPage,
    Tenant,
    TrialBalance,
)

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

AccountKind = Literal["MEMBER", "GL"]
ApiKeyScope = Literal["platform:admin", "tenant:operator", "tenant:reader"]
CORRELATION_HEADER = "X-Correlation-Id"
_JSON_BODY = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Call(Generic[T]):
    """One request to make, and the function that turns its 2xx answer into ``T``."""

    endpoint: ep.Endpoint
    url: str
    parse: Callable[[httpx.Response], T]
    params: Mapping[str, str | int] = field(default_factory=dict)
    content: bytes | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    retry: bool = True


def _model(model: type[M]) -> Callable[[httpx.Response], M]:
    def parse(response: httpx.Response) -> M:
        try:
            return model.model_validate(orjson.loads(response.content))
        except (ValueError, ValidationError) as exc:
            raise UnexpectedResponse(
                f"{response.request.method} {response.request.url.path}: the answer is not a"
                f" {model.__name__}: {exc}",
                status=response.status_code,
            ) from exc

    return parse


def _then(
    parse: Callable[[httpx.Response], M], pick: Callable[[M], T]
) -> Callable[[httpx.Response], T]:
    return lambda response: pick(parse(response))


def _params(**values: str | int | None) -> dict[str, str | int]:
    return {name: value for name, value in values.items() if value is not None}


def _headers(correlation_id: str | None, *, body: bool) -> dict[str, str]:
    headers = dict(_JSON_BODY) if body else {}
    if correlation_id is not None:
        headers[CORRELATION_HEADER] = correlation_id
    return headers


def send(command: Mapping[str, Any], *, correlation_id: str | None = None) -> Call[CommandResult]:
    """POST one command to its tenant's gateway."""
    return Call(
        ep.SEND_COMMAND,
        ep.SEND_COMMAND.url(tenantId=tenant_of(command)),
        _model(CommandResult),
        content=encode_json(command),
        headers=_headers(correlation_id, body=True),
    )


def send_encoded_batch(
    tenant_id: str,
    encoded: Sequence[bytes],
    *,
    atomic: bool,
    correlation_id: str | None = None,
) -> Call[list[BatchItem]]:
    """POST already encoded commands of one tenant as one ``:batch``."""
    if not 1 <= len(encoded) <= BATCH_COMMANDS_MAX:
        raise ValueError(
            f"a batch holds 1 to {BATCH_COMMANDS_MAX} commands; use send_many for more"
        )
    return Call(
        ep.SEND_COMMAND_BATCH,
        ep.SEND_COMMAND_BATCH.url(tenantId=tenant_id),
        _then(_model(BatchResults), lambda body: _checked_results(body, len(encoded))),
        content=batch_body(encoded, atomic=atomic),
        headers=_headers(correlation_id, body=True),
    )


def _checked_results(body: BatchResults, expected: int) -> list[BatchItem]:
    if len(body.results) != expected:
        raise UnexpectedResponse(
            f"a batch of {expected} commands was answered with {len(body.results)} results",
            status=200,
        )
    return body.results


def send_batch(
    commands: Sequence[Mapping[str, Any]],
    *,
    atomic: bool = False,
    correlation_id: str | None = None,
) -> Call[list[BatchItem]]:
    """POST up to 1,000 commands of one tenant as one ``:batch``."""
    if not commands:
        raise ValueError("a batch holds at least one command")
    tenant_id = tenant_of(commands[0])
    if any(tenant_of(c) != tenant_id for c in commands):
        raise ValueError("every command of a batch must be for the same tenant")
    return send_encoded_batch(
        tenant_id,
        [encode_json(c) for c in commands],
        atomic=atomic,
        correlation_id=correlation_id,
    )


def get_tenant(tenant_id: str) -> Call[Tenant]:
    """GET the tenant record."""
    return Call(ep.GET_TENANT, ep.GET_TENANT.url(tenantId=tenant_id), _model(Tenant))


def list_products(tenant_id: str) -> Call[list[Product]]:
    """GET every product of the tenant."""
    url = ep.LIST_PRODUCTS.url(tenantId=tenant_id)
    return Call(ep.LIST_PRODUCTS, url, _then(_model(ProductList), lambda p: p.products))


def get_product(tenant_id: str, product_code: str) -> Call[Product]:
    """GET one product."""
    url = ep.GET_PRODUCT.url(tenantId=tenant_id, productCode=product_code)
    return Call(ep.GET_PRODUCT, url, _model(Product))


def list_customers(
    tenant_id: str,
    *,
    limit: int | None,
    offset: int | None,
    q: str | None,
    segment: str | None,
    status: str | None,
) -> Call[CustomerPage]:
    """GET one page of customers."""
    return Call(
        ep.LIST_CUSTOMERS,
        ep.LIST_CUSTOMERS.url(tenantId=tenant_id),
        _model(CustomerPage),
        params=_params(limit=limit, offset=offset, q=q, segment=segment, status=status),
    )


def get_customer(tenant_id: str, customer_id: str) -> Call[Customer]:
    """GET one customer."""
    url = ep.GET_CUSTOMER.url(tenantId=tenant_id, customerId=customer_id)
    return Call(ep.GET_CUSTOMER, url, _model(Customer))


def list_accounts(
    tenant_id: str,
    *,
    customer_id: str | None,
    product_code: str | None,
    kind: AccountKind | None,
    limit: int | None,
    offset: int | None,
) -> Call[AccountPage]:
    """GET one page of accounts (member accounts unless ``kind="GL"``)."""
    params = _params(
        customerId=customer_id, productCode=product_code, kind=kind, limit=limit, offset=offset
    )
    url = ep.LIST_ACCOUNTS.url(tenantId=tenant_id)
    return Call(ep.LIST_ACCOUNTS, url, _model(AccountPage), params=params)


def get_account(tenant_id: str, account_id: str) -> Call[Account]:
    """GET one member or GL account."""
    url = ep.GET_ACCOUNT.url(tenantId=tenant_id, accountId=account_id)
    return Call(ep.GET_ACCOUNT, url, _model(Account))


def list_account_events(
    tenant_id: str, account_id: str, *, limit: int | None, offset: int | None
) -> Call[AccountEventPage]:
    """GET one page of an account's events."""
    url = ep.LIST_ACCOUNT_EVENTS.url(tenantId=tenant_id, accountId=account_id)
    params = _params(limit=limit, offset=offset)
    return Call(ep.LIST_ACCOUNT_EVENTS, url, _model(AccountEventPage), params=params)


def list_account_events_raw(
    tenant_id: str, account_id: str, *, limit: int | None, offset: int | None
) -> Call[RawEventPage]:
    """GET one page of an account's events, as served."""
    url = ep.LIST_ACCOUNT_EVENTS.url(tenantId=tenant_id, accountId=account_id)
    params = _params(limit=limit, offset=offset)
    return Call(ep.LIST_ACCOUNT_EVENTS, url, _raw_events(with_total=True), params=params)


def list_events_raw(tenant_id: str, *, after: int | None, limit: int | None) -> Call[RawEventPage]:
    """GET the tenant's events after position ``after``, as served."""
    url = ep.LIST_EVENTS.url(tenantId=tenant_id)
    params = _params(after=after, limit=limit)
    return Call(ep.LIST_EVENTS, url, _raw_events(with_total=False), params=params)


def _raw_events(*, with_total: bool) -> Callable[[httpx.Response], RawEventPage]:
    def parse(response: httpx.Response) -> RawEventPage:
        try:
            body = orjson.loads(response.content)
        except orjson.JSONDecodeError as exc:
            raise UnexpectedResponse(f"not JSON: {exc}", status=response.status_code) from exc
        events = body.get("events") if isinstance(body, dict) else None
        total = body.get("total") if with_total else None
        if (
            not isinstance(events, list)
            or not all(isinstance(e, dict) and type(e.get("position")) is int for e in events)
            or (with_total and type(total) is not int)
        ):
            raise UnexpectedResponse(
                f"{response.request.method} {response.request.url.path}: the answer is not a"
                " page of events",
                status=response.status_code,
            )
        return RawEventPage(events, total)

    return parse


def list_events(tenant_id: str, *, after: int | None, limit: int | None) -> Call[EventPage]:
    """GET the tenant's events after position ``after``."""
    url = ep.LIST_EVENTS.url(tenantId=tenant_id)
    return Call(ep.LIST_EVENTS, url, _model(EventPage), params=_params(after=after, limit=limit))


def get_trial_balance(tenant_id: str) -> Call[TrialBalance]:
    """GET the tenant's trial balance."""
    url = ep.GET_TRIAL_BALANCE.url(tenantId=tenant_id)
    return Call(ep.GET_TRIAL_BALANCE, url, _model(TrialBalance))


def get_chain_head(tenant_id: str) -> Call[ChainHead]:
    """GET the tenant's chain head."""
    return Call(ep.GET_CHAIN_HEAD, ep.GET_CHAIN_HEAD.url(tenantId=tenant_id), _model(ChainHead))


def verify_chain(tenant_id: str) -> Call[ChainVerification]:
    """GET the server's verification of the tenant's chain."""
    url = ep.VERIFY_CHAIN.url(tenantId=tenant_id)
    return Call(ep.VERIFY_CHAIN, url, _model(ChainVerification))


def create_api_key(
    scope: ApiKeyScope, *, tenant_id: str | None, label: str | None
) -> Call[ApiKeyCreated]:
    """POST a new API key."""
    body: dict[str, str] = {"scope": scope}
    if tenant_id is not None:
        body["tenantId"] = tenant_id
    if label is not None:
        body["label"] = label
    return Call(
        ep.CREATE_API_KEY,
        ep.CREATE_API_KEY.url(),
        _model(ApiKeyCreated),
        content=encode_json(body),
        headers=_JSON_BODY,
    )


def list_api_keys() -> Call[list[ApiKey]]:
    """GET every API key's metadata."""
    return Call(
        ep.LIST_API_KEYS, ep.LIST_API_KEYS.url(), _then(_model(ApiKeyList), lambda k: k.keys)
    )


def revoke_api_key(key_id: str) -> Call[None]:
    """DELETE an API key."""
    return Call(ep.REVOKE_API_KEY, ep.REVOKE_API_KEY.url(keyId=key_id), lambda _: None)


def health_live() -> Call[Health]:
    """GET liveness (single attempt: a probe reports the present)."""
    return Call(ep.HEALTH_LIVE, ep.HEALTH_LIVE.url(), _model(Health), retry=False)


def health_ready() -> Call[Health]:
    """GET readiness (single attempt; 503 raises ServerError)."""
    return Call(ep.HEALTH_READY, ep.HEALTH_READY.url(), _model(Health), retry=False)


def metrics() -> Call[str]:
    """GET the Prometheus text exposition."""
    return Call(ep.METRICS, ep.METRICS.url(), lambda response: response.text)
