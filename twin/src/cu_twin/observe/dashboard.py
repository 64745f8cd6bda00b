"""The figures a Grafana dashboard of the core shows, from successive ``/metrics`` scrapes.

Pure: snapshots in, a ``Dashboard`` out. Rates and quantiles are over the window between
the newest scrape and the oldest one at most ``window_s`` older (like PromQL's
``rate(x[5s])``); totals and gauges are the newest scrape's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from cu_twin.observe.figures import (
    bucket_increase,
    counter_increase,
    cpu_percent,
    histogram_quantile,
    rate_per_s,
    share,
)
from cu_twin.observe.samples import Snapshot, labels_of

COMMAND_ROUTES = ("/tenants/{tenantId}/commands", "/tenants/{tenantId}/commands:batch")
"""The routes whose latency the panel shows (the API contract's command gateway)."""
METRICS_ROUTE = "/metrics"
"""Left out of the error share: the panel's own scrapes are not the run's traffic."""
QUANTILES = (0.5, 0.95, 0.99)
WINDOW_S = 5.0

HTTP_REQUESTS = "turingcore_http_requests_total"
HTTP_DURATION = "turingcore_http_request_duration_seconds_bucket"
COMMANDS = "turingcore_commands_total"
REJECTIONS = "turingcore_command_rejections_total"
EVENTS = "turingcore_events_appended_total"
STORE_DURATION = "turingcore_store_transaction_duration_seconds_bucket"
STORE_UP = "turingcore_store_up"
STORE_ERRORS = "turingcore_store_errors_total"
CPU = "process_cpu_seconds_total"
RESIDENT_MEMORY = "process_resident_memory_bytes"


@dataclass(frozen=True)
class Quantiles:
    """Latency quantiles in seconds (None: nothing observed in the window)."""

    p50_s: float | None
    p95_s: float | None
    p99_s: float | None


@dataclass(frozen=True)
class CommandCount:
    command_type: str
    outcome: str
    total: float
    per_s: float | None


@dataclass(frozen=True)
class Dashboard:
    window_s: float | None
    """Seconds between the two scrapes the rates compare; None after the first scrape."""
    commands_per_s: float | None
    events_per_s: float | None
    commands_total: float
    events_total: float
    latency: Mapping[str, Quantiles]
    error_share: float | None
    """5xx answers over all answers in the window (``/metrics`` itself left out)."""
    commands: tuple[CommandCount, ...]
    rejections: tuple[tuple[str, float], ...]
    store_p95_s: Mapping[str, float | None]
    store_up: float | None
    store_errors_total: float
    cpu_percent: float | None
    resident_memory_bytes: float | None


def window(snapshots: Sequence[Snapshot], window_s: float = WINDOW_S) -> tuple[Snapshot, Snapshot]:
    """(older, newest): the oldest scrape within ``window_s`` of the newest, else the one
    just before it; (newest, newest) when there is only one. ``snapshots`` oldest first."""
    if not snapshots:
        raise ValueError("a window needs at least one snapshot")
    newest = snapshots[-1]
    if len(snapshots) == 1:
        return newest, newest
    within = [s for s in snapshots[:-1] if newest.taken_at_s - s.taken_at_s <= window_s]
    return (within[0] if within else snapshots[-2]), newest


def _increase(older: Snapshot, newer: Snapshot, name: str, **match: str) -> float:
    """Summed per series, so one series resetting does not hide another's growth."""
    before = {labels_of(labels): v for labels, v in older.series(name, **match)}
    return sum(
        counter_increase(before.get(labels_of(labels), 0.0), value)
        for labels, value in newer.series(name, **match)
    )


def _buckets(snapshot: Snapshot, name: str, group: str, value: str) -> dict[float, float]:
    found: dict[float, float] = defaultdict(float)
    for labels, count in snapshot.series(name, **{group: value}):
        found[float(labels["le"])] += count
    return found


def _quantiles(older: Snapshot, newer: Snapshot, name: str, group: str, value: str) -> Quantiles:
    observed = bucket_increase(
        _buckets(older, name, group, value), _buckets(newer, name, group, value)
    )
    p50, p95, p99 = (histogram_quantile(q, observed) for q in QUANTILES)
    return Quantiles(p50, p95, p99)


def _error_share(older: Snapshot, newer: Snapshot) -> float | None:
    errors = answers = 0.0
    before = {labels_of(lb): v for lb, v in older.series(HTTP_REQUESTS)}
    for labels, value in newer.series(HTTP_REQUESTS):
        if labels.get("route") == METRICS_ROUTE:
            continue
        grew = counter_increase(before.get(labels_of(labels), 0.0), value)
        answers += grew
        if labels.get("status", "").startswith("5"):
            errors += grew
    return share(errors, answers)


def _commands(older: Snapshot, newer: Snapshot, elapsed_s: float) -> tuple[CommandCount, ...]:
    rows = []
    for labels, total in newer.series(COMMANDS):
        kind, outcome = labels.get("command_type", "?"), labels.get("outcome", "?")
        grew = _increase(older, newer, COMMANDS, command_type=kind, outcome=outcome)
        rows.append(CommandCount(kind, outcome, total, rate_per_s(grew, elapsed_s)))
    return tuple(sorted(rows, key=lambda r: (-r.total, r.command_type, r.outcome)))


def dashboard(snapshots: Sequence[Snapshot], window_s: float = WINDOW_S) -> Dashboard:
    """Every figure of the panel from the scrapes so far (oldest first, at least one)."""
    older, newer = window(snapshots, window_s)
    elapsed_s = newer.taken_at_s - older.taken_at_s
    cpu_before, cpu_after = older.total(CPU), newer.total(CPU)
    rejections = sorted(
        ((labels.get("rule", "?"), v) for labels, v in newer.series(REJECTIONS) if v > 0),
        key=lambda r: (-r[1], r[0]),
    )
    kinds = sorted(
        {labels["kind"] for labels, _ in newer.series(STORE_DURATION) if "kind" in labels}
    )
    return Dashboard(
        window_s=elapsed_s if elapsed_s > 0 else None,
        commands_per_s=rate_per_s(_increase(older, newer, COMMANDS), elapsed_s),
        events_per_s=rate_per_s(_increase(older, newer, EVENTS), elapsed_s),
        commands_total=newer.total(COMMANDS) or 0.0,
        events_total=newer.total(EVENTS) or 0.0,
        latency={r: _quantiles(older, newer, HTTP_DURATION, "route", r) for r in COMMAND_ROUTES},
        error_share=_error_share(older, newer),
        commands=_commands(older, newer, elapsed_s),
        rejections=tuple(rejections),
        store_p95_s={k: _quantiles(older, newer, STORE_DURATION, "kind", k).p95_s for k in kinds},
        store_up=newer.total(STORE_UP),
        store_errors_total=newer.total(STORE_ERRORS) or 0.0,
        cpu_percent=(
            None
            if cpu_before is None or cpu_after is None
            else cpu_percent(cpu_before, cpu_after, elapsed_s)
        ),
        resident_memory_bytes=newer.total(RESIDENT_MEMORY),
    )
