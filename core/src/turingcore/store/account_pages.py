"""One page of an account's events, for both stores (``?`` placeholders; PostgreSQL's
adapter swaps them for ``%s``).

The page's positions are chosen first, from the account-event index alone, and only then
joined to the events. Joining first made the database build and discard a whole event
row for every skipped one, so a late page of a busy GL account (700,000 events at
10,000 members x 30 days) cost seconds; now an offset skips short index entries.
Parameters: tenant, account, limit, offset, tenant.
"""

from __future__ import annotations

ACCOUNT_PAGE_SQL = (
    "SELECT e.body, e.hash FROM ("
    "SELECT position FROM account_events WHERE tenant_id = ? AND account_id = ? "
    "ORDER BY position LIMIT ? OFFSET ?"
    ") page JOIN events e ON e.tenant_id = ? AND e.position = page.position "
    "ORDER BY page.position"
)
