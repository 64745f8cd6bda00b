"""Tenant isolation held by PostgreSQL itself: raw SQL as the service role, no app filters.

Two tenants are written through the real shell; then plain ``SELECT * FROM <table>``
without any ``WHERE`` shows only the tenant set for the transaction, nothing when none is
set, and the database refuses to rewrite events, whoever asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg import sql

from tests.integration.shell_books import ShellBooks
from tests.support.postgres import MIGRATION_ROLE, SERVICE_ROLE, PgDatabase, PostgresCluster
from turingcore.store.postgres import PostgresStore

TENANT_A = "CU_ALPHA"
TENANT_B = "CU_BRAVO"
PLATFORM_TABLES = {"api_keys", "alembic_version"}


def _fill(books: ShellBooks) -> None:
    customer_id, account = books.ledger()
    books.post((account, "DEBIT", "12.00"), ("GL_CARD_CLEARING", "CREDIT", "12.00"))
    books.open_account(customer_id, "TXN")


@pytest.fixture(scope="module")
def database(pg_cluster: PostgresCluster) -> PgDatabase:
    database = pg_cluster.create_database()
    store = PostgresStore(database.service_url)
    try:
        _fill(ShellBooks(store, TENANT_A))
        _fill(ShellBooks(store, TENANT_B))
    finally:
        store.close()
    return database


@pytest.fixture
def service(database: PgDatabase) -> Iterator[psycopg.Connection[tuple[Any, ...]]]:
    with psycopg.connect(database.service_url) as conn:
        yield conn


def _tenant_tables(conn: psycopg.Connection[tuple[Any, ...]]) -> list[str]:
    rows = conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
    ).fetchall()
    tables = [r[0] for r in rows if r[0] not in PLATFORM_TABLES]
    assert len(tables) == 7, tables
    return tables


def _select_all(conn: psycopg.Connection[tuple[Any, ...]], table: str) -> list[tuple[Any, ...]]:
    return conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table))).fetchall()


def _tenant_column(conn: psycopg.Connection[tuple[Any, ...]], table: str) -> int:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
            "ORDER BY ordinal_position",
            (table,),
        )
    ]
    return names.index("tenant_id")


def test_every_tenant_table_has_row_level_security_enabled_and_forced(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    for table in _tenant_tables(service):
        row = service.execute(
            "SELECT c.relrowsecurity, c.relforcerowsecurity, count(p.polname) "
            "FROM pg_class c LEFT JOIN pg_policy p ON p.polrelid = c.oid "
            "WHERE c.relname = %s GROUP BY c.oid",
            (table,),
        ).fetchone()
        assert row == (True, True, 1), table


def test_the_service_role_owns_nothing_and_cannot_bypass_row_level_security(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    role = service.execute(
        "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user"
    ).fetchone()
    assert role == (False, False)
    owners = service.execute(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
    ).fetchall()
    assert owners == [(MIGRATION_ROLE,)]
    assert service.execute("SELECT current_user").fetchone() == (SERVICE_ROLE,)


def test_with_tenant_a_set_a_bare_select_of_every_table_shows_only_tenant_a(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    with service.transaction():
        service.execute("SELECT set_config('app.tenant_id', %s, true)", (TENANT_A,))
        for table in _tenant_tables(service):
            rows = _select_all(service, table)
            column = _tenant_column(service, table)
            assert rows, f"{table} holds no row of {TENANT_A}: the proof would be empty"
            assert {row[column] for row in rows} == {TENANT_A}, table


def test_with_no_tenant_set_every_tenant_table_looks_empty(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    with service.transaction():
        service.execute("SELECT set_config('app.tenant_id', %s, true)", (TENANT_B,))
        assert _select_all(service, "events")
    # SET LOCAL ended with the transaction: the pooled connection forgets the tenant.
    for table in _tenant_tables(service):
        assert _select_all(service, table) == [], table
    service.rollback()
    with service.transaction():
        service.execute("SELECT set_config('app.tenant_id', '', true)")
        assert _select_all(service, "accounts") == []


def test_the_service_role_cannot_update_delete_or_truncate_events_or_commands(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    service.autocommit = True
    for statement in (
        "UPDATE events SET body = body || ' '",
        "DELETE FROM events",
        "TRUNCATE events",
        "UPDATE commands SET response = '{}'",
        "DELETE FROM commands",
        "UPDATE accounts SET record = '{}'",
        "UPDATE tenants SET record = '{}'",
    ):
        with service.transaction():
            service.execute("SELECT set_config('app.tenant_id', %s, true)", (TENANT_A,))
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                service.execute(statement)  # type: ignore[arg-type]
            raise psycopg.Rollback


def test_a_row_of_another_tenant_cannot_be_written_under_this_tenant(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    with service.transaction():
        service.execute("SELECT set_config('app.tenant_id', %s, true)", (TENANT_A,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            service.execute(
                "INSERT INTO account_events (tenant_id, account_id, position) VALUES (%s, 'x', 1)",
                (TENANT_B,),
            )
        raise psycopg.Rollback


def test_even_the_owner_sees_no_tenant_row_unfiltered_and_cannot_rewrite_events(
    database: PgDatabase,
) -> None:
    with psycopg.connect(database.migration_url, autocommit=True) as owner:
        assert _select_all(owner, "events") == []
        with owner.transaction():
            owner.execute("SELECT set_config('app.tenant_id', %s, true)", (TENANT_A,))
            assert _select_all(owner, "events")
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                owner.execute("DELETE FROM events")
            raise psycopg.Rollback


def test_a_prepared_statement_reused_across_tenants_follows_the_setting_not_its_plan(
    service: psycopg.Connection[tuple[Any, ...]],
) -> None:
    # psycopg prepares a statement after a few runs; the policy must be re-evaluated on
    # every execution, whichever tenant the cached plan first saw.
    for round_number in range(8):
        tenant = (TENANT_A, TENANT_B)[round_number % 2]
        with service.transaction():
            service.execute("SELECT set_config('app.tenant_id', %s, true)", (tenant,))
            rows = service.execute("SELECT tenant_id FROM events", prepare=True).fetchall()
        assert rows and {r[0] for r in rows} == {tenant}
