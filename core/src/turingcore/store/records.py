"""Records the stores persist: chained events, the chain head, remembered commands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class ChainHead:
    position: int
    hash: str


@dataclass(frozen=True, slots=True)
class SealedEvent:
    """An event exactly as stored and served: ``body`` is its canonical JSON without hash."""

    tenant_id: str
    position: int
    event_id: str
    event_type: str
    stream_id: str
    body: str
    hash: str
    envelope: dict[str, Any]


@dataclass(frozen=True, slots=True)
class StoredCommand:
    """An accepted command, remembered for idempotency with the body it was answered."""

    command_id: str
    idempotency_key: str | None
    content_hash: str
    response: dict[str, Any]
