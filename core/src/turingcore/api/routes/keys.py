"""API key management (platform:admin): create (the key is shown once), list, revoke."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError

from turingcore.api.auth import hash_key, new_key, require_admin
from turingcore.api.body import parse_json, read_body
from turingcore.api.deps import PrincipalDep, ServicesDep
from turingcore.api.problems import ProblemError, validation_details
from turingcore.api.routes.common import json_response, problem_responses, tenant_or_404
from turingcore.api.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeys, TenantKeyCreate
from turingcore.app.commands import utc_text

router = APIRouter(tags=["keys"])
KEY_BODY_BYTES_MAX = 4096
_KEY_REQUEST: TypeAdapter[ApiKeyCreate] = TypeAdapter(ApiKeyCreate)
KeyIdPath = Annotated[str, Path(min_length=1, max_length=64)]


@router.post(
    "/api-keys",
    operation_id="createApiKey",
    status_code=201,
    response_model=ApiKeyCreated,
    responses=problem_responses(400, 401, 403, 404, 413, 429),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/ApiKeyCreate"}}
            },
        }
    },
)
async def create_api_key(
    request: Request, principal: PrincipalDep, services: ServicesDep
) -> Response:
    """Create a key; its secret is in this response only (the store keeps a hash)."""
    require_admin(principal)
    data = parse_json(await read_body(request, KEY_BODY_BYTES_MAX))
    try:
        spec = _KEY_REQUEST.validate_python(data)
    except ValidationError as exc:
        raise ProblemError(
            400,
            "the key request is not valid",
            error="VALIDATION_FAILED",
            details=validation_details(exc.errors()),
        ) from exc
    tenant_id = spec.tenantId if isinstance(spec, TenantKeyCreate) else None
    if tenant_id is not None:
        tenant_or_404(services, tenant_id)
    key, key_id = new_key(), str(uuid.uuid4())
    services.store.put_api_key(
        key_id, hash_key(key), spec.scope, tenant_id, spec.label, utc_text(services.clock())
    )
    body = {
        "keyId": key_id,
        "key": key,
        "scope": spec.scope,
        "tenantId": tenant_id,
        "label": spec.label,
    }
    return json_response(body, 201)


@router.get(
    "/api-keys",
    operation_id="listApiKeys",
    response_model=ApiKeys,
    responses=problem_responses(401, 403, 429),
)
def list_api_keys(principal: PrincipalDep, services: ServicesDep) -> Response:
    """Every key's metadata; never a secret or a hash."""
    require_admin(principal)
    keys = [
        {
            "keyId": k.key_id,
            "scope": k.scope,
            "tenantId": k.tenant_id,
            "label": k.label,
            "createdAt": k.created_at,
            "revokedAt": k.revoked_at,
        }
        for k in services.store.api_keys()
    ]
    return json_response({"keys": keys})


@router.delete(
    "/api-keys/{keyId}",
    operation_id="revokeApiKey",
    status_code=204,
    responses=problem_responses(400, 401, 403, 404, 429),
)
def revoke_api_key(keyId: KeyIdPath, principal: PrincipalDep, services: ServicesDep) -> Response:
    """Revoke a key at once: its next request is answered 401."""
    require_admin(principal)
    if not services.store.revoke_api_key(keyId, utc_text(services.clock())):
        raise ProblemError(404, "no such live key", error="KEY_NOT_FOUND")
    return Response(status_code=204)
