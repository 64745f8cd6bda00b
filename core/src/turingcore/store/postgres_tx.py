"""The write side of one tenant inside an open PostgreSQL transaction.

``begin_tenant_write`` sets the tenant for row-level security and takes the tenant's write
lock before anything is read: the tenant's row ``FOR UPDATE`` when the tenant exists, else
a transaction-scoped advisory lock on its id (so two CreateTenant of one code serialise
too). Every writer of a tenant, in any process, holds that lock until COMMIT, so what the
transaction caches (tenant, chain head, touched accounts) cannot go stale, positions stay
gap-free and the chain linear; writers of other tenants do not wait.

Like the SQLite adapter, a batch caches and buffers: rows of events, account links,
balances and remembered commands are written by ``flush`` just before COMMIT; entities
later commands look up (tenant, products, customers, accounts) are inserted at once.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from turingcore.domain.snapshot import Needs, Snapshot
from turingcore.domain.state import AccountState, CustomerState, ProductState, TenantState
from turingcore.domain.types import AccountKind, AccountStatus, CustomerStatus, Direction
from turingcore.projections.changes import (
    AccountEventLink,
    BalanceChange,
    Change,
    TenantRow,
)
from turingcore.store.chain import GENESIS_HASH
from turingcore.store.command_memory import CommandMemory, Unknown
from turingcore.store.postgres_rows import Connection, dumps, insert_entity
from turingcore.store.records import ChainHead, SealedEvent, StoredCommand

TENANT_LOCK_NAMESPACE = 7_310_002
"""First key of the advisory lock taken for a tenant that has no row yet."""

_TENANT_ROW = (
    "SELECT base_currency, time_zone, head_position, head_hash FROM tenants "
    "WHERE tenant_id = %s FOR UPDATE"
)


def begin_tenant_write(conn: Connection, tenant_id: str) -> PostgresTenantTransaction:
    """Set the tenant, take its write lock, and read its row under that lock.

    A tenant id holding a NUL cannot exist in PostgreSQL: it gets an empty transaction.
    """
    if "\x00" in tenant_id:
        return PostgresTenantTransaction(conn, tenant_id, None, ChainHead(0, GENESIS_HASH))
    conn.execute("SELECT set_config('app.tenant_id', %s, true)", (tenant_id,))
    row = conn.execute(_TENANT_ROW, (tenant_id,)).fetchone()
    if row is None:
        conn.execute(
            "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (TENANT_LOCK_NAMESPACE, tenant_id)
        )
        # READ COMMITTED: this statement sees a tenant committed while we waited.
        row = conn.execute(_TENANT_ROW, (tenant_id,)).fetchone()
    if row is None:
        return PostgresTenantTransaction(conn, tenant_id, None, ChainHead(0, GENESIS_HASH))
    return PostgresTenantTransaction(
        conn, tenant_id, TenantState(tenant_id, row[0], row[1]), ChainHead(row[2], row[3])
    )


class PostgresTenantTransaction:
    """``TenantTransaction`` on a connection that holds the tenant's write lock."""

    def __init__(
        self, conn: Connection, tenant_id: str, tenant: TenantState | None, head: ChainHead
    ) -> None:
        self._conn = conn
        self._tenant_id = tenant_id
        self._tenant = tenant
        self._head = head
        self._first_head = head
        self._accounts: dict[str, AccountState] = {}
        self._events: list[tuple[object, ...]] = []
        self._links: list[tuple[str, str, int]] = []
        self._balances: dict[str, list[int]] = {}
        self._commands = CommandMemory()

    def tenant(self) -> TenantState | None:
        return self._tenant

    def head(self) -> ChainHead:
        return self._head

    def load(self, needs: Needs) -> Snapshot:
        t, conn = self._tenant_id, self._conn
        products = {}
        if needs.product_codes:
            for code, kind, record in conn.execute(
                "SELECT product_code, product_type, record FROM products "
                "WHERE tenant_id = %s AND product_code = ANY(%s)",
                (t, list(needs.product_codes)),
            ):
                products[code] = ProductState(code, kind, json.loads(record))
        customers = {}
        if needs.customer_ids:
            for customer_id, status, born in conn.execute(
                "SELECT customer_id, status, date_of_birth FROM customers "
                "WHERE tenant_id = %s AND customer_id = ANY(%s)",
                (t, list(needs.customer_ids)),
            ):
                customers[customer_id] = CustomerState(
                    customer_id, CustomerStatus(status), date.fromisoformat(born)
                )
        self._load_accounts([a for a in needs.account_ids if a not in self._accounts])
        accounts = {a: self._accounts[a] for a in needs.account_ids if a in self._accounts}
        return Snapshot(
            self._tenant, products, customers, accounts, self._taken_keys(needs.customer_keys)
        )

    def _load_accounts(self, account_ids: list[str]) -> None:
        if not account_ids:
            return
        for row in self._conn.execute(
            "SELECT account_id, kind, account_type, normal_balance, status, currency, "
            "balance_cents, floor_cents, ceiling_cents, customer_id FROM accounts "
            "WHERE tenant_id = %s AND account_id = ANY(%s)",
            (self._tenant_id, account_ids),
        ):
            self._accounts[row[0]] = AccountState(
                row[0],
                AccountKind(row[1]),
                row[2],
                Direction(row[3]),
                AccountStatus(row[4]),
                row[5],
                row[6],
                row[7],
                row[8],
                row[9],
            )

    def _taken_keys(self, keys: tuple[str | None, str | None, str | None] | None) -> frozenset[str]:
        if keys is None or all(k is None for k in keys):
            return frozenset()
        email, mobile, external_ref = keys
        row = self._conn.execute(
            "SELECT coalesce(bool_or(email = %s), false), coalesce(bool_or(mobile = %s), false), "
            "coalesce(bool_or(external_ref = %s), false) FROM customers WHERE tenant_id = %s "
            "AND (email = %s OR mobile = %s OR external_ref = %s)",
            (email, mobile, external_ref, self._tenant_id, email, mobile, external_ref),
        ).fetchone()
        assert row is not None
        return frozenset(
            name
            for name, taken in zip(("email", "mobile", "externalRef"), row, strict=True)
            if taken
        )

    def prefetch_commands(self, keys: Sequence[tuple[str, str | None]]) -> None:
        rows = self._conn.execute(
            "SELECT command_id, idempotency_key, content_hash, response FROM commands "
            "WHERE tenant_id = %s AND (command_id = ANY(%s) OR idempotency_key = ANY(%s))",
            (
                self._tenant_id,
                [command_id for command_id, _ in keys],
                [key for _, key in keys if key is not None],
            ),
        ).fetchall()
        self._commands.learn(
            keys, (StoredCommand(r[0], r[1], r[2], json.loads(r[3])) for r in rows)
        )

    def find_command(self, command_id: str, idempotency_key: str | None) -> StoredCommand | None:
        known = self._commands.recall(command_id, idempotency_key)
        if not isinstance(known, Unknown):
            return known
        # One query for both keys; a commandId match wins over an idempotencyKey match.
        row = self._conn.execute(
            "SELECT command_id, idempotency_key, content_hash, response FROM commands "
            "WHERE tenant_id = %s AND (command_id = %s OR idempotency_key = %s) "
            "ORDER BY command_id = %s DESC LIMIT 1",
            (self._tenant_id, command_id, idempotency_key, command_id),
        ).fetchone()
        if row is None:
            return None
        return StoredCommand(row[0], row[1], row[2], json.loads(row[3]))

    def append(
        self, events: Sequence[SealedEvent], changes: Sequence[Change], command: StoredCommand
    ) -> None:
        t = self._tenant_id
        for change in changes:
            if isinstance(change, BalanceChange):
                self._buffer_balance(change)
            elif isinstance(change, AccountEventLink):
                self._links.append((t, change.account_id, change.position))
            else:
                insert_entity(self._conn, t, change)
                if isinstance(change, TenantRow):
                    record = change.record
                    self._tenant = TenantState(t, record["baseCurrency"], record["timeZone"])
        for e in events:
            self._events.append(
                (t, e.position, e.event_id, e.event_type, e.stream_id, e.body, e.hash)
            )
        if events:
            self._head = ChainHead(events[-1].position, events[-1].hash)
        self._commands.remember(command)

    def _buffer_balance(self, change: BalanceChange) -> None:
        pending = self._balances.setdefault(change.account_id, [0, 0, 0])
        pending[0] = change.balance_after_cents
        pending[1] += change.debit_cents
        pending[2] += change.credit_cents
        if change.account_id not in self._accounts:
            self._load_accounts([change.account_id])
        account = self._accounts.get(change.account_id)
        assert account is not None, "a balance change for an account that does not exist"
        self._accounts[change.account_id] = account.with_balance(change.balance_after_cents)

    def flush(self) -> None:
        """Write every buffered row; called once, just before COMMIT."""
        t = self._tenant_id
        with self._conn.cursor() as cur:
            if self._balances:
                cur.executemany(
                    "UPDATE accounts SET balance_cents = %s, debit_cents = debit_cents + %s, "
                    "credit_cents = credit_cents + %s WHERE tenant_id = %s AND account_id = %s",
                    [(b, d, c, t, a) for a, (b, d, c) in self._balances.items()],
                )
            if self._links:
                cur.executemany(
                    "INSERT INTO account_events (tenant_id, account_id, position) VALUES (%s, %s, %s) "
                    "ON CONFLICT DO NOTHING",
                    self._links,
                )
            if self._events:
                first = self._first_head.position + 1
                positions = [row[1] for row in self._events]
                assert positions == list(range(first, first + len(positions))), "position gap"
                cur.executemany(
                    "INSERT INTO events (tenant_id, position, event_id, event_type, stream_id, body, "
                    "hash) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                    self._events,
                )
                cur.execute(
                    "UPDATE tenants SET head_position = %s, head_hash = %s WHERE tenant_id = %s",
                    (self._head.position, self._head.hash, t),
                )
            if self._commands.written:
                cur.executemany(
                    "INSERT INTO commands (tenant_id, command_id, idempotency_key, content_hash, "
                    "response) VALUES (%s, %s, %s, %s, %s)",
                    [
                        (t, c.command_id, c.idempotency_key, c.content_hash, dumps(c.response))
                        for c in self._commands.written.values()
                    ],
                )
