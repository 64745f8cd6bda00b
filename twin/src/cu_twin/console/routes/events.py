"""One event of the chain in full, and the command (causationId) that caused it."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from cu_twin.console.formatting import ResourceKind, local_datetime
from cu_twin.console.pages import Deps
from cu_twin.console.settings import COMMAND_SCAN_EVENTS_MAX
from cu_twin.console.views.accounts import timeline_rows
from cu_twin.console.views.events import event_view, events_of_command
from turingcore_client import NotFound, Problem

log = logging.getLogger("cu_twin.console")
POSITION_MAX = 2**53 - 1
Position = Annotated[int, Path(ge=1, le=POSITION_MAX)]
CommandId = Annotated[str, Path(min_length=1, max_length=64)]
Near = Annotated[int, Query(ge=1, le=POSITION_MAX)]


def _not_found(detail: str) -> NotFound:
    return NotFound(
        Problem(type="about:blank", title="Not Found", status=404, detail=detail, error="NOT_FOUND")
    )


def router(deps: Deps) -> APIRouter:
    routes = APIRouter()
    reader, tenant_id = deps.reader, deps.settings.tenant_id

    @routes.get("/events/{position}", response_class=HTMLResponse)
    def event_page(request: Request, position: Position, reveal: bool = False) -> HTMLResponse:
        tenant = deps.tenant()
        found = reader.list_events(tenant_id, after=position - 1, limit=1).events
        if not found or found[0].position != position:
            raise _not_found(f"no event at position {position} in {tenant_id}")
        if reveal:
            log.info("console: personal data of event %s revealed", position)
        context = {
            "active": "overview",
            "tenant": tenant,
            "event": event_view(found[0], tenant, reveal=reveal),
            "head_position": reader.get_chain_head(tenant_id).position,
        }
        return deps.render(request, "event.html", context)

    @routes.get("/commands/{command_id}", response_class=HTMLResponse)
    def command_page(request: Request, command_id: CommandId, near: Near) -> HTMLResponse:
        """The events of one command, found around position ``near`` (a command's events
        are contiguous in the feed; the API has no query by causationId)."""
        tenant = deps.tenant()
        half = COMMAND_SCAN_EVENTS_MAX // 2
        window = reader.list_events(
            tenant_id, after=max(0, near - half), limit=COMMAND_SCAN_EVENTS_MAX
        ).events
        caused = events_of_command(window, command_id)
        if not caused:
            raise _not_found(f"no event of command {command_id} near position {near}")
        first = caused[0]
        context = {
            "active": "overview",
            "tenant": tenant,
            "command_id": command_id,
            "resource_name": tenant.name_of(ResourceKind.COMMAND, command_id),
            "correlation_id": first.correlation_id,
            "actor": f"{first.actor.get('actorType', '?')} {first.actor.get('actorId', '?')}",
            "occurred": local_datetime(first.occurred_at, tenant.zone),
            "recorded": local_datetime(first.recorded_at, tenant.zone),
            "events": timeline_rows(caused, tenant.zone),
        }
        return deps.render(request, "command.html", context)

    return routes
