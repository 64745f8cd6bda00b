"""The command path: FETCH -> COMPUTE (pure decide) -> STORE (events + projections) atomically.

This is the only code that writes events, and the projections are written by the same
transaction, so a 202 means everything the command did is committed (read-your-writes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from typing import Any

from opentelemetry.trace import Tracer

from turingcore.app.outcomes import (
    Accepted,
    AtomicBatchRefused,
    IdempotencyConflict,
    Invalid,
    Outcome,
    Refused,
    TenantNotFound,
)
from turingcore.app.sealing import seal
from turingcore.domain.commands import CreateTenantCommand
from turingcore.domain.decide import decide
from turingcore.domain.errors import Rejection
from turingcore.domain.snapshot import Command, Snapshot, needs
from turingcore.domain.state import Decision
from turingcore.projections.changes import Change, changes_for
from turingcore.store.base import Rollback, Store, TenantTransaction
from turingcore.store.records import StoredCommand

Clock = Callable[[], datetime]


_CONTENT_FIELDS = {"tenantId", "commandType", "actor", "timestamp", "payload"}


def idempotency_content_hash(command: Command) -> str:
    """Precise rule 2: the content is {tenantId, commandType, actor, timestamp, payload}.

    Hashed as the validated command's JSON: amounts and rates are already normalised,
    absent and null alike, and the only free-form maps (tags, metadata) are sorted by key at
    validation, so equal content always gives the same bytes. The hash is internal (never
    served), so it needs determinism, not RFC 8785 itself.
    """
    content = command.model_dump_json(include=_CONTENT_FIELDS, exclude_none=True)
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


class CommandService:
    """Handles commands for any tenant against one store; the clock is passed in."""

    def __init__(self, store: Store, clock: Clock, tracer: Tracer | None = None) -> None:
        self._store = store
        self._clock = clock
        self._tracer = tracer
        """Traces each write transaction, command and decision when set; None costs nothing."""

    def _transaction(self, tenant_id: str, commands: int) -> AbstractContextManager[object]:
        if self._tracer is None:
            return nullcontext()
        return self._tracer.start_as_current_span(
            "store.transaction",
            attributes={"turingcore.tenant_id": tenant_id, "turingcore.commands": commands},
        )

    def handle(
        self, tenant_id: str, command: Command, correlation_id: str | None = None
    ) -> Outcome:
        """Decide and commit one command in its own transaction."""
        with self._transaction(tenant_id, 1), self._store.write(tenant_id) as tx:
            recorded_at = utc_text(self._clock())
            return self._handle_in(tx, tenant_id, command, correlation_id, recorded_at)

    def handle_batch(
        self,
        tenant_id: str,
        commands: Sequence[Command | Invalid],
        *,
        atomic: bool,
        correlation_id: str | None = None,
    ) -> list[Outcome] | AtomicBatchRefused:
        """Handle commands in order in one transaction.

        ``Invalid`` items (refused before a decision: schema, scope) pass through in place.
        Each command stands alone (a refused one writes nothing and does not undo the
        others) unless ``atomic``: then the first command not accepted discards them all.
        """
        outcomes: list[Outcome] = []
        refused: AtomicBatchRefused | None = None
        try:
            with self._transaction(tenant_id, len(commands)), self._store.write(tenant_id) as tx:
                # One clock reading per transaction: its commands are recorded together.
                recorded_at = utc_text(self._clock())
                if tx.tenant() is not None:
                    tx.prefetch_commands(
                        [
                            (c.commandId, c.idempotencyKey)
                            for c in commands
                            if not isinstance(c, Invalid)
                        ]
                    )
                for index, command in enumerate(commands):
                    outcome = (
                        command
                        if isinstance(command, Invalid)
                        else self._handle_in(tx, tenant_id, command, correlation_id, recorded_at)
                    )
                    if atomic and not isinstance(outcome, Accepted):
                        refused = AtomicBatchRefused(index, outcome)
                        raise Rollback
                    outcomes.append(outcome)
        except Rollback:
            assert refused is not None
            return refused
        return outcomes

    def _handle_in(
        self,
        tx: TenantTransaction,
        tenant_id: str,
        command: Command,
        correlation_id: str | None,
        recorded_at: str,
    ) -> Outcome:
        if self._tracer is None:
            return self._handle_command(tx, tenant_id, command, correlation_id, recorded_at)
        with self._tracer.start_as_current_span(
            "command",
            attributes={
                "turingcore.command_id": command.commandId,
                "turingcore.command_type": command.commandType,
            },
        ) as span:
            outcome = self._handle_command(tx, tenant_id, command, correlation_id, recorded_at)
            span.set_attribute("turingcore.outcome", type(outcome).__name__)
            if isinstance(outcome, Refused):
                span.set_attribute("turingcore.rule", outcome.rejection.rule.value)
            return outcome

    def _decide(self, snapshot: Snapshot, command: Command) -> Decision | Rejection:
        if self._tracer is None:
            return decide(snapshot, command)
        with self._tracer.start_as_current_span("decide"):
            return decide(snapshot, command)

    def _handle_command(
        self,
        tx: TenantTransaction,
        tenant_id: str,
        command: Command,
        correlation_id: str | None,
        recorded_at: str,
    ) -> Outcome:
        if not isinstance(command, CreateTenantCommand) and tx.tenant() is None:
            return TenantNotFound(tenant_id)
        content_hash = idempotency_content_hash(command)
        seen = tx.find_command(command.commandId, command.idempotencyKey)
        if seen is not None:
            if seen.content_hash != content_hash:
                reused = "commandId" if seen.command_id == command.commandId else "idempotencyKey"
                return IdempotencyConflict(command.commandId, reused)
            return Accepted({**seen.response, "status": "ALREADY_PROCESSED"}, replayed=True)
        decision = self._decide(tx.load(needs(command)), command)
        if isinstance(decision, Rejection):
            return Refused(command.commandId, decision)
        correlation = correlation_id or command.commandId
        sealed, head = seal(
            tenant_id, command, decision.events, tx.head(), recorded_at, correlation
        )
        changes: list[Change] = [c for event in sealed for c in changes_for(event)]
        body: dict[str, Any] = {
            "commandId": command.commandId,
            "status": "ACCEPTED",
            "correlationId": correlation,
            "acceptedAt": recorded_at,
            "position": head.position,
            "eventIds": [e.event_id for e in sealed],
            "result": decision.result,
        }
        stored = StoredCommand(command.commandId, command.idempotencyKey, content_hash, body)
        tx.append(sealed, changes, stored)
        return Accepted(body, events_appended=len(sealed))
