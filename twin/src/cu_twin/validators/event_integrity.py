"""Invariant 2 — event integrity: the tenant's chain recomputed end to end, from the feed.

Written from the API contract alone (RFC 8785 + SHA-256), independent of the core's code;
a mismatch on the fast path is confirmed with the reference ``rfc8785`` before it is reported.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
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


class ChainCheck:
    """Recomputes the chain one event at a time, so a feed of any length streams through."""

    def __init__(self) -> None:
        self.prev = GENESIS_HASH
        self.seen = 0
        self.findings: list[Finding] = []

    def see(self, event: dict[str, Any]) -> None:
        if self.findings:
            return
        expected = self.seen + 1
        position = event.get("position")
        where = f"position {position}"
        if position != expected:
            self.findings.append(
                Finding(f"position gap: expected {expected}, got {position}", where)
            )
        elif event.get("prevHash") != self.prev:
            self.findings.append(Finding("prevHash does not link to the previous event", where))
        elif recompute_hash(event) != event.get("hash") and recompute_hash(
            event, reference=True
        ) != event.get("hash"):
            self.findings.append(Finding("hash does not match the event's content", where))
        else:
            self.prev = event["hash"]
            self.seen = expected

    def finish(self, head: dict[str, Any]) -> InvariantResult:
        if not self.findings and (
            head.get("position") != self.seen or head.get("hash") != self.prev
        ):
            self.findings.append(
                Finding("the chain head does not match the last event of the feed", "head")
            )
        n = self.seen
        return result(
            NAME,
            self.findings,
            f"{n} events recomputed; chain intact; positions 1..{n} gap-free",
            events=n,
        )


def check_event_integrity(
    events: Iterable[dict[str, Any]], head: dict[str, Any]
) -> InvariantResult:
    check = ChainCheck()
    for event in events:
        check.see(event)
    return check.finish(head)
