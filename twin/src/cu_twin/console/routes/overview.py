"""The overview page, its live fragments (event ticker, command rate) and chain verification."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse

from cu_twin.console.errors import error_view
from cu_twin.console.pages import Deps, is_fragment_request
from cu_twin.console.settings import (
    RATE_SAMPLE_EVENTS_MAX,
    RATE_WINDOW_S,
    REPORT_BYTES_MAX,
    TICKER_ROWS_MAX,
)
from cu_twin.console.views.events import command_rate, ticker_rows
from cu_twin.console.views.overview import (
    ReportUnreadableError,
    RunReportView,
    book_figures,
    chain_head_view,
    run_report_view,
    verification_view,
)
from turingcore_client import Event, TuringCoreError

POSITION_MAX = 2**53 - 1
After = Annotated[int, Query(ge=0, le=POSITION_MAX)]


@dataclass(frozen=True)
class ReportState:
    """The last twin run's report: absent (no path given), readable, or a problem."""

    path: str | None
    view: RunReportView | None
    problem: str | None


def read_report(path: Path | None) -> ReportState:
    """Read the twin run's JSON summary named at start-up (re-read on every overview)."""
    if path is None:
        return ReportState(None, None, None)
    try:
        with path.open("rb") as handle:
            data = handle.read(REPORT_BYTES_MAX + 1)
    except OSError as exc:
        return ReportState(str(path), None, f"cannot read it: {exc.strerror or exc}")
    if len(data) > REPORT_BYTES_MAX:
        return ReportState(str(path), None, f"larger than {REPORT_BYTES_MAX:,} bytes")
    try:
        return ReportState(str(path), run_report_view(data.decode("utf-8", "replace")), None)
    except ReportUnreadableError as exc:
        return ReportState(str(path), None, str(exc))


def _latest(deps: Deps, after: int, count: int) -> list[Event]:
    return deps.reader.list_events(deps.settings.tenant_id, after=after, limit=count).events


def router(deps: Deps) -> APIRouter:
    routes = APIRouter()
    reader, tenant_id = deps.reader, deps.settings.tenant_id

    @routes.get("/", response_class=HTMLResponse)
    def overview_page(request: Request) -> HTMLResponse:
        tenant = deps.tenant()
        members = reader.list_customers(tenant_id, limit=1).total
        figures = book_figures(reader.get_trial_balance(tenant_id), members)
        head = reader.get_chain_head(tenant_id)
        sample = _latest(
            deps, max(0, head.position - RATE_SAMPLE_EVENTS_MAX), RATE_SAMPLE_EVENTS_MAX
        )
        cursor = max([head.position, *(e.position for e in sample)])
        context = {
            "active": "overview",
            "tenant": tenant,
            "figures": figures,
            "head": chain_head_view(head),
            "events_total": cursor,
            "rate": command_rate(sample, deps.now(), RATE_WINDOW_S),
            "ticker": ticker_rows(sample[-TICKER_ROWS_MAX:], tenant.zone, newer_than=cursor),
            "cursor": cursor,
            "report": read_report(deps.settings.report_path),
            "live_problem": None,
        }
        return deps.render(request, "overview.html", context)

    @routes.get("/live", response_class=HTMLResponse)
    def live_events(request: Request, after: After = 0) -> Response:
        """New events since ``after``: 204 when none (htmx keeps polling), else the ticker."""
        try:
            tenant = deps.tenant()
            head = reader.get_chain_head(tenant_id)
            if head.position <= after:
                return Response(status_code=204)
            latest = _latest(deps, max(0, head.position - TICKER_ROWS_MAX), TICKER_ROWS_MAX)
        except TuringCoreError as exc:
            problem = error_view(exc).title
            return deps.render(
                request, "partials/live.html", {"cursor": after, "live_problem": problem}
            )
        cursor = max([head.position, *(e.position for e in latest)])
        context = {
            "cursor": cursor,
            "events_total": cursor,
            "head": chain_head_view(head),
            "ticker": ticker_rows(latest, tenant.zone, newer_than=after),
            "live_problem": None,
            "oob_swap": True,
        }
        return deps.render(request, "partials/live.html", context)

    @routes.get("/live/rate", response_class=HTMLResponse)
    def live_rate(request: Request) -> HTMLResponse:
        try:
            head = reader.get_chain_head(tenant_id)
            sample = _latest(
                deps, max(0, head.position - RATE_SAMPLE_EVENTS_MAX), RATE_SAMPLE_EVENTS_MAX
            )
            rate = command_rate(sample, deps.now(), RATE_WINDOW_S)
        except TuringCoreError:
            rate = None
        return deps.render(request, "partials/rate.html", {"rate": rate})

    @routes.get("/chain/verify", response_class=HTMLResponse)
    def verify_chain(request: Request) -> HTMLResponse:
        """The core's own check of the whole chain; a fragment for the overview's button."""
        result = verification_view(reader.verify_chain(tenant_id))
        if is_fragment_request(request):
            return deps.render(request, "partials/verify.html", {"verification": result})
        context = {"active": "overview", "tenant": deps.tenant(), "verification": result}
        return deps.render(request, "verify.html", context)

    return routes
