"""The production store: PostgreSQL with row-level security per tenant (psycopg 3, pools).

The core connects as a service role that owns nothing and cannot bypass row-level
security; every transaction that touches tenant data first sets ``app.tenant_id`` with
``set_config(..., true)`` (``SET LOCAL``), so the policies of revision 0001 filter every
statement to that tenant even if its own ``WHERE`` forgot to. Reads use a pool of
read-only connections; writes use their own pool and take the tenant's lock
(``postgres_tx``). Driver errors become ``StoreError`` here, at the boundary.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
import psycopg_pool

from turingcore.store.base import ApiKeyRecord, StoreError
from turingcore.store.pg_revisions import packaged_revisions, pending_after
from turingcore.store.postgres_reads import TenantReads, nothing_if_nul, scalar
from turingcore.store.postgres_rows import Connection
from turingcore.store.postgres_tx import PostgresTenantTransaction, begin_tenant_write

_KEY_COLUMNS = "key_id, scope, tenant_id, label, created_at, revoked_at"
URL_SCHEMES = ("postgresql://", "postgres://")


def check_database_url(url: str) -> str:
    """A ``postgresql://`` URL, or a StoreError saying what is expected."""
    if not url.startswith(URL_SCHEMES):
        raise StoreError("the database URL must start with postgresql:// (or postgres://)")
    return url


@dataclass(frozen=True, slots=True)
class PoolLimits:
    """Connection limits of one server process (both pools, timeouts in seconds)."""

    read_connections_max: int = 8
    write_connections_max: int = 4
    connect_timeout_s: float = 10.0
    acquire_timeout_s: float = 30.0
    lock_timeout_ms: int = 10_000
    statement_timeout_ms: int = 30_000


def _describe_url(url: str) -> str:
    """Where a URL points, without its password."""
    try:
        info = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "an unparsable URL"
    return f"{info.get('user', '?')}@{info.get('host', '?')}:{info.get('port', 5432)}/{info.get('dbname', '?')}"


@contextmanager
def driver_errors() -> Iterator[None]:
    """Translate the driver's (and the pool's) errors into the store's error type."""
    try:
        yield
    except psycopg.Error as exc:
        raise StoreError(f"{type(exc).__name__}: {exc}") from exc
    except psycopg_pool.PoolTimeout as exc:  # pragma: no cover - a PoolTimeout is a psycopg.Error
        raise StoreError(str(exc)) from exc


class PostgresStore(TenantReads):
    """The PostgreSQL adapter of the store contract (``turingcore.store.base.Store``)."""

    def __init__(self, database_url: str, limits: PoolLimits | None = None) -> None:
        check_database_url(database_url)
        self._limits = limits or PoolLimits()
        self._revisions = packaged_revisions()
        self._reads = self._pool(database_url, "reads", self._limits.read_connections_max, True)
        self._writes = self._pool(database_url, "writes", self._limits.write_connections_max, False)
        try:
            self._reads.wait(self._limits.connect_timeout_s)
            self._writes.wait(self._limits.connect_timeout_s)
        except psycopg_pool.PoolTimeout as exc:
            self.close()
            where = _describe_url(database_url)
            raise StoreError(
                f"cannot connect to PostgreSQL ({where}) within "
                f"{self._limits.connect_timeout_s:g} s: is it running, and are the URL's "
                "user, password and database right?"
            ) from exc

    def _pool(
        self, url: str, name: str, size_max: int, read_only: bool
    ) -> psycopg_pool.ConnectionPool[Connection]:
        limits = self._limits
        options = f"-c lock_timeout={limits.lock_timeout_ms} -c statement_timeout={limits.statement_timeout_ms}"
        if read_only:
            options += " -c default_transaction_read_only=on"
        return psycopg_pool.ConnectionPool(
            url,
            min_size=1,
            max_size=size_max,
            name=f"turingcore-{name}",
            timeout=limits.acquire_timeout_s,
            kwargs={
                "application_name": f"turingcore-{name}",
                "connect_timeout": max(1, round(limits.connect_timeout_s)),
                "options": options,
            },
            open=True,
        )

    # --- writes -----------------------------------------------------------------------
    # A write runs in pipeline mode: statements whose results nobody waits for (BEGIN,
    # set_config, inserts, COMMIT) travel with the next one that is fetched, which saves
    # most round trips; an error still aborts the whole transaction. (Reads fetch every
    # result they send, so a pipeline would only add work there.)
    @contextmanager
    def write(self, tenant_id: str) -> Iterator[PostgresTenantTransaction]:
        with (
            driver_errors(),
            self._writes.connection() as conn,
            conn.pipeline(),
            conn.transaction(),
        ):
            tx = begin_tenant_write(conn, tenant_id)
            yield tx
            tx.flush()

    # --- reads ------------------------------------------------------------------------
    @contextmanager
    def _read(self, tenant_id: str | None) -> Iterator[Connection]:
        """A read-only transaction, restricted to ``tenant_id`` by row-level security."""
        with driver_errors(), self._reads.connection() as conn, conn.transaction():
            if tenant_id is not None:
                conn.execute("SELECT set_config('app.tenant_id', %s, true)", (tenant_id,))
            yield conn

    # --- keys (platform-level: no tenant is set, api_keys has no row-level policy) ------
    def put_api_key(
        self,
        key_id: str,
        key_hash: str,
        scope: str,
        tenant_id: str | None,
        label: str | None,
        created_at: str,
    ) -> None:
        with driver_errors(), self._writes.connection() as conn:
            conn.execute(
                "INSERT INTO api_keys (key_id, key_hash, scope, tenant_id, label, created_at) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (key_id) DO UPDATE SET "
                "key_hash = EXCLUDED.key_hash, scope = EXCLUDED.scope, "
                "tenant_id = EXCLUDED.tenant_id, label = EXCLUDED.label, "
                "created_at = EXCLUDED.created_at, revoked_at = NULL",
                (key_id, key_hash, scope, tenant_id, label, created_at),
            )

    @nothing_if_nul(lambda: None)
    def api_key_by_hash(self, key_hash: str) -> ApiKeyRecord | None:
        row = self._one(
            None,
            f"SELECT {_KEY_COLUMNS} FROM api_keys WHERE key_hash = %s",  # noqa: S608
            (key_hash,),
        )
        return None if row is None else ApiKeyRecord(*row)

    def api_keys(self) -> list[ApiKeyRecord]:
        with self._read(None) as conn:
            rows = conn.execute(
                f"SELECT {_KEY_COLUMNS} FROM api_keys ORDER BY created_at, key_id"  # noqa: S608
            ).fetchall()
        return [ApiKeyRecord(*r) for r in rows]

    def revoke_api_key(self, key_id: str, revoked_at: str) -> bool:
        with driver_errors(), self._writes.connection() as conn:
            cursor = conn.execute(
                "UPDATE api_keys SET revoked_at = %s WHERE key_id = %s AND revoked_at IS NULL",
                (revoked_at, key_id),
            )
            return cursor.rowcount == 1

    # --- operations -------------------------------------------------------------------
    def pending_migrations(self) -> list[str]:
        with self._read(None) as conn:
            exists = scalar(
                conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
            )
            current = None
            if exists:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                current = None if row is None else row[0]
        return pending_after(current, self._revisions)

    def ping(self) -> None:
        self._one(None, "SELECT 1", ())

    def close(self) -> None:
        self._reads.close()
        self._writes.close()
