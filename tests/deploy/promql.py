"""Which series a PromQL expression reads, and a check of those against what is exported.

``series_uses`` parses an expression with promql_parser and returns, per vector selector,
the metric name and the label names the expression relies on: its matchers and the
``by (...)`` labels of every aggregation around it. ``problems`` compares them with the
sample names and label names of real exposition output.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import promql_parser
from prometheus_client.parser import text_string_to_metric_families

GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__interval": "15s", "$__range": "1h"}
"""Grafana's built-in range variables, replaced by a duration so the text parses as PromQL."""
TARGET_LABELS = frozenset({"job", "instance"})
"""Labels Prometheus attaches to every scraped series (or keeps from a push, honor_labels)."""
SYNTHETIC_SERIES: Mapping[str, frozenset[str]] = {"up": TARGET_LABELS}
"""Series Prometheus writes itself for every scrape target, exported by nobody."""


@dataclass(frozen=True)
class SeriesUse:
    metric: str
    labels: frozenset[str]


def expand_grafana_variables(expr: str) -> str:
    for variable, duration in GRAFANA_VARIABLES.items():
        expr = expr.replace(variable, duration)
    return expr


def parse(expr: str) -> promql_parser.Expr:
    """Raises ValueError on PromQL that Prometheus would refuse."""
    return promql_parser.parse(expand_grafana_variables(expr))


def series_uses(expr: str) -> list[SeriesUse]:
    grouping: list[list[str]] = []
    uses: list[SeriesUse] = []

    def pre(node: promql_parser.Expr) -> None:
        if isinstance(node, promql_parser.AggregateExpr):
            modifier = node.modifier
            by = modifier is not None and modifier.type == promql_parser.AggModifierType.By
            grouping.append(list(modifier.labels) if by and modifier is not None else [])
        if isinstance(node, promql_parser.VectorSelector):
            matchers = node.matchers.matchers
            name = node.name or next(m.value for m in matchers if m.name == "__name__")
            labels = {m.name for m in matchers if m.name != "__name__"}
            labels.update(label for level in grouping for label in level)
            uses.append(SeriesUse(name, frozenset(labels)))

    def post(node: promql_parser.Expr) -> None:
        if isinstance(node, promql_parser.AggregateExpr):
            grouping.pop()

    promql_parser.walk(parse(expr), pre, post)
    return uses


def problems(uses: Iterable[SeriesUse], exported: Mapping[str, frozenset[str]]) -> list[str]:
    """What an expression reads that the exporters do not provide (empty: all there)."""
    found: list[str] = []
    for use in uses:
        labels = exported.get(use.metric, SYNTHETIC_SERIES.get(use.metric))
        if labels is None:
            found.append(f"{use.metric}: no such series is exported")
            continue
        missing = sorted(use.labels - labels - TARGET_LABELS)
        if missing:
            found.append(f"{use.metric}: no label {', '.join(missing)}")
    return found


def exported_series(exposition: str) -> dict[str, frozenset[str]]:
    """Sample name (``_total``, ``_bucket``... as stored) -> every label name it carries."""
    labels: dict[str, set[str]] = {}
    for family in text_string_to_metric_families(exposition):
        for sample in family.samples:
            labels.setdefault(sample.name, set()).update(sample.labels)
    return {name: frozenset(names) for name, names in labels.items()}
