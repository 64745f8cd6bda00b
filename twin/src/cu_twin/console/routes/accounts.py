"""One account: balances, transactions with running balance, and its raw event timeline."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from cu_twin.console.pages import Deps
from cu_twin.console.settings import ACCOUNT_EVENTS_PAGE_SIZE, PAGE_NUMBER_MAX
from cu_twin.console.views.accounts import account_view, timeline_rows, transaction_rows
from cu_twin.console.views.common import newest_first_window, pager

AccountId = Annotated[str, Path(min_length=1, max_length=64)]
PageNumber = Annotated[int, Query(ge=1, le=PAGE_NUMBER_MAX)]


def router(deps: Deps) -> APIRouter:
    routes = APIRouter()
    reader, tenant_id = deps.reader, deps.settings.tenant_id

    @routes.get("/accounts/{account_id}", response_class=HTMLResponse)
    def account_page(request: Request, account_id: AccountId, page: PageNumber = 1) -> HTMLResponse:
        """Newest first: page 1 holds the latest events of the account."""
        tenant = deps.tenant()
        account = reader.get_account(tenant_id, account_id)
        total = reader.list_account_events(tenant_id, account_id, limit=1).total
        offset, limit = newest_first_window(total, page, ACCOUNT_EVENTS_PAGE_SIZE)
        events = (
            reader.list_account_events(tenant_id, account_id, limit=limit, offset=offset).events
            if limit
            else []
        )
        newest_first = list(reversed(events))
        owner = (
            reader.get_customer(tenant_id, account.customer_id).full_name
            if account.customer_id
            else None
        )
        context = {
            "active": "ledger" if account.kind == "GL" else "members",
            "tenant": tenant,
            "account": account_view(account, tenant),
            "owner": owner,
            "transactions": transaction_rows(newest_first, account_id, tenant.zone),
            "timeline": timeline_rows(newest_first, tenant.zone),
            "pager": pager(
                f"/accounts/{account_id}",
                {},
                page=page,
                size=ACCOUNT_EVENTS_PAGE_SIZE,
                total=total,
                shown=len(events),
            ),
        }
        return deps.render(request, "account.html", context)

    return routes
