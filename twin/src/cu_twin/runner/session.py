"""A twin run's connection to the core: the client, deterministic ids, and what was sent.

Everything the twin does to the core goes through ``Session.send_all``: commands in order,
in full ``:batch`` requests, each request timed; rejections are counted by rule (never
hidden) and every accepted command is remembered for the idempotency check.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from turingcore_client import (
    BATCH_COMMANDS_MAX,
    Actor,
    Client,
    CommandResult,
    CommandType,
    RejectedResult,
    command_id_for,
    envelope,
)

TWIN_ACTOR = Actor.service("cu-twin")
SENT_SAMPLE_MAX = 5_000
"""Accepted commands remembered for the idempotency replay (a bounded reservoir)."""


@dataclass
class SendStats:
    commands_sent: int = 0
    accepted: int = 0
    already_processed: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    request_latencies_ms: list[float] = field(default_factory=list)
    requests: int = 0


@dataclass
class Session:
    """One run against one tenant; ``id_scope`` makes every commandId deterministic."""

    client: Client
    tenant_id: str
    id_scope: tuple[str | int, ...]
    stats: SendStats = field(default_factory=SendStats)
    sent: list[dict[str, Any]] = field(default_factory=list)
    on_progress: Callable[[int], None] | None = None

    def command(
        self,
        command_type: CommandType,
        payload: Mapping[str, Any],
        step: Sequence[str | int],
        timestamp: datetime,
        *,
        scoped: bool = True,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """An envelope whose commandId derives from (scope, step); ``scoped=False`` for
        things shared by every scenario of the tenant (the tenant itself, its products)."""
        key = (*self.id_scope, *step) if scoped else (self.tenant_id, *step)
        built = envelope(
            self.tenant_id,
            command_type,
            payload,
            command_id=command_id_for(*key),
            actor=TWIN_ACTOR,
            timestamp=timestamp,
            idempotency_key=idempotency_key,
        )
        return dict(built)

    def send_all(self, commands: Sequence[dict[str, Any]]) -> list[CommandResult | RejectedResult]:
        """Send in order, ``BATCH_COMMANDS_MAX`` per request; per-command results in order."""
        results: list[CommandResult | RejectedResult] = []
        for start in range(0, len(commands), BATCH_COMMANDS_MAX):
            chunk = commands[start : start + BATCH_COMMANDS_MAX]
            began = time.perf_counter()
            answers = self.client.send_batch(chunk)
            self.stats.request_latencies_ms.append((time.perf_counter() - began) * 1000)
            self.stats.requests += 1
            for command, answer in zip(chunk, answers, strict=True):
                self._count(command, answer)
            results.extend(answers)
            if self.on_progress is not None:
                self.on_progress(len(chunk))
        return results

    def _count(self, command: dict[str, Any], answer: CommandResult | RejectedResult) -> None:
        self.stats.commands_sent += 1
        if isinstance(answer, RejectedResult):
            problem = answer.problem
            self.stats.rejections[problem.invariant or problem.error] += 1
            return
        if answer.status == "ALREADY_PROCESSED":
            self.stats.already_processed += 1
        else:
            self.stats.accepted += 1
        if len(self.sent) < SENT_SAMPLE_MAX:
            self.sent.append(command)


def result_ids(results: Sequence[CommandResult | RejectedResult], key: str) -> list[str | None]:
    """The id each accepted (or replayed) command created, ``None`` where it was rejected."""
    return [None if isinstance(r, RejectedResult) else r.result.get(key) for r in results]
