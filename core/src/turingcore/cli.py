"""``turingcore``: serve the API, manage keys, verify chains, export the OpenAPI document."""

from __future__ import annotations

import json
import signal
import tempfile
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from turingcore.api.app import API_VERSION, create_app
from turingcore.api.auth import Scope, hash_key, new_key
from turingcore.api.deps import RateLimiter, Services
from turingcore.api.json_lines import JsonLines
from turingcore.api.metrics import Metrics
from turingcore.api.tracing import Tracing, from_process_environment
from turingcore.app.commands import CommandService, utc_text
from turingcore.app.queries import verify
from turingcore.config import Settings
from turingcore.store.base import Store, StoreError
from turingcore.store.sqlite import SqliteStore

cli = typer.Typer(
    help="TuringCore: multi-tenant, event-sourced core banking.",
    no_args_is_help=True,
    add_completion=False,
)
ENV_ADMIN_KEY_ID = "env-admin"
MIGRATION_POLL_S = 1.0
"""How often a server started on a not-yet-migrated database checks the schema again."""
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        envvar="TURINGCORE_DATABASE_URL",
        help="postgresql:// URL of the production store (default: the embedded SQLite store)",
        show_default=False,
    ),
]


def wall_clock() -> datetime:
    return datetime.now(UTC)


def build_services(store: Store, settings: Settings, tracing: Tracing | None = None) -> Services:
    access_log = JsonLines(settings.data_dir / "access.log" if settings.access_log else None)
    command_log = JsonLines(settings.data_dir / "commands.log" if settings.command_log else None)
    return Services(
        store=store,
        commands=CommandService(store, wall_clock, tracing.tracer if tracing else None),
        metrics=Metrics(store.ping),
        access_log=access_log,
        command_log=command_log,
        clock=wall_clock,
        rate_limiter=RateLimiter(settings.rate_limit_per_s, settings.rate_limit_burst),
        tracing=tracing,
    )


def bootstrap_admin_key(store: Store, settings: Settings) -> str | None:
    """Install TURINGCORE_ADMIN_KEY, or create an admin key when none is live.

    Returns a newly generated key (to print once), else None.
    """
    now = utc_text(wall_clock())
    if settings.admin_key is not None:
        store.put_api_key(
            ENV_ADMIN_KEY_ID,
            hash_key(settings.admin_key.get_secret_value()),
            Scope.PLATFORM_ADMIN,
            None,
            "from TURINGCORE_ADMIN_KEY",
            now,
        )
        return None
    if any(k.scope == Scope.PLATFORM_ADMIN and k.revoked_at is None for k in store.api_keys()):
        return None
    key = new_key()
    store.put_api_key(
        "bootstrap-admin",
        hash_key(key),
        Scope.PLATFORM_ADMIN,
        None,
        "generated at first start",
        now,
    )
    return key


def _after_graceful_shutdown(signum: int, frame: object) -> None:
    """Called when uvicorn re-raises the shutdown signal: the server has already stopped."""


def _open_sqlite(data_dir: Path) -> SqliteStore:
    try:
        return SqliteStore(data_dir)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def _open_store(data_dir: Path, database_url: str | None = None) -> Store:
    """The PostgreSQL store when a URL is given, else the embedded SQLite store."""
    if database_url is None:
        return _open_sqlite(data_dir)
    try:
        # Imported here so the embedded default does not load the PostgreSQL stack.
        from turingcore.store.postgres import PostgresStore  # noqa: PLC0415

        return PostgresStore(database_url)
    except StoreError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc


def _announce(generated: str | None) -> None:
    if generated is not None:
        typer.echo(f"Generated a platform:admin API key (shown once, keep it safe): {generated}")


def _bootstrap_when_migrated(store: Store, settings: Settings, stop: threading.Event) -> None:
    """Install the admin key once ``turingcore migrate`` has brought the schema up to date."""
    while not stop.wait(MIGRATION_POLL_S):
        try:
            if not store.pending_migrations():
                _announce(bootstrap_admin_key(store, settings))
                return
        except StoreError as exc:
            typer.echo(f"warning: cannot check the schema yet: {exc}", err=True)


def _start_bootstrap(store: Store, settings: Settings, stop: threading.Event) -> None:
    pending = store.pending_migrations()
    if not pending:
        _announce(bootstrap_admin_key(store, settings))
        return
    typer.echo(
        f"warning: the database schema is not current (pending: {', '.join(pending)}); "
        "/health/ready answers 503 until `turingcore migrate` has run",
        err=True,
    )
    threading.Thread(
        target=_bootstrap_when_migrated, args=(store, settings, stop), daemon=True
    ).start()


