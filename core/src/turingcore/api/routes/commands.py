"""The command gateway: the only way to change a tenant's state.

Order of checks (API contract, precise rule 1): 401 key -> 403 key vs tenant/command ->
413 size -> 400 JSON/schema/envelope -> 404 tenant -> 200/409 idempotency -> 422 rules.
"""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from turingcore.api.auth import Principal, authorize_tenant
from turingcore.api.body import parse_json, read_body
from turingcore.api.command_records import record_commands
from turingcore.api.deps import PrincipalDep, ServicesDep
from turingcore.api.limits import (
    BATCH_BODY_BYTES_MAX,
    BATCH_COMMANDS_MAX,
    COMMAND_BODY_BYTES_MAX,
    CORRELATION_ID_LENGTH_MAX,
)
from turingcore.api.problems import (
    ProblemError,
    problem,
    problem_response,
    rejection_problem,
    validation_details,
)
from turingcore.api.routes.common import TenantPath, json_response, problem_responses, tenant_or_404
from turingcore.api.schemas import BatchResults, CommandResult
from turingcore.app.outcomes import (
    Accepted,
    AtomicBatchRefused,
    IdempotencyConflict,
    Invalid,
    Outcome,
    Refused,
)
from turingcore.domain.commands import AnyCommand, CreateTenantCommand
from turingcore.domain.snapshot import Command

router = APIRouter(tags=["commands"])
_COMMAND = TypeAdapter(AnyCommand)
_CREATE_TENANT = "CreateTenant"


def _command_id_of(data: Any) -> str | None:
    value = data.get("commandId") if isinstance(data, dict) else None
    return value if isinstance(value, str) and len(value) <= 64 else None


def _forbidden_command(principal: Principal, data: Any) -> dict[str, Any] | None:
    if (
        isinstance(data, dict)
        and data.get("commandType") == _CREATE_TENANT
        and not principal.is_admin
    ):
        return problem(
            403, "CreateTenant needs a platform:admin key", command_id=_command_id_of(data)
        )
    return None


def _validate(data: Any, tenant_id: str) -> Command | dict[str, Any]:
    """The command, or the 400 problem that says what is wrong with it."""
    command_id = _command_id_of(data)
    try:
        command: Command = _COMMAND.validate_python(data)
    except ValidationError as exc:
        return problem(
            400,
            "the command does not match its schema",
            error="VALIDATION_FAILED",
            command_id=command_id,
            details=validation_details(exc.errors()),
        )
    if command.tenantId != tenant_id:
        return problem(
            400,
            "the envelope's tenantId must equal the path's tenantId",
            error="TENANT_MISMATCH",
            command_id=command_id,
        )
    if isinstance(command, CreateTenantCommand) and command.payload.tenantCode != tenant_id:
        return problem(
            400,
            "CreateTenant must be sent to /tenants/{tenantCode}/commands",
            error="TENANT_MISMATCH",
            command_id=command_id,
        )
    return command


def _correlation_id(request: Request) -> str | None:
    value = request.headers.get("x-correlation-id")
    if value and len(value) <= CORRELATION_ID_LENGTH_MAX and value.isprintable():
        return value
    return None


def outcome_problem(outcome: Outcome) -> dict[str, Any] | None:
    """The problem document of an outcome that is not an acceptance."""
    if isinstance(outcome, Accepted):
        return None
    if isinstance(outcome, Invalid):
        return outcome.problem
    if isinstance(outcome, Refused):
        return rejection_problem(outcome.rejection, outcome.command_id)
    if isinstance(outcome, IdempotencyConflict):
        return problem(
            409,
            f"this {outcome.reused} was already used with different content",
            error="IDEMPOTENCY_CONFLICT",
            command_id=outcome.command_id,
        )
    return problem(404, f"tenant {outcome.tenant_id} does not exist", error="TENANT_NOT_FOUND")


COMMAND_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Command"}}},
}
BATCH_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/BatchRequest"}}},
}


@router.post(
    "/tenants/{tenantId}/commands",
    operation_id="sendCommand",
    status_code=202,
    response_model=CommandResult,
    responses={
        200: {"model": CommandResult, "description": "Already processed (idempotent replay)"},
        **problem_responses(400, 401, 403, 404, 409, 413, 422, 429),
    },
    openapi_extra={"requestBody": COMMAND_BODY},
)
async def send_command(
    tenantId: TenantPath, request: Request, principal: PrincipalDep, services: ServicesDep
) -> Response:
    """Send one command; 202 once its events and projections are committed."""
    authorize_tenant(principal, tenantId, write=True)
    data = parse_json(await read_body(request, COMMAND_BODY_BYTES_MAX))
    forbidden = _forbidden_command(principal, data)
    if forbidden is not None:
        raise ProblemError(403, forbidden["detail"], command_id=forbidden.get("commandId"))
    command = _validate(data, tenantId)
    if isinstance(command, dict):
        command_id = _command_id_of(data)
        record_commands(
            services,
            tenantId,
            [("unknown", command_id, Invalid(command_id, command))],
            correlation_id=_correlation_id(request),
            latency_s=None,
            batch=False,
        )
        return problem_response(command)
    correlation_id = _correlation_id(request)
    elapsed: list[float] = []

    def run() -> Outcome:
        began = time.perf_counter()
        try:
            return services.commands.handle(tenantId, command, correlation_id)
        finally:
            elapsed.append(time.perf_counter() - began)

    outcome = await run_in_threadpool(run)
    services.metrics.store_transaction.labels("command").observe(elapsed[0])
    record_commands(
        services,
        tenantId,
        [(command.commandType, command.commandId, outcome)],
        correlation_id=correlation_id,
        latency_s=elapsed[0],
        batch=False,
    )
    if isinstance(outcome, Accepted):
        return json_response(outcome.body, 200 if outcome.replayed else 202)
    body = outcome_problem(outcome)
    assert body is not None
    return problem_response(body)


