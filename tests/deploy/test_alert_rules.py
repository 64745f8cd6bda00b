"""deploy/prometheus/alerts.yml: a Prometheus rules file whose every expression parses, with
the source plan's alerts, and a runbook section in docs/operations.md for each one."""

from __future__ import annotations

import re
from typing import Any

import promql_parser
import pytest

from tests.deploy import promql
from tests.deploy.deploy_files import (
    ALERTS_FILE,
    OPERATIONS_DOC,
    alert_rules,
    github_anchors,
    load_yaml,
)

REQUIRED = {
    "TwinInvariantBreach": "cu_twin_invariant_failures",
    "ChainVerificationFailed": "turingcore_chain_verifications_total",
    "HighErrorRate": "turingcore_http_requests_total",
    "HighLatencyP99": "turingcore_http_request_duration_seconds_bucket",
    "StoreUnavailable": "turingcore_store_up",
}
"""The source plan's alerts, each with the series it must be computed from."""
RULE_KEYS = {"alert", "expr", "for", "labels", "annotations"}
SEVERITIES = {"critical", "warning"}
RULES = alert_rules()
each_rule = pytest.mark.parametrize("rule", RULES, ids=[r["alert"] for r in RULES])


def test_the_file_is_groups_of_named_rules() -> None:
    groups = load_yaml(ALERTS_FILE)["groups"]
    names = [g["name"] for g in groups]
    assert names and len(names) == len(set(names))
    for group in groups:
        assert set(group) <= {"name", "interval", "rules", "limit"}
        assert group["rules"], f"group {group['name']} is empty"
    alerts = [r["alert"] for r in RULES]
    assert len(alerts) == len(set(alerts)), "an alert name is used twice"


def test_the_source_plans_alerts_are_all_there_on_the_right_series() -> None:
    by_name = {r["alert"]: r for r in RULES}
    for alert, series in REQUIRED.items():
        assert alert in by_name, f"missing alert {alert}"
        used = {u.metric for u in promql.series_uses(by_name[alert]["expr"])}
        assert series in used, f"{alert} does not read {series}"


@each_rule
def test_every_rule_has_the_fields_prometheus_and_the_on_call_need(rule: dict[str, Any]) -> None:
    assert set(rule) == RULE_KEYS
    assert re.fullmatch(r"\d+[smh]", rule["for"]), rule["for"]
    promql_parser.parse_duration(rule["for"])
    assert rule["labels"]["severity"] in SEVERITIES
    annotations = rule["annotations"]
    assert {"summary", "description", "runbook"} <= set(annotations)
    assert all(isinstance(v, str) and v.strip() for v in annotations.values())


@each_rule
def test_every_expression_parses_as_promql(rule: dict[str, Any]) -> None:
    parsed = promql.parse(rule["expr"])
    assert promql.series_uses(rule["expr"]), "reads no series"
    assert isinstance(parsed, promql_parser.BinaryExpr), "an alert expression compares"


@each_rule
def test_every_runbook_points_at_the_alerts_own_section_of_the_operations_doc(
    rule: dict[str, Any],
) -> None:
    document, _, anchor = rule["annotations"]["runbook"].partition("#")
    assert document == "docs/operations.md"
    assert anchor == rule["alert"].lower(), "the section named after the alert"
    assert anchor in github_anchors(OPERATIONS_DOC.read_text(encoding="utf-8"))


def test_an_expression_prometheus_would_refuse_does_not_parse() -> None:
    with pytest.raises(ValueError, match=r"."):
        promql.parse("sum by (le (rate(turingcore_store_up[5m]))")
