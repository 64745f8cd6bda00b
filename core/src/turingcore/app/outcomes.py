"""What handling a command can come to, before HTTP gives each outcome its status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from turingcore.domain.errors import Rejection


@dataclass(frozen=True, slots=True)
class Accepted:
    """202 for a new command; 200 ``ALREADY_PROCESSED`` when ``replayed``."""

    body: dict[str, Any]
    replayed: bool = False
    events_appended: int = 0


@dataclass(frozen=True, slots=True)
class IdempotencyConflict:
    """409: the commandId or idempotencyKey was used before with different content."""

    command_id: str
    reused: str


@dataclass(frozen=True, slots=True)
class TenantNotFound:
    """404: the path's tenant does not exist (CreateTenant is exempt)."""

    tenant_id: str


@dataclass(frozen=True, slots=True)
class Refused:
    """422: a business rule refused the command; nothing was written."""

    command_id: str
    rejection: Rejection


@dataclass(frozen=True, slots=True)
class Invalid:
    """400/403 found before a decision (schema, envelope, key scope); carries its problem."""

    command_id: str | None
    problem: dict[str, Any]


Outcome = Accepted | IdempotencyConflict | TenantNotFound | Refused | Invalid


@dataclass(frozen=True, slots=True)
class AtomicBatchRefused:
    """422 for an atomic batch: the first command that was not accepted; nothing written."""

    index: int
    outcome: Outcome
