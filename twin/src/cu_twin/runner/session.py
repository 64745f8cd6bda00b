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
    Actor,
    BadRequest,
    Client,
    CommandResult,
    CommandType,
    IdempotencyConflict,
    RejectedResult,
    RuleViolation,
    command_id_for,
    envelope,
)

TWIN_ACTOR = Actor.service("cu-twin")
COMMANDS_PER_REQUEST = 250
"""Commands per ``:batch`` request. The API takes 1,000; a quarter of that costs no
measurable throughput and keeps every request well inside the 1 s latency SLO even on a
loaded machine, so the SLO measures the core rather than the batch size."""
SENT_SAMPLE_MAX = 5_000
"""Accepted commands remembered for the idempotency replay (a bounded reservoir)."""


@dataclass
class SendStats:
    commands_sent: int = 0
    commands_by_type: Counter[str] = field(default_factory=Counter)
    accepted: int = 0
    already_processed: int = 0
    rejections: Counter[str] = field(default_factory=Counter)
    command_latencies_ms: list[float] = field(default_factory=list)
    """Latency of single-command requests: the first command of every chunk goes alone,
    so the SLO measures what one command costs under the run's load."""
    batch_latencies_ms: list[float] = field(default_factory=list)
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
        """Send in order, ``COMMANDS_PER_REQUEST`` per chunk; per-command results in order.

        The first command of each chunk is sent on its own and timed (the command latency
        SLO); the rest of the chunk follows in one ``:batch`` request.
        """
        results: list[CommandResult | RejectedResult] = []
        for start in range(0, len(commands), COMMANDS_PER_REQUEST):
            chunk = commands[start : start + COMMANDS_PER_REQUEST]
            answers = [self._send_one(chunk[0])]
            if len(chunk) > 1:
                began = time.perf_counter()
                answers += self.client.send_batch(chunk[1:])
                self.stats.batch_latencies_ms.append((time.perf_counter() - began) * 1000)
                self.stats.requests += 1
            for command, answer in zip(chunk, answers, strict=True):
                self._count(command, answer)
            results.extend(answers)
            if self.on_progress is not None:
                self.on_progress(len(chunk))
        return results

    def _send_one(self, command: dict[str, Any]) -> CommandResult | RejectedResult:
        began = time.perf_counter()
        try:
            answer: CommandResult | RejectedResult = self.client.send(command)
        except (
            BadRequest,
            IdempotencyConflict,
            RuleViolation,
        ) as exc:  # as a batch would report it
            answer = RejectedResult(
                status="REJECTED", commandId=command.get("commandId"), problem=exc.problem
            )
        self.stats.command_latencies_ms.append((time.perf_counter() - began) * 1000)
        self.stats.requests += 1
        return answer

    def _count(self, command: dict[str, Any], answer: CommandResult | RejectedResult) -> None:
        self.stats.commands_sent += 1
        self.stats.commands_by_type[str(command.get("commandType"))] += 1
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
