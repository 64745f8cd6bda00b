"""Prometheus metrics, on a registry owned by the app (no process-global collectors).

Labels are bounded: ``route`` is the route template (never a raw path), command types,
outcomes and rules are enums. Tenant is deliberately not a label (100+ tenants x routes x
statuses would make series grow with the platform); per-tenant figures come from the
queries and from the structured command log, which carries ``tenantId`` on every line.

Projections are written in the same transaction as their events, so there is no
projection lag to export: a 202 means the read side already shows the command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

LATENCY_BUCKETS_S = (0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
STORE_BUCKETS_S = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0)
BATCH_SIZE_BUCKETS = (1, 10, 50, 100, 250, 500, 1000)

Probe = Callable[[], None]
"""Raises when the store cannot be reached."""


class StoreUpCollector(Collector):
    """``turingcore_store_up``: 1 when the store answered a ping at scrape time, else 0."""

    def __init__(self, probe: Probe) -> None:
        self._probe = probe

    def collect(self) -> Iterator[Metric]:
        try:
            self._probe()
            up = 1.0
        except Exception:  # any failure to answer is "down"; the reason is in the logs
            up = 0.0
        yield GaugeMetricFamily(
            "turingcore_store_up", "1 if the store answered a ping at scrape time", value=up
        )


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self, store_probe: Probe | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        if store_probe is not None:
            self.registry.register(StoreUpCollector(store_probe))
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
        self.store_transaction = Histogram(
            "turingcore_store_transaction_duration_seconds",
            "Time a write transaction held the tenant's writer (decide + append + commit)",
            ["kind"],
            buckets=STORE_BUCKETS_S,
            registry=self.registry,
        )
        self.store_errors = Counter(
            "turingcore_store_errors_total",
            "Requests answered 503 because the store was unavailable or busy",
            registry=self.registry,
        )
        self.chain_verifications = Counter(
            "turingcore_chain_verifications_total",
            "Chain verification runs, by result",
            ["result"],
            registry=self.registry,
        )
        for result in ("valid", "invalid"):
            self.chain_verifications.labels(result)
        self.store_transaction.labels("command")
        self.store_transaction.labels("batch")

    def render(self) -> bytes:
        return generate_latest(self.registry)
