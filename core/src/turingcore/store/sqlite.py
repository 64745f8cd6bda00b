"""The embedded store: one SQLite file in WAL mode.

One process serves a data directory (an exclusive ``flock`` proves it), and inside it one
write connection behind a lock serialises every writer; readers use their own connections
and see only committed transactions. ``synchronous=NORMAL`` in WAL mode keeps every
committed transaction across a process crash (an OS crash may lose the last few).
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from turingcore.domain.snapshot import Needs, Snapshot
from turingcore.domain.state import AccountState, CustomerState, ProductState, TenantState
from turingcore.domain.types import AccountKind, AccountStatus, CustomerStatus, Direction
from turingcore.projections.changes import (
    AccountEventLink,
    AccountRow,
    BalanceChange,
    Change,
    CustomerRow,
    ProductRow,
    TenantRow,
)
from turingcore.store.account_pages import ACCOUNT_PAGE_SQL
from turingcore.store.base import AccountRecord, ApiKeyRecord, Page, StoreBusyError
from turingcore.store.chain import GENESIS_HASH
from turingcore.store.command_memory import CommandMemory, Unknown
from turingcore.store.records import ChainHead, SealedEvent, StoredCommand

DB_FILE_NAME = "turingcore.sqlite3"
CHECKPOINT_INTERVAL_S = 1.0
"""WAL checkpoints run on their own connection and thread, off the request path."""
WAL_RESET_BYTES = 256 * 1024 * 1024
"""Under a writer that never pauses, a passive checkpoint never catches the WAL's end, so
SQLite never starts the WAL over and it grows without bound (3 GiB at 10,000 members x
30 days), and every read of a page not in the WAL searches all of its index. Past this
size the writer, after its next commit, checkpoints the short tail a passive pass left and
truncates the WAL (once per this many bytes written, so rarely on the request path)."""
WRITER_CACHE_KIB = 128 * 1024
READER_CACHE_KIB = 16 * 1024
"""SQLite's default page cache is 2 MiB per connection. Past a few hundred thousand
events the writer's index pages (commands by id and by idempotency key, account events)
no longer fit and every insert re-reads pages from the OS (10,000 x 30: 746 s -> 341 s).
The cache only grows as pages are touched, so a small tenant pays nothing for the limit."""
LOCK_FILE_NAME = "turingcore.lock"
BUSY_TIMEOUT_MS = 10_000
EVENT_SCAN_PAGE = 5_000

_ACCOUNT_COLUMNS = (
    "account_id, kind, customer_id, product_code, account_type, normal_balance, status, "
    "currency, floor_cents, ceiling_cents, balance_cents, debit_cents, credit_cents, "
    "opened_at, record"
)


_COMMANDS_BY_IDS = (
    "SELECT command_id, idempotency_key, content_hash, response FROM commands "
    "WHERE tenant_id = ? AND command_id IN (SELECT value FROM json_each(?))"
)
_COMMANDS_BY_KEYS = (
    "SELECT command_id, idempotency_key, content_hash, response FROM commands "
    "WHERE tenant_id = ? AND idempotency_key IN (SELECT value FROM json_each(?))"
)


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode("utf-8")


def _connect(path: Path, cache_kib: int = READER_CACHE_KIB) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = -{cache_kib}")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


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


def migration_scripts() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every packaged SQLite migration, in order."""
    folder = resources.files("turingcore.store.migrations")
    scripts = []
    for entry in folder.iterdir():
        name = entry.name
        if name.startswith("sqlite_") and name.endswith(".sql"):
            scripts.append((int(name.split("_")[1]), name, entry.read_text("utf-8")))
    return sorted(scripts)


