"""The tenant's hash chain: its head, and a verification recomputed from the store."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from turingcore.api.auth import authorize_tenant
from turingcore.api.deps import PrincipalDep, ServicesDep
from turingcore.api.routes.common import QUERY_ERRORS, TenantPath, json_response, tenant_or_404
from turingcore.api.schemas import ChainHead, ChainVerification
from turingcore.app.queries import verify

router = APIRouter(tags=["chain"], responses=QUERY_ERRORS)


@router.get("/tenants/{tenantId}/chain/head", operation_id="getChainHead", response_model=ChainHead)
def get_chain_head(
    tenantId: TenantPath, principal: PrincipalDep, services: ServicesDep
) -> Response:
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    head = services.store.chain_head(tenantId)
    return json_response({"tenantId": tenantId, "position": head.position, "hash": head.hash})


@router.get(
    "/tenants/{tenantId}/chain/verify", operation_id="verifyChain", response_model=ChainVerification
)
def verify_chain(tenantId: TenantPath, principal: PrincipalDep, services: ServicesDep) -> Response:
    """200 whether or not the chain is intact; ``firstBadPosition`` names the first break."""
    authorize_tenant(principal, tenantId, write=False)
    tenant_or_404(services, tenantId)
    verdict = verify(services.store, tenantId)
    services.metrics.chain_verifications.labels("valid" if verdict.valid else "invalid").inc()
    return json_response(
        {
            "valid": verdict.valid,
            "checked": verdict.checked,
            "firstBadPosition": verdict.first_bad_position,
            "reason": verdict.reason,
        }
    )
