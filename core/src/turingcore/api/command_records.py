"""What the gateway records about each handled command: metrics and one log line.

Counters are summed per batch and incremented once per (type, outcome), not once per
command. A log line carries ids, type, outcome, the rule or error, the position and the
time the transaction took (a batch's commands share their batch's) — never the payload,
so never a name, an email, an amount or a key.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from typing import Any

from turingcore.api.deps import Services
from turingcore.app.outcomes import (
    Accepted,
    IdempotencyConflict,
    Invalid,
    Outcome,
    Refused,
    TenantNotFound,
)

_LABELS: dict[type, str] = {
    IdempotencyConflict: "conflict",
    TenantNotFound: "tenant_not_found",
    Refused: "rejected",
    Invalid: "invalid",
}


def outcome_label(outcome: Outcome) -> str:
    if isinstance(outcome, Accepted):
        return "already_processed" if outcome.replayed else "accepted"
    return _LABELS[type(outcome)]


def record_commands(
    services: Services,
    tenant_id: str,
    handled: Sequence[tuple[str, str | None, Outcome]],
    *,
    correlation_id: str | None,
    latency_s: float | None,
    batch: bool,
) -> None:
    """Count and log (command type, commandId, outcome), in the order they were handled."""
    metrics = services.metrics
    by_label: Counter[tuple[str, str]] = Counter()
    rules: Counter[str] = Counter()
    events = 0
    for command_type, _, outcome in handled:
        by_label[command_type, outcome_label(outcome)] += 1
        if isinstance(outcome, Accepted):
            events += outcome.events_appended
        elif isinstance(outcome, Refused):
            rules[outcome.rejection.rule.value] += 1
    for (command_type, label), count in by_label.items():
        metrics.commands.labels(command_type, label).inc(count)
    for rule, count in rules.items():
        metrics.rejections.labels(rule).inc(count)
    if events:
        metrics.events_appended.inc(events)
    if services.command_log.enabled:
        now = time.time()
        size = len(handled) if batch else None
        services.command_log.write_many(
            _line(now, tenant_id, kind, command_id, outcome, correlation_id, latency_s, index, size)
            for index, (kind, command_id, outcome) in enumerate(handled)
        )


def _line(
    now: float,
    tenant_id: str,
    command_type: str,
    command_id: str | None,
    outcome: Outcome,
    correlation_id: str | None,
    latency_s: float | None,
    index: int,
    batch_size: int | None,
) -> dict[str, Any]:
    line: dict[str, Any] = {
        "ts": round(now, 6),
        "log": "command",
        "tenantId": tenant_id,
        "commandId": command_id,
        "commandType": command_type,
        "outcome": outcome_label(outcome),
        "correlationId": correlation_id,
    }
    if isinstance(outcome, Accepted):
        line["correlationId"] = outcome.body.get("correlationId", correlation_id)
        line["position"] = outcome.body.get("position")
        line["events"] = outcome.events_appended
    elif isinstance(outcome, Refused):
        line["rule"] = outcome.rejection.rule.value
    elif isinstance(outcome, Invalid):
        line["error"] = outcome.problem.get("error")
    if latency_s is not None:
        line["latencyMs"] = round(latency_s * 1000, 3)
    if batch_size is not None:
        line["batchIndex"] = index
        line["batchSize"] = batch_size
    return line