def _batch_items(
    data: Any, principal: Principal, tenant_id: str
) -> tuple[list[Command | Invalid], bool]:
    if not isinstance(data, dict) or not isinstance(data.get("commands"), list):
        raise ProblemError(
            400, 'the body must be {"commands": [...], "atomic": false}', error="VALIDATION_FAILED"
        )
    unknown = set(data) - {"commands", "atomic"}
    if unknown:
        raise ProblemError(400, f"unknown fields: {sorted(unknown)}", error="VALIDATION_FAILED")
    atomic = data.get("atomic", False)
    if not isinstance(atomic, bool):
        raise ProblemError(400, "atomic must be a boolean", error="VALIDATION_FAILED")
    raw_commands = data["commands"]
    if not 1 <= len(raw_commands) <= BATCH_COMMANDS_MAX:
        raise ProblemError(
            400, f"a batch holds 1 to {BATCH_COMMANDS_MAX} commands", error="BATCH_TOO_LARGE"
        )
    items: list[Command | Invalid] = []
    for raw in raw_commands:
        forbidden = _forbidden_command(principal, raw)
        checked = forbidden if forbidden is not None else _validate(raw, tenant_id)
        items.append(
            Invalid(_command_id_of(raw), checked) if isinstance(checked, dict) else checked
        )
    return items, atomic


def _batch_result(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, Accepted):
        return outcome.body
    body = outcome_problem(outcome)
    return {
        "status": "REJECTED",
        "commandId": body.get("commandId") if body else None,
        "problem": body,
    }


@router.post(
    "/tenants/{tenantId}/commands:batch",
    operation_id="sendCommandBatch",
    response_model=BatchResults,
    responses=problem_responses(400, 401, 403, 404, 413, 422, 429),
    openapi_extra={"requestBody": BATCH_BODY},
)
async def send_command_batch(
    tenantId: TenantPath, request: Request, principal: PrincipalDep, services: ServicesDep
) -> Response:
    """Send up to 1,000 commands in order; per-command results, or all-or-nothing if atomic."""
    authorize_tenant(principal, tenantId, write=True)
    data = parse_json(await read_body(request, BATCH_BODY_BYTES_MAX))
    items, atomic = _batch_items(data, principal, tenantId)
    if not any(isinstance(i, CreateTenantCommand) for i in items):
        tenant_or_404(services, tenantId)
    services.metrics.batch_size.observe(len(items))
    correlation_id = _correlation_id(request)
    elapsed: list[float] = []

    def run() -> list[Outcome] | AtomicBatchRefused:
        began = time.perf_counter()
        try:
            return services.commands.handle_batch(
                tenantId, items, atomic=atomic, correlation_id=correlation_id
            )
        finally:
            elapsed.append(time.perf_counter() - began)

    result = await run_in_threadpool(run)
    services.metrics.store_transaction.labels("batch").observe(elapsed[0])
    if isinstance(result, AtomicBatchRefused):
        failed = items[result.index]
        record_commands(
            services,
            tenantId,
            [
                (
                    "unknown" if isinstance(failed, Invalid) else failed.commandType,
                    failed.command_id if isinstance(failed, Invalid) else failed.commandId,
                    result.outcome,
                )
            ],
            correlation_id=correlation_id,
            latency_s=elapsed[0],
            batch=False,
        )
        inner = outcome_problem(result.outcome)
        return problem_response(
            problem(
                422,
                f"command {result.index} was not accepted; nothing was written",
                error="ATOMIC_BATCH_REJECTED",
                command_id=inner.get("commandId") if inner else None,
                invariant=inner.get("invariant") if inner else None,
                details={"index": result.index, "problem": inner},
            )
        )
    record_commands(
        services,
        tenantId,
        [
            (
                "unknown" if isinstance(item, Invalid) else item.commandType,
                item.command_id if isinstance(item, Invalid) else item.commandId,
                outcome,
            )
            for item, outcome in zip(items, result, strict=True)
        ],
        correlation_id=correlation_id,
        latency_s=elapsed[0],
        batch=True,
    )
    return json_response({"results": [_batch_result(o) for o in result]})
