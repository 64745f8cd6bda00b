"""The read side of the PostgreSQL store: every query runs in a read-only transaction with
the tenant set for row-level security (``PostgresStore._read``), so each statement's own
``tenant_id = %s`` is the second line of defence, not the only one.

PostgreSQL text cannot hold a NUL character, so no stored key contains one: a lookup whose
key or filter does is answered "nothing" at once (as SQLite answers it), rather than
letting the driver refuse the parameter with an error.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ParamSpec, TypeVar, cast

from turingcore.store.account_pages import ACCOUNT_PAGE_SQL
from turingcore.store.base import AccountRecord, Page
from turingcore.store.chain import GENESIS_HASH
from turingcore.store.postgres_rows import Connection
from turingcore.store.records import ChainHead

EVENT_SCAN_PAGE = 5_000
"""Events per query when ``iter_events`` walks a whole chain."""
ACCOUNT_COLUMNS = (
    "account_id, kind, customer_id, product_code, account_type, normal_balance, status, "
    "currency, floor_cents, ceiling_cents, balance_cents, debit_cents, credit_cents, "
    "opened_at, record"
)


def _account_record(row: Sequence[Any]) -> AccountRecord:
    return AccountRecord(
        account_id=row[0],
        kind=row[1],
        customer_id=row[2],
        product_code=row[3],
        account_type=row[4],
        normal_balance=row[5],
        status=row[6],
        currency=row[7],
        floor_cents=row[8],
        ceiling_cents=row[9],
        balance_cents=row[10],
        debit_cents=row[11],
        credit_cents=row[12],
        opened_at=row[13],
        record=json.loads(row[14]),
    )


P = ParamSpec("P")
R = TypeVar("R")
NUL = "\x00"


def nothing_if_nul(empty: Callable[[], object]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Answer ``empty()`` (the method's "nothing") when any text argument holds a NUL."""

    def decorate(method: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(method)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
            if any(isinstance(v, str) and NUL in v for v in (*args, *kwargs.values())):
                return cast(R, empty())
            return method(*args, **kwargs)

        return guarded

    return decorate


def _empty_page() -> Page:
    return Page([], 0)


def scalar(row: Sequence[Any] | None) -> Any:
    assert row is not None, "an aggregate query returns one row"
    return row[0]


class TenantReads:
    """The store contract's queries, given a way to open a tenant's read transaction."""

    def _read(self, tenant_id: str | None) -> AbstractContextManager[Connection]:
        raise NotImplementedError

    def _one(self, tenant_id: str | None, sql: str, params: Sequence[Any]) -> Any:
        with self._read(tenant_id) as conn:
            return conn.execute(sql, params).fetchone()

    def _record(self, tenant_id: str, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        row = self._one(tenant_id, sql, params)
        return None if row is None else dict(json.loads(row[0]))

    @nothing_if_nul(lambda: None)
    def tenant_record(self, tenant_id: str) -> dict[str, Any] | None:
        return self._record(
            tenant_id, "SELECT record FROM tenants WHERE tenant_id = %s", (tenant_id,)
        )

    @nothing_if_nul(list)
    def products(self, tenant_id: str) -> list[dict[str, Any]]:
        with self._read(tenant_id) as conn:
            rows = conn.execute(
                "SELECT record FROM products WHERE tenant_id = %s ORDER BY product_code",
                (tenant_id,),
            ).fetchall()
        return [json.loads(r[0]) for r in rows]

    @nothing_if_nul(lambda: None)
    def product(self, tenant_id: str, code: str) -> dict[str, Any] | None:
        return self._record(
            tenant_id,
            "SELECT record FROM products WHERE tenant_id = %s AND product_code = %s",
            (tenant_id, code),
        )

    @nothing_if_nul(_empty_page)
    def customers(
        self,
        tenant_id: str,
        *,
        limit: int,
        offset: int,
        q: str | None,
        segment: str | None,
        status: str | None,
    ) -> Page:
        where, params = ["tenant_id = %s"], [tenant_id]
        if q:
            escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("search_text LIKE %s ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if segment:
            where.append("segment = %s")
            params.append(segment)
        if status:
            where.append("status = %s")
            params.append(status)
        clause = " AND ".join(where)
        with self._read(tenant_id) as conn:
            total = conn.execute(f"SELECT count(*) FROM customers WHERE {clause}", params)  # noqa: S608
            count = scalar(total.fetchone())
            rows = conn.execute(
                f"SELECT record FROM customers WHERE {clause} ORDER BY seq LIMIT %s OFFSET %s",  # noqa: S608
                [*params, limit, offset],
            ).fetchall()
        return Page([json.loads(r[0]) for r in rows], count)

    @nothing_if_nul(lambda: None)
    def customer(self, tenant_id: str, customer_id: str) -> dict[str, Any] | None:
        return self._record(
            tenant_id,
            "SELECT record FROM customers WHERE tenant_id = %s AND customer_id = %s",
            (tenant_id, customer_id),
        )

    @nothing_if_nul(_empty_page)
    def accounts(
        self,
        tenant_id: str,
        *,
        kind: str,
        customer_id: str | None,
        product_code: str | None,
        limit: int,
        offset: int,
    ) -> Page:
        where, params = ["tenant_id = %s", "kind = %s"], [tenant_id, kind]
        if customer_id:
            where.append("customer_id = %s")
            params.append(customer_id)
        if product_code:
            where.append("product_code = %s")
            params.append(product_code)
        clause = " AND ".join(where)
        with self._read(tenant_id) as conn:
            count = scalar(
                conn.execute(f"SELECT count(*) FROM accounts WHERE {clause}", params).fetchone()  # noqa: S608
            )
            rows = conn.execute(
                f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {clause} "  # noqa: S608
                "ORDER BY seq, account_id LIMIT %s OFFSET %s",
                [*params, limit, offset],
            ).fetchall()
        return Page([_account_record(r) for r in rows], count)

    @nothing_if_nul(lambda: None)
    def account(self, tenant_id: str, account_id: str) -> AccountRecord | None:
        row = self._one(
            tenant_id,
            f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE tenant_id = %s AND account_id = %s",  # noqa: S608
            (tenant_id, account_id),
        )
        return None if row is None else _account_record(row)

    @nothing_if_nul(list)
    def all_accounts(self, tenant_id: str) -> list[AccountRecord]:
        with self._read(tenant_id) as conn:
            rows = conn.execute(
                f"SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE tenant_id = %s "  # noqa: S608
                "ORDER BY kind DESC, seq, account_id",
                (tenant_id,),
            ).fetchall()
        return [_account_record(r) for r in rows]

    @nothing_if_nul(_empty_page)
    def account_events(self, tenant_id: str, account_id: str, *, limit: int, offset: int) -> Page:
        with self._read(tenant_id) as conn:
            count = scalar(
                conn.execute(
                    "SELECT count(*) FROM account_events WHERE tenant_id = %s AND account_id = %s",
                    (tenant_id, account_id),
                ).fetchone()
            )
            rows = conn.execute(
                ACCOUNT_PAGE_SQL.replace("?", "%s"),
                (tenant_id, account_id, limit, offset, tenant_id),
            ).fetchall()
        return Page([(r[0], r[1]) for r in rows], count)

    @nothing_if_nul(list)
    def events_after(self, tenant_id: str, after: int, limit: int) -> list[tuple[str, str]]:
        with self._read(tenant_id) as conn:
            rows = conn.execute(
                "SELECT body, hash FROM events WHERE tenant_id = %s AND position > %s "
                "ORDER BY position LIMIT %s",
                (tenant_id, after, limit),
            ).fetchall()
        return [(r[0], r[1]) for r in rows]

    @nothing_if_nul(lambda: iter(()))
    def iter_events(self, tenant_id: str, up_to: int) -> Iterator[tuple[int, str, str]]:
        after = 0
        while after < up_to:
            with self._read(tenant_id) as conn:
                rows = conn.execute(
                    "SELECT position, body, hash FROM events WHERE tenant_id = %s "
                    "AND position > %s AND position <= %s ORDER BY position LIMIT %s",
                    (tenant_id, after, up_to, EVENT_SCAN_PAGE),
                ).fetchall()
            if not rows:
                return
            for row in rows:
                yield row[0], row[1], row[2]
            after = rows[-1][0]

    @nothing_if_nul(lambda: ChainHead(0, GENESIS_HASH))
    def chain_head(self, tenant_id: str) -> ChainHead:
        row = self._one(
            tenant_id,
            "SELECT head_position, head_hash FROM tenants WHERE tenant_id = %s",
            (tenant_id,),
        )
        return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(row[0], row[1])
