"""``twin``: run the CU_DIGITAL digital twin against a TuringCore, from the outside.

Every command takes ``--core-url``/``--api-key`` (or TURINGCORE_URL/TURINGCORE_API_KEY);
without a core URL it starts an embedded core as a subprocess and stops it at the end.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cu_twin.config.errors import ConfigError
from cu_twin.config.loader import default_scenario, default_tenant_config, load_scenario
from cu_twin.config.scenario import ScenarioConfig
from cu_twin.console.server import ConsoleStartError, report_file, serve_console
from cu_twin.embedded import EmbeddedCore, EmbeddedCoreError
from cu_twin.observe.live import observing
from cu_twin.observe.metrics import report_registry
from cu_twin.observe.push import push_run
from cu_twin.observe.run_board import tracked
from cu_twin.reports.human import render
from cu_twin.reports.summary import RunReport
from cu_twin.runner import inspection
from cu_twin.runner import scenario_run as runs
from cu_twin.runner.phases import PhaseError
from cu_twin.runner.seed_profile import SEED_PROFILE, run_seed
from cu_twin.runner.session import Session
from cu_twin.validators.findings import InvariantResult
from turingcore_client import Client, TuringCoreError

app = typer.Typer(
    help="CU_DIGITAL: a synthetic Australian credit union that lives on the TuringCore public API.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err = Console(stderr=True)

CoreUrl = Annotated[
    str | None,
    typer.Option(
        "--core-url",
        envvar="TURINGCORE_URL",
        help="URL of a running core; none: start an embedded one",
    ),
]
ApiKey = Annotated[
    str | None,
    typer.Option(
        "--api-key",
        envvar="TURINGCORE_API_KEY",
        help="API key (platform:admin for bootstrap and isolation checks)",
    ),
]
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="Embedded core: keep its data here (default: a throwaway temp dir)"
    ),
]
JsonOut = Annotated[
    Path | None, typer.Option("--json-out", help="Write the JSON summary to this file")
]
Customers = Annotated[
    int | None,
    typer.Option("--customers", min=1, max=100_000, help="Members (default: the scenario's)"),
]
Days = Annotated[
    int | None,
    typer.Option("--days", min=1, max=3660, help="Days to simulate (default: the scenario's)"),
]
Seed = Annotated[
    int | None, typer.Option("--seed", min=0, help="Random seed (default: the scenario's)")
]
ConsolePort = Annotated[
    int, typer.Option("--port", "--console-port", min=1, max=65535, help="Console port")
]
Observe = Annotated[
    bool,
    typer.Option(
        "--observe", help="While the run goes on, show a live panel of the core's /metrics"
    ),
]
Pushgateway = Annotated[
    str | None,
    typer.Option(
        "--pushgateway",
        envvar="CU_TWIN_PUSHGATEWAY",
        help="At the end, push the run's metrics (invariants, commands sent) to this Pushgateway",
    ),
]
SCENARIOS = {"steady-state": default_scenario}


@dataclass(frozen=True)
class Connection:
    url: str
    key: str
    embedded: bool


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}")
    return typer.Exit(code)


@contextmanager
def connect(
    core_url: str | None, api_key: str | None, data_dir: Path | None
) -> Iterator[Connection]:
    if core_url:
        if not api_key:
            raise fail("--core-url needs --api-key (or TURINGCORE_API_KEY)", 2)
        yield Connection(core_url.rstrip("/"), api_key, embedded=False)
        return
    with console.status("starting an embedded TuringCore..."):
        core = EmbeddedCore(data_dir=data_dir, keep_data=data_dir is not None).__enter__()
    try:
        console.print(f"embedded TuringCore at [bold]{core.url}[/] (data: {core.data_dir})")
        yield Connection(core.url, core.admin_key, embedded=True)
    finally:
        core.__exit__(None, None, None)


@contextmanager
def handled_errors() -> Iterator[None]:
    """Clear, actionable errors with a non-zero exit; never a traceback."""
    try:
        yield
    except ConfigError as exc:
        raise fail(f"configuration: {exc}", 2) from exc
    except EmbeddedCoreError as exc:
        raise fail(str(exc)) from exc
    except PhaseError as exc:
        raise fail(str(exc)) from exc
    except TuringCoreError as exc:
        raise fail(f"the core refused or failed: {exc}") from exc


def _client_for(url: str) -> runs.ClientFor:
    return lambda key: Client(url, key)


def _progress_hooks(progress: Progress) -> runs.Progress:
    tasks: dict[str, object] = {}
    current: dict[str, object] = {}

    def phase(name: str, total: int) -> None:
        task = progress.add_task(name, total=total)
        tasks[name] = task
        current["task"] = task
        current["name"] = name

    def advance(n: int) -> None:
        if current.get("name") in ("bootstrap", "seed"):
            progress.advance(current["task"], n)  # type: ignore[arg-type]

    def day(plan: object) -> None:
        progress.advance(current["task"], 1)  # type: ignore[arg-type]

    return runs.Progress(phase=phase, advance=advance, day=day)


def _finish(
    report: RunReport, json_out: Path | None, *, exit_on_breach: bool = True, quiet: bool = False
) -> None:
    if not quiet:
        render(report, console)
        if json_out is not None:
            json_out.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
            console.print(f"JSON summary written to {json_out}")
    if exit_on_breach and not report.passed:
        raise typer.Exit(1)


def _run(scenario: ScenarioConfig, conn: Connection, *, observe: bool = False) -> RunReport:
    tenant = default_tenant_config()
    columns = (
        TextColumn("{task.description:>9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    progress = Progress(*columns, console=console, transient=False)
    hooks = _progress_hooks(progress)
    with Client(conn.url, conn.key) as admin:
        if observe:  # one live display: the progress bars are drawn inside the panel's
            with observing(conn.url, console, above=progress) as board:
                return runs.run_scenario(
                    admin, _client_for(conn.url), conn.url, scenario, tenant, tracked(hooks, board)
                )
        with progress:
            return runs.run_scenario(
                admin, _client_for(conn.url), conn.url, scenario, tenant, hooks
            )


def _push(report: RunReport, pushgateway: str | None) -> None:
    """After inspection, so the invariants are in; a failed push is a warning only."""
    if not pushgateway:
        return
    registry = report_registry(report, finished_at_s=time.time())
    failed = push_run(pushgateway, report.tenant_id, registry, passed=report.passed)
    if failed is not None:
        err.print(
            f"[bold yellow]warning:[/] the run's metrics were not pushed to {failed.url}: "
            f"{failed.reason}"
        )
        return
    console.print(f"run metrics pushed to {pushgateway} (job cu_twin, tenant {report.tenant_id})")


def _scenario(
    name: str, customers: int | None, days: int | None, seed: int | None
) -> ScenarioConfig:
    if name in SCENARIOS:
        base = SCENARIOS[name]()
    elif Path(name).is_file():
        base = load_scenario(Path(name))
    else:
        raise fail(
            f"unknown scenario {name!r}: use one of {', '.join(SCENARIOS)} or a YAML file", 2
        )
    return base.with_overrides(members=customers, days=days, seed=seed)


@app.command()
def demo(
    core_url: CoreUrl = None,
    api_key: ApiKey = None,
    data_dir: DataDir = None,
    json_out: JsonOut = None,
    customers: Customers = None,
    days: Days = None,
    seed: Seed = None,
    open_console: Annotated[
        bool,
        typer.Option(
            "--console/--no-console",
            help="After the run, serve the operator console until Ctrl-C (default: off, so the demo ends)",
        ),
    ] = False,
    console_port: ConsolePort = 8000,
    observe: Observe = False,
    pushgateway: Pushgateway = None,
) -> None:
    """The one-command demo: bootstrap + seed + 30-day steady state, then every invariant."""
    with handled_errors():
        scenario = _scenario("steady-state", customers, days, seed)
        console.rule("[bold]CU_DIGITAL digital twin")
        console.print(
            f"{scenario.members} members x {scenario.days} days from {scenario.start_date}, seed {scenario.seed}"
        )
        with connect(core_url, api_key, data_dir) as conn:
            report = _run(scenario, conn, observe=observe)
            _push(report, pushgateway)
            _where_to_look(conn, report, open_console)
            if open_console:
                _finish(report, json_out, exit_on_breach=False)
                with report_file(json_out, report.to_json()) as path:
                    _serve_console(conn, report.tenant_id, "127.0.0.1", console_port, path)
        _finish(report, json_out, quiet=open_console)


def _where_to_look(conn: Connection, report: RunReport, open_console: bool = False) -> None:
    t = report.tenant_id
    console.print(
        f"\nWhere to look: the tenant [bold]{t}[/] on {conn.url}\n"
        f"  events:        GET {conn.url}/tenants/{t}/events?after=0\n"
        f"  chain:         GET {conn.url}/tenants/{t}/chain/verify\n"
        f"  trial balance: GET {conn.url}/tenants/{t}/ledger/trial-balance\n"
        f"  API docs:      {conn.url}/docs"
    )
    if open_console:
        return
    later = "--data-dir DIR" if conn.embedded else f"--core-url {conn.url} --api-key KEY"
    console.print(f"  operator UI:   rerun with --console, or `twin console {later}`")
    if conn.embedded:
        console.print(
            "  (the embedded core stops now; rerun with --data-dir DIR and `turingcore serve --data-dir DIR` to explore)"
        )


@app.command()
def run(
    scenario: Annotated[
        str, typer.Argument(help="steady-state, or a scenario YAML file")
    ] = "steady-state",
    customers: Customers = None,
    days: Days = None,
    seed: Seed = None,
    core_url: CoreUrl = None,
    api_key: ApiKey = None,
    data_dir: DataDir = None,
    json_out: JsonOut = None,
    observe: Observe = False,
    pushgateway: Pushgateway = None,
) -> None:
    """Run a scenario end to end and check every invariant (exit 1 on a breach)."""
    with handled_errors():
        config = _scenario(scenario, customers, days, seed)
        with connect(core_url, api_key, data_dir) as conn:
            report = _run(config, conn, observe=observe)
        _push(report, pushgateway)
        _finish(report, json_out)


@app.command("seed")
def seed_cmd(
    customers: Annotated[int, typer.Option("--customers", min=1, max=100_000)] = 10,
    seed: Annotated[int, typer.Option("--seed", min=0)] = 1,
    core_url: CoreUrl = None,
    api_key: ApiKey = None,
    data_dir: DataDir = None,
) -> None:
    """The v0.1 seed profile: tenant, products, N members with TXN (100.00) + savings, one salary each."""
    with handled_errors():
        tenant = default_tenant_config()
        with connect(core_url, api_key, data_dir) as conn, Client(conn.url, conn.key) as client:
            session = Session(client, tenant.tenant.tenant_code, (SEED_PROFILE, seed, customers))
            outcome = run_seed(session, tenant, customers, seed)
            stats = session.stats
        console.print(
            f"seeded {sum(1 for c in outcome.customer_ids if c)} members into {tenant.tenant.tenant_code}: "
            f"{stats.accepted} accepted, {stats.already_processed} already processed, "
            f"{sum(stats.rejections.values())} rejected {dict(stats.rejections) or ''}"
        )
        if stats.rejections:
            raise typer.Exit(1)


@app.command()
def inspect(
    tenant: Annotated[str, typer.Argument(help="Tenant code, e.g. CU_DIGITAL")] = "CU_DIGITAL",
    core_url: CoreUrl = None,
    api_key: ApiKey = None,
    data_dir: DataDir = None,
    json_out: JsonOut = None,
) -> None:
    """Check every invariant of a tenant from outside; exit 1 naming what broke."""
    with (
        handled_errors(),
        connect(core_url, api_key, data_dir) as conn,
        Client(conn.url, conn.key) as admin,
    ):
        results, data, print_ = inspection.run_invariants(
            admin, _client_for(conn.url), tenant, sent=[], latencies_ms=[], rng=random.Random(0)
        )
        _print_results(results, print_, data.events)
        if json_out is not None:
            body = {
                "tenantId": tenant,
                "fingerprint": print_,
                "invariants": {r.name: r.to_json() for r in results},
            }
            json_out.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
        if not all(r.passed for r in results):
            raise typer.Exit(1)


def _print_results(results: list[InvariantResult], print_: str, events: int) -> None:
    for r in results:
        mark = "[green]✓[/]" if r.passed else "[red]✗[/]"
        console.print(f"{mark} {r.name}: {r.detail}")
        for finding in r.findings[:5]:
            console.print(f"    - {finding.message} [{finding.subject}]")
    console.print(f"{events} events; fingerprint {print_}")


@app.command()
def reset(
    tenant: Annotated[str, typer.Argument(help="Tenant code")] = "CU_DIGITAL",
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="The twin-managed embedded core's data dir")
    ] = None,
    dev: Annotated[
        bool, typer.Option("--dev", help="Confirm dev mode (or TWIN_DEV_MODE=1)")
    ] = False,
) -> None:
    """Dev mode only: throw away a twin-managed embedded core's data (events are immutable,
    so there is no reset through the API; a real core is never touched)."""
    if not (dev or os.environ.get("TWIN_DEV_MODE") == "1"):
        raise fail("reset is for dev mode only: pass --dev (or TWIN_DEV_MODE=1)", 2)
    if data_dir is None:
        raise fail("reset needs --data-dir: the embedded core's data dir the twin manages", 2)
    marker = data_dir / "turingcore.sqlite3"
    if not marker.exists():
        raise fail(f"{data_dir} is not an embedded core's data dir (no turingcore.sqlite3)", 2)
    shutil.rmtree(data_dir)
    console.print(
        f"reset: removed {data_dir}; {tenant} and every other tenant of that embedded core are gone"
    )


def _serve_console(
    conn: Connection, tenant: str, host: str, port: int, report: Path | None
) -> None:
    try:
        serve_console(
            conn.url,
            conn.key,
            tenant_id=tenant,
            host=host,
            port=port,
            report_path=report,
            announce=lambda line: console.print(f"\n[bold green]{line}[/]"),
        )
    except ConsoleStartError as exc:
        raise fail(f"console: {exc}") from exc


@app.command("console")
def console_cmd(
    core_url: CoreUrl = None,
    api_key: ApiKey = None,
    data_dir: DataDir = None,
    tenant: Annotated[str, typer.Option("--tenant", help="Tenant code")] = "CU_DIGITAL",
    host: Annotated[str, typer.Option("--host", help="Interface to listen on")] = "127.0.0.1",
    port: ConsolePort = 8000,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report", help="A `twin run --json-out` file: its invariants on the overview"
        ),
    ] = None,
) -> None:
    """Serve the read-only operator console of a tenant (reads through the public API only)."""
    with handled_errors(), connect(core_url, api_key, data_dir) as conn:
        _serve_console(conn, tenant, host, port, report)


@app.command()
def smoke(
    url: Annotated[str, typer.Argument(help="Base URL of a running core")],
    api_key: ApiKey = None,
    tenant: Annotated[
        str | None, typer.Option("--tenant", help="Also read this tenant and verify its chain")
    ] = None,
) -> None:
    """Prove a running deployment is healthy end to end (read-only)."""
    with handled_errors(), Client(url.rstrip("/"), api_key or "anonymous") as client:
        client.health_live()
        client.health_ready()
        console.print("[green]✓[/] live and ready")
        metrics = client.metrics()
        console.print(
            f"[green]✓[/] metrics exported ({metrics.count('turingcore_')} turingcore series lines)"
        )
        if tenant and api_key:
            client.get_tenant(tenant)
            verdict = client.verify_chain(tenant)
            if not verdict.valid:
                raise fail(
                    f"the chain of {tenant} is broken at position {verdict.first_bad_position}"
                )
            console.print(f"[green]✓[/] {tenant}: chain intact over {verdict.checked} events")


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
