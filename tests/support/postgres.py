"""A real PostgreSQL server for the tests, started from the machine's server binaries.

``start_cluster()`` runs ``initdb`` into a fresh temporary directory as an unprivileged OS
user (the machine runs as root, and PostgreSQL refuses to run as root), starts the server
on a free loopback port with its socket in that directory, and creates the two roles the
production layout has: the migration role that owns the schema and the service role the
core connects as. ``create_database()`` makes a database owned by the migration role and
migrates it with ``turingcore``'s own Alembic revisions. ``stop()`` removes everything.

By default the server trades durability for speed (``fsync=off``): it lives for one test
session. Benchmarks pass other settings.
Missing binaries are an error, never a skip: ``scripts/system-packages`` installs them.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from tests.support.core_process import free_port
from turingcore.store.pg_migrate import upgrade

OS_USER = "tcpg"
SUPERUSER = "postgres"
MIGRATION_ROLE = "turingcore_migrator"
SERVICE_ROLE = "turingcore_app"
START_TIMEOUT_S = 60
MAX_CONNECTIONS = 300
SERVER_SETTINGS = ("-c listen_addresses=127.0.0.1", f"-c max_connections={MAX_CONNECTIONS}")
FAST_SETTINGS = ("-c fsync=off", "-c full_page_writes=off", "-c synchronous_commit=off")
"""For a server that lives one test session: nothing it holds must survive an OS crash."""


def find_bin_dir() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``; an error naming the fix if none."""
    candidates = [Path(p).parent for p in (shutil.which("initdb"),) if p]
    candidates.append(Path("/usr/local/bin"))
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    candidates.extend(Path(p) for p in reversed(versions))
    for folder in candidates:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    raise RuntimeError(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: run scripts/system-packages"
    )


def _as_server_user() -> list[str]:
    """The prefix that runs a command as the unprivileged server user (root only)."""
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(OS_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", OS_USER],
            check=True,
        )
    return ["runuser", "-u", OS_USER, "--"]


@dataclass(frozen=True)
class PgDatabase:
    name: str
    service_url: str
    migration_url: str


@dataclass
class PostgresCluster:
    root: Path
    port: int
    bin_dir: Path
    prefix: list[str]
    _numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def url(self, role: str, database: str) -> str:
        return f"postgresql://{role}@127.0.0.1:{self.port}/{database}"

    def superuser(self, database: str = "postgres") -> psycopg.Connection[tuple[object, ...]]:
        """An autocommit connection as the superuser (for set-up and deliberate tampering)."""
        return psycopg.connect(self.url(SUPERUSER, database), autocommit=True)

    def create_database(self, *, migrate_to: str | None = "head") -> PgDatabase:
        """A new database owned by the migration role, migrated to ``migrate_to`` (or not)."""
        name = f"tc_{next(self._numbers)}"
        with self.superuser() as conn:
            conn.execute(f'CREATE DATABASE {name} OWNER "{MIGRATION_ROLE}"')
        database = PgDatabase(name, self.url(SERVICE_ROLE, name), self.url(MIGRATION_ROLE, name))
        if migrate_to is not None:
            upgrade(database.migration_url, service_role=SERVICE_ROLE, target=migrate_to)
        return database

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args],
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT_S,
        )

    def stop(self) -> None:
        try:
            self._pg_ctl("-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(settings: tuple[str, ...] = FAST_SETTINGS) -> PostgresCluster:
    """initdb, start on a free loopback port, create the roles; the caller must ``stop()``.

    ``settings`` are extra ``-c name=value`` server options (pass ``()`` for the defaults).
    """
    bin_dir = find_bin_dir()
    prefix = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="tc-pg-"))
    if prefix:
        shutil.chown(root, OS_USER, OS_USER)
    cluster = PostgresCluster(root, free_port(), bin_dir, prefix)
    try:
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(cluster.data_dir),
                "-U",
                SUPERUSER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            capture_output=True,
            timeout=START_TIMEOUT_S,
        )
        options = " ".join((*SERVER_SETTINGS, *settings, f"-p {cluster.port}", f"-k {root}"))
        cluster._pg_ctl("-o", options, "-l", str(root / "server.log"), "-w", "start")
        with cluster.superuser() as conn:
            conn.execute(f'CREATE ROLE "{MIGRATION_ROLE}" LOGIN')
            conn.execute(f'CREATE ROLE "{SERVICE_ROLE}" LOGIN NOSUPERUSER NOBYPASSRLS')
    except BaseException:
        log = root / "server.log"
        print(log.read_text() if log.exists() else "no server log")  # shown on failure
        try:
            cluster.stop()
        except subprocess.CalledProcessError:
            shutil.rmtree(root, ignore_errors=True)
        raise
    return cluster
