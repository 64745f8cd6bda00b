"""The twin's own metrics of a run, as the alerting stack reads them."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.parser import text_string_to_metric_families

from cu_twin.observe.metrics import TWIN_METRIC_NAMES, commands_by_type, run_registry
from cu_twin.reports.summary import RunReport
from cu_twin.validators.findings import Finding, InvariantResult

GREEN = [
    InvariantResult("event_integrity", True, "ok"),
    InvariantResult("value_conservation", True, "ok"),
]
BROKEN = [*GREEN, InvariantResult("balance_derivability", False, "1 finding", [Finding("x")])]
FINISHED_AT_S = 1_767_225_600.0


def _samples(registry: CollectorRegistry) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = generate_latest(registry).decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if not s.name.endswith("_created")
    }


def test_every_metric_of_a_green_run_is_exported_under_its_agreed_name() -> None:
    samples = _samples(run_registry(GREEN, {"PostEntry": 3}, FINISHED_AT_S))
    assert {name for name, _ in samples} == set(TWIN_METRIC_NAMES)
    assert TWIN_METRIC_NAMES == (
        "cu_twin_invariant_failures",
        "cu_twin_invariants_checked",
        "cu_twin_run_last_success_timestamp_seconds",
        "cu_twin_commands_sent_total",
    )


def test_each_invariant_reports_one_if_it_failed_and_zero_if_it_passed() -> None:
    samples = _samples(run_registry(BROKEN, {}, FINISHED_AT_S))
    failures = {
        dict(labels)["invariant"]: value
        for (name, labels), value in samples.items()
        if name == "cu_twin_invariant_failures"
    }
    assert failures == {"event_integrity": 0, "value_conservation": 0, "balance_derivability": 1}
    assert samples[("cu_twin_invariants_checked", ())] == 3


def test_only_a_green_run_sets_the_last_success_timestamp() -> None:
    green = _samples(run_registry(GREEN, {}, FINISHED_AT_S))
    broken = _samples(run_registry(BROKEN, {}, FINISHED_AT_S))
    empty = _samples(run_registry([], {}, FINISHED_AT_S))
    assert green[("cu_twin_run_last_success_timestamp_seconds", ())] == FINISHED_AT_S
    assert ("cu_twin_run_last_success_timestamp_seconds", ()) not in broken
    assert ("cu_twin_run_last_success_timestamp_seconds", ()) not in empty


def test_commands_sent_are_counted_by_type() -> None:
    samples = _samples(run_registry(GREEN, {"PostEntry": 700, "OpenAccount": 80}, FINISHED_AT_S))
    assert samples[("cu_twin_commands_sent_total", (("command_type", "PostEntry"),))] == 700
    assert samples[("cu_twin_commands_sent_total", (("command_type", "OpenAccount"),))] == 80


def test_each_registry_is_fresh_so_runs_do_not_add_up() -> None:
    run_registry(GREEN, {"PostEntry": 5}, FINISHED_AT_S)
    samples = _samples(run_registry(GREEN, {"PostEntry": 5}, FINISHED_AT_S))
    assert samples[("cu_twin_commands_sent_total", (("command_type", "PostEntry"),))] == 5


def test_the_commands_by_type_come_from_the_run_summary() -> None:
    report = RunReport(
        scenario="S",
        seed=1,
        members=1,
        days=1,
        tenant_id="CU_DIGITAL",
        core_url="http://core",
        fingerprint="f",
        invariants=GREEN,
        counts={"commandsSent": 3, "commandsByType": {"PostEntry": 2, "OpenAccount": 1}},
        rejections={},
        money_moved_cents={},
        latency_ms={},
        wall_time_s=1.0,
    )
    assert commands_by_type(report) == {"PostEntry": 2, "OpenAccount": 1}
