"""Scrape the core's ``/metrics`` on a background thread, keeping the last few snapshots.

The shell around ``samples.parse_snapshot``: the fetch and the clock are passed in, so a
test can point it at any server. A failed scrape is recorded as a value (the panel says
so) and the next one is tried on time; it never stops the run.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from cu_twin.observe.samples import ExpositionError, Snapshot, parse_snapshot
from turingcore_client import Client, TuringCoreError

SCRAPE_INTERVAL_S = 1.0
SCRAPE_TIMEOUT_S = 2.0
"""Shorter than a run is patient: a core too busy to answer is reported, not waited for."""
SNAPSHOTS_KEPT = 8
"""Enough for a 5 s window at one scrape a second, and no more."""
FAILURE_REASON_LENGTH_MAX = 160


@dataclass(frozen=True)
class ScrapeFailed:
    """The last scrape got no usable answer."""

    reason: str


@dataclass(frozen=True)
class ScrapeState:
    snapshots: tuple[Snapshot, ...]
    """Oldest first, at most ``SNAPSHOTS_KEPT``."""
    failure: ScrapeFailed | None
    """Set when the latest attempt failed (older snapshots are kept and still shown)."""
    attempts: int


def metrics_client(core_url: str) -> Client:
    """A client of its own for the scraper thread: ``/metrics`` needs no key, and a slow
    answer must not be retried into the next scrape."""
    return Client(core_url, "anonymous", timeout_s=SCRAPE_TIMEOUT_S, retries=0)


class Scraper:
    """``start()`` scrapes now and then every ``interval_s``; ``stop()`` ends the thread."""

    def __init__(
        self,
        fetch: Callable[[], str],
        clock: Callable[[], float],
        interval_s: float = SCRAPE_INTERVAL_S,
    ) -> None:
        self._fetch = fetch
        self._clock = clock
        self._interval_s = interval_s
        self._snapshots: deque[Snapshot] = deque(maxlen=SNAPSHOTS_KEPT)
        self._failure: ScrapeFailed | None = None
        self._attempts = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def scrape_once(self) -> ScrapeFailed | None:
        try:
            taken_at_s = self._clock()
            snapshot = parse_snapshot(self._fetch(), taken_at_s)
        except (TuringCoreError, ExpositionError) as exc:
            failure = ScrapeFailed(str(exc)[:FAILURE_REASON_LENGTH_MAX] or type(exc).__name__)
            with self._lock:
                self._attempts += 1
                self._failure = failure
            return failure
        with self._lock:
            self._attempts += 1
            self._failure = None
            self._snapshots.append(snapshot)
        return None

    def state(self) -> ScrapeState:
        with self._lock:
            return ScrapeState(tuple(self._snapshots), self._failure, self._attempts)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the scraper is already running")
        self._thread = threading.Thread(target=self._loop, name="cu-twin-scraper", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop scraping; waits at most one scrape's timeout for the thread to end."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=SCRAPE_TIMEOUT_S + self._interval_s)

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self.scrape_once()
            self._stopping.wait(self._interval_s)
