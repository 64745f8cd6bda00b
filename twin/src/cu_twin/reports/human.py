"""The report a person reads at the end of a run (Rich tables on the terminal)."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from cu_twin.reports.summary import RunReport
from cu_twin.validators.money import from_cents


def _aud(cents: int) -> str:
    text = from_cents(cents)
    whole, _, frac = text.lstrip("-").partition(".")
    sign = "-" if text.startswith("-") else ""
    return f"{sign}${int(whole):,}.{frac}"


def render(report: RunReport, console: Console) -> None:
    invariants = Table(
        title="Invariants (checked from outside, through the public API)", expand=True
    )
    invariants.add_column("", width=2)
    invariants.add_column("invariant")
    invariants.add_column("result")
    for inv in report.invariants:
        mark = "[green]✓[/]" if inv.passed else "[red]✗[/]"
        invariants.add_row(mark, inv.name, inv.detail)
    console.print(invariants)

    figures = Table(title="The run", show_header=False, expand=True)
    figures.add_column("what")
    figures.add_column("figure")
    counts = report.counts
    rows = [
        (
            "scenario",
            f"{report.scenario}  seed {report.seed}  {report.members} members x {report.days} days",
        ),
        ("tenant", report.tenant_id),
        ("members / accounts", f"{counts.get('customers', 0):,} / {counts.get('accounts', 0):,}"),
        (
            "commands sent",
            f"{counts.get('commandsSent', 0):,} ({counts.get('alreadyProcessed', 0):,} already processed)",
        ),
        ("events in the chain", f"{counts.get('events', 0):,}"),
        ("card transactions", f"{counts.get('cardTransactions', 0):,}"),
        ("money moved", _aud(sum(report.money_moved_cents.values()))),
        (
            "rejected by the core",
            ", ".join(f"{k} {v}" for k, v in sorted(report.rejections.items())) or "none",
        ),
        (
            "command latency",
            f"p50 {report.latency_ms.get('p50')} ms  p95 {report.latency_ms.get('p95')} ms  "
            f"p99 {report.latency_ms.get('p99')} ms (single commands during the run)",
        ),
        (
            "batch latency",
            f"p50 {report.batch_latency_ms.get('p50')} ms  p99 {report.batch_latency_ms.get('p99')} ms "
            "(the rest of each chunk, up to 249 commands a request)",
        ),
        (
            "wall time",
            f"{report.wall_time_s:.1f} s  ("
            + ", ".join(f"{k} {v:.1f} s" for k, v in report.phases_s.items())
            + ")",
        ),
        ("fingerprint", report.fingerprint),
    ]
    for what, figure in rows:
        figures.add_row(what, figure)
    console.print(figures)
    verdict = (
        "[bold green]ALL INVARIANTS GREEN[/]" if report.passed else "[bold red]INVARIANT BREACH[/]"
    )
    console.print(Panel(verdict, expand=False))
