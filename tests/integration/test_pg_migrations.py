"""The PostgreSQL schema under Alembic: upgrades keep data, readiness waits for them.

``turingcore migrate`` runs as the migration role (the schema's owner); the service
connects as its own role and answers 503 on ``/health/ready`` until the schema is current.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.integration.shell_books import ShellBooks
from tests.support.core_process import TURINGCORE, CoreProcess
from tests.support.postgres import SERVICE_ROLE, PgDatabase, PostgresCluster
from turingcore.app.queries import trial_balance, verify
from turingcore.store.pg_migrate import alembic_revisions
from turingcore.store.pg_revisions import packaged_revisions
from turingcore.store.postgres import PostgresStore

READY_WAIT_S = 30.0


def _migrate(database: PgDatabase, role: str = SERVICE_ROLE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(TURINGCORE),
            "migrate",
            "--database-url",
            database.migration_url,
            "--service-role",
            role,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_alembic_sees_exactly_the_packaged_revisions_in_order() -> None:
    revisions = packaged_revisions()
    assert alembic_revisions() == revisions
    assert len(revisions) >= 2, "a migration test needs a previous head to upgrade from"


def test_a_database_at_the_previous_head_upgrades_to_the_current_head_keeping_its_data(
    pg_cluster: PostgresCluster,
) -> None:
    *older, newest = packaged_revisions()
    database = pg_cluster.create_database(migrate_to=older[-1].revision)
    store = PostgresStore(database.service_url)
    try:
        assert store.pending_migrations() == [newest.name]
        books = ShellBooks(store, "CU_UPGRADE")
        customer_id, account = books.ledger()
        books.post((account, "DEBIT", "40.00"), ("GL_ATM_CASH", "CREDIT", "40.00"))
        head = store.chain_head("CU_UPGRADE")

        result = _migrate(database)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"applied: {newest.name}"

        assert store.pending_migrations() == []
        assert store.chain_head("CU_UPGRADE") == head
        assert verify(store, "CU_UPGRADE").valid
        books.post((account, "DEBIT", "10.00"), ("GL_ATM_CASH", "CREDIT", "10.00"))
        record = store.account("CU_UPGRADE", account)
        assert record is not None and record.balance_cents == 5_000
        assert trial_balance(store, "CU_UPGRADE")["balanced"] is True
        assert store.customer("CU_UPGRADE", customer_id) is not None
    finally:
        store.close()
    again = _migrate(database)
    assert again.returncode == 0 and again.stdout.strip() == "up to date"


def test_ready_answers_503_until_migrate_has_run_then_200_with_the_admin_key_installed(
    pg_cluster: PostgresCluster, tmp_path: Path
) -> None:
    database = pg_cluster.create_database(migrate_to=None)
    core = CoreProcess(tmp_path / "data", database_url=database.service_url)
    # Started by hand: CoreProcess.start() waits for the readiness this test wants to see fail.
    core.proc = subprocess.Popen(
        [
            str(TURINGCORE),
            "serve",
            "--port",
            str(core.port),
            "--data-dir",
            str(core.data_dir),
            "--database-url",
            database.service_url,
        ],
        env={**os.environ, "TURINGCORE_ADMIN_KEY": core.admin_key},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        pending = _wait_for_status(core.url + "/health/ready", 503)
        checks = pending.json()["details"]["checks"]
        assert checks["store"] == "ok"
        assert checks["migrations"].startswith("pending: 0001_")

        assert _migrate(database).returncode == 0
        _wait_for_status(core.url + "/health/ready", 200)
        headers = {"Authorization": f"Bearer {core.admin_key}"}
        _wait_for_status(core.url + "/api-keys", 200, headers)
    finally:
        core.stop()


def _wait_for_status(
    url: str, status: int, headers: dict[str, str] | None = None
) -> httpx.Response:
    deadline = time.monotonic() + READY_WAIT_S
    last: object = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, headers=headers, timeout=2)
            if response.status_code == status:
                return response
            last = response.status_code
        except httpx.TransportError as exc:
            last = exc
        time.sleep(0.1)
    raise AssertionError(f"{url} never answered {status} (last: {last})")


@pytest.mark.parametrize(
    ("role", "message"),
    [("postgres", "would bypass row-level security"), ("nobody_here", "does not exist")],
)
def test_migrate_refuses_a_service_role_that_is_missing_or_bypasses_security(
    pg_cluster: PostgresCluster, role: str, message: str
) -> None:
    database = pg_cluster.create_database(migrate_to=None)
    result = _migrate(database, role)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
    with psycopg.connect(database.migration_url) as conn:
        assert conn.execute("SELECT to_regclass('events')").fetchone() == (None,)
