"""The live panel's content: a ``Dashboard`` and the twin's progress as Rich renderables.

Pure: values in, a renderable out (``live`` decides when and where to draw it), so a test
renders it into any ``Console``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from cu_twin.observe.dashboard import Dashboard
from cu_twin.observe.run_board import RunStatus
from cu_twin.observe.scrape import ScrapeFailed

COMMAND_ROWS_MAX = 10
REJECTION_ROWS_MAX = 8
NONE = "—"
TITLE = "TuringCore, live from /metrics"
TITLES = (
    "commands/s",
    "events/s",
    "latency (command routes)",
    "5xx share",
    "commands by type and outcome",
    "rejections by rule",
    "store transaction p95",
    "store up",
    "core CPU",
    "core memory",
    "twin",
)
"""Every figure's title, as the panel prints it (tests look for each)."""


@dataclass(frozen=True)
class PanelView:
    source: str
    """Where the figures come from (the ``/metrics`` URL)."""
    dashboard: Dashboard | None
    failure: ScrapeFailed | None
    attempts: int
    run: RunStatus


def rate(value: float | None) -> str:
    return NONE if value is None else f"{value:,.1f}"


def seconds(value: float | None) -> str:
    if value is None:
        return NONE
    if value < 0.001:
        return f"{value * 1_000_000:,.0f} µs"
    if value < 1:
        return f"{value * 1000:,.1f} ms"
    return f"{value:,.2f} s"


def percent(fraction: float | None) -> str:
    return NONE if fraction is None else f"{fraction * 100:.2f} %"


def mebibytes(value: float | None) -> str:
    return NONE if value is None else f"{value / 2**20:,.0f} MiB"


def count(value: float) -> str:
    return f"{value:,.0f}"


def _up(value: float | None) -> str:
    if value is None:
        return NONE
    return "[green]up[/]" if value >= 1 else "[bold red]DOWN[/]"


def _health(d: Dashboard) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column(justify="right")
    store_p95 = ", ".join(f"{k} {seconds(v)}" for k, v in d.store_p95_s.items()) or NONE
    rows = (
        ("commands/s", rate(d.commands_per_s)),
        ("events/s", rate(d.events_per_s)),
        ("commands", count(d.commands_total)),
        ("events", count(d.events_total)),
        ("5xx share", percent(d.error_share)),
        ("store up", _up(d.store_up)),
        ("store errors", count(d.store_errors_total)),
        ("store transaction p95", store_p95),
        ("core CPU", NONE if d.cpu_percent is None else f"{d.cpu_percent:,.0f} %"),
        ("core memory", mebibytes(d.resident_memory_bytes)),
    )
    for title, figure in rows:
        table.add_row(title, figure)
    return table


def _latency(d: Dashboard) -> Table:
    table = Table(title="latency (command routes)", expand=False, box=None, padding=(0, 1))
    table.add_column("route")
    for name in ("p50", "p95", "p99"):
        table.add_column(name, justify="right")
    for route, q in d.latency.items():
        table.add_row(
            route.rsplit("/", 1)[-1], seconds(q.p50_s), seconds(q.p95_s), seconds(q.p99_s)
        )
    return table


def _more(table: Table, shown: int, total: int) -> None:
    if total > shown:
        table.add_row(f"+ {total - shown} more", *([""] * (len(table.columns) - 1)))


def _commands(d: Dashboard) -> Table:
    table = Table(title="commands by type and outcome", box=None, padding=(0, 1))
    table.add_column("type")
    table.add_column("outcome")
    table.add_column("total", justify="right")
    table.add_column("/s", justify="right")
    for row in d.commands[:COMMAND_ROWS_MAX]:
        table.add_row(row.command_type, row.outcome, count(row.total), rate(row.per_s))
    _more(table, COMMAND_ROWS_MAX, len(d.commands))
    return table


def _rejections(rows: Sequence[tuple[str, float]]) -> Table:
    table = Table(title="rejections by rule", box=None, padding=(0, 1), min_width=24)
    table.add_column("rule")
    table.add_column("total", justify="right")
    for rule, total in rows[:REJECTION_ROWS_MAX]:
        table.add_row(rule, count(total))
    if not rows:
        table.add_row("none", "")
    _more(table, REJECTION_ROWS_MAX, len(rows))
    return table


def _run_line(run: RunStatus) -> Text:
    day = f"day {run.day_number}/{run.days}" if run.days else "day —"
    if run.day is not None:
        day += f" ({run.day.isoformat()})"
    return Text.from_markup(
        f"[bold]twin[/]  phase {run.phase or 'starting'}  ·  {day}  ·  "
        f"commands sent [bold]{run.commands_sent:,}[/]"
    )


def _status(view: PanelView) -> Text | None:
    if view.failure is not None:
        kept = " (figures below are from the last good scrape)" if view.dashboard else ""
        return Text.from_markup(
            f"[bold red]/metrics unreachable:[/] {view.failure.reason}{kept}; the run goes on"
        )
    if view.dashboard is None:
        return Text("waiting for the first scrape of /metrics ...")
    return None


def render_panel(view: PanelView) -> RenderableType:
    """The whole panel: core figures (when there are any), the scrape status, the twin."""
    parts: list[RenderableType] = []
    status = _status(view)
    if status is not None:
        parts.append(status)
    d = view.dashboard
    if d is not None:
        top = Table.grid(padding=(0, 4))
        top.add_row(_health(d), _latency(d))
        bottom = Table.grid(padding=(0, 4))
        bottom.add_row(_commands(d), _rejections(d.rejections))
        parts += [top, Text(""), bottom]
    parts.append(_run_line(view.run))
    window = f"window {d.window_s:.1f} s" if d is not None and d.window_s else "window —"
    subtitle = f"{view.source}  ·  {view.attempts} scrapes  ·  {window}"
    return Panel(Group(*parts), title=TITLE, subtitle=subtitle, expand=True)
