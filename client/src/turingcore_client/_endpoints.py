"""The operations of the API this client speaks: one row per operationId of openapi.json.

Each row names the HTTP method, the path template, the query parameters, the response
model and the client method that calls it (the same name on ``Client`` and
``AsyncClient``). ``tests/client/test_client_openapi_drift.py`` checks this table against
the committed OpenAPI document, so an operation added, renamed or reshaped on the server
fails the client's tests until the client follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from pydantic import BaseModel

from turingcore_client._models import (
    Account,
    AccountEventPage,
    AccountPage,
    ApiKeyCreated,
    ApiKeyList,
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
    Tenant,
    TrialBalance,
)

PATH_PARAM_LENGTH_MAX = 64
_PAGE = ("limit", "offset")


@dataclass(frozen=True)
class Endpoint:
    """One operation: how to call it and what it answers."""

    operation_id: str
    http_method: str
    path: str
    client_method: str
    response_model: type[BaseModel] | None
    query: tuple[str, ...] = ()
    idempotent: bool = True

    def url(self, **path_params: str) -> str:
        """The path with each ``{name}`` replaced by its percent-encoded value."""
        values = {}
        for name, value in path_params.items():
            if not isinstance(value, str) or not 1 <= len(value) <= PATH_PARAM_LENGTH_MAX:
                raise ValueError(f"{name} is a string of 1 to {PATH_PARAM_LENGTH_MAX} characters")
            values[name] = quote(value, safe="")
        return self.path.format(**values)


_T = "/tenants/{tenantId}"

SEND_COMMAND = Endpoint("sendCommand", "POST", f"{_T}/commands", "send", CommandResult)
SEND_COMMAND_BATCH = Endpoint(
    "sendCommandBatch", "POST", f"{_T}/commands:batch", "send_batch", BatchResults
)
GET_TENANT = Endpoint("getTenant", "GET", _T, "get_tenant", Tenant)
LIST_PRODUCTS = Endpoint("listProducts", "GET", f"{_T}/products", "list_products", ProductList)
GET_PRODUCT = Endpoint(
    "getProduct", "GET", f"{_T}/products/{{productCode}}", "get_product", Product
)
LIST_CUSTOMERS = Endpoint(
    "listCustomers",
    "GET",
    f"{_T}/customers",
    "list_customers",
    CustomerPage,
    query=(*_PAGE, "q", "segment", "status"),
)
GET_CUSTOMER = Endpoint(
    "getCustomer", "GET", f"{_T}/customers/{{customerId}}", "get_customer", Customer
)
LIST_ACCOUNTS = Endpoint(
    "listAccounts",
    "GET",
    f"{_T}/accounts",
    "list_accounts",
    AccountPage,
    query=("customerId", "productCode", "kind", *_PAGE),
)
GET_ACCOUNT = Endpoint("getAccount", "GET", f"{_T}/accounts/{{accountId}}", "get_account", Account)
LIST_ACCOUNT_EVENTS = Endpoint(
    "listAccountEvents",
    "GET",
    f"{_T}/accounts/{{accountId}}/events",
    "list_account_events",
    AccountEventPage,
    query=_PAGE,
)
LIST_EVENTS = Endpoint(
    "listEvents", "GET", f"{_T}/events", "list_events", EventPage, query=("after", "limit")
)
GET_TRIAL_BALANCE = Endpoint(
    "getTrialBalance", "GET", f"{_T}/ledger/trial-balance", "get_trial_balance", TrialBalance
)
GET_CHAIN_HEAD = Endpoint("getChainHead", "GET", f"{_T}/chain/head", "get_chain_head", ChainHead)
VERIFY_CHAIN = Endpoint(
    "verifyChain", "GET", f"{_T}/chain/verify", "verify_chain", ChainVerification
)
# Creating or revoking a key twice is not harmless, so these are not blindly retried.
CREATE_API_KEY = Endpoint(
    "createApiKey", "POST", "/api-keys", "create_api_key", ApiKeyCreated, idempotent=False
)
LIST_API_KEYS = Endpoint("listApiKeys", "GET", "/api-keys", "list_api_keys", ApiKeyList)
REVOKE_API_KEY = Endpoint(
    "revokeApiKey", "DELETE", "/api-keys/{keyId}", "revoke_api_key", None, idempotent=False
)
HEALTH_LIVE = Endpoint("live", "GET", "/health/live", "health_live", Health)
HEALTH_READY = Endpoint("ready", "GET", "/health/ready", "health_ready", Health)
METRICS = Endpoint("metrics", "GET", "/metrics", "metrics", None)

ENDPOINTS: Mapping[str, Endpoint] = {
    e.operation_id: e
    for e in (
        SEND_COMMAND,
        SEND_COMMAND_BATCH,
        GET_TENANT,
        LIST_PRODUCTS,
        GET_PRODUCT,
        LIST_CUSTOMERS,
        GET_CUSTOMER,
        LIST_ACCOUNTS,
        GET_ACCOUNT,
        LIST_ACCOUNT_EVENTS,
        LIST_EVENTS,
        GET_TRIAL_BALANCE,
        GET_CHAIN_HEAD,
        VERIFY_CHAIN,
        CREATE_API_KEY,
        LIST_API_KEYS,
        REVOKE_API_KEY,
        HEALTH_LIVE,
        HEALTH_READY,
        METRICS,
    )
}
"""operationId -> endpoint (and so -> client method name)."""
