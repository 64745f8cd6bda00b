"""Batch senders: add commands one by one, they go out in full ``:batch`` requests.

    with BatchSender(client) as sender:
        for command in plan:
            sender.add(command)          # sends whenever 1,000 are waiting
    results = sender.results             # one result per command, in order

Leaving the ``with`` block normally sends what is left; leaving it with an exception
sends nothing more. A failed send keeps its commands queued, so ``flush()`` may be called
again: the server answers ALREADY_PROCESSED for any it had already applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

from turingcore_client._async_client import AsyncClient
from turingcore_client._batching import BATCH_COMMANDS_MAX
from turingcore_client._client import Client
from turingcore_client._models import CommandResult, RejectedResult


def _checked_batch_size(batch_size: int) -> int:
    if isinstance(batch_size, bool) or not 1 <= batch_size <= BATCH_COMMANDS_MAX:
        raise ValueError(f"batch_size is 1 to {BATCH_COMMANDS_MAX}")
    return batch_size


class BatchSender:
    """Buffers commands for a :class:`Client` and sends them ``batch_size`` at a time."""

    def __init__(
        self,
        client: Client,
        *,
        batch_size: int = BATCH_COMMANDS_MAX,
        correlation_id: str | None = None,
    ) -> None:
        self._client = client
        self._batch_size = _checked_batch_size(batch_size)
        self._correlation_id = correlation_id
        self._pending: list[Mapping[str, Any]] = []
        self.results: list[CommandResult | RejectedResult] = []
        """Every result so far, in the order the commands were added."""

    @property
    def pending(self) -> int:
        """How many commands wait to be sent."""
        return len(self._pending)

    def add(self, command: Mapping[str, Any]) -> None:
        """Queue one command; sends the queue once it holds ``batch_size`` commands."""
        self._pending.append(command)
        if len(self._pending) >= self._batch_size:
            self.flush()

    def flush(self) -> list[CommandResult | RejectedResult]:
        """Send every queued command now; returns their results (also kept in ``results``)."""
        pending, self._pending = self._pending, []
        if not pending:
            return []
        try:
            sent = self._client.send_many(
                pending, batch_size=self._batch_size, correlation_id=self._correlation_id
            )
        except BaseException:
            # Keep them queued: a later flush resends them, which the server's
            # idempotency makes safe even for those already applied.
            self._pending = pending + self._pending
            raise
        self.results.extend(sent)
        return sent

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.flush()


class AsyncBatchSender:
    """Buffers commands for an :class:`AsyncClient` and sends them ``batch_size`` at a time."""

    def __init__(
        self,
        client: AsyncClient,
        *,
        batch_size: int = BATCH_COMMANDS_MAX,
        correlation_id: str | None = None,
    ) -> None:
        self._client = client
        self._batch_size = _checked_batch_size(batch_size)
        self._correlation_id = correlation_id
        self._pending: list[Mapping[str, Any]] = []
        self.results: list[CommandResult | RejectedResult] = []
        """Every result so far, in the order the commands were added."""

    @property
    def pending(self) -> int:
        """How many commands wait to be sent."""
        return len(self._pending)

    async def add(self, command: Mapping[str, Any]) -> None:
        """Queue one command; sends the queue once it holds ``batch_size`` commands."""
        self._pending.append(command)
        if len(self._pending) >= self._batch_size:
            await self.flush()

    async def flush(self) -> list[CommandResult | RejectedResult]:
        """Send every queued command now; returns their results (also kept in ``results``)."""
        pending, self._pending = self._pending, []
        if not pending:
            return []
        try:
            sent = await self._client.send_many(
                pending, batch_size=self._batch_size, correlation_id=self._correlation_id
            )
        except BaseException:
            # Keep them queued: a later flush resends them, which the server's
            # idempotency makes safe even for those already applied.
            self._pending = pending + self._pending
            raise
        self.results.extend(sent)
        return sent

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            await self.flush()
