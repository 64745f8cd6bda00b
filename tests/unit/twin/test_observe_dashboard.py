"""The panel's figures from two scrapes of an exposition like the core's ``/metrics``.

The exposition text is produced by prometheus_client itself, with the metric names and
labels of the API contract, so the parser reads what a real core writes.
"""

from __future__ import annotations

import pytest
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from cu_twin.observe.dashboard import COMMAND_ROUTES, dashboard, window
from cu_twin.observe.samples import ExpositionError, Snapshot, parse_snapshot

SINGLE, BATCH = COMMAND_ROUTES
LATENCY_BUCKETS_S = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0)


class FakeCoreMetrics:
    """A registry with the core's public metric names, driven by the test."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter(
            "turingcore_http_requests", "", ["method", "route", "status"], registry=r
        )
        self.latency = Histogram(
            "turingcore_http_request_duration_seconds",
            "",
            ["method", "route"],
            buckets=LATENCY_BUCKETS_S,
            registry=r,
        )
        self.commands = Counter("turingcore_commands", "", ["command_type", "outcome"], registry=r)
        self.rejections = Counter("turingcore_command_rejections", "", ["rule"], registry=r)
        self.events = Counter("turingcore_events_appended", "", registry=r)
        self.store = Histogram(
            "turingcore_store_transaction_duration_seconds",
            "",
            ["kind"],
            buckets=LATENCY_BUCKETS_S,
            registry=r,
        )
        self.store_up = Gauge("turingcore_store_up", "", registry=r)
        self.cpu = Counter("process_cpu_seconds", "", registry=r)
        self.memory = Gauge("process_resident_memory_bytes", "", registry=r)

    def scrape(self, at_s: float) -> Snapshot:
        return parse_snapshot(generate_latest(self.registry).decode(), at_s)


def _first_scrape(core: FakeCoreMetrics) -> Snapshot:
    core.commands.labels("PostEntry", "accepted").inc(100)
    core.events.inc(100)
    core.requests.labels("POST", SINGLE, "202").inc(10)
    core.store_up.set(1)
    core.cpu.inc(5.0)
    core.memory.set(64 * 2**20)
    return core.scrape(at_s=100.0)


def test_rates_are_the_increase_between_scrapes_per_second() -> None:
    core = FakeCoreMetrics()
    first = _first_scrape(core)
    core.commands.labels("PostEntry", "accepted").inc(500)
    core.commands.labels("PostEntry", "rejected").inc(100)
    core.events.inc(1_000)
    core.cpu.inc(1.5)
    d = dashboard([first, core.scrape(at_s=102.0)])
    assert d.window_s == 2.0
    assert d.commands_per_s == pytest.approx(300.0)
    assert d.events_per_s == pytest.approx(500.0)
    assert d.commands_total == 700
    assert d.cpu_percent == pytest.approx(75.0)
    assert d.resident_memory_bytes == 64 * 2**20
    assert d.store_up == 1
    assert [(c.command_type, c.outcome, c.total) for c in d.commands] == [
        ("PostEntry", "accepted", 600),
        ("PostEntry", "rejected", 100),
    ]
    assert [c.per_s for c in d.commands] == [pytest.approx(250.0), pytest.approx(50.0)]


def test_latency_quantiles_are_of_what_was_observed_in_the_window_only() -> None:
    core = FakeCoreMetrics()
    for _ in range(1_000):  # slow requests before the window must not count
        core.latency.labels("POST", SINGLE).observe(0.8)
    first = _first_scrape(core)
    for _ in range(100):
        core.latency.labels("POST", SINGLE).observe(0.003)
    for _ in range(10):
        core.latency.labels("POST", BATCH).observe(0.07)
    d = dashboard([first, core.scrape(at_s=101.0)])
    single, batch = d.latency[SINGLE], d.latency[BATCH]
    assert single.p50_s == pytest.approx(0.001 + 0.004 * 0.5)
    assert single.p99_s == pytest.approx(0.001 + 0.004 * 0.99)
    assert batch.p95_s == pytest.approx(0.05 + 0.05 * 0.95)


def test_the_error_share_is_5xx_over_every_answer_but_the_scrapes_themselves() -> None:
    core = FakeCoreMetrics()
    first = _first_scrape(core)
    core.requests.labels("POST", SINGLE, "202").inc(90)
    core.requests.labels("POST", BATCH, "503").inc(10)
    core.requests.labels("GET", "/metrics", "200").inc(1_000)
    d = dashboard([first, core.scrape(at_s=101.0)])
    assert d.error_share == pytest.approx(0.1)


def test_rejections_are_listed_by_rule_most_first() -> None:
    core = FakeCoreMetrics()
    core.rejections.labels("INSUFFICIENT_FUNDS").inc(3)
    core.rejections.labels("ACCOUNT_CLOSED").inc(7)
    d = dashboard([_first_scrape(core)])
    assert d.rejections == (("ACCOUNT_CLOSED", 7), ("INSUFFICIENT_FUNDS", 3))


def test_store_transaction_p95_is_per_kind() -> None:
    core = FakeCoreMetrics()
    first = _first_scrape(core)
    for _ in range(20):
        core.store.labels("command").observe(0.0005)
        core.store.labels("batch").observe(0.3)
    d = dashboard([first, core.scrape(at_s=101.0)])
    assert d.store_p95_s["command"] == pytest.approx(0.001 * 0.95)
    assert d.store_p95_s["batch"] == pytest.approx(0.1 + 0.4 * 0.95)


def test_one_scrape_gives_totals_and_gauges_but_no_rates() -> None:
    d = dashboard([_first_scrape(FakeCoreMetrics())])
    assert d.window_s is None
    assert d.commands_per_s is None and d.cpu_percent is None
    assert d.commands_total == 100
    assert d.latency[SINGLE].p50_s is None


def test_a_core_restart_between_scrapes_counts_from_zero_not_negative() -> None:
    first = _first_scrape(FakeCoreMetrics())
    restarted = FakeCoreMetrics()
    restarted.commands.labels("PostEntry", "accepted").inc(40)
    d = dashboard([first, restarted.scrape(at_s=102.0)])
    assert d.commands_per_s == pytest.approx(20.0)


def test_the_window_reaches_back_at_most_window_s_but_always_one_scrape() -> None:
    snaps = [Snapshot(t, {}) for t in (0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0)]
    assert [s.taken_at_s for s in window(snaps, 5.0)] == [1.0, 6.0]
    sparse = [Snapshot(0.0, {}), Snapshot(30.0, {})]
    assert [s.taken_at_s for s in window(sparse, 5.0)] == [0.0, 30.0]
    assert [s.taken_at_s for s in window(snaps[:1], 5.0)] == [0.0, 0.0]


def test_created_timestamps_are_not_figures() -> None:
    snapshot = _first_scrape(FakeCoreMetrics())
    assert not [name for name, _ in snapshot.values if name.endswith("_created")]
    assert snapshot.total("turingcore_commands_total") == 100


def test_text_that_is_not_an_exposition_is_an_exposition_error() -> None:
    with pytest.raises(ExpositionError):
        parse_snapshot("<html>502 Bad Gateway</html>\n", 0.0)
