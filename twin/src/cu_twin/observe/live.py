"""``--observe``: draw the panel live (Rich ``Live``, twice a second) while a run goes on.

The shell: it starts the scraper, redraws from whatever the scraper and the run board
hold, and on exit stops both. A run that ends normally gets one last scrape first, so
the panel left on screen shows the run's final figures; a failed or interrupted run
stops at once.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType

from rich.console import Console, Group, RenderableType
from rich.live import Live

from cu_twin.observe.dashboard import Dashboard, dashboard
from cu_twin.observe.panel import PanelView, render_panel
from cu_twin.observe.run_board import RunBoard
from cu_twin.observe.scrape import Scraper, metrics_client

REFRESH_PER_S = 2.0


class LiveObserver:
    """``with LiveObserver(scraper, source, console, board, above=progress): run()``."""

    def __init__(
        self,
        scraper: Scraper,
        source: str,
        console: Console,
        board: RunBoard,
        above: RenderableType | None = None,
    ) -> None:
        self._scraper = scraper
        self._source = source
        self._board = board
        self._console = console
        self._above = above
        self._cached: tuple[float, Dashboard] | None = None
        self._live = Live(
            console=console,
            refresh_per_second=REFRESH_PER_S,
            transient=False,
            get_renderable=self._renderable,
        )

    def view(self) -> PanelView:
        """What the panel shows now (the dashboard is recomputed once per new scrape)."""
        state = self._scraper.state()
        figures: Dashboard | None = None
        if state.snapshots:
            newest = state.snapshots[-1].taken_at_s
            if self._cached is None or self._cached[0] != newest:
                self._cached = (newest, dashboard(state.snapshots))
            figures = self._cached[1]
        return PanelView(self._source, figures, state.failure, state.attempts, self._board.status())

    def _renderable(self) -> RenderableType:
        panel = render_panel(self.view())
        return panel if self._above is None else Group(self._above, panel)

    def __enter__(self) -> LiveObserver:
        self._scraper.start()
        self._live.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._scraper.stop()
            if exc_type is None:
                self._scraper.scrape_once()
        finally:
            self._live.stop()
            if not self._console.is_terminal:  # Live ends a terminal's last line, not a file's
                self._console.line()


@contextmanager
def observing(
    core_url: str, console: Console, above: RenderableType | None = None
) -> Iterator[RunBoard]:
    """The live panel of the core at ``core_url`` on ``console`` (``above`` drawn on top,
    e.g. the run's progress bars); yields the board the run's progress hooks feed."""
    board = RunBoard()
    with metrics_client(core_url) as client:
        scraper = Scraper(client.metrics, time.monotonic)
        with LiveObserver(scraper, f"{core_url}/metrics", console, board, above=above):
            yield board
