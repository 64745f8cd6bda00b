"""Pieces shared by the routes: path parameters, documented error statuses, JSON replies."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Path, Query
from fastapi.responses import Response

from turingcore.api.deps import Services
from turingcore.api.limits import (
    PAGE_LIMIT_DEFAULT,
    PAGE_LIMIT_MAX,
    PAGE_OFFSET_MAX,
    PATH_ID_LENGTH_MAX,
)
from turingcore.api.problems import ProblemError
from turingcore.api.schemas import Problem

TenantPath = Annotated[
    str, Path(min_length=1, max_length=PATH_ID_LENGTH_MAX, description="Tenant code")
]
IdPath = Annotated[str, Path(min_length=1, max_length=PATH_ID_LENGTH_MAX)]
Limit = Annotated[int, Query(ge=1, le=PAGE_LIMIT_MAX)]
Offset = Annotated[int, Query(ge=0, le=PAGE_OFFSET_MAX)]
LIMIT_DEFAULT = PAGE_LIMIT_DEFAULT


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the problem statuses a route can answer."""
    return {status: {"model": Problem} for status in statuses}


QUERY_ERRORS = problem_responses(400, 401, 403, 404, 429)


def json_response(body: Any, status: int = 200) -> Response:
    """JSON rendered by orjson (a batch reply of 1,000 results took a tenth of the request
    time in the standard library's encoder)."""
    return Response(
        content=orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS),
        status_code=status,
        media_type="application/json",
    )


def raw_json(text: str, status: int = 200) -> Response:
    """Send JSON already rendered (event feeds are built from stored canonical text)."""
    return Response(content=text.encode("utf-8"), status_code=status, media_type="application/json")


def tenant_or_404(services: Services, tenant_id: str) -> dict[str, Any]:
    record = services.store.tenant_record(tenant_id)
    if record is None:
        raise ProblemError(404, f"tenant {tenant_id} does not exist", error="TENANT_NOT_FOUND")
    return record
