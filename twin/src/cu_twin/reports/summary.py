"""The run report: one JSON summary (``--json-out``) and the same facts for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cu_twin.validators.findings import InvariantResult
from cu_twin.validators.money import from_cents


@dataclass
class RunReport:
    scenario: str
    seed: int | None
    members: int
    days: int
    tenant_id: str
    core_url: str
    fingerprint: str
    invariants: list[InvariantResult]
    counts: dict[str, Any]
    rejections: Mapping[str, int]
    money_moved_cents: Mapping[str, int]
    latency_ms: Mapping[str, float]
    wall_time_s: float
    phases_s: dict[str, float] = field(default_factory=dict)
    batch_latency_ms: Mapping[str, float] = field(default_factory=dict)
    plan: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(i.passed for i in self.invariants)

    def to_json(self) -> dict[str, Any]:
        moved_total = sum(self.money_moved_cents.values())
        return {
            "scenario": self.scenario,
            "seed": self.seed,
            "members": self.members,
            "days": self.days,
            "tenantId": self.tenant_id,
            "coreUrl": self.core_url,
            "passed": self.passed,
            "fingerprint": self.fingerprint,
            "invariants": {i.name: i.to_json() for i in self.invariants},
            "counts": self.counts,
            "rejections": dict(sorted(self.rejections.items())),
            "moneyMoved": {
                "total": from_cents(moved_total),
                "byFlow": {k: from_cents(v) for k, v in sorted(self.money_moved_cents.items())},
            },
            "latencyMs": dict(self.latency_ms),
            "batchLatencyMs": dict(self.batch_latency_ms),
            "wallTimeS": round(self.wall_time_s, 2),
            "phasesS": {k: round(v, 2) for k, v in self.phases_s.items()},
            "plan": self.plan,
        }


def failed(invariants: Sequence[InvariantResult]) -> list[str]:
    return [i.name for i in invariants if not i.passed]
