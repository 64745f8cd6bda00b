"""Prometheus metrics, on a registry owned by the app (no process-global collectors).

Labels are bounded: ``route`` is the route template (never a raw path), command types and
outcomes are enums. Tenant is deliberately not a label (100+ tenants x routes x statuses
would make series grow with the platform); per-tenant figures come from the queries.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

LATENCY_BUCKETS_S = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
BATCH_SIZE_BUCKETS = (1, 10, 50, 100, 250, 500, 1000)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.http_requests = Counter(
            "turingcore_http_requests_total",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.http_latency = Histogram(
            "turingcore_http_request_duration_seconds",
            "HTTP request latency",
            ["method", "route"],
            buckets=LATENCY_BUCKETS_S,
            registry=self.registry,
        )
        self.commands = Counter(
            "turingcore_commands_total",
            "Commands handled, by type and outcome",
            ["command_type", "outcome"],
            registry=self.registry,
        )
        self.rejections = Counter(
            "turingcore_command_rejections_total",
            "Commands refused by a business rule",
            ["rule"],
            registry=self.registry,
        )
        self.events_appended = Counter(
            "turingcore_events_appended_total",
            "Events appended to tenant chains",
            registry=self.registry,
        )
        self.batch_size = Histogram(
            "turingcore_batch_commands",
            "Commands per batch request",
            buckets=BATCH_SIZE_BUCKETS,
            registry=self.registry,
        )
        self.chain_verifications = Counter(
            "turingcore_chain_verifications_total",
            "Chain verification runs, by result",
            ["result"],
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
