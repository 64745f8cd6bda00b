"""The scenario fingerprint: a hash over the ordered business content of the tenant's events.

Leaves out what differs between two honest runs (recordedAt, and the hashes that cover it),
so the same scenario and seed on an empty core prints the same fingerprint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from cu_twin.validators.canonical import jcs

BUSINESS_FIELDS = (
    "position",
    "eventId",
    "eventType",
    "streamId",
    "occurredAt",
    "causationId",
    "actor",
    "payload",
)


def fingerprint(events: Iterable[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for event in events:
        digest.update(jcs({k: event.get(k) for k in BUSINESS_FIELDS}))
        digest.update(b"\n")
    return digest.hexdigest()
