"""Alembic glue for the PostgreSQL schema: upgrade it as the migration role, say what is pending.

The schema belongs to the migration role (the one whose URL ``turingcore migrate`` gets);
the service connects as a separate role that the migrations grant exactly the rights it
needs (``pg_migrations/versions``). That role's name is a parameter of the migrations,
checked here before anything runs.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import sqlalchemy
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from turingcore.store.base import StoreError
from turingcore.store.pg_revisions import Revision, packaged_revisions, pending_after
from turingcore.store.postgres import check_database_url

SCRIPT_LOCATION = Path(__file__).with_name("pg_migrations")
DEFAULT_SERVICE_ROLE = "turingcore_app"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
MIGRATION_LOCK_KEY = 7_310_001
"""``pg_advisory_xact_lock`` key that serialises concurrent ``turingcore migrate`` runs."""


class MigrationError(StoreError):
    """The schema cannot be migrated as asked (bad role, unreachable database, ...)."""


def check_role_name(role: str) -> str:
    """A plain lower-case identifier, so it can be quoted into DDL without surprises."""
    if not ROLE_NAME.fullmatch(role):
        raise MigrationError(f"role name {role!r} must match {ROLE_NAME.pattern}")
    return role


def alembic_revisions() -> list[Revision]:
    """Every revision as Alembic sees it, oldest first (the history must be linear)."""
    script = ScriptDirectory(str(SCRIPT_LOCATION))
    assert len(script.get_heads()) == 1, "the migration history must be linear"
    newest_first = list(script.walk_revisions("base", "heads"))
    return [Revision(rev.revision, Path(rev.path).stem) for rev in reversed(newest_first)]


def _alembic_config(connection: sqlalchemy.Connection, service_role: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    config.attributes["connection"] = connection
    config.attributes["service_role"] = service_role
    return config


def _check_service_role(connection: sqlalchemy.Connection, role: str) -> None:
    row = connection.execute(
        sqlalchemy.text(
            "SELECT rolsuper OR rolbypassrls, rolname = current_user FROM pg_roles "
            "WHERE rolname = :role"
        ),
        {"role": role},
    ).one_or_none()
    if row is None:
        raise MigrationError(
            f"service role {role!r} does not exist: create it first "
            "(LOGIN NOSUPERUSER NOBYPASSRLS, owning nothing)"
        )
    if row[0] or row[1]:
        raise MigrationError(
            f"service role {role!r} would bypass row-level security: it must be a separate, "
            "non-superuser role without BYPASSRLS that owns no table"
        )


def upgrade(database_url: str, *, service_role: str, target: str = "head") -> list[str]:
    """Upgrade the schema to ``target`` in one transaction; the names of what was applied."""
    check_role_name(service_role)
    url = make_url(check_database_url(database_url)).set(drivername="postgresql+psycopg")
    engine = sqlalchemy.create_engine(url, poolclass=NullPool)
    known = packaged_revisions()
    try:
        with engine.begin() as connection:
            connection.execute(
                sqlalchemy.text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
            _check_service_role(connection, service_role)
            before = pending_after(
                MigrationContext.configure(connection).get_current_revision(), known
            )
            command.upgrade(_alembic_config(connection, service_role), target)
            after = pending_after(
                MigrationContext.configure(connection).get_current_revision(), known
            )
    except (sqlalchemy.exc.SQLAlchemyError, psycopg.Error) as exc:
        raise MigrationError(f"migration failed: {exc}") from exc
    finally:
        engine.dispose()
    return [name for name in before if name not in after]
