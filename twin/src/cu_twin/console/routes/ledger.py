"""The books: the trial balance (debits = credits) and the product catalogue."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from cu_twin.console.pages import Deps
from cu_twin.console.views.ledger import trial_balance_view
from cu_twin.console.views.products import product_views

GL_ACCOUNTS_MAX = 1_000


def router(deps: Deps) -> APIRouter:
    routes = APIRouter()
    reader, tenant_id = deps.reader, deps.settings.tenant_id

    @routes.get("/ledger/trial-balance", response_class=HTMLResponse)
    def trial_balance_page(request: Request) -> HTMLResponse:
        tenant = deps.tenant()
        gl = reader.list_accounts(tenant_id, kind="GL", limit=GL_ACCOUNTS_MAX).accounts
        names = {a.account_id: a.name or a.account_id for a in gl}
        view = trial_balance_view(reader.get_trial_balance(tenant_id), names)
        return deps.render(
            request, "trial_balance.html", {"active": "ledger", "tenant": tenant, "tb": view}
        )

    @routes.get("/products", response_class=HTMLResponse)
    def products_page(request: Request) -> HTMLResponse:
        tenant = deps.tenant()
        products = product_views(reader.list_products(tenant_id), tenant)
        return deps.render(
            request, "products.html", {"active": "products", "tenant": tenant, "products": products}
        )

    return routes
