"""Invariant 2 — event integrity: the tenant's chain recomputed end to end, from the feed.

Written from the API contract alone (RFC 8785 + SHA-256), independent of the core's code;
a mismatch on the fast path is confirmed with the reference ``rfc8785`` before it is reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from cu_twin.validators.canonical import jcs, jcs_reference
from cu_twin.validators.findings import Finding, InvariantResult, result

GENESIS_HASH = "0" * 64
NAME = "event_integrity"


def recompute_hash(event: dict[str, Any], *, reference: bool = False) -> str:
    """hash = hex(SHA-256(prevHash + JCS(event without "hash")))."""
    body = {k: v for k, v in event.items() if k != "hash"}
    canonical = jcs_reference(body) if reference else jcs(body)
    return hashlib.sha256(str(event["prevHash"]).encode("utf-8") + canonical).hexdigest()


def check_event_integrity(
    events: Sequence[dict[str, Any]], head: dict[str, Any]
) -> InvariantResult:
    findings: list[Finding] = []
    prev = GENESIS_HASH
    for expected, event in enumerate(events, start=1):
        position = event.get("position")
        where = f"position {position}"
        if position != expected:
            findings.append(Finding(f"position gap: expected {expected}, got {position}", where))
            break
        if event.get("prevHash") != prev:
            findings.append(Finding("prevHash does not link to the previous event", where))
            break
        if recompute_hash(event) != event.get("hash") and recompute_hash(
            event, reference=True
        ) != event.get("hash"):
            findings.append(Finding("hash does not match the event's content", where))
            break
        prev = event["hash"]
    if not findings and (head.get("position") != len(events) or head.get("hash") != prev):
        findings.append(Finding("the chain head does not match the last event of the feed", "head"))
    return result(
        NAME,
        findings,
        f"{len(events)} events recomputed; chain intact; positions 1..{len(events)} gap-free",
        events=len(events),
    )