class SqliteTenantTransaction:
    """The write side of one tenant inside an open SQLite transaction.

    A batch of commands runs in one transaction, so the tenant, the chain head and the
    accounts it touches are read once and then kept here; the rows of events, account
    links, balances and remembered commands are buffered and written with ``executemany``
    by ``flush`` just before COMMIT. Entities that later commands look up by query
    (tenant, products, customers, accounts) are inserted at once.
    """

    def __init__(self, conn: sqlite3.Connection, tenant_id: str) -> None:
        self._conn = conn
        self._tenant_id = tenant_id
        self._tenant: TenantState | None = None
        self._head: ChainHead | None = None
        self._accounts: dict[str, AccountState] = {}
        self._events: list[tuple[object, ...]] = []
        self._links: list[tuple[str, str, int]] = []
        self._balances: dict[str, list[int]] = {}
        self._commands = CommandMemory()

    def tenant(self) -> TenantState | None:
        if self._tenant is None:
            row = self._conn.execute(
                "SELECT base_currency, time_zone FROM tenants WHERE tenant_id = ?",
                (self._tenant_id,),
            ).fetchone()
            self._tenant = None if row is None else TenantState(self._tenant_id, row[0], row[1])
        return self._tenant

    def head(self) -> ChainHead:
        if self._head is None:
            row = self._conn.execute(
                "SELECT head_position, head_hash FROM tenants WHERE tenant_id = ?",
                (self._tenant_id,),
            ).fetchone()
            self._head = ChainHead(0, GENESIS_HASH) if row is None else ChainHead(row[0], row[1])
        return self._head

    def load(self, needs: Needs) -> Snapshot:
        t = self._tenant_id
        products = {}
        for code in needs.product_codes:
            row = self._conn.execute(
                "SELECT product_type, record FROM products WHERE tenant_id = ? AND product_code = ?",
                (t, code),
            ).fetchone()
            if row is not None:
                products[code] = ProductState(code, row[0], json.loads(row[1]))
        customers = {}
        for customer_id in needs.customer_ids:
            row = self._conn.execute(
                "SELECT status, date_of_birth FROM customers WHERE tenant_id = ? AND customer_id = ?",
                (t, customer_id),
            ).fetchone()
            if row is not None:
                customers[customer_id] = CustomerState(
                    customer_id, CustomerStatus(row[0]), _date(row[1])
                )
        accounts = {}
        for account_id in needs.account_ids:
            account = self._account(account_id)
            if account is not None:
                accounts[account_id] = account
        return Snapshot(
            self.tenant(), products, customers, accounts, self._taken_keys(needs.customer_keys)
        )

    def _account(self, account_id: str) -> AccountState | None:
        cached = self._accounts.get(account_id)
        if cached is not None:
            return cached
        row = self._conn.execute(
            "SELECT kind, account_type, normal_balance, status, currency, balance_cents, "
            "floor_cents, ceiling_cents, customer_id FROM accounts "
            "WHERE tenant_id = ? AND account_id = ?",
            (self._tenant_id, account_id),
        ).fetchone()
        if row is None:
            return None
        account = AccountState(
            account_id,
            AccountKind(row[0]),
            row[1],
            Direction(row[2]),
            AccountStatus(row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
        )
        self._accounts[account_id] = account
        return account

    def _taken_keys(self, keys: tuple[str | None, str | None, str | None] | None) -> frozenset[str]:
        if keys is None:
            return frozenset()
        taken = set()
        for name, column, value in zip(
            ("email", "mobile", "externalRef"),
            ("email", "mobile", "external_ref"),
            keys,
            strict=True,
        ):
            if (
                value is not None
                and self._conn.execute(
                    f"SELECT 1 FROM customers WHERE tenant_id = ? AND {column} = ?",  # noqa: S608
                    (self._tenant_id, value),
                ).fetchone()
            ):
                taken.add(name)
        return frozenset(taken)

    def prefetch_commands(self, keys: Sequence[tuple[str, str | None]]) -> None:
        ids = [command_id for command_id, _ in keys]
        idempotency_keys = [key for _, key in keys if key is not None]
        rows = self._conn.execute(_COMMANDS_BY_IDS, (self._tenant_id, _dumps(ids))).fetchall()
        if idempotency_keys:
            rows += self._conn.execute(
                _COMMANDS_BY_KEYS, (self._tenant_id, _dumps(idempotency_keys))
            ).fetchall()
        self._commands.learn(keys, (_stored_command(row) for row in rows))

    def find_command(self, command_id: str, idempotency_key: str | None) -> StoredCommand | None:
        known = self._commands.recall(command_id, idempotency_key)
        if not isinstance(known, Unknown):
            return known
        row = self._conn.execute(
            "SELECT command_id, idempotency_key, content_hash, response FROM commands "
            "WHERE tenant_id = ? AND command_id = ?",
            (self._tenant_id, command_id),
        ).fetchone()
        if row is None and idempotency_key is not None:
            row = self._conn.execute(
                "SELECT command_id, idempotency_key, content_hash, response FROM commands "
                "WHERE tenant_id = ? AND idempotency_key = ?",
                (self._tenant_id, idempotency_key),
            ).fetchone()
        return None if row is None else _stored_command(row)

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
                _insert_entity(self._conn, t, change)
                if isinstance(change, TenantRow):
                    self._tenant = None
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
        account = self._account(change.account_id)
        assert account is not None, "a balance change for an account that does not exist"
        self._accounts[change.account_id] = account.with_balance(change.balance_after_cents)

    def flush(self) -> None:
        """Write every buffered row; called once, just before COMMIT."""
        t, conn = self._tenant_id, self._conn
        if self._balances:
            conn.executemany(
                "UPDATE accounts SET balance_cents = ?, debit_cents = debit_cents + ?, "
                "credit_cents = credit_cents + ? WHERE tenant_id = ? AND account_id = ?",
                [(b, d, c, t, a) for a, (b, d, c) in self._balances.items()],
            )
        if self._links:
            conn.executemany(
                "INSERT OR IGNORE INTO account_events (tenant_id, account_id, position) VALUES (?, ?, ?)",
                self._links,
            )
        if self._events:
            conn.executemany(
                "INSERT INTO events (tenant_id, position, event_id, event_type, stream_id, body, hash) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                self._events,
            )
            assert self._head is not None
            conn.execute(
                "UPDATE tenants SET head_position = ?, head_hash = ? WHERE tenant_id = ?",
                (self._head.position, self._head.hash, t),
            )
        if self._commands.written:
            conn.executemany(
                "INSERT INTO commands (tenant_id, command_id, idempotency_key, content_hash, response) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (t, c.command_id, c.idempotency_key, c.content_hash, _dumps(c.response))
                    for c in self._commands.written.values()
                ],
            )


