"""Members: search (name, email, member number), a member's profile, accounts and contact."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from cu_twin.config.enums import Segment
from cu_twin.console.formatting import humanise_code
from cu_twin.console.pages import Deps, is_fragment_request
from cu_twin.console.settings import MEMBERS_PAGE_SIZE, PAGE_NUMBER_MAX, SEARCH_TEXT_LENGTH_MAX
from cu_twin.console.views.accounts import account_rows
from cu_twin.console.views.common import pager
from cu_twin.console.views.members import contact_view, member_rows, member_view

log = logging.getLogger("cu_twin.console")
ACCOUNTS_PER_MEMBER_MAX = 200
SEGMENTS = [(s.value, humanise_code(s.value)) for s in Segment]
SegmentFilter = Annotated[
    str, Query(pattern="^(" + "|".join(["", *(s.value for s in Segment)]) + ")$")
]
SearchText = Annotated[str, Query(max_length=SEARCH_TEXT_LENGTH_MAX)]
PageNumber = Annotated[int, Query(ge=1, le=PAGE_NUMBER_MAX)]
CustomerId = Annotated[str, Path(min_length=1, max_length=64)]


def router(deps: Deps) -> APIRouter:
    routes = APIRouter()
    reader, tenant_id = deps.reader, deps.settings.tenant_id

    @routes.get("/members", response_class=HTMLResponse)
    def members_page(
        request: Request, q: SearchText = "", segment: SegmentFilter = "", page: PageNumber = 1
    ) -> HTMLResponse:
        tenant = deps.tenant()
        query = q.strip()
        found = reader.list_customers(
            tenant_id,
            limit=MEMBERS_PAGE_SIZE,
            offset=(page - 1) * MEMBERS_PAGE_SIZE,
            q=query or None,
            segment=segment or None,
        )
        context = {
            "active": "members",
            "tenant": tenant,
            "q": query,
            "segment": segment,
            "segments": SEGMENTS,
            "rows": member_rows(found.customers, tenant),
            "pager": pager(
                "/members",
                {"q": query, "segment": segment},
                page=page,
                size=MEMBERS_PAGE_SIZE,
                total=found.total,
                shown=len(found.customers),
            ),
        }
        return deps.render(request, "members.html", context)

    @routes.get("/members/{customer_id}", response_class=HTMLResponse)
    def member_page(
        request: Request, customer_id: CustomerId, reveal: bool = False
    ) -> HTMLResponse:
        tenant = deps.tenant()
        customer = reader.get_customer(tenant_id, customer_id)
        accounts = reader.list_accounts(
            tenant_id, customer_id=customer_id, limit=ACCOUNTS_PER_MEMBER_MAX
        ).accounts
        if reveal:
            log.info("console: contact details of customer %s revealed", customer_id)
        context = {
            "active": "members",
            "tenant": tenant,
            "member": member_view(customer, tenant),
            "contact": contact_view(customer, reveal=reveal),
            "accounts": account_rows(accounts),
        }
        return deps.render(request, "member.html", context)

    @routes.get("/members/{customer_id}/contact", response_class=HTMLResponse)
    def member_contact(
        request: Request, customer_id: CustomerId, reveal: bool = False
    ) -> HTMLResponse:
        """The contact card alone, masked or revealed (the member page's Reveal button)."""
        if not is_fragment_request(request):
            return member_page(request, customer_id, reveal)
        customer = reader.get_customer(tenant_id, customer_id)
        if reveal:
            log.info("console: contact details of customer %s revealed", customer_id)
        contact = contact_view(customer, reveal=reveal)
        return deps.render(request, "partials/contact.html", {"contact": contact})

    return routes
