"""deploy/grafana/dashboards/turingcore-overview.json: the "TuringCore overview" dashboard,
its every query valid PromQL, a panel for each figure the plan asks for, and each panel
explained in docs/operations.md."""

from __future__ import annotations

import json

import pytest

from tests.deploy import promql
from tests.deploy.deploy_files import (
    DASHBOARD_FILE,
    OPERATIONS_DOC,
    dashboard,
    dashboard_exprs,
    dashboard_panels,
)

REQUIRED_PANELS = {
    "request rate": "turingcore_http_requests_total",
    "p50": "turingcore_http_request_duration_seconds_bucket",
    "p95": "turingcore_http_request_duration_seconds_bucket",
    "p99": "turingcore_http_request_duration_seconds_bucket",
    "error rate": "turingcore_http_requests_total",
    "commands/s by type": "turingcore_commands_total",
    "events/s": "turingcore_events_appended_total",
    "rejections by rule": "turingcore_command_rejections_total",
    "store transaction time p95": "turingcore_store_transaction_duration_seconds_bucket",
    "store up": "turingcore_store_up",
    "chain verifications": "turingcore_chain_verifications_total",
    "process cpu": "process_cpu_seconds_total",
    "process memory": "process_resident_memory_bytes",
}
"""A word of the panel's title -> the series that panel must read."""
GRID_WIDTH = 24


def test_the_file_is_json_with_the_agreed_title_and_uid() -> None:
    loaded = json.loads(DASHBOARD_FILE.read_text(encoding="utf-8"))
    assert loaded["title"] == "TuringCore overview"
    assert loaded["uid"] == "turingcore-overview"
    assert isinstance(loaded["schemaVersion"], int)


@pytest.mark.parametrize(("title", "expr"), dashboard_exprs(), ids=lambda v: str(v)[:40])
def test_every_panel_query_parses_as_promql(title: str, expr: str) -> None:
    promql.parse(expr)
    assert promql.series_uses(expr), f"{title}: reads no series"


@pytest.mark.parametrize(("word", "series"), REQUIRED_PANELS.items())
def test_there_is_a_panel_for_each_required_figure(word: str, series: str) -> None:
    matching = [
        panel
        for panel in dashboard_panels()
        if word in panel["title"].lower()
        and any(
            series in {u.metric for u in promql.series_uses(t["expr"])} for t in panel["targets"]
        )
    ]
    assert matching, f"no panel titled with {word!r} reading {series}"


def test_the_latency_panel_shows_p50_p95_and_p99() -> None:
    [panel] = [p for p in dashboard_panels() if "latency" in p["title"].lower()]
    quantiles = {t["expr"].split(",")[0] for t in panel["targets"]}
    assert quantiles == {f"histogram_quantile({q}" for q in ("0.5", "0.95", "0.99")}


def test_panels_have_unique_ids_and_do_not_overlap_on_the_grid() -> None:
    panels = dashboard()["panels"]
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    taken: set[tuple[int, int]] = set()
    for panel in panels:
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= GRID_WIDTH, panel["title"]
        cells = {
            (x, y)
            for x in range(grid["x"], grid["x"] + grid["w"])
            for y in range(grid["y"], grid["y"] + grid["h"])
        }
        assert not cells & taken, f"{panel['title']} overlaps another panel"
        taken |= cells


def test_every_panel_is_explained_in_the_operations_doc() -> None:
    text = OPERATIONS_DOC.read_text(encoding="utf-8")
    for panel in dashboard_panels():
        assert f"**{panel['title']}**" in text, f"{panel['title']} is not described"
