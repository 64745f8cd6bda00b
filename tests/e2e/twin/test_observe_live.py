"""The scraper and the live panel against a real core process (and against no core)."""

from __future__ import annotations

import io
import time

from rich.console import Console

from cu_twin.observe.dashboard import dashboard
from cu_twin.observe.live import LiveObserver
from cu_twin.observe.run_board import RunBoard
from cu_twin.observe.scrape import ScrapeFailed, Scraper, metrics_client
from tests.support.core_process import CoreProcess, free_port


def test_a_scrape_of_a_real_core_reads_its_store_and_process_figures(core: CoreProcess) -> None:
    with metrics_client(core.url) as client:
        scraper = Scraper(client.metrics, time.monotonic)
        assert scraper.scrape_once() is None
        assert scraper.scrape_once() is None
    state = scraper.state()
    assert len(state.snapshots) == 2 and state.failure is None
    figures = dashboard(state.snapshots)
    assert figures.store_up == 1
    assert figures.resident_memory_bytes is not None and figures.resident_memory_bytes > 0
    assert figures.cpu_percent is not None and figures.cpu_percent >= 0


def test_the_scraper_thread_scrapes_on_its_interval_and_stops_when_told(
    core: CoreProcess,
) -> None:
    with metrics_client(core.url) as client:
        scraper = Scraper(client.metrics, time.monotonic, interval_s=0.1)
        scraper.start()
        time.sleep(0.55)
        scraper.stop()
        attempts = scraper.state().attempts
        time.sleep(0.3)
    assert 2 <= attempts <= 8
    assert scraper.state().attempts == attempts


def test_an_unreachable_core_is_a_failed_scrape_and_the_panel_says_so() -> None:
    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=False)
    board = RunBoard()
    began = time.monotonic()
    with metrics_client(f"http://127.0.0.1:{free_port()}") as client:
        scraper = Scraper(client.metrics, time.monotonic)
        assert isinstance(scraper.scrape_once(), ScrapeFailed)
        with LiveObserver(scraper, "nowhere/metrics", console, board):
            board.phase("simulate", 3)
            board.sent(42)
    assert time.monotonic() - began < 5
    text = out.getvalue()
    assert "/metrics unreachable" in text and "the run goes on" in text
    assert "commands sent 42" in text
