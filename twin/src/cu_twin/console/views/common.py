"""View models every page shares: the tenant in the header, pagers, page windows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cu_twin.console.formatting import ResourceKind, resource_name
from turingcore_client import Tenant

FALLBACK_ZONE = "UTC"


@dataclass(frozen=True)
class TenantView:
    """The tenant as every page needs it: names, and the zone dates are shown in."""

    tenant_id: str
    display_name: str
    region: str
    zone: ZoneInfo
    base_currency: str
    status: str

    def name_of(self, kind: ResourceKind, ident: str) -> str:
        """The canonical resource name of one of this tenant's things."""
        return resource_name(self.region, self.tenant_id, kind, ident)

    @property
    def zone_name(self) -> str:
        return self.zone.key


def tenant_view(tenant: Tenant) -> TenantView:
    """The header view of a tenant record (an unknown zone falls back to UTC, visibly)."""
    try:
        zone = ZoneInfo(tenant.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(FALLBACK_ZONE)
    return TenantView(
        tenant_id=tenant.tenant_id,
        display_name=tenant.display_name,
        region=tenant.region,
        zone=zone,
        base_currency=tenant.base_currency,
        status=tenant.status,
    )


@dataclass(frozen=True)
class Pager:
    """Where a paged list is: page n of m, items first..last of total, and its links."""

    page: int
    pages: int
    total: int
    first_item: int
    last_item: int
    previous_url: str | None
    next_url: str | None


def page_count(total: int, size: int) -> int:
    """Pages needed for ``total`` items (at least 1, so an empty list is page 1 of 1)."""
    return max(1, -(-total // size))


def pager(
    path: str, params: Mapping[str, str], *, page: int, size: int, total: int, shown: int
) -> Pager:
    """The pager of page ``page`` (1-based) that shows ``shown`` of ``total`` items."""
    pages = page_count(total, size)

    def url(number: int) -> str:
        query = {k: v for k, v in params.items() if v}
        if number > 1:
            query["page"] = str(number)
        return f"{path}?{urlencode(query)}" if query else path

    first = (page - 1) * size + 1 if shown else 0
    return Pager(
        page=page,
        pages=pages,
        total=total,
        first_item=first,
        last_item=first + shown - 1 if shown else 0,
        previous_url=url(page - 1) if page > 1 else None,
        next_url=url(page + 1) if page < pages else None,
    )


def newest_first_window(total: int, page: int, size: int) -> tuple[int, int]:
    """``(offset, limit)`` of page ``page`` when a list served oldest first is shown newest first.

    Page 1 is the last ``size`` items; a page past the end gives ``limit`` 0.
    """
    end = total - (page - 1) * size
    if end <= 0:
        return 0, 0
    start = max(0, end - size)
    return start, end - start
