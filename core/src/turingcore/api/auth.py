"""API keys: scoped machine identities, stored only as SHA-256 hashes.

Scopes: ``platform:admin`` (any tenant, CreateTenant, key management), ``tenant:operator``
(commands and queries of one tenant), ``tenant:reader`` (queries of one tenant). Keys carry
256 bits of randomness, so a fast hash is enough; a slow password hash would buy nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from turingcore.api.problems import ProblemError
from turingcore.store.base import Store

KEY_PREFIX = "tck_"
KEY_LENGTH_MAX = 512


class Scope(StrEnum):
    PLATFORM_ADMIN = "platform:admin"
    TENANT_OPERATOR = "tenant:operator"
    TENANT_READER = "tenant:reader"


@dataclass(frozen=True, slots=True)
class Principal:
    key_id: str
    scope: Scope
    tenant_id: str | None

    @property
    def is_admin(self) -> bool:
        return self.scope == Scope.PLATFORM_ADMIN


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def _unauthenticated(detail: str) -> ProblemError:
    return ProblemError(401, detail, headers={"WWW-Authenticate": 'Bearer realm="turingcore"'})


def authenticate(store: Store, authorization: str | None) -> Principal:
    """401 unless the header carries a live key."""
    if not authorization:
        raise _unauthenticated("an API key is required: Authorization: Bearer <key>")
    scheme, _, key = authorization.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key or len(key) > KEY_LENGTH_MAX:
        raise _unauthenticated("the Authorization header must be 'Bearer <key>'")
    record = store.api_key_by_hash(hash_key(key))
    if record is None or record.revoked_at is not None:
        raise _unauthenticated("the API key is not valid")
    return Principal(record.key_id, Scope(record.scope), record.tenant_id)


def authorize_tenant(principal: Principal, tenant_id: str, *, write: bool) -> None:
    """403 when the key may not act on this tenant; says nothing of the other tenant."""
    if principal.is_admin:
        return
    if principal.tenant_id != tenant_id:
        raise ProblemError(403, "this key is not allowed to access this tenant")
    if write and principal.scope != Scope.TENANT_OPERATOR:
        raise ProblemError(403, "this key may only read")


def require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise ProblemError(403, "this operation needs a platform:admin key")
