"""What a write transaction knows about remembered commands, shared by every adapter.

A transaction remembers the commands it wrote (not yet flushed) and the result of one bulk
lookup of a batch's (commandId, idempotencyKey) pairs, so a batch of 1,000 commands costs
one query for idempotency instead of 1,000. A commandId match wins over an idempotencyKey
match, as in the single-command lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from turingcore.store.records import StoredCommand


class Unknown:
    """``recall`` cannot answer from memory: ask the store."""


UNKNOWN: Final = Unknown()


class CommandMemory:
    def __init__(self) -> None:
        self.written: dict[str, StoredCommand] = {}
        self._written_by_key: dict[str, StoredCommand] = {}
        self._found_by_id: dict[str, StoredCommand] = {}
        self._found_by_key: dict[str, StoredCommand] = {}
        self._checked_ids: set[str] = set()
        self._checked_keys: set[str] = set()

    def remember(self, command: StoredCommand) -> None:
        """A command this transaction wrote."""
        self.written[command.command_id] = command
        if command.idempotency_key is not None:
            self._written_by_key[command.idempotency_key] = command

    def learn(
        self, checked: Sequence[tuple[str, str | None]], found: Iterable[StoredCommand]
    ) -> None:
        """The store was asked about ``checked`` pairs and held ``found``."""
        self._checked_ids.update(command_id for command_id, _ in checked)
        self._checked_keys.update(key for _, key in checked if key is not None)
        for command in found:
            self._found_by_id[command.command_id] = command
            if command.idempotency_key is not None:
                self._found_by_key[command.idempotency_key] = command

    def recall(
        self, command_id: str, idempotency_key: str | None
    ) -> StoredCommand | Unknown | None:
        """The remembered command, ``None`` if known to be new, or ``UNKNOWN``."""
        written = self.written.get(command_id)
        if written is None and idempotency_key is not None:
            written = self._written_by_key.get(idempotency_key)
        if written is not None:
            return written
        if command_id not in self._checked_ids or (
            idempotency_key is not None and idempotency_key not in self._checked_keys
        ):
            return UNKNOWN
        found = self._found_by_id.get(command_id)
        if found is None and idempotency_key is not None:
            found = self._found_by_key.get(idempotency_key)
        return found
