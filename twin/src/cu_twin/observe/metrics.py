"""The twin's own metrics for the alerting stack, built fresh for each run.

A run's verdict as Prometheus gauges and counters on a new ``CollectorRegistry`` (no
global registry: nothing leaks between runs or tests); ``push`` sends it to a
Pushgateway. The alert rules and dashboards name these metrics: keep the names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from prometheus_client import CollectorRegistry, Counter, Gauge

from cu_twin.reports.summary import RunReport
from cu_twin.validators.findings import InvariantResult

INVARIANT_FAILURES = "cu_twin_invariant_failures"
INVARIANTS_CHECKED = "cu_twin_invariants_checked"
LAST_SUCCESS = "cu_twin_run_last_success_timestamp_seconds"
COMMANDS_SENT = "cu_twin_commands_sent_total"
TWIN_METRIC_NAMES = (INVARIANT_FAILURES, INVARIANTS_CHECKED, LAST_SUCCESS, COMMANDS_SENT)
"""Every metric the twin exports, by its exposed name (a counter's ``_total`` included)."""


def run_registry(
    invariants: Sequence[InvariantResult],
    commands_sent_by_type: Mapping[str, int],
    finished_at_s: float,
) -> CollectorRegistry:
    """The metrics of one finished run.

    ``cu_twin_run_last_success_timestamp_seconds`` is set only when every invariant
    passed: a failed run must not look like a success to a staleness alert.
    """
    registry = CollectorRegistry()
    failures = Gauge(
        INVARIANT_FAILURES,
        "1 if the invariant failed in the last run, else 0",
        ["invariant"],
        registry=registry,
    )
    for result in invariants:
        failures.labels(invariant=result.name).set(0 if result.passed else 1)
    Gauge(INVARIANTS_CHECKED, "Invariants checked in the last run", registry=registry).set(
        len(invariants)
    )
    if invariants and all(r.passed for r in invariants):
        Gauge(
            LAST_SUCCESS,
            "Unix time the last run with every invariant green finished",
            registry=registry,
        ).set(finished_at_s)
    sent = Counter(
        COMMANDS_SENT.removesuffix("_total"),
        "Commands the twin sent in the last run, by type",
        ["command_type"],
        registry=registry,
    )
    for command_type, n in sorted(commands_sent_by_type.items()):
        sent.labels(command_type=command_type).inc(n)
    return registry


def commands_by_type(report: RunReport) -> dict[str, int]:
    """The run's commands by type, as ``scenario_run`` counts them in the summary."""
    found = report.counts.get("commandsByType", {})
    if not isinstance(found, Mapping):
        raise TypeError(f"counts.commandsByType is not a mapping: {found!r}")
    return {str(k): int(v) for k, v in found.items()}


def report_registry(report: RunReport, finished_at_s: float) -> CollectorRegistry:
    return run_registry(report.invariants, commands_by_type(report), finished_at_s)