def _describe(data_dir: Path, database_url: str | None) -> str:
    if database_url is None:
        return f"data: {data_dir.resolve()}"
    from psycopg.conninfo import conninfo_to_dict  # noqa: PLC0415

    info = conninfo_to_dict(database_url)
    return f"PostgreSQL {info.get('dbname', '')} on {info.get('host', '')}:{info.get('port', 5432)}"


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8080,
    data_dir: Annotated[
        Path, typer.Option(help="Directory of the embedded SQLite store and the access log")
    ] = Path("data"),
    database_url: DatabaseUrl = None,
) -> None:
    """Serve the API: on PostgreSQL with --database-url (the service role's URL), else on
    the embedded SQLite store (created and migrated on first start)."""
    settings = Settings(host=host, port=port, data_dir=data_dir, database_url=database_url)
    store = _open_store(data_dir, database_url)
    stop_bootstrap = threading.Event()
    try:
        _start_bootstrap(store, settings, stop_bootstrap)
    except StoreError as exc:
        store.close()
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    services = build_services(store, settings, from_process_environment(API_VERSION))
    app = create_app(services)
    typer.echo(
        f"TuringCore listening on http://{host}:{port} ({_describe(data_dir, database_url)})",
        err=False,
    )
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,
            lifespan="off",
            # The C event loop and HTTP parser: with the pure-Python defaults (asyncio, h11)
            # the server's own overhead cost more per request than a page query.
            loop="uvloop",
            http="httptools",
        )
    )
    # uvicorn shuts down gracefully on SIGTERM/SIGINT, then re-raises the signal under the
    # handler that was installed before it started; a no-op one lets us close the store and
    # exit 0 instead of dying by the signal.
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _after_graceful_shutdown)
    try:
        server.run()
    finally:
        stop_bootstrap.set()
        services.access_log.close()
        services.command_log.close()
        if services.tracing is not None:
            services.tracing.shutdown()
        store.close()
        typer.echo("TuringCore stopped cleanly.")


@cli.command()
def migrate(
    data_dir: Annotated[Path, typer.Option()] = Path("data"),
    database_url: DatabaseUrl = None,
    service_role: Annotated[
        str,
        typer.Option(
            envvar="TURINGCORE_SERVICE_ROLE", help="Role the service connects as (PostgreSQL)"
        ),
    ] = Settings.model_fields["service_role"].default,
) -> None:
    """Create or upgrade the store's schema. On PostgreSQL, connect as the migration role
    (the schema's owner); the service role must already exist."""
    if database_url is not None:
        from turingcore.store.pg_migrate import upgrade  # noqa: PLC0415

        try:
            applied = upgrade(database_url, service_role=service_role)
        except StoreError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(1) from exc
        typer.echo("up to date" if not applied else f"applied: {', '.join(applied)}")
        return
    store = _open_sqlite(data_dir)
    try:
        applied = store.migrate()
        typer.echo("up to date" if not applied else f"applied: {', '.join(applied)}")
    finally:
        store.close()


@cli.command("create-key")
def create_key(
    scope: Annotated[Scope, typer.Option(help="platform:admin, tenant:operator or tenant:reader")],
    tenant: Annotated[str | None, typer.Option(help="Tenant of a tenant-scoped key")] = None,
    data_dir: Annotated[Path, typer.Option()] = Path("data"),
    database_url: DatabaseUrl = None,
) -> None:
    """Create an API key offline (on SQLite the server must not be running on this data dir)."""
    if (scope == Scope.PLATFORM_ADMIN) != (tenant is None):
        typer.echo("error: tenant keys need --tenant; admin keys take none", err=True)
        raise typer.Exit(2)
    store = _open_store(data_dir, database_url)
    try:
        key = new_key()
        store.put_api_key(
            f"cli-{hash_key(key)[:12]}",
            hash_key(key),
            scope,
            tenant,
            "created by CLI",
            utc_text(wall_clock()),
        )
        typer.echo(key)
    finally:
        store.close()


@cli.command("verify")
def verify_cmd(
    tenant: Annotated[str, typer.Argument(help="Tenant code")],
    data_dir: Annotated[Path, typer.Option()] = Path("data"),
    database_url: DatabaseUrl = None,
) -> None:
    """Recompute a tenant's hash chain from the store; exit 1 if it is broken."""
    store = _open_store(data_dir, database_url)
    try:
        verdict = verify(store, tenant)
    finally:
        store.close()
    if verdict.valid:
        typer.echo(f"chain of {tenant} is intact: {verdict.checked} events")
        return
    typer.echo(
        f"chain of {tenant} is BROKEN at position {verdict.first_bad_position}: {verdict.reason}"
    )
    raise typer.Exit(1)


def openapi_document() -> dict[str, object]:
    """The OpenAPI document the server publishes (built on a throwaway store)."""
    with tempfile.TemporaryDirectory() as tmp:
        store = SqliteStore(Path(tmp))
        try:
            settings = Settings(data_dir=Path(tmp), access_log=False, command_log=False)
            return create_app(build_services(store, settings)).openapi()
        finally:
            store.close()


@cli.command()
def openapi(out: Annotated[Path | None, typer.Option(help="Write to this file")] = None) -> None:
    """Print (or write) the OpenAPI document."""
    text = json.dumps(openapi_document(), indent=2, sort_keys=True) + "\n"
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


def main() -> None:
    cli()
