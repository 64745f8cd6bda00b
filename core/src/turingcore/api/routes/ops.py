"""Unauthenticated operations endpoints: liveness, readiness, Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from turingcore.api.deps import ServicesDep
from turingcore.api.problems import problem, problem_response
from turingcore.api.routes.common import json_response, problem_responses
from turingcore.api.schemas import Health

router = APIRouter(tags=["operations"])


@router.get("/health/live", operation_id="live", response_model=Health)
def live() -> Response:
    """The process is up."""
    return json_response({"status": "live", "checks": {}})


@router.get(
    "/health/ready", operation_id="ready", response_model=Health, responses=problem_responses(503)
)
def ready(services: ServicesDep) -> Response:
    """Ready when the store answers and no migration is pending."""
    checks: dict[str, str] = {}
    try:
        services.store.ping()
        checks["store"] = "ok"
        pending = services.store.pending_migrations()
        checks["migrations"] = "current" if not pending else f"pending: {', '.join(pending)}"
    except Exception as exc:
        checks["store"] = f"unavailable: {type(exc).__name__}"
    if checks.get("store") == "ok" and checks.get("migrations") == "current":
        return json_response({"status": "ready", "checks": checks})
    return problem_response(
        problem(503, "not ready", error="NOT_READY", details={"checks": checks})
    )


@router.get(
    "/metrics",
    operation_id="metrics",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
def metrics(services: ServicesDep) -> Response:
    return Response(services.metrics.render(), media_type=services.metrics.content_type)
