"""The live panel's content, rendered into a recording Console (no terminal needed)."""

from __future__ import annotations

import datetime as dt
import io

from rich.console import Console

from cu_twin.observe.dashboard import COMMAND_ROUTES, CommandCount, Dashboard, Quantiles
from cu_twin.observe.panel import TITLE, TITLES, PanelView, mebibytes, render_panel, seconds
from cu_twin.observe.run_board import RunStatus
from cu_twin.observe.scrape import ScrapeFailed

RUN = RunStatus("simulate", 4, 10, dt.date(2025, 1, 4), 1_234)
FIGURES = Dashboard(
    window_s=5.0,
    commands_per_s=812.5,
    events_per_s=830.0,
    commands_total=4_321,
    events_total=4_400,
    latency={r: Quantiles(0.002, 0.004, 0.009) for r in COMMAND_ROUTES},
    error_share=0.0,
    commands=(CommandCount("PostEntry", "accepted", 4_000, 800.0),),
    rejections=(("INSUFFICIENT_FUNDS", 7),),
    store_p95_s={"command": 0.0009, "batch": 0.02},
    store_up=1.0,
    store_errors_total=0,
    cpu_percent=87.0,
    resident_memory_bytes=96 * 2**20,
)


def _text(view: PanelView) -> str:
    console = Console(width=140, record=True, file=io.StringIO())
    console.print(render_panel(view))
    return console.export_text()


def test_the_panel_shows_every_figure_with_its_title() -> None:
    text = _text(PanelView("http://core/metrics", FIGURES, None, 6, RUN))
    for title in (TITLE, *TITLES):
        assert title in text, title
    for figure in ("812.5", "4,321", "0.00 %", "87 %", "96 MiB", "INSUFFICIENT_FUNDS", "900 µs"):
        assert figure in text, figure
    assert "day 4/10 (2025-01-04)" in text and "commands sent 1,234" in text


def test_an_unreachable_metrics_endpoint_is_said_and_the_twin_line_stays() -> None:
    text = _text(PanelView("http://core/metrics", None, ScrapeFailed("connection refused"), 3, RUN))
    assert "/metrics unreachable: connection refused" in text
    assert "the run goes on" in text
    assert "commands sent 1,234" in text


def test_a_failed_scrape_after_good_ones_keeps_the_last_figures() -> None:
    text = _text(PanelView("http://core/metrics", FIGURES, ScrapeFailed("timed out"), 9, RUN))
    assert "last good scrape" in text and "4,321" in text


def test_durations_and_sizes_are_in_readable_units() -> None:
    assert seconds(0.000_25) == "250 µs"
    assert seconds(0.0421) == "42.1 ms"
    assert seconds(2.5) == "2.50 s"
    assert seconds(None) == "—"
    assert mebibytes(3 * 2**20) == "3 MiB"
