"""Encoding commands and cutting a stream of them into ``:batch`` requests.

A batch holds at most ``BATCH_COMMANDS_MAX`` commands of one tenant and its body stays
under ``BATCH_BODY_BYTES_MAX``; :func:`chunk_commands` cuts an iterable of commands at
those limits and wherever the tenant changes, keeping the order. Each command is encoded
once; a retry resends the very same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from turingcore_client._envelope import to_wire

BATCH_COMMANDS_MAX = 1_000
"""The server's limit on commands per ``:batch`` request."""
BATCH_BODY_BYTES_MAX = 4 * 1024 * 1024
"""The server's limit on a ``:batch`` body."""
_BODY_OVERHEAD_BYTES = 64


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON of plain data (Decimal and dates allowed, floats refused)."""
    return orjson.dumps(to_wire(value))


def tenant_of(command: Mapping[str, Any]) -> str:
    """The ``tenantId`` of a command envelope (the path it is sent to)."""
    tenant_id = command.get("tenantId")
    if not isinstance(tenant_id, str) or not tenant_id:
        raise ValueError("a command envelope needs a tenantId string")
    return tenant_id


def batch_body(encoded: Iterable[bytes], *, atomic: bool) -> bytes:
    """The ``:batch`` body around already encoded commands."""
    tail = b'],"atomic":true}' if atomic else b'],"atomic":false}'
    return b'{"commands":[' + b",".join(encoded) + tail


@dataclass
class Chunk:
    """Consecutive encoded commands of one tenant that fit in one ``:batch`` request."""

    tenant_id: str
    encoded: list[bytes] = field(default_factory=list)
    size_bytes: int = _BODY_OVERHEAD_BYTES

    def fits(self, tenant_id: str, command_bytes: int, commands_max: int) -> bool:
        """Whether one more command of ``tenant_id`` and this size may join."""
        if not self.encoded:
            return True
        return (
            tenant_id == self.tenant_id
            and len(self.encoded) < commands_max
            and self.size_bytes + command_bytes + 1 <= BATCH_BODY_BYTES_MAX
        )

    def add(self, command_bytes: bytes) -> None:
        """Append one encoded command."""
        self.encoded.append(command_bytes)
        self.size_bytes += len(command_bytes) + 1


def chunk_commands(
    commands: Iterable[Mapping[str, Any]], *, commands_max: int = BATCH_COMMANDS_MAX
) -> Iterator[Chunk]:
    """Cut ``commands`` into batches: at most ``commands_max`` each, one tenant each, in order."""
    if not 1 <= commands_max <= BATCH_COMMANDS_MAX:
        raise ValueError(f"a batch holds 1 to {BATCH_COMMANDS_MAX} commands")
    chunk: Chunk | None = None
    for command in commands:
        tenant_id = tenant_of(command)
        encoded = encode_json(command)
        if chunk is None or not chunk.fits(tenant_id, len(encoded), commands_max):
            if chunk is not None:
                yield chunk
            chunk = Chunk(tenant_id)
        chunk.add(encoded)
    if chunk is not None:
        yield chunk