def _stored_command(row: Sequence[Any]) -> StoredCommand:
    return StoredCommand(row[0], row[1], row[2], json.loads(row[3]))


def _date(text: str) -> Any:
    from datetime import date  # noqa: PLC0415 - keeps the hot import list short

    return date.fromisoformat(text)


def _insert_entity(conn: sqlite3.Connection, t: str, change: Change) -> None:
    """Rows later commands query at once: tenants, products, customers, accounts."""
    if isinstance(change, AccountRow):
        conn.execute(
            "INSERT INTO accounts (tenant_id, account_id, seq, kind, customer_id, product_code, "
            "account_type, normal_balance, status, currency, floor_cents, ceiling_cents, opened_at, record) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                t,
                change.account_id,
                change.seq,
                change.kind,
                change.customer_id,
                change.product_code,
                change.account_type,
                change.normal_balance,
                change.status,
                change.currency,
                change.floor_cents,
                change.ceiling_cents,
                change.opened_at,
                _dumps(change.record),
            ),
        )
    elif isinstance(change, CustomerRow):
        conn.execute(
            "INSERT INTO customers (tenant_id, customer_id, seq, external_ref, email, mobile, full_name, "
            "segment, status, date_of_birth, search_text, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                _dumps(change.record),
            ),
        )
    elif isinstance(change, ProductRow):
        conn.execute(
            "INSERT OR REPLACE INTO products (tenant_id, product_code, product_type, record) VALUES (?, ?, ?, ?)",
            (t, change.product_code, change.product_type, _dumps(change.record)),
        )
    elif isinstance(change, TenantRow):
        conn.execute(
            "INSERT INTO tenants (tenant_id, base_currency, time_zone, record, head_position, head_hash) "
            "VALUES (?, ?, ?, ?, 0, ?)",
            (
                t,
                change.record["baseCurrency"],
                change.record["timeZone"],
                _dumps(change.record),
                GENESIS_HASH,
            ),
        )
    else:  # pragma: no cover - the union is exhaustive
        raise AssertionError(f"unknown change {change!r}")


