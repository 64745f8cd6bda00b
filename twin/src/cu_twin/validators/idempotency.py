"""Invariant 4 — idempotency: replaying already-sent commands changes nothing."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
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


class ReplaySample:
    """A seeded reservoir of PostEntry commands rebuilt from EntryPosted events, for a
    replay without the run's own records (``twin inspect``): same commandId, actor,
    timestamp and payload. Entries caused by OpenAccount (opening deposits, loan
    disbursements) are not PostEntry commands and are left out."""

    def __init__(self, rng: random.Random, size: int = SAMPLE_SIZE) -> None:
        self.rng, self.size, self.seen = rng, size, 0
        self.sample: list[dict[str, Any]] = []
        self._opened_by: set[str] = set()

    def see(self, event: dict[str, Any]) -> None:
        if event["eventType"] == "AccountOpened":
            self._opened_by.add(event["causationId"])
            return
        if event["eventType"] != "EntryPosted" or event["causationId"] in self._opened_by:
            return
        self.seen += 1
        slot = len(self.sample) if len(self.sample) < self.size else self.rng.randrange(self.seen)
        if slot < self.size:
            payload = {
                k: v for k, v in event["payload"].items() if k not in ("entryId", "balances")
            }
            command = {
                "commandId": event["causationId"],
                "tenantId": event["tenantId"],
                "commandType": "PostEntry",
                "actor": event["actor"],
                "timestamp": event["occurredAt"],
                "payload": payload,
            }
            if slot == len(self.sample):
                self.sample.append(command)
            else:
                self.sample[slot] = command


def post_entries_from_feed(
    events: Iterable[Mapping[str, Any]], rng: random.Random | None = None
) -> list[dict[str, Any]]:
    sample = ReplaySample(rng or random.Random(0))
    for event in events:
        sample.see(dict(event))
    return sample.sample
