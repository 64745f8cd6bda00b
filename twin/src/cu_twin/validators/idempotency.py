"""Invariant 4 — idempotency: replaying already-sent commands changes nothing."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from cu_twin.validators.findings import Finding, InvariantResult, result
from turingcore_client import Client, TuringCoreError

NAME = "idempotency"
SAMPLE_SIZE = 50


def check_idempotency(
    client: Client, tenant_id: str, sent: Sequence[Mapping[str, Any]], rng: random.Random
) -> InvariantResult:
    """Resend a seeded sample of accepted commands: each 200 ALREADY_PROCESSED, head unmoved."""
    sample = rng.sample(list(sent), min(SAMPLE_SIZE, len(sent)))
    head_before = client.get_chain_head(tenant_id)
    findings: list[Finding] = []
    for command in sample:
        try:
            answer = client.send(command)
        except TuringCoreError as exc:
            findings.append(
                Finding(f"replay refused: {type(exc).__name__}", str(command["commandId"]))
            )
            continue
        if answer.status != "ALREADY_PROCESSED":
            findings.append(Finding(f"replay answered {answer.status}", str(command["commandId"])))
    head_after = client.get_chain_head(tenant_id)
    if (head_after.position, head_after.hash) != (head_before.position, head_before.hash):
        findings.append(
            Finding(
                "replays appended events", f"head {head_before.position} -> {head_after.position}"
            )
        )
    return result(
        NAME,
        findings,
        f"{len(sample)} commands replayed: all ALREADY_PROCESSED, chain head unchanged",
        replayed=len(sample),
    )


def post_entries_from_feed(events: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild the PostEntry commands behind EntryPosted events, for a replay without the
    run's own records (``twin inspect``): same commandId, actor, timestamp and payload."""
    opened_by = {e["causationId"] for e in events if e["eventType"] == "AccountOpened"}
    rebuilt = []
    for event in events:
        if event["eventType"] != "EntryPosted" or event["causationId"] in opened_by:
            continue
        payload = {k: v for k, v in event["payload"].items() if k not in ("entryId", "balances")}
        rebuilt.append(
            {
                "commandId": event["causationId"],
                "tenantId": event["tenantId"],
                "commandType": "PostEntry",
                "actor": event["actor"],
                "timestamp": event["occurredAt"],
                "payload": payload,
            }
        )
    return rebuilt
