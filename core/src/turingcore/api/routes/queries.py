"""Tenant queries (tenant:reader or higher): tenant, products, customers, accounts, events."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from turingcore.api.auth import authorize_tenant
from turingcore.api.deps import PrincipalDep, ServicesDep
from turingcore.api.limits import SEARCH_TEXT_LENGTH_MAX
from turingcore.api.problems import ProblemError
from turingcore.api.routes.common import (
    LIMIT_DEFAULT,
    QUERY_ERRORS,
    IdPath,
    Limit,
    Offset,
    TenantPath,
    json_response,
    raw_json,
    tenant_or_404,
)
from turingcore.api.schemas import (
    Account,
    AccountEvents,
    Accounts,
    Customer,
    Customers,
    Events,
    Product,
    Products,
    Tenant,
    TrialBalance,
)
from turingcore.app.queries import account_public, events_json, trial_balance

router = APIRouter(tags=["queries"], responses=QUERY_ERRORS)
SearchText = Annotated[str | None, Query(max_length=SEARCH_TEXT_LENGTH_MAX)]
ShortFilter = Annotated[str | None, Query(max_length=64)]


def _not_found(what: str, ident: str) -> ProblemError:
    return ProblemError(404, f"no {what} {ident} in this tenant", error=f"{what.upper()}_NOT_FOUND")


@router.get("/tenants/{tenantId}", operation_id="getTenant", response_model=Tenant)
def get_tenant(tenantId: TenantPath, principal: PrincipalDep, services: ServicesDep) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    return json_response(tenant_or_404(services, tenantId))


@router.get("/tenants/{tenantId}/products", operation_id="listProducts", response_model=Products)
def list_products(tenantId: TenantPath, principal: PrincipalDep, services: ServicesDep) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    return json_response({"products": services.store.products(tenantId)})


@router.get(
    "/tenants/{tenantId}/products/{productCode}", operation_id="getProduct", response_model=Product
)
def get_product(
    tenantId: TenantPath, productCode: IdPath, principal: PrincipalDep, services: ServicesDep
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    product = services.store.product(tenantId, productCode)
    if product is None:
        raise _not_found("product", productCode)
    return json_response(product)


@router.get("/tenants/{tenantId}/customers", operation_id="listCustomers", response_model=Customers)
def list_customers(
    tenantId: TenantPath,
    principal: PrincipalDep,
    services: ServicesDep,
    limit: Limit = LIMIT_DEFAULT,
    offset: Offset = 0,
    q: SearchText = None,
    segment: ShortFilter = None,
    status: ShortFilter = None,
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    page = services.store.customers(
        tenantId, limit=limit, offset=offset, q=q, segment=segment, status=status
    )
    return json_response(
        {"customers": page.items, "total": page.total, "limit": limit, "offset": offset}
    )


@router.get(
    "/tenants/{tenantId}/customers/{customerId}",
    operation_id="getCustomer",
    response_model=Customer,
)
def get_customer(
    tenantId: TenantPath, customerId: IdPath, principal: PrincipalDep, services: ServicesDep
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    customer = services.store.customer(tenantId, customerId)
    if customer is None:
        raise _not_found("customer", customerId)
    return json_response(customer)


@router.get("/tenants/{tenantId}/accounts", operation_id="listAccounts", response_model=Accounts)
def list_accounts(
    tenantId: TenantPath,
    principal: PrincipalDep,
    services: ServicesDep,
    customerId: ShortFilter = None,
    productCode: ShortFilter = None,
    kind: Literal["MEMBER", "GL"] = "MEMBER",
    limit: Limit = LIMIT_DEFAULT,
    offset: Offset = 0,
) -> Response:
    """Member accounts by default; ``kind=GL`` lists the tenant's GL accounts."""
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    page = services.store.accounts(
        tenantId,
        kind=kind,
        customer_id=customerId,
        product_code=productCode,
        limit=limit,
        offset=offset,
    )
    accounts = [account_public(a) for a in page.items]
    return json_response(
        {"accounts": accounts, "total": page.total, "limit": limit, "offset": offset}
    )


@router.get(
    "/tenants/{tenantId}/accounts/{accountId}", operation_id="getAccount", response_model=Account
)
def get_account(
    tenantId: TenantPath, accountId: IdPath, principal: PrincipalDep, services: ServicesDep
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    account = services.store.account(tenantId, accountId)
    if account is None:
        raise _not_found("account", accountId)
    return json_response(account_public(account))


@router.get(
    "/tenants/{tenantId}/accounts/{accountId}/events",
    operation_id="listAccountEvents",
    response_model=AccountEvents,
)
def list_account_events(
    tenantId: TenantPath,
    accountId: IdPath,
    principal: PrincipalDep,
    services: ServicesDep,
    limit: Limit = LIMIT_DEFAULT,
    offset: Offset = 0,
) -> Response:
    """The account's events in position order: its opening, then every entry touching it."""
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    if services.store.account(tenantId, accountId) is None:
        raise _not_found("account", accountId)
    page = services.store.account_events(tenantId, accountId, limit=limit, offset=offset)
    return raw_json(
        f'{{"events":{events_json(page.items)},"total":{page.total},"limit":{limit},"offset":{offset}}}'
    )


@router.get("/tenants/{tenantId}/events", operation_id="listEvents", response_model=Events)
def list_events(
    tenantId: TenantPath,
    principal: PrincipalDep,
    services: ServicesDep,
    after: Annotated[int, Query(ge=0, le=2**53 - 1)] = 0,
    limit: Limit = LIMIT_DEFAULT,
) -> Response:
    """The tenant's whole feed in position order, with prevHash and hash for verification."""
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    rows = services.store.events_after(tenantId, after, limit)
    return raw_json(f'{{"events":{events_json(rows)}}}')


@router.get(
    "/tenants/{tenantId}/ledger/trial-balance",
    operation_id="getTrialBalance",
    response_model=TrialBalance,
)
def get_trial_balance(
    tenantId: TenantPath, principal: PrincipalDep, services: ServicesDep
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    return json_response(trial_balance(services.store, tenantId))
