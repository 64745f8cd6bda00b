"""The database half of deploy/compose.yaml, run for real on a PostgreSQL server started from
the machine's binaries: postgres/init-roles.sh makes the roles and the database, the
``migrate`` service's command and environment migrate it, and the ``core`` service's serve
on it as the service role and become ready. Only the hosts differ from compose (loopback
instead of the ``postgres`` service name) and the server trusts loopback, so passwords are
not checked here."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import httpx
import pytest

from tests.deploy.deploy_files import DEPLOY, env_example, interpolate, service_argv, services
from tests.support.core_process import READY_TIMEOUT_S, free_port
from tests.support.postgres import MIGRATION_ROLE, SERVICE_ROLE, PostgresCluster, start_cluster

BIN = Path(sys.executable).parent
INIT_SCRIPT = DEPLOY / "postgres" / "init-roles.sh"
COMPOSE_DB_HOST = "@postgres:5432/"


def psql(cluster: PostgresCluster) -> Path:
    beside_server = Path(os.path.realpath(cluster.bin_dir / "initdb")).parent / "psql"
    found = beside_server if beside_server.exists() else shutil.which("psql")
    assert found, "psql not found: scripts/system-packages installs PostgreSQL with its client"
    return Path(found)


def compose_env(service: str, cluster: PostgresCluster) -> dict[str, str]:
    """The service's compose environment, with deploy/.env.example's values, on loopback."""
    env = {}
    for key, value in services()[service].get("environment", {}).items():
        text = interpolate(str(value), env_example())
        env[key] = text.replace(COMPOSE_DB_HOST, f"@127.0.0.1:{cluster.port}/")
    return env


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    """A server of its own, without the roles the harness makes: the init script makes them."""
    server = start_cluster()
    try:
        with server.superuser() as conn:
            conn.execute(f'DROP ROLE "{SERVICE_ROLE}"')
            conn.execute(f'DROP ROLE "{MIGRATION_ROLE}"')
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def initialised(cluster: PostgresCluster) -> PostgresCluster:
    database_env = compose_env("postgres", cluster)
    env = {
        **os.environ,
        **database_env,
        "PATH": f"{psql(cluster).parent}{os.pathsep}{os.environ['PATH']}",
        "PGHOST": "127.0.0.1",
        "PGPORT": str(cluster.port),
    }
    done = subprocess.run(
        ["bash", str(INIT_SCRIPT)], check=False, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return cluster


def run_migrate(cluster: PostgresCluster) -> subprocess.CompletedProcess[str]:
    argv = service_argv(services()["migrate"])
    env = {**os.environ, **compose_env("migrate", cluster)}
    command = [str(BIN / argv[0]), *argv[1:]]
    return subprocess.run(
        command, check=False, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def migrated(initialised: PostgresCluster) -> PostgresCluster:
    first = run_migrate(initialised)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("applied: "), first.stdout
    return initialised


def test_the_init_script_makes_a_service_role_row_level_security_applies_to(
    initialised: PostgresCluster,
) -> None:
    with initialised.superuser() as conn:
        app = conn.execute(
            "SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = %s",
            (SERVICE_ROLE,),
        ).fetchone()
        owner = conn.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'turingcore'"
        ).fetchone()
    assert app == (False, False, True)
    assert owner == (MIGRATION_ROLE,)


def test_the_migrate_service_migrates_once_and_then_finds_nothing_to_do(
    migrated: PostgresCluster,
) -> None:
    again = run_migrate(migrated)
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == "up to date"


def _serve_argv(tmp_path: Path, port: int) -> list[str]:
    argv = service_argv(services()["core"])
    replaced = {"--host": "127.0.0.1", "--port": str(port), "--data-dir": str(tmp_path)}
    for flag, value in replaced.items():
        argv[argv.index(flag) + 1] = value
    return [str(BIN / argv[0]), *argv[1:]]


def test_the_core_service_serves_on_the_database_as_the_service_role(
    migrated: PostgresCluster, tmp_path: Path
) -> None:
    port = free_port()
    env = {**os.environ, **compose_env("core", migrated)}
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(_serve_argv(tmp_path, port), env=env, stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline and proc.poll() is None:
            with suppress(httpx.TransportError):
                if httpx.get(f"{url}/health/ready", timeout=1).status_code == 200:
                    break
            time.sleep(0.1)
        assert httpx.get(f"{url}/health/ready", timeout=5).status_code == 200
        admin = {"Authorization": f"Bearer {env['TURINGCORE_ADMIN_KEY']}"}
        assert httpx.get(f"{url}/api-keys", headers=admin, timeout=5).status_code == 200
        with migrated.superuser() as conn:
            users = conn.execute(
                "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = 'turingcore'"
            ).fetchall()
        assert users == [(SERVICE_ROLE,)]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        log.close()
