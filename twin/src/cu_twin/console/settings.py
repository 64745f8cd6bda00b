"""The console's settings and limits: one frozen object handed to the app factory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MEMBERS_PAGE_SIZE = 25
ACCOUNT_EVENTS_PAGE_SIZE = 50
TICKER_ROWS_MAX = 12
RATE_SAMPLE_EVENTS_MAX = 250
RATE_WINDOW_S = 10
COMMAND_SCAN_EVENTS_MAX = 200
SEARCH_TEXT_LENGTH_MAX = 100  # the core's own bound on ``q``
PAGE_NUMBER_MAX = 100_000
LIVE_POLL_S = 2
RATE_POLL_S = 5
REPORT_BYTES_MAX = 2_000_000


@dataclass(frozen=True)
class ConsoleSettings:
    """What one console serves: a tenant, and optionally the JSON report of a twin run."""

    tenant_id: str = "CU_DIGITAL"
    report_path: Path | None = None
    live_poll_s: int = LIVE_POLL_S
    rate_poll_s: int = RATE_POLL_S
