"""Entity rows a write inserts at once, because later commands of the batch query them."""

from __future__ import annotations

import json
from typing import Any

import psycopg

from turingcore.projections.changes import AccountRow, Change, CustomerRow, ProductRow, TenantRow
from turingcore.store.chain import GENESIS_HASH

Connection = psycopg.Connection[tuple[Any, ...]]


def dumps(value: Any) -> str:
    """JSON text exactly as the SQLite adapter stores it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def insert_entity(conn: Connection, t: str, change: Change) -> None:
    """Rows later commands query at once: tenants, products, customers, accounts."""
    if isinstance(change, AccountRow):
        conn.execute(
            "INSERT INTO accounts (tenant_id, account_id, seq, kind, customer_id, product_code, "
            "account_type, normal_balance, status, currency, floor_cents, ceiling_cents, "
            "opened_at, record) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                t,
                change.account_id,
                change.seq,
                str(change.kind),
                change.customer_id,
                change.product_code,
                change.account_type,
                change.normal_balance,
                change.status,
                change.currency,
                change.floor_cents,
                change.ceiling_cents,
                change.opened_at,
                dumps(change.record),
            ),
        )
    elif isinstance(change, CustomerRow):
        conn.execute(
            "INSERT INTO customers (tenant_id, customer_id, seq, external_ref, email, mobile, "
            "full_name, segment, status, date_of_birth, search_text, record) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                t,
                change.customer_id,
                change.seq,
                change.external_ref,
                change.email,
                change.mobile,
                change.full_name,
                change.segment,
                change.status,
                change.date_of_birth,
                change.search_text,
                dumps(change.record),
            ),
        )
    elif isinstance(change, ProductRow):
        conn.execute(
            "INSERT INTO products (tenant_id, product_code, product_type, record) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (tenant_id, product_code) DO UPDATE "
            "SET product_type = EXCLUDED.product_type, record = EXCLUDED.record",
            (t, change.product_code, change.product_type, dumps(change.record)),
        )
    elif isinstance(change, TenantRow):
        conn.execute(
            "INSERT INTO tenants (tenant_id, base_currency, time_zone, record, head_position, "
            "head_hash) VALUES (%s, %s, %s, %s, 0, %s)",
            (
                t,
                change.record["baseCurrency"],
                change.record["timeZone"],
                dumps(change.record),
                GENESIS_HASH,
            ),
        )
    else:  # pragma: no cover - the union is exhaustive
        raise AssertionError(f"unknown change {change!r}")
