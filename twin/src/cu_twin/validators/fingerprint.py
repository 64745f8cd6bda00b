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


class Fingerprint:
    """The fingerprint, fed one event at a time."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()

    def see(self, event: dict[str, Any]) -> None:
        self._digest.update(jcs({k: event.get(k) for k in BUSINESS_FIELDS}))
        self._digest.update(b"\n")

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def fingerprint(events: Iterable[dict[str, Any]]) -> str:
    printer = Fingerprint()
    for event in events:
        printer.see(event)
    return printer.hexdigest()