class SqliteStore:
    """The embedded SQLite adapter of the store contract (``turingcore.store.base.Store``)."""

    def __init__(
        self,
        data_dir: Path,
        *,
        exclusive: bool = True,
        checkpoint_interval_s: float = CHECKPOINT_INTERVAL_S,
        wal_reset_bytes: int = WAL_RESET_BYTES,
    ) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self._checkpoint_interval_s = checkpoint_interval_s
        self._wal_reset_bytes = wal_reset_bytes
        self._path = data_dir / DB_FILE_NAME
        self._lock_file: int | None = None
        if exclusive:
            self._lock_file = os.open(data_dir / LOCK_FILE_NAME, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError as exc:
                os.close(self._lock_file)
                raise StoreBusyError(f"another turingcore process is serving {data_dir}") from exc
        self._writer = _connect(self._path, WRITER_CACHE_KIB)
        self._writer.execute("PRAGMA journal_mode = WAL")
        # A commit that crosses the auto-checkpoint threshold would copy the WAL into the
        # database on the request path; the checkpointer thread does that instead.
        self._writer.execute("PRAGMA wal_autocheckpoint = 0")
        self._write_lock = threading.Lock()
        self._wal_reset_due = threading.Event()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()
        self.migrate()
        self._stop = threading.Event()
        self._checkpointer = threading.Thread(
            target=self._checkpoint_loop, name="turingcore-wal-checkpoint", daemon=True
        )
        self._checkpointer.start()

    def _checkpoint_loop(self) -> None:
        conn = _connect(self._path)
        try:
            while not self._stop.wait(self._checkpoint_interval_s):
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
                if self._wal_bytes() > self._wal_reset_bytes:
                    self._wal_reset_due.set()
        finally:
            conn.close()

    def _wal_bytes(self) -> int:
        try:
            return os.stat(f"{self._path}-wal").st_size
        except FileNotFoundError:
            return 0

    # --- schema -----------------------------------------------------------------------
    def _applied_versions(self) -> set[int]:
        self._writer.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)"
        )
        return {row[0] for row in self._writer.execute("SELECT version FROM schema_migrations")}

    def pending_migrations(self) -> list[str]:
        with self._write_lock:
            applied = self._applied_versions()
        return [name for version, name, _ in migration_scripts() if version not in applied]

    def migrate(self) -> list[str]:
        """Apply every pending migration, each in its own transaction; return their names."""
        done = []
        with self._write_lock:
            applied = self._applied_versions()
            for version, name, sql in migration_scripts():
                if version in applied:
                    continue
                self._writer.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _split_sql(sql):
                        self._writer.execute(statement)
                    self._writer.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?)", (version, name)
                    )
                    self._writer.execute("COMMIT")
                except BaseException:
                    self._writer.execute("ROLLBACK")
                    raise
                done.append(name)
        return done

    # --- writes -----------------------------------------------------------------------
    @contextmanager
    def write(self, tenant_id: str) -> Iterator[SqliteTenantTransaction]:
        with self._write_lock:
            self._writer.execute("BEGIN IMMEDIATE")
            try:
                tx = SqliteTenantTransaction(self._writer, tenant_id)
                yield tx
                tx.flush()
            except BaseException:
                self._writer.execute("ROLLBACK")
                raise
            self._writer.execute("COMMIT")
            if self._wal_reset_due.is_set():
                # The writer itself, between transactions: a checkpointer waiting for the
                # write lock would starve behind a writer that takes it back at once.
                self._wal_reset_due.clear()
                self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # --- reads ------------------------------------------------------------------------
    def _reader(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = _connect(self._path)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        return conn

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        return self._reader().execute(sql, params).fetchone()

    def tenant_record(self, tenant_id: str) -> dict[str, Any] | None:
        row = self._one("SELECT record FROM tenants WHERE tenant_id = ?", (tenant_id,))
        return None if row is None else dict(json.loads(row[0]))

    def products(self, tenant_id: str) -> list[dict[str, Any]]:
        rows = self._reader().execute(
            "SELECT record FROM products WHERE tenant_id = ? ORDER BY product_code", (tenant_id,)
        )
        return [json.loads(r[0]) for r in rows]

    def product(self, tenant_id: str, code: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT record FROM products WHERE tenant_id = ? AND product_code = ?",
            (tenant_id, code),
        )
        return None if row is None else dict(json.loads(row[0]))

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
        where, params = ["tenant_id = ?"], [tenant_id]
        if q:
            escaped = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            where.append("search_text LIKE ? ESCAPE '\\'")
            params.append(f"%{escaped}%")
        if segment:
            where.append("segment = ?")
            params.append(segment)
        if status:
            where.append("status = ?")
            params.append(status)
        clause = " AND ".join(where)
        conn = self._reader()
        total = conn.execute(f"SELECT COUNT(*) FROM customers WHERE {clause}", params).fetchone()[0]  # noqa: S608
        rows = conn.execute(
            f"SELECT record FROM customers WHERE {clause} ORDER BY seq LIMIT ? OFFSET ?",  # noqa: S608
            [*params, limit, offset],
        )
        return Page([json.loads(r[0]) for r in rows], total)

    def customer(self, tenant_id: str, customer_id: str) -> dict[str, Any] | None:
        row = self._one(
            "SELECT record FROM customers WHERE tenant_id = ? AND customer_id = ?",
            (tenant_id, customer_id),
        )
        return None if row is None else dict(json.loads(row[0]))

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
        where, params = ["tenant_id = ?", "kind = ?"], [tenant_id, kind]
        if customer_id:
            where.append("customer_id = ?")
            params.append(customer_id)
        if product_code:
            where.append("product_code = ?")
            params.append(product_code)
        clause = " AND ".join(where)
        conn = self._reader()
        total = conn.execute(f"SELECT COUNT(*) FROM accounts WHERE {clause}", params).fetchone()[0]  # noqa: S608
        rows = conn.execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE {clause} ORDER BY seq, account_id LIMIT ? OFFSET ?",  # noqa: S608
            [*params, limit, offset],
        )
        return Page([_account_record(r) for r in rows], total)

    def account(self, tenant_id: str, account_id: str) -> AccountRecord | None:
        row = self._one(
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE tenant_id = ? AND account_id = ?",  # noqa: S608
            (tenant_id, account_id),
        )
        return None if row is None else _account_record(row)

    def all_accounts(self, tenant_id: str) -> list[AccountRecord]:
        rows = self._reader().execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM accounts WHERE tenant_id = ? ORDER BY kind DESC, seq, account_id",  # noqa: S608
            (tenant_id,),
        )
        return [_account_record(r) for r in rows]

    def account_events(self, tenant_id: str, account_id: str, *, limit: int, offset: int) -> Page:
        conn = self._reader()
        total = conn.execute(
            "SELECT COUNT(*) FROM account_events WHERE tenant_id = ? AND account_id = ?",
            (tenant_id, account_id),
        ).fetchone()[0]
        rows = conn.execute(ACCOUNT_PAGE_SQL, (tenant_id, account_id, limit, offset, tenant_id))
        return Page([(r[0], r[1]) for r in rows], total)

    def events_after(self, tenant_id: str, after: int, limit: int) -> list[tuple[str, str]]:
        rows = self._reader().execute(
            "SELECT body, hash FROM events WHERE tenant_id = ? AND position > ? ORDER BY position LIMIT ?",
            (tenant_id, after, limit),
        )
        return [(r[0], r[1]) for r in rows]

    def iter_events(self, tenant_id: str, up_to: int) -> Iterator[tuple[int, str, str]]:
        after = 0
        while True:
            rows = (
                self._reader()
                .execute(
                    "SELECT position, body, hash FROM events WHERE tenant_id = ? AND position > ? "
                    "AND position <= ? ORDER BY position LIMIT ?",
                    (tenant_id, after, up_to, EVENT_SCAN_PAGE),
                )
                .fetchall()
            )
            if not rows:
                return
            for row in rows:
                yield row[0], row[1], row[2]
            after = rows[-1][0]

    def chain_head(self, tenant_id: str) -> ChainHead:
        row = self._one(
            "SELECT head_position, head_hash FROM tenants WHERE tenant_id = ?", (tenant_id,)
        )
        return ChainHead(0, GENESIS_HASH) if row is None else ChainHead(row[0], row[1])

    # --- keys -------------------------------------------------------------------------
    def put_api_key(
        self,
        key_id: str,
        key_hash: str,
        scope: str,
        tenant_id: str | None,
        label: str | None,
        created_at: str,
    ) -> None:
        with self._write_lock:
            self._writer.execute(
                "INSERT OR REPLACE INTO api_keys (key_id, key_hash, scope, tenant_id, label, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (key_id, key_hash, scope, tenant_id, label, created_at),
            )

    def api_key_by_hash(self, key_hash: str) -> ApiKeyRecord | None:
        row = self._one(
            "SELECT key_id, scope, tenant_id, label, created_at, revoked_at FROM api_keys WHERE key_hash = ?",
            (key_hash,),
        )
        return None if row is None else ApiKeyRecord(*row)

    def api_keys(self) -> list[ApiKeyRecord]:
        rows = self._reader().execute(
            "SELECT key_id, scope, tenant_id, label, created_at, revoked_at FROM api_keys ORDER BY created_at, key_id"
        )
        return [ApiKeyRecord(*r) for r in rows]

    def revoke_api_key(self, key_id: str, revoked_at: str) -> bool:
        with self._write_lock:
            cursor = self._writer.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL",
                (revoked_at, key_id),
            )
            return cursor.rowcount == 1

    # --- operations -------------------------------------------------------------------
    def ping(self) -> None:
        self._one("SELECT 1", ())

    def close(self) -> None:
        self._stop.set()
        self._checkpointer.join()
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        with self._write_lock:
            self._writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._writer.close()
        if self._lock_file is not None:
            os.close(self._lock_file)
            self._lock_file = None


def _split_sql(script: str) -> list[str]:
    """Split a migration into statements (triggers keep their inner ``;`` until ``END;``)."""
    statements, current = [], []
    for line in script.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("--"):
            continue
        current.append(line)
        joined = "\n".join(current)
        if stripped.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements
