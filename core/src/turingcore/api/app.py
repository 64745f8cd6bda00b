"""The FastAPI application, assembled from services that are passed in."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import TypeAdapter

from turingcore.api.deps import Services
from turingcore.api.observe import ObserveRequests
from turingcore.api.problems import install_problem_handlers
from turingcore.api.routes import chain, commands, keys, ops, queries
from turingcore.api.schemas import ApiKeyCreate, BatchRequest
from turingcore.domain.commands import AnyCommand

API_VERSION = "1.0.0"
DESCRIPTION = """\
TuringCore public API (v1): a multi-tenant, event-sourced core-banking platform.

* The only way to change state is a command sent to `/tenants/{tenantId}/commands`
  (or `:batch`). A 202 means its events and projections are committed.
* Money is a decimal string with two places (`"1234.50"`); requests may also send an
  exact JSON number. Deposit accounts are credit-normal, loans and cards debit-normal.
* Every event carries `prevHash` and `hash` = SHA-256(prevHash + RFC 8785 canonical JSON of
  the event without `hash`); the first prevHash is 64 zeros.
* Errors are RFC 9457 problem documents with `error`, and `invariant` for rule violations.
"""


def _request_schemas() -> dict[str, Any]:
    """Component schemas of the raw-body requests (commands, batches, key requests)."""
    template = "#/components/schemas/{model}"
    schemas: dict[str, Any] = {}
    for name, adapter in (
        ("Command", TypeAdapter(AnyCommand)),
        ("BatchRequest", TypeAdapter(BatchRequest)),
        ("ApiKeyCreate", TypeAdapter(ApiKeyCreate)),
    ):
        schema = adapter.json_schema(ref_template=template)
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    return schemas


def build_openapi(app: FastAPI) -> dict[str, Any]:
    schema = get_openapi(
        title="TuringCore API",
        version=API_VERSION,
        description=DESCRIPTION,
        routes=app.routes,
        openapi_version="3.1.0",
    )
    components = schema.setdefault("components", {})
    components.setdefault("schemas", {}).update(_request_schemas())
    components["securitySchemes"] = {"bearerAuth": {"type": "http", "scheme": "bearer"}}
    public = {"/health/live", "/health/ready", "/metrics"}
    for path, operations in schema["paths"].items():
        for operation in operations.values():
            _problems_as_problem_json(operation)
            if path not in public:
                operation["security"] = [{"bearerAuth": []}]
    for unused in ("HTTPValidationError", "ValidationError"):
        components["schemas"].pop(unused, None)
    return schema


def _problems_as_problem_json(operation: dict[str, Any]) -> None:
    """Errors are RFC 9457 documents: drop FastAPI's default 422 (we answer 400 for invalid
    input) and publish every error schema under application/problem+json."""
    responses: dict[str, Any] = operation.get("responses", {})
    default_422 = responses.get("422", {}).get("content", {}).get("application/json", {})
    if "HTTPValidationError" in str(default_422.get("schema", "")):
        responses.pop("422")
    for status, response in responses.items():
        content = response.get("content", {})
        if int(status) >= 400 and "application/json" in content:
            content["application/problem+json"] = content.pop("application/json")


def create_app(services: Services) -> FastAPI:
    app = FastAPI(title="TuringCore API", version=API_VERSION, description=DESCRIPTION)
    app.state.services = services
    install_problem_handlers(app)
    for module in (commands, queries, chain, keys, ops):
        app.include_router(module.router)
    cached: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        schema: dict[str, Any] = cached.get("schema") or build_openapi(app)
        cached["schema"] = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(ObserveRequests, services=services)
    return app
